"""`samtrygg bench lagesbild [--n N]`: the whole lägesbild PDF for an area holding N incidents.

N synthetic incidents (two years, the demo municipality's rhythm and hot spots) are loaded with the product's
importer and the table analysed. A lägesbild covers the municipality over the two whole years before the end, and its
document is built (gather: the database queries; compose: hot spots, emerging hot spots, trends) and rendered
to PDF, REPEAT times after a warm-up. Figures: seconds of each step (best and median), the PDF's pages and
size, and peak memory: Python allocations during one build and render (tracemalloc), and the process's peak
resident set (ru_maxrss) before and after.

Then the draft's web page as a user opens it (Django's test client, the coordinator signed in): the first view
(which builds the document and stores it in the shared "documents" cache), cached views in the same process, and
cached views in a second process started afterwards (another worker: it finds the build in the database, after one
warm-up request to a page of its own); the page's size, and each figure's size as its own request.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta

from _support import loaded, timed
from django.db import connection

REPEAT = 3
VIEWS = 5  # cached page views timed in each process
UNTIL = date(2026, 11, 1)  # the incidents end here; the lägesbild covers the two whole years before it, as a
FIRST = date(2024, 11, 1)  # lägesbild does (whole months: counted from the tallies)


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(*, n: int = 1_000_000, seed: int = 2023, log=print) -> dict:
    import pypdfium2

    from samtrygg.areas.models import Area
    from samtrygg.lagesbild import services
    from samtrygg.lagesbild.document import compose
    from samtrygg.lagesbild.gather import Scope, gather
    from samtrygg.publishing.pdf import render_pdf

    with loaded(n, seed, log, until=UNTIL) as (owner, user, _outline):
        area = Area.objects.get(owner=owner, parent__isnull=True)
        lagesbild = services.lagesbild_create(actor=user, owner=owner, area=area, title="Bench",
                                              period_start=FIRST, period_end=UNTIL - timedelta(days=1))
        rss_before = _rss_mb()

        def build():
            gather_s, data = timed(lambda: gather(Scope.of(lagesbild)))
            compose_s, doc = timed(lambda: compose(lagesbild, data))
            render_s, pdf = timed(lambda: render_pdf(doc))
            return {"gather": gather_s, "compose": compose_s, "render": render_s}, pdf, data

        log("warm-up ...")
        build()
        tracemalloc.start()
        _, pdf, data = build()
        peak_python = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        runs = []
        for k in range(REPEAT):
            log(f"run {k + 1}/{REPEAT} ...")
            steps, pdf, data = build()
            runs.append(steps)
        page = _page_views(lagesbild, user, log)
    totals = [sum(r.values()) for r in runs]
    figures = {
        "benchmark": "lagesbild", "incidents": n, "incidents_in_document": data.current.total,
        "resolution": data.resolution, "cells": len(data.cells), "repeat": REPEAT,
        "seconds_best": round(min(totals), 3), "seconds_median": round(statistics.median(totals), 3),
        **{f"{step}_s_median": round(statistics.median(r[step] for r in runs), 3) for step in runs[0]},
        "pdf_pages": len(pypdfium2.PdfDocument(pdf)), "pdf_kb": round(len(pdf) / 1024),
        "peak_python_mb": round(peak_python / 2**20, 1), "rss_before_mb": rss_before, "rss_peak_mb": _rss_mb(),
        **page,
    }
    return figures


# A second worker: a new process on the same database, one warm-up request (its modules and templates load), then
# the page VIEWS times. Prints {"seconds": [...]}.
OTHER_WORKER = """
import json, os, sys, time
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from samtrygg.accounts.models import User
setup_test_environment()
client = Client()
client.force_login(User.objects.get(pk=int(sys.argv[1])))
client.get("/", secure=True)
seconds = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    assert client.get(sys.argv[2], secure=True).status_code == 200
    seconds.append(time.perf_counter() - start)
print(json.dumps({"seconds": seconds}))
"""


def _page_views(lagesbild, user, log) -> dict:
    """The draft's page: first and cached views here, cached views in another process, sizes (see the docstring)."""
    import re

    from django.conf import settings
    from django.test import Client, override_settings

    client = Client()
    client.force_login(user)
    url = f"/lagesbild/{lagesbild.pk}/"
    log("the draft's page ...")

    def view():  # (the first view of the process loads modules and templates: the warm-up below)
        start = time.perf_counter()
        response = client.get(url, secure=True)
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - start, response.content

    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        client.get("/", secure=True)  # warm-up, as in the other worker
        first, html = view()
        cached = [view()[0] for _ in range(VIEWS)]
        figures = [client.get(src.replace("&amp;", "&"), secure=True).content
                   for src in re.findall(r'<img[^>]+src="(/lagesbild/[^"]+/figure/[^"]+)"', html.decode())]
    db = connection.settings_dict
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "samtrygg.settings",
                        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}
    out = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", OTHER_WORKER, str(user.pk), url, str(VIEWS)], env=env, check=True,
        capture_output=True, text=True).stdout
    other = json.loads(out.strip().splitlines()[-1])["seconds"]
    return {
        "page_kb": round(len(html) / 1024, 1), "figures_kb": [round(len(f) / 1024, 1) for f in figures],
        "page_first_s": round(first, 3), "page_cached_s_median": round(statistics.median(cached), 3),
        "page_cached_s_max": round(max(cached), 3),
        "page_other_worker_s_median": round(statistics.median(other), 3),
        "page_other_worker_s_max": round(max(other), 3),
    }
