"""What the API shows and accepts for action plans, agreements, medborgarlöften and the method bank. Every id in a
payload is looked up among what the user can see (an unseen id is an invalid choice, named by its field); the
rules of the plan itself (adopted plans are frozen, periods, goal dates, privacy) stay in samtrygg.plans.services.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samtrygg.access import Access, Action, for_request
from samtrygg.accounts.models import Organisation, OrgType, User
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.indicators import selectors as indicator_selectors
from samtrygg.lagesbild import selectors as lagesbild_selectors
from samtrygg.plans import selectors
from samtrygg.plans.document import half_year_named
from samtrygg.plans.models import (
    ActionPlan,
    Agreement,
    CitizenPromise,
    Commitment,
    FollowUp,
    Goal,
    GoalConflict,
    Measure,
    MethodEntry,
    Problem,
    PromiseActivity,
    Rag,
)


def partner_choices(access: Access):
    """Organisations one may name as party or partner: those the user sees, and every local police area."""
    return Organisation.objects.filter(Q(pk__in=access.organisations().values("pk"))
                                       | Q(type=OrgType.LOKALPOLISOMRADE))


class ScopedSerializer(serializers.ModelSerializer):
    """A model serializer whose related-id fields accept only what the request's user may see (`scope`), and
    whose `create_only` fields are fixed once the object exists. Model checks are the services' business."""

    create_only: tuple[str, ...] = ()

    def scope(self, fields: dict, access: Access) -> None:
        """Set the querysets of the related fields."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.scope(fields, for_request(request))
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            for name in self.create_only:
                fields[name].read_only = True
        return fields

    @staticmethod
    def limit(fields: dict, name: str, queryset) -> None:
        field = fields[name]
        target = getattr(field, "child_relation", field)
        target.queryset = queryset


# --- plans ------------------------------------------------------------------------------------------------------

class PlanSerializer(ScopedSerializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none(),
                                               help_text=_("The organisation whose plan it is."))
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    create_only = ("owner",)

    class Meta:
        model = ActionPlan
        fields = ["id", "owner", "owner_name", "parent", "area", "area_name", "lagesbild", "title", "period_start",
                  "period_end", "summary", "status", "decided_on", "decided_by", "revise_by", "adopted_at",
                  "created_at", "updated_at"]
        read_only_fields = ["status", "decided_on", "revise_by", "adopted_at", "created_at", "updated_at"]
        validators: list = []

    def scope(self, fields, access):
        self.limit(fields, "owner", Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)))
        self.limit(fields, "parent", selectors.plans(access))
        self.limit(fields, "area", access.areas())
        self.limit(fields, "lagesbild", lagesbild_selectors.lagesbilder(access))


class PlanDetailSerializer(PlanSerializer):
    document = serializers.JSONField(read_only=True, help_text=_("The frozen document once adopted, else null."))

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "document"]


class AdoptSerializer(serializers.Serializer):
    decided_on = serializers.DateField()
    decided_by = serializers.CharField(max_length=200, help_text=_("The body that decided, e.g. Kommunstyrelsen."))
    revise_by = serializers.DateField(required=False, allow_null=True,
                                      help_text=_("At the latest two years after the decision (the default)."))


class PlanItemSerializer(ScopedSerializer):
    """Problems, goals, measures and goal conflicts: each belongs to one plan, chosen when created."""

    plan = serializers.PrimaryKeyRelatedField(queryset=ActionPlan.objects.none())
    create_only = ("plan",)

    def scope(self, fields, access):
        self.limit(fields, "plan", selectors.plans(access))


class ProblemSerializer(PlanItemSerializer):
    class Meta:
        model = Problem
        fields = ["id", "plan", "source", "priority", "title", "description", "area", "place", "offender", "target",
                  "place_managers", "guardians", "handlers", "risk_factors", "protective_factors", "evidence",
                  "indicators", "incidents"]
        read_only_fields = ["source"]
        validators: list = []

    def scope(self, fields, access):
        super().scope(fields, access)
        self.limit(fields, "area", access.areas())
        self.limit(fields, "indicators", indicator_selectors.series(access))
        self.limit(fields, "incidents", incident_selectors.incidents(access))


class GoalSerializer(PlanItemSerializer):
    class Meta:
        model = Goal
        fields = ["id", "plan", "problem", "title", "indicator", "unit", "source", "area", "categories", "series",
                  "baseline", "baseline_date", "target", "target_date"]
        validators: list = []

    def scope(self, fields, access):
        super().scope(fields, access)
        self.limit(fields, "problem", selectors.problems(access))
        self.limit(fields, "area", access.areas())
        self.limit(fields, "categories", incident_selectors.categories_visible(access))
        self.limit(fields, "series", indicator_selectors.series(access))


class MeasureSerializer(PlanItemSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    method_name = serializers.CharField(source="method.name", read_only=True, default=None)

    class Meta:
        model = Measure
        fields = ["id", "plan", "problem", "addresses", "goals", "method", "method_name", "title", "description",
                  "kind", "strategy", "technique", "owner", "owner_name", "owner_function", "holder", "start", "end",
                  "budget", "hours", "ordinary_work", "status", "follow_up_months", "areas", "incidents",
                  "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "kind": {"required": False},  # a method from the method bank gives it
            # The database's rules (measure_technique_1_25, measure_follow_up_interval), checked before it sees them.
            "technique": {"min_value": 0, "max_value": 25, "help_text": _("Clarke & Cornish's technique 1–25; 0 for "
                                                                          "none.")},
            "follow_up_months": {"min_value": 1, "max_value": 120},
        }
        validators: list = []

    def scope(self, fields, access):
        super().scope(fields, access)
        self.limit(fields, "problem", selectors.problems(access))
        self.limit(fields, "goals", selectors.goals(access))
        self.limit(fields, "method", selectors.methods(access))
        self.limit(fields, "owner", Organisation.objects.filter(pk__in=access.organisations().values("pk")))
        self.limit(fields, "holder", User.objects.filter(
            memberships__organisation__in=access.organisations().values("pk")).distinct())
        self.limit(fields, "areas", access.areas())
        self.limit(fields, "incidents", incident_selectors.incidents(access))


class ConflictSerializer(PlanItemSerializer):
    class Meta:
        model = GoalConflict
        fields = ["id", "plan", "title", "description", "parties", "measures", "escalated_to", "status",
                  "resolution", "resolved_on", "created_at"]
        read_only_fields = ["created_at"]
        validators: list = []

    def scope(self, fields, access):
        super().scope(fields, access)
        self.limit(fields, "parties", partner_choices(access))
        self.limit(fields, "measures", selectors.measures(access))


# --- follow-ups -------------------------------------------------------------------------------------------------

class FollowUpSerializer(serializers.ModelSerializer):
    goal_values = serializers.DictField(
        child=serializers.FloatField(allow_null=True), required=False, write_only=True,
        help_text=_("Measured values of the plan's manual goals: {goal id: value}."),
    )

    class Meta:
        model = FollowUp
        fields = ["id", "date", "status", "production", "process", "effect", "goal_values", "author", "created_at"]
        read_only_fields = ["author", "created_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["goal_values"] = {str(v.goal_id): v.value for v in instance.goal_values.all()}
        return data


# --- the dashboard (for the schema; the view builds plain dicts) -------------------------------------------------

class PointSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.FloatField()


class GoalProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    unit = serializers.CharField()
    source = serializers.CharField()
    baseline = PointSerializer()
    target = PointSerializer()
    latest = PointSerializer(allow_null=True)
    expected = serializers.FloatField(allow_null=True, help_text=_("Where the straight path stands at the latest."))
    state = serializers.ChoiceField(choices=["reached", "on_track", "behind", "no_values"])
    points = PointSerializer(many=True, help_text=_("The baseline first, then the measured values."))


class MeasureStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Rag.choices)
    owner_name = serializers.CharField()
    last_follow_up = serializers.DateField(allow_null=True)
    next_follow_up = serializers.DateField(allow_null=True)


class OverdueSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    title = serializers.CharField()
    due = serializers.DateField()


class DashboardSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    today = serializers.DateField()
    goals = GoalProgressSerializer(many=True)
    measures_by_status = serializers.DictField(child=serializers.IntegerField(),
                                               help_text=_("Number of measures per status (gron, gul, rod)."))
    measures = MeasureStateSerializer(many=True)
    overdue = OverdueSerializer(many=True)


# --- agreements, promises, methods ------------------------------------------------------------------------------

class CommitmentSerializer(ScopedSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "party", "party_name", "focus_area", "text", "measures"]
        validators: list = []

    def scope(self, fields, access):
        self.limit(fields, "party", partner_choices(access))  # the service checks it is one of the parties
        self.limit(fields, "measures", selectors.measures(access))


class AgreementSerializer(ScopedSerializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    focus_areas = serializers.ListField(child=serializers.CharField(max_length=200, allow_blank=True), required=False,
                                        help_text=_("Short texts; blank ones are dropped."))
    commitments = CommitmentSerializer(many=True, read_only=True)
    create_only = ("owner",)

    class Meta:
        model = Agreement
        fields = ["id", "owner", "owner_name", "parties", "title", "description", "focus_areas", "period_start",
                  "period_end", "signed_on", "commitments", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []

    def scope(self, fields, access):
        self.limit(fields, "owner", Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)))
        self.limit(fields, "parties", partner_choices(access))


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = PromiseActivity
        fields = ["id", "description", "status"]


class PromiseSerializer(ScopedSerializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    create_only = ("owner",)

    class Meta:
        model = CitizenPromise
        fields = ["id", "owner", "owner_name", "partners", "area", "agreement", "title", "description",
                  "period_start", "period_end", "status", "public", "activities", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []

    def scope(self, fields, access):
        self.limit(fields, "owner", Organisation.objects.filter(
            pk__in=access.orgs_for(Action.CHANGE), type__in=[OrgType.KOMMUN, OrgType.NAMND]))
        self.limit(fields, "partners", partner_choices(access))
        self.limit(fields, "area", access.areas())
        self.limit(fields, "agreement", selectors.agreements(access))


class MethodSerializer(serializers.ModelSerializer):
    class Meta:
        model = MethodEntry
        fields = ["id", "owner", "code", "name", "kind", "strategy", "technique", "description", "evidence",
                  "evidence_note", "sources", "shared"]



class HalfYearSerializer(serializers.Serializer):
    half = serializers.RegexField(r"^(19|2\d)\d\d-[12]$", error_messages={
        "invalid": _("Give the half-year as YYYY-1 (January–June) or YYYY-2 (July–December), a year from 1900 to "
                     "2999.")})

    def period(self) -> tuple[datetime.date, datetime.date]:
        return half_year_named(self.validated_data["half"])


class EffectQuerySerializer(serializers.Serializer):
    """control_area: one of the areas that may serve as the measure's comparison (context["areas"])."""

    control_area = serializers.IntegerField()
    months_before = serializers.IntegerField(min_value=3, max_value=60, default=12)
    months_after = serializers.IntegerField(min_value=3, max_value=60, default=12)

    def validate_control_area(self, value):
        area = self.context["areas"].get(value)
        if area is None:
            raise serializers.ValidationError(_("Choose an area that does not overlap the measure's area."))
        return area
