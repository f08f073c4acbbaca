"""The one workflow of a decided document (models.Adoptable: a lägesbild, an action plan): utkast → granskning →
fastställd, and back from granskning to utkast. Adopting records the decision (date and body) and freezes the
whole document, built by the caller's `build(obj)` with the decision in place, in the row. Each step is audited
in the caller's transaction."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.services import audit_save

from .models import Adoptable, Status

Build = Callable[[Adoptable], dict]


def _set_status(actor, obj: Adoptable, status: str, build: Build, **extra) -> Adoptable:
    with audit_save(actor=actor, organisation=obj.owner, obj=obj, always=True):
        obj.status = status
        for key, value in extra.items():
            setattr(obj, key, value)
        if status == Status.ADOPTED:
            obj.document = build(obj)
        obj.save()
    return obj


def submit(actor, obj: Adoptable, build: Build) -> Adoptable:
    """utkast → granskning: partners and the council's preparers read it."""
    if obj.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    return _set_status(actor, obj, Status.REVIEW, build)


def reopen(actor, obj: Adoptable, build: Build) -> Adoptable:
    """granskning → utkast: back to the coordinator for changes."""
    if obj.status != Status.REVIEW:
        raise ValidationError(_("Only what is in review can go back to draft."))
    return _set_status(actor, obj, Status.DRAFT, build)


def adopt(actor, obj: Adoptable, build: Build, *, decided_on, decided_by: str, **extra) -> Adoptable:
    """granskning → fastställd: the decision and the frozen document (`extra`: more fields set with them)."""
    if obj.status != Status.REVIEW:
        raise ValidationError(_("Only what is in review can be adopted."))
    decided_by = (decided_by or "").strip()
    if not decided_on or not decided_by:
        raise ValidationError(_("Give the decision date and the body that decided."))
    return _set_status(actor, obj, Status.ADOPTED, build, decided_on=decided_on, decided_by=decided_by,
                       adopted_at=timezone.now(), adopted_by=actor, **extra)
