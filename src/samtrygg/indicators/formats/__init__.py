"""Indicator files in, parsed rows out: one module per format, plain Python (no Django, no database).

    parsed = load("https://api.kolada.se/v3/data/kpi/N07403/year/2023")   # or a file; format detected
    parsed = load("brott.csv", "bra")

Detection (format "auto"): JSON with a list of "values" -> kolada; a first line starting "Region;Brott;" -> bra
(the databasfil); a header naming indikator, period, värde and område/kommun -> table; anything else -> bra's
yearly table. Every problem raises FormatError naming file, line (or record) and field; so does an empty file and
one without a single value (only a header). What a file holds that is not read is listed in Parsed.warnings.
Messages are translated (Django's gettext, in the active language): set Django up before reading a file.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.lib import tabular

from . import bra, fetch, kolada, table
from .base import BRA, KOLADA, OWN, FormatError, Parsed, Row, SeriesInfo

FORMATS = ("auto", "kolada", "bra", "table")
MAX_PAGES = 1000

__all__ = ["BRA", "FORMATS", "KOLADA", "OWN", "FormatError", "Parsed", "Row", "SeriesInfo", "detect", "load",
           "parse"]


def detect(data: bytes, file: str) -> str:
    """"kolada", "bra" or "table" for the bytes of a file (see the module's docstring)."""
    start = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"{", b"[")):
        return "kolada"
    if bra.is_databasfil(data, file):
        return "bra"
    try:
        header = tabular.read_table(io.BytesIO(data), file).header
    except tabular.TableError:
        return "bra"
    return "table" if table.looks_like(header) else "bra"


def parse(data: bytes, file: str, format: str = "auto") -> Parsed:
    """The rows of one file's bytes (a Kolada file is one page; load() follows a URL's further pages)."""
    if not data.strip():
        raise FormatError(file, None, "", _("the file is empty."))
    kind = detect(data, file) if format == "auto" else format
    if kind == "kolada":
        doc = kolada.load_json(data, file)
        if kolada.is_metadata(doc):
            raise FormatError(file, None, "values", _metadata_not_data())
        pages = kolada.pages_of(doc) or [doc]
        parsed = kolada.parse(pages, file)
        parsed.warnings += kolada.unread_pages(pages, file)
        return _some_values(parsed)
    if kind == "bra":
        reader = bra.parse_databasfil if bra.is_databasfil(data, file) else bra.parse_yearly
        return _some_values(reader(data, file))
    if kind == "table":
        return _some_values(table.parse(data, file))
    raise ValueError(f"unknown format {format!r}")


def _some_values(parsed: Parsed) -> Parsed:
    """The parsed file, or FormatError when it holds no value at all (only a header, or only totals we skip)."""
    if not parsed.rows:
        if parsed.skipped:
            count = len(parsed.skipped)
            reason = ngettext("the file holds no values to import (%(count)s row of totals that is no kommun, län or "
                              "riket).",
                              "the file holds no values to import (%(count)s rows of totals that are no kommun, län "
                              "or riket).", count) % {"count": count}
        else:
            reason = _("the file holds no values to import.")
        raise FormatError(parsed.file, None, "", reason)
    return parsed


def _metadata_not_data() -> str:
    return _("this is KPI metadata (names), not data: give it as metadata.")


def load(source: str, format: str = "auto", *, metadata: str | None = None) -> Parsed:
    """The rows of a file or an http(s) URL. A Kolada URL's further pages (next_url) are fetched too, and its KPIs'
    names from the metadata endpoint (best effort: a series is named by its id when that fails); `metadata`, a
    file or URL of a KPI metadata answer, names them instead."""
    data = fetch.read(source)
    if not data.strip():
        raise FormatError(source, None, "", _("the file is empty."))
    kind = detect(data, source) if format == "auto" else format
    if kind != "kolada":
        return parse(data, source, kind)
    doc = kolada.load_json(data, source)
    if kolada.is_metadata(doc):
        raise FormatError(source, None, "values", _metadata_not_data())
    pages = kolada.pages_of(doc) or [doc]
    url = kolada.next_page(pages[-1]) if fetch.is_url(source) else None
    while url:
        if len(pages) >= MAX_PAGES or not fetch.is_url(url):
            raise FormatError(source, None, "next_url", _("stopped at page %(page)s: %(url)s")
                              % {"page": len(pages) + 1, "url": url[:100]})
        pages.append(kolada.load_json(fetch.read(url), url))
        url = kolada.next_page(pages[-1])
    names = None
    if metadata:
        doc = kolada.load_json(fetch.read(metadata), metadata)
        if not kolada.is_metadata(doc):
            raise FormatError(metadata, None, "values", _("not KPI metadata: no list of records with id and title."))
        names = kolada.series_from_metadata(doc, metadata)
    elif fetch.is_url(source) and (meta_url := kolada.metadata_url(source)):
        try:
            names = _metadata_pages(meta_url)
        except FormatError:
            names = None
    parsed = kolada.parse(pages, source, names)
    if not fetch.is_url(source):
        parsed.warnings += kolada.unread_pages(pages, source)
    return _some_values(parsed)


def _metadata_pages(url: str) -> dict[str, SeriesInfo] | None:
    """The KPI metadata at a URL, every page of it (next_url); None when the answer is no metadata."""
    pages, first = [], url
    while url and len(pages) < MAX_PAGES and fetch.is_url(url):
        doc = kolada.load_json(fetch.read(url), url)
        if not kolada.is_metadata(doc):
            return None
        pages.append(doc)
        url = kolada.next_page(doc)
    return kolada.series_from_metadata(pages, first) if pages else None

