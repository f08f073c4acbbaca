"""Counting incidents per small area by H3 cell (geo.AreaLocator.locate_cells, used by the lägesbild's rates per
DeSO) must give exactly what locating every point gives: a cell it names an area for holds only points that
locate() puts in that area, borders, corners, holes and nested areas included."""

import random

import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from samtrygg.lib import cells, geo

BOX = (17.60, 59.18, 17.64, 59.20)  # about 2.3 × 2.2 km: some hundred resolution-10 cells


def _areas(seed: int) -> list[tuple[int, shapely.Geometry]]:
    """A few small areas: a grid of rectangles cut at random (some borders between cells' centres), a ragged
    polygon, one with a hole, and a larger one around some of them (nested, as a district in a municipality)."""
    rng = random.Random(seed)
    xs = sorted({BOX[0], BOX[2], *(rng.uniform(BOX[0], BOX[2]) for _ in range(2))})
    ys = sorted({BOX[1], BOX[3], *(rng.uniform(BOX[1], BOX[3]) for _ in range(2))})
    shapes = [shapely.box(x0, y0, x1, y1) for x0, x1 in zip(xs, xs[1:], strict=False)
              for y0, y1 in zip(ys, ys[1:], strict=False)]
    shapes = shapes[1:]  # a hole in the grid: points there lie in no area (or only in the big one)
    centre = (rng.uniform(BOX[0], BOX[2]), rng.uniform(BOX[1], BOX[3]))
    corners = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
    ragged = shapely.Polygon([(centre[0] + 0.004 * rng.uniform(0.3, 1) * dx,
                               centre[1] + 0.002 * rng.uniform(0.3, 1) * dy) for dx, dy in corners])
    shapes.append(ragged.difference(ragged.centroid.buffer(0.0005)))  # with a hole
    shapes.append(shapely.box(BOX[0] - 0.01, BOX[1] - 0.01, (BOX[0] + BOX[2]) / 2, BOX[3] + 0.01))  # nested
    return list(enumerate(shapes, start=1))


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_a_cell_named_for_an_area_holds_only_points_located_in_that_area(seed):
    locator = geo.AreaLocator(_areas(seed))
    rng = random.Random(seed)
    points = [(rng.uniform(BOX[0] - 0.005, BOX[2] + 0.005), rng.uniform(BOX[1] - 0.005, BOX[3] + 0.005))
              for _ in range(4000)]
    # and points on the cells' own corners and edges, where H3 and the outline disagree most
    for cell in {cells.cell_for(lat, lon) for lon, lat in points[:300]}:
        ring = cells.boundary(cell)
        points += [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in zip(ring, ring[1:], strict=False)]
    of_cell = [cells.cell_for(lat, lon) for lon, lat in points]
    distinct = sorted(set(of_cell))
    named = dict(zip(distinct, locator.locate_cells(distinct), strict=True))
    located = locator.locate_many([p[0] for p in points], [p[1] for p in points])
    checked = 0
    for cell, area_id in zip(of_cell, located, strict=True):
        if named[cell] is not None:
            assert named[cell] == area_id, (cell, named[cell], area_id)
            checked += 1
    # a good share of the cells lie inside one area, so the shortcut is taken (at least 0.33 of the random points
    # over seeds 0-399; a third was too tight: one seed in a few hundred fell just below, and CI draws new seeds)
    assert checked > len(points) / 4
    assert any(named[c] is None for c in distinct)  # and borders are left to the points
