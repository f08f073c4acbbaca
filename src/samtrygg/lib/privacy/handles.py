"""Social-media accounts: "@namn_123", "användaren X på Snapchat", "kontot namn_123 på Instagram", "på TikTok som
xyz", "hans snap är abc123", "snap: abc", "Discord: namn#1234", "instagram.com/namn". A platform named alone ("på
Instagram", "via Snapchat") is no account and is fine to write."""

import re
from collections.abc import Iterator

from .kinds import HANDLE, Finding

_SP = "[ \u00a0]"
_PLATFORMS_TEXT = (
    "snapchat snap snapen snappen sc instagram insta instan ig tiktok tik-tok facebook fb messenger twitter discord "
    "telegram kik whatsapp youtube twitch kick reddit threads bluesky steam xbox psn roblox linkedin tinder onlyfans "
    "vsco bereal"
)
_PLATFORMS = _PLATFORMS_TEXT.split() + ["tik tok"]


def _alternation(words: list[str], *, word_start: bool = False) -> str:
    """words as one case-insensitive pattern that looks at the first letter first: most places fail there, and a
    pattern that starts with a set of characters is searched for in C, fast. With word_start, only at the start of
    a word (the lookbehind comes after the first letter, so that the pattern still starts with the set)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    tails = "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in by_first.items())
    after_first = r"(?<!\w.)" if word_start else ""
    return f"(?i:[{''.join(by_first)}]{after_first}(?:{tails}))"


_ACCOUNT_WORDS_TEXT = "kontot konto namnet namn användarnamnet användarnamn profilen profil kanalen kanal"
_ACCOUNT_WORDS = _ACCOUNT_WORDS_TEXT.split()
# "Snapchat", and with an account word: "snapchat-kontot", "instagramkontot", "tiktokprofilen", "snapnamnet"
_PLATFORM_WORD = rf"{_alternation(_PLATFORMS)}(?P<account>-?{_alternation(_ACCOUNT_WORDS)})?"
_Q = "[\"'“”«»‘’]"
_NAME = r"(?P<token>@?\w(?:[\w.#-]{0,38}\w)?)"
_PRONOUN = rf"(?:(?i:han|hon|hen|den|det|de){_SP})?"

# What follows a platform, and how sure the words make us of the name after them. "any": a name that is no everyday
# word; "end": one that also ends the clause ("snap: abc." but not "Snapchat: ungdomar sprider ..."); "like": only
# one that looks like an account name (digits, "_", "#" or a dot inside: abc_123, sahra.xo, Shadow#4471).
_AFTER_PLATFORM = [
    (re.compile(rf"{_SP}?[:=]{_SP}?{_Q}?{_NAME}"), "end"),  # snap: abc, Discord: namn#1234
    (re.compile(rf"{_SP}(?i:är|heter){_SP}{_PRONOUN}(?:(?i:typ){_SP})?{_Q}?{_NAME}"), "end"),  # hans snap är abc123
    # Snapchat sahra.xo, på Discord skriver Shadow#4471, Instagram med bilder från kalle_99
    (re.compile(rf"{_SP}(?:[^\W\d_]+{_SP}){{0,3}}{_NAME}"), "like"),
]
# after a platform with an account word: "Instagramkontot lilbosse har lagt ut filmer"
_AFTER_ACCOUNT_RE = re.compile(rf"{_SP}{_Q}?{_NAME}")
# ... and after "på TikTok": "på TikTok som xyz", "på snap heter hen abc", "på insta är han bosse.k"
_AFTER_ON_PLATFORM_RE = re.compile(
    rf"{_SP}(?:(?i:som|under{_SP}namnet|med{_SP}namnet|heter|är|kallar{_SP}sig){_SP}{_PRONOUN}"
    rf"|(?i:kallar){_SP}{_PRONOUN}(?i:sig){_SP}){_Q}?{_NAME}"
)
_ON_RE = re.compile(rf"(?i:på|i|via){_SP}$")
# A name like an account a few words before "på Snapchat": "kalle_99 skrev till henne på Snapchat"
_NEAR_BEFORE_ON_PLATFORM_RE = re.compile(
    rf"(?<![\w@.#-]){_NAME}(?:{_SP}[^\W\d_]+){{1,3}}{_SP}(?i:på|i|via){_SP}$"
)
# A name and the platform in brackets: "lilbosse (snap)", "kalle_99 (på insta)"
_BEFORE_BRACKET_RE = re.compile(rf"(?<![\w@.#-]){_NAME}{_SP}?\((?:(?i:på){_SP})?$")
# Before "på Snapchat": "användaren X", "kallar sig ghost.boy08", "följ lilbosse" (any name), or abc_123 alone.
_BEFORE_KEYWORDS_TEXT = (
    "användaren användarnamnet användarnamn kontot konto profilen profil kanalen kanal alias aliaset nicket nick "
    "heter följ följer följa adda addar addade"
)
_BEFORE_KEYWORDS = _BEFORE_KEYWORDS_TEXT.split()
_BEFORE_ON_PLATFORM_RE = re.compile(
    rf"(?:(?<!\w)(?P<keyword>{_alternation(_BEFORE_KEYWORDS)}|(?i:kallar{_SP}sig))(?!\w){_SP}{_Q}?)?"
    rf"(?<![\w@.#-]){_NAME}{_Q}?{_SP}(?i:på|i|via){_SP}$"
)
# Words that announce an account without a platform: "användarnamn kalle_pt_91", "under namnet lilbosse",
# "kontot namn_123" (the last only with a name that looks like an account).
_KEYWORDS_TEXT = (
    "användaren användare användarnamnet användarnamn kontot konto profilen profil kanalen alias aliaset nicket nick "
    "heter tiktokaren youtubern influencern streamern"
)
_KEYWORDS = [*_KEYWORDS_TEXT.split(), "kallar sig", "under namnet", "med användarnamnet"]
# "kontot: xyz", "kontot är xyz", "kontot som heter xyz": the words after the keyword make it sure.
_KEYWORD_RE = re.compile(
    rf"(?P<keyword>{_alternation(_KEYWORDS, word_start=True)})(?!\w)"
    rf"(?P<sure>{_SP}?:|{_SP}(?i:är|som{_SP}heter|som{_SP}kallas|med{_SP}namnet))?{_SP}{_Q}?{_NAME}"
)
_SURE_KEYWORDS = ("användarnamn", "alias", "nick", "under", "med")
# Names that are accounts wherever they stand: with an underscore (lill_g_0318, malmo_gang, king__), a Discord tag
# (Shadow#4471) or letters, a dot and digits (ghost.boy08, malmo.08); not in an e-mail address, a web address or
# a file name, and not "kl.18" or "fig.3".
_ACCOUNT_SHAPED_RE = re.compile(
    r"(?<![\w@./#-])(?P<token>\w*[^\W\d_]\w*_\w*|\w*_\w*[^\W\d_]\w*|[^\W\d_]\w*#[0-9]{4})(?![\w@/#]|\.\w)"
)
# The dotted ones are looked for from the dot (a pattern that starts with a literal is searched for in C, fast).
_DOT_DIGITS_RE = re.compile(r"\.(?P<after>[^\W\d_]*)(?P<digits>[0-9]+)(?![\w@/#]|\.\w)")
_BEFORE_DOT_RE = re.compile(r"(?<![\w@./#-])[^\W\d_]+$")
_PERSON_KEYWORDS = ("tiktokaren", "youtubern", "influencern", "streamern")
_PLATFORM_RE = re.compile(
    rf"{_alternation(_PLATFORMS, word_start=True)}(?P<account>-?{_alternation(_ACCOUNT_WORDS)})?(?!\w)"
)
_PLATFORM_ONLY_RE = re.compile(_PLATFORM_WORD)
# Cheap tests first (substrings are looked for in C): most texts name no platform and use no account word.
_PLATFORM_HINTS = tuple(p for p in _PLATFORMS if len(p) > 3)
_SHORT_PLATFORM_RE = re.compile(rf"{_alternation([p for p in _PLATFORMS if len(p) <= 3], word_start=True)}(?!\w)")
_KEYWORD_HINTS = tuple(_KEYWORDS)
# @namn_123, but not an e-mail address (name@domain.se), a domain ("@gmail.com") or "@ 18:00"
_AT_RE = re.compile(r"(?<![\w.@/+-])@\w(?:[\w.]{0,38}\w)?(?![\w@])")
_DOMAIN_RE = re.compile(r".*\.(?:se|nu|com|net|org|eu|io|me|co|uk|dk|no|fi|de)", re.IGNORECASE)
# instagram.com/namn, tiktok.com/@namn, facebook.com/namn: the address up to and with the account name
_URL_RE = re.compile(
    r"(?i:(?:https?://)?(?:www\.|m\.|mobile\.|vm\.)?"
    r"(?:instagram\.com|instagr\.am|tiktok\.com|facebook\.com|fb\.com|twitter\.com|x\.com|snapchat\.com/add|"
    r"youtube\.com|twitch\.tv|kick\.com|reddit\.com/u(?:ser)?|linkedin\.com/in|threads\.net|t\.me|onlyfans\.com|"
    r"vsco\.co)/)(?P<token>@?[\w.-]*\w)"
)
_NOT_ACCOUNTS_TEXT = (
    "p reel reels explore groups group pages events watch hashtag tag tags search help about login share stories "
    "policies legal privacy settings video videos channel c results marketplace gaming profile.php home discover "
    "shorts live story add u user in"
)
_NOT_ACCOUNTS = frozenset(_NOT_ACCOUNTS_TEXT.split())
_HANDLE_LIKE_RE = re.compile(r"^@|.[0-9_#]|\w\.\w")
_WORD_AND_NUMBER_RE = re.compile(r"[^\W\d_]+-[0-9]+")  # "covid-19", "E-18": no account
# The endings of verbs in the present and past tense, supine and passive: "Instagramkontot tillhör en elev",
# "TikTok-kontot raderades", "Snapchat-kontot hackat". An account name after "kontot" must not end so.
_VERB_LIKE_RE = re.compile(r"(?:r|de|te|s|t)$")
_CLAUSE_END_RE = re.compile(rf"{_Q}?(?:{_SP}*(?:[.,;:!?)\]]|$)|{_SP}(?i:och|men|eller)(?!\w))")
# Everyday words that follow "snap:", "är", "som" or "kontot" without being an account.
_WORDS_TEXT = (
    """
    och att som är var har hade blev blir en ett den det de dem han hon hen hans hennes deras sin sitt sina min mitt
    mina din ditt dina vår vårt våra er ert era inte också även nu då sedan igen många andra alla flera vanligt
    vanliga privat privata låst låsta öppen öppet offentlig offentligt stängd stängt stängdes borttagen borttaget
    borttagna raderad raderat raderades hackad hackat hackades okänd okänt okända fejk falsk falskt ny nytt nya
    gammal gammalt gamla samma annan annat inget ingen inga saknas nej ja typ med utan för på i av till från om där
    här vad vem vilken vilket något någon några mycket mer mest bara redan fortfarande aldrig alltid ofta kanske
    vet visste hette heter kallas kallade aktiv aktivt inaktiv inaktivt borta kvar igång anmält anmäld polisanmält
    spärrat spärrad spärrades avstängd avstängt känd känt kända ung unga vuxen vuxna elev elever okej ok
    bl.a t.ex m.m o.s.v d.v.s s.k p.g.a m.fl fr.o.m t.o.m kl ca cirka sig sej mig dig oss er hos när
    också tillsammans flera olika inte längre ett flertal grupp gruppen konto kontot se nedan ovan bifogad bifogat
    enligt oklart oklar
    """
)
_WORDS = frozenset(_WORDS_TEXT.split())


def handles(text: str) -> Iterator[Finding]:
    spans: set[tuple[int, int]] = set()

    def take(m: re.Match[str] | None, need: str) -> None:
        if m and _token_ok(m["token"], need, text, m.end("token")):
            spans.add((m.start("token"), m.end("token")))

    if "@" in text:
        for m in _AT_RE.finditer(text):
            if _letters(m[0]) >= 1 and not _DOMAIN_RE.fullmatch(m[0]):
                spans.add((m.start(), m.end()))
    if "/" in text:
        for m in _URL_RE.finditer(text):
            if m["token"].lower().lstrip("@") not in _NOT_ACCOUNTS:
                spans.add((m.start(), m.end()))
    lowered = text.lower()
    named = any(hint in lowered for hint in _PLATFORM_HINTS) or _SHORT_PLATFORM_RE.search(text)
    for platform in _PLATFORM_RE.finditer(text) if named else ():
        for pattern, need in _AFTER_PLATFORM:
            take(pattern.match(text, platform.end()), need)
        if platform["account"]:
            take(_AFTER_ACCOUNT_RE.match(text, platform.end()), "verbless")
        if _ON_RE.search(text, max(0, platform.start() - 5), platform.start()):
            take(_AFTER_ON_PLATFORM_RE.match(text, platform.end()), "end")
            before = _BEFORE_ON_PLATFORM_RE.search(text, max(0, platform.start() - 70), platform.start())
            take(before, "any" if before and before["keyword"] else "like")
            take(_NEAR_BEFORE_ON_PLATFORM_RE.search(text, max(0, platform.start() - 90), platform.start()), "like")
        in_brackets = text[platform.end() : platform.end() + 1] == ")" and text[max(0, platform.start() - 1)] in "( "
        if platform.start() and in_brackets:
            take(_BEFORE_BRACKET_RE.search(text, max(0, platform.start() - 50), platform.start()), "verbless")
    if "_" in text or "#" in text:
        for m in _ACCOUNT_SHAPED_RE.finditer(text):
            take(m, "like")
    for m in _DOT_DIGITS_RE.finditer(text):
        before = _BEFORE_DOT_RE.search(text, max(0, m.start() - 40), m.start())
        # ghost.boy08: letters after the dot; malmo.08: four letters or more and two digits (not "kl.18", "fig.3")
        if before and (len(before[0]) >= 2 if m["after"] else len(before[0]) >= 4 and len(m["digits"]) == 2):
            spans.add((before.start(), m.end()))
    for m in _KEYWORD_RE.finditer(text) if any(hint in lowered for hint in _KEYWORD_HINTS) else ():
        keyword = m["keyword"].lower()
        if keyword.startswith(_PERSON_KEYWORDS):
            take(m, "verbless")  # "youtubern lilbosse har lagt upp ..."
        elif m["sure"]:  # "kontot som heter ghostx har ...", "kontot: ghostx", but "kontot är kopplat till ..."
            take(m, "verbless" if m["sure"].strip().lower() == "är" else "any")
        else:
            take(m, "end" if keyword.startswith(_SURE_KEYWORDS) else "like")
    yield from (Finding(HANDLE, start, end) for start, end in _merged(spans))


def _token_ok(token: str, need: str, text: str, end: int) -> bool:
    lowered = token.lower()
    if len(token) < 2 or _letters(token) < 2 or lowered in _WORDS or _DOMAIN_RE.fullmatch(token):
        return False
    if _PLATFORM_ONLY_RE.fullmatch(token):
        return False  # "Snapchat och TikTok"
    handle_like = _HANDLE_LIKE_RE.search(token) is not None and not _WORD_AND_NUMBER_RE.fullmatch(token)
    if need == "like" or handle_like:
        return handle_like
    if need == "verbless":
        return not _VERB_LIKE_RE.search(lowered)
    return need == "any" or _CLAUSE_END_RE.match(text, end) is not None


def _letters(token: str) -> int:
    return sum(c.isalpha() for c in token)


def _merged(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
