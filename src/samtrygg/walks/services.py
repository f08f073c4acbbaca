"""Writes of the safety walks: plan or change a walk (`walk_save`, its route a GeoJSON LineString), who came
(`participant_add`, `participant_remove`), what was seen (`observation_add` with a photo already stripped of its
metadata, `observation_update`, `observation_delete`), the walk done (`walk_done`), and an observation acted on: an
incident on the map (`observation_to_incident`) or a measure in one of the municipality's draft action plans
(`observation_to_measure`), each once. Every write is atomic and audited in the municipality's log; free text passes
the privacy guard under the municipality's policy on save. The callers check the user's right first, through the
selectors: view in the owner to read, report to change the walk and record, change to act on an observation."""

import json
import math
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.services import audit_delete, audit_save
from samtrygg.decisions.models import Status
from samtrygg.incidents import services as incidents
from samtrygg.incidents.models import Source
from samtrygg.plans import services as plans
from samtrygg.plans.models import MethodKind

from .models import Observation, Participant, Walk, WalkStatus

WALK_FIELDS = {"area", "title", "starts_at", "meeting_place", "route", "summary"}
OBSERVATION_FIELDS = {"lat", "lon", "category", "unsafe", "description", "suggested_measure", "responsible",
                      "responsible_function"}
MAX_ROUTE_POINTS = 500


def clean_route(text: str) -> str:
    """The route as compact GeoJSON: a LineString of at least two [lon, lat] points in WGS 84; blank for none."""
    text = (text or "").strip()
    if not text:
        return ""
    error = ValidationError({"route": _("The route is not a line on the map.")})
    try:
        data = json.loads(text)
    except ValueError:
        raise error from None
    if not isinstance(data, dict) or data.get("type") != "LineString":
        raise error
    points = data.get("coordinates")
    if not isinstance(points, list) or not 2 <= len(points) <= MAX_ROUTE_POINTS:
        raise error
    clean = []
    for point in points:
        if (not isinstance(point, list) or len(point) < 2
                or not all(isinstance(v, int | float) and math.isfinite(v) for v in point[:2])):
            raise error
        lon, lat = float(point[0]), float(point[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise error
        clean.append([round(lon, 6), round(lat, 6)])
    return json.dumps({"type": "LineString", "coordinates": clean}, separators=(",", ":"))


def _check_fields(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _save(actor, walk: Walk, obj, fields: dict):
    with audit_save(actor=actor, organisation=walk.owner, obj=obj):
        for key, value in fields.items():
            setattr(obj, key, value.strip() if isinstance(value, str) else value)
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
    return obj


# --- the walk ---------------------------------------------------------------------------------------------------
@transaction.atomic
def walk_save(*, actor, owner=None, walk: Walk | None = None, **fields) -> Walk:
    """Plan a walk of `owner` (the municipality) or change `walk`."""
    _check_fields(fields, WALK_FIELDS)
    if walk is None:
        walk = Walk(owner=owner, created_by=actor)
    area = fields.get("area")
    if area is not None and area.owner_id != walk.owner_id:
        raise ValidationError({"area": _("Choose one of the municipality's areas.")})
    if "route" in fields:
        fields["route"] = clean_route(fields["route"])
    return _save(actor, walk, walk, fields)


@transaction.atomic
def walk_done(*, actor, walk: Walk, summary: str | None = None) -> Walk:
    """The walk has been made: its status is done (its summary written, if given)."""
    fields = {"status": WalkStatus.DONE}
    if summary is not None:
        fields["summary"] = summary
    return _save(actor, walk, walk, fields)


# --- participants -----------------------------------------------------------------------------------------------
@transaction.atomic
def participant_add(*, actor, walk: Walk, organisation, function: str, count: int = 1) -> Participant:
    participant = Participant(walk=walk)
    return _save(actor, walk, participant, {"organisation": organisation, "function": function, "count": count})


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    audit_delete(actor=actor, organisation=participant.walk.owner, obj=participant)


# --- observations -----------------------------------------------------------------------------------------------
def _store_photo(observation: Observation, jpeg: bytes) -> None:
    """A cleaned JPEG under a random name, so nothing about the recorder or the place is in the name."""
    observation.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(jpeg), save=False)


@transaction.atomic
def observation_add(*, actor, walk: Walk, photo: bytes | None = None, client_key=None, **fields) -> Observation:
    """A place seen on the walk. `photo` is a JPEG already stripped of its metadata (lib.photos.clean_photo). With
    `client_key` (the phone's key for it), an observation already stored under the key is returned instead of a
    second one: one recorded offline may arrive twice."""
    _check_fields(fields, OBSERVATION_FIELDS)
    if client_key is not None:
        found = Observation.objects.filter(recorded_by=actor, client_key=client_key).first()
        if found is not None:
            return found
    observation = Observation(walk=walk, recorded_by=actor, client_key=client_key)
    try:
        with transaction.atomic(), audit_save(actor=actor, organisation=walk.owner, obj=observation):
            for key, value in fields.items():
                setattr(observation, key, value.strip() if isinstance(value, str) else value)
            observation.full_clean(validate_unique=False, validate_constraints=False, exclude=["photo"])
            if photo:
                _store_photo(observation, photo)
            observation.save()
    except IntegrityError:  # the same key arrived twice at once: the other copy was stored
        found = Observation.objects.filter(recorded_by=actor, client_key=client_key).first()
        if client_key is None or found is None:
            raise
        return found
    return observation


@transaction.atomic
def observation_update(*, actor, observation: Observation, photo: bytes | None = None, remove_photo: bool = False,
                       **fields) -> Observation:
    _check_fields(fields, OBSERVATION_FIELDS)
    old = observation.photo.name if observation.photo else ""
    with audit_save(actor=actor, organisation=observation.walk.owner, obj=observation):
        for key, value in fields.items():
            setattr(observation, key, value.strip() if isinstance(value, str) else value)
        observation.full_clean(validate_unique=False, validate_constraints=False, exclude=["photo"])
        if photo:
            _store_photo(observation, photo)
        elif remove_photo:
            observation.photo = ""
        observation.save()
    if old and (photo or remove_photo):
        storage = observation.photo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return observation


@transaction.atomic
def observation_delete(*, actor, observation: Observation) -> None:
    photo = observation.photo.name if observation.photo else ""
    storage = observation.photo.storage
    audit_delete(actor=actor, organisation=observation.walk.owner, obj=observation)
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))


# --- acting on an observation -----------------------------------------------------------------------------------
@transaction.atomic
def observation_to_incident(*, actor, observation: Observation):
    """An incident of the municipality (source: a safety walk) at the observation's point, with its category,
    description and photo; once."""
    observation = Observation.objects.select_for_update().select_related("walk__owner").get(pk=observation.pk)
    if observation.incident_id:
        raise ValidationError(_("This observation has already been made an incident."))
    walk = observation.walk
    photo = None
    if observation.photo:
        with observation.photo.open("rb") as file:
            photo = file.read()
    incident = incidents.incident_create(
        actor=actor, owner=walk.owner, photo=photo, source=Source.SAFETY_WALK, category=observation.category,
        lat=observation.lat, lon=observation.lon, occurred_from=min(observation.recorded_at, timezone.now()),
        description=observation.description)
    _save(actor, walk, observation, {"incident": incident})
    return incident


@transaction.atomic
def observation_to_measure(*, actor, observation: Observation, plan):
    """A measure in one of the municipality's draft action plans: titled by the suggested measure, the responsible
    organisation (else the municipality) and function as its owner, the walk's area; once."""
    observation = Observation.objects.select_for_update().select_related("walk__owner", "walk__area").get(
        pk=observation.pk)
    walk = observation.walk
    if observation.measure_id:
        raise ValidationError(_("This observation is already a measure in the action plan."))
    if plan.owner_id != walk.owner_id or plan.status != Status.DRAFT:
        raise ValidationError({"plan": _("Choose one of the municipality's draft action plans.")})
    suggested = observation.suggested_measure.strip()
    title = (suggested.split("\n")[0] or str(observation.category))[:200]
    description = "\n\n".join(part for part in (
        _("From the safety walk %(walk)s: %(category)s.") % {"walk": walk.title, "category": observation.category},
        observation.description.strip(), suggested) if part)
    measure = plans.measure_save(
        actor=actor, plan=plan, title=title, description=description, kind=MethodKind.SITUATIONAL,
        owner=observation.responsible or walk.owner,
        owner_function=observation.responsible_function.strip() or _("Not yet decided"),
        start=timezone.localdate(), areas=[walk.area],
        incidents=[observation.incident] if observation.incident_id else None)
    _save(actor, walk, observation, {"measure": measure})
    return measure
