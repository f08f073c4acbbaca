"""The document model freezes to plain JSON and reads back equal."""

import json
from datetime import date

import numpy as np
import pytest

from publishing_sample import sample_document
from samtrygg.publishing.document import (
    Document,
    DocumentError,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)


def _plain_only(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain_only(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def test_a_document_with_every_block_survives_json():
    doc = sample_document()
    kinds = {type(block).__name__ for section in doc.sections for block in section.blocks}
    assert kinds == {"Paragraph", "KeyFigures", "Table", "Figure"}
    assert {f.kind for f in doc.figures()} == {"hexmap", "heatmap", "trend", "bars"}

    frozen = json.dumps(doc.to_dict(), ensure_ascii=False, allow_nan=False)
    back = Document.from_dict(json.loads(frozen))

    assert back == doc
    assert back.to_dict() == doc.to_dict()
    assert _plain_only(doc.to_dict())
    assert back.meta[0] == ("Område", "Grannstad")
    assert {b["type"] for s in doc.to_dict()["sections"] for b in s["blocks"]} == {
        "paragraph", "key_figures", "table", "figure"}


def test_numpy_values_and_tuples_become_plain_on_construction():
    table = Table(columns=["a", "b"], rows=[(np.int64(3), np.float64(1.5))], decimals=[0, 1])
    figure = Figure("bars", {"labels": ("x", "y"), "values": np.array([1, 2])})
    key = KeyFigure("n", np.int32(7))

    assert table.rows == [[3, 1.5]] and type(table.rows[0][0]) is int
    assert figure.data == {"labels": ["x", "y"], "values": [1, 2]}
    assert type(key.value) is int
    doc = Document("T", sections=[Section("s", "S", [table, figure, KeyFigures([key]), Paragraph("p")])])
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc


@pytest.mark.parametrize("make", [
    lambda: Figure("bars", {"labels": ["x"], "values": [date(2025, 1, 1)]}),
    lambda: Figure("bars", {"labels": ["x"], "values": [float("inf")]}),
    lambda: Figure("pie", {}),
    lambda: Table(columns=["a", "b"], rows=[[1]]),
    lambda: Table(columns=["a"], rows=[[1]], decimals=[0, 1]),
])
def test_what_cannot_be_frozen_is_refused_when_built(make):
    with pytest.raises(DocumentError):
        make()


def test_an_unknown_schema_or_block_is_refused():
    data = sample_document().to_dict()
    with pytest.raises(DocumentError):
        Document.from_dict({**data, "schema": 99})
    data["sections"][0]["blocks"].append({"type": "video"})
    with pytest.raises(DocumentError, match="video"):
        Document.from_dict(data)
