"""The demo's national statistics: made-up yearly values of some recommended Kolada KPIs for its municipalities
(Exempelby 9901, Grannby 9902), the county the demo places them in (indicators.selectors.DEMO_COUNTY_CODE) and
Sweden, so that a demo lägesbild shows its statistics beside the county and Sweden. Each series is its own public
series (id "demo-" + the KPI's id, so a real fetch never mixes with it), named and described as demo values."""

import random
from datetime import date

from samtrygg.indicators import formats, periods, regions, services
from samtrygg.indicators.formats.base import RECORD
from samtrygg.indicators.selectors import DEMO_COUNTY_CODE
from samtrygg.reference import kommuner

DEMO_NOTE = "Demovärden – inte verklig statistik."
YEARS = 6  # the six years before the demo's current year

# (Kolada id, title, unit, Sweden's level in the first year, its yearly change, the spread between places)
SERIES = [
    ("N07540", "Anmälda brott totalt, antal/100 000 inv", "antal/100 000 inv", 14_300, -180, 1_800),
    ("N07403", "Anmälda våldsbrott, antal/100 000 inv", "antal/100 000 inv", 1_060, -12, 220),
    ("U07452", "Anmälda brott om skadegörelse per 1 000 inv", "antal/1 000 inv", 17.5, -0.3, 4.0),
    ("N15643", "Elever i åk 8: Känner du dig trygg i skolan?", "andel (%)", 78.0, 0.4, 6.0),
]
PLACES = {"9901": 1.12, "9902": 0.86, regions.county(DEMO_COUNTY_CODE): 0.97, regions.RIKET: 1.0,
          "9903": 0.93, "9904": 1.05}


def _sweden(parsed, external_id: str, until: date, level: float, change: float, spread: float) -> None:
    """Values for every real municipality too (each from its own seed, so the county dashboard's map of Sweden is
    coloured), around Sweden's level."""
    for code in sorted(kommuner()):
        place = random.Random(f"{external_id}-{code}")
        factor, offset = place.uniform(0.7, 1.3), place.uniform(-spread, spread) / 4
        for n, year in enumerate(range(until.year - YEARS, until.year)):
            period = periods.parse(str(year))
            value = (level + change * n) * factor + offset + place.uniform(-spread, spread) / 10
            parsed.rows.append(formats.Row(
                line=len(parsed.rows) + 1, series=external_id, period=period.label, period_start=period.start,
                value=round(max(value, 0.0), 1), region_code=code, sets=("value",),
            ))


def build(rng: random.Random, until: date) -> list[services.ImportResult]:
    """Import the demo's series (public, through the product's own import); the values are deterministic."""
    results = []
    for kpi, title, unit, level, change, spread in SERIES:
        external_id = f"demo-{kpi}"
        parsed = formats.Parsed(file="samtrygg demo", format="kolada", source=formats.KOLADA, unit=RECORD)
        parsed.series[external_id] = formats.SeriesInfo(
            formats.KOLADA, external_id, f"{title} (demovärden)", unit=unit,
            description=f"{DEMO_NOTE} Påhittade värden för demons kommuner, Sveriges kommuner, länet och riket, så "
                        f"att lägesbilden visar jämförelsen. Förebild: Koladas nyckeltal {kpi} ”{title}”.",
        )
        offsets = {place: rng.uniform(-spread, spread) / 4 for place in PLACES}
        for n, year in enumerate(range(until.year - YEARS, until.year)):
            period = periods.parse(str(year))
            for place, factor in PLACES.items():
                noise = 0.0 if place == regions.RIKET else rng.uniform(-spread, spread) / 10
                value = (level + change * n) * factor + offsets[place] * (place != regions.RIKET) + noise
                parsed.rows.append(formats.Row(
                    line=len(parsed.rows) + 1, series=external_id, period=period.label, period_start=period.start,
                    value=round(value, 1), region_code=place, sets=("value",),
                ))
        _sweden(parsed, external_id, until, level, change, spread)
        results.append(services.import_national(parsed, user=None, region_codes=None))
    return results
