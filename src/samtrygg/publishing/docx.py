"""A Document as a Word file (python-docx) that coordinators go on editing in Word.

Real styles, so Word's tools work: the title in "Title", sections in "Heading 1" (navigation pane, table of
contents), captions in "Caption", tables with a header row that repeats on each page, figures as PNG pictures
16 cm wide with their alt text. A4 with 2.5 cm margins; the footer holds the document footer and
"Sida {PAGE} av {NUMPAGES}" as live fields; core properties carry title and language, and the default text
language is the document's (so Word's spelling checks Swedish).
"""

import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from samtrygg.publishing import figures
from samtrygg.publishing.document import Document, Figure, KeyFigures, Paragraph, Table
from samtrygg.publishing.formatting import format_cell, is_number
from samtrygg.publishing.words import numbered, source_note, value_with_unit, words

TEXT_WIDTH = Cm(16)
FIGURE_DPI = 200
MUTED = RGBColor(0x66, 0x66, 0x66)
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def render_docx(doc: Document) -> bytes:
    """The document as .docx bytes (see the module docstring)."""
    out = docx.Document()
    language = LANGUAGE_TAGS.get(doc.language[:2].lower(), doc.language)
    out.core_properties.title = doc.title
    out.core_properties.subject = doc.subtitle
    out.core_properties.language = language
    out.core_properties.author = "samtrygg"
    _default_language(out, language)
    _page(out, doc)
    out.add_heading(doc.title, level=0)
    if doc.subtitle:
        out.add_paragraph(doc.subtitle, style="Subtitle")
    if doc.meta:
        _meta(out, doc.meta)
    counters = {"figure": 0, "table": 0}
    for section in doc.sections:
        out.add_heading(section.heading, level=1)
        for block in section.blocks:
            _block(out, block, doc.language, counters)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _default_language(out, tag: str) -> None:
    """Set w:lang in the document's default run properties."""
    defaults = out.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), tag)


def _page(out, doc: Document) -> None:
    """A4, 2.5 cm side margins, and the footer: text on the left, "Sida X av Y" at the right tab stop."""
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    paragraph = section.footer.paragraphs[0]
    stops = paragraph.paragraph_format.tab_stops
    for inherited in out.styles["Footer"].paragraph_format.tab_stops:  # the template's Letter-size stops
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    w = words(doc.language)
    _small(paragraph.add_run(f"{doc.footer}\t{w['page_word']} "))
    _field(paragraph, "PAGE")
    _small(paragraph.add_run(f" {w['of']} "))
    _field(paragraph, "NUMPAGES")


def _small(run, size: float = 8) -> None:
    run.font.size = Pt(size)
    run.font.color.rgb = MUTED


def _field(paragraph, instruction: str) -> None:
    """A live Word field (PAGE, NUMPAGES) as begin / instruction / separate / placeholder / end runs."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _small(run)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _meta(out, meta: list[tuple[str, str]]) -> None:
    table = out.add_table(rows=0, cols=2)
    for label, value in meta:
        cells = table.add_row().cells
        run = cells[0].paragraphs[0].add_run(label)
        run.bold = True
        run.font.color.rgb = MUTED
        cells[1].paragraphs[0].add_run(value)
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(3.5), Cm(12.5)
    out.add_paragraph()


def _block(out, block, language: str, counters: dict[str, int]) -> None:
    if isinstance(block, Paragraph):
        for part in (p.strip() for p in block.text.split("\n\n")):
            if part:
                _lines(out.add_paragraph(), part)
    elif isinstance(block, KeyFigures):
        _key_figures(out, block, language)
    elif isinstance(block, Table):
        counters["table"] += 1
        _table(out, block, language, counters["table"])
    elif isinstance(block, Figure):
        counters["figure"] += 1
        _figure(out, block, language, counters["figure"])
    else:
        raise TypeError(f"cannot render {type(block).__name__}")


def _lines(paragraph, text: str) -> None:
    """Text whose single newlines become line breaks within one paragraph."""
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)


def _key_figures(out, block: KeyFigures, language: str) -> None:
    per_row = min(max(len(block.items), 1), 4)
    table = out.add_table(rows=0, cols=per_row)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for start in range(0, len(block.items), per_row):
        cells = table.add_row().cells
        for cell, item in zip(cells, block.items[start:start + per_row], strict=False):
            value = cell.paragraphs[0].add_run(value_with_unit(item.value, item.decimals, item.unit, language))
            value.bold = True
            value.font.size = Pt(16)
            cell.add_paragraph(item.label)
            if item.note:
                _small(cell.add_paragraph().add_run(item.note))
    out.add_paragraph()


def _table(out, block: Table, language: str, number: int) -> None:
    out.add_paragraph(numbered("table", number, block.caption, language), style="Caption")
    numeric = [any(is_number(row[i]) for row in block.rows) for i in range(len(block.columns))]
    table = out.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for i, (cell, name) in enumerate(zip(header.cells, block.columns, strict=True)):
        cell.paragraphs[0].add_run(name).bold = True
        if numeric[i]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in block.rows:
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.paragraphs[0].add_run(format_cell(value, block.column_decimals(i), language))
            if numeric[i]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _source(out, block.source, language)


def _repeat_header(row) -> None:
    """Mark the row as a header row: Word repeats it at the top of each page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _figure(out, block: Figure, language: str, number: int) -> None:
    png = figures.render(block, "png", dpi=FIGURE_DPI, language=language)
    out.add_picture(io.BytesIO(png), width=TEXT_WIDTH)
    picture = out.inline_shapes[-1]
    picture._inline.docPr.set("descr", block.alt or block.caption)
    out.paragraphs[-1].paragraph_format.keep_with_next = True
    out.add_paragraph(numbered("figure", number, block.caption, language), style="Caption")
    _source(out, block.source, language)


def _source(out, source: str, language: str) -> None:
    note = source_note(source, language)
    if note:
        _small(out.add_paragraph().add_run(note))
