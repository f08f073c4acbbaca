"""The national default categories, in Swedish, after the categories used in EST practice (effektiv samordning
för trygghet) and in municipal incident reporting. Codes are stable identifiers (used by imports and the API);
names are what users see. Organisations add their own categories beside these.

Each national category also has an English name, shown by `category_label()` when the interface is in English
(the Swedish name stays in the database, the API, exports and the adopted documents). Categories an
organisation made itself have only the name it gave them, in every language."""

from django.utils import translation

# (code, Swedish name, English name, subcategories as (code, Swedish name, English name))
NATIONAL: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    ("skadegorelse", "Skadegörelse", "Vandalism", [
        ("klotter", "Klotter", "Graffiti"),
        ("glaskross", "Krossat glas", "Broken glass"),
        ("fordon", "Skadegörelse på fordon", "Damage to vehicles"),
        ("ovrig", "Annan skadegörelse", "Other vandalism"),
    ]),
    ("brand", "Brand", "Fire", [
        ("anlagd", "Anlagd brand", "Arson"),
        ("avfall", "Brand i papperskorg, soptunna eller container", "Fire in a litter bin, rubbish bin or skip"),
        ("fordon", "Fordonsbrand", "Vehicle fire"),
    ]),
    ("inbrott", "Inbrott", "Burglary", [
        ("bostad", "Inbrott i bostad", "Burglary of a home"),
        ("forrad", "Inbrott i källare, vind eller förråd", "Burglary of a cellar, attic or storeroom"),
        ("lokal", "Inbrott i lokal", "Burglary of premises"),
        ("fordon", "Inbrott i fordon", "Break-in into a vehicle"),
    ]),
    ("stold", "Stöld", "Theft", [
        ("cykel", "Cykelstöld", "Bicycle theft"),
        ("butik", "Butiksstöld", "Shoplifting"),
        ("ovrig", "Annan stöld", "Other theft"),
    ]),
    ("hot-vald", "Hot och våld", "Threats and violence", [
        ("hot", "Hot", "Threats"),
        ("misshandel", "Misshandel", "Assault"),
        ("ran", "Rån", "Robbery"),
        ("personal", "Hot eller våld mot personal", "Threats or violence against staff"),
    ]),
    ("ordningsstorning", "Ordningsstörning", "Public disorder", [
        ("ungdomar", "Störande samling av ungdomar", "Disruptive gathering of young people"),
        ("berusning", "Berusade personer", "Drunk people"),
        ("oljud", "Oljud och fester", "Noise and parties"),
        ("brak", "Bråk och slagsmål", "Brawls and fights"),
    ]),
    ("narkotika", "Misstänkt narkotikahandel", "Suspected drug dealing", [
        ("langning", "Misstänkt langning", "Suspected dealing"),
        ("fynd", "Sprutor eller narkotikarelaterat skräp", "Syringes or drug-related litter"),
    ]),
    ("nedskrapning", "Nedskräpning", "Littering", [
        ("skrap", "Nedskräpning", "Littering"),
        ("dumpning", "Dumpat avfall eller grovsopor", "Dumped waste or bulky rubbish"),
    ]),
    ("fysisk-miljo", "Otrygg fysisk miljö", "Unsafe physical environment", [
        ("belysning", "Trasig eller saknad belysning", "Broken or missing lighting"),
        ("vegetation", "Skymmande buskage och träd", "Bushes and trees blocking the view"),
        ("trasigt", "Trasiga lås, dörrar eller stängsel", "Broken locks, doors or fences"),
        ("overgivet", "Övergivna fordon eller byggnader", "Abandoned vehicles or buildings"),
    ]),
    ("trafik", "Trafik", "Traffic", [
        ("vardslos", "Vårdslös körning", "Reckless driving"),
        ("moped", "Störande mopeder och motorcyklar", "Disruptive mopeds and motorcycles"),
        ("parkering", "Felparkering", "Illegal parking"),
    ]),
    ("ovrigt", "Övrigt", "Other", []),
]


def _english() -> dict[str, str]:
    names = {}
    for code, _name, english, children in NATIONAL:
        names[code] = english
        names.update({f"{code}.{sub}": sub_english for sub, _sub_name, sub_english in children})
    return names


ENGLISH: dict[str, str] = _english()  # code ("skadegorelse.klotter") -> English name ("Graffiti")


def national_rows() -> list[tuple[str, str, str | None, int]]:
    """(code, name, parent code, sort) for every national category, main categories first."""
    rows: list[tuple[str, str, str | None, int]] = []
    for i, (code, name, _english, children) in enumerate(NATIONAL):
        rows.append((code, name, None, i * 100))
        rows.extend((f"{code}.{sub}", sub_name, code, i * 100 + j + 1)
                    for j, (sub, sub_name, _sub_english) in enumerate(children))
    return rows


def translated_name(code: str, name: str, *, national: bool) -> str:
    """A category's name as the reader's language has it: a national category's English name when the active
    language is English, else the stored name (Swedish, or the one its organisation gave it)."""
    if national and (translation.get_language() or "").startswith("en"):
        return ENGLISH.get(code, name)
    return name


def category_name(category) -> str:
    """The category's own name in the reader's language (translated_name)."""
    return translated_name(category.code, category.name, national=category.owner_id is None)


def category_label(category) -> str:
    """What the pages show for a category, like str(category) but in the reader's language: "Vandalism:
    Graffiti" in English, "Skadegörelse: Klotter" in Swedish; a subcategory named under its main category."""
    if category.parent_id:
        return f"{category_name(category.parent)}: {category_name(category)}"
    return category_name(category)
