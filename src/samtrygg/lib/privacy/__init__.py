"""The privacy guard: finds personal data in Swedish free text, so that incident forms, the API, importers and
`samtrygg privacy-scan` can warn about it or redact it. Incident reports describe events and places, never
identifiable people (GDPR, municipal secrecy), but free text leaks: "en av dem hette Erik Johansson".

Found, offline and in time linear in the length of the text:
- personnummer and samordningsnummer (day + 60) (identity.py) in the 10- and 12-digit forms, with "-", "+",
  a space, any dash (en, em, minus) with or without spaces around it, or no separator, the date in one piece
  or spaced out by spaces, hyphens or dots ("85 03 12-4581", "1985-03-12-4581", "851203 – 4581"); only with
  a real calendar date and a right Luhn check digit;
- phone numbers (contacts.py) with a trunk 0, +46 or 0046 and 7-10 further digits, grouped by spaces, hyphens,
  dashes, dots or one slash after the area code (070-123 45 67, 070.555.12.34, 0739 - 12 34 56, 08–555 123 45,
  070/123 45 67, +46 (0)70 ...), international ones written with + or 00, and a local number after "tel",
  "mob" and the like; not 112, 114 14, 1177, dates, times, time ranges (08.30–09.15), amounts, years, case and
  invoice numbers ("dnr 2024/0123", "fakturanr 012345678");
- e-mail addresses, also disguised: "namn(at)domän.se", "namn [at] domän punkt se", "namn at domän dot se",
  "namn snabel-a domän.se", "namn @ domän.se";
- Swedish registration plates (plates.py): ABC 123, ABC123, ABC 12A, and in lower or mixed case (abc 123,
  Abc123, abc12d) unless the letters are a Swedish or English word or abbreviation ("och 123", "rum 101", "tel
  070") - which "reg", "regnr" or "registreringsnummer" just before overrides (no I, Q, V; last letter never O);
- home addresses down to one household (addresses.py): a flat number ("lgh 1001", "lgh nr 1001",
  "lägenhetsnummer 1201", "lägenheten 1402 på tredje våningen") with the street and number, entrance and floor
  before it or after it ("Ringvägen 3B, lgh 1001", "Granvägen 7, 2 tr, lgh 1203", "port 2, lgh 1402",
  "lägenhet 1402 på Ringvägen 3"), a street and number with a floor ("Storgatan 12, 3 tr", "Storgatan 12
  våning 3"), and c/o addresses; not a street alone or with a number ("Storgatan 12": a place, where incidents
  happen), nor an entrance or stairwell without a flat ("port 2", "trapphus 3": shared by many households);
- social-media accounts (handles.py): "@namn_123", profile addresses ("instagram.com/namn", "tiktok.com/@namn"),
  and names that the words around them make accounts: "användaren X på Snapchat", "kontot namn_123 på
  Instagram", "på TikTok som xyz", "hans snap är abc123", "snap: abc", "Discord: namn#1234", and names shaped
  like accounts wherever they stand ("lill_g_0318", "Shadow#4471", "ghost.boy08"); not a platform named alone
  ("på Instagram", "via Snapchat");
- person names (names.py), from word lists in data/ (about 13,000 given names and 22,000 surnames of the
  origins of Sweden's population; data/SOURCES.md): a known name in any case and in the genitive ("Erik
  Johansson", "erik johansson", "ERIK JOHANSSON", "Eriks", "Anna-Karin"), with the unknown capitalised words
  beside it ("Erik Kowalczyk"); names that are also words or places (Per, Björn, Lina, Åsa, Fredrika ...)
  only beside another name or in a person's context ("grannen Björn", "hette Per", "hos Åsa", "Åsa ringde");
  never as a place: before a place word ("Olof Palmes gata", "Sankt Görans sjukhus", "Storgatan"), after
  Sankt/S:t or a monarch's title, with a regnal number ("Christian IV:s gata"), after "i"/"vid" ("i Åsa"), or
  as a listed place or brand ("Lina Hage", "Max Burgers"); villages and towns from a gazetteer.

A heuristic, not a guarantee: a finding is a reason to look, its absence no proof. Known misses: names on
no list and next to no name or naming word ("hette"), lowercase names that are also words ("lina") or rare
abroad, a name that is also a place or word without a person's context ("Tuva och Ella"), a surname from abroad
alone ("Vega"); phone numbers without 0, + or 00 and without "tel" before them, two numbers separated by
a lone space, a number followed directly by another group of digits; foreign plates, and lowercase plates whose
letters are a word ("hus 123") without "reg" before them; an e-mail address disguised some other way ("namn
på domän"); a flat named without "lgh" or "lägenhet" ("nr 1001 på tredje"), a floor without a street number,
a house (one household) given by street and number alone; an account name in running text with no platform,
"@" or account word near it, and a plain word after a platform unless the clause ends there ("hans snap är
kalle och ..." is found, "snap kalle" is not); a baby's personnummer written as a date, a space and a
time-like number ("2024-05-12 1430", read as a date and a time). Known false
alarms: a place, firm or brand named after a person, without a place word and not on the lists ("skolan på
Sofia", the estate agents "Erik Olsson"); any
uppercase three plate letters before three digits, and lowercase three letters that are no word before three
digits (a code like "abc123"); company and switchboard phone numbers, and numbers with a leading 0 on no list of
other numbers (an order number); a 10-digit number that is also a valid personnummer is reported as a
personnummer; an organisation's account ("@polisen") and technical words with an underscore ("tel_nr");
"name at domain.se" in an English sentence; a street
number with a floor at a workplace not called "besöksadress" ("Storgatan 12, 3 tr").
"""

from bisect import bisect_right
from collections.abc import Iterable

from .addresses import addresses
from .contacts import emails, phone_numbers
from .handles import handles
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
from .plates import vehicle_registrations

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


