"""H3 hexagon cells as NumPy int64 arrays, in the encoding of samtrygg.lib.cells (the 64-bit H3 index).

A study area is a sorted array of distinct cells at one resolution. Its neighbourhood is a CSR adjacency
(indptr, indices): the neighbours of cells[i] are cells[indices[indptr[i]:indptr[i + 1]]], which are the cells
of the k-ring (h3 grid_disk, https://h3geo.org/docs/api/traversal) around it, without the cell itself and
only those inside the study area. Ring 1 is the 6 adjacent hexagons (5 at a pentagon, none in Sweden).
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
    """CSR adjacency of the k-ring neighbourhood over `cells` (any order; indices point into `cells`)."""
    cells = np.asarray(cells, dtype=np.int64)
    if len(cells) == 0:
        return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    disks = [basic_int.grid_disk(c, k) for c in cells.tolist()]
    sizes = np.fromiter(map(len, disks), dtype=np.int64, count=len(disks))
    flat = np.fromiter((c for disk in disks for c in disk), dtype=np.int64, count=int(sizes.sum()))
    rows = np.repeat(np.arange(len(cells)), sizes)
    order = np.argsort(cells, kind="stable")
    target = order[np.searchsorted(cells, flat, sorter=order).clip(max=len(cells) - 1)]
    keep = (cells[target] == flat) & (target != rows)
    rows, indices = rows[keep], target[keep]
    indptr = np.zeros(len(cells) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(cells)), out=indptr[1:])
    return indptr, indices.astype(np.int64)


def components(cells: np.ndarray) -> list[np.ndarray]:
    """The cells split into groups of adjacent cells (connected through ring-1 neighbours), each sorted."""
    cells = np.unique(np.asarray(cells, dtype=np.int64))
    if not len(cells):
        return []
    indptr, indices = neighbours(cells, k=1)
    graph = sparse.csr_array((np.ones(len(indices)), indices, indptr), shape=(len(cells), len(cells)))
    count, labels = csgraph.connected_components(graph, directed=False)
    return [cells[labels == label] for label in range(count)]
