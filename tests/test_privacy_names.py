"""Person names in Swedish incident texts, and places that carry or resemble names (samtrygg.lib.privacy.names).
Pure Python: no database."""

import gzip
import importlib.machinery
import importlib.util
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtrygg.lib.privacy import find_personal_data
from samtrygg.lib.privacy.names import NAME_FLAGS, PLACE, WORD, _lexicon

DATA = files("samtrygg.lib.privacy").joinpath("data")
ROOT = Path(__file__).resolve().parent.parent


def names_in(text):
    return [text[f.start : f.end] for f in find_personal_data(text) if f.kind == "name"]


# --- names of the whole population, in any case, in the genitive -----------------------------------------------

@pytest.mark.parametrize(("text", "names"), [
    # the leaks coordinators actually write
    ("en av dem hette Erik och gick i nian", ["Erik"]),
    ("Erik Johansson i 9B har klottrat på toaletten", ["Erik Johansson"]),
    ("pojken kallas Ali av de andra", ["Ali"]),
    ("ahmed och hans kompis kastade sten på bussen", ["ahmed"]),
    ("mamman Fatima ringde och var orolig", ["Fatima"]),
    ("grannen Svensson klagar på oväsen från tvättstugan", ["Svensson"]),
    ("Kalle på femte spelar hög musik varje natt", ["Kalle"]),
    ("killen som kallas Mackan säljer snus till yngre elever", ["Mackan"]),
    ("en man vid namn Zlatko stod vid porten", ["Zlatko"]),
    ("det var Bosse och Micke som såg bilen först", ["Bosse", "Micke"]),
    # origins
    ("Abdirahman och Yusuf brukar hänga vid pizzerian", ["Abdirahman", "Yusuf"]),
    ("Hodan och Ifrah i 7A är rädda för att gå till skolan", ["Hodan", "Ifrah"]),
    ("pappan Reza vill inte att polisen kontaktas", ["Reza"]),
    ("Rojin och Dilan vågar inte åka buss", ["Rojin", "Dilan"]),
    ("Ayşe berättade att hon inte vågar gå hem", ["Ayşe"]),
    ("Nermin och Jelena har bott här länge", ["Nermin", "Jelena"]),
    ("hyresgästen Kowalski på plan 3 har anmält stölden", ["Kowalski"]),
    ("eleven Tesfay Gebremedhin blev slagen på skolgården", ["Tesfay Gebremedhin"]),
    ("Somchai som driver restaurangen fick en ruta krossad", ["Somchai"]),
    ("Nguyen som äger nagelsalongen och Wei i butiken bredvid", ["Nguyen", "Wei"]),
    ("Matti Virtanen anmälde att hans förråd brutits upp", ["Matti Virtanen"]),
    ("Ahmad Rahimi har flyttat in och Mustafa Hussein driver salongen", ["Ahmad Rahimi", "Mustafa Hussein"]),
    ("Piotr från byggfirman och Oksana som städar hittade sprutor", ["Piotr", "Oksana"]),
    # any case
    ("erik johansson var där igen", ["erik johansson"]),
    ("ERIK JOHANSSON SLOG SÖNDER RUTAN", ["ERIK JOHANSSON"]),
    ("mohammed sa att han inte var där", ["mohammed"]),
    ("sara och emma har blivit utsatta", ["sara", "emma"]),
    ("en tjej som hette lina var där", ["lina"]),
    # the genitive and hyphens
    ("Johanssons hund har bitit ett barn", ["Johanssons"]),
    ("Eriks cykel stals utanför Alis port", ["Eriks", "Alis"]),
    ("läraren Anna-Karin såg bråket och grannarna Berg-Andersson också", ["Anna-Karin", "Berg-Andersson"]),
    # names that are also words or places, in a person's context
    ("grannen Björn har sett bilen", ["Björn"]),
    ("Björn sa att han blivit slagen", ["Björn"]),
    ("Åsa ringde och sa att det var stökigt", ["Åsa"]),
    ("vi satt hos Åsa i köket", ["Åsa"]),
    ("Erik och Åsa bråkade i trappan", ["Erik", "Åsa"]),
    ("mamman heter Sanna", ["Sanna"]),
])
def test_it_finds_names_of_every_origin_in_any_case(text, names):
    assert names_in(text) == names


@pytest.mark.parametrize("text", [
    # the police-feed false alarms
    "Trafikolycka, Åsa",
    "Misshandel i Fredrika under natten",
    "Trafikolycka vid Ella. Bråk utanför Ella.",
    "Brand i Lina Hage",
    "Ungdomar samlades vid Axel Dahlströms torg",
    "Skadegörelse på Christian IV:s gata",
    "Stöld på Frans G Bengtssons väg och Frans G. Bengtssons väg",
    "Inbrott i Sankt Lars kapell och Sankt Jörgens kapell",
    "Rån på S:t Eriksgatan, klotter på S:ta Gertruds kyrka",
    "Brand i lägenhet på Maria Magdalenas väg",
    "Olof Palmes gata och Karl Johans torg var avstängda",
    # <name>s + a place word
    "Bråk på Selma Lagerlöfs torg och vid Anna Lindhs plats",
    "Inbrott på Raoul Wallenbergs skola och Sven Hedins väg",
    "Klotter vid Astrid Lindgrens barnsjukhus och Sankt Görans sjukhus",
    "Stöld vid Olof Palmes plats, bråk i Carl Johans park",
    "Larm från Magnus Ladulås gymnasium och Gustav Adolfs kyrka",
    "Cyklar stals vid Erik Dahlbergsgatan och Birger Jarlsgatan",
    # saints, monarchs, regnal numbers, parishes
    "Kung Carl XVI Gustaf invigde parken. Klotter på Karl XII:s staty.",
    "Bråk vid Gustav Vasa kyrka och i Adolf Fredriks församling",
    # villages, towns and districts
    "Stöld, Arild. Trafikolycka, Dorotea. Brand i Nora. Misshandel i Vilhelmina.",
    "Bilbrand i Hjällbo, skottlossning i Rinkeby, brand i Rosengård",
    "Inbrott i Bergby, rån i Edsbyn och trafikolycka vid Holmsund",
    # firms, brands and institutions
    "Rån mot Max Burgers, snatteri på Ica Maxi och inbrott hos Gina Tricot",
    "Karolinska meddelar att akuten är full. Larm från Systembolaget.",
    "Mötet hölls hos Clas Ohlson i gallerian",
    # everyday words that are names
    "per person räknat är det få brott, de boende vill bo kvar",
    "rut-avdrag för städning, ask och björk planteras, en lina saknas",
    "mark och vatten förorenas, max 30 km/h gäller",
    "Mark kommun rapporterar få brott",
])
def test_places_brands_and_words_that_look_like_names_are_no_names(text):
    assert names_in(text) == []


def test_a_place_preposition_makes_a_name_that_is_also_a_place_a_place():
    assert names_in("Stöld i Åsa, bråk vid Åsa station, utanför Fredrika") == []
    assert names_in("Stöld hos Åsa, Fredrika sa att hon sett det") == ["Åsa", "Fredrika"]


def test_a_common_name_after_i_or_vid_is_a_place_but_a_genitive_is_a_person():
    assert names_in("Klotter i Sofia och vid Erik") == []
    assert names_in("Cykeln stod utanför Eriks port") == ["Eriks"]


def test_a_name_that_is_also_a_word_counts_beside_another_name():
    assert names_in("Per Berg och Stig Andersson bor i huset") == ["Per Berg", "Stig Andersson"]
    assert names_in("Per timme passerar 300 bilar. Stig inte på isen.") == []


# --- precision on real text: the false alarms found in public reports (bench/privacy_corpus/real.jsonl) -------

@pytest.mark.parametrize("text", [
    "SAMVERKAN MED ANDRA AKTÖRER",
    "BEHOV AV MÅL OCH LÅNGSIKTIGHET",
    "BEHOV AV UTVECKLAD SAMVERKAN INOM OCH MELLAN KOMMUNERNA",
    "möte med NOA och IVO om tillsynen",  # 2-4 capitals after a preposition: an acronym
])
def test_all_caps_everyday_words_and_short_acronyms_are_no_names(text):
    assert names_in(text) == []


def test_all_caps_names_count_as_known_names_beside_a_name_or_in_a_persons_context():
    assert names_in("ERIK JOHANSSON SLOG SÖNDER RUTAN") == ["ERIK JOHANSSON"]
    assert names_in("pappan ALI HASSAN kom till mötet, grannen OMAR ringde") == ["ALI HASSAN", "OMAR"]
    assert names_in("Fältarna träffade MIRELA och Ewa vid skolan") == ["MIRELA", "Ewa"]


@pytest.mark.parametrize("text", [
    "ett nationellt register hos IVO (Inspektionen för vård och omsorg)",
    "Polisens nationella operativa avdelning (NOA) har gjort.",
    "unga i grov kriminalitet – Bob (Barn och unga i organiserad brottslighet)",
])
def test_an_abbreviation_defined_beside_it_is_no_name(text):
    assert names_in(text) == []


def test_a_name_before_a_parenthesis_that_does_not_spell_it_is_still_a_name():
    assert names_in("Sara (som bor på tredje våningen) ringde") == ["Sara"]


@pytest.mark.parametrize("text", [
    "De säger att detta diskuteras och analyseras",
    "Han sade sig bo hos en bekant i huset",
    "Snatteri hos Willys vid torget",
    "ungdomarnas användning av Kik och Snapchat",
])
def test_a_pronoun_or_brand_that_is_also_a_name_does_not_count_in_a_persons_context_alone(text):
    assert names_in(text) == []


def test_a_pronoun_that_is_also_a_name_counts_beside_a_name_and_common_given_names_stay_names():
    assert names_in("Vi hörde av oss till Ibrahim Khalil på förvaltningen") == ["Ibrahim Khalil"]
    assert names_in("Vi Nguyen ringde om bilen") == ["Vi Nguyen"]
    assert names_in("Hans sa att han sett bilen") == ["Hans"]
    assert names_in("grannen Inga ringde") == ["Inga"]


def test_a_title_in_quotes_starts_like_a_sentence():
    assert names_in("programmet ”Allas vårt ansvar” 1996 finns det idag") == []
    assert names_in("”Erik slog mig” sa pojken") == ["Erik"]


def test_a_so_called_term_is_no_name():
    assert names_in("ett arbetssätt kallat Business Improvement District (BID)") == []
    assert names_in("de samverkar genom så kallat Ideburet offentligt partnerskap (IOP)") == []
    assert names_in("en kille kallad Zlatko stod vid porten") == ["Zlatko"]


@pytest.mark.parametrize("text", [
    "Snatteri hos Jacobs kaffe vid torget",
    "Fastighetsägaren: Jensen Education.",
    "snatteri hos jensen education",
    "möte med Kajs samfällighet om belysning",
    "Anderssons bygg har fått uppdraget",
])
def test_a_name_with_a_trade_or_an_english_firm_word_is_a_firm(text):
    assert names_in(text) == []


def test_a_genitive_before_a_thing_a_person_owns_stays_a_name():
    assert names_in("Siri Lindgrens bil repades med nyckel") == ["Siri Lindgrens"]
    assert names_in("Eriks cykel stals") == ["Eriks"]


def test_a_lowercase_name_before_a_genitive_and_a_place_word_is_a_place():
    assert names_in("Klotter på Evert Taubes terrass och på nils ferlins torg") == []
    assert names_in("faktura från bertil ohlins skola") == []
    assert names_in("ahmed hans kompis var där") == ["ahmed"]


def test_a_name_right_before_an_identity_number_is_a_person():
    assert names_in("Anmälan: lucía rodríguez, 480217-1043, uppger att han hotats") == ["lucía rodríguez"]
    assert names_in("Anmälan: Rahul Chowdhury, 20050601 2012, uppger hot") == ["Chowdhury"]


def test_officials_named_in_public_reports_are_names():
    assert names_in("en väg framåt, säger Tina Trygg som är processledare") == ["Tina Trygg"]
    assert names_in("Abrahamsson menar att klimathot och kriminalitet hänger ihop") == ["Abrahamsson"]


NAME_FRAGMENTS = [
    "Erik", "erik", "ERIK", "Johansson", "Eriks", "Per", "per", "Berg", "Åsa", "Lina", "Hage", "Max", "Burgers",
    "Sankt", "S:t", "IV:s", "G.", "G", "gata", "torg", "i", "vid", "hos", "hette", "kallas", "och", "sa", "Ring",
    "Kowalczyk", "Anna-Karin", "Berg-Andersson", "Li", "Polisen", " ", "  ", ", ", ". ", "\n", "-", ":", "9B",
]


@given(st.lists(st.sampled_from(NAME_FRAGMENTS), max_size=25).map("".join))
def test_name_findings_are_sorted_non_overlapping_and_cover_whole_words(text):
    findings = [f for f in find_personal_data(text) if f.kind == "name"]
    for first, second in zip(findings, findings[1:], strict=False):
        assert first.end < second.start
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert not text[f.start - 1 : f.start].isalnum() and not text[f.end : f.end + 1].isalnum()


# --- the word lists -------------------------------------------------------------------------------------------

def _lines(name):
    return gzip.decompress(DATA.joinpath(name).read_bytes()).decode("utf-8").splitlines()


def test_the_built_word_lists_load_and_have_plausible_sizes():
    lex, phrases = _lexicon()
    given, surnames = _lines("world_given_names.txt.gz"), _lines("world_surnames.txt.gz")
    assert 8_000 < len(given) < 60_000 and 10_000 < len(surnames) < 80_000
    assert 200 < sum(n.startswith("*") for n in given) < 2_000  # common in Sweden (beside first_names.txt)
    # Faker's names beside the hand-kept lists, with and without diacritics, romanised from other scripts
    assert {"*Aaron", "*Abbas", "Hương", "Yıldız", "Lê", "Le", "Chia-Hao", "Pornchanok"} <= {*given, *surnames}
    assert 1_000 < len(_lines("gazetteer.txt.gz")) < 50_000
    assert {"per", "bo", "lina", "sanna", "klara", "mark"} <= set(_lines("name_words.txt.gz"))
    assert not {"erik", "anna", "ahmed", "mohammed", "fatima"} & set(_lines("name_words.txt.gz"))
    assert len([k for k, v in lex.items() if v & NAME_FLAGS]) > 40_000
    assert lex["åsa"] & PLACE and lex["per"] & WORD and ("lina", "hage") in phrases
    size = sum(DATA.joinpath(n).stat().st_size for n in (p.name for p in Path(str(DATA)).iterdir()))
    assert size < 3_000_000


def test_the_hand_kept_lists_are_readable():
    for name in ("first_names.txt", "surnames.txt", "places.txt", "ambiguous_names.txt", "place_phrases.txt"):
        text = DATA.joinpath(name).read_text(encoding="utf-8")
        assert text.startswith("#") and len(text.splitlines()) > 50


def test_the_build_script_tells_dictionary_words_from_names(tmp_path):
    """scripts/build-privacy-data's Hunspell reader on a tiny dictionary: entries and one-suffix forms are words."""
    path = ROOT / "scripts" / "build-privacy-data"
    loader = importlib.machinery.SourceFileLoader("build_privacy_data", str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    aff = "SET UTF-8\nNEEDAFFIX ¤\nSFX A Y 1\nSFX A 0 s .\nSFX O Y 1\nSFX O 0 a [^a]\n"
    dic = "5\nper/A\nsann/O\nhenrik\nantigen/¤A\nÅsa/e\n"
    hunspell = module._Hunspell(dic, aff)
    assert hunspell.is_word("per") and hunspell.is_word("pers") and hunspell.is_word("sanna")
    assert hunspell.is_word("henrik") and not hunspell.is_word("henrik", bare=False)
    assert not hunspell.is_word("antigen") and hunspell.is_word("antigens") and not hunspell.is_word("erik")
    assert list(hunspell.places()) == ["Åsa"]
