"""The lägesbild PDF, read back as pages: the figures show what they should, the text is Swedish and paged."""

import numpy as np
import pypdfium2
import pytest
from matplotlib.colors import to_hex

from pdf_pixels import crop, near, pages
from publishing_sample import sample_document
from samtrygg.publishing.figures import charts, style
from samtrygg.publishing.pdf import render_pdf


@pytest.fixture(scope="module")
def rendered():
    doc = sample_document()
    pdf = render_pdf(doc)
    read = pages(pdf)
    # Every figure is one embedded image, in document order.
    placed = [(number, box) for number, page in enumerate(read) for box in page["boxes"]]
    assert len(placed) == len(doc.figures())
    return {"doc": doc, "pdf": pdf, "pages": read,
            "figures": {fig.kind: (read[n]["image"], box) for fig, (n, box) in zip(doc.figures(), placed, strict=True)}}


def test_every_page_is_numbered_with_the_footer(rendered):
    total = len(rendered["pages"])
    assert total >= 2
    for number, page in enumerate(rendered["pages"], start=1):
        assert f"Sida {number} av {total}" in page["text"]
        assert "samtrygg · Lägesbild Grannstad 2025" in page["text"]


def test_swedish_text_and_numbers_extract_as_written(rendered):
    text = "\n".join(page["text"] for page in rendered["pages"])
    assert "Brottslighet och trygghet – åäöÅÄÖ é –" in text
    assert "Fastställd 12 mars 2026, kommunstyrelsen" in text
    assert "Skadegörelse & klotter <vanligast> i centrum." in text
    assert "1 234,5" in text                      # key figure and table cell
    assert "−12,3" in text                        # real minus, half rounded away from zero
    assert "41,3 %" in text
    assert "Källa: Kolada" in text and "Källa: egna rapporter" in text
    assert "Figur 1. Heta och kalla punkter" in text and "Tabell 1. Heta platser" in text


def test_the_hex_map_shows_hot_spots_and_area_outlines(rendered):
    image, box = rendered["figures"]["hexmap"]
    region = crop(image, box)
    assert near(region, style.GRADES[3]).sum() > 500      # 99 % hot spots, dark red
    assert near(region, style.GRADES[2]).sum() > 500      # 95 %
    assert near(region, style.GRADES[-1]).sum() > 100     # cold spots
    # The outline runs round the whole map: dark grey pixels in each quadrant of the map part (left of the legend).
    height, width = region.shape[:2]
    outline = near(region[:, : int(width * 0.75)], "#333333", 12)
    quadrants = [outline[:height // 2, :width // 3], outline[:height // 2, width // 3:],
                 outline[height // 2:, :width // 3], outline[height // 2:, width // 3:]]
    assert all(q.sum() > 30 for q in quadrants)
    # …and nowhere else on the page is a hot spot colour.
    outside = image.copy()
    outside[box[1]:box[3], box[0]:box[2]] = 255
    assert near(outside, style.GRADES[3]).sum() == 0


def test_the_heatmap_shows_its_colour_ramp(rendered):
    image, box = rendered["figures"]["heatmap"]
    region = crop(image, box)
    matrix = np.array(sample_document().figures()[1].data["matrix"], dtype=float)
    top = to_hex(charts.HEAT(1.0))
    quiet = to_hex(charts.HEAT(matrix[0, 10] / matrix.max()))
    middle = to_hex(charts.HEAT(matrix[0, 0] / matrix.max()))
    assert top == style.COUNTS[-1]
    for colour in (top, quiet, middle):
        assert near(region, colour, 4).sum() > 300, colour
    assert near(image, top, 4).sum() == near(region, top, 4).sum()


def test_the_trend_chart_draws_its_line(rendered):
    image, box = rendered["figures"]["trend"]
    region = crop(image, box)
    line = near(region, style.SERIES[0], 12)
    assert line.sum() > 1000
    columns = np.flatnonzero(line.any(axis=0))
    assert columns.max() - columns.min() > 0.8 * region.shape[1]   # across the whole chart


def test_rendering_is_reproducible(rendered):
    assert render_pdf(rendered["doc"]) == rendered["pdf"]


def test_pdf_metadata_names_title_and_language_and_sections_are_bookmarked(rendered):
    document = pypdfium2.PdfDocument(rendered["pdf"])
    assert document.get_metadata_dict()["Title"] == "Lägesbild Grannstad 2025"
    assert b"/Lang (sv)" in rendered["pdf"]
    assert [item.get_title() for item in document.get_toc()] == ["Sammanfattning", "Geografi", "Tid", "Händelser"]


def test_a_long_footer_is_shortened_before_the_page_number():
    """A plan's long title in the footer never runs into "Sida X av Y"."""
    doc = sample_document()
    doc.footer = " · ".join(["samtrygg", "Uppföljning", "Åtgärdsplan för brottsförebyggande arbete i Exempelby "
                             "2026–2027", "1 jul 2026–31 dec 2026"])
    text = pages(render_pdf(doc))[0]["text"]
    assert "samtrygg · Uppföljning · Åtgärdsplan för" in text and " …" in text
    assert "31 dec 2026" not in text and "· 1 …" not in text  # whole parts go first
    assert "Sida 1 av" in text


def test_fit_drops_whole_parts_then_words():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from samtrygg.publishing.pdf import FONT, fit

    render_pdf(sample_document())  # registers the font
    assert fit("samtrygg · kort", 500, FONT, 8) == "samtrygg · kort"
    room = stringWidth("samtrygg · Uppföljning …", FONT, 8) + 1
    assert fit("samtrygg · Uppföljning · en lång titel här", room, FONT, 8) == "samtrygg · Uppföljning …"
    assert fit("samtrygg · " + "ord " * 60, 150, FONT, 8) == "samtrygg …"
    words = fit("ord " * 60, 150, FONT, 8)  # no parts: cut between words
    assert words.startswith("ord ord") and words.endswith(" …") and stringWidth(words, FONT, 8) <= 150
