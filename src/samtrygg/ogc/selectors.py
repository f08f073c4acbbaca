"""The reads behind the collections, each starting from the app's scoped selector with the caller's `Access`:
areas (areas.selectors.area_list), incidents counted per area and per H3 hexagon (incidents.query.IncidentQuery,
never one incident and never its text), hot spots of adopted lägesbilder (lagesbild.selectors.lagesbild_list) and
the public medborgarlöften (the public page's rule: marked public, owned by a municipality or one of its nämnder).

Each `*_features` function answers one items request: (numberMatched, the page of GeoJSON features)."""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import h3
from django.db.models import Count, F, Max, Min, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from samtrygg.access import Access
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.areas import selectors as area_selectors
from samtrygg.areas.models import Area
from samtrygg.decisions.models import Status
from samtrygg.incidents import aggregates
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.incidents.query import IncidentQuery, local_midnight
from samtrygg.lagesbild import selectors as lagesbild_selectors
from samtrygg.lib import cells, trees
from samtrygg.plans import selectors as plan_selectors
from samtrygg.plans.models import CitizenPromise

from .params import Query

LEVELS = {1: 90, 2: 95, 3: 99}
SWEDEN = (10.5, 55.0, 24.5, 69.5)


@dataclass(frozen=True)
class Page:
    matched: int
    features: list[dict]


def feature(fid, geometry, properties: dict) -> dict:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": properties}


def intersects(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _page(rows: list, q: Query) -> list:
    return rows[q.offset:q.offset + q.limit]


# --- areas ------------------------------------------------------------------------------------------------------

def _areas(access: Access, q: Query) -> QuerySet[Area]:
    areas = area_selectors.area_list(access).defer(None).order_by("pk")
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        areas = areas.filter(min_lon__lte=max_lon, max_lon__gte=min_lon, min_lat__lte=max_lat, max_lat__gte=min_lat)
    return areas


def _area_properties(area: Area) -> dict:
    return {
        "name": area.name, "kind": area.kind, "parent": area.parent_id,
        "parent_name": area.parent.name if area.parent_id else None, "owner": area.owner.name,
        "police_classification": area.police_classification or None, "population": area.population,
        "population_year": area.population_year, "code": area.code or None,  # SCB's DeSO/RegSO code
    }


def area_feature(area: Area) -> dict:
    return feature(area.pk, json.loads(area.geometry), _area_properties(area))


def area_features(access: Access, q: Query) -> Page:
    areas = _areas(access, q)
    return Page(areas.count(), [area_feature(a) for a in areas[q.offset:q.offset + q.limit]])


def area_item(access: Access, pk: int, q: Query) -> dict:
    return area_feature(area_selectors.area_get(access, pk))


# --- incidents per area -----------------------------------------------------------------------------------------

def _counts_by_area(access: Access, area_ids: list[int], q: Query) -> dict[int, Counter]:
    """{area id: Counter(main category name → incidents)} for the areas with everything below them: one GROUP BY
    over the caller's incidents in the interval, summed up the area tree."""
    if not area_ids:
        return {}
    incidents = IncidentQuery(access, areas=area_ids, since=q.start, until=q.end).queryset()
    rows = (incidents.order_by()
            .annotate(main=Coalesce(F("category__parent__name"), F("category__name")))
            .values("area", "main").annotate(n=Count("id")).values_list("area", "main", "n"))
    parent = dict(Area.objects.filter(parent__isnull=False).values_list("id", "parent_id"))
    wanted = set(area_ids)
    counts: dict[int, Counter] = {pk: Counter() for pk in area_ids}
    for area, main, n in rows:
        seen = set()
        while area is not None and area not in seen:
            seen.add(area)
            if area in wanted:
                counts[area][main] += n
            area = parent.get(area)
    return counts


def _count_feature(area: Area, counts: Counter, q: Query) -> dict:
    return feature(area.pk, json.loads(area.geometry), {
        "name": area.name, "kind": area.kind, "parent": area.parent_id, "owner": area.owner.name,
        "population": area.population, "count": sum(counts.values()),
        "by_category": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        "from": _iso(q.start), "to": _iso(q.end),
    })


def incidents_by_area_features(access: Access, q: Query) -> Page:
    areas = _areas(access, q)
    page = list(areas[q.offset:q.offset + q.limit])
    counts = _counts_by_area(access, [a.pk for a in page], q)
    return Page(areas.count(), [_count_feature(a, counts[a.pk], q) for a in page])


def incidents_by_area_item(access: Access, pk: int, q: Query) -> dict:
    area = area_selectors.area_get(access, pk)
    return _count_feature(area, _counts_by_area(access, [area.pk], q)[area.pk], q)


# --- incidents per hexagon --------------------------------------------------------------------------------------

def _margin(resolution: int) -> float:
    """Degrees to widen a box by so that every cell reaching into it is counted whole."""
    return 4 * h3.average_hexagon_edge_length(resolution, unit="km") / 111.0 / 0.45  # cos(63°) ≈ 0.45


def _located_in(incidents, box, margin: float):
    min_lon, min_lat, max_lon, max_lat = box
    return incidents.filter(lon__gte=min_lon - margin, lon__lte=max_lon + margin,
                            lat__gte=min_lat - margin, lat__lte=max_lat + margin)


def _ring_box(ring) -> tuple[float, float, float, float]:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _hexagon(cell: int, n: int, q: Query, ring=None) -> dict:
    ring = ring or cells.boundary(cell)
    return feature(format(cell, "x"), {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}, {
        "cell": format(cell, "x"), "resolution": cells.resolution_of(cell), "count": n,
        "from": _iso(q.start), "to": _iso(q.end),
    })


def hexagon_features(access: Access, q: Query) -> Page:
    incidents = IncidentQuery(access, since=q.start, until=q.end).queryset()
    if q.bbox:
        incidents = _located_in(incidents, q.bbox, _margin(q.resolution))
    found = []
    for cell, n in aggregates.by_cell(incidents, q.resolution):
        ring = cells.boundary(cell)
        if q.bbox is None or intersects(_ring_box(ring), q.bbox):
            found.append((cell, n, ring))
    return Page(len(found), [_hexagon(cell, n, q, ring) for cell, n, ring in _page(found, q)])


def hexagon_item(access: Access, fid: str, q: Query) -> dict:
    if not h3.is_valid_cell(fid) or h3.get_resolution(fid) > cells.CELL_RESOLUTION:
        raise Http404
    cell = h3.str_to_int(fid)
    resolution = cells.resolution_of(cell)
    expr = RawSQL(cells.parent_sql("incidents_incident.cell", resolution), [])  # noqa: S611 - no user input
    incidents = IncidentQuery(access, since=q.start, until=q.end).queryset().filter(cell__isnull=False)
    n = incidents.annotate(c=expr).filter(c=cell).count()
    if not n:
        raise Http404
    return _hexagon(cell, n, q)


# --- hot spots of adopted lägesbilder ---------------------------------------------------------------------------

def _adopted(access: Access, q: Query):
    lagesbilder = lagesbild_selectors.lagesbild_list(access).filter(status=Status.ADOPTED).order_by("pk")
    if q.start is not None:
        lagesbilder = lagesbilder.filter(period_end__gte=_local_day(q.start))
    if q.end is not None:
        lagesbilder = lagesbilder.filter(period_start__lte=_local_day(q.end - timedelta(microseconds=1)))
    return lagesbilder


def _hexmaps(document: dict):
    """(figure number, section heading, figure) of each hexagon map in a frozen document, in order."""
    number = 0
    for section in (document or {}).get("sections", []):
        for block in section.get("blocks", []):
            if block.get("type") == "figure" and block.get("kind") == "hexmap":
                number += 1
                yield number, section.get("heading", ""), block


def _hotspots(lagesbild, q: Query):
    for number, heading, figure in _hexmaps(lagesbild.document):
        for entry in figure.get("data", {}).get("cells", []):
            grade = int(entry.get("grade", 0))
            if grade <= 0:
                continue
            cell = int(entry["cell"], 16)
            ring = cells.boundary(cell)
            if q.bbox is not None and not intersects(_ring_box(ring), q.bbox):
                continue
            yield feature(f"{lagesbild.pk}-{number}-{entry['cell']}",
                          {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}, {
                              "lagesbild": lagesbild.pk, "title": lagesbild.title, "version": lagesbild.version,
                              "area": lagesbild.area.name, "owner": lagesbild.owner.name,
                              "period_start": _iso(lagesbild.period_start), "period_end": _iso(lagesbild.period_end),
                              "decided_on": _iso(lagesbild.decided_on), "decided_by": lagesbild.decided_by,
                              "section": heading, "cell": entry["cell"], "resolution": cells.resolution_of(cell),
                              "count": int(entry.get("value", 0)), "grade": grade, "level": LEVELS.get(grade),
                          })


def hotspot_features(access: Access, q: Query) -> Page:
    found = [f for lagesbild in _adopted(access, q) for f in _hotspots(lagesbild, q)]
    return Page(len(found), _page(found, q))


def hotspot_item(access: Access, fid: str, q: Query) -> dict:
    pk = fid.split("-", 1)[0]
    if not pk.isdigit():
        raise Http404
    lagesbild = lagesbild_selectors.lagesbild_get(access, int(pk))
    if not lagesbild.is_adopted:
        raise Http404
    found = next((f for f in _hotspots(lagesbild, Query()) if f["id"] == fid), None)
    if found is None:
        raise Http404
    return found


# --- the public medborgarlöften ---------------------------------------------------------------------------------

def public_promises(kommunkod: str = "") -> QuerySet[CitizenPromise]:
    """The public page's rule for every municipality at once (or for one, by kommunkod): promises marked public,
    owned by a municipality or one of its nämnder and förvaltningar."""
    if kommunkod:
        try:
            return plan_selectors.public_promises(plan_selectors.municipality(kommunkod))
        except Http404:
            return CitizenPromise.objects.none()
    kommuner = Organisation.objects.filter(type=OrgType.KOMMUN).values_list("id", flat=True)
    owners = trees.descendants(kommuner, Organisation.objects.values_list("id", "parent_id"))
    return (CitizenPromise.objects.filter(public=True, owner__in=owners)
            .select_related("area").prefetch_related("activities", "partners"))


def _promises(q: Query) -> QuerySet[CitizenPromise]:
    promises = public_promises(q.kommunkod).select_related("owner", "area").order_by("pk")
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        promises = promises.filter(area__min_lon__lte=max_lon, area__max_lon__gte=min_lon,
                                   area__min_lat__lte=max_lat, area__max_lat__gte=min_lat)
    if q.start is not None:
        promises = promises.filter(period_end__gte=_local_day(q.start))
    if q.end is not None:
        promises = promises.filter(period_start__lte=_local_day(q.end - timedelta(microseconds=1)))
    return promises


class _Municipalities:
    """The municipality (name, kommunkod) each organisation belongs to, from one query."""

    def __init__(self):
        self.rows = {pk: (parent, kind, code, name) for pk, parent, kind, code, name in
                     Organisation.objects.values_list("id", "parent_id", "type", "kommunkod", "name")}

    def of(self, pk: int) -> tuple[str, str]:
        seen = set()
        while pk in self.rows and pk not in seen:
            seen.add(pk)
            parent, kind, code, name = self.rows[pk]
            if kind == OrgType.KOMMUN:
                return name, code
            pk = parent
        return "", ""


def _promise_feature(promise: CitizenPromise, municipalities: _Municipalities) -> dict:
    name, code = municipalities.of(promise.owner_id)
    geometry = json.loads(promise.area.geometry) if promise.area_id else None
    return feature(promise.pk, geometry, {
        "title": promise.title, "description": promise.description, "status": promise.status,
        "status_label": str(promise.get_status_display()), "period_start": _iso(promise.period_start),
        "period_end": _iso(promise.period_end), "municipality": name, "kommunkod": code,
        "given_by": [promise.owner.name] + [p.name for p in promise.partners.all()],
        "area": promise.area.name if promise.area_id else None,
        "activities": [{"description": a.description, "status": a.status} for a in promise.activities.all()],
    })


def promise_features(access: Access, q: Query) -> Page:
    promises = _promises(q)
    municipalities = _Municipalities()
    return Page(promises.count(), [_promise_feature(p, municipalities)
                                   for p in promises[q.offset:q.offset + q.limit]])


def promise_item(access: Access, pk: int, q: Query) -> dict:
    promise = public_promises().select_related("owner", "area").filter(pk=pk).first()
    if promise is None:
        raise Http404
    return _promise_feature(promise, _Municipalities())


# --- extents ----------------------------------------------------------------------------------------------------

def _box(row: dict) -> list[float]:
    values = [row["a"], row["b"], row["c"], row["d"]]
    return list(SWEDEN) if None in values else values


def areas_extent(access: Access) -> list[float]:
    return _box(area_selectors.area_list(access).order_by().aggregate(
        a=Min("min_lon"), b=Min("min_lat"), c=Max("max_lon"), d=Max("max_lat")))


def promises_extent() -> list[float]:
    return _box(public_promises().order_by().aggregate(
        a=Min("area__min_lon"), b=Min("area__min_lat"), c=Max("area__max_lon"), d=Max("area__max_lat")))


def incidents_interval(access: Access) -> list[str | None]:
    row = incident_selectors.incidents(access).order_by().aggregate(a=Min("occurred_from"), b=Max("occurred_from"))
    return [_iso(row["a"]), _iso(row["b"])]


def _days(row: dict) -> list[str | None]:
    """[first day's start, last day's end] as RFC 3339 date-times (Swedish local time)."""
    first, last = row["a"], row["b"]
    return [_iso(local_midnight(first)) if first else None,
            _iso(local_midnight(last + timedelta(days=1))) if last else None]


def hotspots_interval(access: Access) -> list[str | None]:
    return _days(_adopted(access, Query()).order_by().aggregate(a=Min("period_start"), b=Max("period_end")))


def promises_interval() -> list[str | None]:
    return _days(public_promises().order_by().aggregate(a=Min("period_start"), b=Max("period_end")))
