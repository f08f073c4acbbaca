"""The national method bank shipped with samtrygg: metodbank.json (Swedish entries, with sources), read into
MethodEntry rows without owner by a data migration, and again by `load_national()` whenever the file changes."""

import json
from pathlib import Path

FILE = Path(__file__).resolve().parent / "metodbank.json"
STRATEGIES = {  # the file's Swedish names -> Strategy values
    "Öka ansträngningen": "effort", "Öka risken": "risk", "Minska vinsten": "rewards",
    "Minska provokationerna": "provocations", "Undanröja ursäkterna": "excuses", "": "",
}
EVIDENCE = {"stark": "stark", "måttlig": "mattlig", "begränsad": "begransad", "saknas": "saknas"}


def entries() -> list[dict]:
    """The file's entries as MethodEntry fields."""
    with FILE.open(encoding="utf-8") as f:
        raw = json.load(f)
    return [
        {"code": e["code"], "name": e["name"], "kind": e["kind"], "strategy": STRATEGIES[e.get("strategy", "")],
         "technique": e.get("technique", 0), "description": e["description"], "evidence": EVIDENCE[e["evidence"]],
         "evidence_note": e.get("evidence_note", ""), "sources": e.get("sources", [])}
        for e in raw
    ]


def load_national(method_model) -> int:
    """Create or update the national entries (owner NULL) from the file; returns how many. Takes the model so a
    migration can pass its historical one."""
    count = 0
    for fields in entries():
        code = fields.pop("code")
        method_model.objects.update_or_create(owner=None, code=code, defaults=fields)
        count += 1
    return count
