"""Person names, told apart from places that carry or resemble names."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from .kinds import NAME, Finding

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
        text = files("samtrygg.lib.privacy").joinpath("data", name).read_text(encoding="utf-8")
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


def names(text: str) -> Iterator[Finding]:
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
