"""The lägesbild as a Word file: real headings, tables, pictures and a live page number."""

import io

import docx
import pytest
from docx.oxml.ns import qn

from publishing_sample import sample_document
from samtrygg.publishing.docx import render_docx

NB = "\u00a0"


@pytest.fixture(scope="module")
def word():
    doc = sample_document()
    return doc, docx.Document(io.BytesIO(render_docx(doc)))


def test_sections_are_word_headings(word):
    doc, out = word
    assert [p.text for p in out.paragraphs if p.style.name == "Heading 1"] == [s.heading for s in doc.sections]
    assert [p.text for p in out.paragraphs if p.style.name == "Title"] == ["Lägesbild Grannstad 2025"]


def test_the_data_table_has_a_repeating_header_and_formatted_numbers(word):
    _, out = word
    table = next(t for t in out.tables if t.rows[0].cells[0].text == "Plats")
    assert [c.text for c in table.rows[0].cells] == ["Plats", "Händelser", "Förändring %", "Per 1 000 inv."]
    assert [c.text for c in table.rows[1].cells] == ["Centrum, Storgatan", f"1{NB}234,5", "−12,3", "4,20"]
    assert [c.text for c in table.rows[2].cells] == ["Åby skola", "310,0", "8,0", "–"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # right
    captions = [p.text for p in out.paragraphs if p.style.name == "Caption"]
    assert f"Tabell{NB}1. Heta platser" in captions and f"Figur{NB}4. Vanligaste kategorier" in captions
    assert "Källa: Kolada" in [p.text for p in out.paragraphs]


def test_every_figure_is_a_picture_with_alt_text(word):
    doc, out = word
    assert len(out.inline_shapes) == len(doc.figures())
    descriptions = [shape._inline.docPr.get("descr") for shape in out.inline_shapes]
    assert descriptions == [f.alt for f in doc.figures()]
    assert all(shape.width == docx.shared.Cm(16) for shape in out.inline_shapes)


def test_the_footer_counts_pages_with_fields(word):
    _, out = word
    footer = out.sections[0].footer.paragraphs[0]
    instructions = [e.text.strip() for e in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("samtrygg · Lägesbild Grannstad 2025\tSida ")


def test_key_figures_and_meta_are_tables(word):
    _, out = word
    texts = [[c.text for c in row.cells] for t in out.tables for row in t.rows]
    assert ["Område", "Grannstad"] in texts
    key_row = next(row for row in texts if row[0].startswith(f"1{NB}234,5"))
    assert key_row[1].startswith(f"−3,5{NB}%")


def test_core_properties_and_spelling_language(word):
    _, out = word
    assert out.core_properties.title == "Lägesbild Grannstad 2025"
    assert out.core_properties.language == "sv-SE"
    defaults = out.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    assert round(out.sections[0].page_width.cm, 1) == 21.0
