"""Public reference data shipped with the product (see docs/reference-data.md for sources)."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Kommun:
    code: str
    name: str
    county_code: str
    county_name: str


@cache
def kommuner() -> dict[str, Kommun]:
    """Sweden's 290 municipalities by kommunkod (SCB, "Län och kommuner i kodnummerordning")."""
    with (DIR / "kommuner.csv").open(encoding="utf-8", newline="") as f:
        return {
            row["municipality_code"]: Kommun(
                row["municipality_code"], row["municipality_name"], row["county_code"], row["county_name"]
            )
            for row in csv.DictReader(f)
        }
