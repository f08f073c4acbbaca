"""A publishing.Document as the web page shows it: numbers formatted as in the PDF, figures as SVG (by address or
inlined, with their alternative text), table cells marked numeric for right alignment. No Django here either: the
view hands the result to the template."""

from samtrygg.publishing import figures
from samtrygg.publishing.document import Document, Figure, KeyFigures, Paragraph, Table
from samtrygg.publishing.formatting import format_cell, is_number
from samtrygg.publishing.words import numbered, source_note, value_with_unit


def present(doc: Document, figure_url=None) -> list[dict]:
    """[{key, heading, language, blocks: [{type, ...}]}] ready for lagesbild/_document.html. With
    `figure_url(number, fmt)` each figure is an <img> of its own address ("svg"; the browser fetches and caches it
    apart from the page) with a link to its full-size image ("png"); without, the SVG is inlined as a data: URI
    (figures are numbered from 1, as in the captions)."""
    counters = {"figure": 0, "table": 0}
    return [
        {"key": s.key, "heading": s.heading, "language": doc.language,
         "blocks": [_block(b, doc.language, counters, figure_url) for b in s.blocks]}
        for s in doc.sections
    ]


def _block(block, language: str, counters: dict[str, int], figure_url=None) -> dict:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "paragraphs": [p for p in block.text.split("\n\n") if p.strip()]}
    if isinstance(block, KeyFigures):
        return {"type": "key_figures", "items": [
            {"label": item.label, "value": value_with_unit(item.value, item.decimals, item.unit, language),
             "note": item.note} for item in block.items
        ]}
    if isinstance(block, Table):
        counters["table"] += 1
        return {
            "type": "table", "columns": block.columns,
            "caption": numbered("table", counters["table"], block.caption, language) if block.caption else "",
            "source": source_note(block.source, language),
            "numeric": [all(is_number(row[k]) or row[k] is None for row in block.rows) and bool(block.rows)
                        for k in range(len(block.columns))],
            "rows": [[{"text": format_cell(cell, block.column_decimals(k), language), "numeric": is_number(cell)}
                      for k, cell in enumerate(row)] for row in block.rows],
        }
    if isinstance(block, Figure):
        counters["figure"] += 1
        return {
            "type": "figure", "kind": block.kind, "alt": block.alt,
            "src": figure_url(counters["figure"], "svg") if figure_url else figures.svg_data_uri(block, language),
            "caption": numbered("figure", counters["figure"], block.caption, language),
            "source": source_note(block.source, language),
            "full": figure_url(counters["figure"], "png") if figure_url else "",
        }
    raise TypeError(f"no presentation for {type(block).__name__}")
