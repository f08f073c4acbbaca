"""Figures of a document rendered to PNG (for PDF and DOCX) or SVG (inlined in the web page).

    render(figure, "svg")             -> bytes of a fluid, titled SVG
    render(figure, "png", dpi=200)    -> bytes of a PNG at print size (16 cm wide)
    svg_data_uri(figure)              -> the SVG as a data: URI, for an <img> on a web page

The same Figure always renders to the same bytes (see style.save). So the web pages' figures (svg_data_uri) are
kept in `cache` when one is set (the Django app sets the shared "documents" cache: ui.apps), named by a hash of all
a drawing depends on (the figure's kind, data and alternative text, the language, this package's drawing code and
matplotlib's version): a dashboard, a meeting's agenda or the county's maps are drawn once, not on every view, and a
changed goal, count or drawing code is another name. Without a cache every call draws.
"""

import base64
import hashlib
import json
from pathlib import Path
from typing import Protocol

import matplotlib

from samtrygg.publishing.document import Figure
from samtrygg.publishing.figures import charts, choropleth, hexmap, style


class Cache(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


cache: Cache | None = None
# What the drawings are made by: this package's code and matplotlib (read once).
_DRAWING = hashlib.sha256(b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
                          + matplotlib.__version__.encode()).hexdigest()[:16]

HEIGHTS = {"choropleth": 6.4, "hexmap": 5.2, "heatmap": 2.5, "trend": 2.9}
DRAW = {"choropleth": choropleth.draw, "hexmap": hexmap.draw,
        "heatmap": charts.draw_heatmap, "trend": charts.draw_trend, "bars": charts.draw_bars}


def height_of(fig: Figure) -> float:
    """Print height in inches: fixed per kind, bars grow with the number of bars."""
    if fig.kind == "bars":
        return 0.6 + 0.28 * max(len(fig.data.get("labels", [])), 1)
    return HEIGHTS[fig.kind]


def render(fig: Figure, format: str = "png", dpi: int = 150, language: str = "sv") -> bytes:
    """The figure drawn as `format` ("png" or "svg"); `language` ("sv"/"en") picks legend and axis words."""
    return style.save(_drawn(fig, language), format, dpi, fig.alt)


def pixels(fig: Figure, dpi: int, language: str = "sv"):
    """The figure drawn as an RGB image (PIL) at `dpi`: what render(…, "png") holds, without the PNG."""
    return style.pixels(_drawn(fig, language), dpi)


def _drawn(fig: Figure, language: str):
    """The matplotlib figure with `fig` drawn on it."""
    canvas_figure = style.new_figure(height_of(fig))
    DRAW[fig.kind](canvas_figure, fig.data, language)
    return canvas_figure


def svg_data_uri(fig: Figure, language: str = "sv") -> str:
    """The figure as SVG in a data: URI, as the web pages show figures (in an <img> with the figure's alt); from
    `cache` when it holds it."""
    key = None
    if cache is not None:
        key = "figure-svg:" + hashlib.sha256(json.dumps(
            [_DRAWING, fig.kind, fig.data, fig.alt, language], sort_keys=True, default=str).encode()).hexdigest()
        found = cache.get(key)
        if found is not None:
            return found
    uri = "data:image/svg+xml;base64," + base64.b64encode(render(fig, "svg", language=language)).decode("ascii")
    if key is not None:
        cache.set(key, uri)
    return uri
