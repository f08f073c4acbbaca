"""What the API shows and accepts for groups, meetings, agenda items and tasks. Related ids are looked up among
what the user may see or use (an unseen id is an invalid choice, named by its field); the rules themselves
(frozen protocols, holders who belong to the organisation, privacy) stay in samtrygg.meetings.services."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework import serializers

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.meetings import selectors
from samtrygg.meetings.models import AgendaItem, Function, Group, Meeting, Task

from .plan_serializers import ScopedSerializer


class FunctionSerializer(serializers.ModelSerializer):
    holder = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)  # unheld
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Function
        fields = ["id", "organisation", "organisation_name", "title", "holder"]


class FunctionWriteSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    title = serializers.CharField(max_length=120)
    holder = serializers.SlugRelatedField(slug_field="username", queryset=get_user_model().objects.all(),
                                          required=False, allow_null=True)


class GroupSerializer(ScopedSerializer):
    functions = FunctionSerializer(many=True, read_only=True)
    create_only = ("owner",)

    class Meta:
        model = Group
        fields = ["id", "owner", "kind", "name", "area", "description", "weekly_reporting", "functions"]

    def scope(self, fields, access):
        self.limit(fields, "owner", Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)))
        self.limit(fields, "area", access.areas())


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "group", "meeting", "item", "function", "title", "place", "area", "due", "status", "outcome",
                  "closed_at"]
        read_only_fields = ["group", "meeting", "item", "closed_at"]


class TaskCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["function", "title", "place", "area", "due"]

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None:
            self.fields["function"].queryset = item.meeting.group.functions.all()
            request = self.context.get("request")
            self.fields["area"].queryset = for_request(request).areas() if request else None


class TaskReportSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Task._meta.get_field("status").choices)
    outcome = serializers.CharField(required=False, allow_blank=True, default="")


class ItemSerializer(serializers.ModelSerializer):
    tasks = TaskSerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "number", "kind", "title", "summary", "proposal", "basis", "notes", "decision", "tasks"]
        read_only_fields = ["number", "kind"]


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "group", "title", "starts_at", "ends_at", "location", "cancelled", "status", "decided_on",
                  "decided_by"]
        read_only_fields = ["cancelled", "status", "decided_on", "decided_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated and "group" in self.fields:
            self.fields["group"].queryset = selectors.groups(for_request(request), Action.CHANGE)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["group"].read_only = True


class MeetingDetailSerializer(MeetingSerializer):
    items = ItemSerializer(many=True, read_only=True)
    adjusters = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    signed_by = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "adjusters", "signed_by", "items"]

    def get_signed_by(self, meeting) -> list[str]:
        return [s.name for s in meeting.signatures.all()]


class AdjustersSerializer(serializers.Serializer):
    adjusters = serializers.SlugRelatedField(slug_field="username", many=True,
                                             queryset=get_user_model().objects.all())


# --- the generated agenda (for the schema; situation_data() builds plain dicts) -------------------------------

class AgendaCategorySerializer(serializers.Serializer):
    category = serializers.CharField()
    count = serializers.IntegerField()
    usual = serializers.FloatField(help_text="The mean count of the same window in the 8 windows before.")
    above_usual = serializers.BooleanField()


class AgendaIncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    occurred_from = serializers.DateTimeField()
    category = serializers.CharField()
    area = serializers.CharField(allow_null=True)
    owner = serializers.CharField()
    description = serializers.CharField(allow_blank=True)


class HotspotSerializer(serializers.Serializer):
    cell = serializers.CharField(help_text="H3 cell (hex).")
    place = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()
    new = serializers.BooleanField()
    grade = serializers.IntegerField(help_text="2: 95 %, 3: 99 %.")


class MeasureDueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    owner = serializers.CharField()
    next_due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()


class SituationSerializer(serializers.Serializer):
    since = serializers.DateTimeField()
    until = serializers.DateTimeField()
    total = serializers.IntegerField()
    usual = serializers.FloatField()
    by_category = AgendaCategorySerializer(many=True)
    incidents = AgendaIncidentSerializer(many=True)
    hotspots = HotspotSerializer(many=True)
    measures_due = MeasureDueSerializer(many=True)
    tasks = TaskSerializer(many=True)
    generated_at = serializers.DateTimeField()


def situation_data(situation) -> dict:
    """The generated part of an EST agenda as plain data."""
    return {
        "since": situation.since, "until": situation.until, "total": situation.total, "usual": situation.usual,
        "by_category": [{"category": c.name, "count": c.count, "usual": c.usual, "above_usual": c.above_usual}
                        for c in situation.by_category],
        "incidents": [{"id": i.pk, "occurred_from": i.occurred_from, "category": i.category.name,
                       "area": i.area.name if i.area else None, "owner": i.owner.name,
                       "description": i.description} for i in situation.incidents],
        "hotspots": [{"cell": format(h.cell, "x"), "place": h.place, "count": h.count, "new": h.new,
                      "grade": h.grade} for h in situation.hotspots],
        "measures_due": [{"id": m.pk, "title": m.title, "owner": m.owner.name, "next_due": m.next_due,
                          "overdue": m.is_overdue} for m in situation.measures_due],
        "tasks": TaskSerializer(situation.tasks, many=True).data,
        "generated_at": timezone.now(),
    }
