"""The demo's SCB small areas: Exempelby's districts cut into DeSO areas, imported as a municipality imports SCB's
files — a GeoPackage in SCB's layout (DeSO_2025: desokod, regsokod, kommunkod …, SWEREF 99 TM) through
`areas.scb.areas_import_scb`, and their population as a PxWebApi JSON-stat2 answer through
`areas.scb.areas_set_population` — so the lägesbild shows incidents per 1,000 residents per DeSO. The codes follow
SCB's form on the demo's fictional kommunkod (9901A0010: A rural, B in between, C urban)."""

import json
import random
import tempfile
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import write
from pyproj import Transformer

from samtrygg.areas import scb
from samtrygg.areas.models import Area, AreaKind

TO_SWEREF = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
PARTS = 3  # DeSO per district (a real DeSO holds 700–2,700 residents)


def _deso(rng: random.Random, kommun: Area) -> list[tuple[str, shapely.Geometry, int]]:
    """(code, WGS 84 shape, residents) of each DeSO: each district's Voronoi parts, its residents shared out."""
    found = []
    districts = kommun.children.filter(kind=AreaKind.KOMMUNDEL).order_by("name")
    for d, district in enumerate(districts, start=1):
        letter = "C" if district.police_classification or district.name == "Centrum" else "B" if d % 2 else "A"
        parts = _split(rng, district.shape, PARTS)
        weights = [rng.uniform(0.7, 1.3) for _ in parts]
        for k, shape in enumerate(parts):
            residents = round((district.population or 0) * weights[k] / sum(weights))
            found.append((f"{kommun.owner.kommunkod}{letter}{d:02d}{k + 1}0", shape, residents))
    return found


def _split(rng: random.Random, shape: shapely.Geometry, parts: int) -> list[shapely.Geometry]:
    """The shape cut into up to `parts` Voronoi cells around random points inside it (fewer if it is small)."""
    inner = shape.buffer(-0.002)
    minx, miny, maxx, maxy = shape.bounds
    seeds: list[shapely.Point] = []
    for _ in range(2000):
        if len(seeds) == parts:
            break
        p = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if inner.contains(p) and all(p.distance(s) > 0.004 for s in seeds):
            seeds.append(p)
    if len(seeds) < 2:
        return [shape]
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=shape.envelope)
    cut = [shapely.set_precision(cell.intersection(shape), 1e-6) for cell in cells.geoms]
    return [c for c in cut if not c.is_empty and c.geom_type in ("Polygon", "MultiPolygon")]


def _geopackage(path: Path, kommunkod: str, deso: list[tuple[str, shapely.Geometry, int]]) -> bytes:
    shapes = [shapely.transform(s if s.geom_type == "MultiPolygon" else shapely.MultiPolygon([s]),
                                lambda x, y: TO_SWEREF.transform(x, y), interleaved=False) for _c, s, _r in deso]
    columns = {
        "desokod": [c for c, _s, _r in deso], "regsokod": [""] * len(deso), "kommunkod": [kommunkod] * len(deso),
        "kommunnamn": ["Exempelby"] * len(deso), "lanskod": ["19"] * len(deso),
        "lannamn": ["Västmanlands län"] * len(deso),
    }
    write(str(path), np.array([shapely.to_wkb(s) for s in shapes], dtype=object),
          [np.array(v, dtype=object) for v in columns.values()], list(columns), driver="GPKG", layer="DeSO_2025",
          geometry_type="MultiPolygon", crs="EPSG:3006")
    return path.read_bytes()


def _jsonstat(year: int, deso: list[tuple[str, shapely.Geometry, int]]) -> bytes:
    """PxWebApi's json-stat2 answer of FolkmDesoAldKon narrowed to the totals: Region × Alder × Kon ×
    ContentsCode × Tid, one category each but Region."""
    codes = [f"{c}_DeSO2025" for c, _s, _r in deso]
    dimension = {
        "Region": {"label": "region", "category": {"index": {c: i for i, c in enumerate(codes)},
                                                   "label": {c: c.split("_")[0] for c in codes}}},
        "Alder": {"label": "ålder", "category": {"index": {"totalt": 0}, "label": {"totalt": "totalt ålder"}}},
        "Kon": {"label": "kön", "category": {"index": {"1+2": 0}, "label": {"1+2": "totalt"}}},
        "ContentsCode": {"label": "tabellinnehåll", "category": {"index": {"000007Y4": 0},
                                                                 "label": {"000007Y4": "Folkmängd"}}},
        "Tid": {"label": "år", "category": {"index": {str(year): 0}, "label": {str(year): str(year)}}},
    }
    doc = {
        "version": "2.0", "class": "dataset", "label": "Folkmängden per region efter ålder, kön och år (demo)",
        "source": "Demovärden – inte SCB:s statistik", "id": list(dimension), "size": [len(codes), 1, 1, 1, 1],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "dimension": dimension, "value": [r for _c, _s, r in deso],
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def build(rng: random.Random, kommun: Area, year: int) -> int:
    """Import the DeSO areas of Exempelby and their population; the number of areas."""
    deso = _deso(rng, kommun)
    with tempfile.TemporaryDirectory() as tmp:
        data = _geopackage(Path(tmp) / "DeSO_2025.gpkg", kommun.owner.kommunkod, deso)
    scb.areas_import_scb(actor=None, owner=kommun.owner, data=data, kind=AreaKind.DESO)
    scb.areas_set_population(actor=None, owner=kommun.owner, data=_jsonstat(year, deso))
    return len(deso)
