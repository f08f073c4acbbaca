"""What Brå's real files hold beside the values, shared by both Brå layouts (bra.py):

- a preliminary year written with a suffix: "2016 prel.", "2016 prel", "2016*", "2016 (prel.)", "År 2016 prel.",
  and headers such as "Antal (prel.)": read as the year; the values are named preliminary in Parsed.warnings
  (IndicatorValue has no field for it, and a later import of the final figures updates them in place);
- one kommun listed twice for the same crime and period (the statistikdatabas lists a kommun under two counties,
  the second row all zeros or empty): merged, keeping the row with values, and named in Parsed.warnings; two rows
  with different values are an error naming both;
- rows for crimes whose municipality is unknown ("Uppgift saknas", "Okänd kommun", "Kommun okänd",
  "Kommunuppgift saknas", ...): skipped (Parsed.skipped, as the police regions) and counted in Parsed.warnings;
- region names as the statistikdatabas writes them ("Hela landet, Stockholms län", "Bjuv kommun",
  "Malung–Sälen" with a dash that is no hyphen).
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import regions
from .base import FormatError, Parsed, Row, where

_PRELIMINARY = re.compile(r"\s*(?:\*+|\(?\s*prel(?:iminär(?:a|t)?)?\.?\s*\)?)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?:år\s+)?((?:1[89]|20)\d{2})", re.IGNORECASE)
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})
_UNKNOWN = re.compile(r"(uppgift saknas|saknas|okänd|okänt|ospecificerad|ej fördelad|ej fördelat|övriga? okän)",
                      re.IGNORECASE)


def preliminary(text: str) -> tuple[str, bool]:
    """The text without a trailing preliminary mark ("2016 prel." -> ("2016", True)), and whether it had one."""
    stripped = _PRELIMINARY.sub("", text.strip())
    return stripped, stripped != text.strip()


def year(text: str) -> tuple[int, bool]:
    """Brå's År as (year, preliminary): "2016", "2016 prel.", "2016 prel", "2016*", "År 2016 prel."; ValueError
    for anything else."""
    stripped, prel = preliminary(text)
    m = _YEAR.fullmatch(stripped.strip())
    if not m:
        raise ValueError(text)
    return int(m.group(1)), prel


def is_unknown(text: str) -> bool:
    """Whether a region cell is the crimes whose municipality is unknown ("Uppgift saknas", "Okänd kommun")."""
    return bool(_UNKNOWN.search(text.translate(_DASHES)))


def region_code(text: str) -> str | None:
    """regions.from_text for a region as Brå writes it, also "Hela landet, Stockholms län" (the last part) and
    names with a dash that is no hyphen."""
    clean = " ".join(text.translate(_DASHES).split())
    code = regions.from_text(clean)
    if code is None and "," in clean:
        code = regions.from_text(clean.rsplit(",", 1)[1])
    return code


class Quirks:
    """Collects what a Brå file held beside its values while it is read, then merges and reports (finish())."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.preliminary_years: set[int] = set()
        self.unknown: list[tuple[int, str]] = []
        self.header_preliminary = False  # the header marks every value preliminary ("Antal (prel.)")

    def skip_unknown(self, line: int, region: str) -> bool:
        """Skip (and note) a row of crimes whose municipality is unknown; whether it was one."""
        if not is_unknown(region):
            return False
        self.unknown.append((line, region))
        self.parsed.skipped.append((line, region))
        return True

    def finish(self, file: str) -> None:
        """Merge rows listed twice and add the warnings; FormatError when two rows give different values."""
        parsed = self.parsed
        merged = _merge(parsed, file)
        if merged:
            names = ", ".join(f"{regions.label(row.region_code)} ({where(parsed.unit, first)}, {row.period})"
                              for first, row in merged[:8])
            parsed.warnings.append(ngettext(
                "%(file)s: %(count)s place was listed twice for the same crime and period (as Brå lists a kommun "
                "under two counties); the row without values was left out: %(names)s.",
                "%(file)s: %(count)s places were listed twice for the same crime and period (as Brå lists a kommun "
                "under two counties); the rows without values were left out: %(names)s.", len(merged))
                % {"file": file, "count": len(merged), "names": names})
        if self.unknown:
            names = ", ".join(sorted({text for _line, text in self.unknown})[:5])
            parsed.warnings.append(ngettext(
                "%(file)s: %(count)s row of crimes whose municipality is unknown (%(names)s) was skipped.",
                "%(file)s: %(count)s rows of crimes whose municipality is unknown (%(names)s) were skipped.",
                len(self.unknown)) % {"file": file, "count": len(self.unknown), "names": names})
        if self.header_preliminary:
            self.preliminary_years.update(row.period_start.year for row in parsed.rows)
        if self.preliminary_years:
            years = ", ".join(str(y) for y in sorted(self.preliminary_years))
            parsed.warnings.append(_(
                "%(file)s: the values of %(years)s are preliminary (marked “prel.”); import Brå's final figures "
                "when they are published, and they replace these.") % {"file": file, "years": years})


def _empty(row: Row) -> bool:
    """A row without values: what it gives is missing or zero."""
    return all(not getattr(row, name) for name in row.sets)


def _merge(parsed: Parsed, file: str) -> list[tuple[int, Row]]:
    """Drop the rows that repeat a place, crime and period with no values (or the same values); [(line of the
    row kept, row kept)] for each merge. FormatError names both rows when they give different values."""
    kept: dict[tuple, int] = {}
    rows: list[Row | None] = []
    merged: list[tuple[int, Row]] = []
    for row in parsed.rows:
        key = (row.series, row.region_code, row.area_name, row.period, row.gender)
        if key not in kept:
            kept[key] = len(rows)
            rows.append(row)
            continue
        first = rows[kept[key]]
        same = all(getattr(first, name) == getattr(row, name) for name in row.sets)
        if _empty(row) or same:
            merged.append((first.line, first))
        elif _empty(first):
            rows[kept[key]] = row
            merged.append((row.line, row))
        else:
            given = ", ".join(_given(r) for r in (first, row))
            raise FormatError(file, row.line, row.field, _(
                "%(place)s, %(series)s, %(period)s is also on %(row)s with other values (%(values)s); one of the two "
                "rows must go.") % {"place": regions.label(row.region_code), "series": row.series,
                                     "period": row.period, "row": where(parsed.unit, first.line), "values": given},
                unit=parsed.unit)
    parsed.rows = [row for row in rows if row is not None]
    return merged


def _given(row: Row) -> str:
    return "/".join("" if getattr(row, name) is None else f"{getattr(row, name):g}" for name in row.sets)
