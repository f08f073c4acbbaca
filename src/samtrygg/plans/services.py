"""Writes for the method bank and for medborgarlöften. Audited in the same transaction; free text passes the
privacy guard (text holding an identity number is refused)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record, diff, snapshot
from samtrygg.incidents.services import privacy_errors

from .models import CitizenPromise, MethodEntry, PromiseActivity

PROMISE_FIELDS = {"title", "description", "area", "period_start", "period_end", "status", "public"}


def _check_text(**fields) -> None:
    errors = {name: privacy_errors(value) for name, value in fields.items() if isinstance(value, str) and value}
    errors = {name: messages for name, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def _check_period(start, end) -> None:
    if start and end and end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})


@transaction.atomic
def promise_create(*, actor, owner, partners=(), **fields) -> CitizenPromise:
    unknown = set(fields) - PROMISE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_period(fields.get("period_start"), fields.get("period_end"))
    _check_text(title=fields.get("title", ""), description=fields.get("description", ""))
    promise = CitizenPromise.objects.create(owner=owner, created_by=actor, **fields)
    promise.partners.set(partners)
    audit_record(actor=actor, action=Action.CREATE, organisation=owner, obj=promise, after=snapshot(promise))
    return promise


@transaction.atomic
def promise_update(*, actor, promise: CitizenPromise, partners=None, **fields) -> CitizenPromise:
    unknown = set(fields) - PROMISE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_text(**{k: v for k, v in fields.items() if k in {"title", "description"}})
    before = snapshot(promise)
    for key, value in fields.items():
        setattr(promise, key, value)
    _check_period(promise.period_start, promise.period_end)
    promise.save()
    if partners is not None:
        promise.partners.set(partners)
    changes = diff(before, snapshot(promise))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, organisation=promise.owner, obj=promise, changes=changes)
    return promise


@transaction.atomic
def promise_delete(*, actor, promise: CitizenPromise) -> None:
    audit_record(actor=actor, action=Action.DELETE, organisation=promise.owner, obj=promise,
                 before=snapshot(promise))
    promise.delete()


@transaction.atomic
def activity_add(*, actor, promise: CitizenPromise, description: str, status: str = "planerat") -> PromiseActivity:
    _check_text(description=description)
    activity = PromiseActivity.objects.create(promise=promise, description=description, status=status)
    audit_record(actor=actor, action=Action.CREATE, organisation=promise.owner, obj=activity,
                 after=snapshot(activity))
    return activity


@transaction.atomic
def activity_set_status(*, actor, activity: PromiseActivity, status: str) -> PromiseActivity:
    before = snapshot(activity)
    activity.status = status
    activity.full_clean(exclude=["promise"])
    activity.save()
    audit_record(actor=actor, action=Action.UPDATE, organisation=activity.promise.owner, obj=activity,
                 changes=diff(before, snapshot(activity)))
    return activity


@transaction.atomic
def method_create(*, actor, owner, **fields) -> MethodEntry:
    """An organisation's own entry in the method bank (shared with everyone when `shared`)."""
    _check_text(name=fields.get("name", ""), description=fields.get("description", ""),
                evidence_note=fields.get("evidence_note", ""))
    method = MethodEntry(owner=owner, **fields)
    method.full_clean(exclude=["owner"])
    method.save()
    audit_record(actor=actor, action=Action.CREATE, organisation=owner, obj=method, after=snapshot(method))
    return method
