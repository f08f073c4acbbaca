"""Scoped reads of action plans and everything in them, and of collaboration agreements.

One rule (Access.scope, kind "plans"): a plan is seen by the members of its organisation and of those above it,
and by organisations the owner shared plans with for the plan's area; it is changed by the owner's coordinators
and administrators, and through read-write grants. Problems, goals and goal conflicts follow their plan. A
measure is also seen by the organisation responsible for it (a housing company, the police), whose reporters
may record its follow-ups. Agreements are seen by the municipality and by every party, changed by the
municipality."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action
from samtrygg.lib import months
from samtrygg.sharing.models import DataKind

from ..models import ActionPlan, Agreement, Goal, GoalConflict, Measure, Problem, Rag
from .progress import Progress, progress


def plans(access: Access, action: Action = Action.VIEW) -> QuerySet[ActionPlan]:
    return access.scope(ActionPlan.objects.all(), action=action, kind=DataKind.PLANS)


def plan_get(access: Access, pk: int, action: Action = Action.VIEW) -> ActionPlan:
    """The plan, or 404 when the user may not `action` it (never 403)."""
    return get_object_or_404(plans(access, action).select_related("owner", "area", "parent", "lagesbild"), pk=pk)


def _in_plans(access: Access, action: Action) -> Q:
    return Q(plan__in=plans(access, action).values("pk"))


def problems(access: Access, action: Action = Action.VIEW) -> QuerySet[Problem]:
    return Problem.objects.filter(_in_plans(access, action))


def goals(access: Access, action: Action = Action.VIEW) -> QuerySet[Goal]:
    return Goal.objects.filter(_in_plans(access, action))


def conflicts(access: Access, action: Action = Action.VIEW) -> QuerySet[GoalConflict]:
    return GoalConflict.objects.filter(_in_plans(access, action))


def measures(access: Access, action: Action = Action.VIEW) -> QuerySet[Measure]:
    """VIEW: the plan's readers and the responsible organisation. REPORT (record a follow-up): the plan's
    changers and the responsible organisation's reporters. CHANGE (the measure itself): the plan's changers."""
    scope = _in_plans(access, Action.CHANGE if action == Action.REPORT else action)
    if action in (Action.VIEW, Action.REPORT):
        scope |= Q(owner__in=access.orgs_for(action))
    return Measure.objects.filter(scope)


def measure_get(access: Access, pk: int, action: Action = Action.VIEW) -> Measure:
    return get_object_or_404(measures(access, action).select_related("plan", "owner", "method", "problem"), pk=pk)


def with_last_follow_up(qs: QuerySet[Measure]) -> QuerySet[Measure]:
    return qs.annotate(last_follow_up=Max("follow_ups__date"))


def next_follow_up(measure: Measure) -> datetime.date | None:
    """When the measure is next due for follow-up: its interval after the last follow-up (or after its start);
    None once it has ended and been followed up after its end."""
    if hasattr(measure, "last_follow_up"):
        last = measure.last_follow_up
    else:
        last = measure.follow_ups.aggregate(last=Max("date"))["last"]
    if measure.end and last and last >= measure.end:
        return None  # followed up after it ended
    due = months.add(last or measure.start, measure.follow_up_months)
    return min(due, measure.end) if measure.end else due  # a last follow-up when it ends


@dataclass
class FollowUpState:
    """Where a plan's follow-up stands on a day: each goal with its progress and each measure with its last and
    next follow-up (`last_follow_up`, `next_due`, `is_overdue` set on it). One reading for the dashboard page, the
    API's dashboard and the half-year report."""

    goals: list[tuple[Goal, Progress]]
    measures: list[Measure]

    @property
    def by_status(self) -> dict[str, int]:
        """How many measures are green, yellow and red (every status named, also at 0)."""
        counts = dict.fromkeys(Rag.values, 0)
        for measure in self.measures:
            counts[measure.status] += 1
        return counts

    @property
    def overdue(self) -> list[Measure]:
        return [measure for measure in self.measures if measure.is_overdue]


def follow_up_state(plan: ActionPlan, today: datetime.date) -> FollowUpState:
    """The plan's follow-up state (for a plan the caller got through plan_get: its readers see all its goals and
    measures)."""
    measures = list(with_last_follow_up(plan.measures.select_related("owner", "problem")))
    for measure in measures:
        measure.next_due = next_follow_up(measure)
        measure.is_overdue = measure.next_due is not None and measure.next_due < today
    goals = plan.goals.select_related("plan__owner", "plan__area", "area", "series").prefetch_related("categories")
    return FollowUpState([(goal, progress(goal, today)) for goal in goals], measures)


def agreements(access: Access, action: Action = Action.VIEW) -> QuerySet[Agreement]:
    orgs = access.orgs_for(action)
    scope = Q(owner__in=orgs) | Q(parties__in=orgs) if action == Action.VIEW else Q(owner__in=orgs)
    return Agreement.objects.filter(pk__in=Agreement.objects.filter(scope).values("pk"))


def agreement_get(access: Access, pk: int, action: Action = Action.VIEW) -> Agreement:
    return get_object_or_404(agreements(access, action).select_related("owner"), pk=pk)
