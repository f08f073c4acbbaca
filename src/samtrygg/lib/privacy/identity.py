"""Personnummer and samordningsnummer: a real calendar date and a right Luhn check digit, in every way people write
them: 8503124581, 850312-4581, 19850312-4581, 850312 4581, 85 03 12-4581, 1985 03 12 4581, 85-03-12-4581,
85.03.12-4581, 850312 – 4581, 850312—4581, 850312 - 4581, 850312  4581, 121212+1212 (a hundred years or older)."""

import re
from collections.abc import Iterator
from datetime import date

from .kinds import PERSONNUMMER, SAMORDNINGSNUMMER, Finding

# Dashes people type or word processors put in: hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash,
# em dash, minus sign, small and full-width hyphen-minus. Spaces: space, no-break space, thin and narrow no-break.
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
SPACES = " \u00a0\u2009\u202f"

# [century] year [s] month [s] day, where s is nothing or the same space, hyphen, dot or slash twice; then the
# separator before the last four digits: nothing, "+", a dash with up to two spaces on either side, or one or two
# spaces.
_ID_RE = re.compile(
    rf"(?=[0-9])(?<![0-9])(?P<cc>1[89]|20)?(?P<yy>[0-9]{{2}})(?P<s>[{SPACES}./\-]?)"
    rf"(?P<mm>0[1-9]|1[0-2])(?P=s)(?P<dd>[0-9]{{2}})"
    rf"(?P<sep>\+|[{SPACES}]{{0,2}}[{DASHES}][{SPACES}]{{0,2}}|[{SPACES}]{{1,2}})?"
    r"(?P<nnnc>[0-9]{4})(?![0-9])"
)
_TIME_RE = re.compile(r"(?:[01][0-9]|2[0-3])[0-5][0-9]")


def identity_numbers(text: str) -> Iterator[Finding]:
    today = date.today()
    for m in _ID_RE.finditer(text):
        if m["s"] and (not m["sep"] or _spaced_out_of_a_longer_number(text, m.start(), m["s"])):
            continue  # "85-03-124581" is no way to write one; "1 85 03 12 4581" is part of something else
        kind = _identity_kind(m, today)
        if kind:
            yield Finding(kind, m.start(), m.end())


def _spaced_out_of_a_longer_number(text: str, start: int, separator: str) -> bool:
    return start >= 2 and text[start - 1] == separator and text[start - 2].isdigit()


def _identity_kind(m: re.Match[str], today: date) -> str | None:
    ymd, nnnc = m["yy"] + m["mm"] + m["dd"], m["nnnc"]
    if not _luhn_ok(ymd + nnnc):
        return None
    yy, month, day = int(m["yy"]), int(m["mm"]), int(m["dd"])
    kind = PERSONNUMMER
    if day > 60:
        kind, day = SAMORDNINGSNUMMER, day - 60
    if m["cc"]:
        year = int(m["cc"]) * 100 + yy
        if year > today.year:
            return None
    else:  # the latest such year not in the future; "+" means a hundred years earlier
        year = today.year - (today.year - yy) % 100 - (100 if m["sep"] == "+" else 0)
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    spaced_date = m["s"] in ("-", ".", "/")
    date_and_time = spaced_date and m["sep"] and not m["sep"].strip(SPACES) and _TIME_RE.fullmatch(nnnc)
    if date_and_time and (today - born).days < 800:
        return None  # "2024-05-12 1430": a recent date and a time, not a baby's personnummer
    return kind


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, digit in enumerate(digits):
        n = int(digit) * (2 - i % 2)
        total += n - 9 if n > 9 else n
    return total % 10 == 0
