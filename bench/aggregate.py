"""`samtrygg bench aggregate [--n N]`: the cell-aggregation endpoint against the equivalent raw SQL GROUP BY.

N synthetic incidents are loaded with the product's importer and the table analysed. Then, alternately and
REPEAT times each after a warm-up: (a) `GET /api/v1/incidents/aggregate/cells/?resolution=8` as the demo
coordinator with a bearer token, through the whole stack (middleware, authentication, the permission
resolver's scope, filters, JSON), and (b) the raw SQL that computes the same numbers: `GROUP BY` of the cells'
resolution-8 parent over the rows of the same organisations. Figures: p50/p95 seconds of each, ratio_p95 =
endpoint / SQL, and whether both gave the same counts.
"""

import json
import tempfile
from pathlib import Path

from _support import demo_world, percentiles, throwaway_database, timed, write_incident_csv
from django.db import connection
from django.test import Client

RESOLUTION = 8
REPEAT = 30
WARMUP = 3


def run(*, n: int = 1_000_000, seed: int = 2023, log=print) -> dict:
    from samtrygg.access import Access
    from samtrygg.accounts import services as accounts
    from samtrygg.incidents import importing
    from samtrygg.lib import cells

    with tempfile.TemporaryDirectory() as tmp, throwaway_database(log):
        owner, user, outline = demo_world(seed)
        path = Path(tmp) / "incidents.csv"
        log(f"loading {n} incidents ...")
        write_incident_csv(path, outline, n, seed)
        with path.open("rb") as file:
            report = importing.import_file(actor=user, owner=owner, file=file, filename=path.name, commit=True)
        assert not report.errors, report.errors[:5]
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE incidents_incident")

        _, secret = accounts.api_token_create(actor=user, user=user, name="bench")
        client = Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Bearer {secret}")
        url = f"/api/v1/incidents/aggregate/cells/?resolution={RESOLUTION}"
        org_ids = sorted(Access(user).orgs_for("view"))
        parent = cells.parent_sql("cell", RESOLUTION)  # integer constants only
        sql = (f"SELECT {parent} AS c, count(*) AS n FROM incidents_incident "  # noqa: S608
               "WHERE owner_id = ANY(%s) AND cell IS NOT NULL GROUP BY c ORDER BY n DESC, c")

        def endpoint():
            response = client.get(url, secure=True)
            assert response.status_code == 200, response.status_code
            return json.loads(response.content)

        def raw():
            with connection.cursor() as cursor:
                cursor.execute(sql, [org_ids])
                return cursor.fetchall()

        for _ in range(WARMUP):
            endpoint(), raw()
        api_times, sql_times = [], []
        for _ in range(REPEAT):
            seconds, api_result = timed(endpoint)
            api_times.append(seconds)
            seconds, sql_result = timed(raw)
            sql_times.append(seconds)

    api_counts = {int(_cell_int(row["cell"])): row["count"] for row in _rows(api_result)}
    sql_counts = dict(sql_result)
    api, base = percentiles(api_times), percentiles(sql_times)
    return {
        "benchmark": "aggregate", "incidents": n, "resolution": RESOLUTION, "cells": len(sql_counts),
        "repeat": REPEAT, "endpoint_p50_s": api["p50"], "endpoint_p95_s": api["p95"],
        "sql_p50_s": base["p50"], "sql_p95_s": base["p95"],
        "ratio_p95": round(api["p95"] / base["p95"], 3), "same_counts": api_counts == sql_counts,
    }


def _rows(result):
    return result["results"] if isinstance(result, dict) else result


def _cell_int(cell) -> int:
    import h3

    return h3.str_to_int(cell) if isinstance(cell, str) else int(cell)
