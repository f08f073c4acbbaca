"""The privacy guard's formats (issue 15): identity numbers, phone numbers and e-mail addresses however they are
written or disguised, registration plates in any case, home addresses down to a household and social-media
accounts, each with its exact span; and the near misses a coordinator writing about places, times, amounts and
case numbers must never be warned about. Pure Python: no database.

Names are another module's business: `found` leaves them out, so these tests do not change when the name lists
do (a name never wins an overlap against the kinds here)."""

import time
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from identity_numbers import FORMS, identity_number
from samtrygg.lib.privacy import find_personal_data, has_identity_number
from samtrygg.lib.privacy.addresses import addresses
from samtrygg.lib.privacy.contacts import emails, phone_numbers
from samtrygg.lib.privacy.handles import handles
from samtrygg.lib.privacy.identity import identity_numbers
from samtrygg.lib.privacy.plates import vehicle_registrations


def found(text):
    return [(f.kind, text[f.start : f.end]) for f in find_personal_data(text) if f.kind != "name"]


# --- personnummer and samordningsnummer in every written form ----------------------------------------------------

@pytest.mark.parametrize("number", [
    "81 12 18-9876", "81 12 18 9876", "1981 12 18 9876", "1981 12 18-9876", "81-12-18-9876", "1981-12-18-9876",
    "1981-12-18 9876", "81.12.18-9876", "1981.12.18-9876", "811218 – 9876", "811218–9876", "811218—9876",
    "811218 - 9876", "811218 -9876", "811218- 9876", "811218−9876", "811218\u20119876", "19811218 – 9876",
    "811218\u00a09876", "811218 \u2013 9876",
])
def test_it_finds_a_personnummer_with_spaces_dots_and_every_kind_of_dash(number):
    text = f"Mannen uppgav {number} till väktaren."
    assert found(text) == [("personnummer", number)]
    assert has_identity_number(text)


@pytest.mark.parametrize("text", [
    "(811218 – 9876)", "pnr: 81 12 18-9876.", "81.12.18-9876, 070-123 45 67", "\n1981 12 18 9876\n",
])
def test_punctuation_around_a_spaced_personnummer_does_not_hide_it(text):
    assert [kind for kind, _ in found(text)][0] == "personnummer"


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2019, 12, 31)),
    serial=st.integers(0, 999),
    form=st.sampled_from(FORMS),
    samordning=st.booleans(),
    before=st.sampled_from(["", "pnr ", "Pnr: ", "(", "född ", "nr\n", "uppgav «", "personnummer:"]),
    after=st.sampled_from(["", ".", ")", ", tel 070-123 45 67", " och bor i Rinkeby", "»", "?"]),
)
@example(born=date(1981, 12, 18), serial=987, form="YY MM DD-NNNC", samordning=False, before="(", after=")")
@example(born=date(1919, 3, 1), serial=0, form="YYMMDD – NNNC", samordning=True, before="", after="")
def test_every_valid_identity_number_in_every_form_is_found_exactly(born, serial, form, samordning, before, after):
    number = identity_number(born, serial, form, samordning=samordning)
    text = f"{before}{number}{after}"
    kind = "samordningsnummer" if samordning else "personnummer"
    assert (kind, number) in found(text)


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2019, 12, 31)),
    serial=st.integers(0, 999),
    form=st.sampled_from(FORMS),
    delta=st.integers(1, 9),
)
def test_a_wrong_check_digit_is_never_an_identity_number_in_any_form(born, serial, form, delta):
    number = identity_number(born, serial, form, check_delta=delta)
    assert not has_identity_number(f"Nr {number}.")


@given(
    day=st.dates(min_value=date.today() - timedelta(days=700), max_value=date.today()),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    layout=st.sampled_from(["%Y-%m-%d", "%Y.%m.%d"]),
)
def test_a_recent_date_and_a_time_are_no_personnummer(day, hour, minute, layout):
    assert not has_identity_number(f"Inträffade {day.strftime(layout)} {hour:02d}{minute:02d} vid skolan.")


@pytest.mark.parametrize("text", [
    "Inträffade 2024-05-12 kl 14.30, 2024-05-12 14:30 och 12/5 2024.",
    "Dnr 2019-03-12-001, ärende 19 03 12 4581 ab",
    "Koordinater 6580822 674032 och 59.334591, 18.063240.",
    "Ring 08-12 34 56 eller 070-123 45 67.",
    "Kostnad 1 250 000 kr, 12 000 000 kr och 45 000 kr.",
    "Under 2019 2020 2021 2022 ökade klottret.",
])
def test_dates_times_case_numbers_and_amounts_are_no_identity_numbers(text):
    assert not has_identity_number(text)


# --- phone numbers -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [
    "070.555.12.34", "072.014.62.60", "08.123.45.67", "0739 - 12 34 56", "070 - 555 12 34", "08–555 123 45",
    "08 – 555 123 45", "013–56 29 03", "070–9778556", "08—555 123 45", "070/123 45 67", "08/123 45 67",
    "070 / 123 45 67", "+46 70-555 12 34", "+46 (0)73-090 09 50", "0046 (0)8 123 456 78", "+46733480405",
    "0700-55 44 33", "0762 15 88 90", "018 - 22 94 87", "08 - 327 148 53", "0046 70 334 12 98",
])
def test_it_finds_phone_numbers_written_with_dots_dashes_slashes_and_spaces(number):
    text = f"Mamman vill att fältarna hör av sig på {number} efter 17."
    assert found(text) == [("phone", number)]


@pytest.mark.parametrize(("text", "number"), [
    ("tel 0701234567", "0701234567"),
    ("mob: 070 123 45 67.", "070 123 45 67"),
    ("Tfn:08-123 45 67", "08-123 45 67"),
    ("tel. 555 12 34", "555 12 34"),  # a local number: only a word before says it is one
    ("mobil 70 123 45 67", "70 123 45 67"),  # a mobile number without its 0
    ("pratat med föräldrarna (070-251 16 59)", "070-251 16 59"),
    ("pratat med föräldrarna (+46 70 148 86 17)", "+46 70 148 86 17"),
    ("ring (08) 123 45 67", "(08) 123 45 67"),
])
def test_it_finds_phone_numbers_after_a_word_or_in_brackets(text, number):
    assert found(text) == [("phone", number)]


def test_two_numbers_joined_by_a_slash_or_a_dash_are_two_phone_numbers():
    assert found("Nås på 070-123 45 67 / 08-12 34 56 dagtid.") == [("phone", "070-123 45 67"), ("phone", "08-12 34 56")]
    assert found("Öppet 08.00–17.00, 070-555 12 34.") == [("phone", "070-555 12 34")]


@pytest.mark.parametrize("text", [
    "Ungdomar samlades vid Centrumtorget kl 22.30-23.15 och kl 08.30-09.15.",
    "Räddningstjänsten på plats 01.20–02.05, bussarna avgår 07.45 08.15.",
    "Ordningsvakter fredag och lördag 20–03 under november, dnr 2113-2024.",
    "Trafiken på väg 73 stängd 22.00–05.00 pga vägarbete, öppet 0800 - 1700.",
    "Mellan 2019-2024 ökade klottret, 2019 – 2024 totalt 345 anmälningar.",
    "Dnr KS 2024/123, BUN 2023/0045, dnr 02/2024-123.",
    "Polisanmälan K 123456-24, ärende AM-0123456-24.",
    "Fakturanr 012345678, kundnummer: 0123 456 789, OCR 0123456789.",
    "Möte 05.12.2024 och 05/12/2024, vecka 01.05–05.05.",
    "Andelen ökade 0.5 0.7 0.9 1.2 procent per år.",
    "Postadress Box 123, 123 45 Exempelstad.",
    "Ring 112 vid akut fara, 114 14 om det inte är akut, 1177 för vård, tel 114 14.",
    "Koordinater 6580822 674032 (SWEREF 99 TM), 59.3293, 18.0686.",
    "Kostnad 1 250 000 kr och 0,5 mnkr.",
])
def test_times_ranges_dates_case_numbers_and_amounts_are_no_phone_numbers(text):
    assert [f for f in find_personal_data(text) if f.kind == "phone"] == []


@given(start=st.times(), end=st.times(), dash=st.sampled_from(["-", "–", " - ", " – ", "—"]))
def test_time_ranges_with_dots_and_dashes_are_never_phone_numbers(start, end, dash):
    text = f"Öppet {start:%H.%M}{dash}{end:%H.%M} och {start:%H%M}{dash}{end:%H%M}."
    assert list(phone_numbers(text)) == []


@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2039, 12, 31)),
       layout=st.sampled_from(["%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"]))
def test_dates_are_never_phone_numbers(day, layout):
    assert list(phone_numbers(f"Händelsen {day.strftime(layout)} vid skolan.")) == []


# --- e-mail, also disguised ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("address", [
    "kalle.persson(at)telia.com", "namn (at) domän.se", "namn[at]domän.se", "namn [at] domän punkt se",
    "trygg.grannar [at] gmail punkt com", "petra.nilsson [at] kommun-exempel [dot] se", "info at kommun dot se",
    "anna at gmail.com", "namn snabel-a domän.se", "namn snabel a domän.se", "namn @ domän.se",
    "namn(a)domän(punkt)se", "namn {at} domän.nu", "NAMN (AT) DOMÄN.SE", "namn(at)domän(dot)se",
])
def test_it_finds_disguised_e_mail_addresses(address):
    assert found(f"Maila bilderna till {address}, så lägger jag in dem.") == [("email", address)]


@pytest.mark.parametrize("text", [
    "Vi ses @ 18:00 vid torget.",
    "look at example.com",
    "Samling kl 18 @ Kulturhuset. Sen fika.",
    "info at kommun dot xyzzy",  # no such top-level domain
    "Han var at hemma.",
    "@ kommunen",
])
def test_it_does_not_take_at_signs_and_the_word_at_for_e_mail(text):
    assert [f for f in find_personal_data(text) if f.kind == "email"] == []


# --- registration plates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "plate"), [
    ("bil reg abc 123 kör runt på gångvägen", "abc 123"),
    ("en vit kombi, Abc123, stod kvar", "Abc123"),
    ("mopeden abc12d körde på trottoaren", "abc12d"),
    ("noterade bilen, gyt 82k, vit kombi", "gyt 82k"),
    ("stoppade en bil ZXC 98a i rondellen", "ZXC 98a"),
    ("tillgripen bil hjk 44m hittades", "hjk 44m"),
    ("bilen med regnummer RST456 brann", "RST456"),
    ("reg tom 123 stod kvar", "tom 123"),  # a word, but "reg" before it says it is a plate
    ("registreringsnummer: per 12a", "per 12a"),
    ("Mopeden UCK 03J? kanske", "UCK 03J"),
])
def test_it_finds_plates_in_lower_and_mixed_case(text, plate):
    assert found(text) == [("vehicle_registration", plate)]


@pytest.mark.parametrize("text", [
    "kl 123, nr 12, och 123 av dem, den 12e, per 100 invånare",
    "Mötet i rum 101 och sal 12b, box 123, hus 12a, tel 070 finns",
    "lgh 1001 har haft besök, ant 123 st, tot 450 kr, sek 500",
    "En BMW 320 och SOS 112, Dnr 123",
    "taggen #abc123, sidan /abc123, domänen abc123.se, mejlet abc123@exempel.se",
    "bil 123 och buss 4, och tåg 12",  # I, Q and V are never on a plate; "bil" has an I
    "ÅÄÖ 123, abc 1234, abcd 123, ab 123, abc 12o",
])
def test_words_and_codes_before_numbers_are_no_plates(text):
    assert [f for f in find_personal_data(text) if f.kind == "vehicle_registration"] == []


# --- home addresses down to one household -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "address"), [
    ("Boende på Ringvägen 3B, lgh 1001 ringde om stöket.", "Ringvägen 3B, lgh 1001"),
    ("Störningar från Storgatan 12 lgh 1203 varje natt.", "Storgatan 12 lgh 1203"),
    ("Enligt uppgift bor han i lägenhet 1402 på Ringvägen 3.", "lägenhet 1402 på Ringvägen 3"),
    ("Hyresgäst i lägenheten 1402 på tredje våningen klagar.", "lägenheten 1402 på tredje våningen"),
    ("Klagomål från lgh 1001 igen.", "lgh 1001"),
    ("Klagomål från lgh nr 1001 igen.", "lgh nr 1001"),
    ("Klagomål från lgh.nr 1203 igen.", "lgh.nr 1203"),
    ("Ange lägenhetsnummer 1201 i anmälan.", "lägenhetsnummer 1201"),
    ("Moped tillhör boende på Granvägen 7, 2 tr, lgh 1203.", "Granvägen 7, 2 tr, lgh 1203"),
    ("Det är han i trappuppgång B, lgh 1003 som spelar.", "trappuppgång B, lgh 1003"),
    ("En man bor i port 2, lgh 1402 enligt grannen.", "port 2, lgh 1402"),
    ("Granne på Storgatan 18, 3 tr, lgh 1302 hör bråk.", "Storgatan 18, 3 tr, lgh 1302"),
    ("Hissen i Tallvägen 3 lgh 1102 fastnade.", "Tallvägen 3 lgh 1102"),
    ("Post till c/o Andersson, Storgatan 12, 123 45 Exempelstad.", "c/o Andersson, Storgatan 12, 123 45 Exempelstad"),
    ("Hon bor c/o Berg just nu.", "c/o Berg"),
    ("Bråk hos boende på Storgatan 12, 3 tr igen.", "Storgatan 12, 3 tr"),
    ("Bråk hos boende på Storgatan 12 våning 3 igen.", "Storgatan 12 våning 3"),
    ("Bråk på Storgatan 12 på tredje våningen.", "Storgatan 12 på tredje våningen"),
    ("Inbrott hos Olof Palmes gata 3, lgh 1001.", "Olof Palmes gata 3, lgh 1001"),
    ("Inbrott på Kvarngärdet 12, lgh 1101.", "Kvarngärdet 12, lgh 1101"),
    ("inbrott på storgatan 12 lgh 1203 i natt", "storgatan 12 lgh 1203"),
    ("Boende på Norra Kungsvägen 3B lgh 1002 har ringt.", "Norra Kungsvägen 3B lgh 1002"),
    ("Sopor utanför LGH 0901 i källaren.", "LGH 0901"),
])
def test_it_finds_an_address_down_to_one_household_with_its_whole_span(text, address):
    assert found(text) == [("address", address)]


def test_two_flats_in_one_sentence_are_two_addresses():
    text = "Storg. 12 lgh 1203, Olof Palmes gata 3, lgh 1001 och lgh 1504."
    assert found(text) == [
        ("address", "Storg. 12 lgh 1203"), ("address", "Olof Palmes gata 3, lgh 1001"), ("address", "lgh 1504"),
    ]


@pytest.mark.parametrize("text", [
    "Klotter på fasaden vid Storgatan 12, anmält till polisen.",  # a street and number is a place
    "Ungdomar samlas på Storgatan och vid Ringvägen 3.",
    "Klotter i trapphus 3 och vid port 2 på Ringvägen 12.",  # an entrance is shared by many households
    "Inbrott i förrådslängan på Storgatan 4, inga lägenheter drabbade.",
    "Området har 1200 lägenheter, varav 300 i hus 3.",
    "En lägenhet 3 rok såldes, lägenheten 2 rok på 65 kvm, lgh 3 tr.",
    "Familjen flyttade in i lägenheten 2019.",
    "Besöksadress Södermalmsallén 36, plan 5 (röd hiss).",
    "Besöksadress: Storgatan 12, 3 tr.",
    "Skolan har 3 tr och hiss, aulan ligger på tredje våningen.",
    "Brand i en lägenhet på tredje våningen på Storgatan.",
    "Vecka 12 och vecka 14 på plan 2.",
    "någon har skrivit på dörren, ingen specifik lägenhet utpekad",
])
def test_places_entrances_and_floors_alone_are_no_home_address(text):
    assert [f for f in find_personal_data(text) if f.kind == "address"] == []


# --- social-media accounts ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "handle"), [
    ("Kontot @namn_123 sprider bilder.", "@namn_123"),
    ("användaren kalle på Snapchat la upp filmen", "kalle"),
    ("kontot namn_123 på Instagram säljer stöldgods", "namn_123"),
    ("Hon finns på TikTok som xyz.", "xyz"),
    ("hans snap är abc123 om ni vill veta", "abc123"),
    ("snap: abc", "abc"),
    ("insta: xyz.", "xyz"),
    ("killen på discord: Shadow#4471 hotar andra", "Shadow#4471"),
    ("Discord: namn#1234", "namn#1234"),
    ("se instagram.com/namn.efternamn", "instagram.com/namn.efternamn"),
    ("se https://www.tiktok.com/@lilbosse i kväll", "https://www.tiktok.com/@lilbosse"),
    ("facebook.com/kalle.k", "facebook.com/kalle.k"),
    ("Snapchat sahra.xo har lagt ut adressen", "sahra.xo"),
    ("eleven som kallar sig ghost.boy08 på tiktok", "ghost.boy08"),
    ("ledaren heter xXsnipeXx#0042 där", "xXsnipeXx#0042"),
    ("via snap, användarnamn kalle_pt_91.", "kalle_pt_91"),
    ("Instagramkontot lilbosse har lagt ut filmer", "lilbosse"),
    ("på snap heter hen kalle99, bra att veta", "kalle99"),
    ("lägger ut filmer under namnet lilbosse.", "lilbosse"),
    ("Följ lilbosse på tiktok!", "lilbosse"),
    ("Kontot @abdullahi.xo på TikTok har lagt ut filmer", "@abdullahi.xo"),
    ("Konto: bossex, inget mer känt.", "bossex"),
    ("kontot som heter ghostx har lagt ut bilder", "ghostx"),
    ("youtubern lilbosse har lagt upp filmen", "lilbosse"),
    ("kalle_99 skrev till henne på Snapchat igår", "kalle_99"),
    ("filmen kommer från lilbosse (snap)", "lilbosse"),
    ("lill_g_0318 la upp filmen från bränningen", "lill_g_0318"),  # shaped like an account wherever it stands
    ("gänget kring malmo.08 har hotat eleven", "malmo.08"),
])
def test_it_finds_social_media_accounts(text, handle):
    assert found(text) == [("handle", handle)]


@pytest.mark.parametrize("text", [
    "Ungdomar filmar varandra och lägger ut på tiktok och snapchat.",
    "Grannarna har bildat en grupp på Facebook via Snapchat och Instagram.",
    "Snapchat och TikTok används för att rekrytera unga, bl.a. via Snapchat bl.a. för att sälja.",
    "Vi ses @ 18:00 vid torget.",
    "Hennes insta är privat. Facebook: Polisen Stockholm skriver om läget.",
    "Kontot stängdes på Instagram. Instagramkontot tillhör en elev. Snapchat-kontot blev hackat.",
    "Lagt upp på Facebook: \"någon har skurit sönder däcken\".",
    "Vi har kontaktat användaren av lokalen, kontot för föreningen är spärrat.",
    "Snapchat 2024, TikTok i vecka 12a, Instagram 15 år, Discord-servern.",
    "Polisen finns på polisen.se och på Instagram.",
    "Hans nick är okänt och hans snap är låst.",
    "Kontot: se nedan. Kontot är kopplat till skolan. Kontot är stängt.",
    "Snapchat under covid-19 och bilder (snapchat) från skolan.",
    "Se bild_2024.jpg, https://exempel.se/a_b, v.12, kl.18, fig.3, kap.12 och bilaga.2.",
])
def test_platforms_named_alone_are_no_accounts(text):
    assert [f for f in find_personal_data(text) if f.kind == "handle"] == []


# --- coordinators writing about places ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Trygghetsvandring 14/5 kl 18.00–20.00 med 23 deltagare och 41 synpunkter, bl.a. belysning vid Mossen.",
    "Handlingsplan för Karl XII:s torg, diarienummer KS 2024/1187, beslut i kommunstyrelsen 2024-05-20.",
    "Cykelstöld i garaget på Birger Jarlsgatan 12, polisanmälan K 123456-24 upprättad av bostadsbolaget.",
    "Ungdomar uppehåller sig i trapphus på Östra Lindvägen 8, fastighetsägaren har bytt kodlås till port A och B.",
    "Brand i bil på parkeringen vid Fredhällsgatan 5, räddningstjänsten på plats 01.20–02.05.",
    "Rattfylleri på E4 vid Rotebro, föraren stoppad kl 16.45. Trafiken påverkades i ca 30 min.",
    "Kostnad för sanering av klotter 2024: 1 245 000 kr, en ökning med 12 % jämfört med 2023.",
    "Belysningsinventering: 17 trasiga armaturer längs Carl Larssons väg, åtgärdas av teknik vecka 42.",
    "Ring 114 14 om det inte är akut, eller tipsa polisen via polisen.se. Vid brand ring 112.",
    "Mötesanteckningar EST 2024-10-03: fem nya händelser i Fittja, två i Alby, en på Hallunda torg.",
    "Dnr 2024/553 – åtgärdsplan för centrum: kameror och belysning längs Kyrkvägen 10–24.",
    "Linje 4 avgår 07.45, 08.15 och 08.45 från hållplats Torget, läge B.",
    "Stökigt vid pizzerian på Storgatan 45 efter stängning, ordningsvakter beställda till helgerna.",
    "Utomhusgymmet i Vasaparken har fått ny belysning (68 % mot 51 % i enkäten).",
    "Ordningsvakter på Drottninggatan 20–03 under november, beslut av länsstyrelsen dnr 2113-2024.",
    "Fastigheten Ringen 3:12 har 48 lägenheter i 3 trappuppgångar, port 1-3.",
    "Skadegörelse på 12 bilar i garaget, 3-4 gärningspersoner, vecka 12-14.",
    "Ungdomar filmar och lägger ut på TikTok, polisen följer Snapchat-grupperna.",
    "En BMW 320 och en Volvo V70 stod parkerade vid återvinningen, SOS Alarm larmades 21.15.",
    "Fakturan från Securitas, fakturanr 012345678, betalas via bankgiro 123-4567.",
])
def test_texts_about_places_times_amounts_and_case_numbers_have_nothing_to_find(text):
    assert found(text) == []


# --- linear time on hostile input --------------------------------------------------------------------------------

DETECTORS = [identity_numbers, phone_numbers, emails, vehicle_registrations, addresses, handles]
HOSTILE = [
    "1", "0-", "0.", "0 - ", "0 – ", "0/", "(0)", "+4", "85 03 12 ", "85-", "x@", "a.", "a at ", "a(at)",
    "a [at] b punkt ", "@a", "a@b.", "abc 12", "Abc12", "lgh ", "lgh 1 ", "3 tr ", "1 tr, ", "Storgatan 12, ",
    "Ringvägen 3B, ", "Port 2, ", "c/o A ", "c/o Storgatan ", "lägenhet ", "snap: ", "på snap som ", "kontot a_1 ",
    "a_1 på ", "instagram.com/", "Olof Palmes ", "aaaaaaaaaa",
]


@pytest.mark.parametrize("unit", HOSTILE)
def test_a_hundred_thousand_hostile_characters_take_well_under_a_second(unit):
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    for detect in DETECTORS:
        started = time.perf_counter()
        list(detect(text))
        assert time.perf_counter() - started < 1.0, (detect.__name__, unit)
