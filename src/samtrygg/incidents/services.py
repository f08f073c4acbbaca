"""Writes for incidents: report, change, set status (alone or in bulk), delete.

Every write is audited in the same transaction. Free text passes the privacy guard: text holding a valid
personnummer or samordningsnummer is refused, naming the kind of data and never echoing it."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record, diff, snapshot
from samtrygg.lib import cells, geo, privacy

from . import selectors
from .models import Incident, Status, StatusChange

EDITABLE = {
    "category", "occurred_from", "occurred_to", "lat", "lon", "area", "place_type", "description", "source",
    "reported_to_police", "damage_cost_sek",
}
CLOCK_SKEW = timedelta(minutes=10)


def privacy_errors(text: str) -> list[str]:
    """Why `text` may not be stored, if it holds an identity number (the kinds are named, the data never)."""
    kinds = {f.kind for f in privacy.find_personal_data(text) if f.kind in privacy.IDENTITY_KINDS}
    return [
        _("The text contains a %(kind)s. Remove it: reports must never hold personal data.")
        % {"kind": privacy.KIND_LABELS[kind]}
        for kind in sorted(kinds)
    ]


def clean_incident(incident: Incident, *, locator: geo.AreaLocator | None = None, now=None) -> None:
    """Validate and complete an incident in memory: errors per field, the area from the point (unless chosen),
    the spatial cell. Shared by the single-incident services and the importers."""
    errors: dict[str, list[str]] = {}
    now = now or timezone.now()
    if incident.occurred_from and incident.occurred_from > now + CLOCK_SKEW:
        errors.setdefault("occurred_from", []).append(_("The time lies in the future."))
    if incident.occurred_to and incident.occurred_from and incident.occurred_to < incident.occurred_from:
        errors.setdefault("occurred_to", []).append(_("The end lies before the start."))
    if (incident.lat is None) != (incident.lon is None):
        errors.setdefault("lat", []).append(_("A place needs both latitude and longitude."))
    if incident.lat is not None and incident.lon is not None and not geo.in_sweden(incident.lon, incident.lat):
        errors.setdefault("lat", []).append(
            _("The place lies outside Sweden (are latitude and longitude swapped, or in SWEREF 99 TM?)")
        )
    if incident.lat is None and incident.area_id is None:
        errors.setdefault("area", []).append(_("Choose a place on the map or an area."))
    if incident.description:
        for message in privacy_errors(incident.description):
            errors.setdefault("description", []).append(message)
    usable = selectors.categories_for(incident.owner)
    if incident.category_id and not usable.filter(pk=incident.category_id).exists():
        errors.setdefault("category", []).append(_("This category is not available to the organisation."))
    if errors:
        raise ValidationError(errors)
    if incident.lat is not None:
        incident.cell = cells.cell_for(incident.lat, incident.lon)
        if incident.area_id is None:
            incident.area_id = (locator or selectors.area_locator(incident.owner)).locate(incident.lon, incident.lat)
    else:
        incident.cell = None


@transaction.atomic
def incident_create(*, actor, owner, **fields) -> Incident:
    unknown = set(fields) - EDITABLE - {"external_id", "status"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    incident = Incident(owner=owner, reported_by=actor, **fields)
    clean_incident(incident)
    incident.save()
    audit_record(actor=actor, action=Action.CREATE, organisation=owner, obj=incident, after=snapshot(incident))
    return incident


@transaction.atomic
def incident_update(*, actor, incident: Incident, **fields) -> Incident:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = snapshot(incident)
    if ("lat" in fields or "lon" in fields) and "area" not in fields:
        incident.area = None  # a moved point gets its area again
    for key, value in fields.items():
        setattr(incident, key, value)
    clean_incident(incident)
    incident.save()
    changes = diff(before, snapshot(incident))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, organisation=incident.owner, obj=incident, changes=changes)
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
        audit_record(actor=actor, action=Action.UPDATE, organisation=incident.owner, obj=incident,
                     changes={"status": [incident.status, status]})
        incident.status = status
        incident.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def incident_delete(*, actor, incident: Incident) -> None:
    audit_record(actor=actor, action=Action.DELETE, organisation=incident.owner, obj=incident,
                 before=snapshot(incident))
    incident.delete()
