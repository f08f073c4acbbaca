"""Geometry in WGS 84 (EPSG:4326) as GeoJSON, validated with Shapely. Areas are stored as GeoJSON text plus a
bounding box, so they work on SQLite and PostgreSQL alike (PostGIS is not required)."""

from dataclasses import dataclass

import h3
import numpy as np
import shapely
import shapely.errors
from shapely.geometry import mapping, shape

POLYGON_TYPES = {"Polygon", "MultiPolygon"}


class GeometryError(ValueError):
    """A geometry that cannot be used as an area. `code` says why (for translated messages), `detail` adds the
    specifics; str() is a plain English sentence."""

    MESSAGES = {
        "missing": "geometry is missing",
        "wrong_type": "geometry type {detail} is not Polygon or MultiPolygon",
        "unreadable": "geometry cannot be read ({detail})",
        "empty": "geometry is empty",
        "not_wgs84": "coordinates are outside WGS 84 longitude/latitude (are they SWEREF 99 TM metres?)",
        "invalid": "geometry is invalid: {detail}",
        "outside_sweden": "the area lies outside Sweden ({detail})",
    }

    def __init__(self, code: str, detail: str = ""):
        self.code, self.detail = code, detail
        super().__init__(self.MESSAGES[code].format(detail=detail))


@dataclass(frozen=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


def parse_polygon(geometry: dict) -> shapely.Geometry:
    """A valid (Multi)Polygon in WGS 84 from a GeoJSON geometry object, or GeometryError."""
    if not isinstance(geometry, dict) or "type" not in geometry:
        raise GeometryError("missing")
    if not isinstance(geometry["type"], str) or geometry["type"] not in POLYGON_TYPES:
        raise GeometryError("wrong_type", str(geometry["type"])[:40])
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, shapely.errors.ShapelyError) as exc:
        raise GeometryError("unreadable", str(exc)[:200]) from None
    if geom.is_empty:
        raise GeometryError("empty")
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise GeometryError("not_wgs84")
    if not geom.is_valid:
        raise GeometryError("invalid", shapely.is_valid_reason(geom))
    return geom


def to_geojson(geom: shapely.Geometry) -> dict:
    return mapping(geom)


def bbox(geom: shapely.Geometry) -> BBox:
    return BBox(*geom.bounds)


def svg_path(geom: shapely.Geometry, width: int = 320, height: int = 240, pad: int = 8) -> tuple[str, int, int]:
    """An SVG path of the polygon scaled into width×height (longitude squeezed by cos(latitude)),
    for a tile-free outline picture. Returns (path d, width, height)."""
    import math

    min_lon, min_lat, max_lon, max_lat = geom.bounds
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * kx, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)

    def ring(coords) -> str:
        points = [
            f"{pad + (lon - min_lon) * kx * scale:.1f},{height - pad - (lat - min_lat) * scale:.1f}"
            for lon, lat, *_ in coords
        ]
        return "M" + "L".join(points) + "Z"

    polygons = getattr(geom, "geoms", [geom])
    parts = [ring(p.exterior.coords) + "".join(ring(i.coords) for i in p.interiors) for p in polygons]
    return "".join(parts), width, height


class AreaLocator:
    """Finds, for a point, the smallest of a set of areas that contains it (a district before its municipality).
    Build once for many points (an import): an STRtree over the polygons, prepared for fast containment tests."""

    def __init__(self, areas: list[tuple[int, shapely.Geometry]]):
        self._ids = [area_id for area_id, _ in areas]
        self._shapes = [shape_ for _, shape_ in areas]
        for shape_ in self._shapes:
            shapely.prepare(shape_)
        self._areas = [shape_.area for shape_ in self._shapes]
        self._tree = shapely.STRtree(self._shapes) if self._shapes else None

    def locate(self, lon: float, lat: float) -> int | None:
        return self.locate_many([lon], [lat])[0]

    def locate_many(self, lons, lats) -> list[int | None]:
        """locate for many points at once (one vectorised tree query; an import locates thousands a batch)."""
        found: list[int | None] = [None] * len(lons)
        if self._tree is None or not len(lons):
            return found
        points = shapely.points(lons, lats)
        best: list[float] = [float("inf")] * len(lons)
        inputs, hits = self._tree.query(points, predicate="covered_by")  # point covered by area = area covers point
        for i, j in zip(inputs.tolist(), hits.tolist(), strict=True):
            if self._areas[j] < best[i]:
                best[i], found[i] = self._areas[j], self._ids[j]
        return found

    def locate_cells(self, cells: list[int]) -> list[int | None]:
        """For each H3 cell (as an integer), the area locate() gives every point of the cell — when exactly one
        area meets the cell and it covers the whole cell (grown by CELL_MARGIN, so that a point H3 puts in the cell
        but just outside its straight-edged outline is covered too) — else None: the cell's points must then be
        located one by one. So counting a cell's incidents whole where this says an area is exact."""
        found: list[int | None] = [None] * len(cells)
        if self._tree is None or not cells:
            return found
        outlines = _cell_outlines(cells)
        meets = np.bincount(self._tree.query(outlines, predicate="intersects")[0], minlength=len(cells))
        inputs, hits = self._tree.query(outlines, predicate="within")
        for i, j in zip(inputs.tolist(), hits.tolist(), strict=True):
            if meets[i] == 1:
                found[i] = self._ids[j]
        return found


CELL_MARGIN = 0.001  # a cell's outline grown by this share around its centre (6 cm at resolution 10)


def _cell_outlines(cells: list[int]) -> np.ndarray:
    """The cells' outlines as polygons, each grown by CELL_MARGIN; vectorised per number of corners (six, a
    pentagon five, cells on the icosahedron's edges more)."""
    rings = [h3.cell_to_boundary(h3.int_to_str(cell)) for cell in cells]
    outlines = np.empty(len(rings), dtype=object)
    by_corners: dict[int, list[int]] = {}
    for i, ring in enumerate(rings):
        by_corners.setdefault(len(ring), []).append(i)
    for indices in by_corners.values():
        corners = np.array([rings[i] for i in indices])[:, :, ::-1]  # (lat, lon) → (lon, lat)
        centre = corners.mean(axis=1, keepdims=True)
        outlines[indices] = shapely.polygons(centre + (corners - centre) * (1 + CELL_MARGIN))
    return outlines


# Mainland Sweden with its islands and a margin: points outside are almost certainly swapped or in another CRS.
SWEDEN = BBox(min_lon=10.0, min_lat=55.0, max_lon=24.5, max_lat=69.5)


def in_sweden(lon: float, lat: float) -> bool:
    return SWEDEN.min_lon <= lon <= SWEDEN.max_lon and SWEDEN.min_lat <= lat <= SWEDEN.max_lat


def check_in_sweden(geom: shapely.Geometry) -> None:
    """GeometryError("outside_sweden") unless the whole (WGS 84) geometry lies within SWEDEN; the detail says
    whether longitude and latitude look swapped. (Coordinates in SWEREF 99 TM metres never get here: parse_polygon
    refuses them as not_wgs84.)"""
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if in_sweden(min_lon, min_lat) and in_sweden(max_lon, max_lat):
        return
    if in_sweden(min_lat, min_lon) and in_sweden(max_lat, max_lon):
        raise GeometryError("outside_sweden", "are longitude and latitude swapped?")
    raise GeometryError("outside_sweden", f"longitude {min_lon:.2f} to {max_lon:.2f}, latitude {min_lat:.2f} to "
                                          f"{max_lat:.2f}")
