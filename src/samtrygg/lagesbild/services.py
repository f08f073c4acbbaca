"""Writes for lägesbilder: create and edit a draft, its prioritised problems and the partners' observations,
the workflow utkast → granskning → fastställd, and a new version of an adopted one.

Every write is audited in the same transaction. Free text passes the same privacy guard as incidents. Adopting
freezes the whole document (every number, map and chart as data) in the row, so an adopted lägesbild never
changes when incidents or statistics change later; only a new version can."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.services import audit_create, audit_delete, audit_save
from samtrygg.decisions import workflow
from samtrygg.guards import check_period

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
    lagesbild = Lagesbild.objects.create(
        owner=owner, area=area, title=title, period_start=period_start, period_end=period_end, summary=summary,
        conclusions=conclusions, created_by=actor,
    )
    lagesbild.categories.set(categories)
    audit_create(actor=actor, organisation=owner, obj=lagesbild)
    return lagesbild


@transaction.atomic
def lagesbild_update(*, actor, lagesbild: Lagesbild, categories=None, **fields) -> Lagesbild:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_editable(lagesbild)
    with audit_save(actor=actor, organisation=lagesbild.owner, obj=lagesbild):
        for key, value in fields.items():
            setattr(lagesbild, key, value)
        check_period(lagesbild.period_start, lagesbild.period_end)
        lagesbild.save()
        if categories is not None:
            lagesbild.categories.set(categories)
    return lagesbild


@transaction.atomic
def problem_save(*, actor, lagesbild: Lagesbild, problem: Problem | None = None, **fields) -> Problem:
    """Add a prioritised problem (problem=None; it goes last unless a priority is given) or change one."""
    _check_editable(lagesbild)
    if problem is None:
        if not fields.get("priority"):
            fields["priority"] = lagesbild.problems.count() + 1
        problem = Problem(lagesbild=lagesbild)
    with audit_save(actor=actor, organisation=lagesbild.owner, obj=problem, always=True):
        for key, value in fields.items():
            setattr(problem, key, value)
        problem.save()
    _touch(lagesbild)
    return problem


@transaction.atomic
def problem_delete(*, actor, problem: Problem) -> None:
    lagesbild = problem.lagesbild
    _check_editable(lagesbild)
    audit_delete(actor=actor, organisation=lagesbild.owner, obj=problem)
    _touch(lagesbild)


@transaction.atomic
def deepening_add(*, actor, lagesbild: Lagesbild, kind: str, title: str, area, period_start, period_end,
                  categories=()) -> Deepening:
    """Add a view from the analysis page to a draft (the caller checked the right to change it)."""
    _check_editable(lagesbild)
    check_period(period_start, period_end)
    deepening = Deepening.objects.create(lagesbild=lagesbild, kind=kind, title=title, area=area,
                                         period_start=period_start, period_end=period_end)
    deepening.categories.set(categories)
    _touch(lagesbild)
    audit_create(actor=actor, organisation=lagesbild.owner, obj=deepening)
    return deepening


@transaction.atomic
def deepening_delete(*, actor, deepening: Deepening) -> None:
    _check_editable(deepening.lagesbild)
    audit_delete(actor=actor, organisation=deepening.lagesbild.owner, obj=deepening)
    _touch(deepening.lagesbild)


@transaction.atomic
def observation_add(*, actor, lagesbild: Lagesbild, organisation, text: str) -> Observation:
    """A partner's observation, attributed to its organisation (the caller checked that the user reports for it
    and may see the lägesbild). Taken until the lägesbild is adopted."""
    _check_editable(lagesbild)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the observation.")})
    observation = Observation.objects.create(lagesbild=lagesbild, organisation=organisation, author=actor, text=text)
    _touch(lagesbild)
    audit_create(actor=actor, organisation=organisation, obj=observation)
    return observation


@transaction.atomic
def observation_delete(*, actor, observation: Observation) -> None:
    """Remove an observation from a draft (the caller checked the right to change it): a carried-over one that no
    longer holds. The version it was carried from keeps its own."""
    lagesbild = observation.lagesbild
    _check_editable(lagesbild)
    audit_delete(actor=actor, organisation=_owner_and_partner(lagesbild, observation), obj=observation)
    _touch(lagesbild)


def _owner_and_partner(lagesbild: Lagesbild, observation: Observation) -> list:
    """The logs an observation's copy or removal goes in: the lägesbild's owner's and the partner's."""
    if observation.organisation_id == lagesbild.owner_id:
        return [lagesbild.owner]
    return [lagesbild.owner, observation.organisation]


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
    """A new draft from an adopted lägesbild: same area, period, categories, texts, problems, deepenings and the
    partners' observations (copies marked as carried over, audited in the owner's and the partner's log; the
    coordinator may drop them from the draft); version + 1. The adopted one stays as it is."""
    if not lagesbild.is_adopted:
        raise ValidationError(_("Only an adopted situation picture gets new versions."))
    copy = Lagesbild.objects.create(
        owner=lagesbild.owner, area=lagesbild.area, title=lagesbild.title, period_start=lagesbild.period_start,
        period_end=lagesbild.period_end, summary=lagesbild.summary, conclusions=lagesbild.conclusions,
        previous=lagesbild, version=lagesbild.version + 1, created_by=actor,
    )
    copy.categories.set(lagesbild.categories.all())
    audit_create(actor=actor, organisation=copy.owner, obj=copy)
    for problem in lagesbild.problems.all():
        audit_create(actor=actor, organisation=copy.owner, obj=Problem.objects.create(
            lagesbild=copy, priority=problem.priority, title=problem.title, description=problem.description,
            area=problem.area))
    for deepening in lagesbild.deepenings.all():
        new = Deepening.objects.create(lagesbild=copy, kind=deepening.kind, title=deepening.title,
                                       area=deepening.area, period_start=deepening.period_start,
                                       period_end=deepening.period_end)
        new.categories.set(deepening.categories.all())
        audit_create(actor=actor, organisation=copy.owner, obj=new)
    for observation in lagesbild.observations.select_related("organisation"):
        carried = Observation.objects.create(
            lagesbild=copy, organisation=observation.organisation, author=observation.author, text=observation.text,
            created_at=observation.created_at, carried_from=observation,
        )
        audit_create(actor=actor, organisation=_owner_and_partner(copy, observation), obj=carried)
    return copy
