"""H3 cells as arrays: region cover, study cells with zeros, k-ring neighbourhoods in CSR form."""

import time

import h3
import numpy as np
import pytest
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


def _assert_rings_as_grid_disk(cells: np.ndarray, k: int) -> None:
    indptr, indices = hexgrid.neighbours(cells, k)
    assert len(indptr) == len(cells) + 1 and indptr[-1] == len(indices)
    position = {cell: i for i, cell in enumerate(cells.tolist())}
    for i, cell in enumerate(cells.tolist()):
        expected = sorted(position[c] for c in basic_int.grid_disk(cell, k) if c in position and c != cell)
        assert sorted(indices[indptr[i]:indptr[i + 1]].tolist()) == expected, (cell, k)


def test_neighbours_equal_grid_disk_at_pentagons_and_across_base_cells():
    """The lattice arithmetic against h3 itself where H3's grid is irregular: around a pentagon (Sweden lies in
    pentagon base cell 4), over every base cell's edges, in Stockholm, with holes, and scattered cells (which
    take the binary-search lookup)."""
    rng = np.random.default_rng(1)
    pentagon = basic_int.get_pentagons(8)[0]
    around = np.array(basic_int.grid_disk(pentagon, 12), dtype=np.int64)
    everywhere = np.array(basic_int.uncompact_cells(basic_int.get_res0_cells(), 1), dtype=np.int64)  # 842
    scattered = rng.choice(np.array(basic_int.grid_disk(lib_cells.cell_for(59.33, 18.07, 12), 200)), 400, False)
    for cells, ks in ((around, (1, 2, 3)), (rng.choice(around, 300, replace=False), (1, 2)),
                      (everywhere, (1, 2)), (disc(15), (1, 3)), (scattered, (1, 40))):
        for k in ks:
            _assert_rings_as_grid_disk(cells, k)
    assert hexgrid._PENTAGON_BASE[basic_int.get_base_cell_number(lib_cells.cell_for(59.33, 18.07, 9))]


def test_neighbours_of_mixed_resolutions_or_invalid_cells_are_left_to_h3():
    mixed = np.concatenate([disc(2, 9), disc(1, 8)])
    _assert_rings_as_grid_disk(mixed, 1)
    with pytest.raises(h3.H3BaseException):
        hexgrid.neighbours(np.array([*disc(1).tolist(), 12345], dtype=np.int64), 1)


def test_neighbours_of_100000_cells_take_seconds():
    cells = disc(183)  # 100,834 cells
    start = time.perf_counter()
    indptr, indices = hexgrid.neighbours(cells, 1)
    assert time.perf_counter() - start < 10
    assert len(indptr) == len(cells) + 1 and np.diff(indptr).max() == 6 and len(indices) < 6 * len(cells)
