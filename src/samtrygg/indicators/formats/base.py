"""What every format returns, and the one error every format raises (plain Python, no Django)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from samtrygg.lib import safe_read

KOLADA, BRA, OWN = "kolada", "bra", "egen"  # IndicatorSeries.source
FIRST_YEAR = 1900  # no period begins earlier
MAX_AHEAD = timedelta(days=366)  # nor later than a year from today (a typo, or a year in the wrong column)
MAX_COUNT = 2**63 - 1  # IndicatorValue.count
TOTAL, WOMEN, MEN = "T", "K", "M"
MISSING = {"", "..", "...", "-", "–", "—", ".", "x", "X", "null", "NULL", "NA"}
_GENDERS = {
    "t": TOTAL, "totalt": TOTAL, "total": TOTAL, "alla": TOTAL, "samtliga": TOTAL, "båda": TOTAL, "all": TOTAL,
    "k": WOMEN, "kvinnor": WOMEN, "kvinna": WOMEN, "flickor": WOMEN, "f": WOMEN, "women": WOMEN, "female": WOMEN,
    "m": MEN, "män": MEN, "man": MEN, "pojkar": MEN, "men": MEN, "male": MEN,
}


class FormatError(ValueError):
    """Bad input: the file (or URL), where in it (a line, or a record of a JSON file), the field, and why.

    str() gives "FILE, rad N, fält F: reason", the form the command prints."""

    def __init__(self, file: str, line: int | None, field: str, reason: str, *, unit: str = "rad"):
        self.file, self.line, self.field, self.reason, self.unit = file, line, field, reason, unit
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(f"{self.unit} {self.line}")
        if self.field:
            parts.append(f"fält {self.field}")
        return f"{', '.join(parts)}: {self.reason}"


@dataclass
class SeriesInfo:
    source: str
    external_id: str
    name: str = ""
    unit: str = ""
    description: str = ""


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
    unit: str = "rad"  # what Row.line counts: "rad" (a line of a table) or "post" (a record of a JSON file)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, region): aggregates we do not store
    warnings: list[str] = field(default_factory=list)  # what was not read (columns without a use), in English


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


def check_period(period, file: str, line: int | None, field: str, *, unit: str = "rad", today: date | None = None):
    """The period (periods.Period), or FormatError when it begins before FIRST_YEAR or more than a year from
    today: such a value is a typo or a column mixed up, and would sit in every chart."""
    today = today or date.today()
    if period.start.year < FIRST_YEAR:
        raise FormatError(file, line, field, f"the period {period.label} begins before {FIRST_YEAR}.", unit=unit)
    if period.start > today + MAX_AHEAD:
        raise FormatError(file, line, field, f"the period {period.label} begins more than a year from today "
                                             f"({today.isoformat()}).", unit=unit)
    return period


def check_text(file: str, line: int | None, field: str, text: str, *, unit: str = "rad") -> str:
    """The text, or FormatError when it holds a control character (NUL among them), which cannot be stored."""
    if char := safe_read.control_character(text):
        raise FormatError(file, line, field, f"the text holds a control character ({char}), which cannot be "
                                             "stored; remove it.", unit=unit)
    return text


def check_cells(file: str, line: int, header: list[str], cells: list[str]) -> None:
    """check_text for every cell of a table row, naming the cell's column (or its number, right of the header)."""
    for j, cell in enumerate(cells):
        if cell and safe_read.control_character(cell):
            name = header[j].strip() if j < len(header) and header[j].strip() else f"kolumn {j + 1}"
            check_text(file, line, name, cell)


def table_error(file: str, exc) -> "FormatError":
    """A FormatError for a tabular.TableError (or safe_read.UnsafeInput): its row as the line, its English message
    as the reason ("Row 5: a cell ..." -> "a cell ...")."""
    reason = re.sub(r"^(Row|Line) \d+: ", "", str(exc))
    line = getattr(exc, "row", None) or getattr(exc, "line", None)
    return FormatError(file, line, "", reason[:1].lower() + reason[1:])


def unread_columns(header: list[str], used: set[int]) -> list[str]:
    """The named columns of a header that are not in `used`."""
    return [name.strip() for j, name in enumerate(header) if name.strip() and j not in used]


def gender(text: str) -> str | None:
    """T, K or M from "Totalt", "Kvinnor", "Män", "T", ...; "" reads as T; None when unknown."""
    return _GENDERS.get(text.strip().casefold(), TOTAL if not text.strip() else None)
