"""Writing the audit log. Every service that changes domain data writes through the audited-write path below
(audit_create, audit_save, audit_delete, audit_change) inside its transaction; audit_record is the one function
that stores an entry (also for logins, imports and exports)."""

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import models, router, transaction
from django.db.models import Count, Max, QuerySet
from django.db.models.deletion import Collector
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from samtrygg.lib import spreadsheet

from .models import Action, AuditEntry

LONG_VALUE = 300  # longer values (polygons, free text) are recorded as length and digest, not in full


def _digest(value: str) -> str:
    return f"<{len(value)} chars, sha256:{hashlib.sha256(value.encode()).hexdigest()[:16]}>"


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        try:
            return value.astimezone(datetime.UTC).isoformat()  # one moment, one text, whatever zone it came in
        except OverflowError:  # a moment at the calendar's very edge
            return value.isoformat()
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""  # the stored file's name, never its contents
    if isinstance(value, dict | list):
        value = json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, str) and len(value) > LONG_VALUE:
        return _digest(value)
    return value


def snapshot(instance: models.Model) -> dict:
    """The instance's concrete field values (and many-to-many ids) as JSON-safe data. Free text (every
    TextField: incident descriptions, police summaries) is recorded as length and digest only, however short:
    it may hold personal data, which `redact-personal-data` must be able to remove for good, and audit entries
    cannot be changed."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"password", "last_login"}:
            continue
        value = getattr(instance, field.attname)
        free_text = isinstance(field, models.TextField) and isinstance(value, str) and value
        data[field.name] = _digest(value) if free_text else _plain(value)
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return data


def diff(before: dict | None, after: dict | None) -> dict:
    """{field: [before, after]} for every field that differs."""
    before, after = before or {}, after or {}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def audit_record(
    *,
    actor,
    action: Action | str,
    organisation=None,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    changes: dict | None = None,
    object_type: str = "",
    object_repr: str = "",
    actor_name: str = "",
    ip: str | None = None,
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_repr = object_repr or str(obj)[:200]
    if changes is None:
        changes = diff(before, after)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=actor_name or (user.get_username() if user else gettext("system")),
        organisation=organisation,
        organisation_name=getattr(organisation, "name", "")[:200],
        action=action,
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=object_repr[:200],
        changes=changes,
        ip=ip,
    )


# --- the audited-write path -----------------------------------------------------------------------------------
# One way for every service to record what it writes: the entry is stored in the service's own transaction (so a
# change and its entry are committed or rolled back together), once in each organisation given (a grant is on
# record with both parties, an account change with each of the person's organisations).

Organisations = models.Model | Sequence[models.Model | None] | None

# The models whose rows are not audited one by one, each with the reason. Every other model of samtrygg that a
# service writes gets an entry of its own (object type and id); tests/audit_guard.py checks it in every test.
# Writes that send no signals (bulk_create, queryset.update, COPY: the importers, renumbering) record a summary.
NOT_AUDITED_INDIVIDUALLY: dict[str, str] = {
    "audit.auditentry": "the audit log itself",
    "background.job": "a user's own record of work running for them (an export's progress and file); the work is "
                      "audited when it is asked for (the export's entry, as for a direct download)",
    "incidents.submissionkey": "a device's key for one report, so that a report sent twice is stored once; the "
                               "incident's own entry records the report",
    "incidents.statuschange": "the incident's history; the incident's entry records each status change",
    "meetings.feedback": "derived for each reporter from the meeting; the meeting's entry counts them",
    "meetings.signature": "the meeting's entry names each signer",
    "notify.notification": "a record that a message was sent (its key), not a change of domain data",
    "tips.tipcontact": "a resident's e-mail for a reply, kept out of the log on purpose; the tip's entries record "
                       "its decision and are written without it",
    "tips.quota": "a keyed digest counting the tips from one address in one hour, not domain data",
}


def _organisations(organisation: Organisations) -> list:
    return list(organisation) if isinstance(organisation, list | tuple) else [organisation]


def _check_in_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("an audited write belongs in the service's transaction (transaction.atomic)")


def audit_change(
    *, actor, organisation: Organisations, obj: models.Model, changes: dict, action: Action | str = Action.UPDATE,
    object_repr: str = "",
) -> list[AuditEntry]:
    """A change the caller describes as {field: [before, after]} (a status step, a password, a signature, the
    adjusters), recorded in each organisation."""
    _check_in_transaction()
    return [
        audit_record(actor=actor, action=action, organisation=org, obj=obj, changes=changes, object_repr=object_repr)
        for org in _organisations(organisation)
    ]


def audit_create(
    *, actor, organisation: Organisations, obj: models.Model, after: dict | None = None,
    action: Action | str = Action.CREATE, object_repr: str = "",
) -> list[AuditEntry]:
    """`obj` has just been created (saved, with its many-to-many relations): its snapshot (or `after`), in each
    organisation."""
    return audit_change(actor=actor, organisation=organisation, obj=obj, action=action, object_repr=object_repr,
                        changes=diff(None, snapshot(obj) if after is None else after))


@contextmanager
def audit_save(
    *, actor, organisation: Organisations, obj: models.Model, action: Action | str | None = None,
    always: bool = False,
) -> Iterator[None]:
    """Audit what the block does to `obj`. Without a primary key on entry it is being created: one CREATE entry
    with its snapshot at the end of the block. Otherwise it is being changed: one UPDATE entry with the fields
    (many-to-many relations included) whose snapshots before and after differ; nothing when nothing changed,
    unless `always`. `action` replaces CREATE or UPDATE (GRANT, REVOKE). Nothing is recorded when the block
    raises. The snapshot before is read from the database, so changes already made to `obj` in memory (a
    ModelForm's is_valid() sets the form's values on its instance) are recorded too."""
    creating = obj.pk is None
    before = None if creating else snapshot(type(obj)._base_manager.get(pk=obj.pk))
    yield
    changes = diff(before, snapshot(obj))
    if creating or changes or always:
        audit_change(actor=actor, organisation=organisation, obj=obj, changes=changes,
                     action=action or (Action.CREATE if creating else Action.UPDATE))


def _audited_individually(model: type[models.Model]) -> bool:
    return not model._meta.auto_created and model._meta.label_lower not in NOT_AUDITED_INDIVIDUALLY


def audit_delete(*, actor, organisation: Organisations, obj: models.Model) -> None:
    """Record `obj`'s deletion with its last snapshot, and the deletion of every row it takes with it (the
    cascades: a measure's follow-ups, an item's attachments; not the models in NOT_AUDITED_INDIVIDUALLY), in the
    same organisations, then delete them all."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj), origin=obj)
    collector.collect([obj])
    groups = [*collector.data.items(), *((queryset.model, queryset) for queryset in collector.fast_deletes)]
    taken = [row for model, group in groups if _audited_individually(model) for row in group if row is not obj]
    for row in [obj, *taken]:
        audit_change(actor=actor, organisation=organisation, obj=row, action=Action.DELETE,
                     changes=diff(snapshot(row), None))
    collector.delete()


CSV_HEADER = ["tid", "användare", "organisation", "aktivitet", "objekttyp", "objekt-id", "objekt", "ändringar", "ip"]


def _csv_row(e: AuditEntry) -> list:
    return [
        timezone.localtime(e.at).isoformat(timespec="seconds"), e.actor_name, e.organisation_label, e.action,
        e.object_type, e.object_id, e.object_repr, json.dumps(e.changes, ensure_ascii=False) if e.changes else "",
        e.ip or "",
    ]


def audit_download(*, actor, organisation, obj, fmt: str, document: str) -> AuditEntry:
    """A document (a lägesbild, a plan, a report, a protocol) downloaded as `fmt`: recorded in the owning
    organisation's log and committed before the file is handed out."""
    with transaction.atomic(durable=True):
        return audit_record(actor=actor, action=Action.EXPORT, organisation=organisation, obj=obj,
                            changes={"document": [None, document], "format": [None, fmt]})


def audit_export_csv(*, actor, organisation, entries: QuerySet[AuditEntry], filters: dict) -> Iterator[bytes]:
    """The entries as CSV for Swedish Excel (samtrygg.lib.spreadsheet: UTF-8 with BOM, semicolons, no cell a
    formula), as an iterator of encoded lines for a streaming response.

    The export is audited before the first line is produced, in its own transaction, with the row count from
    a COUNT query: a download that fails half-way is still on record. The file holds the rows that existed at
    that count (entries up to the highest id counted), not the export's own entry or later ones."""
    counted = entries.aggregate(count=Count("pk"), last=Max("pk"))
    count = counted["count"]
    with transaction.atomic(durable=True):  # committed here, never a savepoint in a caller's transaction
        audit_record(
            actor=actor, action=Action.EXPORT, organisation=organisation, object_type="audit.auditentry",
            object_repr=ngettext("audit log, %(count)s row", "audit log, %(count)s rows", count) % {"count": count},
            changes={"filters": [None, filters]},
        )
    rows = entries.filter(pk__lte=counted["last"] or 0).iterator(chunk_size=2000)
    return spreadsheet.csv_bytes(CSV_HEADER, map(_csv_row, rows))
