"""The privacy guard: finds personal data in Swedish free text, so that incident forms, the API, importers and
`samtrygg privacy-scan` can warn about it or redact it. Incident reports describe events and places, never
identifiable people (GDPR, municipal secrecy), but free text leaks: "en av dem hette Erik Johansson".

Found, offline and in time linear in the length of the text:
- personnummer and samordningsnummer (day + 60) in the 10- and 12-digit forms, with "-", "+", " " or no
  separator, only with a real calendar date and a right Luhn check digit;
- phone numbers with a trunk 0, +46 or 0046 and 7-10 further digits (070-123 45 67, 08-12 34 56,
  +46 (0)70 ...), and international ones written with + or 00; not 112, 114 14, 1177, dates, times or amounts;
- e-mail addresses;
- Swedish registration plates, uppercase: ABC 123, ABC123, ABC 12A (no I, Q, V; last letter never O);
- person names, from bundled lists in privacy_data/: a known given name or surname, alone or with the
  capitalised words beside it ("Erik Kowalczyk", "Kalle Svensson"); names that are also words or places
  (Per, Björn, Inga, Hans, Lund, Berg ...) only beside another name or, mid-sentence, beside an unknown
  capitalised word; never when followed by a street or place word ("Karl Johans torg", "Storgatan").

A heuristic, not a guarantee: a finding is a reason to look, its absence no proof. Known misses: names on
no list and next to none (and every lowercase or ALL-CAPS name), ambiguous names alone ("Björn ringde") and
at the start of a sentence beside an unknown word; phone numbers without 0, + or 00, two numbers separated by
a lone space, a number followed directly by another group of digits; lowercase and foreign plates. Known false
alarms: a listed given name used for a place or brand ("Maria" for Maria Magdalena, "Max Burgers"); any
uppercase three plate letters before three digits; company and switchboard phone numbers; a 10-digit number
that is also a valid personnummer is reported as a personnummer.
"""

from bisect import bisect_right
from collections.abc import Iterable

from .contacts import addresses, emails, handles, phone_numbers, vehicle_registrations
from .identity import identity_numbers
from .kinds import (
    ADDRESS,
    EMAIL,
    HANDLE,
    IDENTITY_KINDS,
    KIND_LABELS,
    KINDS,
    NAME,
    PERSONNUMMER,
    PHONE,
    PRIORITY,
    SAMORDNINGSNUMMER,
    VEHICLE_REGISTRATION,
    Finding,
)
from .names import names

__all__ = [
    "ADDRESS", "EMAIL", "HANDLE", "IDENTITY_KINDS", "KINDS", "KIND_LABELS", "NAME", "PERSONNUMMER", "PHONE",
    "SAMORDNINGSNUMMER", "VEHICLE_REGISTRATION", "Finding", "find_personal_data", "has_identity_number", "redact",
]


def find_personal_data(text: str) -> list[Finding]:
    """Personal data in text, sorted by start and non-overlapping (the stronger kind wins an overlap)."""
    found = [
        *identity_numbers(text),
        *emails(text),
        *phone_numbers(text),
        *handles(text),
        *addresses(text),
        *vehicle_registrations(text),
        *names(text),
    ]
    return _without_overlaps(found)


def has_identity_number(text: str) -> bool:
    """True if text holds a valid personnummer or samordningsnummer."""
    return next(identity_numbers(text), None) is not None


def redact(
    text: str, findings: Iterable[Finding] | None = None, placeholder: str = "[borttaget]", *, by_kind: bool = False
) -> str:
    """text with each finding replaced by placeholder, or with by_kind by its label: "[personnummer]"."""
    if findings is None:
        findings = find_personal_data(text)
    parts, pos = [], 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < pos:  # overlaps a finding already replaced
            continue
        parts += [text[pos : finding.start], f"[{finding.label}]" if by_kind else placeholder]
        pos = finding.end
    parts.append(text[pos:])
    return "".join(parts)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []  # sorted by start
    starts: list[int] = []
    for finding in sorted(found, key=lambda f: (PRIORITY[f.kind], f.start, -f.end)):
        i = bisect_right(starts, finding.start)
        if (i and kept[i - 1].end > finding.start) or (i < len(kept) and kept[i].start < finding.end):
            continue
        kept.insert(i, finding)
        starts.insert(i, finding.start)
    return kept


