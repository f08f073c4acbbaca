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

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "phone"
EMAIL = "email"
VEHICLE_REGISTRATION = "vehicle_registration"
NAME = "name"

KIND_LABELS = {
    PERSONNUMMER: "personnummer",
    SAMORDNINGSNUMMER: "samordningsnummer",
    PHONE: "telefonnummer",
    EMAIL: "e-postadress",
    VEHICLE_REGISTRATION: "registreringsnummer",
    NAME: "namn",
}
IDENTITY_KINDS = frozenset({PERSONNUMMER, SAMORDNINGSNUMMER})
# Where findings overlap, the kind with the lower number is kept.
_PRIORITY = {PERSONNUMMER: 0, SAMORDNINGSNUMMER: 0, EMAIL: 1, PHONE: 2, VEHICLE_REGISTRATION: 3, NAME: 4}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KIND_LABELS
    start: int  # text[start:end] is the personal data
    end: int

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def find_personal_data(text: str) -> list[Finding]:
    """Personal data in text, sorted by start and non-overlapping (the stronger kind wins an overlap)."""
    found = [
        *_identity_numbers(text),
        *_emails(text),
        *_phone_numbers(text),
        *_vehicle_registrations(text),
        *_names(text),
    ]
    return _without_overlaps(found)


def has_identity_number(text: str) -> bool:
    """True if text holds a valid personnummer or samordningsnummer."""
    return next(_identity_numbers(text), None) is not None


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
    for finding in sorted(found, key=lambda f: (_PRIORITY[f.kind], f.start, -f.end)):
        i = bisect_right(starts, finding.start)
        if (i and kept[i - 1].end > finding.start) or (i < len(kept) and kept[i].start < finding.end):
            continue
        kept.insert(i, finding)
        starts.insert(i, finding.start)
    return kept


# --- personnummer and samordningsnummer -----------------------------------------------------------------------
# YYMMDD-NNNC, YYMMDD+NNNC (100 years or older), YYMMDDNNNC, YYYYMMDD-NNNC, YYYYMMDDNNNC; a space as separator
# is tolerated. Samordningsnummer add 60 to the day.
_ID_RE = re.compile(r"(?<![0-9])(?P<cc>[0-9]{2})?(?P<ymd>[0-9]{6})(?P<sep>[-+ ]?)(?P<nnnc>[0-9]{4})(?![0-9])")


def _identity_numbers(text: str) -> Iterator[Finding]:
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


# --- phone numbers ----------------------------------------------------------------------------------------------
# A run of digits with single spaces or hyphens and at most one pair of brackets: 070-123 45 67, 08-12 34 56,
# +46 (0)70 123 45 67, 0046 8 123 456 78. Not part of a word or of a longer group of digits ("1 250 000 000").
_PHONE_RE = re.compile(
    r"(?<![\w+(])(?<![0-9][ -])"
    r"(?:\+|\()?[0-9](?:(?:[ -]|\)[ -]?|[ -]?\()?[0-9]){6,16}"
    r"(?![\w)])(?![ -]?[0-9])"
)
_NON_DIGITS_RE = re.compile(r"[^0-9]")
_DATE_OR_TIME_RE = re.compile(
    r"(?:0[1-9]|[12][0-9]|3[01])[- ](?:0[1-9]|1[0-2])[- ](?:19|20)[0-9]{2}"  # 05-12-2024
    r"|(?:[01][0-9]|2[0-3])[0-5][0-9]-(?:[01][0-9]|2[0-3])[0-5][0-9]"  # 0730-1600
)


def _phone_numbers(text: str) -> Iterator[Finding]:
    for m in _PHONE_RE.finditer(text):
        if _phone_ok(m[0]):
            yield Finding(PHONE, m.start(), m.end())


def _phone_ok(raw: str) -> bool:
    if raw.count("(") != raw.count(")") or raw.count("(") > 1:
        return False
    digits = _NON_DIGITS_RE.sub("", raw)
    if raw.startswith("+") or digits.startswith("00"):
        international = digits.removeprefix("00")
        if not international.startswith("46"):  # another country: E.164 length
            return 9 <= len(international) <= 15 and international[0] != "0"
        national = international[2:].removeprefix("0")  # "+46 (0)70 ..." and the common "+46 070 ..."
    elif digits.startswith("0"):
        if _DATE_OR_TIME_RE.fullmatch(raw):
            return False
        national = digits[1:]
    else:  # no trunk 0: amounts, years, 112, 114 14, 1177
        return False
    return 7 <= len(national) <= 10 and national[0] != "0"


# --- e-mail ---------------------------------------------------------------------------------------------------
_EMAIL_RE = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def _emails(text: str) -> Iterator[Finding]:
    for m in _EMAIL_RE.finditer(text):
        yield Finding(EMAIL, m.start(), m.end())


# --- Swedish registration plates ----------------------------------------------------------------------------
# Three letters (never I, Q, V; no Å, Ä, Ö), then three digits or, since 2019, two digits and a letter (not O).
# Uppercase only: "abc 123" in running text is seldom a plate.
_PLATE_LETTER = "A-HJ-PR-UW-Z"
_VEHICLE_RE = re.compile(rf"(?<![\w-])(?P<letters>[{_PLATE_LETTER}]{{3}})[ -]?[0-9]{{2}}[0-9A-HJ-NPR-UW-Z](?![\w-])")
# Currencies and authorities' report series ("SEK 500", "MSB955", "BRA-804") are not plates.
_NOT_PLATES = frozenset(
    {"SEK", "EUR", "USD", "NOK", "DKK", "GBP", "CHF", "PLN", "ISK", "MSB", "BRA", "SKR", "SOU", "SFS"}
)


def _vehicle_registrations(text: str) -> Iterator[Finding]:
    for m in _VEHICLE_RE.finditer(text):
        if m["letters"] not in _NOT_PLATES:
            yield Finding(VEHICLE_REGISTRATION, m.start(), m.end())


# --- person names -------------------------------------------------------------------------------------------
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_WORD_RE = re.compile(rf"(?<![\w-])[{_UPPER}][^\W\d_]+(?:-[{_UPPER}][^\W\d_]+)*(?![\w-])")
_SURNAME_LIKE_RE = re.compile(r"(?:sson|qvist|kvist|ström|ić|ski|zadeh)$")
_STREET_RE = re.compile(
    r"(?:gatan|gata|vägen|väg|gränd|gränden|torget|torg|platsen|plats|plan|planen|parken|park|allén|allé|backen|"
    r"backe|stigen|leden|bron|skolan|skola|gymnasiet|huset|hallen|badet|centrum|centret|center|kyrkan|kyrka)$"
)
# A lowercase place word after a name makes it a place: "Olof Palmes gata", "Astrid Lindgrens barnsjukhus".
_PLACE_AFTER_RE = re.compile(
    r"[ \u00a0][a-zåäö]*(?:gata|gatan|väg|vägen|gränd|torg|torget|plan|plats|platsen|park|parken|allé|backe|"
    r"skola|skolan|gymnasium|gymnasiet|sjukhus|sjukhuset|vårdcentral|kyrka|kyrkan|kapell|bibliotek|hallen|"
    r"badet|museum|center|centrum|gård|gården|hamn|hamnen|kvarter|kvarteret|minne)\b"
)
_NAME_GAPS = frozenset({" ", "\u00a0"})
_SENTENCE_OPENERS = " \t\"'«»“”‘’([*•–-"


@dataclass(frozen=True)
class _Lexicon:
    given: frozenset[str]  # everything lowercase
    surnames: frozenset[str]
    ambiguous: frozenset[str]
    places: frozenset[str]
    common: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    def words(name: str) -> frozenset[str]:
        text = files("samtrygg.lib").joinpath("privacy_data", name).read_text(encoding="utf-8")
        return frozenset(w.lower() for line in text.splitlines() for w in line.split("#", 1)[0].split())

    given, surnames, places, common = (
        words(f) for f in ("first_names.txt", "surnames.txt", "places.txt", "common_words.txt")
    )
    ambiguous = words("ambiguous_names.txt") | ((given | surnames) & (places | common))
    return _Lexicon(given, surnames, ambiguous, places - given - surnames, common - given - surnames)


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    given: bool = False
    surname: bool = False
    ambiguous: bool = False  # a name that counts only beside another name
    street: bool = False  # "Storgatan", "Centrumtorget"
    other: bool = False  # capitalised, unknown, neither place nor everyday word: may be part of a name

    @property
    def name(self) -> bool:
        return self.given or self.surname


def _word(m: re.Match, lex: _Lexicon) -> _Word:
    key = m[0].lower()
    base, genitive = key, False
    if key not in lex.given and key not in lex.surnames and key.endswith("s"):
        base, genitive = key[:-1], True
    parts = base.split("-")  # "Anna-Karin", "Heidi-Maria", "Berg-Andersson"
    given = [p for p in parts if p in lex.given]
    surname = [
        p
        for p in parts
        if p in lex.surnames or (p not in lex.common and p not in lex.places and _SURNAME_LIKE_RE.search(p))
    ]
    if given or surname:
        ambiguous = all(p in lex.ambiguous for p in given + surname) or (genitive and not given)
        return _Word(m.start(), m.end(), given=bool(given), surname=bool(surname), ambiguous=ambiguous)
    if _STREET_RE.search(key):
        return _Word(m.start(), m.end(), street=True)
    known = key in lex.common or key in lex.places or all(p in lex.places for p in key.split("-"))
    return _Word(m.start(), m.end(), other=not known)


def _names(text: str) -> Iterator[Finding]:
    lex = _lexicon()
    run: list[_Word] = []
    for m in _WORD_RE.finditer(text):
        if not any(c.islower() for c in m[0][1:]):  # ALL CAPS: abbreviations, plates, shouting
            continue
        word = _word(m, lex)
        if run and text[run[-1].end : word.start] not in _NAME_GAPS:
            yield from _names_in_run(text, run)
            run = []
        run.append(word)
    if run:
        yield from _names_in_run(text, run)


def _names_in_run(text: str, run: list[_Word]) -> Iterator[Finding]:
    """Names in a run of capitalised words separated by single spaces; neighbouring names become one."""
    spans: list[tuple[int, int]] = []
    i, n, free = 0, len(run), 0  # run[free:] is not yet part of a finding
    while i < n:
        if not run[i].name:
            i += 1
            continue
        k = i
        while k + 1 < n and run[k + 1].name:
            k += 1
        names, after = run[i : k + 1], run[k + 1] if k + 1 < n else None
        before = run[i - 1] if i > free and run[i - 1].other else None
        strong = any(w.name and not w.ambiguous for w in names) or any(w.given for w in names[:-1])
        if after and after.other and names[-1].given and (strong or not _at_sentence_start(text, names[0].start)):
            strong, k, after = True, k + 1, run[k + 2] if k + 2 < n else None  # "Erik Kowalczyk", "så Per Ekholm"
        if (after and after.street) or (after is None and _PLACE_AFTER_RE.match(text, run[k].end)):
            i = k + 2  # "Karl Johansgatan", "Olof Palmes gata", "Astrid Lindgrens skola": a place
            continue
        join_before = before is not None and names[0].surname  # "Kalle Svensson", "Abdulrahman Ibrahim"
        if strong or (join_before and not _at_sentence_start(text, before.start)):
            spans.append((before.start if join_before else names[0].start, run[k].end))
            free = k + 1
        i = k + 1
    for start, end in _merged(text, spans):
        yield Finding(NAME, start, end)


def _merged(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for j, (start, end) in enumerate(spans):
        if j and text[spans[j - 1][1] : start] in _NAME_GAPS:
            continue  # already covered by the span that reaches here
        while j + 1 < len(spans) and text[end : spans[j + 1][0]] in _NAME_GAPS:
            j += 1
            end = spans[j][1]
        yield start, end


def _at_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _SENTENCE_OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r"
