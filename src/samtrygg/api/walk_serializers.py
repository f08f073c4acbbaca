"""Serializers of the safety walks through the API (api/walks.py): a walk with who came and what was seen, and the
bodies that plan, change and record (the choices narrowed by the view to what the pages offer)."""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.incidents.models import Category
from samtrygg.plans.models import ActionPlan
from samtrygg.walks import services
from samtrygg.walks.forms import SWEDEN
from samtrygg.walks.models import Observation, Participant, Unsafe, Walk

ROUTE = {
    "type": "object",
    "nullable": True,
    "description": "The route as a GeoJSON LineString of [lon, lat] points (WGS 84, 2 to 500 points); null for none.",
    "properties": {
        "type": {"type": "string", "enum": ["LineString"]},
        "coordinates": {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
    },
}


@extend_schema_field(ROUTE)
class RouteField(serializers.Field):
    """A GeoJSON LineString object in, the walk's route text (compact GeoJSON, blank for none) to the service."""

    default_error_messages = {"invalid": _("The route is not a line on the map.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data is None:
            return True, ""  # no route
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("invalid")
        try:
            return services.clean_route(json.dumps(data))
        except (DjangoValidationError, OverflowError, ValueError, TypeError):
            self.fail("invalid")

    def to_representation(self, value):
        return json.loads(value) if value else None


# --- what is read ---------------------------------------------------------------------------------------------------

class ParticipantSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "organisation", "organisation_name", "function", "count"]
        read_only_fields = fields


class ObservationSerializer(serializers.ModelSerializer):
    category_code = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    responsible_name = serializers.CharField(source="responsible.name", read_only=True, default=None)
    has_photo = serializers.SerializerMethodField(help_text="A photo was taken (seen on the walk page).")

    class Meta:
        model = Observation
        fields = ["id", "walk", "lat", "lon", "category", "category_code", "category_name", "unsafe", "description",
                  "suggested_measure", "responsible", "responsible_name", "responsible_function", "has_photo",
                  "incident", "measure", "recorded_at"]
        read_only_fields = fields
        extra_kwargs = {"incident": {"help_text": "The incident it was made, else null."},
                        "measure": {"help_text": "The action plan's measure it was made, else null."}}

    def get_has_photo(self, observation) -> bool:
        return bool(observation.photo)


class WalkSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    route = RouteField(read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    observations = ObservationSerializer(many=True, read_only=True)

    class Meta:
        model = Walk
        fields = ["id", "owner", "owner_name", "area", "area_name", "title", "starts_at", "meeting_place", "route",
                  "status", "summary", "participants", "observations", "created_at"]
        read_only_fields = fields


# --- what is written ------------------------------------------------------------------------------------------------

class WalkPlanSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(), required=False,
        help_text="The municipality whose walk it is; may be left out when you plan for one municipality only.")
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.none(), help_text="One of its areas.")
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    meeting_place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    route = RouteField(required=False)

    def __init__(self, *args, owners=None, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners
        if areas is not None:
            self.fields["area"].queryset = areas

    def validate(self, attrs):
        if "owner" not in attrs:
            owners = list(self.fields["owner"].queryset[:2])
            if len(owners) != 1:
                raise serializers.ValidationError({"owner": [_("Choose the municipality: you plan walks for "
                                                                "several.")]})
            attrs["owner"] = owners[0]
        return attrs


class WalkChangeSerializer(serializers.Serializer):
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.none(), required=False)
    title = serializers.CharField(max_length=200, required=False)
    starts_at = serializers.DateTimeField(required=False)
    meeting_place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    route = RouteField(required=False)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields["area"].queryset = areas


class ParticipantAddSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    function = serializers.CharField(max_length=200, help_text="A role, not a name: kommunpolis, bovärd, boende.")
    count = serializers.IntegerField(min_value=1, max_value=500, default=1)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class ObservationAddSerializer(serializers.Serializer):
    lat = serializers.FloatField(min_value=SWEDEN[0], max_value=SWEDEN[1])
    lon = serializers.FloatField(min_value=SWEDEN[2], max_value=SWEDEN[3])
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.none(),
                                                  help_text="What makes the place unsafe (a category id).")
    unsafe = serializers.ChoiceField(choices=Unsafe.choices, default=Unsafe.RATHER.value,
                                     help_text="How unsafe it feels, 1 (a little) to 5 (very).")
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    suggested_measure = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    responsible = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none(), required=False,
                                                     allow_null=True, help_text="Who does it: an organisation.")
    responsible_function = serializers.CharField(max_length=200, required=False, allow_blank=True)
    client_key = serializers.UUIDField(
        required=False, allow_null=True,
        help_text="The device's key for the observation: sent again, the same observation is answered (200).")

    def __init__(self, *args, categories=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories
        if organisations is not None:
            self.fields["responsible"].queryset = organisations


class WalkDoneSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True,
                                    help_text="What the walk found and what happens next (kept when left out).")


class ToMeasureSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=ActionPlan.objects.none(),
                                              help_text="One of the municipality's draft action plans.")

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["plan"].queryset = plans


class MadeIncidentSerializer(serializers.Serializer):
    incident = serializers.IntegerField(help_text="The incident made of the observation.")


class MadeMeasureSerializer(serializers.Serializer):
    measure = serializers.IntegerField(help_text="The measure made of the observation.")
