"""The few fixed words renderers put around a document's own text, in Swedish and English, and the notes built
from them: "Källa: Kolada", "Figur 2. …", "Sida 3 av 9"."""

from samtrygg.publishing.formatting import NBSP, format_number

WORDS = {
    "sv": {"source": "Källa", "figure": "Figur", "table": "Tabell", "page": "Sida {page} av {pages}",
           "page_word": "Sida", "of": "av"},
    "en": {"source": "Source", "figure": "Figure", "table": "Table", "page": "Page {page} of {pages}",
           "page_word": "Page", "of": "of"},
}


def words(language: str) -> dict[str, str]:
    return WORDS["sv" if language.lower().startswith("sv") else "en"]


def source_note(source: str, language: str) -> str:
    """"Källa: Kolada" — the prefix is not doubled when the source already starts with it."""
    prefix = words(language)["source"]
    if not source or source.lower().startswith(prefix.lower()):
        return source
    return f"{prefix}: {source}"


def numbered(kind: str, number: int, caption: str, language: str) -> str:
    """"Figur 2. Händelser per månad" (kind "figure" or "table")."""
    label = f"{words(language)[kind]}{NBSP}{number}."
    return f"{label} {caption}" if caption else label


def page_of(page: int, pages: int, language: str) -> str:
    return words(language)["page"].format(page=page, pages=pages)


def value_with_unit(value: float | int | None, decimals: int, unit: str, language: str) -> str:
    """"1 234", "12,5 %" (a no-break space before the unit in Swedish; "%" tight in English), "4,2 per 1 000 inv.";
    a missing value is "–" alone."""
    text = format_number(value, decimals, language)
    if not unit or value is None:
        return text
    if unit == "%" and not language.lower().startswith("sv"):
        return text + unit
    return f"{text}{NBSP}{unit}"
