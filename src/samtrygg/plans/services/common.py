"""What every write of the plans app does: refuse unknown fields, run the privacy guard and the model's
validation, save, set many-to-many relations, and audit — all inside the caller's transaction."""

from django.db import models

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record, diff, snapshot
from samtrygg.guards import refuse_personal_data


def check_known(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def save(actor, organisation, obj: models.Model, fields: dict, m2m: dict | None = None) -> models.Model:
    """Create (obj without pk) or change obj with `fields` (privacy guard, model validation) and its many-to-many
    relations `m2m` (None values are left alone), audited. Lists of texts (focus areas) are guarded too."""
    refuse_personal_data(**{key: "\n".join(map(str, value)) if isinstance(value, list) else value
                            for key, value in fields.items()})
    creating = obj.pk is None
    before = None if creating else snapshot(obj)
    for key, value in fields.items():
        setattr(obj, key, value)
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    changes = {} if creating else diff(before, snapshot(obj))
    for name, values in (m2m or {}).items():
        if values is None:
            continue
        relation = getattr(obj, name)
        old = sorted(relation.values_list("pk", flat=True))
        relation.set(values)
        new = sorted(v.pk for v in values)
        if old != new:
            changes[name] = [old, new]
    if creating:
        audit_record(actor=actor, action=Action.CREATE, organisation=organisation, obj=obj, after=snapshot(obj))
    elif changes:
        audit_record(actor=actor, action=Action.UPDATE, organisation=organisation, obj=obj, changes=changes)
    return obj


def delete(actor, organisation, obj: models.Model) -> None:
    audit_record(actor=actor, action=Action.DELETE, organisation=organisation, obj=obj, before=snapshot(obj))
    obj.delete()
