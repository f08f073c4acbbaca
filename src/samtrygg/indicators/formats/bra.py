"""Brå's statistics on reported crimes (anmälda brott), in two layouts.

1. The monthly "databasfil" (the statistikdatabas' export): CSV (semicolons, UTF-8 with or without BOM or
   Latin-1/cp1252, detected) or XLSX. The header is found by its column names among the first rows (title rows may
   come first): a place (Region, Kommun, Område), optionally Län, a crime (Brott, Brottstyp, Brottskod), År
   and/or a period (Period, Månad, Kvartal), and Antal and/or a rate per 100 000; `Region;Brott;År;Period;Antal;
   /100 000 inv` is one such header. Region: "Stockholm", "Stockholms kommun", "0180 Stockholm", "Stockholms län",
   "Hela landet" or "Riket" (regions.from_text); a row with an empty place under a Län is that län. Period: a month
   ("Januari", "jan"), a run of months ("Jan-mar", "Januari–juni"), "Kvartal 2", "Halvår 1" or "Helår", also with
   its year ("2016, Jun"). Antal with spaces or no-break spaces between thousands; the rate with a decimal comma;
   ".." or "-" mark a missing value. Each crime is a series; a value is the rate per 100 000 inhabitants and its
   count is Antal. Real files' quirks (preliminary years, a kommun listed under two counties, unknown places) are
   bra_quirks.py's.

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
import itertools
import re
from pathlib import Path

from django.utils.translation import gettext as _

from samtrygg.lib import safe_read, tabular

from .. import periods, regions
from . import bra_quirks
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
    unread_columns,
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


_NORMALISE = re.compile(r"[^0-9a-zåäöé]+")
_DATABASFIL_COLUMNS: dict[str, tuple[str, ...]] = {  # names normalised: lower case, letters and digits only
    "region": ("region", "kommun", "kommunnamn", "regionnamn", "område", "omrade", "ort"),
    "county": ("län", "lan", "länsnamn", "lansnamn"),
    "crime": ("brott", "brottstyp", "brottskategori", "brottsgrupp", "brottskod", "brottstyper"),
    "year": ("år", "ar", "year", "årtal"),
    "period": ("period", "månad", "manad", "tid", "kvartal", "tidsperiod"),
}
HEADER_ROWS = 15  # the header is looked for in the first rows (title rows come first in some exports)


def databasfil_columns(header: list[str]) -> dict[str, int] | None:
    """{kind: column} when a header is the databasfil's: a region (or Län) column, a crime column, År (or a
    Period column holding the year, "2016, Jun") and Antal and/or a rate per 100 000 column; None otherwise.
    The exact header `Region;Brott;År;Period;Antal;/100 000 inv` is one such header; "(prel.)" is ignored."""
    found: dict[str, int] = {}
    for j, name in enumerate(header):
        key = _NORMALISE.sub("", bra_quirks.preliminary(name.lower().replace("\u00a0", " "))[0])
        if not key:
            continue
        if "100000" in key or "10000" in key:
            found.setdefault("rate", j)
        elif key.startswith("antal"):
            found.setdefault("count", j)
        else:
            for kind, names in _DATABASFIL_COLUMNS.items():
                if key in names and kind not in found:
                    found[kind] = j
                    break
    has_place = "region" in found or "county" in found
    has_time = "year" in found or "period" in found
    has_value = "count" in found or "rate" in found
    return found if has_place and "crime" in found and has_time and has_value else None


def databasfil_header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]] | None:
    """(index of the header row, its columns) among the first rows, or None."""
    for i, (_line, cells) in enumerate(rows[:HEADER_ROWS]):
        if (columns := databasfil_columns(cells)) is not None:
            return i, columns
    return None


def is_databasfil(data: bytes, file: str) -> bool:
    """Whether a file is Brå's databasfil (its header among the first rows); False for what cannot be read."""
    try:
        return databasfil_header(raw_rows(data, file, limit=HEADER_ROWS)[0]) is not None
    except FormatError:
        return False


# --- 1. the monthly databasfil -----------------------------------------------------------------------------------

def bra_period(year_text: str, text: str) -> periods.Period:
    """Brå's År and Period as one period; ValueError when either cannot be read."""
    year = bra_quirks.year(year_text)[0]
    key = " ".join(bra_quirks.preliminary(text)[0].lower().split())
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
    if (m := re.fullmatch(r"(\d{4})\s*(?:-|m)\s*(\d{1,2})", key)) and int(m.group(1)) == year:  # "2024-03"
        return periods.months(year, int(m.group(2)), int(m.group(2)))
    raise ValueError(text)


_COMBINED = re.compile(r"^(?:år\s+)?((?:1[89]|20)\d{2})(\s*(?:\*+|\(?\s*prel[a-zä]*\.?\s*\)?))?\s*[,:]?\s*(.*)$",
                       re.IGNORECASE)


def _split_period(text: str) -> tuple[str, str]:
    """A Period cell that holds the year too ("2016, Jun", "År 2016 prel.", "2016 Kvartal 2") as (År, Period)."""
    m = _COMBINED.match(text.strip())
    if not m:
        raise ValueError(text)
    return m.group(1) + (m.group(2) or ""), m.group(3) or "Helår"


def parse_databasfil(data: bytes, file: str) -> Parsed:
    rows, _sheet = raw_rows(data, file)
    found = databasfil_header(rows)
    if found is None:
        header = next((cells for _line, cells in rows if any(cells)), [])
        raise FormatError(file, 1, "", _("the header must be exactly %(expected)s, not %(found)s.")
                          % {"expected": ";".join(HEADER), "found": ";".join(header)[:200]})
    at, columns = found
    header_line, header = rows[at]
    parsed = Parsed(file=file, format="bra", source=BRA)
    quirks = bra_quirks.Quirks(parsed)
    quirks.header_preliminary = any(bra_quirks.preliminary(name)[1] for name in header)
    width = max(columns.values()) + 1
    names = {j: header[j].strip() or column(j + 1) for j in columns.values()}
    for line, cells in rows[at + 1:]:
        check_cells(file, line, header, cells)
        filled = [j for j, c in enumerate(cells) if c.strip()]
        if len(filled) < 2:
            continue  # blank, or a note ("Källa: Brå", "Preliminär statistik")
        beyond = [j for j in filled if j >= len(header) or (j >= width and not header[j].strip())]
        if beyond:
            raise FormatError(file, line, column(beyond[0] + 1),
                              _("a value to the right of the named columns of the databasfil, which is not read."))
        cells = cells + [""] * (len(header) - len(cells))
        _databasfil_row(parsed, quirks, line, {k: cells[j].strip() for k, j in columns.items()}, names, columns,
                        file)
    if unread := unread_columns(header, set(columns.values())):
        parsed.warnings.append(_("%(file)s: the columns %(columns)s were not read.")
                               % {"file": file, "columns": ", ".join(unread[:20])})
    quirks.finish(file)
    return parsed


def _databasfil_row(parsed: Parsed, quirks: bra_quirks.Quirks, line: int, cell: dict[str, str],
                    names: dict[int, str], columns: dict[str, int], file: str) -> None:
    def name(kind: str) -> str:
        return names[columns[kind]]

    region, county = cell.get("region", ""), cell.get("county", "")
    place = region or county  # a län's own row may leave the kommun empty
    place_field = name("region" if region or "county" not in columns else "county")
    if quirks.skip_unknown(line, place):
        return
    if regions.is_other_aggregate(place):
        parsed.skipped.append((line, place))
        return
    code = bra_quirks.region_code(place)
    if code is None and county and region.casefold() in _COUNTY_TOTALS:
        code = bra_quirks.region_code(county)
    if code is None:
        raise FormatError(file, line, place_field, _no_region(place))
    crime = cell["crime"]
    if not crime:
        raise FormatError(file, line, name("crime"), _("the crime is missing."))
    year_text, period_text = cell.get("year", ""), cell.get("period", "Helår")
    period_field = "period" if "period" in columns else "year"
    try:
        if "year" not in columns:
            year_text, period_text = _split_period(period_text)
        year, prel = bra_quirks.year(year_text)
    except ValueError:
        field = "year" if "year" in columns else "period"
        raise FormatError(file, line, name(field), _("“%(value)s” is not a year.")
                          % {"value": (year_text or period_text)[:20]}) from None
    try:
        period = bra_period(str(year), period_text)
    except (ValueError, KeyError):
        raise FormatError(file, line, name(period_field),
                          _("“%(value)s” is not a month, a run of months (Jan-mar) or Helår.")
                          % {"value": period_text[:30]}) from None
    if prel or bra_quirks.preliminary(period_text)[1]:
        quirks.preliminary_years.add(year)
    check_period(period, file, line, name("year" if "year" in columns else period_field))
    count = rate = None
    if "count" in columns:
        try:
            count = whole(cell["count"])
        except ValueError:
            raise FormatError(file, line, name("count"), _not_whole(cell["count"])) from None
    if "rate" in columns:
        try:
            rate = number(cell["rate"])
        except ValueError:
            raise FormatError(file, line, name("rate"), _not_number(cell["rate"])) from None
    sets = tuple(kind for kind, present in (("value", "rate" in columns), ("count", "count" in columns)) if present)
    series = crime[:100]
    parsed.series.setdefault(series, SeriesInfo(BRA, series, crime[:300], unit=UNIT))
    parsed.rows.append(Row(line=line, series=series, period=period.label, period_start=period.start, value=rate,
                           region_code=code, count=count, field=place_field, sets=sets))


_COUNTY_TOTALS = {"", "totalt", "samtliga", "samtliga kommuner", "hela länet", "länet", "länet totalt", "län totalt"}


def _no_region(text: str) -> str:
    return _("“%(value)s” is no kommun, län or Riket.") % {"value": text[:60]}


def _not_number(text: str) -> str:
    return _("“%(value)s” is not a number.") % {"value": text[:30]}


def _not_whole(text: str) -> str:
    return _("“%(value)s” is not a whole number.") % {"value": text[:30]}


# --- 2. the yearly table -------------------------------------------------------------------------------------------

def raw_rows(data: bytes, file: str, limit: int | None = None) -> tuple[list[tuple[int, list[str]]], str]:
    """Every row (or the first `limit`) of a CSV file or of an XLSX workbook's first sheet, numbered from 1, with the
    sheet's name ("" for CSV). Unlike tabular.read_table no row is taken as the header: title rows come first in
    these tables. The caps of lib/safe_read apply (these tables are small: a row per kommun and month)."""
    try:
        if tabular.detect_format(data[:64], file) == tabular.XLSX:
            workbook = tabular.open_workbook(data)
            title = workbook.worksheets[0].title
            return list(itertools.islice(safe_read.capped_rows(tabular.xlsx_rows(workbook)), limit)), title
        tabular.check_text(data[: tabular.SAMPLE_BYTES])
    except tabular.TableError as exc:
        raise table_error(file, exc) from None
    except safe_read.UnsafeInput as exc:
        raise table_error(file, exc) from None
    encoding = tabular.detect_encoding(data[: tabular.SAMPLE_BYTES])
    try:
        text = data.decode(encoding) if limit is None else data[:65536].decode(encoding, errors="replace")
    except UnicodeDecodeError:
        raise FormatError(file, None, "", _("the file's characters cannot be read (save it as UTF-8).")) from None
    lines = text.removeprefix("\ufeff").splitlines()[:limit]
    delimiter = max(tabular.DELIMITERS, key=lambda d: sum(line.count(d) for line in lines[:30]))
    try:
        rows = [(n, [c.strip() for c in cells]) for n, cells in enumerate(csv.reader(lines, delimiter=delimiter), 1)]
        return list(safe_read.capped_rows(iter(rows))), ""
    except csv.Error as exc:
        raise FormatError(file, None, "", _("the file is not a readable CSV file (%(detail)s).")
                          % {"detail": exc}) from None
    except safe_read.UnsafeInput as exc:
        raise table_error(file, exc) from None


_HEADERLESS = {2: ["Kommun", "Antal"], 3: ["Kommun", "Antal", "Per 100 000 inv."]}  # Brå's 2021 file had no header
ALL_CRIMES = "Samtliga brott"  # the series of "Anmälda brott i kommunerna" (Kommun;Antal;Per 100 000 inv.)


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
    data_from = header_at + 1
    width = len([c for c in header if c])
    if _is_data_row(header) and width in _HEADERLESS:
        header, data_from = _HEADERLESS[width] + [""] * (len(header) - width), header_at
    first = 2 if header[0].strip().lower() in _CODE_HEADERS and len(header) > 2 and \
        header[1].strip().lower() in _REGION_NAMES else 1
    columns = [(j, h.strip()) for j, h in enumerate(header) if j >= first and h.strip()]
    if not columns:
        raise FormatError(file, header_line, "", _("the header names no column after the region."))
    notes = [cells[0] for _line, cells in rows[data_from:] if cells and cells[0] and not any(cells[1:])]
    parsed = Parsed(file=file, format="bra-tabell", source=BRA)
    quirks = bra_quirks.Quirks(parsed)
    quirks.header_preliminary = any(bra_quirks.preliminary(h)[1] and _measure(h) for _j, h in columns)
    for text in titles + notes:
        if re.search(r"prel", text, re.IGNORECASE):
            quirks.preliminary_years.update(int(m.group(1)) for m in _YEAR_IN_TEXT.finditer(text))
    heading = " ".join(titles + [h for _, h in columns]).replace("\u00a0", " ")
    rates = "100 000" in heading or "100000" in heading
    cell_series = _cell_series(file, header_line, header, columns, titles, sheet, rates, quirks)
    names = {s[0]: s[3] for s in cell_series.values()}
    parsed.series = {sid: SeriesInfo(BRA, sid, name[:300], unit=UNIT) for sid, name in names.items()}
    region_field = header[0].strip() or "Region"
    check_cells(file, header_line, header, header)
    unread: dict[int, int] = {}  # column without a name -> first line with a value there
    for line, cells in rows[data_from:]:
        check_cells(file, line, header, cells)
        filled = [j for j, c in enumerate(cells) if c]
        if len(filled) < 2:
            continue  # blank, or a note ("Källa: Brå")
        for j in filled:
            if j >= first and j not in cell_series:
                unread.setdefault(j, line)
        place = cells[0] or (cells[1] if first == 2 else "")  # a län or Riket often has a name but no code
        if place and quirks.skip_unknown(line, place):
            continue
        if place and regions.is_other_aggregate(place):
            parsed.skipped.append((line, place))
            continue
        code = bra_quirks.region_code(place) if place else None
        if code is None:
            raise FormatError(file, line, region_field, _no_region(place))
        found: dict[tuple[str, str], Row] = {}
        for j, (series_id, period, kind, _name) in cell_series.items():
            text = cells[j] if j < len(cells) else ""
            try:
                value = number(text)
                count = whole(text) if kind == "count" and value is not None else None
            except ValueError:
                raise FormatError(file, line, header[j].strip(),
                                  _not_whole(text) if kind == "count" else _not_number(text)) from None
            row = found.setdefault((series_id, period.label), Row(
                line=line, series=series_id, period=period.label, period_start=period.start, value=None,
                region_code=code, field=region_field, sets=()))
            row.sets += ("value",) if kind == "rate" else ("count",)
            if kind == "rate":
                row.value = value
            else:
                row.count = count
        parsed.rows.extend(found.values())
    for j, line in sorted(unread.items()):
        parsed.warnings.append(_("%(file)s: column %(column)s has no name in the header, so its values (the first "
                                 "on %(row)s) were not read.") % {"file": file, "column": j + 1,
                                                                   "row": where(parsed.unit, line)})
    quirks.finish(file)
    return parsed


def _is_data_row(cells: list[str]) -> bool:
    """Whether a first row is data, not a header: a known region, then numbers ("Ale kommun;2731;8547")."""
    filled = [c for c in cells if c]
    if bra_quirks.region_code(filled[0]) is None:
        return False
    try:
        return all(number(c) is not None for c in filled[1:])
    except ValueError:
        return False


def _measure(name: str) -> str | None:
    """"rate" for a column of rates per 100 000 inhabitants, "count" for Antal; None for any other column."""
    key = re.sub(r"[^0-9a-zåäö]+", "", bra_quirks.preliminary(name.lower())[0])
    if "100000" in key:
        return "rate"
    return "count" if key in {"antal", "antalbrott", "antalanmäldabrott"} else None


def _one_year(file: str, line: int, field: str, texts: list[str], reason_found, reason_none) -> periods.Period:
    years = {m.group(1) for text in texts for m in _YEAR_IN_TEXT.finditer(text)}
    if len(years) != 1:
        raise FormatError(file, line, field, reason_found % {"years": ", ".join(sorted(years))} if years else
                          reason_none)
    return check_period(periods.parse(years.pop()), file, line, field)


def _cell_series(file, header_line, header, columns, titles, sheet, rates, quirks) -> dict:
    """{column: (series id, period, "count" or "rate", series name)} for the three layouts of the yearly table:
    Antal and per 100 000 of one year (all crimes), periods (one series), or crime types (one year)."""
    field = header[columns[0][0]].strip()
    measures = {j: _measure(h) for j, h in columns}
    if all(measures.values()):
        period = _one_year(file, header_line, field, [*titles, sheet, Path(file).stem], _(
            "the columns are Antal and per 100 000, so the title or the file's name must name exactly one year "
            "(found %(years)s)."), _("the columns are Antal and per 100 000, so the title or the file's name must "
                                     "name exactly one year (found none)."))
        return {j: (ALL_CRIMES, period, kind, ALL_CRIMES) for j, kind in measures.items()}
    kind = "rate" if rates else "count"
    as_periods = _column_periods(columns, quirks)
    if as_periods is not None:
        name = (titles[0] if titles else sheet or Path(file).stem).strip()
        for j, period in as_periods.items():
            check_period(period, file, header_line, header[j].strip())
        return {j: (name[:100], p, kind, name) for j, p in as_periods.items()}
    period = _one_year(file, header_line, field, [*titles, sheet], _(
        "the columns are crime types, so the title must name exactly one year (found %(years)s)."),
        _("the columns are crime types, so the title must name exactly one year (found none)."))
    return {j: (h[:100], period, kind, h) for j, h in columns}


def _column_periods(columns: list[tuple[int, str]], quirks: bra_quirks.Quirks) -> dict[int, periods.Period] | None:
    """{column: period} when every column's name is a period ("2024", "År 2024", "2016 prel."); None otherwise.
    A preliminary year is noted in `quirks`."""
    found = {}
    prel = set()
    for j, name in columns:
        text, marked = bra_quirks.preliminary(name)
        try:
            found[j] = periods.parse(re.sub(r"^(år|year)\s+", "", text.strip(), flags=re.IGNORECASE))
        except ValueError:
            return None
        if marked:
            prel.add(found[j].start.year)
    quirks.preliminary_years.update(prel)
    return found
