"""Public reference data shipped with the product (see docs/reference-data.md for sources)."""

import csv
import json
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


@cache
def population() -> dict[str, int]:
    """Residents per kommunkod, 2024 (SCB)."""
    with (DIR / "befolkning_2024.csv").open(encoding="utf-8", newline="") as f:
        return {row["kommun_kod"]: int(row["population"]) for row in csv.DictReader(f)}


POPULATION_YEAR = 2024


@cache
def boundaries() -> dict[str, dict]:
    """Each municipality's boundary as a GeoJSON geometry in WGS 84, simplified, by kommunkod (okfse/sweden-geojson,
    from Valmyndigheten's data)."""
    with (DIR / "kommuner.geojson").open(encoding="utf-8") as f:
        return {feature["properties"]["id"]: feature["geometry"] for feature in json.load(f)["features"]}
