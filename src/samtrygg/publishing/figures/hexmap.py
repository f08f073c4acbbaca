"""The hotspot map: H3 hexagons coloured by Gi* grade (or by count) over area outlines, with incident points,
a legend, a scale bar in km and a north arrow. No map tiles: everything is drawn from the data.

Coordinates arrive in WGS 84 (lon, lat) and are projected to SWEREF 99 TM (EPSG:3006, metres) so hexagons,
outlines and the scale bar are true in shape and length; grid north is up.

data = {"cells": [{"cell": "8a1f...", "value": 12, "grade": 3}], "outlines": [GeoJSON (Multi)Polygon geometry],
        "points": [[lon, lat], ...], "legend": "grade" | "count"}
"""

from functools import cache, lru_cache

import h3
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch, Rectangle
from pyproj import Transformer

from samtrygg.publishing.figures import style
from samtrygg.publishing.formatting import format_number, format_percent

LABELS = {
    "sv": {"hot": "Het punkt", "cold": "Kall punkt", "none": "Ej signifikant", "count": "Antal händelser",
           "points": "Händelse"},
    "en": {"hot": "Hot spot", "cold": "Cold spot", "none": "Not significant", "count": "Incidents",
           "points": "Incident"},
}
CONFIDENCE = {3: 99, 2: 95, 1: 90}
RASTERIZE_POINTS_ABOVE = 2000  # vector SVG for a few points, one embedded image layer for many


@cache
def _to_sweref() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)


def project(lonlat: np.ndarray) -> np.ndarray:
    """(n, 2) lon/lat degrees -> (n, 2) SWEREF 99 TM easting/northing metres."""
    east, north = _to_sweref().transform(lonlat[:, 0], lonlat[:, 1])
    return np.column_stack([east, north])


def _rings(geometry: dict) -> list[np.ndarray]:
    """Every ring (outer and holes) of a GeoJSON Polygon or MultiPolygon, projected."""
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"outline must be a Polygon or MultiPolygon, not {kind!r}")
    return [project(np.asarray(ring, dtype=float)[:, :2]) for polygon in polygons for ring in polygon]


# A cell's corners never change: each process keeps those it has drawn (a municipality's few thousand cells,
# drawn again for every lägesbild of it and every figure request; about 20 MB when full).
_boundary = lru_cache(maxsize=1 << 16)(h3.cell_to_boundary)


def _hexagons(cells: list[dict]) -> list[np.ndarray]:
    """Each cell's outline, projected: all corners in one call (thousands of cells)."""
    boundaries = [_boundary(cell["cell"]) for cell in cells]  # (lat, lon) corners: 6, or 5 (pentagons)
    if not boundaries:
        return []
    corners = project(np.asarray([corner for boundary in boundaries for corner in boundary], dtype=float)[:, ::-1])
    return np.split(corners, np.cumsum([len(boundary) for boundary in boundaries])[:-1])


def draw(fig, data: dict, language: str) -> None:
    cells = data.get("cells", [])
    points = np.asarray(data.get("points") or np.empty((0, 2)), dtype=float).reshape(-1, 2)
    labels = LABELS["sv" if language.startswith("sv") else "en"]
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.set_axis_off()

    hexagons = _hexagons(cells)
    if hexagons:
        values = np.array([c.get("value") or 0 for c in cells], dtype=float)
        grades = np.array([c.get("grade") or 0 for c in cells], dtype=int)
        collection = PolyCollection(hexagons, linewidths=0.15, zorder=1)
        if data.get("legend", "grade") == "count":
            _colour_by_count(fig, ax, collection, values, labels, language)
        else:
            collection.set_facecolor([style.GRADES[int(np.clip(g, -3, 3))] for g in grades])
            collection.set_edgecolor("face")
        ax.add_collection(collection)
    if data.get("legend", "grade") != "count":
        _grade_legend(fig, ax, labels, language, has_points=len(points) > 0)

    outlines = [ring for geometry in data.get("outlines", []) for ring in _rings(geometry)]
    if outlines:
        ax.add_collection(PolyCollection(outlines, facecolors="none", edgecolors="#333333", linewidths=0.9,
                                         zorder=3))
    if len(points):
        xy = project(points)
        size, alpha = _dot_style(len(points))
        ax.scatter(xy[:, 0], xy[:, 1], s=size, c="#111111", alpha=alpha, linewidths=0, zorder=2,
                   rasterized=len(points) > RASTERIZE_POINTS_ABOVE)

    _frame(ax, hexagons + outlines or ([project(points)] if len(points) else []))
    _scale_bar(ax, language)
    _north_arrow(ax)


def _dot_style(n: int) -> tuple[float, float]:
    """Marker area (pt²) and opacity of incident dots: fainter and smaller the more there are, so that
    20 000 dots give texture without hiding the hexagon colours underneath."""
    root = float(np.sqrt(max(n, 1)))
    return float(np.clip(40 / root, 0.3, 2.0)), float(np.clip(30 / root, 0.15, 0.6))


def _colour_by_count(fig, ax, collection, values, labels, language) -> None:
    """Seven classes of a sequential palette with rounded class limits, and a colour bar that names them."""
    top = max(float(values.max()), 1.0)
    bounds = np.unique(np.round(np.linspace(0, top, len(style.COUNTS) + 1)))
    cmap = ListedColormap(style.COUNTS[: len(bounds) - 1] if len(bounds) > 1 else style.COUNTS[:1])
    norm = BoundaryNorm(bounds if len(bounds) > 1 else [0, 1], cmap.N)
    collection.set_array(values)
    collection.set_cmap(cmap)
    collection.set_norm(norm)
    collection.set_edgecolor("face")
    bar = fig.colorbar(collection, ax=ax, shrink=0.6, aspect=25, pad=0.02)
    bar.set_label(labels["count"], fontsize=style.FONT, color=style.TEXT)
    bar.ax.tick_params(labelsize=style.SMALL)
    bar.ax.yaxis.set_major_formatter(style.number_formatter(language))


def _grade_legend(fig, ax, labels, language, has_points: bool) -> None:
    """The seven grades, always all of them (so maps of different areas read alike), right of the map; a
    figure legend "outside", so the constrained layout makes room for it instead of clipping it."""
    handles = [Patch(facecolor=style.GRADES[g], edgecolor="#999999", linewidth=0.4,
                     label=f"{labels['hot']} {format_percent(CONFIDENCE[g], 0, language)}") for g in (3, 2, 1)]
    handles.append(Patch(facecolor=style.GRADES[0], edgecolor="#999999", linewidth=0.4, label=labels["none"]))
    handles += [Patch(facecolor=style.GRADES[-g], edgecolor="#999999", linewidth=0.4,
                      label=f"{labels['cold']} {format_percent(CONFIDENCE[g], 0, language)}") for g in (1, 2, 3)]
    if has_points:
        handles.append(ax.scatter([], [], s=6, c="#111111", label=labels["points"]))
    fig.legend(handles=handles, loc="outside right upper", frameon=False, fontsize=style.SMALL, handlelength=1.2,
               handleheight=1.0)


def _frame(ax, rings: list[np.ndarray]) -> None:
    """Fit the view to the area outlines and cells (points only when there are neither: a stray point far
    outside must not shrink the area), with a 4 % margin; a default view when there is nothing."""
    if not rings:
        ax.set_xlim(0, 1000)
        ax.set_ylim(0, 1000)
        return
    xy = np.vstack(rings)
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    pad = 0.04 * max(x1 - x0, y1 - y0, 500.0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)


def nice_length(span_m: float) -> float:
    """The scale bar length: 1, 2 or 5 × 10^k metres, at most a fifth of the map width."""
    target = max(span_m / 5, 1.0)
    power = 10 ** np.floor(np.log10(target))
    return float(max(m * power for m in (1, 2, 5) if m * power <= target))


def _scale_bar(ax, language: str) -> None:
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    length = nice_length(x1 - x0)
    x, y, h = x0 + 0.03 * (x1 - x0), y0 + 0.03 * (y1 - y0), 0.012 * (y1 - y0)
    for i in range(2):
        ax.add_patch(Rectangle((x + i * length / 2, y), length / 2, h, facecolor=("#222222", "white")[i],
                               edgecolor="#222222", linewidth=0.6, zorder=5))
    km = length / 1000
    text = f"{format_number(km, 0 if km >= 1 else 1, language)} km" if km >= 0.1 else f"{length:.0f} m"
    ax.text(x + length / 2, y + 1.8 * h, text, ha="center", va="bottom", fontsize=style.SMALL, color=style.TEXT,
            zorder=5)


def _north_arrow(ax) -> None:
    ax.annotate("N", xy=(0.96, 0.97), xytext=(0.96, 0.87), xycoords="axes fraction", ha="center", va="center",
                fontsize=style.FONT, fontweight="bold", color=style.TEXT,
                arrowprops={"arrowstyle": "-|>", "color": style.TEXT, "linewidth": 0.8})
