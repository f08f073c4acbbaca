"""Hot spots over several neighbouring places as one study area (a county's municipalities): Gi* (hotspots.py) over
the union of their H3 cells, so that a cluster on a border is tested with its neighbours on both sides, and the hot
spot cells joined into clusters of adjacent cells, each with the places it covers. A place's own analysis sees
only its side of the border: its neighbourhoods there are cut, and half a cluster may not stand out."""

from dataclasses import dataclass

import numpy as np

from samtrygg.analysis import hexgrid, hotspots

CONFIDENCE = {3: 99, 2: 95, 1: 90}


@dataclass
class Cluster:
    cells: list[int]
    level: int  # 99, 95 or 90: the strongest cell's confidence
    places: list[str]  # the names of the places whose ground it covers

    @property
    def crosses_border(self) -> bool:
        return len(self.places) > 1


def study(geometries: list[dict], counts: dict[int, int], resolution: int):
    """(cells, counts, indptr, indices, place index per cell (−1: none)) over the union of the places' cells;
    counts outside every place are left out."""
    parts = [hexgrid.region_cells(g, resolution) for g in geometries]
    owner = {int(c): i for i, cells in enumerate(parts) for c in cells}
    region = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    inside = {c: n for c, n in counts.items() if c in owner}
    cells, values = hexgrid.study_cells(inside, region)
    indptr, indices = hexgrid.neighbours(cells, k=1)
    return cells, values, indptr, indices, np.array([owner.get(int(c), -1) for c in cells], dtype=np.int64)


def find(geometries: list[dict], names: list[str], counts: dict[int, int],
         resolution: int) -> tuple[hotspots.HotspotResult, list[Cluster]]:
    """Gi* over the places' cells together, and its hot spot clusters: those across a border first, then strongest
    and largest first."""
    cells, values, indptr, indices, owner = study(geometries, counts, resolution)
    result = hotspots.hotspots(cells, values, indptr, indices)
    clusters = []
    for component in hexgrid.components(cells[result.grade > 0]):
        index = np.searchsorted(cells, component)
        clusters.append(Cluster(
            cells=[int(c) for c in component], level=CONFIDENCE[int(result.grade[index].max())],
            places=sorted({names[i] for i in owner[index] if i >= 0}),
        ))
    clusters.sort(key=lambda c: (not c.crosses_border, -c.level, -len(c.cells)))  # what only the county sees first
    return result, clusters
