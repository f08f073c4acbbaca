"""Hot spots across the county: Getis-Ord Gi* (as in the lägesbild, `samtrygg.analysis.hotspots`) over the H3 cells
of every member that shares its cell counts, as one study area — so a hot spot on a border between two members is
one hot spot, which neither member's own analysis (its cells only) sees whole. The region sees the hot spot cells
and the counts of cells holding at least k incidents; never a smaller count."""

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from samtrygg.analysis import crossborder, hotspots
from samtrygg.analysis.hexgrid import resolution_for
from samtrygg.areas.models import Area
from samtrygg.publishing.document import Figure
from samtrygg.reference import boundaries

from . import gather
from .models import Region, ShareKind
from .selectors import sharing_members


def member_geometry(municipality) -> dict | None:
    """The municipality's boundary (the reference data), or for a municipality without a real kommunkod (the
    demo's) the union of its own top-level areas."""
    known = boundaries().get(municipality.kommunkod)
    if known is not None:
        return known
    tops = Area.objects.filter(owner=municipality, parent__isnull=True)
    shapes = [area.shape for area in tops if area.geometry]
    return mapping(shapely.union_all(shapes)) if shapes else None


@dataclass
class CountyHotspots:
    resolution: int
    cells: np.ndarray
    result: hotspots.HotspotResult | None
    clusters: list[crossborder.Cluster]
    figure: Figure | None
    members: list[str]


def county_hotspots(region: Region, year: int) -> CountyHotspots:
    located = [(m.municipality, member_geometry(m.municipality))
               for m in sharing_members(region, ShareKind.CELL_COUNTS)]
    located = [(org, g) for org, g in located if g is not None]
    names = [org.name for org, _g in located]
    if not located:
        return CountyHotspots(0, np.zeros(0, dtype=np.int64), None, [], None, names)
    geometries = [g for _org, g in located]
    resolution = resolution_for(mapping(shapely.union_all([shape(g) for g in geometries])))
    counts = gather.cell_counts([org.pk for org, _g in located], gather.year_period(year), resolution)
    result, clusters = crossborder.find(geometries, names, counts, resolution)
    k = region.min_count
    shown = (result.grade != 0) | (result.counts >= k)
    figure = Figure("hexmap", {
        "cells": [{"cell": format(int(c), "x"), "value": int(n) if n >= k else 0, "grade": int(g)}
                  for c, n, g in zip(result.cells[shown], result.counts[shown], result.grade[shown], strict=True)],
        "outlines": geometries, "legend": "grade",
    }, alt="")
    return CountyHotspots(resolution, result.cells, result, clusters, figure, names)
