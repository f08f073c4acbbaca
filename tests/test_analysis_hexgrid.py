"""H3 cells as arrays: region cover, study cells with zeros, k-ring neighbourhoods in CSR form."""

import time

import h3
import numpy as np
from h3.api import basic_int

from analysis_grid import disc
from samtrygg.analysis import hexgrid
from samtrygg.lib import cells as lib_cells

SQUARE = {"type": "Polygon", "coordinates": [[[18.0, 59.3], [18.1, 59.3], [18.1, 59.35], [18.0, 59.35], [18.0, 59.3]]]}


def test_region_cells_cover_the_polygon_with_sorted_int_cells():
    cells = hexgrid.region_cells(SQUARE, 9)
    assert cells.dtype == np.int64 and np.all(np.diff(cells) > 0)
    assert set(cells.tolist()) == {h3.str_to_int(c) for c in h3.geo_to_cells(SQUARE, 9)}
    inside = lib_cells.cell_for(59.32, 18.05, 9)
    assert inside in cells and lib_cells.cell_for(59.5, 18.05, 9) not in cells


def test_coarsen_matches_lib_cells_parent_and_h3():
    fine = np.array([lib_cells.cell_for(59.3 + i / 1000, 18.0 + i / 700) for i in range(50)], dtype=np.int64)
    coarse = hexgrid.coarsen(fine, 8)
    assert coarse.tolist() == [h3.str_to_int(h3.cell_to_parent(h3.int_to_str(c), 8)) for c in fine.tolist()]


def test_study_cells_unite_counts_and_region_with_zeros():
    region = hexgrid.region_cells(SQUARE, 9)
    outside = lib_cells.cell_for(59.5, 18.05, 9)
    cells, counts = hexgrid.study_cells({int(region[3]): 4, outside: 2}, region)
    assert len(cells) == len(region) + 1 and counts.sum() == 6
    assert counts[np.searchsorted(cells, region[3])] == 4 and counts[np.searchsorted(cells, outside)] == 2
    assert hexgrid.count_cells(np.array([5, 7, 5])) == {5: 2, 7: 1}


def test_neighbours_are_the_ring_inside_the_list_without_self():
    cells = disc(3)
    shuffled = np.random.default_rng(0).permutation(cells)
    for order in (cells, shuffled):
        indptr, indices = hexgrid.neighbours(order, 1)
        members = set(order.tolist())
        for i, cell in enumerate(order.tolist()):
            expected = set(basic_int.grid_disk(cell, 1)) & members - {cell}
            assert set(order[indices[indptr[i]:indptr[i + 1]]].tolist()) == expected
    indptr, _ = hexgrid.neighbours(cells, 2)
    assert np.diff(indptr).max() == 18


def test_neighbours_of_100000_cells_take_seconds():
    cells = disc(183)  # 100,834 cells
    start = time.perf_counter()
    indptr, indices = hexgrid.neighbours(cells, 1)
    assert time.perf_counter() - start < 10
    assert len(indptr) == len(cells) + 1 and np.diff(indptr).max() == 6 and len(indices) < 6 * len(cells)
