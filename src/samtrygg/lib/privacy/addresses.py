"""Home addresses down to one household: a flat ("lgh 1001", "lägenheten 1402 på tredje våningen"), a street and
number with a flat or a floor ("Ringvägen 3B, lgh 1001", "Storgatan 12, 3 tr"), a c/o address. A street and number
alone ("Storgatan 12") is a place, the usual way an incident is located, and so is an entrance or a stairwell
("port 2", "trapphus 3") without a flat: they are shared by many households."""

import re
from collections.abc import Iterator

from .kinds import ADDRESS, Finding

_LETTER = r"[^\W\d_]"
_SP = "[ \u00a0]"
_SEP = rf"(?:,{_SP}?|{_SP})"
_NUMBER = rf"[0-9]{{1,4}}(?![0-9])(?:{_SP}?[A-Za-z](?!\w))?(?:[-–][0-9]{{1,4}}[A-Za-z]?)?"
_STREET_ENDS_TEXT = (
    "gatan gata vägen väg gränd gränden stigen stig backen backe allén allé alle leden torget torg platsen plats "
    "planen plan slingan slinga gången kajen kaj esplanaden promenaden stråket ringen bågen kroken stranden "
    "terrassen hagen höjden liden lunden gärdet ängen"
)
_STREET_ENDS = _STREET_ENDS_TEXT.split()


def _ends_with(words: list[str]) -> str:
    """A lookbehind for any of words, grouped by length (Python's lookbehind needs a fixed width)."""
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(word)
    return "(?:" + "|".join(f"(?<=(?i:{'|'.join(group)}))" for group in by_length.values()) + ")"


_PREFIX = r"(?i:norra|södra|östra|västra|övre|nedre|gamla|nya|lilla|stora|s:t|s:ta|st\.|sankt|sankta)"
# Capitalised words that come before a number but are no street: "Vecka 12, lgh 1001".
_NOT_STREET = (
    r"(?i:vecka|v|klockan|kl|nr|nummer|rum|sal|hus|huset|port|porten|trapphus|trapphuset|uppgång|uppgången|"
    r"plan|våning|lgh|lägenhet|lägenheten|buss|bussen|linje|spår|sida|bilaga|punkt|kapitel|dag|år|tr|ca|cirka|"
    r"kostnad|totalt|summa|ärende|dnr|box|till|från|mellan|och|sedan|efter|före|kvart)(?!\w)"
)
_STREET = (
    rf"(?:{_PREFIX}{_SP})?{_LETTER}(?:[\w:-]*+{_ends_with(_STREET_ENDS)}|\w*+(?<=[gvGV])\.)"  # Storgatan, storg.
    # Olof Palmes gata, Drottning Kristinas väg
    rf"|(?:[A-ZÅÄÖ][\w:.-]*+{_SP}){{1,2}}(?i:gata|väg|gränd|stig|backe|allé|torg|plats|plan|gång|kaj|park)"
    rf"|(?:{_PREFIX}{_SP})?(?!{_NOT_STREET})[A-ZÅÄÖ][\w:-]++"  # Kvarngärdet: any capitalised word before a flat
)
_ENTRANCE = (
    rf"(?i:port(?:en)?|uppgång(?:en)?|trappuppgång(?:en)?|trapphus(?:et)?|ingång(?:en)?|entré(?:n)?|hus(?:et)?)"
    rf"{_SP}?(?:nr\.?{_SP}?)?[0-9A-Za-z]{{1,3}}(?!\w)"
)
_ORDINAL = r"första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|elfte|tolfte|[0-9]{1,2}(?::?[ae])?"
_FLOOR = (
    rf"(?i:[0-9]{{1,2}}{_SP}?(?:tr|trappor|trappa|trp)\.?(?:{_SP}upp)?(?!\w)"  # 3 tr, 2 trappor upp, 3tr
    rf"|(?:våning|vån\.?|plan){_SP}?(?:nr\.?{_SP}?)?[0-9]{{1,2}}(?!\w)"  # våning 3, plan 2
    rf"|(?:på{_SP})?(?:{_ORDINAL}){_SP}(?:våningen|våning|vån\.?|planet)(?!\w)(?!\.?{_SP}?[0-9])"  # 3:e vån
    r"|bottenvåningen|entréplanet|källarplanet|vindsvåningen)"
)
_FLAT_RE = re.compile(
    rf"(?=[lL])(?<!\w)(?P<word>(?i:lgh|lägenhet(?:en)?|lägenhets))(?P<nr>[ .-]?(?i:nummer|nr))?\.?{_SP}?[:#]?{_SP}?"
    rf"(?P<no>[0-9]{{1,4}}[A-Za-z]?)(?![\w-])"
    rf"(?!,?{_SP}?(?i:rok|r\.o\.k|rum|kvm|m2|m²|kr|kronor|år|st|tr|trappor|%)(?!\w))"
)
_FLOOR_RE = re.compile(rf"(?<!\w){_FLOOR}")
_CO_RE = re.compile(
    rf"(?<!\w)(?i:c/o):?{_SP}?(?!(?:{_STREET}){_SP}[0-9])(?:{_LETTER}[\w'’.-]*)"
    rf"(?:{_SP}(?!(?:{_STREET}){_SP}[0-9])[A-ZÅÄÖ][\w'’-]*){{0,2}}"
    rf"(?:{_SEP}(?:{_STREET}){_SP}{_NUMBER}(?:{_SEP}{_FLOOR})?)?(?:{_SEP}[0-9]{{3}}{_SP}?[0-9]{{2}}(?:{_SP}[A-ZÅÄÖ][\w-]+)?)?"
)
# The pieces of an address, each with the separator after it: "Granvägen 7, " "port 2, " "2 tr, " then the flat.
_STREET_NUMBER_RE = re.compile(rf"(?<![\w:.-])(?:{_STREET}){_SP}{_NUMBER}{_SEP}")
_ENTRANCE_RE = re.compile(rf"(?<!\w){_ENTRANCE}{_SEP}")
_SEP_RE = re.compile(_SEP)
# After a flat: a floor, and a street and number ("lägenhet 1402 på Ringvägen 3"), but not the next address's.
_AFTER_FLAT_RE = re.compile(
    rf"(?:,?{_SP}{_FLOOR})?(?:(?:,{_SP}?|{_SP}(?:på|i|vid){_SP})(?:{_STREET}){_SP}{_NUMBER}"
    rf"(?!{_SEP}(?i:lgh|lägenhet|port|uppgång|trappuppgång|[0-9]{{1,2}}{_SP}?tr)))?"
)
_VISITING_RE = re.compile(r"(?i:besöksadress|besök|kontor|reception)\w*:?\W*$")  # an office, not a home
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
_FLOOR_HINT_RE = re.compile(rf"[0-9](?={_SP}?(?i:tr))|(?i:vån)")  # "plan" alone is an office's floor
_WINDOW = 60


def addresses(text: str) -> Iterator[Finding]:
    flats = [m for m in _FLAT_RE.finditer(text) if _flat_ok(m)]
    floors = list(_FLOOR_RE.finditer(text)) if flats or _FLOOR_HINT_RE.search(text) else []
    spans = [(m.start(), m.end()) for m in _CO_RE.finditer(text)] if "/" in text else []
    if flats or floors:
        # Where each piece before a flat or floor ends (with its separator) -> where it starts. Looked for only just
        # before them: a street is cheap to miss and dear to look for everywhere.
        streets, entrances = {}, {}
        for low, high in _merged([(max(0, m.start() - _WINDOW), m.start()) for m in (*flats, *floors)], touching=True):
            streets.update((m.end(), m.start()) for m in _STREET_NUMBER_RE.finditer(text, low, high))
            entrances.update((m.end(), m.start()) for m in _ENTRANCE_RE.finditer(text, low, high))
        floor_ends = {}
        for m in floors:
            separator = _SEP_RE.match(text, m.end())
            if separator:
                floor_ends[separator.end()] = m.start()
        for m in flats:
            start = floor_ends.get(m.start(), m.start())
            start = entrances.get(start, start)
            start = streets.get(start, start)
            after = _AFTER_FLAT_RE.match(text, m.end())
            spans.append((start, after.end() if after else m.end()))
        for m in floors:  # "Storgatan 12, 3 tr": a floor counts only with a street and number
            if m[0][:4].lower() == "plan":
                continue  # "Södermalmsallén 36, plan 5": offices have floors called plan, homes trappor and våningar
            start = entrances.get(m.start(), m.start())
            if start in streets and not _VISITING_RE.search(text, max(0, streets[start] - 24), streets[start]):
                spans.append((streets[start], m.end()))
    yield from (Finding(ADDRESS, start, end) for start, end in _merged(spans))


def _flat_ok(m: re.Match[str]) -> bool:
    """Not "lägenhets 12", which is no way to write it, nor "lägenheten 2019", which is a year."""
    word = m["word"].lower()
    return bool(m["nr"]) or (word != "lägenhets" and (word == "lgh" or not _YEAR_RE.fullmatch(m["no"])))


def _merged(spans: list[tuple[int, int]], *, touching: bool = False) -> list[tuple[int, int]]:
    """The union of spans, sorted; with touching, spans that only meet are joined too."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start < merged[-1][1] or (touching and start == merged[-1][1])):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
