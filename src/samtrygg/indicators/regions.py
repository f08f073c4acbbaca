"""Region codes of indicator values, one scheme for every source (plain Python, no Django):

    kommun  "0180"  the four-digit kommunkod (SCB)
    län     "L01"   "L" and the two-digit county code (SCB länskod)
    riket   "R00"   the whole country

Kolada writes riket as "0000" and a län (region) as "00" + länskod ("0001" Stockholm); Brå and spreadsheets
write names ("Stockholm", "Stockholms kommun", "0180 Stockholm", "Stockholms län", "Riket").
"""

import re
from functools import cache

from samtrygg.reference import kommuner

RIKET = "R00"
_RIKET_NAMES = {"riket", "hela riket", "hela landet", "sverige", "totalt riket", "sweden"}
_CODE_PREFIX = re.compile(r"^(\d{4})\s+(.*)$")


def county(county_code: str) -> str:
    """"01" -> "L01"."""
    return f"L{county_code}"


def county_of(kommunkod: str) -> str:
    """The län region code of a kommun ("0180" -> "L01"); KeyError for an unknown kommunkod."""
    return county(kommuner()[kommunkod].county_code)


@cache
def counties() -> dict[str, str]:
    """{"L01": "Stockholms län", ...}."""
    return {county(k.county_code): k.county_name for k in kommuner().values()}


def label(code: str) -> str:
    """The region's name: "Stockholm", "Stockholms län", "Riket"; the code itself when unknown."""
    if code == RIKET:
        return "Riket"
    if code in counties():
        return counties()[code]
    known = kommuner().get(code)
    return known.name if known else code


def kind(code: str) -> str:
    """"riket", "lan" or "kommun"."""
    return "riket" if code == RIKET else "lan" if code.startswith("L") else "kommun"


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


@cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """({kommun name key: kommunkod}, {county name key: "Lnn"}); county keys also without " län"/"s län"."""
    municipalities = {_key(k.name): k.code for k in kommuner().values()}
    found: dict[str, str] = {}
    for code, name in counties().items():
        key = _key(name)
        found[key] = code
        stem = key.removesuffix(" län")
        found["region " + stem.removesuffix("s")] = code  # "Region Stockholm", Kolada's and the regions' own name
        found["region " + stem] = code
    return municipalities, found


POLICE_REGIONS = {"nord", "mitt", "stockholm", "öst", "väst", "syd", "bergslagen"}


def is_other_aggregate(text: str) -> bool:
    """Whether Brå's table row is a total we store no values for: a police region ("Region Nord",
    "Polisregion Syd", and "Region Stockholm", which in Brå's tables is the police region of Stockholm and
    Gotland, not Stockholms län), or the crimes whose municipality is unknown ("Kommunuppgift saknas")."""
    key = _key(text)
    if "saknas" in key or key.startswith("okänd") or key.startswith("uppgift"):
        return True
    for prefix in ("polisregion ", "region "):
        if key.startswith(prefix) and key.removeprefix(prefix) in POLICE_REGIONS:
            return True
    return False


def from_kolada(municipality_id: str) -> str | None:
    """Kolada's municipality id as our code: "0000" riket, "00nn" län, else a known kommunkod; None otherwise."""
    if municipality_id == "0000":
        return RIKET
    if municipality_id.startswith("00") and county(municipality_id[2:]) in counties():
        return county(municipality_id[2:])
    return municipality_id if municipality_id in kommuner() else None


def from_text(text: str) -> str | None:
    """A region written by people or by Brå, as our code; None when it is no kommun, län or riket.

    Accepts our codes ("0180", "L01", "R00"), Kolada's ("0001", "0000"), a two-digit länskod ("01"), names with
    or without "kommun"/"stad" ("Borås", "Borås kommun", "Göteborgs stad"), "0180 Stockholm", county names
    ("Stockholms län", "Region Stockholm") and "Riket"/"Hela landet"/"Sverige"."""
    text = text.strip()
    if text in kommuner() or text == RIKET or text in counties():
        return text
    if re.fullmatch(r"\d{4}", text):
        return from_kolada(text)
    if re.fullmatch(r"\d{2}", text):
        return county(text) if county(text) in counties() else None
    if m := _CODE_PREFIX.match(text):
        return m.group(1) if m.group(1) in kommuner() else None
    municipalities, county_names = _names()
    key = _key(text)
    if key in _RIKET_NAMES:
        return RIKET
    if key in county_names:
        return county_names[key]
    if key in municipalities:
        return municipalities[key]
    for suffix in (" kommun", " stad"):
        if key.endswith(suffix):  # "Göteborgs stad" -> "göteborg", "Borås kommun" -> "borås"
            stem = key.removesuffix(suffix)
            return municipalities.get(stem) or municipalities.get(stem.removesuffix("s"))
    return None
