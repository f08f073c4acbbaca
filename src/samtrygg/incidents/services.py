"""Writes for incidents: report, change, set status (alone or in bulk), delete; duplicates: a report added to an
incident already reported (`contribution_add`), duplicates merged into one (`incidents_merge`).

Every write is audited in the same transaction. Free text passes the privacy guard (samtrygg.guards, on save) under
the owning organisation's policy: what it refuses is named by kind, never echoed; what it masks is stored masked."""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Access, Action
from samtrygg.audit.services import audit_change, audit_create, audit_delete, audit_save
from samtrygg.guards.dates import outside_message
from samtrygg.lib import cells, days, geo

from . import selectors
from .models import Batch, Contribution, Incident, Source, Status, StatusChange, SubmissionKey

EDITABLE = {
    "category", "occurred_from", "occurred_to", "lat", "lon", "area", "place_type", "description", "source",
    "reported_to_police", "damage_cost_sek",
}
CLOCK_SKEW = timedelta(minutes=10)
MERGE_LIMIT = 20  # incidents merged into one at once at most


def field_errors(*, occurred_from, occurred_to, lat, lon, area_id, now) -> dict[str, list[str]]:
    """The rules on an incident's own fields (not the category), by field; {} when it may be stored. Shared by
    clean_incident and the bulk importer (which checks categories against its own lookup)."""
    errors: dict[str, list[str]] = {}
    for name, value in (("occurred_from", occurred_from), ("occurred_to", occurred_to)):
        if value and not days.within(value):  # before any comparison in local time
            errors[name] = [outside_message(value)]
    if errors:
        return errors
    if occurred_from and occurred_from > now + CLOCK_SKEW:
        errors.setdefault("occurred_from", []).append(_("The time lies in the future."))
    if occurred_to and occurred_from and occurred_to < occurred_from:
        errors.setdefault("occurred_to", []).append(_("The end lies before the start."))
    if (lat is None) != (lon is None):
        errors.setdefault("lat", []).append(_("A place needs both latitude and longitude."))
    if lat is not None and lon is not None and not geo.in_sweden(lon, lat):
        errors.setdefault("lat", []).append(
            _("The place lies outside Sweden (are latitude and longitude swapped, or in SWEREF 99 TM?)")
        )
    if lat is None and area_id is None:
        errors.setdefault("area", []).append(_("Choose a place on the map or an area."))
    return errors


def places_of(points: list[tuple], locator: geo.AreaLocator | None) -> list[tuple[int | None, int | None]]:
    """(cell, area id) of valid incidents given as (lat, lon, chosen area id): the cell of each point, and its
    area — the chosen one, else the smallest area containing the point. The one rule for single reports and
    imports (which pass thousands at a time: the areas are found in one vectorised query)."""
    todo = [k for k, (lat, _lon, area_id) in enumerate(points) if lat is not None and area_id is None]
    located = locator.locate_many([points[k][1] for k in todo], [points[k][0] for k in todo]) if todo else []
    areas = dict(zip(todo, located, strict=True))
    return [
        (None, area_id) if lat is None else (cells.cell_for(lat, lon), areas.get(k, area_id))
        for k, (lat, lon, area_id) in enumerate(points)
    ]


def place_of(lat, lon, area_id, locator: geo.AreaLocator | None) -> tuple[int | None, int | None]:
    return places_of([(lat, lon, area_id)], locator)[0]


def clean_incident(incident: Incident, *, locator: geo.AreaLocator | None = None, now=None) -> None:
    """Validate and complete an incident in memory: errors per field, the area from the point (unless chosen),
    the spatial cell. Shared by the single-incident services and the importers."""
    errors = field_errors(
        occurred_from=incident.occurred_from, occurred_to=incident.occurred_to, lat=incident.lat, lon=incident.lon,
        area_id=incident.area_id, now=now or timezone.now(),
    )
    usable = selectors.categories_for(incident.owner)
    if incident.category_id and not usable.filter(pk=incident.category_id).exists():
        errors.setdefault("category", []).append(_("This category is not available to the organisation."))
    if errors:
        raise ValidationError(errors)
    if incident.lat is not None and incident.area_id is None and locator is None:
        locator = selectors.area_locator(incident.owner)
    incident.cell, incident.area_id = place_of(incident.lat, incident.lon, incident.area_id, locator)


def _store_photo(incident: Incident | Contribution, jpeg: bytes) -> None:
    """Store a cleaned JPEG under a random name, so nothing about the reporter or the place is in the name."""
    incident.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(jpeg), save=False)


@transaction.atomic
def incident_create(*, actor, owner, photo: bytes | None = None, **fields) -> Incident:
    """A new incident. `photo` is a JPEG already stripped of its metadata (lib.photos.clean_photo); it is stored
    under a random name, so nothing about the reporter or the place is in the file name."""
    unknown = set(fields) - EDITABLE - {"external_id", "status"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    incident = Incident(owner=owner, reported_by=actor, **fields)
    clean_incident(incident)
    if photo:
        _store_photo(incident, photo)
    incident.save()
    audit_create(actor=actor, organisation=owner, obj=incident)
    return incident


def incident_report(*, actor, client_key=None, **fields) -> tuple[Incident, bool]:
    """A report from the report form, sent exactly once: (the incident, whether it is new). With `client_key` (the
    device's key for this report), a report already stored under it is returned instead of a second one, also when
    two copies arrive at once (the unique key decides)."""
    if client_key is None:
        return incident_create(actor=actor, **fields), True
    found = SubmissionKey.objects.filter(user=actor, key=client_key).select_related("incident").first()
    if found:
        return found.incident, False
    try:
        with transaction.atomic():
            incident = incident_create(actor=actor, **fields)
            SubmissionKey.objects.create(user=actor, key=client_key, incident=incident)
    except IntegrityError:
        found = SubmissionKey.objects.filter(user=actor, key=client_key).select_related("incident").first()
        if found is None:
            raise
        return found.incident, False
    return incident, True


@transaction.atomic
def incident_update(*, actor, incident: Incident, photo: bytes | None = None, remove_photo: bool = False,
                    **fields) -> Incident:
    """Change an incident. `photo` (a cleaned JPEG) replaces the photo, `remove_photo` removes it; the old file
    goes once the change is committed."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with audit_save(actor=actor, organisation=incident.owner, obj=incident):
        if ("lat" in fields or "lon" in fields) and "area" not in fields:
            incident.area = None  # a moved point gets its area again
        for key, value in fields.items():
            setattr(incident, key, value)
        clean_incident(incident)
        old_photo, storage = incident.photo.name, incident.photo.storage
        if photo:
            _store_photo(incident, photo)
        elif remove_photo:
            incident.photo = ""
        if old_photo and incident.photo.name != old_photo:
            transaction.on_commit(lambda: storage.delete(old_photo))
        incident.save()
    return incident


@transaction.atomic
def incidents_set_status(*, actor, incidents, status: str, note: str = "") -> int:
    """Set the status of one or many incidents (the caller has checked the right to change each); the history
    and the audit log get one entry per incident that changed."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    changed = 0
    for incident in incidents:
        if incident.status == status:
            continue
        StatusChange.objects.create(incident=incident, from_status=incident.status, to_status=status,
                                    actor=actor, note=note)
        audit_change(actor=actor, organisation=incident.owner, obj=incident,
                     changes={"status": [incident.status, status]})
        incident.status = status
        incident.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def incident_delete(*, actor, incident: Incident) -> None:
    """Delete an incident with its contributions; their photo files go once the deletion is committed."""
    storage = incident.photo.storage
    photos = [incident.photo.name, *incident.contributions.exclude(photo="").values_list("photo", flat=True)]
    audit_delete(actor=actor, organisation=incident.owner, obj=incident)
    for photo in filter(None, photos):
        transaction.on_commit(lambda photo=photo: storage.delete(photo))


# --- several events in one report ----------------------------------------------------------------------------
MAX_EVENTS = 50  # events in one weekly report
MAX_COUNT = 50  # incidents one event stands for
MAX_PERIOD_DAYS = 31  # a weekly report, or at most a month's


@transaction.atomic
def batch_create(*, actor, owner, period_start, period_end, events: list[dict], note: str = "") -> Batch:
    """A weekly report: each event ({category, occurred_from, occurred_to, area, lat, lon, description, count}) is
    stored as `count` incidents of `owner` linked to one Batch; all of them or none (a refused event names its row).
    The caller checked that the actor reports for `owner`."""
    if not events:
        raise ValidationError(_("Add at least one event."))
    if len(events) > MAX_EVENTS:
        raise ValidationError(_("At most %(n)s events in one report.") % {"n": MAX_EVENTS})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    if (period_end - period_start).days + 1 > MAX_PERIOD_DAYS:
        raise ValidationError({"period_end": _("A report covers at most %(n)s days.") % {"n": MAX_PERIOD_DAYS}})
    if period_start > timezone.localdate():
        raise ValidationError({"period_start": _("The period has not started yet.")})
    batch = Batch(owner=owner, reported_by=actor, period_start=period_start, period_end=period_end, note=note.strip())
    with audit_save(actor=actor, organisation=owner, obj=batch):
        batch.save()
        created = []
        for row, event in enumerate(events, start=1):
            event = dict(event)
            count = event.pop("count", 1)
            day = timezone.localdate(event["occurred_from"])
            if not period_start <= day <= period_end or not 1 <= count <= MAX_COUNT:
                raise ValidationError(_("Event %(row)s: the day must be within the report's period and the count "
                                        "from 1 to %(max)s.") % {"row": row, "max": MAX_COUNT})
            try:
                created += [incident_create(actor=actor, owner=owner, **event) for _n in range(count)]
            except ValidationError as error:
                raise ValidationError(_("Event %(row)s: %(problem)s") % {
                    "row": row, "problem": " ".join(error.messages)}) from None
        batch.incidents.set(created)
    return batch


# --- duplicates ------------------------------------------------------------------------------------------------

@transaction.atomic
def contribution_add(*, actor, incident: Incident, owner, occurred_from, description: str = "",
                     photo: bytes | None = None, source: str = Source.OWN, external_id: str = "") -> Contribution:
    """A report that the reporter says is the same as `incident` (duplicates.candidates offered it): stored as a
    contribution of the incident, not as an incident of its own. Allowed when the actor may see the incident and
    may report for `owner`. `photo` is a JPEG already stripped of its metadata (lib.photos.clean_photo). Audited
    in the incident owner's log."""
    access = Access(actor)
    if not selectors.incidents(access).filter(pk=incident.pk).exists():
        raise ValidationError(_("You may not add to this incident."))
    if not access.can_in(Action.REPORT, owner):
        raise ValidationError({"owner": _("You may not report for this organisation.")})
    errors = field_errors(occurred_from=occurred_from, occurred_to=None, lat=incident.lat, lon=incident.lon,
                          area_id=incident.area_id, now=timezone.now())
    if errors:
        raise ValidationError(errors)
    contribution = Contribution(incident=incident, reported_by=actor, organisation=owner, source=source,
                                occurred_from=occurred_from, description=description, external_id=external_id)
    if photo:
        _store_photo(contribution, photo)
    contribution.save()
    audit_create(actor=actor, organisation=incident.owner, obj=contribution)
    return contribution


def _history(incident: Incident) -> list[dict]:
    """The incident's status history as data for the audit log (it goes with the incident)."""
    return [
        {"at": change.at.isoformat(), "from": change.from_status, "to": change.to_status, "note": change.note,
         "by": change.actor.get_username() if change.actor else ""}
        for change in incident.status_changes.select_related("actor")
    ]


@transaction.atomic
def incidents_merge(*, actor, keep: Incident, others) -> list[Contribution]:
    """Merge duplicates into `keep`: each of `others` becomes a contribution of `keep` (its reporter, owner,
    source, time, description, photo file, external id and former id), its own contributions move to `keep`, and
    it is deleted with its snapshot in the audit log; one entry on `keep` names the ids merged in, with their
    status histories. The actor must be able to change every one of them."""
    others = list(others)
    ids = [other.pk for other in others]
    if keep.pk in ids:
        raise ValidationError(_("An incident cannot be merged into itself."))
    if not ids:
        raise ValidationError(_("Choose at least one incident to merge."))
    if len(set(ids)) > MERGE_LIMIT:
        raise ValidationError(_("At most %(limit)s incidents can be merged at once.") % {"limit": MERGE_LIMIT})
    changeable = selectors.incidents(Access(actor), Action.CHANGE)
    keep = changeable.select_for_update().filter(pk=keep.pk).select_related("owner").first()
    rows = list(changeable.select_for_update().filter(pk__in=ids).select_related("owner").order_by("pk"))
    if keep is None or len(rows) != len(set(ids)):
        raise ValidationError(_("You may merge only incidents you may change."))
    merged, histories = [], {}
    for other in rows:
        histories[str(other.pk)] = _history(other)
        for moved in other.contributions.all():
            with audit_save(actor=actor, organisation=keep.owner, obj=moved):
                moved.incident = keep
                moved.save(update_fields=["incident"])
        contribution = Contribution.objects.create(
            incident=keep, reported_by=other.reported_by, organisation=other.owner, source=other.source,
            occurred_from=other.occurred_from, description=other.description, photo=other.photo.name,
            external_id=other.external_id, merged_from_id=other.pk, created_at=other.created_at,
            description_removed_at=other.description_removed_at, photo_removed_at=other.photo_removed_at,
        )
        audit_create(actor=actor, organisation=keep.owner, obj=contribution)
        # The photo file now belongs to the contribution: deleted with audit_delete alone, not incident_delete.
        audit_delete(actor=actor, organisation=other.owner, obj=other)
        merged.append(contribution)
    audit_change(actor=actor, organisation=keep.owner, obj=keep,
                 changes={"merged": [None, [int(pk) for pk in histories]], "merged_history": [None, histories]})
    return merged
