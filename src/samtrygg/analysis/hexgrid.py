"""H3 hexagon cells as NumPy int64 arrays, in the encoding of samtrygg.lib.cells (the 64-bit H3 index).

A study area is a sorted array of distinct cells at one resolution. Its neighbourhood is a CSR adjacency
(indptr, indices): the neighbours of cells[i] are cells[indices[indptr[i]:indptr[i + 1]]], which are the cells
of the k-ring (h3 grid_disk, https://h3geo.org/docs/api/traversal) around it, without the cell itself and
only those inside the study area. Ring 1 is the 6 adjacent hexagons (5 at a pentagon cell, none in Sweden).

The neighbourhood is found without one h3 call per cell: within one base cell, H3's cells are the points of a
hexagonal lattice, reached from the base cell's centre by the index digits (h3 coordijk.c: at each finer
resolution the coordinates are scaled by _downAp7 or _downAp7r, then the digit's unit vector is added). A cell's
k-ring is then the lattice disk around its point, found by arithmetic on whole arrays. Where a disk point is
not a cell of the same base cell (it lies across the base cell's edge, where H3 rotates its coordinates, or in
the deleted k sector of a pentagon base cell such as Sweden's base cell 4), that cell's ring is taken from h3's
grid_disk instead; tests/test_analysis_hexgrid.py checks both against grid_disk, also at pentagons.
"""

import math

import h3
import numpy as np
import shapely.geometry
from h3.api import basic_int
from scipy import sparse
from scipy.sparse import csgraph

from samtrygg.lib import cells as lib_cells

MAX_CELLS = 20_000  # the finest H3 resolution (of 9, 8, 7) whose cells over the area stay below this

_RES_SHIFT, _BASE_SHIFT = 52, 45
# A digit's unit vector in axial lattice coordinates (i − k, j − k) of H3's IJK (h3 coordijk.h UNIT_VECS):
# 0 centre, 1 k, 2 j, 3 jk, 4 i, 5 ik, 6 ij. _DIGIT_OF is the inverse, indexed by (Δa + 1) · 3 + (Δb + 1).
_UNIT = np.array([[0, 0], [-1, -1], [0, 1], [-1, 0], [1, 0], [0, -1], [1, 1]], dtype=np.int64)
_DIGIT_OF = np.full(9, -1, dtype=np.int64)
_DIGIT_OF[(_UNIT[:, 0] + 1) * 3 + _UNIT[:, 1] + 1] = np.arange(7)
_K_DIGIT = 1  # deleted below a pentagon: no cell of a pentagon base cell has 1 as its first non-zero digit
_PENTAGON_BASE = np.zeros(128, dtype=bool)
_PENTAGON_BASE[[basic_int.get_base_cell_number(p) for p in basic_int.get_pentagons(0)]] = True
_DENSE = 16  # a lookup table of up to 16 slots per cell (plus 64 Ki) is cheaper than a binary search


def resolution_for(geometry: dict) -> int:
    """The finest of H3 resolutions 9 and 8 at which the area holds at most MAX_CELLS cells, else 7 (cell
    areas taken where the area lies: in Sweden they are 0.65–0.83 of H3's global average)."""
    geom = shapely.geometry.shape(geometry)
    lat, lon = geom.centroid.y, geom.centroid.x
    km2 = geom.area * 111.2 * 111.2 * math.cos(math.radians(lat))  # square degrees near the area
    for res in (9, 8):
        if km2 / h3.cell_area(h3.latlng_to_cell(lat, lon, res), unit="km^2") <= MAX_CELLS:
            return res
    return 7


def region_cells(geometry: dict, resolution: int) -> np.ndarray:
    """Sorted cells whose centres lie in a GeoJSON Polygon or MultiPolygon (WGS 84 lon/lat)."""
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValueError("region_cells needs a GeoJSON Polygon or MultiPolygon")
    found = h3.geo_to_cells(geometry, resolution)
    return np.unique(np.fromiter((h3.str_to_int(c) for c in found), dtype=np.int64, count=len(found)))


def coarsen(cells: np.ndarray, resolution: int) -> np.ndarray:
    """Each cell's ancestor at a coarser resolution (vectorised lib.cells.parent: the stored cells are res 10)."""
    return lib_cells.parent(np.asarray(cells, dtype=np.int64), resolution)


def count_cells(cells: np.ndarray) -> dict[int, int]:
    """{cell: number of occurrences} of an array of cells (one per incident)."""
    unique, counts = np.unique(np.asarray(cells, dtype=np.int64), return_counts=True)
    return dict(zip(unique.tolist(), counts.tolist(), strict=True))


def study_cells(counts_by_cell: dict[int, int], region: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(cells, counts): the union of the counted cells and the region's cells, sorted; cells without incidents
    count 0. Without a region only the counted cells take part (then empty cells are missing from the test)."""
    counted = np.fromiter(counts_by_cell.keys(), dtype=np.int64, count=len(counts_by_cell))
    values = np.fromiter(counts_by_cell.values(), dtype=np.int64, count=len(counts_by_cell))
    cells = np.union1d(counted, region) if region is not None else np.unique(counted)
    counts = np.zeros(len(cells), dtype=np.int64)
    np.add.at(counts, np.searchsorted(cells, counted), values)
    return cells, counts


def neighbours(cells: np.ndarray, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """CSR adjacency of the k-ring neighbourhood over `cells` (distinct cells in any order; indices point into
    `cells`; a row's neighbours in no particular order)."""
    cells = np.asarray(cells, dtype=np.int64)
    n = len(cells)
    if n == 0:
        return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    resolution = int(cells[0] >> _RES_SHIFT) & 15
    if k < 1 or not _plain_cells(cells, resolution):  # mixed resolutions or odd input: h3 decides (or raises)
        return _csr(n, *_rings_by_h3(cells, np.arange(n), k))
    base = (cells >> _BASE_SHIFT) & 127
    a, b = _lattice(cells, resolution)
    da, db = _disk(k)
    slot, width, span = _slots(base, a, b, k)
    target = _lookup(slot, slot[:, None] + width[:, None] * da + db, span)  # (n, points of the disk)
    rows, cols = np.nonzero(target < 0)
    foreign = ~_in_base_cell(a[rows] + da[cols], b[rows] + db[cols], _PENTAGON_BASE[base[rows]], resolution)
    by_h3 = np.unique(rows[foreign])
    if not len(by_h3):
        found = target >= 0
        return _csr(n, np.repeat(np.arange(n), found.sum(axis=1)), target[found])
    target[by_h3] = -1
    found = target >= 0
    extra_rows, extra = _rings_by_h3(cells, by_h3, k)
    rows = np.concatenate([np.repeat(np.arange(n), found.sum(axis=1)), extra_rows])
    order = np.argsort(rows, kind="stable")  # two sorted runs: a merge
    return _csr(n, rows[order], np.concatenate([target[found], extra])[order])


def _plain_cells(cells: np.ndarray, resolution: int) -> bool:
    """Whether all are H3 cells (mode 1) of one resolution, base cell < 122, digits 0–6 up to the resolution and 7
    beyond it, none in a pentagon's deleted k sector: the cells the lattice arithmetic covers (anything else goes
    to h3, which raises if invalid)."""
    unused = (1 << (3 * (15 - resolution))) - 1
    base = (cells >> _BASE_SHIFT) & 127
    plain = ((cells >> _RES_SHIFT) == ((1 << 7) | resolution)) & (base < 122) & ((cells & unused) == unused)
    lead = np.zeros(len(cells), dtype=np.int64)
    for r in range(resolution, 0, -1):
        digit = (cells >> (3 * (15 - r))) & 7
        plain &= digit != 7
        lead = np.where(digit != 0, digit, lead)
    return bool((plain & ~(_PENTAGON_BASE[base] & (lead == _K_DIGIT))).all())


def _lattice(cells: np.ndarray, resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """Axial coordinates (a, b) of each cell relative to its base cell's centre (h3 _h3ToFaceIjkWithInitializedFijk
    from the origin: class III resolutions (odd) scale by _downAp7, class II by _downAp7r, then add the digit)."""
    a = np.zeros(len(cells), dtype=np.int64)
    b = np.zeros(len(cells), dtype=np.int64)
    for r in range(1, resolution + 1):
        a, b = (2 * a + b, 3 * b - a) if r % 2 else (3 * a - b, a + 2 * b)
        digit = (cells >> (3 * (15 - r))) & 7
        a += _UNIT[digit, 0]
        b += _UNIT[digit, 1]
    return a, b


def _in_base_cell(a: np.ndarray, b: np.ndarray, pentagon: np.ndarray, resolution: int) -> np.ndarray:
    """Whether each lattice point is a cell of the base cell (h3 _faceIjkToH3 back to resolution 0, where it must
    reach the centre; _upAp7 and _upAp7r round (3a − b) / 7 … to the nearest integer, (x + 3) // 7), and not in the
    deleted k sector where `pentagon`."""
    lead = np.zeros(len(a), dtype=np.int64)
    for r in range(resolution, 0, -1):
        if r % 2:
            pa, pb = (3 * a - b + 3) // 7, (a + 2 * b + 3) // 7
            da, db = a - (2 * pa + pb), b - (3 * pb - pa)
        else:
            pa, pb = (2 * a + b + 3) // 7, (3 * b - a + 3) // 7
            da, db = a - (3 * pa - pb), b - (pa + 2 * pb)
        digit = _DIGIT_OF[(da + 1) * 3 + db + 1]
        lead = np.where(digit != 0, digit, lead)
        a, b = pa, pb
    return (a == 0) & (b == 0) & ~(pentagon & (lead == _K_DIGIT))


def _disk(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Axial offsets of the points at lattice distance 1..k (distance: max(|Δa|, |Δb|, |Δa − Δb|))."""
    steps = np.arange(-k, k + 1)
    da, db = (grid.ravel() for grid in np.meshgrid(steps, steps, indexing="ij"))
    distance = np.maximum(np.maximum(np.abs(da), np.abs(db)), np.abs(da - db))
    keep = (distance >= 1) & (distance <= k)
    return da[keep], db[keep]


def _slots(base: np.ndarray, a: np.ndarray, b: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(slot, row width, number of slots): a distinct number for each point of each base cell's bounding box of
    the cells' lattice points widened by k, so every disk point has one (slot + width · Δa + Δb)."""
    start = np.zeros(128, dtype=np.int64)
    width = np.zeros(128, dtype=np.int64)
    span = 0
    for cell in np.flatnonzero(np.bincount(base, minlength=128)).tolist():
        mine = base == cell
        a0, a1, b0, b1 = a[mine].min() - k, a[mine].max() + k, b[mine].min() - k, b[mine].max() + k
        width[cell] = b1 - b0 + 1
        start[cell] = span - a0 * width[cell] - b0
        span += int((a1 - a0 + 1) * width[cell])
    row_width = width[base]
    return start[base] + a * row_width + b, row_width, span


def _lookup(slot: np.ndarray, wanted: np.ndarray, span: int) -> np.ndarray:
    """The position in `slot` of each of `wanted`, or −1."""
    if span <= _DENSE * len(slot) + 65536:
        table = np.full(span, -1, dtype=np.int64)
        table[slot] = np.arange(len(slot))
        return table[wanted]
    order = np.argsort(slot)
    target = order[np.searchsorted(slot, wanted, sorter=order).clip(max=len(slot) - 1)]
    return np.where(slot[target] == wanted, target, -1)


def _rings_by_h3(cells: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, neighbour) pairs of the k-rings of cells[rows] by h3's grid_disk, one call per cell, rows ascending."""
    disks = [basic_int.grid_disk(c, k) for c in cells[rows].tolist()]
    sizes = np.fromiter(map(len, disks), dtype=np.int64, count=len(disks))
    flat = np.fromiter((c for disk in disks for c in disk), dtype=np.int64, count=int(sizes.sum()))
    owner = np.repeat(rows, sizes)
    order = np.argsort(cells, kind="stable")
    target = order[np.searchsorted(cells, flat, sorter=order).clip(max=len(cells) - 1)]
    keep = (cells[target] == flat) & (target != owner)
    return owner[keep], target[keep]


def _csr(n: int, rows: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return indptr, targets.astype(np.int64)


def components(cells: np.ndarray) -> list[np.ndarray]:
    """The cells split into groups of adjacent cells (connected through ring-1 neighbours), each sorted."""
    cells = np.unique(np.asarray(cells, dtype=np.int64))
    if not len(cells):
        return []
    indptr, indices = neighbours(cells, k=1)
    graph = sparse.csr_array((np.ones(len(indices)), indices, indptr), shape=(len(cells), len(cells)))
    count, labels = csgraph.connected_components(graph, directed=False)
    return [cells[labels == label] for label in range(count)]
