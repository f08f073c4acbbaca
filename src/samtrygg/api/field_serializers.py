"""Serializers of the field work through the API (api/field.py): residents' tips as their moderators see them
(never the resident's e-mail), weekly reports, duplicates and contributions."""

from rest_framework import serializers

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.incidents.models import Batch, Category, Contribution, Incident
from samtrygg.lagesbild.models import Lagesbild
from samtrygg.tips.models import Tip

MAX_EVENTS = 50  # as samtrygg.incidents.services (checked again there)
MAX_COUNT = 50
MAX_MERGE = 20


# --- tips ---------------------------------------------------------------------------------------------------------

class TipSerializer(serializers.ModelSerializer):
    category_code = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    has_photo = serializers.SerializerMethodField()
    has_contact = serializers.SerializerMethodField(
        help_text="The resident left an e-mail address for a reply (the address itself is never shown).")
    municipality = serializers.IntegerField(source="channel.municipality_id", read_only=True)
    municipality_name = serializers.CharField(source="channel.municipality.name", read_only=True)

    class Meta:
        model = Tip
        fields = ["id", "category", "category_code", "category_name", "lat", "lon", "place", "description",
                  "has_photo", "has_contact", "received_at", "municipality", "municipality_name"]
        read_only_fields = fields

    def get_has_photo(self, tip) -> bool:
        return bool(tip.photo)

    def get_has_contact(self, tip) -> bool:
        return hasattr(tip, "contact")


class TipApproveSerializer(serializers.Serializer):
    """As tips.services.tip_approve: what is left out keeps the tip's own value."""

    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.none(), required=False,
                                                  help_text="A category id (default: the tip's).")
    lat = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    lon = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180)
    occurred_from = serializers.DateTimeField(required=False, allow_null=True,
                                              help_text="Default: when the tip was received.")
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                        help_text="Default: the tip's text.")
    lagesbild_draft = serializers.PrimaryKeyRelatedField(
        queryset=Lagesbild.objects.none(), required=False, allow_null=True,
        help_text="The id of one of the municipality's draft lägesbilder: approve as an observation there instead "
                  "of as an incident.")
    reply = serializers.CharField(required=False, allow_blank=True, max_length=5000,
                                  help_text="Sent to the resident, if they left an e-mail address.")

    def __init__(self, *args, categories=None, drafts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories
        if drafts is not None:
            self.fields["lagesbild_draft"].queryset = drafts


class TipApprovedSerializer(serializers.Serializer):
    incident = serializers.IntegerField(required=False, help_text="The incident made (approved as an incident).")
    observation = serializers.IntegerField(required=False,
                                           help_text="The observation made (approved into a draft lägesbild).")


class TipRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, help_text="Kept in the audit log; the tip itself is deleted.")
    reply = serializers.CharField(required=False, allow_blank=True, max_length=5000)


# --- weekly reports ---------------------------------------------------------------------------------------------

class BatchSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    reported_by = serializers.CharField(source="reported_by.username", read_only=True, default=None)
    incidents = serializers.SerializerMethodField(help_text="The ids of the report's incidents you can see.")

    class Meta:
        model = Batch
        fields = ["id", "owner", "owner_name", "reported_by", "period_start", "period_end", "note", "incidents",
                  "created_at"]
        read_only_fields = fields

    def get_incidents(self, batch) -> list[int]:
        return [incident.pk for incident in batch.visible_incidents]  # prefetched in api/field.py


class EventSerializer(serializers.Serializer):
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.none())
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.none())
    occurred_from = serializers.DateTimeField()
    occurred_to = serializers.DateTimeField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    count = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_COUNT)

    def __init__(self, *args, categories=None, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories
        if areas is not None:
            self.fields["area"].queryset = areas


class BatchCreateSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none(),
                                               help_text="The organisation you report for.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    events = EventSerializer(many=True, allow_empty=False, max_length=MAX_EVENTS)

    def __init__(self, *args, owners=None, categories=None, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners
            self.fields["events"] = EventSerializer(many=True, allow_empty=False, max_length=MAX_EVENTS,
                                                    categories=categories, areas=areas)


# --- duplicates and contributions --------------------------------------------------------------------------------

class DuplicateSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)
    distance_m = serializers.SerializerMethodField(help_text="Metres from the incident (haversine).")
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "category", "category_name", "occurred_from", "distance_m", "owner", "owner_name"]
        read_only_fields = fields

    def get_distance_m(self, incident) -> int:
        return round(incident.distance_m)


class MergeSerializer(serializers.Serializer):
    others = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
                                   allow_empty=False, max_length=MAX_MERGE,
                                   help_text="The ids of the incidents to merge into this one.")


class ContributionSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    has_photo = serializers.SerializerMethodField()
    merged_from = serializers.IntegerField(source="merged_from_id", read_only=True, allow_null=True,
                                           help_text="The id the incident had, when it was merged into this one.")

    class Meta:
        model = Contribution
        fields = ["id", "occurred_from", "organisation", "organisation_name", "source", "description", "has_photo",
                  "merged_from", "created_at"]
        read_only_fields = fields

    def get_has_photo(self, contribution) -> bool:
        return bool(contribution.photo)


class MergedSerializer(serializers.Serializer):
    incident = serializers.IntegerField(help_text="The incident kept.")
    contributions = ContributionSerializer(many=True, help_text="The merged incidents, now its contributions.")
