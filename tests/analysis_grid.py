"""Synthetic hexagon grids for the analysis tests: a disc of H3 cells around central Stockholm."""

import h3
import numpy as np
from h3.api import basic_int

from samtrygg.analysis import hexgrid

CENTRE = (59.33, 18.07)


def disc(radius: int = 25, resolution: int = 9) -> np.ndarray:
    """Sorted cells of the k-ring of the given radius (radius 25 → 1,951 cells)."""
    centre = h3.str_to_int(h3.latlng_to_cell(*CENTRE, resolution))
    return np.unique(np.array(basic_int.grid_disk(centre, radius), dtype=np.int64))


def grid(radius: int = 25, resolution: int = 9, k: int = 1):
    cells = disc(radius, resolution)
    indptr, indices = hexgrid.neighbours(cells, k)
    return cells, indptr, indices


def index_of(cells: np.ndarray, cell: int) -> int:
    return int(np.searchsorted(cells, cell))


def ring_indices(cells: np.ndarray, cell: int, k: int = 1) -> np.ndarray:
    """Positions in `cells` of the cell's k-ring members that are in `cells`."""
    ring = np.array(basic_int.grid_disk(cell, k), dtype=np.int64)
    return np.searchsorted(cells, ring[np.isin(ring, cells)])
