"""What every format returns, and the one error every format raises (plain Python but for Django's gettext: the
messages are translated, so Django must be set up before a file is read)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from samtrygg.lib import safe_read

KOLADA, BRA, OWN = "kolada", "bra", "egen"  # IndicatorSeries.source
FIRST_YEAR = 1900  # no period begins earlier
MAX_AHEAD = timedelta(days=366)  # nor later than a year from today (a typo, or a year in the wrong column)
MAX_COUNT = 2**63 - 1  # IndicatorValue.count
TOTAL, WOMEN, MEN = "T", "K", "M"
ROW, RECORD = "rad", "post"  # what a FormatError's line counts (FormatError.unit, Parsed.unit)
MISSING = {"", "..", "...", "-", "–", "—", ".", "x", "X", "null", "NULL", "NA"}
_GENDERS = {
    "t": TOTAL, "totalt": TOTAL, "total": TOTAL, "alla": TOTAL, "samtliga": TOTAL, "båda": TOTAL, "all": TOTAL,
    "k": WOMEN, "kvinnor": WOMEN, "kvinna": WOMEN, "flickor": WOMEN, "f": WOMEN, "women": WOMEN, "female": WOMEN,
    "m": MEN, "män": MEN, "man": MEN, "pojkar": MEN, "men": MEN, "male": MEN,
}


class FormatError(ValueError):
    """Bad input: the file (or URL), where in it (a line, or a record of a JSON file), the field, and why.

    `reason` is already translated (gettext where the error is raised); str() gives "FILE, row N, field F: reason"
    in the active language ("FILE, rad N, fält F: reason" in Swedish), the form the command prints. `unit` is ROW
    or RECORD ("record N", for a JSON file); any other text is shown as it is."""

    def __init__(self, file: str, line: int | None, field: str, reason: str, *, unit: str = ROW):
        self.file, self.line, self.field, self.reason, self.unit = file, line, field, reason, unit
        super().__init__(file, line, field, reason)

    def __str__(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(where(self.unit, self.line))
        if self.field:
            parts.append(_("field %(field)s") % {"field": self.field})
        return f"{', '.join(parts)}: {self.reason}"


def where(unit: str, line: int) -> str:
    """"row 5" (unit ROW) or "record 5" (unit RECORD) in the active language; another unit as it is."""
    if unit == ROW:
        return _("row %(number)s") % {"number": line}
    if unit == RECORD:
        return _("record %(number)s") % {"number": line}
    return f"{unit} {line}"


def column(number: int) -> str:
    """How a column without a name is named in a message ("column 7"), counting from 1."""
    return _("column %(number)s") % {"number": number}


@dataclass
class SeriesInfo:
    source: str
    external_id: str
    name: str = ""
    unit: str = ""
    description: str = ""
    # Kolada's KPI metadata beyond the name; read for the catalogue and checks, not stored (IndicatorSeries has no
    # fields for them): its operating area ("Trygghet"), whether it is divided by gender, has values for
    # organisational units, and the kind of place it is for ("K" kommun, "L" region, "A" both).
    operating_area: str = ""
    divided_by_gender: bool | None = None
    has_ou_data: bool | None = None
    municipality_type: str = ""


@dataclass
class Row:
    """One value. Exactly one of region_code (regions.py) and area_name (matched by the service) is set."""

    line: int
    series: str  # SeriesInfo.external_id
    period: str
    period_start: date
    value: float | None
    gender: str = TOTAL
    region_code: str = ""
    area_name: str = ""
    count: int | None = None
    field: str = ""  # the column or key the area (or region) was read from, for the service's errors
    sets: tuple[str, ...] = ("value", "count")  # what the row gives: a re-import updates only these


@dataclass
class Parsed:
    file: str
    format: str  # "kolada", "bra", "bra-tabell", "tabell"
    source: str  # KOLADA, BRA or OWN
    series: dict[str, SeriesInfo] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    unit: str = ROW  # what Row.line counts: ROW (a line of a table) or RECORD (a record of a JSON file)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, region): aggregates we do not store
    warnings: list[str] = field(default_factory=list)  # what was not read (columns without a use), translated


_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f']")


def number(text: str) -> float | None:
    """A number as Swedish files write it ("1 234", "12,5", "1\u00a0234,50", "31,5 %"); None for the marks of a
    missing value (".." and "-" among them); ValueError for anything else."""
    text = text.strip().removesuffix("%").strip()
    if text in MISSING:
        return None
    cleaned = _NUMBER_SPACES.sub("", text)
    if "," in cleaned and "." in cleaned:  # "1.234,5" (thousands with points)
        cleaned = cleaned.replace(".", "")
    value = float(cleaned.replace(",", ".").replace("−", "-"))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value


def whole(text: str) -> int | None:
    """A count ("12 345"); None when missing; ValueError when not a whole number (or one too large to store)."""
    value = number(text)
    if value is None:
        return None
    if not value.is_integer() or not 0 <= value < MAX_COUNT:
        raise ValueError("not a whole number")
    return int(value)


def check_period(period, file: str, line: int | None, field: str, *, unit: str = ROW, today: date | None = None):
    """The period (periods.Period), or FormatError when it begins before FIRST_YEAR or more than a year from
    today: such a value is a typo or a column mixed up, and would sit in every chart."""
    today = today or date.today()
    if period.start.year < FIRST_YEAR:
        raise FormatError(file, line, field, _("the period %(period)s begins before %(year)s.")
                          % {"period": period.label, "year": FIRST_YEAR}, unit=unit)
    if period.start > today + MAX_AHEAD:
        raise FormatError(file, line, field, _("the period %(period)s begins more than a year from today "
                                               "(%(today)s).") % {"period": period.label, "today": today.isoformat()},
                          unit=unit)
    return period


def check_text(file: str, line: int | None, field: str, text: str, *, unit: str = ROW) -> str:
    """The text, or FormatError when it holds a control character (NUL among them), which cannot be stored."""
    if char := safe_read.control_character(text):
        raise FormatError(file, line, field, _("the text holds a control character (%(character)s), which cannot "
                                               "be stored; remove it.") % {"character": char}, unit=unit)
    return text


def check_cells(file: str, line: int, header: list[str], cells: list[str]) -> None:
    """check_text for every cell of a table row, naming the cell's column (or its number, right of the header)."""
    for j, cell in enumerate(cells):
        if cell and safe_read.control_character(cell):
            name = header[j].strip() if j < len(header) and header[j].strip() else column(j + 1)
            check_text(file, line, name, cell)


def table_error(file: str, exc) -> "FormatError":
    """A FormatError for a tabular.TableError (or safe_read.UnsafeInput): its row as the line, the reason
    translated by its code (see unreadable())."""
    line = getattr(exc, "row", None) or getattr(exc, "line", None)
    return FormatError(file, line, "", unreadable(exc))


def unreadable(exc) -> str:
    """The translated reason why lib/tabular or lib/safe_read refused a file (by the error's `code`; the row, if
    any, is named apart). An error of a code not listed is named by a translated reason and its code, never by the
    library's English message."""
    caps = {"mb": safe_read.MAX_TABLE_BYTES // 2**20, "unpacked": safe_read.MAX_UNZIPPED_BYTES // 2**20,
            "depth": safe_read.MAX_JSON_DEPTH, "rows": safe_read.MAX_ROWS, "columns": safe_read.MAX_COLUMNS,
            "chars": safe_read.MAX_CELL_CHARS}
    detail = re.sub(r"^(Row|Line) \d+: ", "", str(exc))
    messages = {
        "empty": _("the file is empty."),
        "too_large": _("the file is larger than %(mb)s MB.") % caps,
        "utf16": _("the file is saved as UTF-16 (Unicode) text; save it as UTF-8 (in Excel: CSV UTF-8)."),
        "binary": _("the file is not text: it looks like a program, a picture or another binary file."),
        "encoding": _("the file's characters cannot be read (save it as UTF-8)."),
        "json": _json_reason(getattr(exc, "detail", "") or detail),
        "json_depth": _("the JSON is nested more than %(depth)s levels deep.") % caps,
        "json_number": _("the JSON holds a number that cannot be read (such as NaN, Infinity or 1e999)."),
        "not_zip": _("the file is not a readable Excel workbook (.xlsx)."),
        "xlsx": _("the file is not a readable Excel workbook (.xlsx)."),
        "zip_bomb": _("the workbook unpacks to more than %(unpacked)s MB, holds too many parts, or unpacks to far "
                      "more than its own size (a ZIP bomb?); such files are refused.") % caps,
        "zip_method": _("the workbook is encrypted or packed in an unusual way; save it again as an ordinary Excel "
                        "workbook (.xlsx)."),
        "zip_broken": _("the workbook is damaged (a part cannot be unpacked)."),
        "xlsx_broken": _("the sheet cannot be read from here on (the workbook is damaged)."),
        "too_many_rows": _("the file has more than %(rows)s rows; split it.") % caps,
        "too_many_columns": _("the file has more than %(columns)s columns.") % caps,
        "cell_too_long": _("a cell holds more than %(chars)s characters.") % caps,
        "no_header": _("the first row holds no column names."),
        "no_rows": _("the file has no rows below the column names."),
        "csv": _csv_reason(detail),
    }
    code = getattr(exc, "code", "")
    return messages.get(code) or _("the file cannot be read (%(code)s).") % {"code": code or "?"}


def _json_reason(detail: str) -> str:
    """"not JSON" and where, without the json module's English words ("Expecting value")."""
    if m := re.search(r"column (\d+)", detail):
        return _("not JSON: the text cannot be read as JSON from column %(column)s.") % {"column": m.group(1)}
    return _("not JSON.")


def _csv_reason(detail: str) -> str:
    """The csv module's reasons are English; name the one that matters (an open quote) and keep only the kind."""
    if "quote" in detail.lower() or "eof" in detail.lower():
        return _("the file is not a readable CSV file (a quotation mark is never closed).")
    return _("the file is not a readable CSV file.")


def unread_columns(header: list[str], used: set[int]) -> list[str]:
    """The named columns of a header that are not in `used`."""
    return [name.strip() for j, name in enumerate(header) if name.strip() and j not in used]


def gender(text: str) -> str | None:
    """T, K or M from "Totalt", "Kvinnor", "Män", "T", ...; "" reads as T; None when unknown."""
    return _GENDERS.get(text.strip().casefold(), TOTAL if not text.strip() else None)
