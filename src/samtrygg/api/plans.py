"""Action plans through the API: plans with their workflow and dashboard; their problems, goals, measures (with
follow-ups) and goal conflicts; collaboration agreements with commitments; medborgarlöften; the method bank.

Same authorization as the UI, through samtrygg.plans.selectors: reads with Action.VIEW; writes need Action.CHANGE
on the plan (404 when the user cannot see it at all, 403 when they see it but may not change it); follow-ups need
Action.REPORT on the measure (the responsible organisation's reporters too). Writes go through
samtrygg.plans.services (audited; an adopted plan's problems, goals and measures are refused there: 400). Free
text holding an identity number is refused with HTTP 422 before anything is written, and never echoed."""

import dataclasses
import datetime
from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from samtrygg.access import Access, Action, for_request
from samtrygg.plans import selectors, services
from samtrygg.plans.document import compose_report
from samtrygg.plans.models import (
    ActionPlan,
    Agreement,
    CitizenPromise,
    Goal,
    GoalConflict,
    Measure,
    MethodEntry,
    Problem,
)
from samtrygg.plans.selectors import effect

from . import plan_serializers as s
from .filters import as_id, id_param
from .views import call_service, personal_data_response

PLAN_PARAMETER = OpenApiParameter("plan", OpenApiTypes.INT, description="Only the items of this plan.")


def _plan_filter(qs: QuerySet, request) -> QuerySet:
    plan = id_param(request, "plan", _("Give the id of a plan."))
    return qs if plan is None else qs.filter(plan=plan)


def _may_change_something(access: Access) -> None:
    if not access.orgs_for(Action.CHANGE):
        raise PermissionDenied(_("You may not change action plans."))


def _check_change(qs: QuerySet, pk: int, message: str) -> None:
    if not qs.filter(pk=pk).exists():
        raise PermissionDenied(message)


def _write_responses(serializer) -> dict:
    return {200: serializer, 201: serializer, 400: OpenApiResponse(description="Invalid, or refused by the plan's "
                                                                                "rules (e.g. adopted)."),
            403: OpenApiResponse(description="Visible, but you may not change it.")}


# --- plans ------------------------------------------------------------------------------------------------------

@extend_schema_view(
    list=extend_schema(summary="Action plans you can see"),
    retrieve=extend_schema(summary="One action plan (with its frozen document once adopted)"),
    create=extend_schema(summary="Start a draft action plan", responses=_write_responses(s.PlanDetailSerializer)),
    partial_update=extend_schema(summary="Change a draft action plan",
                                 responses=_write_responses(s.PlanDetailSerializer)),
)
class PlanViewSet(viewsets.GenericViewSet):
    serializer_class = s.PlanSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "partial_update", "adopt")
    queryset = ActionPlan.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ActionPlan.objects.none()
        return selectors.plans(for_request(self.request)).select_related("owner", "area")

    def get_serializer_class(self):
        return s.PlanSerializer if self.action == "list" else s.PlanDetailSerializer

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(selectors.plan_get(for_request(request), pk)).data)

    def create(self, request):
        access = for_request(request)
        _may_change_something(access)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        plan = call_service(services.plan_create, actor=request.user, **fields)
        return Response(self.get_serializer(selectors.plan_get(access, plan.pk)).data, status=http.HTTP_201_CREATED)

    def partial_update(self, request, pk):
        access = for_request(request)
        plan = self._changeable(access, pk)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(plan, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        call_service(services.plan_update, actor=request.user, plan=plan, **serializer.validated_data)
        return Response(self.get_serializer(selectors.plan_get(access, plan.pk)).data)

    @staticmethod
    def _changeable(access: Access, pk) -> ActionPlan:
        plan = selectors.plan_get(access, pk)  # 404 when not visible
        _check_change(selectors.plans(access, Action.CHANGE), plan.pk,
                      _("You may see this action plan but not change it."))
        return plan

    def _step(self, request, pk, service, **kwargs):
        access = for_request(request)
        plan = call_service(service, actor=request.user, plan=self._changeable(access, pk), **kwargs)
        return selectors.plan_get(access, plan.pk)

    @extend_schema(summary="Send a draft for review (utkast → granskning)", request=None,
                   responses=_write_responses(s.PlanDetailSerializer))
    @action(detail=True, methods=["post"])
    def submit(self, request, pk):
        return Response(self.get_serializer(self._step(request, pk, services.plan_submit)).data)

    @extend_schema(summary="Take a plan in review back to draft", request=None,
                   responses=_write_responses(s.PlanDetailSerializer))
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk):
        return Response(self.get_serializer(self._step(request, pk, services.plan_reopen)).data)

    @extend_schema(summary="Adopt a plan in review (fastställ): the decision, and the frozen document",
                   request=s.AdoptSerializer, responses=_write_responses(s.PlanDetailSerializer))
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk):
        self._changeable(for_request(request), pk)
        if refused := personal_data_response(request.data):
            return refused
        decision = s.AdoptSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        plan = self._step(request, pk, services.plan_adopt, **decision.validated_data)
        return Response(self.get_serializer(plan).data)

    @extend_schema(summary="Start a new draft version of an adopted plan", request=None,
                   responses=_write_responses(s.PlanDetailSerializer))
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk):
        plan = self._step(request, pk, services.plan_new_version)
        return Response(self.get_serializer(plan).data, status=http.HTTP_201_CREATED)

    @extend_schema(summary="Follow-up dashboard: goals against targets, measures by status, overdue follow-ups",
                   responses=s.DashboardSerializer)
    @action(detail=True, methods=["get"])
    def dashboard(self, request, pk):
        plan = selectors.plan_get(for_request(request), pk)
        return Response(dashboard(plan, timezone.localdate()))

    @extend_schema(summary="The follow-up report for a half-year (the report to kommunstyrelsen) as a document: "
                           "title, meta and sections of paragraphs, key figures, tables and figure data; the same "
                           "document the PDF and DOCX are rendered from",
                   parameters=[OpenApiParameter("half", str, required=True,
                                                description="YYYY-1 (January–June) or YYYY-2 (July–December)")],
                   responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def report(self, request, pk):
        plan = selectors.plan_get(for_request(request), pk)
        half = s.HalfYearSerializer(data=request.query_params)
        half.is_valid(raise_exception=True)
        start, end = half.period()
        return Response(compose_report(plan, start, end, timezone.localdate()).to_dict())


def _point(day: datetime.date, value: float) -> dict:
    return {"date": day, "value": value}


def dashboard(plan: ActionPlan, today: datetime.date) -> dict:
    state = selectors.follow_up_state(plan, today)
    return {
        "plan": plan.pk, "today": today,
        "goals": [{
            "id": goal.pk, "title": goal.title, "unit": goal.unit, "source": goal.source,
            "baseline": _point(goal.baseline_date, goal.baseline), "target": _point(goal.target_date, goal.target),
            "latest": _point(*prog.latest) if prog.latest else None, "expected": prog.expected,
            "state": prog.state, "points": [_point(*p) for p in prog.points],
        } for goal, prog in state.goals],
        "measures_by_status": state.by_status,
        "measures": [{"id": m.pk, "title": m.title, "status": m.status, "owner_name": m.owner.name,
                      "last_follow_up": m.last_follow_up, "next_follow_up": m.next_due} for m in state.measures],
        "overdue": [{"measure": m.pk, "title": m.title, "due": m.next_due} for m in state.overdue],
    }


# --- problems, goals, measures, goal conflicts ------------------------------------------------------------------

class PlanItemViewSet(viewsets.GenericViewSet):
    """A thing that belongs to one plan. Subclasses name its scoped selector and its save and delete services
    (the save service takes the plan, the existing object under `item`, its fields and relations)."""

    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "update", "partial_update", "follow_ups")
    item: str
    cannot_change: str
    select: Callable[..., QuerySet]  # (access, action=VIEW): the scoped selector
    save_item: Callable[..., Model]
    delete_item: Callable[..., None]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return _plan_filter(self.select(for_request(self.request)), self.request)

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(get_object_or_404(self.select(for_request(request)), pk=pk)).data)

    def create(self, request):
        access = for_request(request)
        _may_change_something(access)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        plan = fields.pop("plan")
        _check_change(selectors.plans(access, Action.CHANGE), plan.pk,
                      _("You may see this action plan but not change it."))
        obj = call_service(self.save_item, actor=request.user, plan=plan, **fields)
        return Response(self.get_serializer(self.select(access).get(pk=obj.pk)).data, status=http.HTTP_201_CREATED)

    def update(self, request, pk, partial=False):
        access = for_request(request)
        obj = self._changeable(access, pk)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(obj, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        call_service(self.save_item, actor=request.user, plan=obj.plan, **{self.item: obj}, **serializer.validated_data)
        return Response(self.get_serializer(self.select(access).get(pk=obj.pk)).data)

    def partial_update(self, request, pk):
        return self.update(request, pk, partial=True)

    def destroy(self, request, pk):
        obj = self._changeable(for_request(request), pk)
        call_service(self.delete_item, actor=request.user, **{self.item: obj})
        return Response(status=http.HTTP_204_NO_CONTENT)

    def _changeable(self, access: Access, pk):
        obj = get_object_or_404(self.select(access).select_related("plan"), pk=pk)  # 404 when not visible
        _check_change(self.select(access, Action.CHANGE), obj.pk, self.cannot_change)
        return obj


def item_schema(noun: str, serializer):
    return extend_schema_view(
        list=extend_schema(summary=f"{noun.capitalize()}s of the plans you can see", parameters=[PLAN_PARAMETER]),
        retrieve=extend_schema(summary=f"One {noun}"),
        create=extend_schema(summary=f"Add a {noun} to a plan", responses=_write_responses(serializer)),
        update=extend_schema(summary=f"Change a {noun}", responses=_write_responses(serializer)),
        partial_update=extend_schema(summary=f"Change some fields of a {noun}", responses=_write_responses(serializer)),
        destroy=extend_schema(summary=f"Delete a {noun}"),
    )


@item_schema("problem", s.ProblemSerializer)
class ProblemViewSet(PlanItemViewSet):
    serializer_class = s.ProblemSerializer
    queryset = Problem.objects.none()
    item = "problem"
    cannot_change = _("You may see this problem but not change it.")
    select = staticmethod(selectors.problems)
    save_item = staticmethod(services.problem_save)
    delete_item = staticmethod(services.problem_delete)


@item_schema("goal", s.GoalSerializer)
class GoalViewSet(PlanItemViewSet):
    serializer_class = s.GoalSerializer
    queryset = Goal.objects.none()
    item = "goal"
    cannot_change = _("You may see this goal but not change it.")
    select = staticmethod(selectors.goals)
    save_item = staticmethod(services.goal_save)
    delete_item = staticmethod(services.goal_delete)


@item_schema("goal conflict", s.ConflictSerializer)
class ConflictViewSet(PlanItemViewSet):
    serializer_class = s.ConflictSerializer
    queryset = GoalConflict.objects.none()
    item = "conflict"
    cannot_change = _("You may see this goal conflict but not change it.")
    select = staticmethod(selectors.conflicts)
    save_item = staticmethod(services.conflict_save)
    delete_item = staticmethod(services.conflict_delete)


@item_schema("measure", s.MeasureSerializer)
class MeasureViewSet(PlanItemViewSet):
    serializer_class = s.MeasureSerializer
    queryset = Measure.objects.none()
    item = "measure"
    cannot_change = _("You may see this measure but not change it.")
    select = staticmethod(selectors.measures)
    save_item = staticmethod(services.measure_save)
    delete_item = staticmethod(services.measure_delete)

    def get_queryset(self):
        return super().get_queryset().select_related("owner", "method").prefetch_related("goals", "areas",
                                                                                          "incidents")

    @extend_schema(methods=["GET"], summary="The measure's follow-ups", responses=s.FollowUpSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Record a follow-up (the plan's changers and the responsible "
                                             "organisation's reporters)", request=s.FollowUpSerializer,
                   responses=_write_responses(s.FollowUpSerializer))
    @action(detail=True, methods=["get", "post"], url_path="follow-ups", serializer_class=s.FollowUpSerializer)
    def follow_ups(self, request, pk):
        access = for_request(request)
        measure = selectors.measure_get(access, pk)  # 404 when not visible
        if request.method == "GET":
            rows = measure.follow_ups.prefetch_related("goal_values").order_by("date", "pk")
            return Response(s.FollowUpSerializer(rows, many=True).data)
        _check_change(selectors.measures(access, Action.REPORT), measure.pk,
                      _("You may see this measure but not record its follow-ups."))
        if refused := personal_data_response(request.data):
            return refused
        serializer = s.FollowUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields["goal_values"] = _goal_values(measure, fields.pop("goal_values", {}))
        follow_up = call_service(services.follow_up_add, actor=request.user, measure=measure, **fields)
        return Response(s.FollowUpSerializer(follow_up).data, status=http.HTTP_201_CREATED)


    @extend_schema(summary="The measure's effect on its incidents against a comparison area "
                           "(difference-in-differences; an association, not proof)",
                   parameters=[OpenApiParameter("control_area", int, required=True),
                               OpenApiParameter("months_before", int), OpenApiParameter("months_after", int)],
                   responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def effect(self, request, pk):
        measure = selectors.measure_get(for_request(request), pk)
        query = s.EffectQuerySerializer(data=request.query_params,
                                        context={"areas": {a.pk: a for a in effect.control_areas(measure)}})
        query.is_valid(raise_exception=True)
        view = call_service(effect.measure_effect, measure=measure, today=timezone.localdate(), **query.validated_data)
        return Response({
            "measure": measure.pk, "treated_areas": [a.pk for a in view.treated_areas],
            "control_area": view.control_area.pk, "categories": [c.pk for c in view.categories],
            "months": [m.isoformat()[:7] for m in view.months], "treated": view.treated, "control": view.control,
            "start_index": view.start_index, "pretrend_warning": view.pretrend_warning,
            "effect": dataclasses.asdict(view.effect),
        })


def _goal_values(measure: Measure, raw: dict) -> dict[Goal, float | None]:
    """{goal id: value} → {goal: value}, for goals of the measure's own plan (else 400 naming goal_values)."""
    ids = {key: as_id(key) for key in raw}
    if None in ids.values():
        raise ValidationError({"goal_values": [_("Key the values by goal id.")]})
    goals = measure.plan.goals.in_bulk(set(ids.values()))
    if len(goals) != len(set(ids.values())):
        raise ValidationError({"goal_values": [_("A follow-up can only record values of its plan's goals.")]})
    return {goals[ids[key]]: value for key, value in raw.items()}


# --- agreements -------------------------------------------------------------------------------------------------

@extend_schema_view(
    list=extend_schema(summary="Collaboration agreements (samverkansöverenskommelser) you are party to or own"),
    retrieve=extend_schema(summary="One collaboration agreement with its commitments"),
    create=extend_schema(summary="Make a collaboration agreement", responses=_write_responses(s.AgreementSerializer)),
    partial_update=extend_schema(summary="Change a collaboration agreement",
                                 responses=_write_responses(s.AgreementSerializer)),
    destroy=extend_schema(summary="Delete a collaboration agreement"),
)
class AgreementViewSet(viewsets.GenericViewSet):
    serializer_class = s.AgreementSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "partial_update", "commitments")
    queryset = Agreement.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Agreement.objects.none()
        return (selectors.agreements(for_request(self.request)).select_related("owner")
                .prefetch_related("parties", "commitments__party", "commitments__measures"))

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(get_object_or_404(self.get_queryset(), pk=pk)).data)

    def create(self, request):
        access = for_request(request)
        _may_change_something(access)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = call_service(services.agreement_save, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=agreement.pk)).data,
                        status=http.HTTP_201_CREATED)

    def partial_update(self, request, pk):
        agreement = self._changeable(for_request(request), pk)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(agreement, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        call_service(services.agreement_save, actor=request.user, agreement=agreement, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=agreement.pk)).data)

    def destroy(self, request, pk):
        agreement = self._changeable(for_request(request), pk)
        call_service(services.agreement_delete, actor=request.user, agreement=agreement)
        return Response(status=http.HTTP_204_NO_CONTENT)

    @staticmethod
    def _changeable(access: Access, pk) -> Agreement:
        agreement = selectors.agreement_get(access, pk)
        _check_change(selectors.agreements(access, Action.CHANGE), agreement.pk,
                      _("You may see this agreement but not change it."))
        return agreement

    @extend_schema(summary="Add a party's commitment to an agreement", request=s.CommitmentSerializer,
                   responses=_write_responses(s.CommitmentSerializer))
    @action(detail=True, methods=["post"], serializer_class=s.CommitmentSerializer)
    def commitments(self, request, pk):
        agreement = self._changeable(for_request(request), pk)
        if refused := personal_data_response(request.data):
            return refused
        serializer = s.CommitmentSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        commitment = call_service(services.commitment_save, actor=request.user, agreement=agreement,
                           **serializer.validated_data)
        return Response(s.CommitmentSerializer(commitment).data, status=http.HTTP_201_CREATED)

    @extend_schema(summary="Remove a commitment from an agreement", request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"commitments/(?P<commitment_pk>\d+)")
    def commitment(self, request, pk, commitment_pk):
        agreement = self._changeable(for_request(request), pk)
        commitment = get_object_or_404(agreement.commitments, pk=commitment_pk)
        call_service(services.commitment_delete, actor=request.user, commitment=commitment)
        return Response(status=http.HTTP_204_NO_CONTENT)


# --- medborgarlöften and the method bank ------------------------------------------------------------------------

@extend_schema_view(
    list=extend_schema(summary="Medborgarlöften you can see"),
    retrieve=extend_schema(summary="One medborgarlöfte with its activities"),
    create=extend_schema(summary="Give a medborgarlöfte", responses=_write_responses(s.PromiseSerializer)),
    partial_update=extend_schema(summary="Change a medborgarlöfte", responses=_write_responses(s.PromiseSerializer)),
)
class PromiseViewSet(viewsets.GenericViewSet):
    serializer_class = s.PromiseSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "partial_update", "activities")
    queryset = CitizenPromise.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CitizenPromise.objects.none()
        return (selectors.promises(for_request(self.request)).select_related("owner")
                .prefetch_related("partners", "activities").order_by("-period_end", "title"))

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(get_object_or_404(self.get_queryset(), pk=pk)).data)

    def create(self, request):
        _may_change_something(for_request(request))
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        promise = call_service(services.promise_create, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=promise.pk)).data,
                        status=http.HTTP_201_CREATED)

    def partial_update(self, request, pk):
        access = for_request(request)
        promise = selectors.promise_get(access, pk)
        _check_change(selectors.promises(access, Action.CHANGE), promise.pk,
                      _("You may see this promise but not change it."))
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(promise, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        call_service(services.promise_update, actor=request.user, promise=promise, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=promise.pk)).data)

    @extend_schema(summary="Add an activity to a medborgarlöfte", request=s.ActivitySerializer,
                   responses=_write_responses(s.ActivitySerializer))
    @action(detail=True, methods=["post"], serializer_class=s.ActivitySerializer)
    def activities(self, request, pk):
        access = for_request(request)
        promise = selectors.promise_get(access, pk)
        _check_change(selectors.promises(access, Action.CHANGE), promise.pk,
                      _("You may see this promise but not change it."))
        if refused := personal_data_response(request.data):
            return refused
        serializer = s.ActivitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = call_service(services.activity_add, actor=request.user, promise=promise, **serializer.validated_data)
        return Response(s.ActivitySerializer(activity).data, status=http.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="The method bank: national, shared and your organisations' entries",
                       parameters=[OpenApiParameter("kind", OpenApiTypes.STR),
                                   OpenApiParameter("strategy", OpenApiTypes.STR)]),
    retrieve=extend_schema(summary="One method with what the research says"),
)
class MethodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.MethodSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    queryset = MethodEntry.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MethodEntry.objects.none()
        found = selectors.methods(for_request(self.request))
        for field in ("kind", "strategy"):
            if value := self.request.query_params.get(field):
                known = {choice for choice, _label in MethodEntry._meta.get_field(field).choices}
                found = found.filter(**{field: value}) if value in known else found.none()  # no NUL reaches SQL
        return found
