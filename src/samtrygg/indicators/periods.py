"""Periods of indicator values as short strings that sort by their start date (plain Python, no Django):

    "2024"        a year                  "2024-03"     a month
    "2024H1"      a half year (H1, H2)    "2024Q1"      a quarter (Q1..Q4; "2024K1" is read as Q1)
    "2024-01/09"  any other run of months within one year (Brå's "Jan-sep")
"""

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    label: str
    start: date


_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})\s*(?:-|M|m)\s*(\d{1,2})")
_HALF = re.compile(r"(\d{4})\s*[-\s]?\s*[Hh]([12])")
_QUARTER = re.compile(r"(\d{4})\s*[-\s]?\s*(?:[QqKk]|kv|Kv|KV)([1-4])")
_SPAN = re.compile(r"(\d{4})-(\d{2})/(\d{2})")


def months(year: int, first: int, last: int) -> Period:
    """The period of months first..last of one year, in its shortest label."""
    if not (1 <= first <= last <= 12 and 1000 <= year <= 9999):
        raise ValueError("not a run of months within one year")
    start = date(year, first, 1)
    if (first, last) == (1, 12):
        return Period(f"{year}", start)
    if first == last:
        return Period(f"{year}-{first:02d}", start)
    if last - first == 2 and first % 3 == 1:
        return Period(f"{year}Q{first // 3 + 1}", start)
    if last - first == 5 and first in (1, 7):
        return Period(f"{year}H{1 if first == 1 else 2}", start)
    return Period(f"{year}-{first:02d}/{last:02d}", start)


def parse(text: str) -> Period:
    """One of the forms above (also "2024-3", "2024M03", "2024 H1", "2024K2"); ValueError for anything else."""
    text = text.strip()
    if m := _YEAR.fullmatch(text):
        return months(int(m.group(1)), 1, 12)
    if m := _MONTH.fullmatch(text):
        month = int(m.group(2))
        return months(int(m.group(1)), month, month)
    if m := _HALF.fullmatch(text):
        first = 1 if m.group(2) == "1" else 7
        return months(int(m.group(1)), first, first + 5)
    if m := _QUARTER.fullmatch(text):
        first = 3 * int(m.group(2)) - 2
        return months(int(m.group(1)), first, first + 2)
    if m := _SPAN.fullmatch(text):
        return months(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(f"not a period: {text!r}")
