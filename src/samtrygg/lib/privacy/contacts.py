"""Ways to reach or identify one person that are not names: phone numbers, e-mail addresses, registration plates."""

import re
from collections.abc import Iterator

from .kinds import EMAIL, PHONE, VEHICLE_REGISTRATION, Finding

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


def phone_numbers(text: str) -> Iterator[Finding]:
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


def emails(text: str) -> Iterator[Finding]:
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


def vehicle_registrations(text: str) -> Iterator[Finding]:
    for m in _VEHICLE_RE.finditer(text):
        if m["letters"] not in _NOT_PLATES:
            yield Finding(VEHICLE_REGISTRATION, m.start(), m.end())


# --- home addresses down to one household ---------------------------------------------------------------------
def addresses(text: str) -> Iterator[Finding]:
    return iter(())


# --- social-media handles -------------------------------------------------------------------------------------
def handles(text: str) -> Iterator[Finding]:
    return iter(())
