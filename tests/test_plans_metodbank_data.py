"""The national method bank shipped as data (src/samtrygg/plans/metodbank.json): its shape and the entries issue 5
asks for. Pure Python: reads the file, touches no database."""

import json
import re
from pathlib import Path

import pytest

FILE = Path(__file__).resolve().parent.parent / "src" / "samtrygg" / "plans" / "metodbank.json"

KINDS = {"situationell", "social", "samverkan"}
STRATEGIES = {"Öka ansträngningen", "Öka risken", "Minska vinsten", "Minska provokationerna", "Undanröja ursäkterna"}
EVIDENCE = {"stark", "måttlig", "begränsad", "saknas"}
FIELDS = {"code", "name", "kind", "strategy", "technique", "description", "evidence", "evidence_note", "sources"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Cornish & Clarke (2003): techniques 1–5, 6–10, ... belong to the five strategies in this order.
STRATEGY_OF_TECHNIQUE = {
    n: strategy
    for i, strategy in enumerate(
        ["Öka ansträngningen", "Öka risken", "Minska vinsten", "Minska provokationerna", "Undanröja ursäkterna"]
    )
    for n in range(5 * i + 1, 5 * i + 6)
}

NAMED_MEASURES = {
    "kamerabevakning", "forbattrad-gatubelysning", "est", "trygghetsvandring", "nattvandring", "grannsamverkan",
    "sspf", "medborgarloften", "avhopparverksamhet", "bid", "purple-flag",
}


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    with FILE.open(encoding="utf-8") as f:
        data = json.load(f)
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def by_code(entries) -> dict[str, dict]:
    return {e["code"]: e for e in entries}


def test_file_is_utf8_with_two_space_indent():
    text = FILE.read_text(encoding="utf-8")
    assert "Öka risken" in text  # written as UTF-8, not \u escapes
    assert text.startswith("[\n  {\n    ")


def test_every_entry_has_exactly_the_expected_fields(entries):
    for e in entries:
        assert set(e) == FIELDS, e.get("code")


def test_codes_are_unique_and_slug_shaped(entries):
    codes = [e["code"] for e in entries]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert SLUG.match(code), code
        assert len(code) <= 80, code  # MethodEntry.code is a SlugField(max_length=80)


def test_values_come_from_the_allowed_sets(entries):
    for e in entries:
        assert e["kind"] in KINDS, e["code"]
        assert e["strategy"] == "" or e["strategy"] in STRATEGIES, e["code"]
        assert e["evidence"] in EVIDENCE, e["code"]
        assert isinstance(e["technique"], int) and 0 <= e["technique"] <= 25, e["code"]


def test_strategy_and_technique_go_together(entries):
    for e in entries:
        if e["technique"]:
            assert e["kind"] == "situationell", e["code"]
            assert e["strategy"] == STRATEGY_OF_TECHNIQUE[e["technique"]], e["code"]
        if e["kind"] != "situationell":
            assert e["strategy"] == "" and e["technique"] == 0, e["code"]


def test_the_25_techniques_each_appear_once_with_their_strategy(entries):
    techniques = [e for e in entries if e["technique"] and e["code"] not in NAMED_MEASURES]
    assert len(techniques) == 25
    assert sorted(e["technique"] for e in techniques) == list(range(1, 26))
    for e in techniques:
        assert e["strategy"] == STRATEGY_OF_TECHNIQUE[e["technique"]], e["code"]
    names = {e["technique"]: e["name"] for e in techniques}
    assert names[1] == "Förstärk skyddet av målet"
    assert names[7] == "Underlätta naturlig övervakning"
    assert names[10] == "Förstärk formell övervakning"
    assert names[25] == "Kontrollera droger och alkohol"


def test_the_issues_named_measures_are_present(by_code):
    missing = NAMED_MEASURES - set(by_code)
    assert not missing, missing


def test_situational_measures_are_mapped(by_code):
    assert (by_code["kamerabevakning"]["strategy"], by_code["kamerabevakning"]["technique"]) == ("Öka risken", 10)
    lighting = by_code["forbattrad-gatubelysning"]
    assert (lighting["strategy"], lighting["technique"]) == ("Öka risken", 7)
    assert by_code["grannsamverkan"]["strategy"] == "Öka risken"
    assert by_code["grannsamverkan"]["technique"] in (6, 7)
    for code in ("est", "medborgarloften", "sspf", "bid", "purple-flag", "trygghetsvandring"):
        assert by_code[code]["kind"] == "samverkan", code


def test_camera_surveillance_states_the_meta_analysis(by_code):
    note = by_code["kamerabevakning"]["evidence_note"]
    assert re.search(r"13\s?%", note)
    assert "76" in note
    assert "6 studier" in note  # the fear-of-crime finding
    assert any("Fungerar kamerabevakning brottsförebyggande" in s for s in by_code["kamerabevakning"]["sources"])


def test_texts_are_present_and_short_enough(entries):
    for e in entries:
        assert e["name"].strip(), e["code"]
        assert e["description"].strip(), e["code"]
        assert len(e["description"]) <= 600, e["code"]
        assert e["evidence_note"].strip(), e["code"]
        assert isinstance(e["sources"], list) and e["sources"], e["code"]
        assert all(isinstance(s, str) and s.strip() for s in e["sources"]), e["code"]
