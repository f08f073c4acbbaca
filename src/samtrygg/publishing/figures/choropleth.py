"""A choropleth: regions (Sweden's municipalities) coloured by a value in five classes (quantiles of the values,
rounded), regions without a value hatched grey, the highlighted ones (a county's members) outlined, and a legend
that names the classes. Projected to SWEREF 99 TM like the hot spot map; outlines simplified to what the print
size can show, so the web page's SVG stays small.

data = {"regions": [{"geometry": GeoJSON (Multi)Polygon, "value": 12.3 | None, "highlight": bool}],
        "unit": "per 1 000 invånare", "frame": "all" | "highlight", "decimals": 1}
"""

import numpy as np
import shapely
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from samtrygg.publishing.figures import style
from samtrygg.publishing.figures.hexmap import _frame, _rings, _scale_bar
from samtrygg.publishing.formatting import format_number

CLASSES = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")
MISSING = "#d9d9d9"
LABELS = {"sv": {"missing": "Uppgift saknas", "members": "Länets kommuner"},
          "en": {"missing": "No value", "members": "The county's municipalities"}}


def class_limits(values: np.ndarray, n: int = len(CLASSES)) -> np.ndarray:
    """n + 1 limits: quantiles of the values (distinct, so fewer classes when the values are few)."""
    if not len(values):
        return np.array([0.0, 1.0])
    limits = np.unique(np.quantile(values, np.linspace(0, 1, n + 1)))
    return limits if len(limits) > 1 else np.array([limits[0], limits[0] + 1])


def _simplified(rings: list[np.ndarray], tolerance: float) -> list[np.ndarray]:
    out = []
    for ring in rings:
        simple = shapely.simplify(shapely.LinearRing(ring), tolerance, preserve_topology=False)
        coords = np.asarray(simple.coords) if not simple.is_empty and len(simple.coords) >= 4 else ring
        out.append(coords)
    return out


def _near(rings: list[np.ndarray], focus: np.ndarray, span: float) -> list[np.ndarray]:
    """The rings that reach into the focus's bounding box (with a margin): the rest would be drawn off the map."""
    (x0, y0), (x1, y1) = focus.min(axis=0) - 0.1 * span, focus.max(axis=0) + 0.1 * span
    return [r for r in rings if r[:, 0].max() >= x0 and r[:, 0].min() <= x1 and r[:, 1].max() >= y0
            and r[:, 1].min() <= y1]


def draw(fig, data: dict, language: str) -> None:
    labels = LABELS["sv" if language.startswith("sv") else "en"]
    regions = data.get("regions", [])
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.set_axis_off()
    rings = [_rings(r["geometry"]) for r in regions]
    everything = [ring for group in rings for ring in group]
    span = float(np.ptp(np.vstack(everything)[:, 1])) if everything else 1000.0
    focus = [ring for r, group in zip(regions, rings, strict=True) if r.get("highlight") for ring in group]
    if data.get("frame") == "highlight" and focus:
        span = float(np.ptp(np.vstack(focus)[:, 1]))
        rings = [_near(group, np.vstack(focus), span) for group in rings]
    tolerance = span / 1200
    values = np.array([r["value"] for r in regions if r.get("value") is not None], dtype=float)
    limits = class_limits(values)
    decimals = int(data.get("decimals", 1))
    faces, polygons, hatched = [], [], []
    for region, group in zip(regions, rings, strict=True):
        group = _simplified(group, tolerance)
        value = region.get("value")
        if value is None:
            hatched.extend(group)
            continue
        k = int(np.clip(np.searchsorted(limits, value, side="right") - 1, 0, len(limits) - 2))
        polygons.extend(group)
        faces.extend([CLASSES[min(k, len(CLASSES) - 1)]] * len(group))
    ax.add_collection(PolyCollection(polygons, facecolors=faces, edgecolors="#ffffff", linewidths=0.15, zorder=1))
    ax.add_collection(PolyCollection(hatched, facecolors=MISSING, edgecolors="#ffffff", hatch="////",
                                     linewidths=0.15, zorder=1))
    if focus:
        ax.add_collection(PolyCollection(_simplified(focus, tolerance), facecolors="none", edgecolors="#111111",
                                         linewidths=0.8, zorder=3))
    handles = [Patch(facecolor=CLASSES[k], edgecolor="#999999", linewidth=0.4,
                     label=f"{format_number(limits[k], decimals, language)}–"
                           f"{format_number(limits[k + 1], decimals, language)}")
               for k in range(len(limits) - 1)]
    handles.append(Patch(facecolor=MISSING, edgecolor="#999999", hatch="////", linewidth=0.4, label=labels["missing"]))
    if focus:
        handles.append(Patch(facecolor="none", edgecolor="#111111", linewidth=0.8, label=labels["members"]))
    fig.legend(handles=handles, loc="outside right upper", frameon=False, fontsize=style.SMALL, handlelength=1.2,
               title=data.get("unit") or None, title_fontsize=style.SMALL)
    _frame(ax, focus if data.get("frame") == "highlight" and focus else everything)
    _scale_bar(ax, language)
