"""SCB's small areas: DeSO (demografiska statistikområden) and RegSO (regionala statistikområden) with their
boundaries and their population.

Boundaries: SCB's GeoPackage (DeSO_2018_v2.gpkg: deso, kommun, kommunnamn, lan, lannamn; DeSO_2025.gpkg: desokod,
regsokod, kommunkod, lanskod …; RegSO: regsokod, regsonamn or regso, kommunkod …) in SWEREF 99 TM, or the same as
GeoJSON (e.g. from SCB's WFS), read by pyogrio (GDAL) and turned into WGS 84. Only the organisation's municipality's
areas are imported unless asked otherwise; re-importing updates areas by their code and leaves unchanged ones alone.

Population: a PxWebApi answer in JSON-stat2 (e.g. BE0101/BE0101Y/FolkmDesoAldKon: Region × Alder × Kon ×
ContentsCode × Tid), read as the total per region for one year (the "totalt" categories, or the sum over a
dimension that has none), matched to the areas by code (PxWeb's "0180C1010_DeSO2025" is DeSO 0180C1010).
"""

import json
import re
import urllib.error
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pyogrio
import pyogrio.errors
import shapely
from django.db import transaction
from django.utils.translation import gettext as _
from pyproj import Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import mapping

from samtrygg.lib import geo, http, safe_read

from .models import Area, AreaKind
from .services import FeatureError, ImportRejected, _json_message, area_create, area_update, geometry_message

CODE_PATTERNS = {AreaKind.DESO: re.compile(r"^\d{4}[A-C]\d{4}$"), AreaKind.REGSO: re.compile(r"^\d{4}R\d{3}$")}
CODE_EXAMPLES = {AreaKind.DESO: "0180C1010", AreaKind.REGSO: "0180R001"}
CODE_ATTRIBUTES = {AreaKind.DESO: ("desokod", "deso"), AreaKind.REGSO: ("regsokod",)}
NAME_ATTRIBUTES = {AreaKind.DESO: (), AreaKind.REGSO: ("regsonamn", "regso")}
KOMMUN_ATTRIBUTES = ("kommunkod", "kommun")
PXWEB_VERSION = re.compile(r"_(?:DeSO|RegSO)\d{4}$", re.IGNORECASE)  # PxWeb's "0180C1010_DeSO2025"
TOTAL_CODES = {"totalt", "total", "tot", "1+2"}
TOTAL_LABELS = {"totalt", "total", "samtliga", "båda könen", "män och kvinnor", "men and women", "both sexes",
                "all ages", "totalt, samtliga"}
MAX_FETCH_BYTES = 512 * 2**20  # SCB's national DeSO GeoPackage is far smaller
FETCH_TIMEOUT = 120


# --- reading the boundaries --------------------------------------------------------------------------------------

@dataclass
class ScbFeature:
    number: int  # 1-based position in the layer
    code: str
    name: str
    kommunkod: str  # "" when neither an attribute nor the code tells
    regsokod: str  # a DeSO's RegSO, when the file says
    shape: shapely.Geometry | None
    problems: list[str] = field(default_factory=list)


def _attribute(fields: list[str], candidates: tuple[str, ...]) -> int | None:
    lower = [f.lower() for f in fields]
    return next((lower.index(c) for c in candidates if c in lower), None)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _layer(data: bytes, kind: str, layer: str | None) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL: "non conformant file extension" of /vsimem
            layers = [(str(name), str(gtype)) for name, gtype in pyogrio.list_layers(data)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError):
        raise ImportRejected([_("The file is neither a GeoPackage nor GeoJSON that can be read.")]) from None
    names = [name for name, _gtype in layers]
    if layer:
        if layer not in names:
            raise ImportRejected([_("The file has no layer “%(layer)s”; its layers: %(layers)s.")
                                  % {"layer": layer, "layers": ", ".join(names)}])
        return layer
    polygons = [name for name, gtype in layers if "polygon" in gtype.lower() or gtype.lower() == "unknown"]
    if len(polygons) == 1:
        return polygons[0]
    named = [name for name in polygons if kind in name.lower()]
    if len(named) == 1:
        return named[0]
    raise ImportRejected([_("The file has %(count)s layers of polygons (%(layers)s); choose the one to import.")
                          % {"count": len(polygons), "layers": ", ".join(polygons) or "–"}])


def _transformer(crs: str | None, geometries: list) -> Transformer:
    """From the layer's CRS to WGS 84; a layer without one is taken as SWEREF 99 TM or WGS 84 by its extent."""
    if not crs:
        shapes = [g for g in geometries if g is not None]
        minx, miny, maxx, maxy = shapely.total_bounds(shapes) if shapes else (0, 0, 0, 0)
        if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
            crs = "EPSG:4326"
        elif 2e5 <= minx <= maxx <= 1e6 and 6e6 <= miny <= maxy <= 7.8e6:
            crs = "EPSG:3006"
        else:
            raise ImportRejected([_("The file does not say its coordinate system, and its coordinates are neither "
                                    "WGS 84 nor SWEREF 99 TM.")])
    try:
        return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    except CRSError:
        raise ImportRejected([_("The file's coordinate system %(crs)s is unknown.") % {"crs": str(crs)[:80]}]) from None


def read_boundaries(data: bytes, kind: str, *, layer: str | None = None) -> list[ScbFeature]:
    """The features of SCB's DeSO or RegSO file (GeoPackage or GeoJSON) in WGS 84, each with its problems;
    ImportRejected when the file as a whole cannot be used."""
    if not data:
        raise ImportRejected([_("The file is empty.")])
    name = _layer(data, kind, layer)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            meta, _fids, wkbs, values = pyogrio.raw.read(data, layer=name)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError,
            ValueError) as exc:
        raise ImportRejected([_("The layer %(layer)s cannot be read: %(error)s")
                              % {"layer": name, "error": str(exc)[:200]}]) from None
    fields = [str(f) for f in meta["fields"]]
    code_at = _attribute(fields, CODE_ATTRIBUTES[kind])
    if code_at is None:
        raise ImportRejected([_("The layer %(layer)s has no attribute %(wanted)s with SCB's %(kind)s code; its "
                                "attributes: %(fields)s.") % {
            "layer": name, "wanted": " / ".join(CODE_ATTRIBUTES[kind]), "kind": AreaKind(kind).label,
            "fields": ", ".join(fields) or "–"}])
    if len(wkbs) > safe_read.MAX_AREA_FEATURES * 2:
        raise ImportRejected([_("The file holds %(count)s features; SCB's files for all of Sweden hold fewer.")
                              % {"count": len(wkbs)}])
    deso_at = _attribute(fields, CODE_ATTRIBUTES[AreaKind.DESO])
    if kind == AreaKind.REGSO and deso_at is not None:
        raise ImportRejected([_("The layer %(layer)s holds DeSO areas (it has the attribute %(attribute)s), not "
                                "RegSO areas: import it as DeSO.") % {"layer": name, "attribute": fields[deso_at]}])
    name_at = _attribute(fields, NAME_ATTRIBUTES[kind])
    kommun_at = _attribute(fields, KOMMUN_ATTRIBUTES)
    regso_at = _attribute(fields, ("regsokod",)) if kind == AreaKind.DESO else None
    shapes = []
    for wkb in wkbs:
        try:
            shapes.append(shapely.from_wkb(wkb) if wkb is not None else None)
        except shapely.errors.ShapelyError:
            shapes.append(False)  # unreadable
    transformer = _transformer(meta.get("crs"), [s for s in shapes if s])
    features = []
    for k, shape in enumerate(shapes):
        code = _text(values[code_at][k])
        feature = ScbFeature(
            number=k + 1, code=code, name=_text(values[name_at][k]) if name_at is not None else "",
            kommunkod=_text(values[kommun_at][k]) if kommun_at is not None else "",
            regsokod=_text(values[regso_at][k]) if regso_at is not None else "", shape=None,
        )
        if feature.kommunkod.isdigit():
            feature.kommunkod = feature.kommunkod.zfill(4)
        if not code:
            feature.problems.append(_("SCB's code (the attribute %(attribute)s) is missing")
                                    % {"attribute": fields[code_at]})
        elif not CODE_PATTERNS[kind].match(code):
            feature.problems.append(_("“%(code)s” is not a %(kind)s code (like %(example)s)") % {
                "code": code[:40], "kind": AreaKind(kind).label, "example": CODE_EXAMPLES[kind]})
        elif not feature.kommunkod:
            feature.kommunkod = code[:4]
        feature.name = feature.name or code
        if char := safe_read.control_character(feature.name):
            feature.problems.append(_("the name holds a control character (%(char)s), which cannot be stored")
                                    % {"char": char})
        feature.name = feature.name[:Area._meta.get_field("name").max_length]
        feature.shape = _wgs84(shape, transformer, feature.problems)
        features.append(feature)
    return features


def _wgs84(shape, transformer: Transformer, problems: list[str]) -> shapely.Geometry | None:
    """The feature's (Multi)Polygon in WGS 84, checked as every area's (lib/geo); None with a problem otherwise."""
    if shape is None:
        problems.append(geometry_message(geo.GeometryError("missing")))
        return None
    if shape is False:
        problems.append(geometry_message(geo.GeometryError("unreadable", "WKB")))
        return None
    if shape.geom_type not in geo.POLYGON_TYPES:
        problems.append(geometry_message(geo.GeometryError("wrong_type", shape.geom_type)))
        return None
    if not shape.is_valid:  # before the transformation, so the reason names the file's own coordinates
        problems.append(geometry_message(geo.GeometryError("invalid", shapely.is_valid_reason(shape))))
        return None
    moved = shapely.transform(shape, lambda x, y: transformer.transform(x, y), interleaved=False)
    try:
        checked = geo.parse_polygon(mapping(moved))
        geo.check_in_sweden(checked)
    except geo.GeometryError as exc:
        problems.append(geometry_message(exc))
        return None
    return checked


# --- importing the boundaries ------------------------------------------------------------------------------------

@dataclass
class ScbImport:
    kind: str
    created: list[Area] = field(default_factory=list)
    updated: list[Area] = field(default_factory=list)
    unchanged: int = 0
    other_municipalities: int = 0  # features of other municipalities, left out
    relinked: int = 0  # DeSO areas put under the RegSO that holds them (after a RegSO import)


def _geometry_text(shape) -> str:
    return json.dumps(geo.to_geojson(shape), separators=(",", ":"))


def _kommun_area(owner) -> Area | None:
    found = list(Area.objects.filter(owner=owner, kind=AreaKind.KOMMUN)[:2])
    return found[0] if len(found) == 1 else None


def _regso_locator(owner) -> tuple[geo.AreaLocator, dict[int, Area]]:
    regsos = {a.pk: a for a in Area.objects.filter(owner=owner, kind=AreaKind.REGSO)}
    return geo.AreaLocator([(pk, a.shape) for pk, a in regsos.items()]), regsos


@transaction.atomic
def areas_import_scb(*, actor, owner, data: bytes, kind: str, kommunkod: str = "", all_municipalities: bool = False,
                     layer: str | None = None) -> ScbImport:
    """Import SCB's DeSO or RegSO areas of `owner`'s municipality (or of `kommunkod`, or all of them) as areas
    with their code, updating by code. Every feature is checked first; if any is bad, ImportRejected lists them
    all (by number and code) and nothing is written. A RegSO's parent is the municipality's area (when the
    organisation has exactly one); a DeSO's the RegSO holding it (by the file's regsokod, else by place), else
    the municipality's area."""
    if kind not in CODE_PATTERNS:
        raise ValueError(f"not an SCB area kind: {kind}")
    own_kommun = owner.municipality_code()
    wanted = kommunkod or own_kommun
    if not all_municipalities and not wanted:
        raise ImportRejected([_("The organisation has no municipality code: choose the municipality whose areas "
                                "to import, or import all of them.")])
    features = read_boundaries(data, kind, layer=layer)
    chosen = [f for f in features if all_municipalities or not f.kommunkod or f.kommunkod == wanted]
    result = ScbImport(kind=kind, other_municipalities=len(features) - len(chosen))
    if not chosen:
        raise ImportRejected([_("The file holds no %(kind)s areas of municipality %(kommunkod)s (it holds "
                                "%(count)s of other municipalities).") % {
            "kind": AreaKind(kind).label, "kommunkod": wanted, "count": len(features)}])
    codes = Counter(f.code for f in chosen)
    names = Counter(f.name for f in chosen)
    errors = []
    for f in chosen:
        if codes[f.code] > 1 and f.code:
            f.problems.append(_("the code occurs %(count)s times in the file") % {"count": codes[f.code]})
        if names[f.name] > 1 and f.name != f.code:
            f.name = f"{f.name} ({f.code})"[:Area._meta.get_field("name").max_length]
        errors.extend(FeatureError(f.number, f.code, p) for p in f.problems)
    if errors:
        raise ImportRejected(errors)
    kommun_area = _kommun_area(owner)
    regso_locator, regsos = _regso_locator(owner) if kind == AreaKind.DESO else (None, {})
    regso_by_code = {a.code: a for a in regsos.values()}
    by_code = {a.code: a for a in Area.objects.filter(owner=owner, kind=kind).exclude(code="")}
    by_name = {a.name: a for a in Area.objects.filter(owner=owner, kind=kind, code="")}
    for f in chosen:
        parent = kommun_area if f.kommunkod == own_kommun else None
        if kind == AreaKind.DESO:
            point = f.shape.representative_point()
            regso = regso_by_code.get(f.regsokod) or regsos.get(regso_locator.locate(point.x, point.y))
            parent = regso or parent
        fields = {"name": f.name, "kind": kind, "code": f.code, "parent": parent, "geometry": mapping(f.shape)}
        area = by_code.get(f.code) or by_name.get(f.name)
        if area is None:
            result.created.append(area_create(actor=actor, owner=owner, **fields))
        elif (area.name, area.code, area.parent_id, area.geometry) == (
                f.name, f.code, parent.pk if parent else None, _geometry_text(f.shape)):
            result.unchanged += 1
        else:
            result.updated.append(area_update(actor=actor, area=area, **fields))
    if kind == AreaKind.REGSO:
        result.relinked = _link_deso_to_regso(actor=actor, owner=owner, kommun_area=kommun_area)
    return result


def _link_deso_to_regso(*, actor, owner, kommun_area: Area | None) -> int:
    """Put the DeSO areas that hang under no RegSO (at the top or under the municipality) under the RegSO that
    holds them; the number moved."""
    locator, regsos = _regso_locator(owner)
    loose = Area.objects.filter(owner=owner, kind=AreaKind.DESO).exclude(parent__kind=AreaKind.REGSO)
    moved = 0
    for deso in loose:
        if deso.parent_id not in {None, kommun_area.pk if kommun_area else None}:
            continue  # placed by hand under another area: left there
        point = deso.shape.representative_point()
        regso = regsos.get(locator.locate(point.x, point.y))
        if regso is not None:
            area_update(actor=actor, area=deso, parent=regso)
            moved += 1
    return moved


# --- population (JSON-stat2) -------------------------------------------------------------------------------------

@dataclass
class PopulationTable:
    year: str
    values: dict[str, int | None]  # region code (without PxWeb's version suffix) -> residents, None when missing
    problems: list[str] = field(default_factory=list)


def _categories(dimension: dict) -> tuple[list[str], dict[str, str]]:
    """(codes in their order, labels) of a JSON-stat dimension; its index may be an object or an array."""
    category = dimension.get("category") if isinstance(dimension, dict) else None
    if not isinstance(category, dict):
        raise ValueError("category")
    index = category.get("index")
    labels = category.get("label") if isinstance(category.get("label"), dict) else {}
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [str(c) for c, _pos in sorted(index.items(), key=lambda item: item[1])]
    elif len(labels) == 1:
        codes = list(labels)
    else:
        raise ValueError("index")
    return codes, {str(k): str(v) for k, v in labels.items()}


def _total_position(codes: list[str], labels: dict[str, str]) -> int | None:
    for k, code in enumerate(codes):
        if code.lower() in TOTAL_CODES or labels.get(code, "").strip().lower() in TOTAL_LABELS:
            return k
    return None


def _role(doc: dict, role: str, fallback: str) -> str | None:
    roles = doc.get("role") if isinstance(doc.get("role"), dict) else {}
    named = roles.get(role)
    if isinstance(named, list) and named and named[0] in doc["id"]:
        return named[0]
    return next((d for d in doc["id"] if d.lower() == fallback), None)


def read_population(data: bytes | str, *, year: str = "") -> PopulationTable:
    """The residents per region in a JSON-stat2 dataset for `year` (the latest in the file when not given):
    every dimension but region and time is narrowed to its total category, or summed over when it has none
    (e.g. a table split by sex only); a table of several contents is narrowed to its population. ImportRejected
    when the file is not such a dataset."""
    try:
        doc = safe_read.load_json(data)
    except safe_read.UnsafeInput as exc:
        raise ImportRejected([_json_message(exc)]) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), list) or not isinstance(doc.get("size"), list) \
            or not isinstance(doc.get("dimension"), dict) or "value" not in doc:
        raise ImportRejected([_("The file is not a JSON-stat2 dataset (PxWebApi's “json-stat2” answer).")])
    ids, sizes = [str(d) for d in doc["id"]], doc["size"]
    region, time = _role(doc, "geo", "region"), _role(doc, "time", "tid")
    if region is None or time is None:
        raise ImportRejected([_("The dataset has no region or no time dimension (its dimensions: %(ids)s).")
                              % {"ids": ", ".join(ids)}])
    try:
        dims = {d: _categories(doc["dimension"][d]) for d in ids}
        shape = tuple(int(n) for n in sizes)
        if len(shape) != len(ids) or any(len(dims[d][0]) != n for d, n in zip(ids, shape, strict=True)):
            raise ValueError("size")
        cube = _values(doc["value"], shape)
    except (KeyError, ValueError, TypeError, OverflowError):
        raise ImportRejected([_("The JSON-stat2 dataset is malformed: its dimensions, sizes and values do not "
                                "agree.")]) from None
    years = dims[time][0]
    chosen_year = year or max(years)
    if chosen_year not in years:
        raise ImportRejected([_("The dataset has no figures for %(year)s; it has %(years)s.")
                              % {"year": chosen_year, "years": ", ".join(years)}])
    for axis in reversed(range(len(ids))):  # narrow from the last axis, so the earlier axes keep their numbers
        dim = ids[axis]
        codes, labels = dims[dim]
        if dim == region:
            continue
        if dim == time:
            cube = np.take(cube, codes.index(chosen_year), axis=axis)
        elif len(codes) == 1:
            cube = np.take(cube, 0, axis=axis)
        elif (total := _total_position(codes, labels)) is not None:
            cube = np.take(cube, total, axis=axis)
        elif dim == _role(doc, "metric", "contentscode"):
            raise ImportRejected([_("The dataset holds several contents (%(list)s); fetch only the population.")
                                  % {"list": ", ".join(labels.get(c, c) for c in codes)}])
        else:
            cube = cube.sum(axis=axis)  # NaN (a missing figure) stays missing
    table = PopulationTable(year=chosen_year, values={})
    best: dict[str, int] = {}  # code -> rank of the entry kept: 2 a suffixed code with a figure, 1 a plain one, 0 none
    for code, value in zip(dims[region][0], cube.tolist(), strict=True):
        plain = PXWEB_VERSION.sub("", code)
        number = None if value != value else value  # NaN: no figure
        if number is not None and (number < 0 or not float(number).is_integer()):
            table.problems.append(_("Region %(code)s: %(value)s is not a number of residents")
                                  % {"code": code, "value": value})
            continue
        rank = 0 if number is None else 2 if code != plain else 1  # the newest version of a code wins
        if rank >= best.get(plain, 0):
            best[plain] = rank
            table.values[plain] = None if number is None else int(number)
    return table


def _values(value, shape: tuple[int, ...]) -> np.ndarray:
    """JSON-stat's values (an array, or an object of position -> value) as a float array; null is NaN."""
    total = int(np.prod(shape))
    flat = np.full(total, np.nan)
    items = value.items() if isinstance(value, dict) else enumerate(value)
    if not isinstance(value, dict) and len(value) != total:
        raise ValueError("value")
    for position, v in items:
        if v is not None:
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise TypeError("value")
            flat[int(position)] = v
    return flat.reshape(shape)


@dataclass
class PopulationImport:
    year: str
    matched: int = 0  # areas given a population (or already holding it)
    changed: int = 0
    without_figure: list[str] = field(default_factory=list)  # codes of the organisation's areas the file lacks
    unused: int = 0  # regions of the file that are none of the organisation's areas
    problems: list[str] = field(default_factory=list)


@transaction.atomic
def areas_set_population(*, actor, owner, data: bytes | str, year: str = "") -> PopulationImport:
    """Set the population (and its year) of `owner`'s DeSO and RegSO areas from SCB's JSON-stat2 answer,
    matched by code; reports which areas the file has no figure for and how many of its regions were unused."""
    table = read_population(data, year=year)
    result = PopulationImport(year=table.year, problems=table.problems)
    areas = Area.objects.filter(owner=owner, kind__in=list(CODE_PATTERNS)).exclude(code="").order_by("code")
    used = set()
    year_number = int(table.year) if table.year.isdigit() and len(table.year) == 4 else None
    for area in areas:
        population = table.values.get(area.code)
        if population is None:
            result.without_figure.append(area.code)
            continue
        used.add(area.code)
        result.matched += 1
        if (area.population, area.population_year) != (population, year_number):
            area_update(actor=actor, area=area, population=population, population_year=year_number)
            result.changed += 1
    result.unused = len(set(table.values) - used)
    return result


# --- fetching ----------------------------------------------------------------------------------------------------

def fetch(url: str) -> bytes:
    """The bytes at an http(s) URL (SCB's PxWebApi or geodata service), with a timeout and a size cap;
    ImportRejected when they cannot be had."""
    if urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise ImportRejected([_("Only http(s) addresses can be fetched.")])
    try:
        data = http.get(url, headers={"User-Agent": "samtrygg (SCB areas; municipal)"}, timeout=FETCH_TIMEOUT,
                        limit=MAX_FETCH_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ImportRejected([_("The server answered HTTP %(code)s %(reason)s.")
                              % {"code": exc.code, "reason": exc.reason}]) from None
    except (urllib.error.URLError, OSError) as exc:
        raise ImportRejected([_("The address cannot be fetched: %(reason)s")
                              % {"reason": getattr(exc, "reason", exc)}]) from None
    if len(data) > MAX_FETCH_BYTES:
        raise ImportRejected([_("The answer is larger than %(mb)s MB.") % {"mb": MAX_FETCH_BYTES // 2**20}])
    return data


def read_source(source: str) -> bytes:
    """The bytes of a local file or of an http(s) address (SCB's geodata service, PxWebApi); ImportRejected when
    they cannot be had."""
    if urlsplit(source).scheme.lower() in {"http", "https"}:
        return fetch(source)
    try:
        return safe_read.read_limited(Path(source), MAX_FETCH_BYTES)
    except safe_read.UnsafeInput:
        raise ImportRejected([_("The file is larger than %(mb)s MB.") % {"mb": MAX_FETCH_BYTES // 2**20}]) from None
    except OSError as exc:
        raise ImportRejected([_("The file cannot be read: %(reason)s") % {"reason": exc.strerror or exc}]) from None
