"""A few synthetic events in the format of the police's public events feed (polisen.se/api/events), for the
demo's police layer. They go through the same importer as a real feed, so the demo shows what an installation
that fetches the feed shows. Like the feed, each event's point is the centre of its municipality, and its place
is the municipality's name; the demo's municipalities are fictional, so the importer is told their codes
(KOMMUNKODER, its `places`): the events get a kommunkod and the demo's lägesbild counts them."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
KOMMUNKODER = {"Exempelby": "9901", "Grannby": "9902"}  # the demo's municipalities (builder.py), by feed name
FIRST_ID = 990_000_000  # far above the real feed's ids, so demo events never collide with real ones

# (event type, weight, summary); the summaries are the feed's short kind of text, without personal data.
TYPES = [
    ("Stöld", 6, "En person anmäler att en cykel har stulits vid stationen."),
    ("Skadegörelse", 5, "Fönsterrutor har krossats vid en skola. Polisen har upprättat en anmälan."),
    ("Misshandel", 3, "En person har blivit slagen utanför en restaurang. Skadorna bedöms som lindriga."),
    ("Brand", 3, "Brand i en container. Räddningstjänsten släckte branden."),
    ("Inbrott", 3, "Inbrott i ett förråd i ett flerbostadshus."),
    ("Bråk", 2, "Flera personer bråkar vid busstorget. Polis på plats."),
    ("Narkotikabrott", 2, "En person har ertappats med narkotika vid en kontroll."),
    ("Trafikolycka", 2, "Singelolycka, en bil har kört av vägen. Inga allvarliga personskador."),
    ("Sammanfattning natt", 1, "Lugn natt i polisområdet med ett fåtal ärenden."),
]


def feed_items(rng: random.Random, places: dict[str, tuple[float, float]], *, until: date, count: int = 40,
               days: int = 28) -> list[dict]:
    """`count` events over the `days` days up to `until`, spread over `places` ({name: (lon, lat)})."""
    kinds = [t for t in TYPES for _ in range(t[1])]
    start = datetime.combine(until - timedelta(days=days), datetime.min.time(), tzinfo=STOCKHOLM)
    items = []
    for n in range(count):
        event_type, _, summary = rng.choice(kinds)
        place, (lon, lat) = rng.choice(sorted(places.items()))
        when = start + timedelta(minutes=rng.randrange(days * 24 * 60))
        items.append({
            "id": FIRST_ID + n,
            "datetime": when.strftime("%Y-%m-%d %H:%M:%S %:z"),  # the feed's "2025-11-13 20:14:24 +01:00"
            "name": f"{when.day} {_MONTHS[when.month - 1]} {when:%H.%M}, {event_type}, {place}",
            "summary": summary,
            "url": f"/aktuellt/handelser/demo/{FIRST_ID + n}/",
            "type": event_type,
            "location": {"name": place, "gps": f"{lat:.5f},{lon:.5f}"},
        })
    return items


_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"]
