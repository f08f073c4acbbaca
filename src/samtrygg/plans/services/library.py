"""Writes for the method bank and for medborgarlöften. Audited in the same transaction; free text passes the
privacy guard (text holding an identity number is refused)."""

from django.db import transaction

from samtrygg.audit.services import audit_create, audit_delete, audit_save
from samtrygg.guards import check_period

from ..models import CitizenPromise, MethodEntry, PromiseActivity

PROMISE_FIELDS = {"title", "description", "area", "agreement", "period_start", "period_end", "status", "public"}


@transaction.atomic
def promise_create(*, actor, owner, partners=(), **fields) -> CitizenPromise:
    unknown = set(fields) - PROMISE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    check_period(fields.get("period_start"), fields.get("period_end"))
    promise = CitizenPromise.objects.create(owner=owner, created_by=actor, **fields)
    promise.partners.set(partners)
    audit_create(actor=actor, organisation=owner, obj=promise)
    return promise


@transaction.atomic
def promise_update(*, actor, promise: CitizenPromise, partners=None, **fields) -> CitizenPromise:
    unknown = set(fields) - PROMISE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with audit_save(actor=actor, organisation=promise.owner, obj=promise):
        for key, value in fields.items():
            setattr(promise, key, value)
        check_period(promise.period_start, promise.period_end)
        promise.save()
        if partners is not None:
            promise.partners.set(partners)
    return promise


@transaction.atomic
def promise_delete(*, actor, promise: CitizenPromise) -> None:
    audit_delete(actor=actor, organisation=promise.owner, obj=promise)


@transaction.atomic
def activity_add(*, actor, promise: CitizenPromise, description: str, status: str = "planerat") -> PromiseActivity:
    activity = PromiseActivity.objects.create(promise=promise, description=description, status=status)
    audit_create(actor=actor, organisation=promise.owner, obj=activity)
    return activity


@transaction.atomic
def activity_set_status(*, actor, activity: PromiseActivity, status: str) -> PromiseActivity:
    with audit_save(actor=actor, organisation=activity.promise.owner, obj=activity, always=True):
        activity.status = status
        activity.full_clean(exclude=["promise"])
        activity.save()
    return activity


@transaction.atomic
def method_create(*, actor, owner, **fields) -> MethodEntry:
    """An organisation's own entry in the method bank (shared with everyone when `shared`)."""
    method = MethodEntry(owner=owner, **fields)
    method.full_clean(exclude=["owner"])
    method.save()
    audit_create(actor=actor, organisation=owner, obj=method)
    return method
