"""`samtrygg bench lagesbild [--n N]`: the whole lägesbild PDF for an area holding N incidents.

N synthetic incidents (two years, the demo municipality's rhythm and hot spots) are loaded with the product's
importer and the table analysed. A lägesbild covers the municipality over the whole generated span, and its
document is built (gather: the database queries; compose: hot spots, emerging hot spots, trends) and rendered
to PDF, REPEAT times after a warm-up. Figures: seconds of each step (best and median), the PDF's pages and
size, and peak memory: Python allocations during one build and render (tracemalloc), and the process's peak
resident set (ru_maxrss) before and after.
"""

import resource
import statistics
import tempfile
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from _support import demo_world, throwaway_database, timed, write_incident_csv
from django.db import connection

REPEAT = 3
UNTIL = date(2026, 11, 1)


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(*, n: int = 1_000_000, seed: int = 2023, log=print) -> dict:
    import pypdfium2

    from samtrygg.areas.models import Area
    from samtrygg.incidents import importing
    from samtrygg.lagesbild import services
    from samtrygg.lagesbild.document import compose
    from samtrygg.lagesbild.gather import Scope, gather
    from samtrygg.publishing.pdf import render_pdf

    with tempfile.TemporaryDirectory() as tmp, throwaway_database(log):
        owner, user, outline = demo_world(seed)
        path = Path(tmp) / "incidents.csv"
        log(f"loading {n} incidents ...")
        write_incident_csv(path, outline, n, seed, until=UNTIL)
        with path.open("rb") as file:
            report = importing.import_file(actor=user, owner=owner, file=file, filename=path.name, commit=True)
        assert not report.errors, report.errors[:5]
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE incidents_incident")
        area = Area.objects.get(owner=owner, parent__isnull=True)
        lagesbild = services.lagesbild_create(actor=user, owner=owner, area=area, title="Bench",
                                              period_start=UNTIL - timedelta(days=729), period_end=UNTIL)
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
    totals = [sum(r.values()) for r in runs]
    figures = {
        "benchmark": "lagesbild", "incidents": n, "incidents_in_document": data.current.total,
        "resolution": data.resolution, "cells": len(data.cells), "repeat": REPEAT,
        "seconds_best": round(min(totals), 3), "seconds_median": round(statistics.median(totals), 3),
        **{f"{step}_s_median": round(statistics.median(r[step] for r in runs), 3) for step in runs[0]},
        "pdf_pages": len(pypdfium2.PdfDocument(pdf)), "pdf_kb": round(len(pdf) / 1024),
        "peak_python_mb": round(peak_python / 2**20, 1), "rss_before_mb": rss_before, "rss_peak_mb": _rss_mb(),
    }
    return figures
