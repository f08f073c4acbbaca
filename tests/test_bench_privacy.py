"""The privacy benchmark (bench/privacy.py): its markup parser, its scoring, and a run end to end on a tiny slice."""

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("samtrygg_bench_privacy_under_test", BENCH / "privacy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- markup -------------------------------------------------------------------------------------------------

def test_markup_is_stripped_into_spans(bench):
    text, spans = bench.parse_markup("ring [[name:Erik Johansson]] på [[phone:070-123 45 67]] i kväll")
    assert text == "ring Erik Johansson på 070-123 45 67 i kväll"
    assert [(s.kind, text[s.start : s.end], s.text) for s in spans] == [
        ("name", "Erik Johansson", "Erik Johansson"), ("phone", "070-123 45 67", "070-123 45 67"),
    ]


def test_markup_spans_count_characters_not_bytes_and_allow_colons_in_the_text(bench):
    text, spans = bench.parse_markup("[[name:Åsa Öberg]]s cykel, [[handle:discord:x#1]]")
    assert text == "Åsa Öbergs cykel, discord:x#1"
    assert [(s.start, s.end) for s in spans] == [(0, 9), (18, 29)]


def test_a_text_without_markup_has_no_spans(bench):
    assert bench.parse_markup("Klotter vid Karl Johans torg kl 22.15") == ("Klotter vid Karl Johans torg kl 22.15", [])


@pytest.mark.parametrize(("marked", "message"), [
    ("ring [[name:Erik", "is never closed"),
    ("ring Erik]] nu", "closes nothing"),
    ("[[name:Erik [[phone:070-1234567]]]]", "nested"),
    ("[[Erik Johansson]]", "has no 'kind:'"),
    ("[[namn:Erik]]", "unknown kind 'namn'"),
    ("[[name:]]", "empty"),
    ("[[name: Erik]]", "starts or ends with a space"),
])
def test_malformed_markup_is_refused_with_a_clear_error(bench, marked, message):
    with pytest.raises(bench.MarkupError, match=message):
        bench.parse_markup(marked)


def test_a_malformed_line_in_a_corpus_file_is_named(bench, tmp_path):
    path = tmp_path / "labelled_tuning.txt"
    path.write_text("# header\nt1\thand\tok [[name:Eva]]\nt2\thand\tbad [[name:Eva\n", encoding="utf-8")
    with pytest.raises(bench.MarkupError, match=r"labelled_tuning.txt:3 \(t2\): '\[\[' at character 4"):
        bench.load_labelled(path, "tuning")


def test_the_committed_corpus_parses_and_is_as_large_as_promised(bench):
    folder = BENCH / "privacy_corpus"
    items = [i for split in bench.SPLITS for i in bench.load_labelled(folder / f"labelled_{split}.txt", split)]
    kinds = {}
    for item in items:
        for span in item.spans:
            kinds[span.kind] = kinds.get(span.kind, 0) + 1
    assert len(items) >= 800
    assert sum(1 for i in items if not i.spans) >= 300
    assert kinds["name"] >= 200
    assert all(kinds[kind] >= 40 for kind in ("phone", "email", "address", "handle", "vehicle_registration"))
    assert kinds["personnummer"] + kinds["samordningsnummer"] >= 80
    held_out = sum(1 for i in items if i.split == "held_out") / len(items)
    assert 0.25 <= held_out <= 0.35
    assert len({i.id for i in items}) == len(items)


# --- scoring ------------------------------------------------------------------------------------------------

def test_scoring_a_hand_made_example(bench):
    Found = bench.Found
    texts = [
        "ring [[name:Erik Johansson]] på [[phone:070-123 45 67]]",  # name found, phone missed
        "pnr [[samordningsnummer:701263-2391]] och [[email:a@b.se]]",  # samordningsnummer found as personnummer
        "Klotter vid Karl Johans torg",  # no personal data: one false alarm
    ]
    items = []
    for number, marked in enumerate(texts):
        plain, spans = bench.parse_markup(marked)
        items.append(bench.Labelled(f"x{number}", "tuning", "hand", plain, tuple(spans)))
    findings = [
        [Found("name", 5, 9)],  # overlaps "Erik Johansson": enough
        [Found("personnummer", 4, 15), Found("phone", 20, 26)],  # right; the e-mail found as a phone: wrong kind
        [Found("name", 12, 16)],  # "Karl": a false alarm
    ]
    result = bench.score(items, findings)
    assert result["spans"] == {"name": 1, "phone": 1, "samordningsnummer": 1, "email": 1}
    assert result["recall"] == {"name": 1.0, "phone": 0.0, "samordningsnummer": 1.0, "email": 0.0}
    assert result["recall_any_kind"]["email"] == 1.0  # found, under another kind
    assert result["recall_overall"] == 0.5
    assert result["findings"] == 4
    assert result["precision"] == 0.5  # name (text 1) and personnummer true; phone and name (text 3) false
    assert result["precision_per_kind"] == {"personnummer": 1.0, "phone": 0.0, "name": 0.5}
    assert result["false_positives_per_kind"] == {"phone": 1, "name": 1}
    assert (result["texts_without_personal_data"], result["texts_with_false_alarm"]) == (1, 1)


def test_findings_per_thousand_texts(bench):
    Found = bench.Found
    result = bench.per_thousand([[Found("name", 0, 3)], [], [Found("name", 0, 3), Found("phone", 5, 9)], []], 4)
    assert result == {"total": 750.0, "phone": 250.0, "name": 500.0}


# --- end to end ---------------------------------------------------------------------------------------------

def tiny_corpus(tmp_path: Path) -> Path:
    (tmp_path / "labelled_tuning.txt").write_text(
        "# tiny\n"
        "t1\thand\tRing [[name:Anna Svensson]] på [[phone:070-123 45 67]] eller [[email:anna@exempel.se]]\n"
        "t2\thand\tKlotter på garaget vid Storgatan 4 kl 22.15, kostnad 12 500 kr.\n", encoding="utf-8")
    (tmp_path / "labelled_held_out.txt").write_text(
        "h1\thand\tPersonnumret [[personnummer:870314-4322]] stod på lappen.\n", encoding="utf-8")
    (tmp_path / "real.jsonl").write_text(
        "".join(json.dumps({"source": s, "text": t}, ensure_ascii=False) + "\n" for s, t in [
            ("seed:x", "Kommunen arbetar med trygghet i centrum."), ("place-name", "Upplands Väsby"),
        ]), encoding="utf-8")
    return tmp_path


def test_the_benchmark_runs_end_to_end_on_a_tiny_corpus(bench, tmp_path):
    logged = []
    figures = bench.run(corpus=tiny_corpus(tmp_path), log=logged.append, show=True, min_seconds=0.05)
    json.dumps(figures)  # one JSON object
    assert figures["tuning"]["texts"] == 2 and figures["held_out"]["texts"] == 1
    assert figures["tuning"]["spans"] == {"name": 1, "phone": 1, "email": 1}
    assert figures["held_out"]["recall"] == {"personnummer": 1.0}  # the one kind the guard has always found
    assert figures["real"]["texts"] == 2 and set(figures["real"]["per_source"]) == {"seed:x", "place-name"}
    assert figures["speed"]["texts"] == 5 and figures["speed"]["texts_per_s"] > 0
    assert figures["speed"]["baseline_texts_per_s"] > 0 and figures["speed"]["ratio"] > 0
    assert any("sample of" in line for line in logged)


def test_n_limits_the_number_of_texts(bench, tmp_path):
    figures = bench.run(corpus=tiny_corpus(tmp_path), n=1, log=lambda _: None, min_seconds=0.01)
    assert figures["tuning"]["texts"] + figures["held_out"]["texts"] == 1
    assert figures["real"]["texts"] == 1


def test_via_command_scores_what_privacy_scan_prints(bench, tmp_path):
    corpus = tiny_corpus(tmp_path)
    direct = bench.run(corpus=corpus, log=lambda _: None, min_seconds=0.01)
    through = bench.run(corpus=corpus, log=lambda _: None, min_seconds=0.01, via_command=True)
    assert through["interface"].startswith("samtrygg privacy-scan")
    assert through["command_agrees_with_function"] is True
    for split in bench.SPLITS:
        assert through[split]["recall"] == direct[split]["recall"]
        assert through[split]["precision"] == direct[split]["precision"]
