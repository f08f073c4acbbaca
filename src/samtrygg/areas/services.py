"""Writes for areas: create, change, delete, and the all-or-nothing GeoJSON import."""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record, snapshot
from samtrygg.lib import geo

from .models import Area, AreaKind, PoliceClassification


def geometry_message(exc: geo.GeometryError) -> str:
    """The translated reason why a geometry cannot be used."""
    messages = {
        "missing": _("geometry is missing"),
        "wrong_type": _("geometry type %(detail)s is not Polygon or MultiPolygon"),
        "unreadable": _("geometry cannot be read (%(detail)s)"),
        "empty": _("geometry is empty"),
        "not_wgs84": _("coordinates are outside WGS 84 longitude/latitude (are they SWEREF 99 TM metres?)"),
        "invalid": _("geometry is invalid: %(detail)s"),
    }
    return messages[exc.code] % {"detail": exc.detail}


AREA_FIELDS = {"name", "kind", "parent", "police_classification", "population", "geometry"}


def _apply(area: Area, fields: dict) -> None:
    geometry = fields.pop("geometry", None)
    for key, value in fields.items():
        setattr(area, key, value)
    if geometry is not None:
        try:
            area.set_geometry(geometry)
        except geo.GeometryError as exc:
            raise ValidationError({"geometry": geometry_message(exc)}) from None
    if area.parent is not None:
        if area.parent.owner_id != area.owner_id:
            raise ValidationError({"parent": _("The parent area must belong to the same organisation.")})
        node = area.parent
        while node is not None:
            if area.pk is not None and node.pk == area.pk:
                raise ValidationError({"parent": _("An area cannot lie inside itself.")})
            node = node.parent
    area.full_clean()


@transaction.atomic
def area_create(*, actor, owner, **fields) -> Area:
    unknown = set(fields) - AREA_FIELDS
    if unknown:
        raise TypeError(f"unknown area fields {sorted(unknown)}")
    if "geometry" not in fields:
        raise ValidationError({"geometry": _("An area needs a polygon.")})
    area = Area(owner=owner)
    _apply(area, dict(fields))
    area.save()
    audit_record(actor=actor, action=Action.CREATE, organisation=owner, obj=area, after=snapshot(area))
    return area


@transaction.atomic
def area_update(*, actor, area: Area, **fields) -> Area:
    unknown = set(fields) - AREA_FIELDS
    if unknown:
        raise TypeError(f"unknown area fields {sorted(unknown)}")
    area = Area.objects.select_for_update().get(pk=area.pk)
    before = snapshot(area)
    _apply(area, dict(fields))
    area.save()
    audit_record(
        actor=actor, action=Action.UPDATE, organisation=area.owner, obj=area, before=before, after=snapshot(area)
    )
    return area


@transaction.atomic
def area_delete(*, actor, area: Area) -> None:
    area = Area.objects.select_for_update().get(pk=area.pk)  # the audit's "before" is the stored row
    if area.children.exists():
        raise ValidationError(_("The area has sub-areas; delete or move them first."))
    before = snapshot(area)
    audit_record(actor=actor, action=Action.DELETE, organisation=area.owner, obj=area, before=before)
    area.grants.clear()
    area.delete()


@dataclass
class FeatureError:
    number: int  # 1-based position of the feature in the file
    name: str
    message: str

    def __str__(self) -> str:
        label = f" ({self.name})" if self.name else ""
        return _("Feature %(number)s%(label)s: %(message)s") % {
            "number": self.number, "label": label, "message": self.message,
        }


class ImportRejected(Exception):
    """The file was not imported; `errors` lists every problem. Nothing was written."""

    def __init__(self, errors: list):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def _read_feature_collection(data: bytes | str) -> list:
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRejected([_("The file is not valid GeoJSON: %(error)s") % {"error": exc}]) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise ImportRejected([_("The file is not a GeoJSON FeatureCollection.")])
    crs = ((doc.get("crs") or {}).get("properties") or {}).get("name", "")
    if crs and not crs.endswith(("CRS84", "4326")):
        raise ImportRejected([_("The file's coordinates are in %(crs)s; areas must be in WGS 84.") % {"crs": crs}])
    if not doc["features"]:
        raise ImportRejected([_("The file holds no features.")])
    return doc["features"]


def _int_or_none(value):
    if value in (None, ""):
        return None
    number = int(value)
    if number < 0:
        raise ValueError
    return number


@transaction.atomic
def areas_import_geojson(
    *, actor, owner, data: bytes | str, kind: str = AreaKind.KOMMUNDEL, name_property: str = "name",
    parent: Area | None = None, update_existing: bool = False,
) -> list[Area]:
    """Import every feature of a GeoJSON FeatureCollection as an area of `owner`. Every feature is checked
    first; if any is bad, ImportRejected lists them all and nothing is written. Properties read: the name
    (`name_property`), optionally `population` and `police_classification`."""
    features = _read_feature_collection(data)
    existing = {a.name: a for a in Area.objects.filter(owner=owner, kind=kind)}
    errors, rows, seen = [], [], set()
    for number, feature in enumerate(features, start=1):
        props = (feature.get("properties") or {}) if isinstance(feature, dict) else {}
        name = str(props.get(name_property) or "").strip()
        problems = []
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_("not a GeoJSON Feature"))
        if not name:
            problems.append(_("the property '%(prop)s' (the name) is missing") % {"prop": name_property})
        elif name in seen:
            problems.append(_("the name occurs twice in the file"))
        elif name in existing and not update_existing:
            problems.append(_("an area of this kind with this name already exists"))
        seen.add(name)
        try:
            shape = geo.parse_polygon(feature.get("geometry") if isinstance(feature, dict) else None)
        except geo.GeometryError as exc:
            problems.append(geometry_message(exc))
            shape = None
        try:
            population = _int_or_none(props.get("population"))
        except (TypeError, ValueError):
            problems.append(_("population must be a whole number"))
            population = None
        classification = props.get("police_classification") or ""
        if classification not in PoliceClassification.values and classification != "":
            problems.append(_("unknown police classification '%(value)s'") % {"value": classification})
        if problems:
            errors.extend(FeatureError(number, name, p) for p in problems)
        else:
            rows.append((name, geo.to_geojson(shape), population, classification))
    if errors:
        raise ImportRejected(errors)
    areas = []
    for name, geometry, population, classification in rows:
        fields = {
            "name": name, "kind": kind, "parent": parent, "geometry": geometry, "population": population,
            "police_classification": classification,
        }
        if name in existing:
            areas.append(area_update(actor=actor, area=existing[name], **fields))
        else:
            areas.append(area_create(actor=actor, owner=owner, **fields))
    return areas
