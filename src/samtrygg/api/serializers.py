"""What the API shows and accepts. Validation of the incident itself (times, place, privacy guard, usable
category, area and cell) stays in samtrygg.incidents.services; these only parse and present."""

import h3
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samtrygg.access import for_request
from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.incidents import selectors
from samtrygg.incidents.models import Category, Incident, PoliceEvent, Status


@extend_schema_field({"type": "string", "nullable": True, "example": "8a1f05a6d5a7fff"})
class CellField(serializers.Field):
    """An H3 cell as its usual hex string (the database keeps the 64-bit integer)."""

    def to_representation(self, value):
        return h3.int_to_str(value) if value is not None else None


class IncidentSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    category_code = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all(), required=False, allow_null=True)
    area_name = serializers.CharField(source="area.name", read_only=True, default=None)
    cell = CellField(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    status_note = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=500,
                                        help_text=_("Note for the status history (with a status change)."))
    description_removed_at = serializers.DateTimeField(
        read_only=True, allow_null=True,
        help_text=_("When the description was removed under the organisation's retention rule "
                    "(gallring); null while it is kept."))

    class Meta:
        model = Incident
        fields = [
            "id", "owner", "owner_name", "category", "category_code", "category_name", "occurred_from",
            "occurred_to", "lat", "lon", "cell", "area", "area_name", "place_type", "description", "source",
            "reported_to_police", "damage_cost_sek", "status", "status_note", "external_id", "created_at",
            "updated_at", "description_removed_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # Uniqueness and model checks are the service's business (it names them per field).
        validators: list = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # What the user cannot see does not exist, in choices as in reads (same error for both).
            access = for_request(request)
            fields["owner"].queryset = access.organisations()
            fields["category"].queryset = selectors.categories_visible(access)
            fields["area"].queryset = access.areas()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["owner"].read_only = True  # an incident keeps its reporting organisation
            fields["external_id"].read_only = True
        return fields


class CategorySerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None)

    class Meta:
        model = Category
        fields = ["id", "code", "name", "parent", "parent_code", "owner", "active"]


class AreaSerializer(serializers.ModelSerializer):
    bbox = serializers.SerializerMethodField()

    class Meta:
        model = Area
        fields = ["id", "name", "kind", "parent", "owner", "population", "bbox"]

    def get_bbox(self, area) -> list[float]:
        return [area.min_lon, area.min_lat, area.max_lon, area.max_lat]


class PoliceEventSerializer(serializers.ModelSerializer):
    cell = CellField(read_only=True)
    category_code = serializers.CharField(source="category.code", read_only=True, default=None)

    class Meta:
        model = PoliceEvent
        fields = ["id", "event_id", "occurred_at", "name", "summary", "url", "type", "location_name", "kommunkod",
                  "lat", "lon", "cell", "category", "category_code", "fetched_at"]


# --- aggregates (for the schema; the views build plain dicts) ---------------------------------------------------

class CellCountSerializer(serializers.Serializer):
    cell = serializers.CharField()
    count = serializers.IntegerField()


class CellAggregateSerializer(serializers.Serializer):
    resolution = serializers.IntegerField()
    results = CellCountSerializer(many=True)


class AreaCountSerializer(serializers.Serializer):
    area = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    count = serializers.IntegerField()


class CategoryCountSerializer(serializers.Serializer):
    category = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    count = serializers.IntegerField()


class PeriodCountSerializer(serializers.Serializer):
    period = serializers.DateField()
    count = serializers.IntegerField()


class AreaAggregateSerializer(serializers.Serializer):
    results = AreaCountSerializer(many=True)


class CategoryAggregateSerializer(serializers.Serializer):
    results = CategoryCountSerializer(many=True)


class PeriodAggregateSerializer(serializers.Serializer):
    period = serializers.ChoiceField(choices=["week", "month"])
    results = PeriodCountSerializer(many=True)


class HourWeekdaySerializer(serializers.Serializer):
    weekdays = serializers.ListField(child=serializers.IntegerField(), help_text=_("ISO weekdays, 1 = Monday."))
    hours = serializers.ListField(child=serializers.IntegerField())
    counts = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text=_("counts[weekday][hour], local time (Europe/Stockholm); weekday 0 = Monday."),
    )
