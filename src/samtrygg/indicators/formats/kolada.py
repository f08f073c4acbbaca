"""Kolada's open API (https://api.kolada.se/v3, also v2: the same shape), saved as a file or fetched page by page.

Data (/v3/data/kpi/N07403/municipality/0180/year/2023 and every other /data/ form):
    {"count": 2, "next_url": null, "values": [
        {"kpi": "N07403", "municipality": "0180", "period": 2023,
         "values": [{"gender": "T", "count": 1, "status": "", "value": 56.2, "isdeleted": false}, ...]}]}
"municipality" is a kommunkod, "0000" for riket or "00" + länskod for a län (regions.from_kolada), or a
municipality group ("G…", skipped and reported: no place of ours); "period" a
year; "value" may be null (no value published: stored as a missing value); a value marked "isdeleted" is left
out. Metadata (/v3/kpi/N07403, or a saved copy): {"values": [{"id": "N07403", "title": ..., "description": ...}]}
names the series; without it a series is named by its id. Errors name the record ("post N", counted over all
pages from 1) and the key.
"""

import re
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

from django.utils.translation import gettext as _

from samtrygg.lib import safe_read

from .. import periods, regions
from .base import (
    KOLADA,
    MAX_COUNT,
    RECORD,
    TOTAL,
    FormatError,
    Parsed,
    Row,
    SeriesInfo,
    check_period,
    check_text,
    unreadable,
)

GENDERS = {"T", "K", "M"}
_DATA_PATH = re.compile(r"^(?P<root>.*?/v\d+)/data/kpi/(?P<kpis>[A-Za-z0-9,]+)(?:/|$)")


def load_json(data: bytes, file: str):
    """The JSON document in `data` (read by lib/safe_read: UTF-8, nesting and numbers checked); FormatError when
    it is none."""
    try:
        return safe_read.load_json(data)
    except safe_read.UnsafeInput as exc:
        if exc.code == "encoding":
            raise FormatError(file, exc.line, "", _("the data is not UTF-8 text.")) from None
        raise FormatError(file, exc.line if exc.code == "json" else None, "", unreadable(exc)) from None


def is_data(doc) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("values"), list)


def pages_of(doc) -> list | None:
    """The pages of a saved answer: one page (a JSON object), or a list of pages saved one after another; None for
    anything else."""
    if is_data(doc):
        return [doc]
    if isinstance(doc, list) and doc and all(is_data(page) for page in doc):
        return doc
    return None


def is_metadata(doc) -> bool:
    """A KPI metadata answer (or a list of its pages): records with "id" and "title", none with "kpi"."""
    if isinstance(doc, list):
        return bool(doc) and all(is_metadata(page) for page in doc)
    values = doc.get("values") if isinstance(doc, dict) else None
    return bool(values) and all(isinstance(v, dict) and "id" in v and "title" in v and "kpi" not in v
                                for v in values)


def next_page(doc) -> str | None:
    """The next page's URL (v3 "next_url", v2 "next_page"), when the answer has one."""
    if not isinstance(doc, dict):
        return None
    url = doc.get("next_url") or doc.get("next_page")
    return url if isinstance(url, str) and url else None


def metadata_url(data_url: str) -> str | None:
    """The metadata URL of the KPIs of a data URL: .../v3/data/kpi/N07403/... -> .../v3/kpi/N07403."""
    parts = urlsplit(data_url)
    m = _DATA_PATH.match(parts.path)
    if not m:
        return None
    return urlunsplit((parts.scheme, parts.netloc, f"{m['root']}/kpi/{m['kpis']}", "", ""))


def series_from_metadata(doc, file: str) -> dict[str, SeriesInfo]:
    """{kpi id: SeriesInfo} from a metadata answer (one page, or a list of pages): the title, the description, the
    unit the title ends with ("…, %", "…, antal", "…, kr/inv") and Kolada's operating_area, is_divided_by_gender,
    has_ou_data and municipality_type."""
    found = {}
    records = [record for page in (doc if isinstance(doc, list) else [doc]) for record in page["values"]]
    for number, record in enumerate(records, start=1):
        kpi, title = (record.get("id"), record.get("title")) if isinstance(record, dict) else (None, None)
        if not isinstance(kpi, str) or not kpi.strip() or not isinstance(title, str):
            raise FormatError(file, number, "id", _("a KPI record needs a text id and title."), unit=RECORD)
        description = record.get("description")
        for name, text in (("id", kpi), ("title", title), ("description", description)):
            if isinstance(text, str):
                check_text(file, number, name, text, unit=RECORD)
        for name in ("operating_area", "municipality_type"):
            if isinstance(record.get(name), str):
                check_text(file, number, name, record[name], unit=RECORD)
        title = " ".join(title.split())
        found[kpi.strip()] = SeriesInfo(
            KOLADA, kpi.strip(), title[:300], unit=_unit(title),
            description=description if isinstance(description, str) else "",
            operating_area=_text(record.get("operating_area"))[:100],
            divided_by_gender=_flag(record.get("is_divided_by_gender")),
            has_ou_data=_flag(record.get("has_ou_data")),
            municipality_type=_text(record.get("municipality_type"))[:10],
        )
    return found


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _flag(value) -> bool | None:
    """Kolada writes its flags as true/false or 1/0; None when the answer has none."""
    return bool(value) if isinstance(value, bool | int) else None


def _unit(title: str) -> str:
    """The unit a KPI's title ends with: "Andel ... som känner sig otrygga, %" -> "%"; "" when none."""
    head, _sep, last = title.rpartition(",")
    last = last.strip()
    return last if head and last and len(last) <= 20 and not last[:1].isupper() else ""


def parse(pages: list, file: str, metadata: dict[str, SeriesInfo] | None = None) -> Parsed:
    """The values of the data pages (each a decoded JSON document), named by `metadata` where it has the KPI."""
    parsed = Parsed(file=file, format="kolada", source=KOLADA, unit=RECORD)
    number = 0
    for doc in pages:
        if not is_data(doc):
            raise FormatError(file, None, "values", _('not a Kolada answer: no list of "values".'))
        for record in doc["values"]:
            number += 1
            _record(parsed, number, record, file)
    for kpi in sorted({row.series for row in parsed.rows}):
        parsed.series[kpi] = (metadata or {}).get(kpi) or SeriesInfo(KOLADA, kpi)
    return parsed


def unread_pages(pages: list, file: str) -> list[str]:
    """Warnings for a saved answer whose last page points to a next page that is not in the file."""
    url = next_page(pages[-1]) if pages else None
    if not url:
        return []
    return [_("%(file)s: Kolada's answer has more pages than the file holds (next_url %(url)s); only the %(count)s "
              "saved were read. Save every page, or import the URL.") % {"file": file, "url": url[:100],
                                                                        "count": len(pages)}]


def _record(parsed: Parsed, number: int, record, file: str) -> None:
    def fail(field: str, reason: str) -> NoReturn:
        raise FormatError(file, number, field, reason, unit=RECORD)

    if not isinstance(record, dict):
        fail("", _("a record must be a JSON object."))
    if "ou" in record and "municipality" not in record:
        fail("ou", _("Kolada's values for organisational units are not supported; fetch "
                     "/data/kpi/…/municipality/…."))
    kpi = record.get("kpi")
    if not isinstance(kpi, str) or not re.fullmatch(r"[A-Za-z0-9_]{1,100}", kpi.strip()):
        fail("kpi", _("“%(value)s” is not a KPI id.") % {"value": str(kpi)[:40]})
    place = record.get("municipality")
    if isinstance(place, str) and re.fullmatch(r"G\d+", place.strip()):
        parsed.skipped.append((number, place.strip()))  # a municipality group (kommungrupp): no place of ours
        return
    code = regions.from_kolada(place) if isinstance(place, str) else None
    if code is None:
        fail("municipality", _("“%(value)s” is not a kommun, län (00nn) or riket (0000).")
             % {"value": str(place)[:40]})
    period_text = record.get("period")
    try:
        if isinstance(period_text, bool) or not isinstance(period_text, int | str):
            raise ValueError(period_text)
        period = periods.parse(str(period_text))
    except ValueError:
        fail("period", _("“%(value)s” is not a year.") % {"value": str(period_text)[:40]})
    check_period(period, file, number, "period", unit=RECORD)
    values = record.get("values")
    if not isinstance(values, list):
        fail("values", _("must be a list of values by gender."))
    for value in values:
        if not isinstance(value, dict):
            fail("values", _("every value must be a JSON object."))
        if value.get("isdeleted") is True:
            continue
        gender = value.get("gender", TOTAL)
        if not isinstance(gender, str) or gender not in GENDERS:
            fail("values.gender", _("“%(value)s” is not T, K or M.") % {"value": str(gender)[:10]})
        amount = value.get("value")
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int | float)
                                   or not abs(amount) < 1e300):
            fail("values.value", _("“%(value)s” is not a number.") % {"value": str(amount)[:40]})
        count = value.get("count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int | float)
                                  or not 0 <= count < MAX_COUNT or not float(count).is_integer()):
            fail("values.count", _("“%(value)s” is not a whole number.") % {"value": str(count)[:40]})
        parsed.rows.append(Row(
            line=number, series=kpi.strip(), period=period.label, period_start=period.start,
            value=None if amount is None else float(amount), gender=gender, region_code=code,
            count=None if count is None else int(count), field="municipality",
        ))
