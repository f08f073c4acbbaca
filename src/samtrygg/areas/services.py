"""Writes for areas: create, change, delete, and the all-or-nothing GeoJSON import."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg import guards
from samtrygg.audit.services import audit_create, audit_delete, audit_save
from samtrygg.lib import geo, safe_read

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
        "outside_sweden": _("the area lies outside Sweden (%(detail)s)"),
    }
    return messages[exc.code] % {"detail": exc.detail}


AREA_FIELDS = {"name", "kind", "parent", "police_classification", "population", "population_year", "code", "geometry"}


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
    audit_create(actor=actor, organisation=owner, obj=area)
    return area


@transaction.atomic
def area_update(*, actor, area: Area, **fields) -> Area:
    unknown = set(fields) - AREA_FIELDS
    if unknown:
        raise TypeError(f"unknown area fields {sorted(unknown)}")
    area = Area.objects.select_for_update().get(pk=area.pk)
    with audit_save(actor=actor, organisation=area.owner, obj=area, always=True):
        _apply(area, dict(fields))
        area.save()
    return area


@transaction.atomic
def area_delete(*, actor, area: Area) -> None:
    area = Area.objects.select_for_update().get(pk=area.pk)  # the audit's "before" is the stored row
    if area.children.exists():
        raise ValidationError(_("The area has sub-areas; delete or move them first."))
    area.grants.clear()  # its deletion entry stands for its removal from the grants
    audit_delete(actor=actor, organisation=area.owner, obj=area)


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


def _json_message(exc: safe_read.UnsafeInput) -> str:
    messages = {
        "utf16": _("The file is saved as UTF-16 text; save it as UTF-8 GeoJSON."),
        "binary": _("The file is not GeoJSON: it holds binary data."),
        "encoding": _("The file is not UTF-8 text; save it as UTF-8 GeoJSON."),
        "json_depth": _("The file is nested more than %(depth)s levels deep, far more than GeoJSON areas need.")
        % {"depth": safe_read.MAX_JSON_DEPTH},
        "too_large": _("The file is larger than %(mb)s MB.") % {"mb": safe_read.MAX_JSON_BYTES // 2**20},
    }
    return messages.get(exc.code) or _("The file is not valid GeoJSON: %(error)s") % {"error": exc}


def _read_feature_collection(data: bytes | str) -> list:
    """The features of a GeoJSON FeatureCollection in WGS 84, read by lib/safe_read; ImportRejected otherwise."""
    try:
        doc = safe_read.load_json(data)
    except safe_read.UnsafeInput as exc:
        raise ImportRejected([_json_message(exc)]) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise ImportRejected([_("The file is not a GeoJSON FeatureCollection.")])
    crs = doc.get("crs")
    if crs is not None:
        properties = crs.get("properties") if isinstance(crs, dict) else None
        name = properties.get("name") if isinstance(properties, dict) else None
        if not isinstance(name, str):
            raise ImportRejected([_("The file's “crs” member does not name a coordinate system; areas must be in "
                                    "WGS 84 (leave “crs” out).")])
        if not name.endswith(("CRS84", "4326")):
            raise ImportRejected([_("The file's coordinates are in %(crs)s; areas must be in WGS 84.")
                                  % {"crs": name[:80]}])
    if not doc["features"]:
        raise ImportRejected([_("The file holds no features.")])
    if len(doc["features"]) > safe_read.MAX_AREA_FEATURES:
        raise ImportRejected([_("The file holds %(count)s features; at most %(max)s areas are imported at once.")
                              % {"count": len(doc["features"]), "max": safe_read.MAX_AREA_FEATURES}])
    return doc["features"]


def _int_or_none(value):
    """A population: a whole number (or its digits as text) from 0 to 2,147,483,647, or None when not given."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError
    if isinstance(value, float) and not value.is_integer():
        raise ValueError
    number = int(value.strip()) if isinstance(value, str) else int(value)
    if not 0 <= number <= 2_147_483_647:
        raise ValueError
    return number


def _feature_name(props: dict, name_property: str) -> tuple[str, list[str]]:
    """(the area's name, its problems): text or a number, without control characters, at most 200 characters."""
    value = props.get(name_property)
    if value is None or value == "":
        return "", [_("the property '%(prop)s' (the name) is missing") % {"prop": name_property}]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return "", [_("the property '%(prop)s' (the name) must be text") % {"prop": name_property}]
    name = str(value).strip()
    if char := safe_read.control_character(name):
        return "", [_("the name holds a control character (%(char)s), which cannot be stored") % {"char": char}]
    max_length = Area._meta.get_field("name").max_length
    if len(name) > max_length:
        return "", [_("the name is longer than %(max)s characters") % {"max": max_length}]
    if not name:
        return "", [_("the property '%(prop)s' (the name) is missing") % {"prop": name_property}]
    return name, []


@transaction.atomic
def areas_import_geojson(
    *, actor, owner, data: bytes | str, kind: str = AreaKind.KOMMUNDEL, name_property: str = "name",
    parent: Area | None = None, update_existing: bool = False,
) -> list[Area]:
    """Import every feature of a GeoJSON FeatureCollection as an area of `owner`. Every feature is checked
    first; if any is bad, ImportRejected lists them all and nothing is written. Properties read: the name
    (`name_property`), optionally `population` and `police_classification`. The file is read by lib/safe_read
    (UTF-8, nesting and numbers checked, at most MAX_AREA_FEATURES features); a value of the wrong JSON type, a
    name with a control character and a polygon outside Sweden (geo.check_in_sweden) are problems of their
    feature."""
    features = _read_feature_collection(data)
    existing = {a.name: a for a in Area.objects.filter(owner=owner, kind=kind)}
    policy = guards.policy_for(owner)
    errors, rows, seen = [], [], set()
    for number, feature in enumerate(features, start=1):
        props = (feature.get("properties") or {}) if isinstance(feature, dict) else {}
        problems = []
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_("not a GeoJSON Feature"))
        if not isinstance(props, dict):
            problems.append(_("“properties” must be an object"))
            props = {}
        name, name_problems = _feature_name(props, name_property)
        problems += name_problems
        if name:  # the privacy guard, per feature: what the policy refuses is listed, and never echoed
            screened = guards.screen_text(name, policy)
            problems += guards.refusal_messages(screened.refused)
            name = guards.screen_text(name, policy.masking()).text if screened.refused else screened.text
        if name in seen:
            problems.append(_("the name occurs twice in the file"))
        elif name in existing and not update_existing:
            problems.append(_("an area of this kind with this name already exists"))
        if name:
            seen.add(name)
        try:
            shape = geo.parse_polygon(feature.get("geometry") if isinstance(feature, dict) else None)
            geo.check_in_sweden(shape)
        except geo.GeometryError as exc:
            problems.append(geometry_message(exc))
            shape = None
        try:
            population = _int_or_none(props.get("population"))
        except (TypeError, ValueError):
            problems.append(_("population must be a whole number"))
            population = None
        classification = props.get("police_classification") or ""
        if not isinstance(classification, str) or classification not in [*PoliceClassification.values, ""]:
            problems.append(_("unknown police classification '%(value)s'") % {"value": str(classification)[:40]})
            classification = ""
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
