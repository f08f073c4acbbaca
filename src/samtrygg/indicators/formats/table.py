"""Any CSV or XLSX table of indicator values, e.g. a municipality's own trygghetsmätning per area.

Columns are found by their names, in Swedish or English, case and spaces ignored:
    indikator | indicator | nyckeltal | mått | fråga          required: the series (its name)
    område | area | plats | stadsdel                           one of these two is required: an area of the
    kommun | kommunkod | region | regionkod | län              importing organisation (by name), or a region
    period | år | year | tid                                   required ("2025", "2025-03", "2025H1", "2025Q2")
    värde | value | andel | resultat                           required (decimal comma or point; ".." or "-"
                                                                   for a missing value)
    kön | gender | sex                                          optional (Totalt/Kvinnor/Män, T/K/M)
    enhet | unit                                                optional (e.g. "procent")
    antal | count | n                                           optional (a whole number, e.g. respondents)
    beskrivning | description                                   optional
    Andel som känner sig otrygga;Torget;2025;31,5              <- e.g. (indikator;område;år;värde)
Areas are matched to names later, by the service, among the importing organisation's areas. Columns the header
names but no kind above matches, and cells right of the header, are not read: Parsed.warnings lists them. A cell
holding a control character, or a period before 1900 or more than a year ahead, is an error.
"""

import io
import re
from typing import NoReturn

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.lib import tabular

from .. import periods, regions
from .base import (
    OWN,
    FormatError,
    Parsed,
    Row,
    SeriesInfo,
    check_cells,
    check_period,
    gender,
    number,
    table_error,
    unread_columns,
    where,
    whole,
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indikator", "indicator", "nyckeltal", "mått", "matt", "fråga", "fraga", "serie", "series"),
    "area": ("område", "omrade", "area", "plats", "stadsdel", "kommundel", "delområde"),
    "region": ("kommun", "kommunkod", "region", "regionkod", "län", "lan", "municipality"),
    "period": ("period", "år", "ar", "year", "tid", "mätperiod", "matperiod"),
    "value": ("värde", "varde", "value", "andel", "resultat"),
    "gender": ("kön", "kon", "gender", "sex"),
    "unit": ("enhet", "unit"),
    "count": ("antal", "count", "n", "antalsvar", "svarande"),
    "description": ("beskrivning", "description"),
}
_NORMALISE = re.compile(r"[\s._\-()/]+")


def mapping(header: list[str]) -> dict[str, int]:
    """{column kind: index} found from the header's names."""
    names = [_NORMALISE.sub("", h.strip().lower()) for h in header]
    found: dict[str, int] = {}
    for kind, synonyms in COLUMNS.items():
        for i, name in enumerate(names):
            if name in synonyms and i not in found.values():
                found[kind] = i
                break
    return found


def looks_like(header: list[str]) -> bool:
    """Whether a header names this format's required columns."""
    found = mapping(header)
    return {"indicator", "period", "value"} <= set(found) and bool({"area", "region"} & set(found))


def parse(data: bytes, file: str) -> Parsed:
    try:
        table = tabular.read_table(io.BytesIO(data), file)
    except tabular.TableError as exc:
        raise table_error(file, exc) from None
    col = mapping(table.header)
    for kind, label in (("indicator", "indikator"), ("period", "period"), ("value", "värde")):
        if kind not in col:
            raise FormatError(file, 1, label, _("no column named %(name)s (or %(other)s).")
                              % {"name": label, "other": COLUMNS[kind][1]})
    if "area" not in col and "region" not in col:
        raise FormatError(file, 1, "område", _("no column named område (area) or kommun (kommunkod)."))
    parsed = Parsed(file=file, format="tabell", source=OWN)
    check_cells(file, 1, table.header, table.header)
    try:
        for line, cells in table.rows:
            check_cells(file, line, table.header, cells)
            _row(parsed, table.header, col, line, cells + [""] * (len(table.header) - len(cells)), file)
    except tabular.TableError as exc:
        raise table_error(file, exc) from None
    if unread := unread_columns(table.header, set(col.values())):
        parsed.warnings.append(_("%(file)s: the columns %(columns)s were not read (their names match no field: "
                                 "indikator, område, kommun, period, värde, kön, enhet, antal, beskrivning).")
                               % {"file": file, "columns": ", ".join(unread[:20])})
    if rows := table.overflow.rows:
        parsed.warnings.append(ngettext(
            "%(file)s: %(count)s row has values right of the last named column (%(row)s); they were not read.",
            "%(file)s: %(count)s rows have values right of the last named column (the first on %(row)s); they were "
            "not read.", rows) % {"file": file, "count": rows, "row": where(parsed.unit, table.overflow.first)})
    return parsed


def _row(parsed: Parsed, header: list[str], col: dict[str, int], line: int, cells: list[str], file: str) -> None:
    def cell(kind: str) -> str:
        return cells[col[kind]].strip() if kind in col else ""

    def fail(kind: str, reason: str) -> NoReturn:
        raise FormatError(file, line, header[col[kind]].strip(), reason)

    name = " ".join(cell("indicator").split())
    if not name:
        fail("indicator", _("the indicator is missing."))
    area = cell("area")
    region = cell("region")
    code = ""
    if area:
        region = ""
    elif region:
        code = regions.from_text(region)
        if code is None:
            fail("region", _("“%(value)s” is no kommun, län or Riket.") % {"value": region[:60]})
    else:
        fail("area" if "area" in col else "region", _("the area (or kommun) is missing."))
    try:
        period = periods.parse(cell("period"))
    except ValueError:
        fail("period", _("“%(value)s” is not a period (write e.g. 2025, 2025-03 or 2025H1).")
             % {"value": cell("period")[:30]})
    check_period(period, file, line, header[col["period"]].strip())
    try:
        value = number(cell("value"))
    except ValueError:
        fail("value", _("“%(value)s” is not a number.") % {"value": cell("value")[:30]})
    sex = gender(cell("gender"))
    if sex is None:
        fail("gender", _("“%(value)s” is not Totalt, Kvinnor or Män (T, K, M).") % {"value": cell("gender")[:20]})
    try:
        count = whole(cell("count"))
    except ValueError:
        fail("count", _("“%(value)s” is not a whole number.") % {"value": cell("count")[:30]})
    series = name[:100]
    info = parsed.series.setdefault(series, SeriesInfo(OWN, series, name[:300]))
    info.unit = info.unit or cell("unit")[:50]
    info.description = info.description or cell("description")
    parsed.rows.append(Row(
        line=line, series=series, period=period.label, period_start=period.start, value=value, gender=sex,
        region_code=code, area_name=area, count=count, field=header[col["area" if area else "region"]].strip(),
    ))
