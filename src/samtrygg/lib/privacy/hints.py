"""Cheap prefilters for bulk work: for each kind a regular expression (RE2 syntax, which pyarrow's vectorised
string functions use) that matches every text in which the detector could find that kind, and most texts in which
it finds nothing. The incident importer runs the full detector only on rows a hint matches.
tests/test_privacy_paths.py checks that each hint matches every labelled example of its kind."""

from .kinds import ADDRESS, EMAIL, HANDLE, NAME, PERSONNUMMER, PHONE, SAMORDNINGSNUMMER, VEHICLE_REGISTRATION

_DIGITS = r"(?:[0-9][^0-9\pL]{0,3}){%d}"  # n digits, each followed by at most three separators
HINTS: dict[str, str | None] = {
    PERSONNUMMER: _DIGITS % 10,
    SAMORDNINGSNUMMER: _DIGITS % 10,
    PHONE: _DIGITS % 6,
    EMAIL: r"(?i)@|\bat\b|snabel|\(at\)|\[at\]",
    HANDLE: r"(?i)@|snap|insta|tiktok|tik tok|discord|facebook|\bfb\b|twitter|\bx\b|telegram|whatsapp|kick|"
    r"twitch|youtube|reddit|signal|threads|användar|konto|profil|\.com/",
    ADDRESS: r"(?i)lgh|lägenhet|l\.gh|våning|\btr\b|trappor|c/o",
    VEHICLE_REGISTRATION: r"\pL{3}[ -]?[0-9]{2}",
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
        patterns.append(hint.removeprefix("(?i)") if not hint.startswith("(?i)") else f"(?i:{hint[4:]})")
    return "|".join(f"(?:{p})" for p in dict.fromkeys(patterns))

