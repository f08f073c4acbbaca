"""What every write of the plans app does: refuse unknown fields, run the model's validation, save (where the privacy
guard runs), set many-to-many relations, and audit — all inside the caller's transaction."""

from django.db import models

from samtrygg.audit.services import audit_delete, audit_save


def check_known(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def save(actor, organisation, obj: models.Model, fields: dict, m2m: dict | None = None) -> models.Model:
    """Create (obj without pk) or change obj with `fields` (privacy guard, model validation) and its many-to-many
    relations `m2m` (None values are left alone), audited; the privacy guard runs on save (samtrygg.guards). Given
    relations alone (linking incidents), an existing row is not written again: only its relations change."""
    with audit_save(actor=actor, organisation=organisation, obj=obj):
        if fields or obj.pk is None:
            for key, value in fields.items():
                setattr(obj, key, value)
            obj.full_clean(validate_unique=False, validate_constraints=False)
            obj.save()
        for name, values in (m2m or {}).items():
            if values is not None:
                getattr(obj, name).set(values)
    return obj


def delete(actor, organisation, obj: models.Model) -> None:
    audit_delete(actor=actor, organisation=organisation, obj=obj)
