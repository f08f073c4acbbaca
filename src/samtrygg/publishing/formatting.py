"""Numbers, percentages and dates as a Swedish (or English) reader expects them. Every renderer — tables, key
figures, tick labels — formats through here, so one document never mixes styles.

Swedish (Språkrådet, Svenska skrivregler): a no-break space (U+00A0) groups thousands, a comma marks decimals,
the minus is the real minus sign "−" (U+2212), and a space stands before "%" and "kr": 1 234,5 · −3 · 12,5 % ·
250 000 kr.
U+00A0 rather than the narrower U+202F because every font has it and Swedish Excel and Word read it back as a
thousands separator when a coordinator copies a number. English: 1,234.5 · −3 · 12.5%.
A missing value (None, NaN) is shown as "–" (en dash).
"""

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = "–"

MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
SHORT_MONTHS = {
    "sv": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _lang(language: str) -> str:
    """'sv' for Swedish (also 'sv-SE'), else 'en'."""
    return "sv" if language.lower().startswith("sv") else "en"


def format_number(value: float | int | None, decimals: int = 0, language: str = "sv") -> str:
    """`value` rounded to `decimals` places, grouped in thousands: 1234.5 -> "1 234,5" (sv) / "1,234.5" (en).
    Halves round away from zero as written (2.675 -> 2,68, 12.25 -> 12,3), as in Excel and as readers expect,
    not to even as Python's format does; a value that rounds to zero never shows a minus sign."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    rounded = Decimal(str(abs(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    negative = value < 0 and any(ch not in "0.," for ch in text)
    if _lang(language) == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    return (MINUS if negative else "") + text


def format_percent(value: float | None, decimals: int = 1, language: str = "sv") -> str:
    """`value` in percent (12.5 means 12.5 %): "12,5 %" (sv, no-break space before the sign) / "12.5%" (en)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    sep = NBSP if _lang(language) == "sv" else ""
    return f"{format_number(value, decimals, language)}{sep}%"


def format_signed(value: float | int | None, decimals: int = 0, language: str = "sv") -> str:
    """A change with its sign always shown: "+12", "−3", "0"."""
    text = format_number(value, decimals, language)
    if text != MISSING and value > 0 and any(ch in "123456789" for ch in text):
        return "+" + text
    return text


def format_kronor(value: float | int | None, language: str = "sv") -> str:
    """An amount of money in whole kronor: "250 000 kr" (sv) / "250,000 SEK" (en), with a no-break space before
    the unit too, so a line never breaks between number and unit. The one rule for money: pages (samtrygg.ui's
    `|kronor` filter) and documents use it."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    unit = "kr" if _lang(language) == "sv" else "SEK"
    return f"{format_number(value, 0, language)}{NBSP}{unit}"


def format_date(value: date, language: str = "sv") -> str:
    """"12 mars 2026" (sv) / "12 March 2026" (en): day without a leading zero, month in words."""
    return f"{value.day} {MONTHS[_lang(language)][value.month - 1]} {value.year}"


def format_short_date(value: date, language: str = "sv") -> str:
    """"1 jan 2025" (sv) / "1 Jan 2025" (en), for periods in tight places."""
    return f"{value.day} {SHORT_MONTHS[_lang(language)][value.month - 1]} {value.year}"


def format_period(start: date, end: date, language: str = "sv") -> str:
    """"1 jan 2025 – 31 dec 2025": both ends inclusive, an en dash between spaces."""
    return f"{format_short_date(start, language)} – {format_short_date(end, language)}"


def format_cell(value: str | int | float | None, decimals: int = 0, language: str = "sv") -> str:
    """A table cell: text as it is, numbers formatted (bool is text: "ja"/"nej" or "yes"/"no")."""
    if isinstance(value, bool):
        return ("ja" if value else "nej") if _lang(language) == "sv" else ("yes" if value else "no")
    if isinstance(value, str):
        return value
    return format_number(value, decimals, language)


def is_number(value: object) -> bool:
    """Whether a cell holds a number (and so is right-aligned)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
