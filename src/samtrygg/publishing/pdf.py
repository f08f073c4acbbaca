"""A Document as an A4 PDF (reportlab platypus).

Layout: a title block (title, subtitle, meta table), then each section with a level-1 heading (also a PDF
bookmark), paragraphs, key figures as a grid of boxes, tables whose header row repeats on every page with
numbers right-aligned and formatted, and figures as pixels scaled to the 16 cm text column with a numbered caption
and a "Källa: …" note in small grey. Every page has the document footer and "Sida X av Y".

Text is set in DejaVu Sans, embedded from matplotlib's own font files (so the PDF and its charts share a
typeface): unlike the built-in Helvetica it has the minus sign "−" and every no-break space formatting uses.
Output is byte-for-byte reproducible (reportlab's invariant mode: no creation date, fixed document id).
"""

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from samtrygg.publishing import figures
from samtrygg.publishing.document import Document, Figure, KeyFigures, Paragraph, Table
from samtrygg.publishing.formatting import format_cell, is_number
from samtrygg.publishing.words import numbered, page_of, source_note, value_with_unit

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 2.5 * cm, 2.2 * cm, 2.4 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN_X
FIGURE_DPI = 200
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
INK, MUTED, RULE, TINT = colors.HexColor("#1a1a1a"), colors.HexColor("#666666"), colors.HexColor("#c8ced6"), \
    colors.HexColor("#eef2f6")


@cache
def _fonts() -> None:
    """Register DejaVu Sans (regular, bold) once, as a family so <b> works in paragraphs."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _style(name: str, size: float, font: str = FONT, color=INK, **kwargs) -> ParagraphStyle:
    kwargs.setdefault("leading", size * 1.35)
    return ParagraphStyle(name, fontName=font, fontSize=size, textColor=color, **kwargs)


STYLES = {
    "title": _style("title", 22, BOLD, spaceAfter=6, leading=27),
    "subtitle": _style("subtitle", 13, color=colors.HexColor("#333333"), spaceAfter=14),
    "h1": _style("h1", 15, BOLD, spaceBefore=16, spaceAfter=8, keepWithNext=1),
    "body": _style("body", 10, spaceAfter=7),
    "meta_label": _style("meta_label", 9.5, BOLD, color=MUTED),
    "meta_value": _style("meta_value", 9.5),
    "caption": _style("caption", 9, BOLD, spaceBefore=4, spaceAfter=2),
    "source": _style("source", 7.5, color=MUTED, spaceAfter=12),
    "cell": _style("cell", 8.5),
    "cell_number": _style("cell_number", 8.5, alignment=TA_RIGHT),
    "head": _style("head", 8.5, BOLD),
    "head_number": _style("head_number", 8.5, BOLD, alignment=TA_RIGHT),
    "kf_value": _style("kf_value", 17, BOLD, leading=21),
    "kf_label": _style("kf_label", 8.5),
    "kf_note": _style("kf_note", 7.5, color=MUTED),
}


def _text(text: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, single newlines kept as line breaks."""
    return escape(text).replace("\n", "<br/>")


class _Template(BaseDocTemplate):
    """One page template; level-1 headings become PDF bookmarks (the reader's outline pane)."""

    def afterFlowable(self, flowable) -> None:
        key = getattr(flowable, "bookmark", None)
        if key:
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


def fit(text: str, width: float, font: str, size: float, separator: str = " · ") -> str:
    """The text, if it is wider than `width` points shortened with "…": whole parts between separators dropped
    from the end first, then words."""
    def fits(candidate: str) -> bool:
        return stringWidth(candidate, font, size) <= width

    if fits(text):
        return text
    for glue in (separator, " "):
        pieces = text.split(glue)
        while len(pieces) > 1:
            pieces.pop()
            if fits(shortened := glue.join(pieces) + " …"):
                return shortened
    return "…"


def _numbered_canvas(footer: str, language: str) -> type[Canvas]:
    """A canvas that holds every page until the end, so each footer can say "Sida X av Y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, len(self._pages))
                super().showPage()
            super().save()

        def _footer(self, page: int, pages: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            y = MARGIN_BOTTOM - 0.9 * cm
            self.line(MARGIN_X, y + 11, A4[0] - MARGIN_X, y + 11)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            label = page_of(page, pages, language)
            room = A4[0] - 2 * MARGIN_X - stringWidth(label, FONT, 8) - 0.5 * cm
            self.drawString(MARGIN_X, y, fit(footer, room, FONT, 8))
            self.drawRightString(A4[0] - MARGIN_X, y, label)
            self.restoreState()

    return NumberedCanvas


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes (A4, see the module docstring)."""
    _fonts()
    buffer = io.BytesIO()
    template = _Template(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, title=doc.title, subtitle=doc.subtitle, author="samtrygg",
                         creator="samtrygg", subject=doc.subtitle, lang=doc.language, invariant=1)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, A4[1] - MARGIN_TOP - MARGIN_BOTTOM, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(_story(doc), canvasmaker=_numbered_canvas(doc.footer, doc.language))
    return buffer.getvalue()


def _story(doc: Document) -> list:
    story: list = [RLParagraph(_text(doc.title), STYLES["title"])]
    if doc.subtitle:
        story.append(RLParagraph(_text(doc.subtitle), STYLES["subtitle"]))
    if doc.meta:
        story += [_meta_table(doc.meta), Spacer(1, 10)]
    counters = {"figure": 0, "table": 0}
    for section in doc.sections:
        heading = RLParagraph(_text(section.heading), STYLES["h1"])
        heading.bookmark = f"section-{section.key}"
        blocks = [_block(block, doc.language, counters) for block in section.blocks]
        # A heading never ends a page: it is kept together with the whole first block under it.
        story.append(KeepTogether([heading, *(blocks[0] if blocks else [])]))
        for flowables in blocks[1:]:
            story += flowables
    return story


def _block(block, language: str, counters: dict[str, int]) -> list:
    if isinstance(block, Paragraph):
        return [RLParagraph(_text(part.strip()), STYLES["body"]) for part in block.text.split("\n\n") if part.strip()]
    if isinstance(block, KeyFigures):
        return [_key_figures(block, language), Spacer(1, 10)]
    if isinstance(block, Table):
        counters["table"] += 1
        return _table(block, language, counters["table"])
    if isinstance(block, Figure):
        counters["figure"] += 1
        return [KeepTogether(_figure(block, language, counters["figure"]))]
    raise TypeError(f"cannot render {type(block).__name__}")


def _meta_table(meta: list[tuple[str, str]]) -> RLTable:
    rows = [[RLParagraph(_text(label), STYLES["meta_label"]), RLParagraph(_text(value), STYLES["meta_value"])]
            for label, value in meta]
    style = STYLES["meta_label"]  # the label column as wide as its longest word needs (never split), ≥ 3.2 cm
    longest = max((stringWidth(word, style.fontName, style.fontSize) for label, _value in meta
                   for word in label.split()), default=0)
    label_width = min(max(3.2 * cm, longest + 8), FRAME_WIDTH / 3)
    table = RLTable(rows, colWidths=[label_width, FRAME_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                               ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE)]))
    return table


def _key_figures(block: KeyFigures, language: str) -> RLTable:
    """Boxes of up to four per row: the value large, its label, and a note in grey."""
    per_row = min(max(len(block.items), 1), 4)
    cells = []
    for item in block.items:
        cell = [RLParagraph(_text(value_with_unit(item.value, item.decimals, item.unit, language)), STYLES["kf_value"]),
                RLParagraph(_text(item.label), STYLES["kf_label"])]
        if item.note:
            cell.append(RLParagraph(_text(item.note), STYLES["kf_note"]))
        cells.append(cell)
    cells += [""] * (-len(cells) % per_row)
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    table = RLTable(rows, colWidths=[FRAME_WIDTH / per_row] * per_row, hAlign="LEFT")
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), TINT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEAFTER", (0, 0), (-2, -1), 4, colors.white),
                               ("LINEBELOW", (0, 0), (-1, -2), 4, colors.white),
                               ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                               ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    return table


def _column_widths(block: Table, texts: list[list[str]]) -> list[float]:
    """Each column at least as wide as its longest word (so no word is broken), the rest of the text column
    shared in proportion to each column's longest text (header words count once each)."""
    padding = 12  # the cell's left and right padding (6 pt each, reportlab's default)
    minimum, lengths = [], []
    for i, column in enumerate(block.columns):
        words = [(word, BOLD) for word in column.split()] + [(w, FONT) for row in texts for w in row[i].split()]
        minimum.append(max((stringWidth(w, font, 8.5) for w, font in words), default=0) + padding)
        longest_word = max((len(word) for word in column.split()), default=1)
        lengths.append(max([longest_word, min(len(column), 14)] + [len(row[i]) for row in texts]))
    spare = FRAME_WIDTH - sum(minimum)
    if spare <= 0:
        return [w * FRAME_WIDTH / sum(minimum) for w in minimum]
    return [w + spare * n / sum(lengths) for w, n in zip(minimum, lengths, strict=True)]


def _table(block: Table, language: str, number: int) -> list:
    texts = [[format_cell(v, block.column_decimals(i), language) for i, v in enumerate(row)] for row in block.rows]
    numeric = [any(is_number(row[i]) for row in block.rows) for i in range(len(block.columns))]
    header = [RLParagraph(_text(c), STYLES["head_number" if numeric[i] else "head"])
              for i, c in enumerate(block.columns)]
    body = [[RLParagraph(_text(text), STYLES["cell_number" if numeric[i] else "cell"]) for i, text in enumerate(row)]
            for row in texts]
    table = RLTable([header, *body], colWidths=_column_widths(block, texts), repeatRows=1, hAlign="LEFT")
    commands = [("BACKGROUND", (0, 0), (-1, 0), TINT), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    out = [RLParagraph(_text(numbered("table", number, block.caption, language)), STYLES["caption"]), table]
    table.setStyle(TableStyle(commands))
    note = source_note(block.source, language)
    out.append(RLParagraph(_text(note), STYLES["source"]) if note else Spacer(1, 12))
    return out


class Pixels(Flowable):
    """An image given as pixels (PIL), drawn at width × height points: platypus' Image wants a file."""

    def __init__(self, image, width: float, height: float):
        super().__init__()
        self.image, self.width, self.height = image, width, height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        self.canv.drawImage(ImageReader(self.image), 0, 0, self.width, self.height)


def _figure(block: Figure, language: str, number: int) -> list:
    """The figure's pixels scaled to the text column, its numbered caption below and the source note under it."""
    drawn = figures.pixels(block, FIGURE_DPI, language=language)
    height = FRAME_WIDTH * figures.height_of(block) / figures.style.WIDTH
    parts = [Pixels(drawn, FRAME_WIDTH, height),
             RLParagraph(_text(numbered("figure", number, block.caption, language)), STYLES["caption"])]
    note = source_note(block.source, language)
    parts.append(RLParagraph(_text(note), STYLES["source"]) if note else Spacer(1, 12))
    return parts
