"""The national default categories, in Swedish, after the categories used in EST practice (effektiv samordning
för trygghet) and in municipal incident reporting. Codes are stable identifiers (used by imports and the API);
names are what users see. Organisations add their own categories beside these."""

NATIONAL: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("skadegorelse", "Skadegörelse", [
        ("klotter", "Klotter"),
        ("glaskross", "Krossat glas"),
        ("fordon", "Skadegörelse på fordon"),
        ("ovrig", "Annan skadegörelse"),
    ]),
    ("brand", "Brand", [
        ("anlagd", "Anlagd brand"),
        ("avfall", "Brand i papperskorg, soptunna eller container"),
        ("fordon", "Fordonsbrand"),
    ]),
    ("inbrott", "Inbrott", [
        ("bostad", "Inbrott i bostad"),
        ("forrad", "Inbrott i källare, vind eller förråd"),
        ("lokal", "Inbrott i lokal"),
        ("fordon", "Inbrott i fordon"),
    ]),
    ("stold", "Stöld", [
        ("cykel", "Cykelstöld"),
        ("butik", "Butiksstöld"),
        ("ovrig", "Annan stöld"),
    ]),
    ("hot-vald", "Hot och våld", [
        ("hot", "Hot"),
        ("misshandel", "Misshandel"),
        ("ran", "Rån"),
        ("personal", "Hot eller våld mot personal"),
    ]),
    ("ordningsstorning", "Ordningsstörning", [
        ("ungdomar", "Störande samling av ungdomar"),
        ("berusning", "Berusade personer"),
        ("oljud", "Oljud och fester"),
        ("brak", "Bråk och slagsmål"),
    ]),
    ("narkotika", "Misstänkt narkotikahandel", [
        ("langning", "Misstänkt langning"),
        ("fynd", "Sprutor eller narkotikarelaterat skräp"),
    ]),
    ("nedskrapning", "Nedskräpning", [
        ("skrap", "Nedskräpning"),
        ("dumpning", "Dumpat avfall eller grovsopor"),
    ]),
    ("fysisk-miljo", "Otrygg fysisk miljö", [
        ("belysning", "Trasig eller saknad belysning"),
        ("vegetation", "Skymmande buskage och träd"),
        ("trasigt", "Trasiga lås, dörrar eller stängsel"),
        ("overgivet", "Övergivna fordon eller byggnader"),
    ]),
    ("trafik", "Trafik", [
        ("vardslos", "Vårdslös körning"),
        ("moped", "Störande mopeder och motorcyklar"),
        ("parkering", "Felparkering"),
    ]),
    ("ovrigt", "Övrigt", []),
]


def national_rows() -> list[tuple[str, str, str | None, int]]:
    """(code, name, parent code, sort) for every national category, main categories first."""
    rows: list[tuple[str, str, str | None, int]] = []
    for i, (code, name, children) in enumerate(NATIONAL):
        rows.append((code, name, None, i * 100))
        rows.extend((f"{code}.{sub}", sub_name, code, i * 100 + j + 1) for j, (sub, sub_name) in enumerate(children))
    return rows
