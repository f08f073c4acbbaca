"""Writes for lägesbilder: create and edit a draft, its prioritised problems and the partners' observations,
the workflow utkast → granskning → fastställd, and a new version of an adopted one.

Every write is audited in the same transaction. Free text passes the same privacy guard as incidents. Adopting
freezes the whole document (every number, map and chart as data) in the row, so an adopted lägesbild never
changes when incidents or statistics change later; only a new version can."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record, diff, snapshot
from samtrygg.decisions import workflow
from samtrygg.guards import check_period, refuse_personal_data

from .document import build_document
from .models import Deepening, Lagesbild, Observation, Problem

EDITABLE = {"title", "area", "period_start", "period_end", "summary", "conclusions", "decided_by"}
TEXT_FIELDS = ("title", "summary", "conclusions", "description", "text", "decided_by")


def _touch(lagesbild: Lagesbild) -> None:
    """A part of the draft changed: its document must be built anew (document.draft_document keys on this)."""
    lagesbild.updated_at = timezone.now()
    Lagesbild.objects.filter(pk=lagesbild.pk).update(updated_at=lagesbild.updated_at)


def _check_editable(lagesbild: Lagesbild) -> None:
    if lagesbild.is_adopted:
        raise ValidationError(_("An adopted situation picture cannot be changed. Start a new version instead."))


@transaction.atomic
def lagesbild_create(*, actor, owner, area, title: str, period_start, period_end, categories=(),
                     summary: str = "", conclusions: str = "") -> Lagesbild:
    check_period(period_start, period_end)
    refuse_personal_data(title=title, summary=summary, conclusions=conclusions)
    lagesbild = Lagesbild.objects.create(
        owner=owner, area=area, title=title, period_start=period_start, period_end=period_end, summary=summary,
        conclusions=conclusions, created_by=actor,
    )
    lagesbild.categories.set(categories)
    audit_record(actor=actor, action=Action.CREATE, organisation=owner, obj=lagesbild, after=snapshot(lagesbild))
    return lagesbild


@transaction.atomic
def lagesbild_update(*, actor, lagesbild: Lagesbild, categories=None, **fields) -> Lagesbild:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_editable(lagesbild)
    refuse_personal_data(**{k: v for k, v in fields.items() if k in TEXT_FIELDS})
    before = snapshot(lagesbild)
    for key, value in fields.items():
        setattr(lagesbild, key, value)
    check_period(lagesbild.period_start, lagesbild.period_end)
    lagesbild.save()
    changes = diff(before, snapshot(lagesbild))
    if categories is not None:
        old = sorted(lagesbild.categories.values_list("pk", flat=True))
        lagesbild.categories.set(categories)
        new = sorted(c.pk for c in categories)
        if old != new:
            changes["categories"] = [old, new]
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, organisation=lagesbild.owner, obj=lagesbild, changes=changes)
    return lagesbild


@transaction.atomic
def problem_save(*, actor, lagesbild: Lagesbild, problem: Problem | None = None, **fields) -> Problem:
    """Add a prioritised problem (problem=None; it goes last unless a priority is given) or change one."""
    _check_editable(lagesbild)
    refuse_personal_data(**{k: v for k, v in fields.items() if k in TEXT_FIELDS})
    if problem is None:
        if not fields.get("priority"):
            fields["priority"] = lagesbild.problems.count() + 1
        problem = Problem.objects.create(lagesbild=lagesbild, **fields)
        _touch(lagesbild)
        audit_record(actor=actor, action=Action.CREATE, organisation=lagesbild.owner, obj=problem,
                     after=snapshot(problem))
        return problem
    before = snapshot(problem)
    for key, value in fields.items():
        setattr(problem, key, value)
    problem.save()
    _touch(lagesbild)
    audit_record(actor=actor, action=Action.UPDATE, organisation=lagesbild.owner, obj=problem,
                 changes=diff(before, snapshot(problem)))
    return problem


@transaction.atomic
def problem_delete(*, actor, problem: Problem) -> None:
    lagesbild = problem.lagesbild
    _check_editable(lagesbild)
    audit_record(actor=actor, action=Action.DELETE, organisation=lagesbild.owner, obj=problem,
                 before=snapshot(problem))
    problem.delete()
    _touch(lagesbild)


@transaction.atomic
def deepening_add(*, actor, lagesbild: Lagesbild, kind: str, title: str, area, period_start, period_end,
                  categories=()) -> Deepening:
    """Add a view from the analysis page to a draft (the caller checked the right to change it)."""
    _check_editable(lagesbild)
    check_period(period_start, period_end)
    refuse_personal_data(title=title)
    deepening = Deepening.objects.create(lagesbild=lagesbild, kind=kind, title=title, area=area,
                                         period_start=period_start, period_end=period_end)
    deepening.categories.set(categories)
    _touch(lagesbild)
    audit_record(actor=actor, action=Action.CREATE, organisation=lagesbild.owner, obj=deepening,
                 after=snapshot(deepening))
    return deepening


@transaction.atomic
def deepening_delete(*, actor, deepening: Deepening) -> None:
    _check_editable(deepening.lagesbild)
    audit_record(actor=actor, action=Action.DELETE, organisation=deepening.lagesbild.owner, obj=deepening,
                 before=snapshot(deepening))
    deepening.delete()
    _touch(deepening.lagesbild)


@transaction.atomic
def observation_add(*, actor, lagesbild: Lagesbild, organisation, text: str) -> Observation:
    """A partner's observation, attributed to its organisation (the caller checked that the user reports for it
    and may see the lägesbild). Taken until the lägesbild is adopted."""
    _check_editable(lagesbild)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the observation.")})
    refuse_personal_data(text=text)
    observation = Observation.objects.create(lagesbild=lagesbild, organisation=organisation, author=actor, text=text)
    _touch(lagesbild)
    audit_record(actor=actor, action=Action.CREATE, organisation=organisation, obj=observation,
                 after=snapshot(observation))
    return observation


@transaction.atomic
def observation_delete(*, actor, observation: Observation) -> None:
    _check_editable(observation.lagesbild)
    audit_record(actor=actor, action=Action.DELETE, organisation=observation.organisation, obj=observation,
                 before=snapshot(observation))
    observation.delete()
    _touch(observation.lagesbild)


@transaction.atomic
def lagesbild_submit(*, actor, lagesbild: Lagesbild) -> Lagesbild:
    return workflow.submit(actor, lagesbild, build_document)


@transaction.atomic
def lagesbild_reopen(*, actor, lagesbild: Lagesbild) -> Lagesbild:
    return workflow.reopen(actor, lagesbild, build_document)


@transaction.atomic
def lagesbild_adopt(*, actor, lagesbild: Lagesbild, decided_on, decided_by: str) -> Lagesbild:
    return workflow.adopt(actor, lagesbild, build_document, decided_on=decided_on, decided_by=decided_by)


@transaction.atomic
def lagesbild_new_version(*, actor, lagesbild: Lagesbild) -> Lagesbild:
    """A new draft from an adopted lägesbild: same area, period, categories, texts and problems; version + 1.
    The adopted one stays as it is."""
    if not lagesbild.is_adopted:
        raise ValidationError(_("Only an adopted situation picture gets new versions."))
    copy = Lagesbild.objects.create(
        owner=lagesbild.owner, area=lagesbild.area, title=lagesbild.title, period_start=lagesbild.period_start,
        period_end=lagesbild.period_end, summary=lagesbild.summary, conclusions=lagesbild.conclusions,
        previous=lagesbild, version=lagesbild.version + 1, created_by=actor,
    )
    copy.categories.set(lagesbild.categories.all())
    for problem in lagesbild.problems.all():
        Problem.objects.create(lagesbild=copy, priority=problem.priority, title=problem.title,
                               description=problem.description, area=problem.area)
    for deepening in lagesbild.deepenings.all():
        Deepening.objects.create(lagesbild=copy, kind=deepening.kind, title=deepening.title, area=deepening.area,
                                 period_start=deepening.period_start, period_end=deepening.period_end,
                                 ).categories.set(deepening.categories.all())
    audit_record(actor=actor, action=Action.CREATE, organisation=copy.owner, obj=copy, after=snapshot(copy))
    return copy
