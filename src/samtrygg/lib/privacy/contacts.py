"""Ways to reach one person: phone numbers and e-mail addresses, also written loosely or disguised."""

import re
from collections.abc import Iterator

from .identity import DASHES, SPACES
from .kinds import EMAIL, PHONE, Finding

# --- phone numbers ----------------------------------------------------------------------------------------------
# A chain of digits joined by single separators: a space; a hyphen, dash or slash with at most one space on either
# side; a dot; brackets. 070-123 45 67, 070.555.12.34, 0739 - 12 34 56, 08–555 123 45, 070/123 45 67,
# +46 (0)70 123 45 67, 0046 (0)8 123 456 78. The whole chain is taken (possessively: no backtracking), then judged.
_S = f"[{SPACES}]"
_SEPARATOR = rf"(?:{_S}?[{DASHES}/]{_S}?|[.]|{_S}|\){_S}?|{_S}?\()"
_CHAIN_RE = re.compile(  # first a set of characters, the lookbehinds after it: searched for in C, fast
    rf"[+(0-9](?<![\w+].)(?:(?<!\(.)|(?<=\+))(?<![^\W\d_]-.)(?:(?<=[+(])[0-9]|(?<=[0-9]))"
    rf"(?:{_SEPARATOR}?[0-9])*+(?!\w)"
)
_STRONG_SEPARATOR_RE = re.compile(rf"{_S}?/{_S}?|{_S}[{DASHES}]{_S}?|{_S}?[\u2012-\u2014]{_S}?")
# Numbers that are named as something else: "fakturanr 012345678", "kundnummer: 0123 456 789", "OCR 0123456789".
_OTHER_NUMBER_RE = re.compile(
    r"(?i)(?<!\w)(?:(?:faktura|order|kund|ärende|avtals?|referens|artikel|organisations|org|medlems|objekt|diarie|"
    r"dokument|serie|konto|personal|anställnings)-?(?:nr|nummer|numret)|ocr|bg|pg|bankgiro|plusgiro)\.?:?[ \u00a0]?$"
)
_NON_DIGITS_RE = re.compile(r"[^0-9]")
_LEADING_DIGITS_RE = re.compile(r"\(?([0-9]*)")
_HH, _MM = "(?:[01]?[0-9]|2[0-3])", "[0-5][0-9]"
_NOT_PHONE_RE = re.compile(
    rf"(?:0[1-9]|[12][0-9]|3[01])(?P<s>[-./ ])(?:0[1-9]|1[0-2])(?P=s)(?:19|20)[0-9]{{2}}"  # 05-12-2024, 05.12.2024
    rf"|{_HH}{_MM}{_S}?[{DASHES}]{_S}?{_HH}{_MM}"  # 0730-1600
    rf"|{_HH}[.]{_MM}(?:(?:{_S}?[{DASHES}]{_S}?|{_S}){_HH}[.]{_MM})+"  # 07.30–16.00, 08.15 08.45
    rf"|(?:0[1-9]|[12][0-9]|3[01])[.](?:0[1-9]|1[0-2]){_S}?[{DASHES}]{_S}?(?:0[1-9]|[12][0-9]|3[01])[.](?:0[1-9]|1[0-2])"
)
# Before a local number without area code ("tel 555 12 34") a word that says it is one.
_PHONE_WORD_RE = re.compile(
    r"(?i)(?<!\w)(?:tel|tfn|telefon|telefonnummer|telefonnr|telnr|mobil|mobilnummer|mobilnr|mob|mobnr|"
    r"hemnummer|direktnummer)[.:]?[ \u00a0]?[:]?[ \u00a0]?$"
)


def phone_numbers(text: str) -> Iterator[Finding]:
    for m in _CHAIN_RE.finditer(text):
        raw, start = m[0], m.start()
        if raw[0] == "(" and raw.count("(") > raw.count(")"):  # "(070-123 45 67)": the bracket is around it
            raw, start = raw[1:], start + 1
        if len(raw) < 6 or _OTHER_NUMBER_RE.search(text, max(0, start - 24), start):
            continue
        if _phone_ok(raw, after_phone_word=False) or (
            raw[0] in "123456789"
            and _phone_ok(raw, after_phone_word=_PHONE_WORD_RE.search(text, max(0, start - 16), start) is not None)
        ):
            yield Finding(PHONE, start, m.end())
            continue
        # Not one number, perhaps two: "070-123 45 67 / 08-12 34 56", "08.00–17.00, 070-123 45 67".
        pos = 0
        for separator in _STRONG_SEPARATOR_RE.finditer(raw):
            yield from _part_finding(raw, start, pos, separator.start())
            pos = separator.end()
        if pos:
            yield from _part_finding(raw, start, pos, len(raw))


def _part_finding(raw: str, start: int, pos: int, end: int) -> Iterator[Finding]:
    if _phone_ok(raw[pos:end], after_phone_word=False):
        yield Finding(PHONE, start + pos, start + end)


def _phone_ok(raw: str, *, after_phone_word: bool) -> bool:
    if raw.count("(") != raw.count(")") or raw.count("(") > 1 or _NOT_PHONE_RE.fullmatch(raw):
        return False
    digits = _NON_DIGITS_RE.sub("", raw)
    if raw.startswith("+") or digits.startswith("00"):
        international = digits.removeprefix("00")
        if not international.startswith("46"):  # another country: E.164 length
            return 9 <= len(international) <= 15 and international[0] != "0"
        national = international[2:].removeprefix("0")  # "+46 (0)70 ..." and the common "+46 070 ..."
    elif digits.startswith("0"):
        area = _LEADING_DIGITS_RE.match(raw)[1]
        if len(area) == 1 or (len(area) == 2 and area != "08"):
            return False  # "0.5 0.7 0.9 1.2", "05.12 08.30": the only two-digit area code is 08
        if "/" in raw and not 2 <= len(area) <= 4:
            return False  # a slash only after the area code: "070/123 45 67"
        national = digits[1:]
    else:  # no trunk 0: amounts, years, 112, 114 14, 1177 - unless a word before says it is a phone number
        local = 6 <= len(digits) <= 8 or (len(digits) == 9 and digits[0] == "7")  # or a mobile without its 0
        return after_phone_word and "/" not in raw and local
    return 7 <= len(national) <= 10 and national[0] != "0"


# --- e-mail ---------------------------------------------------------------------------------------------------
# name@domain.se, and disguised: name(at)domain.se, name [at] domain punkt se, name at domain dot se,
# name snabel-a domain.se, name @ domain.se, name(a)domain(dot)se.
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT = (
    rf"(?P<at>@|{_S}@{_S}"
    rf"|{_S}?{_OPEN}{_S}?(?i:at|@|a|snabel[- ]?a){_S}?{_CLOSE}{_S}?"
    rf"|{_S}(?i:(?P<bare_at>at)|snabel[- ]?a){_S})"
)
_DOT = rf"(?:\.|{_S}?{_OPEN}{_S}?(?i:dot|punkt|\.){_S}?{_CLOSE}{_S}?|{_S}(?i:dot|punkt){_S})"
_EMAIL_RE = re.compile(
    rf"(?<![\w.%+-])[\w.%+-]+{_AT}(?:[\w-]++{_DOT})+(?P<tld>[^\W\d_]{{2,}})(?![\w-])"
)
# Cheap signs of an address (substring tests run in C): the at sign, or "at" or "a" disguised.
_AT_SIGNS = ("@", " at ", "(at", "[at", "{at", "<at", "( at", "[ at", "(a)", "[a]", "snabel", "\u00a0at\u00a0")
# Top-level domains an e-mail written "name at domain dot se" may end in ("at" alone is English, so be sure).
_TLDS_TEXT = (
    "se nu com net org eu info io me co uk dk no fi is ax de at ch nl be fr es it pt pl ee lv lt ru ua tr gr hu cz "
    "sk ro bg hr rs ba si al us ca au nz in pk ir iq so et er ng ke za eg ma tn dz sy lb jo il ae sa cn jp kr vn th "
    "ph id my br ar cl mx biz app dev online email xyz tv cc"
)
_TLDS = frozenset(_TLDS_TEXT.split())


# English words before a bare "at" that make it the preposition: "look at example.com".
_ENGLISH_BEFORE_AT_TEXT = (
    "look looking looked at arrive arrived arriving meet met be is are was were here there available find found us "
    "me him her them it online live lives work works working stay stayed stop stopped shop buy sold sell find "
    "get go went visit read click"
)
_ENGLISH_BEFORE_AT = frozenset(_ENGLISH_BEFORE_AT_TEXT.split())


def emails(text: str) -> Iterator[Finding]:
    if "@" not in text:
        lowered = text.lower()
        if not any(sign in lowered for sign in _AT_SIGNS):
            return
    for m in _EMAIL_RE.finditer(text):
        if m["at"] != "@" and m["tld"].lower() not in _TLDS:
            continue  # "name at domain dot xyzzy" may be anything, "@abdullahi.xo" is an account
        if m["bare_at"] and m[0][: m.start("at") - m.start()].lower() in _ENGLISH_BEFORE_AT:
            continue
        yield Finding(EMAIL, m.start(), m.end())
