"""`samtrygg bench aggregate [--n N]`: the API's aggregate endpoints, as absolute p95, beside the raw scan.

N synthetic incidents are loaded with the product's importer (so its tallies are the importer's own) and the
database analysed. Then each endpoint below is requested with a bearer token of the demo coordinator, through the
whole stack (authentication, the permission resolver's scope, the filters, the tally when one counts exactly, JSON),
alternately with its **raw scan**: plain SQL computing the same counts from the incident table (the coordinator's
organisations' rows, grouped the same way, local time for months and hours). WARMUP requests, then REPEAT of each
side in turns.

- `cells`: `aggregate/cells/?resolution=8`, every cell of the scope (the county's and the API's hexagon map);
- `areas`, `categories`: `aggregate/areas/`, `aggregate/categories/`;
- `months`: `aggregate/periods/?period=month`;
- `hours`: `aggregate/hour-weekday/`;
- `cells_year`: `aggregate/cells/?resolution=8` over the last whole year (`period_from`/`period_to`).

Figures per endpoint: p50 and p95 of the request and of the raw scan, and whether both gave the same counts;
`met`: every p95 within the issue's target (50 ms at 1,000,000 incidents, 100 ms at 10,000,000). The machine's
load average is printed before and after.
"""

import json
from datetime import date

from _support import load_average, loaded, percentiles, timed
from django.db import connection
from django.test import Client

REPEAT = 30
WARMUP = 3
UNTIL = date(2026, 11, 1)  # the synthetic incidents end here
YEAR = (date(2025, 11, 1), date(2026, 10, 31))

LOCAL = "(occurred_from AT TIME ZONE 'Europe/Stockholm')"
SCOPE = "FROM incidents_incident WHERE owner_id = ANY(%(orgs)s)"


def target_seconds(n: int) -> float:
    return 0.05 if n <= 1_000_000 else 0.1


def endpoints(parent_sql) -> dict[str, tuple[str, str]]:
    """name: (the endpoint's path and query, the raw scan's SQL returning (key, count) rows)."""
    cell8 = parent_sql("cell", 8)
    year = (f"AND occurred_from >= '{YEAR[0]}'::timestamp AT TIME ZONE 'Europe/Stockholm' "
            f"AND occurred_from < '{UNTIL}'::timestamp AT TIME ZONE 'Europe/Stockholm'")
    return {
        "cells": ("aggregate/cells/?resolution=8",
                  f"SELECT {cell8}, count(*) {SCOPE} AND cell IS NOT NULL GROUP BY 1"),
        "areas": ("aggregate/areas/", f"SELECT area_id, count(*) {SCOPE} GROUP BY 1"),
        "categories": ("aggregate/categories/", f"SELECT category_id, count(*) {SCOPE} GROUP BY 1"),
        "months": ("aggregate/periods/?period=month",
                   f"SELECT to_char({LOCAL}, 'YYYY-MM-01'), count(*) {SCOPE} GROUP BY 1"),
        "hours": ("aggregate/hour-weekday/",
                  f"SELECT extract(isodow FROM {LOCAL})::int, extract(hour FROM {LOCAL})::int, "  # noqa: S608
                  f"count(*) {SCOPE} GROUP BY 1, 2"),
        "cells_year": (f"aggregate/cells/?resolution=8&period_from={YEAR[0]}&period_to={YEAR[1]}",
                       f"SELECT {cell8}, count(*) {SCOPE} AND cell IS NOT NULL {year} GROUP BY 1"),
    }


def run(*, n: int = 1_000_000, seed: int = 2023, log=print, repeat: int = REPEAT) -> dict:
    from samtrygg.access import Access
    from samtrygg.accounts import services as accounts
    from samtrygg.lib import cells

    load_before = load_average()
    with loaded(n, seed, log, until=UNTIL) as (_owner, user, _outline):
        _, secret = accounts.api_token_create(actor=user, user=user, name="bench")
        client = Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Bearer {secret}")
        orgs = sorted(Access(user).orgs_for("view"))
        results = {}
        for name, (path, sql) in endpoints(cells.parent_sql).items():
            log(f"{name} ...")

            def product(path=path):
                response = client.get(f"/api/v1/incidents/{path}", secure=True)
                assert response.status_code == 200, (path, response.status_code)
                return json.loads(response.content)

            def raw(sql=sql):
                with connection.cursor() as cursor:
                    cursor.execute(sql, {"orgs": orgs})
                    return cursor.fetchall()

            for _ in range(WARMUP):
                product(), raw()
            product_s, raw_s = [], []
            for _ in range(repeat):
                seconds, answer = timed(product)
                product_s.append(seconds)
                seconds, expected = timed(raw)
                raw_s.append(seconds)
            ours, base = percentiles(product_s), percentiles(raw_s)
            results[name] = {"p50_s": ours["p50"], "p95_s": ours["p95"], "raw_p50_s": base["p50"],
                             "raw_p95_s": base["p95"], "same_counts": _counts(name, answer) == _raw_counts(expected)}
    target = target_seconds(n)
    return {
        "benchmark": "aggregate", "incidents": n, "repeat": repeat, "target_p95_s": target, "endpoints": results,
        "met": {name: e["p95_s"] <= target for name, e in results.items()},
        "load_before": load_before, "load_after": load_average(),
    }


def _counts(name: str, answer: dict) -> dict:
    """The endpoint's answer as {key: count}, keyed as the raw scan's rows."""
    import h3

    if name == "hours":
        return {(day, hour): count for day, row in zip(answer["weekdays"], answer["counts"], strict=True)
                for hour, count in zip(answer["hours"], row, strict=True) if count}
    key = {"cells": "cell", "cells_year": "cell", "areas": "area", "categories": "category", "months": "period"}[name]
    rows = answer["results"]
    if key == "cell":
        return {h3.str_to_int(row["cell"]): row["count"] for row in rows}
    return {row[key]: row["count"] for row in rows if row["count"]}


def _raw_counts(rows) -> dict:
    return {(tuple(row[:-1]) if len(row) > 2 else row[0]): row[-1] for row in rows}
