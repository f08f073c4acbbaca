"""Writes for the method bank and for medborgarlöften. Audited in the same transaction; free text passes the
privacy guard (text holding an identity number is refused)."""

from django.db import transaction

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record, diff, snapshot
from samtrygg.guards import check_period, refuse_personal_data

from ..models import CitizenPromise, MethodEntry, PromiseActivity

PROMISE_FIELDS = {"title", "description", "area", "agreement", "period_start", "period_end", "status", "public"}


@transaction.atomic
def promise_create(*, actor, owner, partners=(), **fields) -> CitizenPromise:
    unknown = set(fields) - PROMISE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    check_period(fields.get("period_start"), fields.get("period_end"))
    refuse_personal_data(title=fields.get("title", ""), description=fields.get("description", ""))
    promise = CitizenPromise.objects.create(owner=owner, created_by=actor, **fields)
    promise.partners.set(partners)
    audit_record(actor=actor, action=Action.CREATE, organisation=owner, obj=promise, after=snapshot(promise))
    return promise


@transaction.atomic
def promise_update(*, actor, promise: CitizenPromise, partners=None, **fields) -> CitizenPromise:
    unknown = set(fields) - PROMISE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    refuse_personal_data(**{k: v for k, v in fields.items() if k in {"title", "description"}})
    before = snapshot(promise)
    for key, value in fields.items():
        setattr(promise, key, value)
    check_period(promise.period_start, promise.period_end)
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
    refuse_personal_data(description=description)
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
    refuse_personal_data(name=fields.get("name", ""), description=fields.get("description", ""),
                evidence_note=fields.get("evidence_note", ""))
    method = MethodEntry(owner=owner, **fields)
    method.full_clean(exclude=["owner"])
    method.save()
    audit_record(actor=actor, action=Action.CREATE, organisation=owner, obj=method, after=snapshot(method))
    return method
