"""`samtrygg bench map [--n N]`: the incident map's data requests, as absolute p95, beside the raw scan.

N synthetic incidents are loaded with the product's importer (so its tallies are the importer's own) and the
database analysed. Then each map view below is requested as the demo coordinator through the whole stack
(`GET /incidents/map/data/?zoom=Z&bbox=…`: session, the permission resolver's scope, filters, the tally or the
spatial index, JSON), alternately with its **raw scan**: the same answer computed by plain SQL from the incident
table (the scope's rows in the box, grouped by the hexagons' cell, or the points themselves), with whatever index
the planner picks on that table. Each view: WARMUP requests, then REPEAT of each side in turns.

The views are a 1280 × 800 px browser window:
- `municipality`: zoom 10 over the demo municipality's centre (hexagons at resolution 6);
- `district`: zoom 13 over the densest cluster (resolution 8);
- `neighbourhood`: zoom 15 over the densest cluster (resolution 10, counted from the incidents);
- `street`: zoom 17 over the densest cluster (more incidents than the map draws as points: hexagons);
- `street_points`: zoom 17 over the densest place whose window holds at most MAP_POINT_LIMIT incidents, so the
  map draws them as points (the issue's "map points in a street-level box").

Figures per view: incidents in the window, the mode (cells or points), p50 and p95 of the request and of the raw
scan, and whether both gave the same counts; `met`: every view's p95 within the issue's target (50 ms at
1,000,000 incidents, 100 ms at 10,000,000). The machine's load average is printed before and after.
"""

import json
import math

from _support import load_average, loaded, percentiles, timed
from django.db import connection
from django.test import Client

REPEAT = 30
WARMUP = 3
WINDOW = (1280, 800)  # px


def window(lat: float, lon: float, zoom: int, size: tuple[int, int] = WINDOW) -> tuple[float, float, float, float]:
    """The (min_lon, min_lat, max_lon, max_lat) a web map of `size` px shows at `zoom`, centred on (lat, lon)."""
    scale = 256 * 2 ** zoom
    x = (lon + 180) / 360 * scale
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * scale

    def lon_of(px):
        return px / scale * 360 - 180

    def lat_of(py):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))

    half_w, half_h = size[0] / 2, size[1] / 2
    return lon_of(x - half_w), lat_of(y + half_h), lon_of(x + half_w), lat_of(y - half_h)


def target_seconds(n: int) -> float:
    return 0.05 if n <= 1_000_000 else 0.1


def run(*, n: int = 1_000_000, seed: int = 2023, log=print, repeat: int = REPEAT) -> dict:
    from samtrygg.access import Access
    from samtrygg.incidents.views.pages import MAP_POINT_LIMIT, resolution_for_zoom
    from samtrygg.lib import cells

    load_before = load_average()
    with loaded(n, seed, log) as (owner, user, outline):
        org_ids = sorted(Access(user).orgs_for("view"))
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        centre = outline.centroid
        densest = _densest(org_ids)
        views = {
            "municipality": (10, centre.y, centre.x),
            "district": (13, *densest),
            "neighbourhood": (15, *densest),
            "street": (17, *densest),
            "street_points": (17, *_densest_drawn_as_points(org_ids, MAP_POINT_LIMIT)),
        }
        results = {}
        for name, (zoom, lat, lon) in views.items():
            log(f"{name} (zoom {zoom}) ...")
            bbox = tuple(round(v, 6) for v in window(lat, lon, zoom))  # as the request sends it
            resolution = resolution_for_zoom(zoom)
            url = f"/incidents/map/data/?zoom={zoom}&bbox={','.join(f'{v:.6f}' for v in bbox)}"

            def product(url=url):
                response = client.get(url, secure=True)
                assert response.status_code == 200, response.status_code
                return json.loads(response.content)

            def raw(bbox=bbox, resolution=resolution):
                return _raw(org_ids, bbox, resolution, MAP_POINT_LIMIT, cells)

            for _ in range(WARMUP):
                product(), raw()
            product_s, raw_s = [], []
            for _ in range(repeat):
                seconds, answer = timed(product)
                product_s.append(seconds)
                seconds, expected = timed(raw)
                raw_s.append(seconds)
            ours, base = percentiles(product_s), percentiles(raw_s)
            results[name] = {
                "zoom": zoom, "mode": answer["mode"], "incidents": answer["count"],
                "resolution": answer.get("resolution"), "p50_s": ours["p50"], "p95_s": ours["p95"],
                "raw_p50_s": base["p50"], "raw_p95_s": base["p95"], "same_counts": _counts(answer) == expected,
            }
    target = target_seconds(n)
    return {
        "benchmark": "map", "incidents": n, "repeat": repeat, "window_px": list(WINDOW), "target_p95_s": target,
        "views": results, "met": {name: view["p95_s"] <= target for name, view in results.items()},
        "load_before": load_before, "load_after": load_average(),
    }


def _densest(org_ids) -> tuple[float, float]:
    """(lat, lon) of the centre of the resolution-7 cell holding the most of the scope's incidents."""
    from samtrygg.lib import cells

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cells.parent_sql('cell', 7)} AS c FROM incidents_incident "  # noqa: S608
                       "WHERE owner_id = ANY(%s) AND cell IS NOT NULL GROUP BY c ORDER BY count(*) DESC LIMIT 1",
                       [org_ids])
        lon, lat = cells.center(cursor.fetchone()[0])
    return lat, lon


def _densest_drawn_as_points(org_ids, limit: int) -> tuple[float, float]:
    """(lat, lon) of the busiest resolution-9 cell whose zoom-17 window holds at most `limit` incidents."""
    from samtrygg.lib import cells

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cells.parent_sql('cell', 9)} AS c FROM incidents_incident "  # noqa: S608
                       "WHERE owner_id = ANY(%s) AND cell IS NOT NULL GROUP BY c ORDER BY count(*) DESC", [org_ids])
        candidates = [row[0] for row in cursor.fetchall()]
        for cell in candidates:
            lon, lat = cells.center(cell)
            box = window(lat, lon, 17)
            cursor.execute("SELECT count(*) FROM incidents_incident WHERE owner_id = ANY(%s) "
                           "AND lon BETWEEN %s AND %s AND lat BETWEEN %s AND %s",
                           [org_ids, box[0], box[2], box[1], box[3]])
            if cursor.fetchone()[0] <= limit:
                return lat, lon
    raise SystemExit("no street-level window holds few enough incidents to be drawn as points")


def _raw(org_ids, bbox, resolution: int, limit: int, cells) -> dict:
    """The map's answer from the incident table by plain SQL: the points in the box when few enough, else the counts
    per cell (at the map's resolution) of the incidents near the box, kept where the cell's centre lies in it."""
    where = "owner_id = ANY(%s) AND lon BETWEEN %s AND %s AND lat BETWEEN %s AND %s"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, lat, lon, category_id, occurred_from FROM incidents_incident "  # noqa: S608
                       f"WHERE {where} LIMIT %s", [org_ids, bbox[0], bbox[2], bbox[1], bbox[3], limit + 1])
        points = cursor.fetchall()
        if len(points) <= limit:
            return {"points": len(points)}
        grown = cells.widened(bbox, resolution)
        cursor.execute(f"SELECT {cells.parent_sql('cell', resolution)} AS c, count(*) "  # noqa: S608
                       f"FROM incidents_incident WHERE {where} AND cell IS NOT NULL GROUP BY c",
                       [org_ids, grown[0], grown[2], grown[1], grown[3]])
        return {"cells": {cell: count for cell, count in cursor.fetchall() if cells.centred_in(cell, bbox)}}


def _counts(answer: dict) -> dict:
    """The product's answer in _raw's shape."""
    import h3

    if answer["mode"] == "points":
        return {"points": len(answer["points"])}
    found = {}
    for feature in answer["cells"]["features"]:
        ring = feature["geometry"]["coordinates"][0][:-1]
        lat = sum(p[1] for p in ring) / len(ring)
        lon = sum(p[0] for p in ring) / len(ring)
        found[h3.str_to_int(h3.latlng_to_cell(lat, lon, answer["resolution"]))] = feature["properties"]["count"]
    return {"cells": found}
