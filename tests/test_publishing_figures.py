"""Figures on their own: SVG for the web page, PNG for print, same bytes every time."""

import io
import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image

from pdf_pixels import near
from publishing_sample import hexmap_data, sample_document
from samtrygg.publishing import figures
from samtrygg.publishing.document import Figure
from samtrygg.publishing.figures import hexmap, style

SVG = "{http://www.w3.org/2000/svg}"


def _png(figure: Figure, language: str = "sv") -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(figures.render(figure, "png", dpi=100, language=language))).convert("RGB"))


@pytest.mark.parametrize("kind", ["hexmap", "heatmap", "trend", "bars"])
def test_svg_is_fluid_titled_and_reproducible(kind):
    figure = next(f for f in sample_document().figures() if f.kind == kind)
    svg = figures.render(figure, "svg")
    root = ET.fromstring(svg)  # noqa: S314 -- our own output, not untrusted input
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    assert root[0].tag == f"{SVG}title" and root[0].text == figure.alt
    assert root.get("aria-label") == figure.alt
    assert b"<dc:date>" not in svg and not svg.startswith(b"<?xml")
    assert figures.render(figure, "svg") == svg
    assert figures.render(figure, "png") == figures.render(figure, "png")


def test_figures_render_the_same_from_many_threads():
    figure = sample_document().figures()[2]
    expected = figures.render(figure, "svg")
    with ThreadPoolExecutor(4) as pool:
        assert set(pool.map(lambda _: figures.render(figure, "svg"), range(8))) == {expected}


def test_a_count_map_uses_the_sequential_palette_and_no_grade_colours():
    data = {**hexmap_data(n_cells=120, n_points=0), "legend": "count"}
    image = _png(Figure("hexmap", data))
    assert near(image, style.GRADES[3], 6).sum() == 0
    assert near(image, style.COUNTS[-1], 6).sum() > 50     # the busiest cells
    assert near(image, style.COUNTS[0], 6).sum() > 50


def test_the_english_legend_and_an_empty_map_render():
    image = _png(Figure("hexmap", {"cells": [], "outlines": [], "points": [], "legend": "grade"}), "en")
    assert image.shape[0] > 100
    small = Figure("hexmap", hexmap_data(n_cells=30, n_points=5))
    english = figures.render(small, "svg", language="en").decode()
    swedish = figures.render(small, "svg").decode()
    # Text is drawn as glyph paths; matplotlib keeps each string as a comment beside them.
    assert "<!-- Hot spot 99% -->" in english and "<!-- Cold spot 90% -->" in english
    assert "<!-- Het punkt 99\u00a0% -->" in swedish and "<!-- Ej signifikant -->" in swedish
    assert "<!-- 2 km -->" in swedish or re.search(r"<!-- [\d,]+ (k?m) -->", swedish)


def test_hexagons_keep_their_true_shape_in_sweref():
    """A hexagon projected to SWEREF 99 TM has six sides of nearly equal length (H3 res 9 edge ≈ 174 m)."""
    cell = hexmap_data(n_cells=1, n_points=0)["cells"][0]["cell"]
    ring = hexmap._hexagons([{"cell": cell}])[0]
    sides = np.hypot(*np.diff(np.vstack([ring, ring[:1]]), axis=0).T)
    assert len(sides) == 6
    assert sides.max() / sides.min() < 1.15
    assert 140 < sides.mean() < 210


@pytest.mark.parametrize(("span", "length"), [(10_000, 2000), (4_000, 500), (260, 50), (90_000, 10_000)])
def test_the_scale_bar_is_a_round_length(span, length):
    assert hexmap.nice_length(span) == length


def test_bars_and_trend_accept_missing_values():
    figures.render(Figure("trend", {"labels": ["a", "b", "c"], "series": [{"name": "x", "values": [1, None, 3]}]}))
    figures.render(Figure("bars", {"labels": ["a", "b"], "values": [0, None]}))


def _line_x(svg: bytes, colour: str) -> list[float]:
    """The x coordinates of the plotted line drawn in `colour` (the series, not its legend sample)."""
    paths = [p for p in ET.fromstring(svg).iter(f"{SVG}path")  # noqa: S314 -- our own output
             if f"stroke: {colour}" in (p.get("style") or "") and p.get("d", "").count("L") >= 2]
    return [float(x) for x in re.findall(r"[ML] ([\d.]+) [\d.]+", paths[0].get("d"))]


def test_a_dated_trend_keeps_the_gaps_between_its_dates():
    """Goal values measured at uneven dates: the gaps on the axis are as long as the gaps in time."""
    data = {"labels": ["2026-01", "2026-01", "2026-12"], "series": [{"name": "x", "values": [40, 35, 20]}]}
    dated = figures.render(Figure("trend", {**data, "dates": ["2026-01-01", "2026-01-31", "2026-12-27"]}), "svg")
    x = _line_x(dated, style.SERIES[0].lower())
    assert (x[1] - x[0]) / (x[2] - x[1]) == pytest.approx(30 / 330, rel=0.02)
    even = _line_x(figures.render(Figure("trend", data), "svg"), style.SERIES[0].lower())
    assert (even[1] - even[0]) / (even[2] - even[1]) == pytest.approx(1, rel=0.02)


def test_a_web_figure_is_drawn_once_per_content_when_a_cache_is_set(monkeypatch):
    figure = next(f for f in sample_document().figures() if f.kind == "trend")
    monkeypatch.setattr(figures, "cache", None)
    plain = figures.svg_data_uri(figure)  # without a cache: drawn
    kept: dict[str, str] = {}

    class Kept:
        def get(self, key):
            return kept.get(key)

        def set(self, key, value):
            kept[key] = value

    drawn = []
    render = figures.render
    monkeypatch.setattr(figures, "render", lambda *args, **kwargs: drawn.append(args) or render(*args, **kwargs))
    monkeypatch.setattr(figures, "cache", Kept())
    assert figures.svg_data_uri(figure) == plain and len(drawn) == 1
    assert figures.svg_data_uri(figure) == plain and len(drawn) == 1  # from the cache
    # Whatever the drawing depends on names another entry: the data, the alternative text, the language.
    changed = Figure(figure.kind, {**figure.data, "labels": [*figure.data["labels"][:-1], "2099-01"]},
                     caption=figure.caption, alt=figure.alt)
    figures.svg_data_uri(changed)
    figures.svg_data_uri(Figure(figure.kind, figure.data, caption=figure.caption, alt=figure.alt + " (ny)"))
    figures.svg_data_uri(figure, "en")
    assert len(drawn) == 4 and len(kept) == 4
    # The caption is not drawn (the page prints it): the same entry.
    figures.svg_data_uri(Figure(figure.kind, figure.data, caption="Annan rubrik", alt=figure.alt))
    assert len(drawn) == 4
