"""Personnummer and samordningsnummer: a real calendar date and a right Luhn check digit."""

import re
from collections.abc import Iterator
from datetime import date

from .kinds import PERSONNUMMER, SAMORDNINGSNUMMER, Finding

# --- personnummer and samordningsnummer -----------------------------------------------------------------------
# YYMMDD-NNNC, YYMMDD+NNNC (100 years or older), YYMMDDNNNC, YYYYMMDD-NNNC, YYYYMMDDNNNC; a space as separator
# is tolerated. Samordningsnummer add 60 to the day.
_ID_RE = re.compile(r"(?<![0-9])(?P<cc>[0-9]{2})?(?P<ymd>[0-9]{6})(?P<sep>[-+ ]?)(?P<nnnc>[0-9]{4})(?![0-9])")


def identity_numbers(text: str) -> Iterator[Finding]:
    today = date.today()
    for m in _ID_RE.finditer(text):
        kind = _identity_kind(m["cc"], m["ymd"], m["sep"], m["nnnc"], today)
        if kind:
            yield Finding(kind, m.start(), m.end())


def _identity_kind(cc: str | None, ymd: str, sep: str, nnnc: str, today: date) -> str | None:
    if not _luhn_ok(ymd + nnnc):
        return None
    yy, month, day = int(ymd[:2]), int(ymd[2:4]), int(ymd[4:])
    kind = PERSONNUMMER
    if day > 60:
        kind, day = SAMORDNINGSNUMMER, day - 60
    if cc:
        year = int(cc) * 100 + yy
        if not 1800 <= year <= today.year:
            return None
    else:  # the latest such year not in the future; "+" means a hundred years earlier
        year = today.year - (today.year - yy) % 100 - (100 if sep == "+" else 0)
    try:
        date(year, month, day)
    except ValueError:
        return None
    return kind


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, digit in enumerate(digits):
        n = int(digit) * (2 - i % 2)
        total += n - 9 if n > 9 else n
    return total % 10 == 0
