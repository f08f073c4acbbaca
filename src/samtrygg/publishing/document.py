"""The document model: what a lägesbild says, independent of how it is rendered.

A Document is sections of blocks (Paragraph, KeyFigures, Table, Figure). It holds only plain JSON values, so
`Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc` — an adopted lägesbild is frozen as that JSON
and renders the same years later. Tuples, NumPy arrays and scalars given to a block are turned into lists and Python
numbers on construction; any other value (a date, a Decimal) is refused there, not when freezing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

SCHEMA = 1
FIGURE_KINDS = ("choropleth", "hexmap", "heatmap", "trend", "bars")


class DocumentError(ValueError):
    """A document or block that cannot be frozen as JSON or read back."""


def plain(value: Any, where: str = "value") -> Any:
    """`value` as JSON-plain data: dict (str keys), list, str, int, float (finite), bool or None."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DocumentError(f"{where}: {value} is not a finite number")
        return float(value)
    if isinstance(value, dict):
        return {_key(k, where): plain(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if hasattr(value, "tolist") and hasattr(value, "dtype"):  # a NumPy array or scalar
        return plain(value.tolist(), where)
    raise DocumentError(f"{where}: {type(value).__name__} is not plain JSON data")


def _key(key: Any, where: str) -> str:
    if not isinstance(key, str):
        raise DocumentError(f"{where}: key {key!r} is not a string")
    return key


@dataclass
class Paragraph:
    """Plain text; a blank line ("\\n\\n") separates paragraphs, a single newline breaks the line."""

    text: str
    type: ClassVar[str] = "paragraph"

    def to_dict(self) -> dict:
        return {"type": self.type, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict) -> Paragraph:
        return cls(text=d["text"])


@dataclass
class KeyFigure:
    """One headline number: "Händelser 1 234", with its unit ("%", "per 1 000 inv.") and an optional note."""

    label: str
    value: float | int | None
    decimals: int = 0
    unit: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        self.value = plain(self.value, f"key figure {self.label!r}")

    def to_dict(self) -> dict:
        return {"label": self.label, "value": self.value, "decimals": self.decimals, "unit": self.unit,
                "note": self.note}


@dataclass
class KeyFigures:
    items: list[KeyFigure]
    type: ClassVar[str] = "key_figures"

    def to_dict(self) -> dict:
        return {"type": self.type, "items": [item.to_dict() for item in self.items]}

    @classmethod
    def from_dict(cls, d: dict) -> KeyFigures:
        return cls(items=[KeyFigure(**item) for item in d["items"]])


@dataclass
class Table:
    """Rows of cells; numbers stay numbers (renderers format them with the column's `decimals`)."""

    columns: list[str]
    rows: list[list[str | int | float | None]]
    decimals: list[int] | None = None
    caption: str = ""
    source: str = ""
    type: ClassVar[str] = "table"

    def __post_init__(self) -> None:
        self.rows = plain(self.rows, f"table {self.caption!r}")
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise DocumentError(f"table {self.caption!r} row {i}: {len(row)} cells for {len(self.columns)} columns")
        if self.decimals is not None and len(self.decimals) != len(self.columns):
            raise DocumentError(f"table {self.caption!r}: {len(self.decimals)} decimals, {len(self.columns)} columns")

    def column_decimals(self, index: int) -> int:
        return self.decimals[index] if self.decimals else 0

    def to_dict(self) -> dict:
        return {"type": self.type, "columns": list(self.columns), "rows": self.rows, "decimals": self.decimals,
                "caption": self.caption, "source": self.source}

    @classmethod
    def from_dict(cls, d: dict) -> Table:
        return cls(columns=d["columns"], rows=d["rows"], decimals=d.get("decimals"), caption=d.get("caption", ""),
                   source=d.get("source", ""))


@dataclass
class Figure:
    """A chart or map; `kind` is one of FIGURE_KINDS and `data` its input (see publishing.figures)."""

    kind: str
    data: dict
    caption: str = ""
    source: str = ""
    alt: str = ""
    type: ClassVar[str] = "figure"

    def __post_init__(self) -> None:
        if self.kind not in FIGURE_KINDS:
            raise DocumentError(f"figure kind {self.kind!r} is not one of {', '.join(FIGURE_KINDS)}")
        self.data = plain(self.data, f"figure {self.kind}")

    def to_dict(self) -> dict:
        return {"type": self.type, "kind": self.kind, "data": self.data, "caption": self.caption,
                "source": self.source, "alt": self.alt}

    @classmethod
    def from_dict(cls, d: dict) -> Figure:
        return cls(kind=d["kind"], data=d["data"], caption=d.get("caption", ""), source=d.get("source", ""),
                   alt=d.get("alt", ""))


Block = Paragraph | KeyFigures | Table | Figure
BLOCK_TYPES: dict[str, type[Block]] = {cls.type: cls for cls in (Paragraph, KeyFigures, Table, Figure)}


@dataclass
class Section:
    key: str
    heading: str
    blocks: list[Block] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"key": self.key, "heading": self.heading, "blocks": [block.to_dict() for block in self.blocks]}

    @classmethod
    def from_dict(cls, d: dict) -> Section:
        blocks = []
        for block in d["blocks"]:
            if block.get("type") not in BLOCK_TYPES:
                raise DocumentError(f"section {d['key']!r}: unknown block type {block.get('type')!r}")
            blocks.append(BLOCK_TYPES[block["type"]].from_dict(block))
        return cls(key=d["key"], heading=d["heading"], blocks=blocks)


@dataclass
class Document:
    """`meta` is (label, value) pairs shown under the title: [("Område", "Grannstad"), ("Period", "…")]."""

    title: str
    subtitle: str = ""
    language: str = "sv"
    meta: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: str = ""

    def __post_init__(self) -> None:
        self.meta = [(str(label), str(value)) for label, value in self.meta]

    def figures(self) -> list[Figure]:
        return [block for section in self.sections for block in section.blocks if isinstance(block, Figure)]

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "title": self.title, "subtitle": self.subtitle, "language": self.language,
                "meta": [[label, value] for label, value in self.meta],
                "sections": [section.to_dict() for section in self.sections], "footer": self.footer}

    @classmethod
    def from_dict(cls, d: dict) -> Document:
        if d.get("schema", SCHEMA) != SCHEMA:
            raise DocumentError(f"document schema {d.get('schema')} is not {SCHEMA}")
        return cls(title=d["title"], subtitle=d.get("subtitle", ""), language=d.get("language", "sv"),
                   meta=[tuple(pair) for pair in d.get("meta", [])],
                   sections=[Section.from_dict(s) for s in d.get("sections", [])], footer=d.get("footer", ""))
