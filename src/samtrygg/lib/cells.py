"""The spatial cell index: H3 hexagons (https://h3geo.org) as 64-bit integers.

Every located incident stores the cell at CELL_RESOLUTION (edge about 66 m). Coarser cells are derived from it
with bit operations, so aggregation at any coarser resolution is a GROUP BY on an integer expression that both
SQLite and PostgreSQL evaluate (parent_sql), with no spatial extension.

H3 index layout (64 bits): 1 reserved, 4 mode, 3 mode-dependent, 4 resolution (bits 52–55), 7 base cell, then
15 digits of 3 bits (digit r at bits 3*(15-r) .. +2); digits finer than the resolution are all ones (7).
"""

import h3

CELL_RESOLUTION = 10
_RES_SHIFT = 52
_RES_MASK = 0xF << _RES_SHIFT


def cell_for(lat: float, lon: float, resolution: int = CELL_RESOLUTION) -> int:
    return h3.str_to_int(h3.latlng_to_cell(lat, lon, resolution))


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
    """The cell's outline as (lon, lat) pairs, closed, for GeoJSON."""
    ring = [(lon, lat) for lat, lon in h3.cell_to_boundary(h3.int_to_str(cell))]
    return ring + ring[:1]


def center(cell: int) -> tuple[float, float]:
    """(lon, lat) of the cell's centre."""
    lat, lon = h3.cell_to_latlng(h3.int_to_str(cell))
    return lon, lat


def resolution_of(cell: int) -> int:
    return (cell & _RES_MASK) >> _RES_SHIFT


def _check(resolution: int) -> None:
    if not 0 <= resolution <= CELL_RESOLUTION:
        raise ValueError(f"resolution must be 0..{CELL_RESOLUTION}")
