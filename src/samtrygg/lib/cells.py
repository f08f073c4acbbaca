"""The spatial cell index: H3 hexagons (https://h3geo.org) as 64-bit integers.

Every located incident stores the cell at CELL_RESOLUTION (edge about 66 m). Coarser cells are derived from it
with bit operations, so aggregation at any coarser resolution is a GROUP BY on an integer expression that both
SQLite and PostgreSQL evaluate (parent_sql), with no spatial extension.

H3 index layout (64 bits): 1 reserved, 4 mode, 3 mode-dependent, 4 resolution (bits 52–55), 7 base cell, then
15 digits of 3 bits (digit r at bits 3*(15-r) .. +2); digits finer than the resolution are all ones (7).
"""

import math
from functools import lru_cache

import h3
import h3.api.basic_int as h3int  # the same functions on integer cells (no conversion to and from strings)

CELL_RESOLUTION = 10
_RES_SHIFT = 52
_RES_MASK = 0xF << _RES_SHIFT


def cell_for(lat: float, lon: float, resolution: int = CELL_RESOLUTION) -> int:
    return h3int.latlng_to_cell(lat, lon, resolution)


def parent(cell: int, resolution: int) -> int:
    """The cell's ancestor at a coarser resolution, by the same bit arithmetic as parent_sql."""
    _check(resolution)
    return (cell & ~_RES_MASK) | (resolution << _RES_SHIFT) | ((1 << (3 * (15 - resolution))) - 1)


def parent_sql(column: str, resolution: int) -> str:
    """SQL for parent(column, resolution); integer arithmetic only (works on SQLite and PostgreSQL bigint)."""
    _check(resolution)
    clear = ~_RES_MASK  # a negative Python int: bit 63 stays 0 in valid indexes, so & with it is safe
    return f"((({column}) & ({clear})) | {resolution << _RES_SHIFT} | {(1 << (3 * (15 - resolution))) - 1})"


def boundary(cell: int) -> list[tuple[float, float]]:
    """The cell's outline as (lon, lat) pairs, closed, for GeoJSON; to 7 decimals (about a centimetre: the
    map's JSON stays half as long)."""
    ring = [(round(lon, 7), round(lat, 7)) for lat, lon in h3int.cell_to_boundary(cell)]
    return ring + ring[:1]


@lru_cache(maxsize=1 << 16)  # three times a large municipality's cells at resolution 10; about 25 MB when full
def polygon_json(cell: int) -> str:
    """The cell's outline as a GeoJSON Polygon, written once per process: the map's hexagons are the same cells
    request after request, and writing their corners was a third of a request's time."""
    coordinates = ",".join(f"[{lon!r},{lat!r}]" for lon, lat in boundary(cell))
    return f'{{"type":"Polygon","coordinates":[[{coordinates}]]}}'


@lru_cache(maxsize=1 << 16)  # the map asks for the same cells' centres request after request; about 15 MB when full
def center(cell: int) -> tuple[float, float]:
    """(lon, lat) of the cell's centre."""
    lat, lon = h3int.cell_to_latlng(cell)
    return lon, lat


def centred_in(cell: int, bbox: tuple[float, float, float, float]) -> bool:
    """Whether the cell's centre lies in bbox (min_lon, min_lat, max_lon, max_lat)."""
    lon, lat = center(cell)
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def widened(bbox: tuple[float, float, float, float], resolution: int) -> tuple[float, float, float, float]:
    """bbox grown by more than a cell's reach at `resolution`: every point of a cell whose centre lies in bbox lies in
    the grown box (twice the average edge: cells vary in size over the globe, by less than that)."""
    reach_km = 2 * h3.average_hexagon_edge_length(resolution, unit="km")
    widest = min(max(abs(bbox[1]), abs(bbox[3])), 89.0)
    dlat, dlon = reach_km / 110.5, reach_km / (111.3 * math.cos(math.radians(widest)))
    return (max(bbox[0] - dlon, -180.0), max(bbox[1] - dlat, -90.0), min(bbox[2] + dlon, 180.0),
            min(bbox[3] + dlat, 90.0))


def ranges_covering(bbox: tuple[float, float, float, float], resolution: int,
                    most: int = 64) -> list[tuple[int, int]]:
    """Inclusive integer ranges that hold every cell at `resolution` lying (even partly) in bbox, and few others: a
    cell's descendants at one resolution share its digits, so they lie in one range of integers. The covering
    cells are the coarsest whose resolution needs at most about `most` of them; a B-tree index on a cell column then
    reads only those ranges (the map's hexagons from the tallies)."""
    _check(resolution)
    width_km = (bbox[2] - bbox[0]) * 111.3 * math.cos(math.radians((bbox[1] + bbox[3]) / 2))
    area_km2 = max(width_km * (bbox[3] - bbox[1]) * 110.5, 1e-9)
    coarse = 0
    for candidate in range(resolution, -1, -1):
        if area_km2 / h3.average_hexagon_area(candidate, unit="km^2") <= most / 4:
            coarse = candidate
            break
    grown = widened(bbox, coarse)
    outline = h3.LatLngPoly([(grown[1], grown[0]), (grown[1], grown[2]), (grown[3], grown[2]), (grown[3], grown[0])])
    covering = sorted(h3int.h3shape_to_cells(outline, coarse))
    digits = sum(7 << (3 * (15 - r)) for r in range(coarse + 1, resolution + 1))
    ranges: list[tuple[int, int]] = []
    for cell in covering:
        low = ((cell & ~_RES_MASK) | (resolution << _RES_SHIFT)) & ~digits
        if ranges and ranges[-1][1] + 1 >= low:
            ranges[-1] = (ranges[-1][0], low | digits)
        else:
            ranges.append((low, low | digits))
    return ranges


def resolution_of(cell: int) -> int:
    return (cell & _RES_MASK) >> _RES_SHIFT


def _check(resolution: int) -> None:
    if not 0 <= resolution <= CELL_RESOLUTION:
        raise ValueError(f"resolution must be 0..{CELL_RESOLUTION}")
