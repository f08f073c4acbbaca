"""Shared look of every figure: palettes, fonts, sizes, Swedish tick labels, and deterministic output.

Matplotlib is used through its object API (matplotlib.figure.Figure), never pyplot, so no global figure state
is shared between threads. Sizes are in inches at print size: figures are drawn for a 16 cm wide A4 text
column, so 8–9 pt text stays readable on paper. Palettes are colour-blind safe: Okabe–Ito for series,
ColorBrewer YlOrRd for counts, a red–blue diverging scale (RdYlBu) for hot and cold spots.
"""

import io
import re
import threading
from html import escape

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from samtrygg.publishing.formatting import format_number

WIDTH = 6.3  # inches: the 16 cm text column of an A4 page with 2.5 cm margins
FONT = 8.5
SMALL = 7.5
TEXT = "#222222"
MUTED = "#666666"
GRID = "#dddddd"

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TREND = "#000000"
# ColorBrewer YlOrRd, 7 classes: counts (heat map cells, hexagons by count).
COUNTS = ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026")
# Gi* grade -> colour: hot 99/95/90 % dark red / red / orange, not significant very light grey, cold in blues.
GRADES = {3: "#b2182b", 2: "#e34a33", 1: "#fdae61", 0: "#eeeeee", -1: "#abd9e9", -2: "#74add1", -3: "#4575b4"}

_SAVE_LOCK = threading.Lock()
_SALT = "samtrygg"


def new_figure(height: float, width: float = WIDTH) -> Figure:
    """An empty figure of the given print size (inches), white, laid out with the constrained layout engine."""
    fig = Figure(figsize=(width, height), facecolor="white", layout="constrained")
    fig.get_layout_engine().set(w_pad=0.04, h_pad=0.04)
    return fig


def style_axes(ax, language: str) -> None:
    """Quiet axes: no top/right spines, light horizontal grid, readable ticks, Swedish numbers on the y axis."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.tick_params(labelsize=FONT, colors=TEXT, length=3)
    ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.yaxis.set_major_formatter(number_formatter(language))


def number_formatter(language: str) -> FuncFormatter:
    """Tick labels as format_number writes them: "1 500", "2,5", "−10"."""

    def _format(value: float, _pos: int) -> str:
        decimals = 0 if float(value).is_integer() else (1 if float(value * 10).is_integer() else 2)
        return format_number(value, decimals, language)

    return FuncFormatter(_format)


def save(fig: Figure, fmt: str, dpi: int, alt: str) -> bytes:
    """The figure as PNG or SVG bytes, identical for identical input: no dates in the metadata, SVG element ids
    from a fixed salt. The SVG scales to its container (viewBox, width 100 %) and carries `alt` as <title>."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be png or svg, not {fmt!r}")
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    with _SAVE_LOCK, mpl.rc_context({"svg.hashsalt": _SALT}):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    data = buffer.getvalue()
    return _accessible_svg(data, alt) if fmt == "svg" else data


def pixels(fig: Figure, dpi: int):
    """The figure as an RGB image (PIL) at `dpi`, white behind: for a document that compresses pixels itself (the
    PDF), which a PNG would make encode and decode them once more."""
    from PIL import Image

    buffer = io.BytesIO()
    with _SAVE_LOCK:
        fig.savefig(buffer, format="rgba", dpi=dpi, facecolor="white")
    size = (int(fig.get_figwidth() * dpi), int(fig.get_figheight() * dpi))  # as matplotlib's Agg renderer sizes it
    return Image.frombuffer("RGBA", size, buffer.getvalue(), "raw", "RGBA", 0, 1).convert("RGB")


def _accessible_svg(data: bytes, alt: str) -> bytes:
    """Drop the XML prolog and the fixed pt size (the viewBox stays), make the SVG as wide as its container and
    label it for screen readers (<title> first, role="img", aria-label: no ids, so many can share a page)."""
    text = data.decode("utf-8")
    text = text[text.index("<svg"):]
    head_end = text.index(">") + 1
    head = re.sub(r'\s(width|height)="[^"]*"', "", text[:head_end])
    label = f' role="img" aria-label="{escape(alt)}"' if alt else ""
    head = head.replace("<svg", f'<svg width="100%"{label}', 1)
    title = f"<title>{escape(alt)}</title>" if alt else ""
    return (head + title + text[head_end:]).encode("utf-8")
