"""Figures of a document rendered to PNG (for PDF and DOCX) or SVG (inlined in the web page).

    render(figure, "svg")             -> bytes of a fluid, titled SVG
    render(figure, "png", dpi=200)    -> bytes of a PNG at print size (16 cm wide)
    svg_data_uri(figure)              -> the SVG as a data: URI, for an <img> on a web page

The same Figure always renders to the same bytes (see style.save).
"""

import base64

from samtrygg.publishing.document import Figure
from samtrygg.publishing.figures import charts, choropleth, hexmap, style

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
    """The figure as SVG in a data: URI, as the web pages show figures (in an <img> with the figure's alt)."""
    return "data:image/svg+xml;base64," + base64.b64encode(render(fig, "svg", language=language)).decode("ascii")
