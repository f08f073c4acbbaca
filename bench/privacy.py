"""`samtrygg bench privacy [--n N] [--show] [--via-command]`: the privacy guard's recall, precision and speed.

Measured through the public interface only: `samtrygg.lib.privacy.find_personal_data(text)` (or, with
--via-command, `samtrygg privacy-scan` run as a subprocess over the same texts, one JSON object per line).

1. The labelled corpus (privacy_corpus/labelled_tuning.txt and labelled_held_out.txt, built by
   privacy_corpus/make_labelled.py): Swedish incident texts with every piece of personal data marked
   `[[kind:text]]`. Per split:
   - recall per kind: a labelled span counts as found if a finding overlaps it and has its kind
     (personnummer and samordningsnummer stand in for each other);
   - precision overall and per kind: a finding is a true positive if it overlaps a labelled span of a matching kind;
   - texts_with_false_alarm: how many texts WITHOUT personal data got any finding.
2. The real corpus (privacy_corpus/real.jsonl, SOURCES.md): public Swedish texts about places, not written by
   us. Findings per 1,000 texts per kind, overall and per source; they are mostly false alarms (--show prints a
   sample of up to 30 with their context on stderr, for a person to judge).
3. Speed on one core: texts per second of find_personal_data over all texts (both corpora, markup stripped),
   repeated until at least MIN_SECONDS have been timed; the same for the baseline, measured in the same run:
   `BASELINE`, each text lower-cased and scanned once by one compiled regex for digit runs and e-mail-like
   tokens — the least work any scanner of these texts does (read every character once). `ratio` = our texts/s ÷
   the baseline's, so it travels between machines. has_identity_number alone (the refusal check on every write)
   is timed too, for scale. Target: 5,000 texts/s for find_personal_data.

--n N limits each corpus to N texts (a seeded sample). No database is used.
"""

import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from samtrygg.lib.privacy import find_personal_data, has_identity_number
from samtrygg.lib.privacy.kinds import IDENTITY_KINDS, KINDS

CORPUS = Path(__file__).resolve().parent / "privacy_corpus"
SPLITS = ("tuning", "held_out")
MIN_SECONDS = 2.0
SHOW = 30
BASELINE = re.compile(r"\d[\d \-–.]{5,}\d|[\w.]+@[\w.]+")
TARGETS = {
    "recall": {"personnummer": 1.0, "samordningsnummer": 1.0, "phone": 0.95, "email": 0.95,
               "vehicle_registration": 0.95, "name": 0.85, "address": 0.80, "handle": 0.80},
    "precision": 0.95,
    "texts_per_s": 5000,
}


class MarkupError(ValueError):
    """A labelled text whose [[kind:text]] markup cannot be read."""


@dataclass(frozen=True)
class Span:
    kind: str
    start: int  # in the text without markup
    end: int
    text: str


@dataclass(frozen=True)
class Labelled:
    id: str
    split: str
    origin: str
    text: str  # without markup
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Found:
    """A finding as the guard or privacy-scan reports it."""
    kind: str
    start: int
    end: int


MARK = re.compile(r"\[\[|\]\]")


def parse_markup(marked: str) -> tuple[str, list[Span]]:
    """("text without markup", spans) from "... [[name:Erik Johansson]] ..."; MarkupError if malformed."""
    plain: list[str] = []
    spans: list[Span] = []
    length, pos, open_at = 0, 0, None
    for match in MARK.finditer(marked):
        if match.group() == "[[":
            if open_at is not None:
                raise MarkupError(f"nested '[[' at character {match.start()} (the one at {open_at} is still open)")
            plain.append(marked[pos : match.start()])
            length += match.start() - pos
            open_at, pos = match.start(), match.end()
            continue
        if open_at is None:
            raise MarkupError(f"']]' at character {match.start()} closes nothing")
        inner = marked[pos : match.start()]
        kind, colon, text = inner.partition(":")
        if not colon:
            raise MarkupError(f"'[[{inner}]]' at character {open_at} has no 'kind:' (write [[name:Erik]])")
        if kind not in KINDS:
            raise MarkupError(f"unknown kind {kind!r} at character {open_at} (kinds: {', '.join(KINDS)})")
        if not text.strip():
            raise MarkupError(f"empty [[{kind}:]] at character {open_at}")
        if text != text.strip():
            raise MarkupError(f"[[{kind}:{text}]] at character {open_at} starts or ends with a space")
        spans.append(Span(kind, length, length + len(text), text))
        plain.append(text)
        length += len(text)
        open_at, pos = None, match.end()
    if open_at is not None:
        raise MarkupError(f"'[[' at character {open_at} is never closed")
    plain.append(marked[pos:])
    return "".join(plain), spans


def load_labelled(path: Path, split: str) -> list[Labelled]:
    """The texts of one labelled file: '#' comment lines, then "id TAB origin TAB marked text" per line."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise MarkupError(f"{path.name}:{number}: want 'id TAB origin TAB text', got {len(parts)} fields")
        row_id, origin, marked = parts
        try:
            text, spans = parse_markup(marked)
        except MarkupError as error:
            raise MarkupError(f"{path.name}:{number} ({row_id}): {error}") from None
        items.append(Labelled(row_id, split, origin, text, tuple(spans)))
    return items


def load_real(path: Path) -> list[tuple[str, str]]:
    """(source, text) of the real corpus."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["source"], row["text"]) for row in rows]


def same_kind(a: str, b: str) -> bool:
    return a == b or (a in IDENTITY_KINDS and b in IDENTITY_KINDS)


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def score(items: list[Labelled], findings: list[list]) -> dict:
    """Recall per labelled kind and precision overall and per found kind, for items and their findings (any
    objects with kind, start and end)."""
    spans, found_spans, found_any_kind = Counter(), Counter(), Counter()
    reported, true_positive = Counter(), Counter()
    false_alarm_texts = negatives = 0
    for item, found in zip(items, findings, strict=True):
        for span in item.spans:
            spans[span.kind] += 1
            hits = [f for f in found if _overlaps(f, span)]
            found_spans[span.kind] += any(same_kind(f.kind, span.kind) for f in hits)
            found_any_kind[span.kind] += bool(hits)
        for finding in found:
            reported[finding.kind] += 1
            true_positive[finding.kind] += any(same_kind(finding.kind, s.kind) and _overlaps(finding, s)
                                               for s in item.spans)
        if not item.spans:
            negatives += 1
            false_alarm_texts += bool(found)
    total_reported, total_tp = sum(reported.values()), sum(true_positive.values())
    return {
        "texts": len(items), "texts_without_personal_data": negatives,
        "texts_with_false_alarm": false_alarm_texts,
        "spans": dict(spans),
        "recall": {kind: _ratio(found_spans[kind], spans[kind]) for kind in KINDS if spans[kind]},
        "recall_any_kind": {kind: _ratio(found_any_kind[kind], spans[kind]) for kind in KINDS if spans[kind]},
        "recall_overall": _ratio(sum(found_spans.values()), sum(spans.values())),
        "findings": total_reported,
        "precision": _ratio(total_tp, total_reported),
        "precision_per_kind": {kind: _ratio(true_positive[kind], reported[kind]) for kind in KINDS if reported[kind]},
        "false_positives_per_kind": {kind: reported[kind] - true_positive[kind] for kind in KINDS
                                     if reported[kind] - true_positive[kind]},
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def guard(texts: list[str]) -> list[list[Found]]:
    return [[Found(f.kind, f.start, f.end) for f in find_personal_data(text)] for text in texts]


def privacy_scan(texts: list[str]) -> tuple[list[list[Found]], float]:
    """The findings `samtrygg privacy-scan` prints for texts (one per line), and the seconds it took, process
    start included."""
    for text in texts:
        if "\n" in text or "\r" in text:
            raise ValueError(f"a text holds a line break, so privacy-scan would see two lines: {text[:60]!r}")
    start = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "samtrygg", "privacy-scan"], input="\n".join(texts).encode("utf-8") + b"\n",
        capture_output=True, check=False, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"samtrygg privacy-scan failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]
    if [row["line"] for row in lines] != list(range(1, len(texts) + 1)):
        raise RuntimeError(f"privacy-scan printed {len(lines)} lines for {len(texts)} texts")
    return [[Found(f["kind"], f["start"], f["end"]) for f in row["findings"]] for row in lines], seconds


def per_thousand(findings: list[list], n_texts: int) -> dict:
    counts = Counter(f.kind for found in findings for f in found)
    return {
        "total": round(1000 * sum(counts.values()) / n_texts, 2) if n_texts else None,
        **{kind: round(1000 * counts[kind] / n_texts, 2) for kind in KINDS if counts[kind]},
    }


def timed(fn, texts: list[str], min_seconds: float = MIN_SECONDS) -> float:
    """Texts per second of fn over texts, passes repeated until min_seconds have gone (after one warm-up pass)."""
    for text in texts:
        fn(text)
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < min_seconds or not done:
        for text in texts:
            fn(text)
        done += len(texts)
    return done / elapsed


def baseline(text: str) -> list[str]:
    return BASELINE.findall(text.lower())


def sample(findings: list[list], texts: list[tuple[str, str]], count: int, seed: int) -> list[str]:
    """Up to count findings, each as one line with its kind, source and a little context."""
    every = [(i, f) for i, found in enumerate(findings) for f in found]
    chosen = sorted(random.Random(seed).sample(every, min(count, len(every))), key=lambda pair: pair[0])
    lines = []
    for i, f in chosen:
        source, text = texts[i]
        before, hit, after = text[max(0, f.start - 40) : f.start], text[f.start : f.end], text[f.end : f.end + 40]
        lines.append(f"{f.kind:>20}  [{source}]  …{before}«{hit}»{after}…")
    return lines


def run(*, n: int | None = None, seed: int = 2023, log=print, show: bool = False, via_command: bool = False,
        min_seconds: float = MIN_SECONDS, corpus: Path = CORPUS) -> dict:
    rng = random.Random(seed)
    labelled = [item for split in SPLITS for item in load_labelled(corpus / f"labelled_{split}.txt", split)]
    real = load_real(corpus / "real.jsonl")
    if n is not None:
        labelled = [labelled[i] for i in sorted(rng.sample(range(len(labelled)), min(n, len(labelled))))]
        real = [real[i] for i in sorted(rng.sample(range(len(real)), min(n, len(real))))]
    log(f"{len(labelled)} labelled texts, {len(real)} real texts; scanning "
        f"{'through samtrygg privacy-scan' if via_command else 'with find_personal_data'} ...")

    labelled_texts, real_texts = [item.text for item in labelled], [text for _, text in real]
    in_process = guard(labelled_texts + real_texts)
    figures: dict = {"benchmark": "privacy", "interface": "find_personal_data"}
    if via_command:
        found, seconds = privacy_scan(labelled_texts + real_texts)
        figures.update(interface="samtrygg privacy-scan (subprocess, JSON lines)",
                       command_seconds=round(seconds, 2), command_agrees_with_function=found == in_process)
    else:
        found = in_process
    found_labelled, found_real = found[: len(labelled)], found[len(labelled) :]

    for split in SPLITS:
        pairs = [(item, f) for item, f in zip(labelled, found_labelled, strict=True) if item.split == split]
        figures[split] = score([p[0] for p in pairs], [p[1] for p in pairs])

    sources = sorted({source for source, _ in real})
    figures["real"] = {
        "texts": len(real),
        "findings_per_1000": per_thousand(found_real, len(real)),
        "per_source": {
            source: {"texts": len(idx), "findings_per_1000": per_thousand([found_real[i] for i in idx], len(idx))}
            for source in sources if (idx := [i for i, (s, _) in enumerate(real) if s == source])
        },
    }
    if show:
        lines = sample(found_real, real, SHOW, seed)
        log(f"a sample of {len(lines)} of the {sum(map(len, found_real))} findings on the real texts:")
        for line in lines:
            log(line)

    log(f"timing find_personal_data and the baseline over {len(labelled_texts) + len(real_texts)} texts ...")
    everything = labelled_texts + real_texts
    ours = timed(find_personal_data, everything, min_seconds)
    base = timed(baseline, everything, min_seconds)
    figures["speed"] = {
        "texts": len(everything),
        "mean_chars": round(sum(map(len, everything)) / len(everything), 1) if everything else None,
        "texts_per_s": round(ours),
        "labelled_texts_per_s": round(timed(find_personal_data, labelled_texts, min_seconds / 2)) if labelled else None,
        "baseline_texts_per_s": round(base),
        "baseline": "str.lower() + one regex pass (digit runs, e-mail-like tokens)",
        "ratio": round(ours / base, 4),
        "has_identity_number_texts_per_s": round(timed(has_identity_number, everything, min_seconds / 2)),
    }
    figures["targets"] = TARGETS
    figures["met"] = _met(figures)
    return figures


def _met(figures: dict) -> dict:
    """Which targets the held-out split meets (the figures the guard is judged on)."""
    held = figures["held_out"]
    recall = {kind: (held["recall"].get(kind) or 0) >= target for kind, target in TARGETS["recall"].items()
              if kind in held["recall"]}
    return {"recall_held_out": recall, "precision_held_out": (held["precision"] or 0) >= TARGETS["precision"],
            "speed": figures["speed"]["texts_per_s"] >= TARGETS["texts_per_s"]}
