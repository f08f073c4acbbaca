"""Brå's statistics on reported crimes (anmälda brott), in two layouts.

1. The monthly "databasfil": semicolon-separated, UTF-8 or Latin-1/cp1252 (detected), the header exactly
   `Region;Brott;År;Period;Antal;/100 000 inv`. Region: "Stockholm", "Stockholms kommun", "0180 Stockholm",
   "Stockholms län" or "Riket" (regions.from_text). Period: a month ("Januari", "jan"), a run of months
   ("Jan-mar", "Januari–juni"), "Kvartal 2", "Halvår 1" or "Helår". Antal with spaces or no-break spaces between
   thousands; "/100 000 inv" with a decimal comma; ".." or "-" mark a missing value. Each crime (Brott) is a series;
   a value is the rate per 100 000 inhabitants and its count is Antal.

2. A yearly table ("Anmälda brott per kommun"), CSV or XLSX (first sheet):
       Anmälda brott per kommun 2024, antal           <- title rows: one filled cell each (any number, or none)
       Kommun;Samtliga brott;Stöld;Skadegörelse        <- the header: the first row with two or more cells
       Stockholm;123 456;45 678;9 876                  <- a region, then one number per column
       Källa: Brå                                      <- a row with only its first cell is a note, skipped
   The first column is the region (a second column of names after a column of codes is skipped). The other
   columns are either all periods ("2023", "2024": one series, named by the first title row, else the sheet's
   name, else the file's) or crime types (one series each; the period is the one year written in the title).
   When the title or header says "100 000" the numbers are rates (the value), otherwise counts (Antal): a
   re-import of one kind leaves the other kind of an existing value as it was.

Both are read within the caps of lib/safe_read (an XLSX through tabular.open_workbook, which checks its ZIP
container first); a cell holding a control character, a period before 1900 or more than a year ahead, and a value
right of the databasfil's six columns are errors; values in a yearly table's columns without a name are not read
and reported in Parsed.warnings.
"""

import csv
import io
import re
from pathlib import Path

from django.utils.translation import gettext as _

from samtrygg.lib import safe_read, tabular

from .. import periods, regions
from .base import (
    BRA,
    FormatError,
    Parsed,
    Row,
    SeriesInfo,
    check_cells,
    check_period,
    column,
    number,
    table_error,
    where,
    whole,
)

HEADER = ["Region", "Brott", "År", "Period", "Antal", "/100 000 inv"]
UNIT = "anmälda brott per 100 000 invånare (antal anmälda brott som antal)"
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
_MONTH = {name: i for i, name in enumerate(MONTHS, start=1)} | {name[:3]: i for i, name in enumerate(MONTHS, 1)}
_MONTH["okt"] = 10
_WHOLE_YEAR = {"helår", "hela året", "år", "året", "jan-dec", "januari-december", "totalt"}
_SPAN = re.compile(r"([a-zåäö]+)\.?\s*[-–—]\s*([a-zåäö]+)\.?")
_NUMBERED = re.compile(r"(kvartal|kv|halvår|h)\s*\.?\s*([1-4])")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_REGION_NAMES = {"kommun", "kommunnamn", "region", "regionnamn", "namn", "län", "område", "lan", "omrade"}
_CODE_HEADERS = {"kommunkod", "kod", "regionkod", "länskod", "lanskod"}


def is_databasfil(first_line: str) -> bool:
    return first_line.lstrip("\ufeff").replace(" ", "").lower().startswith("region;brott;")


# --- 1. the monthly databasfil -----------------------------------------------------------------------------------

def bra_period(year_text: str, text: str) -> periods.Period:
    """Brå's År and Period as one period; ValueError when either cannot be read."""
    year = int(year_text.strip())
    key = " ".join(text.strip().lower().split())
    if key in _WHOLE_YEAR:
        return periods.months(year, 1, 12)
    if key.rstrip(".") in _MONTH:
        month = _MONTH[key.rstrip(".")]
        return periods.months(year, month, month)
    if m := _SPAN.fullmatch(key):
        return periods.months(year, _MONTH[m.group(1)], _MONTH[m.group(2)])  # KeyError is a ValueError's kin
    if m := _NUMBERED.fullmatch(key):
        n = int(m.group(2))
        if m.group(1).startswith("k"):
            return periods.months(year, 3 * n - 2, 3 * n)
        if n <= 2:
            return periods.months(year, 6 * n - 5, 6 * n)
    raise ValueError(text)


def parse_databasfil(data: bytes, file: str) -> Parsed:
    try:
        table = tabular.read_table(io.BytesIO(data), file)
    except tabular.TableError as exc:
        raise table_error(file, exc) from None
    header = [h.strip() for h in table.header]
    if [h.lower() for h in header] != [h.lower() for h in HEADER]:
        raise FormatError(file, 1, "", _("the header must be exactly %(expected)s, not %(found)s.")
                          % {"expected": ";".join(HEADER), "found": ";".join(header)[:200]})
    parsed = Parsed(file=file, format="bra", source=BRA)
    try:
        for line, cells in table.rows:
            check_cells(file, line, HEADER, cells)
            if any(c.strip() for c in cells[6:]):
                raise FormatError(file, line, column(7 + next(j for j, c in enumerate(cells[6:]) if c.strip())),
                                  _("a value to the right of the six columns of the databasfil, which is not "
                                    "read."))
            _databasfil_row(parsed, line, (cells + [""] * 6)[:6], file)
    except tabular.TableError as exc:
        raise table_error(file, exc) from None
    return parsed


def _databasfil_row(parsed: Parsed, line: int, cells: list[str], file: str) -> None:
    region, crime, year, period_text, count_text, rate_text = (c.strip() for c in cells)
    if regions.is_other_aggregate(region):
        parsed.skipped.append((line, region))
        return
    code = regions.from_text(region)
    if code is None:
        raise FormatError(file, line, "Region", _no_region(region))
    if not crime:
        raise FormatError(file, line, "Brott", _("the crime is missing."))
    if not re.fullmatch(r"\d{4}", year):
        raise FormatError(file, line, "År", _("“%(value)s” is not a year.") % {"value": year[:20]})
    try:
        period = bra_period(year, period_text)
    except (ValueError, KeyError):
        raise FormatError(file, line, "Period", _("“%(value)s” is not a month, a run of months (Jan-mar) or Helår.")
                          % {"value": period_text[:30]}) from None
    check_period(period, file, line, "År")
    try:
        count = whole(count_text)
    except ValueError:
        raise FormatError(file, line, "Antal", _not_whole(count_text)) from None
    try:
        rate = number(rate_text)
    except ValueError:
        raise FormatError(file, line, "/100 000 inv", _not_number(rate_text)) from None
    series = crime[:100]
    parsed.series.setdefault(series, SeriesInfo(BRA, series, crime[:300], unit=UNIT))
    parsed.rows.append(Row(line=line, series=series, period=period.label, period_start=period.start, value=rate,
                           region_code=code, count=count, field="Region"))


def _no_region(text: str) -> str:
    return _("“%(value)s” is no kommun, län or Riket.") % {"value": text[:60]}


def _not_number(text: str) -> str:
    return _("“%(value)s” is not a number.") % {"value": text[:30]}


def _not_whole(text: str) -> str:
    return _("“%(value)s” is not a whole number.") % {"value": text[:30]}


# --- 2. the yearly table -------------------------------------------------------------------------------------------

def raw_rows(data: bytes, file: str) -> tuple[list[tuple[int, list[str]]], str]:
    """Every row of a CSV file or of an XLSX workbook's first sheet, numbered from 1, with the sheet's name ("" for
    CSV). Unlike tabular.read_table no row is taken as the header: title rows come first in these tables. The caps
    of lib/safe_read apply (these tables are small: a row per kommun)."""
    try:
        if tabular.detect_format(data[:64], file) == tabular.XLSX:
            workbook = tabular.open_workbook(data)
            title = workbook.worksheets[0].title
            return list(safe_read.capped_rows(tabular.xlsx_rows(workbook))), title
        tabular.check_text(data[: tabular.SAMPLE_BYTES])
    except tabular.TableError as exc:
        raise table_error(file, exc) from None
    except safe_read.UnsafeInput as exc:
        raise table_error(file, exc) from None
    encoding = tabular.detect_encoding(data[: tabular.SAMPLE_BYTES])
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise FormatError(file, None, "", _("the file's characters cannot be read (save it as UTF-8).")) from None
    lines = text.splitlines()
    delimiter = max(tabular.DELIMITERS, key=lambda d: sum(line.count(d) for line in lines[:30]))
    try:
        rows = [(n, [c.strip() for c in cells]) for n, cells in enumerate(csv.reader(lines, delimiter=delimiter), 1)]
        return list(safe_read.capped_rows(iter(rows))), ""
    except csv.Error as exc:
        raise FormatError(file, None, "", _("the file is not a readable CSV file (%(detail)s).")
                          % {"detail": exc}) from None
    except safe_read.UnsafeInput as exc:
        raise table_error(file, exc) from None


def parse_yearly(data: bytes, file: str) -> Parsed:
    rows, sheet = raw_rows(data, file)
    titles: list[str] = []
    header_at = None
    for i, (_line, cells) in enumerate(rows):
        filled = [c for c in cells if c]
        if len(filled) >= 2:
            header_at = i
            break
        if filled:
            titles.append(filled[0])
    if header_at is None:
        raise FormatError(file, None, "", _("no header row (a region column and at least one more column) found."))
    header_line, header = rows[header_at]
    first = 2 if header[0].strip().lower() in _CODE_HEADERS and len(header) > 2 and \
        header[1].strip().lower() in _REGION_NAMES else 1
    columns = [(j, h.strip()) for j, h in enumerate(header) if j >= first and h.strip()]
    if not columns:
        raise FormatError(file, header_line, "", _("the header names no column after the region."))
    heading = " ".join(titles + [h for _, h in columns]).replace("\u00a0", " ")
    rates = "100 000" in heading or "100000" in heading
    as_periods = _column_periods(columns)
    if as_periods is not None:
        name = (titles[0] if titles else sheet or Path(file).stem).strip()
        series = {name[:100]: SeriesInfo(BRA, name[:100], name[:300], unit=UNIT)}
        cell_series = {j: (name[:100], p) for j, p in as_periods.items()}
    else:
        years = {m.group(1) for title in titles + [sheet] for m in _YEAR_IN_TEXT.finditer(title)}
        if len(years) != 1:
            found = (_("the columns are crime types, so the title must name exactly one year (found %(years)s).")
                     % {"years": ", ".join(sorted(years))} if years else
                     _("the columns are crime types, so the title must name exactly one year (found none)."))
            raise FormatError(file, header_line, header[columns[0][0]], found)
        period = check_period(periods.parse(years.pop()), file, header_line, header[columns[0][0]])
        series = {h[:100]: SeriesInfo(BRA, h[:100], h[:300], unit=UNIT) for _, h in columns}
        cell_series = {j: (h[:100], period) for j, h in columns}
    for j, period in (as_periods or {}).items():
        check_period(period, file, header_line, header[j].strip())
    parsed = Parsed(file=file, format="bra-tabell", source=BRA, series=series)
    region_field = header[0].strip() or "Region"
    check_cells(file, header_line, header, header)
    unread: dict[int, int] = {}  # column without a name -> first line with a value there
    for line, cells in rows[header_at + 1:]:
        check_cells(file, line, header, cells)
        filled = [j for j, c in enumerate(cells) if c]
        if len(filled) < 2:
            continue  # blank, or a note ("Källa: Brå")
        for j in filled:
            if j >= first and j not in cell_series:
                unread.setdefault(j, line)
        place = cells[0] or (cells[1] if first == 2 else "")  # a län or Riket often has a name but no code
        if place and regions.is_other_aggregate(place):
            parsed.skipped.append((line, place))
            continue
        code = regions.from_text(place) if place else None
        if code is None:
            raise FormatError(file, line, region_field, _no_region(place))
        for j, (series_id, period) in cell_series.items():
            text = cells[j] if j < len(cells) else ""
            try:
                value = number(text)
                count = None if rates or value is None else whole(text)
            except ValueError:
                raise FormatError(file, line, header[j].strip(),
                                  _not_number(text) if rates else _not_whole(text)) from None
            parsed.rows.append(Row(
                line=line, series=series_id, period=period.label, period_start=period.start,
                value=value if rates else None, count=count, region_code=code, field=region_field,
                sets=("value",) if rates else ("count",),
            ))
    for j, line in sorted(unread.items()):
        parsed.warnings.append(_("%(file)s: column %(column)s has no name in the header, so its values (the first "
                                 "on %(row)s) were not read.") % {"file": file, "column": j + 1,
                                                                   "row": where(parsed.unit, line)})
    return parsed


def _column_periods(columns: list[tuple[int, str]]) -> dict[int, periods.Period] | None:
    """{column: period} when every column's name is a period ("2024", "År 2024"); None otherwise."""
    found = {}
    for j, name in columns:
        try:
            found[j] = periods.parse(re.sub(r"^(år|year)\s+", "", name.strip(), flags=re.IGNORECASE))
        except ValueError:
            return None
    return found
