"""Fictional geography for the demo municipalities, generated deterministically from a seed."""

import math
import random

import shapely
from shapely.geometry import MultiPoint, Point, Polygon

EXEMPELBY_CENTRE = (16.05, 59.32)  # lon, lat: a made-up place in central Sweden
GRANNBY_CENTRE = (16.42, 59.30)

EXEMPELBY_DISTRICTS = [
    "Centrum", "Norrby", "Söderby", "Västra hamnen", "Östermalm", "Björkhagen", "Ekdalen", "Stationsområdet",
]
GRANNBY_DISTRICTS = ["Grannby centrum", "Lövsta", "Kvarnbacken"]


def blob(rng: random.Random, centre: tuple[float, float], radius_km: float, points: int = 14) -> Polygon:
    """A rough, convex-ish municipality outline around `centre`."""
    lon0, lat0 = centre
    kx = 111.32 * math.cos(math.radians(lat0))
    coords = []
    for i in range(points):
        angle = 2 * math.pi * i / points
        r = radius_km * rng.uniform(0.8, 1.1)
        coords.append((lon0 + r * math.cos(angle) / kx, lat0 + r * math.sin(angle) / 110.57))
    return Polygon(coords).convex_hull


def districts(rng: random.Random, outline: Polygon, names: list[str]) -> list[tuple[str, Polygon]]:
    """Voronoi cells of random seed points, clipped to the outline: one district per name."""
    minx, miny, maxx, maxy = outline.bounds
    seeds: list[Point] = []
    while len(seeds) < len(names):
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if outline.buffer(-0.01).contains(p) and all(p.distance(s) > 0.02 for s in seeds):
            seeds.append(p)
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=outline.envelope)
    result = []
    for name, seed in zip(names, seeds, strict=True):
        cell = next(c for c in cells.geoms if c.contains(seed))
        result.append((name, shapely.set_precision(cell.intersection(outline), 1e-6)))
    return result


def square(centre: tuple[float, float], half_km: float) -> Polygon:
    lon, lat = centre
    dx = half_km / (111.32 * math.cos(math.radians(lat)))
    dy = half_km / 110.57
    return Polygon([(lon - dx, lat - dy), (lon + dx, lat - dy), (lon + dx, lat + dy), (lon - dx, lat + dy)])
