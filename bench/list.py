"""`samtrygg bench list [--n N]`: the incident list's throughput under 8 concurrent clients, against the login page.

N synthetic incidents are loaded with the product's importer and the database analysed. Then the application is
served as in production (README: gunicorn, `samtrygg.wsgi:application`, WORKERS sync workers) on 127.0.0.1, over
plain http, and CLIENTS client threads, each on a kept-alive connection, request as fast as they are answered:
the demo coordinator's first page of the incident list (`GET /incidents/`, signed in: the scope, the filters, the
capped count, a page of rows), and the login page (`GET /accounts/login/`, anonymous: the same stack with no data
read) as the baseline. The list is asked for twice over: as the same page again (`list`: what a user's return to the
list costs while nothing on it changed, served from the page cache, ui.pagecache, after the versions of what it
shows are read) and as a page not shown before (`list_new`: a query parameter the list ignores, different on every
request, so every request builds the page). The three take turns, ROUNDS rounds of SECONDS seconds each after a
warm-up, so a change in the machine's load falls on all. Figures: requests/s of each, ratio = list / login (target ≥
0.25 at 1,000,000, issue 19) and ratio_new = list_new / login, p50/p95 latency of each, and the load average before
and after.
"""

import http.client
import itertools
import os
import socket
import subprocess
import sys
import threading
import time

from _support import load_average, loaded, percentiles
from django.db import connection

CLIENTS = 8
WORKERS = 3  # as README's systemd unit
ROUNDS = 3
SECONDS = 5.0
WARMUP_SECONDS = 2.0


def run(*, n: int = 1_000_000, seed: int = 2023, log=print, seconds: float = SECONDS, workers: int = WORKERS) -> dict:
    load_before = load_average()
    with loaded(n, seed, log) as (_owner, user, _outline):
        cookie = _session_cookie(user)
        with _served(log, workers) as port:
            targets = {"list": ("/incidents/", cookie), "list_new": ("/incidents/?seen={n}", cookie),
                       "login": ("/accounts/login/", None)}
            for path, sent in targets.values():
                _load(port, path, sent, min(WARMUP_SECONDS, seconds))
            totals = {name: {"requests": 0, "seconds": 0.0, "latencies": []} for name in targets}
            for k in range(ROUNDS):
                log(f"round {k + 1}/{ROUNDS} ...")
                for name, (path, sent) in targets.items():
                    done, elapsed, latencies = _load(port, path, sent, seconds)
                    totals[name]["requests"] += done
                    totals[name]["seconds"] += elapsed
                    totals[name]["latencies"] += latencies
    rate = {name: t["requests"] / t["seconds"] for name, t in totals.items()}
    latency = {name: percentiles(t["latencies"]) for name, t in totals.items()}
    return {
        "benchmark": "list", "incidents": n, "clients": CLIENTS, "workers": workers,
        "seconds_each": round(totals["list"]["seconds"], 1),
        "list_rps": round(rate["list"], 1), "list_new_rps": round(rate["list_new"], 1),
        "login_rps": round(rate["login"], 1),
        "ratio": round(rate["list"] / rate["login"], 3), "ratio_new": round(rate["list_new"] / rate["login"], 3),
        "list_p50_s": latency["list"]["p50"], "list_p95_s": latency["list"]["p95"],
        "list_new_p50_s": latency["list_new"]["p50"], "list_new_p95_s": latency["list_new"]["p95"],
        "login_p50_s": latency["login"]["p50"], "login_p95_s": latency["login"]["p95"],
        "met": rate["list"] / rate["login"] >= 0.25, "load_before": load_before, "load_after": load_average(),
    }


def _session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


class _served:
    """gunicorn serving this database on a free port of 127.0.0.1 (stopped afterwards)."""

    def __init__(self, log, workers: int):
        self.log, self.workers = log, workers

    def __enter__(self) -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        db = connection.settings_dict
        env = os.environ | {
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "SAMTRYGG_HTTPS": "0", "SAMTRYGG_DEBUG": "0", "SAMTRYGG_ALLOWED_HOSTS": "127.0.0.1",
            "SAMTRYGG_DEMO_MODE": "1",
        }
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        self.log(f"gunicorn on 127.0.0.1:{port} ...")
        self.process = subprocess.Popen(  # noqa: S603 - the environment's own gunicorn, fixed arguments
            [gunicorn, "samtrygg.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(self.workers),
             "--log-level", "warning"], env=env)
        deadline = time.monotonic() + 120
        while True:
            try:
                status = _get(http.client.HTTPConnection("127.0.0.1", port, timeout=10), "/accounts/login/", None)
            except OSError:
                status = None
            if status == 200:
                return port
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.process.kill()
                raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} (last status {status})")
            time.sleep(0.2)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(30)


def _get(conn: http.client.HTTPConnection, path: str, cookie: str | None) -> int:
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    return response.status


NUMBERS = itertools.count()  # for a path with {n}: a new one per request


def _load(port: int, path: str, cookie: str | None, seconds: float) -> tuple[int, float, list[float]]:
    """CLIENTS threads requesting `path` (its {n}, if any, a new number each time) for `seconds`: (requests answered
    200, seconds taken, latencies)."""
    latencies: list[float] = []
    failures: list[int] = []
    start = time.perf_counter()
    stop = start + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while (began := time.perf_counter()) < stop:
            status = _get(conn, path.format(n=next(NUMBERS)), cookie)
            if status != 200:
                failures.append(status)
                return
            latencies.append(time.perf_counter() - began)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"GET {path} answered {failures[0]}")
    return len(latencies), time.perf_counter() - start, latencies
