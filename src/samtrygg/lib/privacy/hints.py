"""Cheap prefilters for bulk work: for each kind a regular expression (RE2 syntax, which pyarrow's vectorised
string functions use) that matches every text in which the detector could find that kind, and most texts in which
it finds nothing. The incident importer runs the full detector only on rows a hint matches. The hints are built
from the detectors' own word lists, so the two stay together; tests/test_privacy_paths.py checks on the benchmark's
corpora that every finding's text matches its kind's hint."""

from .handles import _KEYWORDS, _PLATFORMS
from .kinds import ADDRESS, EMAIL, HANDLE, NAME, PERSONNUMMER, PHONE, SAMORDNINGSNUMMER, VEHICLE_REGISTRATION

_SPECIAL = set(".^$*+?()[]{}|\\/-")


def _literal(word: str) -> str:
    return "".join(f"\\{c}" if c in _SPECIAL else c for c in word)


def _any_of(words) -> str:
    return "|".join(_literal(w) for w in sorted(set(words), key=len, reverse=True))


_DIGITS = r"(?:[0-9][^0-9\pL]{0,5}){%d}"  # n digits, each followed by at most five separators
HINTS: dict[str, str | None] = {
    PERSONNUMMER: _DIGITS % 10,
    SAMORDNINGSNUMMER: _DIGITS % 10,
    PHONE: _DIGITS % 5,
    # "@", "snabel-a", and "at", "(a)", "[a]" as words: every sign of contacts._AT_SIGNS holds one of them
    EMAIL: r"(?i)@|snabel|\bat\b|\(a\)|\[a\]",
    # what handles.py looks for before anything else: "@", "/", "_", "#", ".letters+digits", a platform (the short
    # ones as words: "ig", "sc") or an account word
    HANDLE: r"(?i)@|/|_|#|\.\pL*[0-9]|" + _any_of([p for p in _PLATFORMS if len(p) > 3] + _KEYWORDS)
    + r"|\b(?:" + _any_of(p for p in _PLATFORMS if len(p) <= 3) + r")\b",
    ADDRESS: r"(?i)lgh|lägenhet|[0-9][^0-9\pL]?tr|vån|c/o",
    VEHICLE_REGISTRATION: r"\pL{3}[^0-9\pL]{0,3}[0-9]{2}",
    NAME: None,  # a name can be any word: no cheap prefilter
}



def hint_pattern(kinds) -> str | None:
    """One pattern matching every text that may hold one of `kinds`; None when some kind has no prefilter (every
    text must then be looked at), "" when kinds is empty."""
    patterns = []
    for kind in sorted(set(kinds)):
        hint = HINTS[kind]
        if hint is None:
            return None
        patterns.append(f"(?i:{hint[4:]})" if hint.startswith("(?i)") else hint)
    return "|".join(f"(?:{p})" for p in dict.fromkeys(patterns))
