"""Build bench/privacy_corpus/real.jsonl: real public Swedish texts about places, not written by us
(SOURCES.md says where each comes from and why it may be redistributed).

    python bench/privacy_corpus/make_real.py [--seeds DIR] [--data DIR]

The defaults are the workplace's shared/ folder beside the checkout. The output is committed, so the benchmark
needs none of the inputs. The script never calls the privacy guard: what is dropped is dropped by the fixed
rules below (contact lines, mail headers, lists of meeting members), not by what the guard finds.
"""

import argparse
import json
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"

# Lines that are not prose about places but lists of people or contact details: dropped whole.
HEADER = re.compile(r"^\s*(Från|Till|Kopia|Skickat|Ämne|Ärende|Datum|Bilagor|Tid|Plats)\s*:", re.IGNORECASE)
PARTY = re.compile(r"\((M|S|C|L|V|KD|SD|MP)\)")  # "Amanda Lindblad (S)": a member list or a named politician
CONTACT = re.compile(r"@|\b0\d{1,3}-\d|Växel|Telefon|Tfn|ISBN|www\.|https?://|©", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”»(]?[A-ZÅÄÖ0-9])")
MIN_CHARS, MAX_CHARS = 25, 600


def seed_texts(path: Path) -> list[str]:
    """Sentences of one municipal document: paragraphs (blank-line separated, hard wraps joined), list items
    one by one, split into sentences; headings and fragments shorter than MIN_CHARS dropped."""
    raw = path.read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if not HEADER.match(line) and not PARTY.search(line)
             and not CONTACT.search(line)]
    if path.name.startswith("002"):
        lines = _without_member_lists(lines)
    out = []
    for block in re.split(r"\n\s*\n", "\n".join(lines)):
        items = re.split(r"\n\s*(?:[-•*]|\d+\.)\s+", "\n" + block)  # list items start their own text
        for item in items:
            flat = " ".join(item.replace("**", " ").replace("#", " ").split())
            flat = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", flat)  # markdown links left by the conversion
            for sentence in SENTENCE_END.split(flat):
                sentence = sentence.strip(" -–")
                if MIN_CHARS <= len(sentence) <= MAX_CHARS:
                    out.append(sentence)
                elif len(sentence) > MAX_CHARS:  # a run-on paragraph without full stops: cut at semicolons
                    out += [s.strip() for s in re.split(r";\s+", sentence) if MIN_CHARS <= len(s.strip()) <= MAX_CHARS]
    return out


def _without_member_lists(lines: list[str]) -> list[str]:
    """Seed 002 opens with the members present ("Ledamöter", "Övriga"): names and titles, one a line."""
    kept, skipping = [], False
    for line in lines:
        word = line.strip()
        if word in {"Ledamöter", "Övriga", "Ersättare", "Justerare", "Närvarande"}:
            skipping = True
            continue
        if skipping and (not word or "," in word or len(word.split()) <= 4):
            continue
        skipping = False
        kept.append(line)
    return kept


def police_texts(path: Path) -> list[str]:
    """The police feed fixture's titles and summaries (public events from the police's open event feed)."""
    events = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for event in events:
        if isinstance(event, dict):  # the fixture also holds malformed entries, on purpose
            out += [event.get("name") or "", event.get("summary") or ""]
    return [text for text in out if text]


def place_names(data: Path) -> list[str]:
    """Names of Sweden's 290 kommuner, 21 län and Stockholm's 117 stadsdelar, one per text, as people write them
    (the stadsdelar file spells them in capitals; they are given in title case here)."""
    names = []
    for line in (data / "kommuner.csv").read_text(encoding="utf-8").splitlines()[1:]:
        _, kommun, _, lan = line.split(",")
        names += [kommun, lan]
    geo = json.loads((data / "stockholm_stadsdelar_simplified.geojson").read_text(encoding="utf-8"))
    names += [_title(f["properties"]["name"]) for f in geo["features"]]
    return list(dict.fromkeys(names))


def _title(name: str) -> str:
    return "-".join(" ".join(w.capitalize() for w in part.split()) for part in name.split("-"))


def build(seeds: Path, data: Path, police: Path) -> list[dict]:
    rows = []
    for path in sorted(seeds.glob("*.txt")):
        rows += [{"source": f"seed:{path.name[:3]}", "text": t} for t in seed_texts(path)]
    rows += [{"source": "police-feed", "text": t} for t in police_texts(police)]
    rows += [{"source": "place-name", "text": t} for t in place_names(data)]
    seen, unique = set(), []
    for row in rows:
        text = unicodedata.normalize("NFC", row["text"]).replace("\u00ad", "")
        if "\n" in text or "\r" in text or text in seen:
            continue
        seen.add(text)
        unique.append({**row, "text": text})
    return unique


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--data", type=Path, default=SHARED / "data")
    parser.add_argument("--out", type=Path, default=HERE / "real.jsonl")
    args = parser.parse_args()
    rows = build(args.seeds, args.data, ROOT / "tests" / "data" / "police" / "feed.json")
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["source"]] = counts.get(row["source"], 0) + 1
    print(f"{len(rows)} texts -> {args.out}: {counts}")


if __name__ == "__main__":
    main()
