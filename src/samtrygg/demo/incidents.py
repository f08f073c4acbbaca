"""Synthetic incidents for the demo: about two years, with the patterns a lägesbild should reveal — spatial
clusters, weekly and daily rhythms, seasons, and a few hotspots that emerge in the last months. Plain data,
deterministic from the random generator it is given; builder.py stores it through the incident services."""

import csv
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

import shapely
from shapely.geometry import Point

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# (category code, share, hour profile, season profile, place types, texts)
NIGHT = [1, 1, 1, .6, .3, .2, .2, .3, .4, .4, .5, .5, .6, .6, .7, .8, 1, 1.3, 1.7, 2, 2.3, 2.4, 2.1, 1.6]
DAY = [.1, .05, .05, .05, .1, .2, .5, .9, 1.2, 1.4, 1.5, 1.6, 1.6, 1.6, 1.6, 1.6, 1.5, 1.3, 1, .8, .6, .4, .3, .2]
EVENING = [.8, .5, .3, .2, .1, .1, .1, .2, .3, .4, .5, .6, .7, .8, 1, 1.2, 1.5, 1.8, 2.2, 2.5, 2.6, 2.3, 1.8, 1.2]
SUMMER = [.6, .6, .8, 1, 1.3, 1.6, 1.7, 1.5, 1.1, .9, .7, .6]
DARK = [1.5, 1.3, 1.1, .8, .5, .3, .3, .4, .7, 1.1, 1.5, 1.6]
EVEN = [1] * 12


@dataclass(frozen=True)
class Kind:
    code: str
    share: float
    hours: list[float]
    months: list[float]
    places: tuple[str, ...]
    texts: tuple[str, ...]
    cost: tuple[int, int] | None = None


KINDS = [
    Kind("skadegorelse.klotter", 18, DAY, EVEN, ("trapphus", "hallplats", "skola", "gangvag"),
         ("Klotter på fasaden.", "Taggar på busskuren.", "Klotter i gångtunneln.", "Nytt klotter på skolans vägg."),
         (500, 15000)),
    Kind("skadegorelse.glaskross", 8, NIGHT, EVEN, ("hallplats", "butik", "skola"),
         ("Krossad ruta i busskuren.", "Glaskross vid entrén.", "Sönderslagen glasdörr."), (2000, 40000)),
    Kind("brand.avfall", 6, NIGHT, [.7, .7, 1, 1.5, 1.6, 1.2, 1, 1, 1, 1, .8, .7], ("gata", "gangvag", "skola"),
         ("Brand i papperskorg.", "Brinnande container vid återvinningen.", "Anlagd brand i soptunna."), (500, 20000)),
    Kind("ordningsstorning.ungdomar", 12, EVENING, SUMMER, ("torg", "centrum", "lekplats", "idrottsplats"),
         ("Större samling ungdomar, hög ljudnivå.", "Grupp ungdomar kastade saker mot förbipasserande.",
          "Mopedåkning och samling vid torget.")),
    Kind("ordningsstorning.berusning", 6, EVENING, SUMMER, ("park", "torg", "hallplats"),
         ("Berusade personer i parken.", "Flaskor och bråk vid hållplatsen sent på kvällen.")),
    Kind("narkotika.langning", 5, EVENING, EVEN, ("park", "garage", "gangvag", "trapphus"),
         ("Misstänkt langning i parkeringshuset.", "Upprepade korta möten vid gångvägen, misstänkt försäljning.")),
    Kind("narkotika.fynd", 3, DAY, EVEN, ("lekplats", "park", "trapphus"),
         ("Sprutor hittade vid lekplatsen.", "Narkotikarelaterat skräp i trapphuset.")),
    Kind("nedskrapning.skrap", 10, DAY, SUMMER, ("park", "torg", "gata"),
         ("Mycket skräp efter helgen.", "Nedskräpning runt bänkarna.")),
    Kind("nedskrapning.dumpning", 4, DAY, EVEN, ("gata", "garage"),
         ("Dumpade grovsopor bakom huset.", "Dumpat avfall i skogsdungen.")),
    Kind("fysisk-miljo.belysning", 7, DAY, DARK, ("gangvag", "park", "hallplats"),
         ("Trasig gatubelysning längs gångvägen.", "Mörkt vid hållplatsen, lampan ur funktion."), (1000, 8000)),
    Kind("fysisk-miljo.vegetation", 3, DAY, SUMMER, ("gangvag", "park"),
         ("Buskage skymmer sikten vid gångtunneln.",)),
    Kind("inbrott.forrad", 6, NIGHT, DARK, ("kallare",), ("Inbrott i källarförråd.", "Uppbrutna förrådsdörrar."),
         (1000, 25000)),
    Kind("stold.cykel", 6, DAY, SUMMER, ("hallplats", "skola", "centrum"), ("Cykelstöld vid stationen.",)),
    Kind("hot-vald.hot", 3, EVENING, EVEN, ("centrum", "hallplats", "butik"),
         ("Personal i butiken hotad.", "Hotfull situation vid busshållplatsen.")),
    Kind("trafik.moped", 3, EVENING, SUMMER, ("gangvag", "park", "torg"),
         ("Mopeder kör på gång- och cykelvägen.",)),
]
WEEKDAY = [0.85, 0.85, 0.9, 0.95, 1.25, 1.45, 1.05]  # Monday .. Sunday


@dataclass(frozen=True)
class DemoIncident:
    category_code: str
    occurred_from: datetime
    lat: float
    lon: float
    place_type: str
    description: str
    source: str
    reported_to_police: str
    damage_cost_sek: int | None
    status: str
    external_id: str


def generate(rng: random.Random, outline: shapely.Geometry, *, until: date, count: int = 20_000,
             days: int = 730, id_prefix: str = "demo") -> Iterator[DemoIncident]:
    """`count` incidents in the `days` before `until`, inside `outline` (WGS 84), one at a time."""
    minx, miny, maxx, maxy = outline.bounds
    shapely.prepare(outline)

    def point_near(lon, lat, spread_m):
        while True:
            x = rng.gauss(lon, spread_m / (111_320 * math.cos(math.radians(lat))))
            y = rng.gauss(lat, spread_m / 110_570)
            if outline.covers(Point(x, y)):
                return x, y

    def anywhere():
        while True:
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if outline.covers(Point(x, y)):
                return x, y

    hotspots = [(*anywhere(), rng.uniform(80, 250), rng.uniform(0.5, 1.5)) for _ in range(9)]
    emerging = [(*anywhere(), rng.uniform(60, 150)) for _ in range(3)]
    kinds, weights = KINDS, [k.share for k in KINDS]
    start = until - timedelta(days=days)
    day_weights = [
        WEEKDAY[(start + timedelta(days=d)).weekday()] * (1 + 0.12 * d / days) for d in range(days)
    ]  # a slow upward trend
    for n in range(count):
        kind = rng.choices(kinds, weights)[0]
        d = _day_sampler(rng, kind, start, day_weights)
        day = start + timedelta(days=d)
        hour = rng.choices(range(24), kind.hours)[0]
        when = datetime.combine(day, time(hour, rng.randrange(60)), STOCKHOLM)
        r = rng.random()
        age = (until - day).days
        if r < 0.06 and age < 120:  # emerging hotspots: only in the last four months, growing
            x0, y0, spread = emerging[n % len(emerging)]
            if rng.random() < (120 - age) / 120:
                lon, lat = point_near(x0, y0, spread)
            else:
                lon, lat = anywhere()
        elif r < 0.55:
            x0, y0, spread, _ = rng.choices(hotspots, [h[3] for h in hotspots])[0]
            lon, lat = point_near(x0, y0, spread)
        else:
            lon, lat = anywhere()
        status = ("avslutad" if age > 60 else rng.choice(["ny", "hanteras", "atgardad", "avslutad"])
                  if age > 7 else rng.choice(["ny", "ny", "hanteras"]))
        yield DemoIncident(
            category_code=kind.code, occurred_from=when, lat=round(lat, 6), lon=round(lon, 6),
            place_type=rng.choice(kind.places), description=rng.choice(kind.texts),
            source=rng.choices(["egen", "trygghetsvandring", "medborgardialog"], [90, 7, 3])[0],
            reported_to_police=rng.choices(["ja", "nej", "vet_ej"], [35, 45, 20])[0],
            damage_cost_sek=rng.randrange(*kind.cost) // 100 * 100 if kind.cost and rng.random() < 0.6 else None,
            status=status, external_id=f"{id_prefix}-{n:07d}",
        )


CSV_HEADER = ["Id", "Kategori", "Tid", "Latitud", "Longitud", "Platstyp", "Beskrivning", "Källa", "Polisanmäld",
              "Kostnad", "Status"]


def write_csv(incidents: Iterable[DemoIncident], file: TextIO) -> int:
    """The incidents as a Swedish Excel-style CSV (semicolons, local time), as a municipality would import them."""
    writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    n = 0
    for i in incidents:
        writer.writerow([
            i.external_id, i.category_code, i.occurred_from.strftime("%Y-%m-%d %H:%M"), f"{i.lat:.6f}", f"{i.lon:.6f}",
            i.place_type, i.description, i.source, i.reported_to_police,
            "" if i.damage_cost_sek is None else i.damage_cost_sek, i.status,
        ])
        n += 1
    return n


_SAMPLERS: dict[tuple[str, date, int], tuple[list[int], list[float]]] = {}


def _day_sampler(rng: random.Random, kind: Kind, start: date, day_weights: list[float]) -> int:
    """A day index, weighted by weekday, trend and the kind's season (cumulative weights cached per kind)."""
    key = (kind.code, start, len(day_weights))
    if key not in _SAMPLERS:
        weights = [w * kind.months[(start + timedelta(days=i)).month - 1] for i, w in enumerate(day_weights)]
        cumulative, total = [], 0.0
        for w in weights:
            total += w
            cumulative.append(total)
        _SAMPLERS[key] = (list(range(len(weights))), cumulative)
    population, cumulative = _SAMPLERS[key]
    return rng.choices(population, cum_weights=cumulative)[0]
