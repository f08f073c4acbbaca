"""The action plan as a document (frozen in the row on adoption) and the follow-up report for a period (the
half-yearly report to kommunstyrelsen), both as publishing.Document, so the web page, PDF and DOCX read the
same thing. Written in Swedish, like the lägesbild.

The plan: summary, problems with their cause analysis, goals, measures (who, when, resources), goal conflicts
and sub-plans. The report: key figures, every goal against its target with a chart, the measures by status,
the follow-ups of the period, overdue follow-ups, goal conflicts and the sub-plans' state."""

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.decisions.models import Status
from samtrygg.lagesbild.sections import LANGUAGE
from samtrygg.publishing.document import Document, Figure, KeyFigure, KeyFigures, Paragraph, Section, Table
from samtrygg.publishing.formatting import format_date, format_kronor, format_period

from . import selectors as plan_selectors
from .models import ActionPlan, FollowUp, Goal, Rag
from .selectors.progress import target_path

ANALYSIS_FIELDS = ("place", "offender", "target", "place_managers", "guardians", "handlers", "risk_factors",
                   "protective_factors", "evidence")


def rag_label(status: str) -> str:
    return {Rag.GREEN: _("Green"), Rag.YELLOW: _("Yellow"), Rag.RED: _("Red")}.get(status, status)


def state_label(state: str) -> str:
    return {"reached": _("Reached"), "on_track": _("On track"), "behind": _("Behind"),
            "no_values": _("No values yet")}[state]


def _status(plan: ActionPlan) -> str:
    if plan.status == Status.ADOPTED:
        return _("Adopted %(date)s by %(body)s") % {"date": format_date(plan.decided_on, LANGUAGE),
                                                     "body": plan.decided_by}
    return str(Status(plan.status).label)


def _meta(plan: ActionPlan) -> list[tuple[str, str]]:
    meta = [(_("Organisation"), plan.owner.name), (_("Area"), plan.area.name),
            (_("Period"), format_period(plan.period_start, plan.period_end, LANGUAGE)), (_("Status"), _status(plan))]
    if plan.revise_by:
        meta.append((_("To be revised by"), format_date(plan.revise_by, LANGUAGE)))
    if plan.parent_id:
        meta.append((_("Part of"), plan.parent.title))
    if plan.lagesbild_id:
        meta.append((_("Based on"), str(plan.lagesbild)))
    return meta


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _decimals(*values: float | None) -> int:
    """0 when every value is whole (counts), else 1 (shares, rates)."""
    return 0 if all(v is None or float(v).is_integer() for v in values) else 1


def goal_source(goal: Goal) -> str:
    """Where a goal's values come from, as a source note: the indicator series by name."""
    return goal.series.name if goal.series_id else str(goal.get_source_display())


# --- the plan ---------------------------------------------------------------------------------------------------

def build_plan_document(plan: ActionPlan) -> dict:
    """The plan's document as JSON-plain data, from the plan as it is now."""
    with translation.override(LANGUAGE):
        return compose_plan(plan).to_dict()


def compose_plan(plan: ActionPlan) -> Document:
    return Document(
        title=plan.title,
        subtitle=_("Action plan for crime prevention and safety (åtgärdsplan), %(area)s") % {"area": plan.area.name},
        language=LANGUAGE,
        meta=_meta(plan),
        sections=[
            Section("sammanfattning", _("Summary"), [Paragraph(plan.summary or _("(No summary written yet.)"))]),
            _problems(plan), _goals(plan), _measures(plan), *_conflicts(plan), *_sub_plans(plan),
        ],
        footer=f"samtrygg · {plan.title}",
    )


def _problems(plan: ActionPlan) -> Section:
    blocks = []
    labels = {name: str(plan.problems.model._meta.get_field(name).verbose_name).capitalize()
              for name in ANALYSIS_FIELDS}
    for problem in plan.problems.select_related("area"):
        where = f" ({problem.area.name})" if problem.area_id else ""
        blocks.append(Paragraph(f"{problem.priority}. {problem.title}{where}\n{problem.description}".strip()))
        rows = [[labels[name], getattr(problem, name)] for name in ANALYSIS_FIELDS if getattr(problem, name)]
        indicators = [series.name for series in problem.indicators.all()]
        if indicators:
            rows.append([_("Indicators"), "; ".join(indicators)])
        linked = problem.incidents.count()
        if linked:
            rows.append([_("Linked incidents"), str(linked)])
        if rows:
            blocks.append(Table([_("Cause analysis"), _("What we know")], rows,
                                caption=_("Cause analysis: %(problem)s") % {"problem": problem.title}))
    if not blocks:
        blocks = [Paragraph(_("No problems have been entered."))]
    return Section("problem", _("Problems and their causes"), blocks)


def _goals(plan: ActionPlan) -> Section:
    rows = [[g.title, _indicator(g), _number(g.baseline), format_date(g.baseline_date, LANGUAGE), _number(g.target),
             format_date(g.target_date, LANGUAGE)] for g in plan.goals.all()]
    if not rows:
        return Section("mal", _("Goals"), [Paragraph(_("No goals have been set."))])
    numbers = _decimals(*(row[i] for row in rows for i in (2, 4)))
    return Section("mal", _("Goals"), [Table(
        [_("Goal"), _("Measured as"), _("Baseline"), _("Measured"), _("Target"), _("Target date")], rows,
        decimals=[0, 0, numbers, 0, numbers, 0], caption=_("The plan's goals, from baseline to target"),
    )])


def _indicator(goal: Goal) -> str:
    return f"{goal.indicator} ({goal.unit})" if goal.unit else goal.indicator


def _measures(plan: ActionPlan) -> Section:
    rows = []
    for m in plan.measures.select_related("owner", "problem", "method"):
        period = format_period(m.start, m.end, LANGUAGE) if m.end else _("from %(date)s") % {
            "date": format_date(m.start, LANGUAGE)}
        rows.append([m.title, m.problem.title if m.problem_id else "", f"{m.owner.name}, {m.owner_function}", period,
                     format_kronor(m.budget, LANGUAGE), rag_label(m.status)])
    if not rows:
        return Section("atgarder", _("Measures"), [Paragraph(_("No measures have been planned."))])
    return Section("atgarder", _("Measures"), [Table(
        [_("Measure"), _("Problem"), _("Responsible"), _("When"), _("Budget"), _("Status")], rows,
        caption=_("Measures: who does what, when, with what resources"),
    )])


def _conflicts(plan: ActionPlan) -> list[Section]:
    rows = [[c.title, ", ".join(p.name for p in c.parties.all()), c.escalated_to, str(c.get_status_display()),
             c.resolution] for c in plan.conflicts.prefetch_related("parties")]
    if not rows:
        return []
    return [Section("malkonflikter", _("Goal conflicts"), [Table(
        [_("Conflict"), _("Parties"), _("Escalated to"), _("Status"), _("Resolution")], rows,
        caption=_("Goal conflicts and how they were handled"))])]


def _sub_plans(plan: ActionPlan) -> list[Section]:
    by_status = {status: Count("measures", filter=Q(measures__status=status)) for status in Rag.values}
    rows = [[sub.title, sub.owner.name, _status(sub), *(getattr(sub, status) for status in Rag.values)]
            for sub in plan.sub_plans.select_related("owner").annotate(**by_status)]
    if not rows:
        return []
    return [Section("delplaner", _("Sub-plans"), [Table(
        [_("Sub-plan"), _("Organisation"), _("Status"), _("Green"), _("Yellow"), _("Red")], rows,
        caption=_("Sub-plans and their measures by status"))])]


# --- the follow-up report ---------------------------------------------------------------------------------------

def half_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The half-year (1 January–30 June or 1 July–31 December) that `day` falls in."""
    if day.month <= 6:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30)
    return datetime.date(day.year, 7, 1), datetime.date(day.year, 12, 31)


def half_year_named(code: str) -> tuple[datetime.date, datetime.date]:
    """"2026-1" → 1 January–30 June 2026; "2026-2" → 1 July–31 December 2026."""
    year, half = map(int, code.split("-"))
    return half_year(datetime.date(year, 1 if half == 1 else 7, 1))


def compose_report(plan: ActionPlan, start: datetime.date, end: datetime.date, today: datetime.date) -> Document:
    """The follow-up report for [start, end], as the data stands `today` (the plan's living goals and
    measures; an adopted plan's frozen text is its own document)."""
    with translation.override(LANGUAGE):
        state = plan_selectors.follow_up_state(plan, today)
        follow_ups = list(FollowUp.objects.filter(measure__plan=plan, date__range=(start, end))
                          .select_related("measure").order_by("date", "pk"))
        period = format_period(start, end, LANGUAGE)
        return Document(
            title=_("Follow-up of %(plan)s") % {"plan": plan.title},
            subtitle=_("Report to the municipal executive board, %(period)s") % {"period": period},
            language=LANGUAGE,
            meta=[*_meta(plan), (_("Follow-up period"), period), (_("Data as of"), format_date(today, LANGUAGE))],
            sections=[
                _report_summary(state, follow_ups),
                _report_goals(state.goals),
                _report_measures(state.measures),
                _report_follow_ups(follow_ups),
                _report_overdue(state.overdue),
                *_conflicts(plan), *_sub_plans(plan),
            ],
            footer=" · ".join(["samtrygg", _("Follow-up"), plan.title, period]),
        )


def _report_summary(state: plan_selectors.FollowUpState, follow_ups) -> Section:
    status = state.by_status
    states = Counter(p.state for _goal, p in state.goals)
    return Section("sammanfattning", _("Summary"), [KeyFigures([
        KeyFigure(_("Measures"), len(state.measures)),
        KeyFigure(_("Green"), status[Rag.GREEN]), KeyFigure(_("Yellow"), status[Rag.YELLOW]),
        KeyFigure(_("Red"), status[Rag.RED]),
        KeyFigure(_("Follow-ups in the period"), len(follow_ups)),
        KeyFigure(_("Overdue follow-ups"), len(state.overdue)),
        KeyFigure(_("Goals reached or on track"), states["reached"] + states["on_track"],
                  note=_("of %(n)s goals") % {"n": len(state.goals)}),
    ])])


def goal_figure(goal: Goal, prog) -> Figure:
    """The goal's values (the baseline first) against the straight path from baseline to target."""
    dates = [when for when, _value in prog.points]
    return Figure("trend", {
        "labels": [when.isoformat()[:7] for when in dates], "dates": [when.isoformat() for when in dates],
        "series": [{"name": _("Outcome"), "values": [value for _when, value in prog.points]},
                   {"name": _("Path to target"), "values": target_path(goal, dates)}],
    }, caption=f"{goal.title}: {_indicator(goal)}", source=goal_source(goal),
        alt=_("%(goal)s: from %(baseline)s to %(latest)s; target %(target)s.") % {
            "goal": goal.title, "baseline": _number(goal.baseline),
            "latest": _number(prog.latest[1]) if prog.latest else "–", "target": _number(goal.target)})


def _report_goals(goals) -> Section:
    if not goals:
        return Section("mal", _("Goals"), [Paragraph(_("No goals have been set."))])
    rows = [[g.title, _number(g.baseline), _number(p.latest[1]) if p.latest else None, _number(g.target),
             format_date(g.target_date, LANGUAGE), state_label(p.state)] for g, p in goals]
    numbers = _decimals(*(row[i] for row in rows for i in (1, 2, 3)))
    blocks = [Table([_("Goal"), _("Baseline"), _("Latest"), _("Target"), _("Target date"), _("Position")], rows,
                    decimals=[0, numbers, numbers, numbers, 0, 0],
                    caption=_("The goals: where they stand against their targets"))]
    blocks += [goal_figure(goal, prog) for goal, prog in goals]
    return Section("mal", _("Goals"), blocks)


def _report_measures(measures) -> Section:
    if not measures:
        return Section("atgarder", _("Measures"), [Paragraph(_("No measures have been planned."))])
    order = {Rag.RED: 0, Rag.YELLOW: 1, Rag.GREEN: 2}
    rows = []
    for m in sorted(measures, key=lambda m: (order.get(m.status, 3), m.title)):
        rows.append([m.title, f"{m.owner.name}, {m.owner_function}", rag_label(m.status),
                     format_date(m.last_follow_up, LANGUAGE) if m.last_follow_up else _("never"),
                     format_date(m.next_due, LANGUAGE) if m.next_due else "–"])
    return Section("atgarder", _("Measures"), [Table(
        [_("Measure"), _("Responsible"), _("Status"), _("Last followed up"), _("Next follow-up")], rows,
        caption=_("Measures by status, the red first"))])


def _report_follow_ups(follow_ups: list[FollowUp]) -> Section:
    if not follow_ups:
        return Section("uppfoljningar", _("Follow-ups in the period"), [Paragraph(_("No follow-ups in the period."))])
    rows = [[format_date(f.date, LANGUAGE), f.measure.title, rag_label(f.status), f.production, f.process, f.effect]
            for f in follow_ups]
    return Section("uppfoljningar", _("Follow-ups in the period"), [Table(
        [_("Date"), _("Measure"), _("Status"), _("Done"), _("How it went"), _("What changed")], rows,
        caption=_("What was done, how it went and what changed"))])


def _report_overdue(overdue) -> Section:
    if not overdue:
        return Section("forsenade", _("Overdue follow-ups"), [Paragraph(_("No follow-up is overdue."))])
    rows = [[m.title, f"{m.owner.name}, {m.owner_function}", format_date(m.next_due, LANGUAGE)] for m in overdue]
    return Section("forsenade", _("Overdue follow-ups"), [Table([_("Measure"), _("Responsible"), _("Due")], rows,
                                                                caption=_("Measures not followed up in time"))])
