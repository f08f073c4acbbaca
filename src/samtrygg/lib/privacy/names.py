"""Person names, told apart from places that carry or resemble names.

A name is a run of words (single spaces between them) in which a word is a known given name or surname, in any
case and in the genitive ("Eriks", "Johanssons"), with unknown capitalised words beside it joined ("Erik
Kowalczyk"). Whether it counts depends on how sure the words are and on the words around it:

- a sure name counts alone: a common name in Sweden or a given name from elsewhere, capitalised ("Fatima",
  "Zainab"), or a common name in Sweden in lowercase ("ahmed och hans kompis");
- a name that is also a word or a place ("Per", "Björn", "lina", "Åsa", "Fredrika") counts beside another name
  ("Per Berg"), mid-sentence for a capitalised given name that is only a rare word ("Lena", "Lisa"), or in a
  person's context: "grannen Björn", "hette Per", "hos Åsa", "Åsa ringde", "Erik och Åsa";
- nothing counts in a place's context: before a place word ("Olof Palmes gata", "Astrid Lindgrens skola",
  "Sankt Görans sjukhus", "Erik Dahlbergsgatan"), after a saint's or a monarch's title ("Sankt Lars", "S:ta
  Gertruds", "kung Karl"), with a regnal number ("Christian IV:s gata", "Karl XII"), after a place preposition
  ("i Åsa", "vid Fredrika"; "i" and "vid" before any name that is not a genitive), or as a known multi-word
  place or brand ("Lina Hage", "Max Burgers", "Gina Tricot");
- nothing counts as a firm or a term: a genitive before a trade ("Jacobs kaffe", "Anderssons bygg", "Kajs
  samfällighet"; not before a thing a person owns: "Siri Lindgrens bil"), a run with an English firm word
  ("Jensen Education", "Business Improvement District"), what follows "så kallat" or "kallat", an abbreviation
  defined beside it ("Bob (Barn och unga i organiserad brottslighet)", "operativa avdelning (NOA)");
- ALL CAPS is a heading or an acronym unless it is a known name that is no word: beside another name ("ERIK
  JOHANSSON", "ALI HASSAN") or, five letters or more (three after a role noun: "grannen OMAR"), in a person's
  context ("SAMVERKAN MED ANDRA AKTÖRER", "hos IVO" are none);
- a pronoun or brand on the everyday-word list that is also a name ("Han", "Vi", "De", "Willys", "Kik") counts
  only beside another name or after "hette"; a common given name among them ("Hans", "Inga") also in a person's
  context, but not after "hos", "med", "till" ...;
- a title in quotes starts like a sentence, so a word there is no sure name (”Allas vårt ansvar”); an identity
  number right after a name ("lucía rodríguez, 480217-1043") makes it a person's.

The word lists are in data/ (SOURCES.md says where each comes from); the ones ending in .gz are written by
scripts/build-privacy-data. All are read once, on first use.
"""

import gzip
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from .kinds import NAME, Finding

# Flags of a lowercase word in the lexicon.
GIVEN, SURNAME, COMMON, WORD, AMBIGUOUS, PLACE, KNOWN, GENITIVE, STOP, NAMED = (1 << i for i in range(10))
NAME_FLAGS = GIVEN | SURNAME
# COMMON: common in Sweden. WORD: also an everyday word (ambiguous in lowercase and at the start of a sentence).
# AMBIGUOUS: always needs another name or a person's context. PLACE: also a place. KNOWN: a known word that is no
# name ("polisen", "Stockholm") and never joins one. STOP: on the everyday-word list ("han", "man"), never a
# lowercase name. NAMED (on a token, not in the lexicon): right after "hette", "kallas" ...

_TOKEN_RE = re.compile(r"(?<!\w)[^\W\d_]+(?:-[^\W\d_]+)*(?!\w)")  # not glued to digits: "erik99"
_ROMAN_RE = re.compile(r"[IVX]{1,5}")
_SURNAME_LIKE_RE = re.compile(r"(?:sson|qvist|kvist|ström|ić|ski|zadeh|oğlu|oglu|ainen|äinen|inen)$")
# A place word: "Storgatan", "torget", "barnsjukhus", "Lindh-skolan".
_PLACE_WORD_RE = re.compile(
    r"(?:gata|gatan|väg|vägen|gränd|gränden|torg|torget|plan|planen|plats|platsen|park|parken|allé|allén|backe|"
    r"backen|stig|stigen|leden|bro|bron|kaj|kajen|skola|skolan|skolor|gymnasium|gymnasiet|förskola|förskolan|"
    r"kyrka|kyrkan|kapell|kapellet|sjukhus|sjukhuset|vårdcentral|vårdcentralen|hälsocentral|bibliotek|biblioteket|"
    r"hall|hallen|badet|museum|museet|center|centret|centrum|gård|gården|kvarter|kvarteret|minne|församling|"
    r"församlingen|kyrkogård|kyrkogården|hem|hemmet|huset|institut|institutet|akademi|akademin|högskola|"
    r"universitet|universitetet|stadion|arena|arenan|hamn|hamnen|strand|stranden|udde|udden|holme|holmen|"
    r"äng|ängen|hage|hagen|lund|lunden|dal|dalen|boende|äldreboende|hus|skolgård|skolgården|station|stationen|"
    r"terminal|terminalen|galleria|gallerian|bageri|konditori|pizzeria|pizzerian|restaurang|stiftelse|fond|"
    r"priset|pris|sal|salen|aula|aulan|kvarn|kvarnen|berg|berget|terrass|terrassen|promenad|promenaden|esplanad|"
    r"esplanaden|kulle|kullen|slinga|slingan|plantering|planteringen)$"
)
# The last word of a run that makes it a place: "Erik Dahlbergsgatan", "Karl Johansskolan".
_STREET_RE = re.compile(
    r"(?:gatan|gata|vägen|väg|gränd|gränden|torget|torg|platsen|plats|plan|planen|parken|park|allén|allé|backen|"
    r"backe|stigen|leden|bron|skolan|skola|gymnasiet|huset|hallen|badet|centrum|centret|center|kyrkan|kyrka|"
    r"kapellet|sjukhuset|vårdcentralen|kyrkogården|stationen)$"
)
_SAINT_OR_TITLE_BEFORE_RE = re.compile(r"(?:\bS:ta?|\bSt\.|\bSta\.)[ \u00a0]+$")
_SENTENCE_OPENERS = " \t\"'«»“”‘’([*•–—-"
_QUOTES = "\"'«»“”‘’„"  # a title in quotes starts with a capital like a sentence: ”Allas vårt ansvar”
_INITIALS_RE = re.compile(r"[^\W\d_]+")
# An identity number right after the words: "Rahul Chowdhury, 20050601 2012", "lucía rodríguez, 480217-1043".
_IDENTITY_AFTER_RE = re.compile(r"(?:, | \()(?:\d{2})?\d{2}(?:0[1-9]|1[0-2])\d{2}(?: ?[-+–] ?| )?\d{4}(?!\d)")
_GAPS = frozenset({" ", "\u00a0"})

# --- the words around a name (lowercase) ----------------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NAMING = _words(
    "hette heter heta hetat kallas kallad kallade kallades kallat kallar namn namnet namnen alias smeknamnet "
    "smeknamn förnamn förnamnet efternamn efternamnet aka"
)
_PERSON_BEFORE = _NAMING | _words(
    "hos med herr fru fröken mamman pappan modern fadern föräldern sonen dottern brodern bror brorsan systern "
    "syster syrran kusinen kusin farbror morbror faster moster mormor farmor morfar farfar sambon frun maken "
    "hustrun pojkvännen flickvännen lillebror storebror lillasyster storasyster grannen grannkvinnan grannpojken "
    "grannflickan grannmannen granne pojken flickan killen tjejen mannen kvinnan eleven elev eleverna kompisen "
    "kompis kamraten klasskamraten vännen kollegan hyresgästen vittnet anmälaren föraren målsäganden offret "
    "väktaren vakten ordningsvakten läraren lärare rektorn rektor mentorn kuratorn fritidsledaren ungdomen tränaren "
    "handläggaren socialsekreteraren fältassistenten chauffören busschauffören ägaren butiksägaren "
    "fastighetsskötaren vaktmästaren kontaktpersonen kontaktperson åringen åriga årige åring polisen personalen "
    "barnet bebisen gärningsmannen misstänkte enligt till åt av familjen familj hyresgäst mentor"
)
_PERSON_AFTER = _words(
    "sa sade säger berättade berättar ringde ringer mejlade sms skrev skriver uppgav uppger anmälde anmäler hotade "
    "hotar slog slår sparkade knuffade rånade rånar stal snattade sprang springer grät skrek svarade frågade tyckte "
    "tycker ville vill bor bodde jobbar jobbade arbetar arbetade pluggar går gick kom kommer blev åkte cyklade "
    "kastade hittade såg ser hörde mådde mår försvann hamnade fick tog mobbade mobbas hotades misshandlades greps "
    "anhölls dömdes själv själva brukar fyller fyllde"
)
_PLACE_BEFORE = _words(
    "i vid utanför nära genom längs inom centrala förbi bortom från mot mellan kring runt över till på om norra "
    "södra östra västra mellersta inre yttre övre nedre gamla byn orten samhället"
)
_LOCATIVE = _words("i vid utanför nära genom längs inom centrala förbi bortom")
_TITLE_BEFORE = _words(
    "sankt sankta san santa saint st sta kung kungen drottning drottningen prins prinsen prinsessan kronprinsessan "
    "kronprinsen hertig hertigen hertiginnan påve påven kejsare kejsaren tsar greve friherre"
)
_COORDINATION = frozenset({" och ", ", ", " & ", " samt ", " eller "})
# Prepositions that take persons and things alike ("hos Willys", "med IVO"): a person's context, but not for an
# everyday word or brand that is also a name, nor for a short word in capitals.
_WEAK_BEFORE = _words("hos med till åt av enligt")
# "så kallat Business Improvement District", "ett arbetssätt kallat Ideburet ...": a term follows, not a person.
_TERM_NAMING = _words("kallat")
_SO_CALLED = _words("kallad kallade kallat kallas")
# A trade or an organisation after a genitive makes the genitive a firm's name: "Jacobs kaffe", "Lars Hedlunds
# Bil", "Anderssons bygg", "Kajs samfällighet". Exact words, and no thing a person owns: "Eriks cykel", "Siri
# Lindgrens bil" stay a person's.
_FIRM_AFTER_GENITIVE = _words(
    "kaffe kafé café bilservice bilhandel bygg byggare byggnads måleri el elektriska rör vvs städ städning flytt "
    "åkeri transport trafikskola blommor blomsterhandel fisk chark livs optik järnhandel färg frisör frisörer "
    "salong grill pizza sushi tandvård tandläkare fastigheter förvaltning samfällighet samfällighetsförening "
    "förening föreningen bolag byrå advokatbyrå redovisning revision mäkleri begravningsbyrå verkstad "
    "bilverkstad bageri konditori handel varuhus"
)
# Words that make a run with a name a firm or a term in any case and position: "Jensen Education", "jensen
# education", "Business Improvement District" (English words that no person is named).
_FIRM_WORDS = _words(
    "ab hb kb education consulting consultants group services service solutions systems international partners "
    "company inc ltd design media holding holdings invest capital security trading logistics coffee kitchen "
    "store stores shop house business district improvement foundation academy school college institute center "
    "centre fashion sports fitness entertainment productions studio studios foods restaurant club"
)


@cache
def _lexicon() -> tuple[dict[str, int], frozenset[tuple[str, ...]]]:
    data = files("samtrygg.lib.privacy").joinpath("data")

    def lines(name: str) -> list[str]:
        if name.endswith(".gz"):
            text = gzip.decompress(data.joinpath(name).read_bytes()).decode("utf-8")
        else:
            text = data.joinpath(name).read_text(encoding="utf-8")
        return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]

    def words(name: str) -> set[str]:
        return {w.lower() for line in lines(name) for w in line.split()}

    lex: dict[str, int] = {}

    def add(keys: set[str], flag: int) -> None:
        for key in keys:
            lex[key] = lex.get(key, 0) | flag

    for name, flag in (("world_given_names.txt.gz", GIVEN), ("world_surnames.txt.gz", SURNAME)):
        starred = lines(name)
        add({n.lower() for n in starred if not n.startswith("*")}, flag)
        add({n[1:].lower() for n in starred if n.startswith("*")}, flag | COMMON)
    add(words("first_names.txt"), GIVEN | COMMON)
    add(words("surnames.txt"), SURNAME | COMMON)
    for key in [k for k, v in lex.items() if v & NAME_FLAGS and len(k) > 2 and not k.endswith(("s", "x", "z"))]:
        # genitives: "eriks", "johanssons"; "mats", "jonas", "klas" are names of their own
        own = lex.get(key + "s", 0)
        genitive = 0 if own & COMMON else GENITIVE
        lex[key + "s"] = own | (lex[key] & (NAME_FLAGS | COMMON)) | genitive
    add(words("name_words.txt.gz"), WORD)
    add(words("ambiguous_names.txt"), AMBIGUOUS)
    places = words("gazetteer.txt.gz") | {w for line in lines("places.txt") for w in line.lower().split()}
    add(places, PLACE)
    add(words("common_words.txt"), KNOWN | STOP)
    for key, flags in list(lex.items()):
        if flags & NAME_FLAGS and flags & (PLACE | KNOWN):
            lex[key] = (flags | AMBIGUOUS) & ~KNOWN
    phrases = frozenset(tuple(line.lower().split()) for line in lines("place_phrases.txt"))
    return lex, phrases


class _Token:
    __slots__ = ("start", "end", "key", "flags", "case")

    def __init__(self, start: int, end: int, key: str, flags: int, case: str):
        self.start, self.end, self.key, self.flags, self.case = start, end, key, flags, case

    @property
    def name(self) -> bool:
        return bool(self.flags & NAME_FLAGS)


def _flags(key: str, lex: dict[str, int]) -> int:
    flags = lex.get(key)
    if flags is not None or "-" not in key:
        return flags or 0
    parts = [lex.get(p, 0) for p in key.split("-")]  # "Anna-Karin", "Berg-Andersson", "Upplands-Bro"
    named = [f for f in parts if f & NAME_FLAGS]
    if not named:
        return KNOWN if all(f & (KNOWN | PLACE) for f in parts) else 0
    flags = 0
    for f in named:
        flags |= f & (NAME_FLAGS | COMMON)
    if all(f & AMBIGUOUS for f in named):
        flags |= AMBIGUOUS
    return flags


def names(text: str) -> Iterator[Finding]:
    lex, phrases = _lexicon()
    get = lex.get
    tokens: list[_Token] = []  # capitalised words and names; lowercase words are only looked at around them
    previous = ""
    for m in _TOKEN_RE.finditer(text):
        word = m[0]
        if word[0].islower():
            flags = get(word)
            if flags is None:
                flags = _flags(word, lex) if "-" in word else 0
            # a lowercase name that is also a word ("per", "bo", "lina") only after "hette", "kallas" ...
            if not flags & NAME_FLAGS or (flags & (WORD | STOP) and (flags & STOP or previous not in _NAMING)):
                previous = word
                continue
            tokens.append(_Token(m.start(), m.end(), word, flags, "L"))
        else:
            key = word.lower()
            flags = get(key)
            if flags is None:
                flags = _flags(key, lex) if "-" in key else 0
            if len(word) > 1 and word.isupper():
                case = "U"
            else:
                case = "T"
                if not flags and _SURNAME_LIKE_RE.search(key):
                    flags = SURNAME | COMMON
            if previous in _NAMING:
                flags |= NAMED
            tokens.append(_Token(m.start(), m.end(), key, flags, case))
        previous = tokens[-1].key
    if not tokens:
        return
    spans: list[tuple[int, int]] = []
    weak: list[tuple[int, int]] = []  # names that count only beside a name
    i, n = 0, len(tokens)
    while i < n:
        k = i  # tokens[i : k + 1] is a run of capitalised words or names with single spaces between them
        while k + 1 < n and _joined(text, tokens[k], tokens[k + 1]):
            k += 1
        if any(t.flags & (NAME_FLAGS | NAMED) for t in tokens[i : k + 1]):
            _run(text, tokens[i : k + 1], lex, phrases, spans, weak)
        i = k + 1
    if not spans:
        return
    spans.extend(_coordinated(text, spans, weak))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:  # overlapping or neighbouring (one space apart) spans become one
        if merged and (start < merged[-1][1] or text[merged[-1][1] : start] in _GAPS):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield Finding(NAME, start, end)


_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \u00a0]$")
_AFTER_RE = re.compile(r"[ \u00a0]([^\W\d_]+)")


def _word_before(text: str, pos: int) -> str:
    """The word just before pos, one space between, lowercase ("" if none)."""
    m = _BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m[1].lower() if m else ""


def _lowercase_word_after(text: str, pos: int) -> str:
    m = _AFTER_RE.match(text, pos)
    return m[1] if m and m[1][0].islower() else ""


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    if gap in _GAPS:
        return True
    # an initial: "Frans G. Bengtssons väg"; a regnal number: "Christian IV:s gata"
    return (gap in {". ", ".\u00a0"} and left.end - left.start == 1) or (gap == ":" and right.key == "s")


def _run(text, run, lex, phrases, spans, weak) -> None:
    if any(t.case == "U" and _ROMAN_RE.fullmatch(text[t.start : t.end]) for t in run):
        return  # "Karl XII", "Christian IV:s gata"
    if _SAINT_OR_TITLE_BEFORE_RE.search(text, max(0, run[0].start - 6), run[0].start):
        return  # "S:t Eriks", "S:ta Gertruds"
    after = _lowercase_word_after(text, run[-1].end)
    if _STREET_RE.search(run[-1].key) or (after and _PLACE_WORD_RE.search(after)):
        return  # "Olof Palmes gata", "Erik Dahlbergsgatan", "Astrid Lindgrens barnsjukhus"
    if len(after) > 3 and after.endswith("s") and not run[-1].flags & GENITIVE and not lex.get(after, 0) & STOP:
        then = _lowercase_word_after(text, run[-1].end + 1 + len(after))
        if then and _PLACE_WORD_RE.search(then):
            return  # in lowercase the surname is no token: "nils ferlins torg", "evert taubes terrass"
    if after in _FIRM_WORDS or any(t.key in _FIRM_WORDS for t in run) or (
        after in _FIRM_AFTER_GENITIVE and run[-1].flags & GENITIVE
    ):
        return  # a firm or a term: "Jensen Education", "Jacobs kaffe", "Lars Hedlunds bil"
    if len(run) == 1 and _acronym(text, run[0]):
        return  # "Bob (Barn och unga i organiserad brottslighet)", "avdelning (NOA)"
    barrier = [False] * len(run)
    if len(run) > 1:
        for size in (3, 2):
            for s in range(len(run) - size + 1):
                if tuple(t.key for t in run[s : s + size]) in phrases:
                    barrier[s : s + size] = [True] * size  # "Lina Hage", "Max Burgers"
    before, start = _word_before(text, run[0].start), 0
    for pos, token in enumerate(run):
        if barrier[pos] or token.flags & KNOWN or (token.flags & PLACE and not token.name):
            if pos > start:
                _part(text, run[start:pos], before, "", spans, weak)
            before, start = token.key, pos + 1
            if token.key in _TITLE_BEFORE:
                return  # "Sankt Lars", "kung Karl": what follows in the run is no private person
    if start < len(run):
        _part(text, run[start:], before, after, spans, weak)


def _part(text, part, key_before, key_after, spans, weak) -> None:  # noqa: C901 - one decision, kept together
    """Names in a run of name words and unknown capitalised words, between the words before and after (keys)."""
    if key_before in _TITLE_BEFORE:
        return
    if key_before in _TERM_NAMING or (
        key_before in _SO_CALLED and _word_before(text, part[0].start - len(key_before) - 1) == "så"
    ):
        key_before = ""  # "så kallat Business Improvement District", "ett arbetssätt kallat ..."
    naming = key_before in _NAMING
    sentence_start = _at_sentence_start(text, part[0].start)
    named = [t for t in part if t.name]
    verb = len(named) > 1 and named[0].flags & WORD and named[1].flags & GIVEN
    if sentence_start and verb and named[0] is part[0]:
        part, named = part[1:], named[1:]  # "Ring Anna Svensson": "ring" is also a surname
    if not named:
        if naming and part[0].case == "T":  # "en av dem hette Zlatko"
            spans.append((part[0].start, part[-1].end))
        return
    identified = bool(_IDENTITY_AFTER_RE.match(text, part[-1].end))
    weak_person = key_before in _WEAK_BEFORE and key_after not in _PERSON_AFTER and not identified
    person = naming or identified or key_before in _PERSON_BEFORE or key_after in _PERSON_AFTER
    place = key_before in _PLACE_BEFORE and not naming
    first, last = part.index(named[0]), part.index(named[-1])
    sure = [_sure(t, sentence_start and t is part[0]) for t in named]
    owner = named[-1] is part[-1] and named[-1].flags & GENITIVE
    if owner and (key_after or not _AFTER_RE.match(text, part[-1].end)):  # "Johanssons hund", not "Anderssons Bygg"
        sure[-1] = sure[-1] or _sure(named[-1], sentence_start and len(part) == 1, genitive_ok=True)
    cased = [t.case != "L" or t.flags & COMMON for t in named]
    caps = [t for t in named if t.case == "U"]
    if len(named) >= 2 and last - first + 1 == len(named):  # neighbouring names: "Per Berg", "erik johansson"
        ok = any(sure) or all(t.case == "T" for t in named) or person
        if caps:  # "ERIK JOHANSSON", "ALI HASSAN", not a heading of everyday words: "BEHOV AV MÅL OCH ..."
            ok = any(_caps_name(t) and (person or t.flags & COMMON) for t in caps)
        ok = ok and not (place and not any(sure)) and not all(t.flags & STOP for t in named)
        if ok and (all(cased) or identified):
            spans.append(_widened(text, part, first, last, sentence_start))
            return
    found = False
    for t, is_sure in zip(named, sure, strict=True):
        if place and (not is_sure or (key_before in _LOCATIVE and not t.flags & GENITIVE)):
            continue  # "i Åsa", "vid Fredrika", "i Sofia"
        if t.flags & STOP and not naming and (weak_person or t.flags & (GIVEN | COMMON | GENITIVE) != GIVEN | COMMON):
            continue  # an everyday word or brand alone: "Han sade", "Vi hörde", "De säger", "hos Willys"
        if t.case == "U":  # ALL CAPS: a heading or an acronym unless a known name in a person's context
            if person and _caps_name(t, short=not weak_person):
                spans.append((t.start, t.end))
                found = True
            elif _caps_name(t):
                weak.append((t.start, t.end))  # "träffade MIRELA och Ewa"
            continue
        idx = part.index(t)
        followed = idx + 1 < len(part) and part[idx + 1].case == "T" and not part[idx + 1].name
        if (
            is_sure
            or (person and (t.case != "L" or naming))
            or (t.case == "T" and t.flags & GIVEN and followed and not sentence_start and not place)  # "så Per Ek"
        ):
            spans.append(_widened(text, part, idx, idx, sentence_start))
            found = True
        elif t.case == "T":
            weak.append(_widened(text, part, idx, idx, sentence_start))
    if not found and naming and part[0].case == "T":
        spans.append((part[0].start, part[-1].end))


def _sure(t: _Token, sentence_start: bool, *, genitive_ok: bool = False) -> bool:
    """A name that counts without another name or a person's context."""
    flags = t.flags
    if flags & AMBIGUOUS:
        return False
    if t.case == "T":
        if t.end - t.start <= 2:
            return False  # "Li", "Ma", "He": only beside another name
        if flags & WORD and (sentence_start or not flags & GIVEN):
            return False  # "Björk", "Lisa" at the start of a sentence
        if not flags & COMMON and not flags & GIVEN:
            return False  # a surname from elsewhere alone: "Vega", "Koski"
        return genitive_ok or not (flags & GENITIVE and not flags & GIVEN)  # "Anderssons Bygg": a firm
    if t.case == "U":
        return False  # ALL CAPS alone: a heading ("SAMVERKAN MED ANDRA AKTÖRER") or an acronym ("IVO", "NOA")
    # lowercase: only a common name in Sweden that is no word
    return bool(flags & COMMON) and not flags & WORD and t.end - t.start >= 3


def _caps_name(t: _Token, *, short: bool = False) -> bool:
    """An ALL CAPS word that is a known name and no word or place, of five letters or more (shorter ones, "IVO",
    "NOA", are mostly acronyms; short=True: three or more, after a role noun such as "grannen OMAR")."""
    return t.end - t.start >= (3 if short else 5) and not t.flags & (WORD | STOP | AMBIGUOUS | KNOWN | PLACE)


def _acronym(text: str, t: _Token) -> bool:
    """t is defined as an abbreviation: its letters are, in order, initials of the words in the parentheses after
    it ("Bob (Barn och unga i organiserad brottslighet)") or of the words before "(t)" ("operativa avdelning
    (NOA)"), the first letter on the first word (after Schwartz and Hearst's rule for abbreviation definitions)."""
    letters = text[t.start : t.end].lower()
    if not 2 <= len(letters) <= 6:
        return False
    limit = min(len(letters) + 5, 2 * len(letters))
    if text.startswith(" (", t.end) or text.startswith("(", t.end):
        close = text.find(")", t.end, t.end + 120)
        words = _INITIALS_RE.findall(text, t.end, close) if close > 0 else []
        return len(words) <= limit and _initials_spell(letters, words)
    if text[t.start - 1 : t.start] == "(" and text[t.end : t.end + 1] == ")":
        words = _INITIALS_RE.findall(text, max(0, t.start - 120), t.start - 1)[-limit:]
        return any(_initials_spell(letters, words[i:]) for i in range(len(words)))
    return False


def _initials_spell(letters: str, words: list[str]) -> bool:
    if not words or words[0][0].lower() != letters[0]:
        return False
    rest = iter(w[0].lower() for w in words[1:])
    return all(letter in rest for letter in letters[1:])


def _widened(text, part, first, last, sentence_start) -> tuple[int, int]:
    """The span of part[first..last], with an unknown capitalised word before a surname or after a given name."""
    if (
        first > 0
        and part[first - 1].case == "T"
        and part[first].flags & NAME_FLAGS == SURNAME
        and not part[first - 1].name
        and not (sentence_start and first == 1)
    ):
        first -= 1  # "Kalle Svensson", "Abdulrahman Ibrahim"
    if last + 1 < len(part) and part[last + 1].case == "T" and part[last].flags & GIVEN:
        last += 1  # "Erik Kowalczyk", "så Per Ekholm"
        while last + 1 < len(part) and part[last + 1].case == "T" and part[last + 1].flags & SURNAME:
            last += 1
    return part[first].start, part[last].end


def _coordinated(
    text: str, spans: list[tuple[int, int]], weak: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """A name that needs context, joined by "och" or a comma to a name: "Erik och Åsa", "Åsa, Erik och Lo"."""
    if not weak or not spans:
        return
    ends = {end for _, end in spans}
    starts = {start for start, _ in spans}
    for start, end in weak:
        if any(text[e:start] in _COORDINATION for e in ends if 0 <= start - e <= 6) or any(
            text[end:s] in _COORDINATION for s in starts if 0 <= s - end <= 6
        ):
            yield start, end


def _at_sentence_start(text: str, pos: int) -> bool:
    if text[pos - 1 : pos] in _QUOTES and pos > 0 and (pos == 1 or not text[pos - 2].isalnum()):
        return True  # a title opens a quote: ”Allas vårt ansvar”
    i = pos - 1
    while i >= 0 and text[i] in _SENTENCE_OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r"
