"""Writes for action plans: the plan and its workflow (utkast → granskning → fastställd, new version), its
problems with their cause analysis, goals, measures, follow-ups and goal conflicts.

The callers (views, API) check the user's right first, through the selectors. Every write is audited in the
same transaction and free text passes the privacy guard. What the plan decides — its problems, goals and
measures — changes only while it is a draft or in review; once adopted, its document is frozen and only the
follow-up goes on: measure status, follow-ups, goal values and goal conflicts. A new version takes the living
problems, goals and measures (with their follow-ups) over from the adopted one, whose frozen document stays."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.services import audit_create
from samtrygg.decisions import workflow
from samtrygg.guards import check_period

from ..document import build_plan_document
from ..models import (
    REVISION_YEARS,
    ActionPlan,
    FollowUp,
    Goal,
    GoalConflict,
    GoalSource,
    GoalValue,
    Measure,
    Problem,
)
from ..selectors.progress import incident_baseline
from .common import check_known, delete, save

PLAN_FIELDS = {"title", "area", "parent", "lagesbild", "period_start", "period_end", "summary", "decided_by"}
PROBLEM_FIELDS = {"priority", "title", "description", "area", "place", "offender", "target", "place_managers",
                  "guardians", "handlers", "risk_factors", "protective_factors", "evidence"}
GOAL_FIELDS = {"problem", "title", "indicator", "unit", "source", "area", "series", "baseline", "baseline_date",
               "target", "target_date"}
MEASURE_FIELDS = {"problem", "addresses", "method", "title", "description", "kind", "strategy", "technique", "owner",
                  "owner_function", "holder", "start", "end", "budget", "hours", "ordinary_work", "status",
                  "follow_up_months"}
CONFLICT_FIELDS = {"title", "description", "escalated_to", "status", "resolution", "resolved_on"}


def _check_editable(plan: ActionPlan) -> None:
    if plan.is_adopted:
        raise ValidationError(_("An adopted action plan cannot be changed. Start a new version instead."))


# --- the plan ---------------------------------------------------------------------------------------------------
@transaction.atomic
def plan_create(*, actor, owner, **fields) -> ActionPlan:
    """A draft plan. Based on a lägesbild, it takes over that lägesbild's prioritised problems (each linked to
    where it came from); under a parent plan, it is that plan's sub-plan (a nämnd's or a company's)."""
    check_known(fields, PLAN_FIELDS)
    check_period(fields.get("period_start"), fields.get("period_end"))
    lagesbild = fields.get("lagesbild")
    if lagesbild is not None and not lagesbild.is_adopted:
        raise ValidationError({"lagesbild": _("A plan builds on an adopted situation picture.")})
    plan = save(actor, owner, ActionPlan(owner=owner, created_by=actor), fields)
    if plan.lagesbild_id:
        for source in plan.lagesbild.problems.all():
            problem_from_lagesbild(actor=actor, plan=plan, source=source)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, **fields) -> ActionPlan:
    check_known(fields, PLAN_FIELDS)
    _check_editable(plan)
    check_period(fields.get("period_start", plan.period_start), fields.get("period_end", plan.period_end))
    return save(actor, plan.owner, plan, fields)


@transaction.atomic
def plan_submit(*, actor, plan: ActionPlan) -> ActionPlan:
    return workflow.submit(actor, plan, build_plan_document)


@transaction.atomic
def plan_reopen(*, actor, plan: ActionPlan) -> ActionPlan:
    return workflow.reopen(actor, plan, build_plan_document)


def revision_date(decided_on: datetime.date) -> datetime.date:
    """At least every second year: the same day REVISION_YEARS later (28 February for 29 February)."""
    try:
        return decided_on.replace(year=decided_on.year + REVISION_YEARS)
    except ValueError:
        return decided_on.replace(year=decided_on.year + REVISION_YEARS, day=28)


@transaction.atomic
def plan_adopt(*, actor, plan: ActionPlan, decided_on, decided_by: str, revise_by=None) -> ActionPlan:
    """The decision, the frozen document, and when to revise: at the latest two years on (the default)."""
    if decided_on:
        latest = revision_date(decided_on)
        if revise_by is not None and not decided_on < revise_by <= latest:
            raise ValidationError({"revise_by": _("Revise the plan within two years of the decision.")})
        revise_by = revise_by or latest
    return workflow.adopt(actor, plan, build_plan_document, decided_on=decided_on, decided_by=decided_by,
                          revise_by=revise_by)


@transaction.atomic
def plan_new_version(*, actor, plan: ActionPlan) -> ActionPlan:
    """A new draft of an adopted plan. It takes over the problems, goals, measures and goal conflicts with
    their follow-ups, so the follow-up continues unbroken; the adopted plan keeps its frozen document."""
    if not plan.is_adopted:
        raise ValidationError(_("Only an adopted plan gets new versions."))
    if plan.next_versions.exists():
        raise ValidationError(_("This plan already has a newer version; continue there."))
    copy = ActionPlan.objects.create(
        owner=plan.owner, parent=plan.parent, area=plan.area, lagesbild=plan.lagesbild, title=plan.title,
        period_start=plan.period_start, period_end=plan.period_end, summary=plan.summary, previous=plan,
        version=plan.version + 1, created_by=actor,
    )
    for related in (Problem, Goal, Measure, GoalConflict):
        related.objects.filter(plan=plan).update(plan=copy)
    ActionPlan.objects.filter(parent=plan).update(parent=copy)
    audit_create(actor=actor, organisation=copy.owner, obj=copy)
    return copy


# --- problems ---------------------------------------------------------------------------------------------------
@transaction.atomic
def problem_save(*, actor, plan: ActionPlan, problem: Problem | None = None, incidents=None, indicators=None,
                 **fields) -> Problem:
    """Add a problem (problem=None; it goes last unless a priority is given) or change one, with its cause
    analysis and evidence."""
    check_known(fields, PROBLEM_FIELDS)
    _check_editable(plan)
    if problem is None:
        problem = Problem(plan=plan, priority=fields.pop("priority", None) or plan.problems.count() + 1)
    return save(actor, plan.owner, problem, fields, {"incidents": incidents, "indicators": indicators})


@transaction.atomic
def problem_from_lagesbild(*, actor, plan: ActionPlan, source) -> Problem:
    """Take a lägesbild's prioritised problem into the plan, linked to where it came from (the caller checked
    that the user may see that lägesbild)."""
    _check_editable(plan)
    problem = Problem(plan=plan, source=source, priority=plan.problems.count() + 1)
    return save(actor, plan.owner, problem, {"title": source.title, "description": source.description,
                                              "area": source.area})


@transaction.atomic
def problem_delete(*, actor, problem: Problem) -> None:
    _check_editable(problem.plan)
    delete(actor, problem.plan.owner, problem)


# --- goals ------------------------------------------------------------------------------------------------------
@transaction.atomic
def goal_save(*, actor, plan: ActionPlan, goal: Goal | None = None, categories=None, **fields) -> Goal:
    """Add or change a goal. The rules are checked against the goal as it will be (a change of one date is
    checked against the other), so a breach is a ValidationError, never a database error. An incident goal
    given no baseline gets the count of its incidents over the 12 months up to the baseline date's month."""
    check_known(fields, GOAL_FIELDS)
    _check_editable(plan)
    goal = goal or Goal(plan=plan)
    baseline_date, target_date = fields.get("baseline_date", goal.baseline_date), fields.get("target_date",
                                                                                           goal.target_date)
    if baseline_date and target_date and target_date <= baseline_date:
        raise ValidationError({"target_date": _("The target date must come after the baseline.")})
    source = fields.get("source", goal.source)
    if source == GoalSource.INDICATOR and not fields.get("series", goal.series):
        raise ValidationError({"series": _("Choose the indicator series the goal is measured by.")})
    if fields.get("baseline", goal.baseline) is None:
        if source != GoalSource.INCIDENTS or not baseline_date:
            raise ValidationError({"baseline": _("Give the baseline: where it stands now.")})
        category_ids = [c.pk for c in categories] if categories is not None else \
            list(goal.categories.values_list("pk", flat=True)) if goal.pk else []
        fields["baseline"] = incident_baseline(plan, fields.get("area", goal.area), category_ids, baseline_date)
    return save(actor, plan.owner, goal, fields, {"categories": categories})


@transaction.atomic
def goal_delete(*, actor, goal: Goal) -> None:
    _check_editable(goal.plan)
    delete(actor, goal.plan.owner, goal)


@transaction.atomic
def goal_value_add(*, actor, goal: Goal, date, value: float, follow_up: FollowUp | None = None) -> GoalValue:
    """A measured value of a manual goal (also after adoption: this is follow-up)."""
    return save(actor, goal.plan.owner, GoalValue(goal=goal, follow_up=follow_up), {"date": date, "value": value})


# --- measures ---------------------------------------------------------------------------------------------------
@transaction.atomic
def measure_save(*, actor, plan: ActionPlan, measure: Measure | None = None, goals=None, areas=None,
                 incidents=None, **fields) -> Measure:
    """Add or change a measure. A situational measure names its Clarke & Cornish strategy (and technique, if
    one); a method from the method bank fills in kind, strategy and technique when they are not given."""
    check_known(fields, MEASURE_FIELDS)
    _check_editable(plan)
    method = fields.get("method")
    if method is not None:
        for key in ("kind", "strategy", "technique"):
            if not fields.get(key):
                fields[key] = getattr(method, key)
    measure = measure or Measure(plan=plan, created_by=actor)
    start, end = fields.get("start", measure.start), fields.get("end", measure.end)  # a change of one date too
    if start and end and end < start:
        raise ValidationError({"end": _("The period ends before it starts.")})
    if goals is not None and any(goal.plan_id != plan.pk for goal in goals):
        raise ValidationError({"goals": _("A measure can only serve goals of its own plan.")})
    return save(actor, plan.owner, measure, fields, {"goals": goals, "areas": areas, "incidents": incidents})


@transaction.atomic
def measure_delete(*, actor, measure: Measure) -> None:
    _check_editable(measure.plan)
    delete(actor, measure.plan.owner, measure)


@transaction.atomic
def follow_up_add(*, actor, measure: Measure, date, status: str, production: str = "", process: str = "",
                  effect: str = "", goal_values: dict | None = None) -> FollowUp:
    """Record a follow-up: what was done, how it went, what changed, the status it leaves the measure in, and
    values measured for the measure's manual goals ({goal: value}). Taken also after adoption. The whole
    follow-up (its values and the status it sets) is the responsible organisation's act and is audited there."""
    if date > timezone.localdate():
        raise ValidationError({"date": _("A follow-up cannot be dated in the future.")})
    follow_up = save(actor, measure.owner, FollowUp(measure=measure, author=actor),
                      {"date": date, "status": status, "production": production, "process": process,
                       "effect": effect})
    for goal, value in (goal_values or {}).items():
        if goal.plan_id != measure.plan_id:
            raise ValidationError({"goal_values": _("A follow-up can only record values of its plan's goals.")})
        if goal.source != GoalSource.MANUAL:
            raise ValidationError({"goal_values": _(
                "“%(goal)s” takes its values from incidents or an indicator, not from follow-ups.") % {
                "goal": goal.title}})
        if value is not None:
            save(actor, measure.owner, GoalValue(goal=goal, follow_up=follow_up), {"date": date, "value": value})
    if measure.status != status:
        save(actor, measure.owner, measure, {"status": status})
    return follow_up


# --- goal conflicts ---------------------------------------------------------------------------------------------
@transaction.atomic
def conflict_save(*, actor, plan: ActionPlan, conflict: GoalConflict | None = None, parties=None, measures=None,
                  **fields) -> GoalConflict:
    """Record or update a goal conflict; resolving it needs the resolution and its date. Taken also after
    adoption (conflicts surface while the plan is carried out)."""
    check_known(fields, CONFLICT_FIELDS)
    if measures is not None and any(m.plan_id != plan.pk for m in measures):
        raise ValidationError({"measures": _("Link only measures of this plan.")})
    conflict = conflict or GoalConflict(plan=plan)
    status = fields.get("status", conflict.status)
    if status == "lost":
        if not (fields.get("resolution", conflict.resolution) or "").strip():
            raise ValidationError({"resolution": _("Say how the conflict was resolved.")})
        fields.setdefault("resolved_on", conflict.resolved_on or timezone.localdate())
    return save(actor, plan.owner, conflict, fields, {"parties": parties, "measures": measures})


@transaction.atomic
def conflict_delete(*, actor, conflict: GoalConflict) -> None:
    """Remove a goal conflict recorded by mistake (a resolved one stays: it is the plan's history)."""
    if conflict.status == "lost":
        raise ValidationError(_("A resolved goal conflict stays on record."))
    delete(actor, conflict.plan.owner, conflict)
