"""Faults and load on PostgreSQL (issue 14, item 6), each against real processes:

- kill -9 of `samtrygg import-incidents` while it streams a large Swedish file into the test database: nothing
  of it stays, no import is on record, and a rerun imports every row;
- a database restart while the application (gunicorn, not restarted) serves requests: it answers throughout,
  and every request after the restart succeeds, the first one on each kept connection too (CONN_HEALTH_CHECKS);
- reporters posting incidents through the REST API at the same time: no 5xx, and every report acknowledged with
  201 is stored with its audit entry.

The restart and the load run against a throwaway PostgreSQL cluster that this module starts itself (initdb and
pg_ctl from /usr/lib/postgresql/*/bin, as the postgres user when run as root), set up as in production: the
tables migrated by an owner role with SAMTRYGG_DB_RUNTIME_ROLE, the application connected as that runtime role.

Sizes, from the environment (the defaults are issue 14's and CI's): SAMTRYGG_FAULTS_IMPORT_ROWS (200000),
SAMTRYGG_FAULTS_REPORTERS (20), SAMTRYGG_FAULTS_LOAD_SECONDS (60), SAMTRYGG_FAULTS_PG_PORT (25432, the
throwaway cluster's port: below the ports Linux hands out to outgoing connections, see PG_PORT). Every wait has a
deadline, so a fault shows as a failure, never as a hang."""

import csv
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from glob import glob
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.db import connection

from samtrygg.audit.models import Action, AuditEntry
from samtrygg.incidents.models import Incident

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="PostgreSQL only: COPY, kill -9 mid-transaction and a database restart are "
                                       "tested on the production database (run with DATABASE_URL=postgres://…)")

IMPORT_ROWS = int(os.environ.get("SAMTRYGG_FAULTS_IMPORT_ROWS", "200000"))
REPORTERS = int(os.environ.get("SAMTRYGG_FAULTS_REPORTERS", "20"))
LOAD_SECONDS = float(os.environ.get("SAMTRYGG_FAULTS_LOAD_SECONDS", "60"))
# Below Linux's ephemeral ports (32768-60999): while the cluster is down for the restart, the application keeps
# connecting to its port, and a connection from an ephemeral port can be given that very port as its own (a TCP
# self-connect), which then holds it: the restarted server could not bind (a CI failure with 54342).
PG_PORT = int(os.environ.get("SAMTRYGG_FAULTS_PG_PORT", "25432"))
BOX = (17.60, 59.18, 17.70, 59.22)  # min lon, min lat, max lon, max lat: the kommun's area in both worlds
REQUEST_TIMEOUT = 60  # seconds; gunicorn's worker timeout is the same


def app_environment(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a samtrygg process of its own: production settings over plain http."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_", "DATABASE_URL"))}
    data_dir.mkdir(parents=True, exist_ok=True)
    env.update(DATABASE_URL=database_url, SAMTRYGG_DATA_DIR=str(data_dir), SAMTRYGG_SECRET_KEY="faults-" + "k" * 50,
               SAMTRYGG_DEBUG="0", SAMTRYGG_HTTPS="0", SAMTRYGG_LOG_LEVEL="WARNING", **extra)
    return env


def samtrygg(*args: str) -> list[str]:
    return [sys.executable, "-m", "samtrygg", *args]


# --- kill -9 during a large import ------------------------------------------------------------------------------

def write_swedish_file(path: Path, rows: int, seed: int = 14) -> None:
    """Incidents as a Swedish Excel saves them: cp1252, semicolons, CRLF, decimal commas, local times, Swedish
    words, amounts with a space between thousands."""
    rng = random.Random(seed)
    categories = ["skadegorelse.klotter", "Skadegörelse > Krossat glas", "Cykelstöld", "Klotter"]
    places = ["Torg", "hallplats", "Park", "", "Skola"]
    texts = ["Klotter på väggen vid torget", "Krossad ruta i väntkuren", "Ödelagd cykel vid stationen", "", "Sönder"]
    answers = ["Ja", "nej", "vet ej", ""]
    statuses = ["ny", "hanteras", ""]
    start = datetime(2025, 1, 1, 0, 0)
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Id", "Kategori", "Tid", "Latitud", "Longitud", "Platstyp", "Beskrivning", "Källa",
                         "Polisanmäld", "Kostnad", "Status"])
        for k in range(rows):
            cost = rng.choice([None, rng.randrange(100, 90_000)])
            writer.writerow([
                f"K-{k}", rng.choice(categories), (start + timedelta(minutes=rng.randrange(600_000))).strftime(
                    "%Y-%m-%d %H:%M"),
                f"{rng.uniform(BOX[1], BOX[3]):.6f}".replace(".", ","),
                f"{rng.uniform(BOX[0], BOX[2]):.6f}".replace(".", ","),
                rng.choice(places), rng.choice(texts), rng.choice(["egen", "trygghetsvandring", ""]),
                rng.choice(answers), "" if cost is None else f"{cost:,}".replace(",", " ") + " kr",
                rng.choice(statuses),
            ])


def url_of_the_test_database() -> str:
    """DATABASE_URL, naming the test database pytest-django made."""
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"]))


def copy_progress() -> tuple[int, int] | None:
    """(backend pid, rows sent so far) of a COPY into the incident table of this database, or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid, tuples_processed FROM pg_stat_progress_copy WHERE datname = current_database()"
                       " AND relid = %s::regclass", [Incident._meta.db_table])
        return cursor.fetchone()


def backend_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_kill_9_during_a_large_import_leaves_nothing_and_a_rerun_imports_every_row(world, tmp_path):
    path = tmp_path / "handelser.csv"
    write_swedish_file(path, IMPORT_ROWS)
    env = app_environment(url_of_the_test_database(), tmp_path / "data")
    command = samtrygg("import-incidents", str(path), "--organisation", world.kommun_a.kommunkod)
    log = tmp_path / "killed.log"
    with log.open("w") as output:
        importer = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    threshold = max(1, min(20_000, IMPORT_ROWS // 4))  # well into the write, far from its end
    deadline = time.monotonic() + 180
    progress = None
    try:
        while time.monotonic() < deadline and importer.poll() is None:
            progress = copy_progress()
            if progress and progress[1] >= threshold:
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"the import never wrote {threshold} rows to kill it in (exit code {importer.returncode}): "
                        f"{log.read_text(errors='replace')[-2000:]}")
        os.kill(importer.pid, signal.SIGKILL)
    finally:
        if importer.poll() is None:
            importer.kill()
        importer.wait(30)
    assert importer.returncode == -signal.SIGKILL
    backend, written = progress
    deadline = time.monotonic() + 60
    while backend_alive(backend):  # the server notices the lost client and rolls its transaction back
        assert time.monotonic() < deadline, "the killed import's database session never ended"
        time.sleep(0.05)

    assert written >= threshold
    assert not Incident.objects.exists()
    assert not AuditEntry.objects.filter(action=Action.IMPORT).exists()

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-2000:]
    assert Incident.objects.filter(owner=world.kommun_a).count() == IMPORT_ROWS
    assert Incident.objects.filter(external_id__in=["K-0", f"K-{IMPORT_ROWS - 1}"]).count() == 2
    entry = AuditEntry.objects.get(action=Action.IMPORT)
    assert entry.changes["counts"][1] == {"created": IMPORT_ROWS, "duplicates": 0, "total": IMPORT_ROWS}


# --- a throwaway cluster, set up as in production --------------------------------------------------------------

class Cluster:
    """A PostgreSQL cluster in a temporary directory on 127.0.0.1:port: roles samtrygg_owner (owns and migrates)
    and samtrygg_app (the application's runtime role), database samtrygg."""

    def __init__(self, port: int):
        found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
        if not found:
            message = "PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin/initdb)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.bin = Path(found[-1]).parent
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="samtrygg-faults-pg-"))
        self.as_postgres = []
        if os.geteuid() == 0:  # initdb refuses root; the postgres user runs the server
            shutil.chown(self.dir, "postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str, timeout: float = 120) -> None:
        result = subprocess.run([*self.as_postgres, *args], capture_output=True, text=True,  # noqa: S603
                                timeout=timeout, check=False)
        if result.returncode:
            log = self.dir / "log"
            tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
            pytest.fail(f"{' '.join(args[:2])} failed: {result.stdout}{result.stderr}\n{tail}")

    def init(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w",
                  "-t", "60", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", mode, "-w", "-t", "60", "stop")

    def psql(self, *statements: str) -> None:
        args = [a for s in statements for a in ("-c", s)]
        self._run(str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  "-v", "ON_ERROR_STOP=1", "-q", *args)

    def url(self, role: str) -> str:
        return f"postgres://{role}:{role}@127.0.0.1:{self.port}/samtrygg"

    def remove(self) -> None:
        """Stops the server if it runs (it may never have started) and removes the directory."""
        subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m",  # noqa: S603
                        "immediate", "-w", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


SETUP = """
import json
from shapely.geometry import box, mapping
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.areas import services as areas
from samtrygg.areas.models import AreaKind
from samtrygg.incidents.models import Category

kommun = accounts.organisation_create(actor=None, name="Exempelstad kommun", type=OrgType.KOMMUN, kommunkod="0180")
areas.area_create(actor=None, owner=kommun, name="Centrum", kind=AreaKind.KOMMUN, parent=None,
                  geometry=mapping(box(*BOX)))
tokens = []
for k in range(COUNT):
    user = accounts.user_create(actor=None, username=f"reporter{k}", password=None,
                                organisation=kommun, role=Role.RAPPORTOR)
    tokens.append(accounts.api_token_create(actor=None, user=user, name="faults")[1])
category = Category.objects.get(owner__isnull=True, code="skadegorelse.klotter").pk
print(json.dumps({"kommun": kommun.pk, "category": category, "tokens": tokens}))
"""


@dataclass
class Installation:
    cluster: Cluster
    kommun: int
    category: int
    tokens: list[str]
    data_dir: Path


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The throwaway cluster, migrated as the owner (granting samtrygg_app), with an organisation, its area and
    reporters with API tokens made by the application as samtrygg_app."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    cluster = Cluster(PG_PORT)
    data_dir = tmp_path_factory.mktemp("faults-app")
    try:
        cluster.init()
        cluster.start()
        cluster.psql("CREATE ROLE samtrygg_owner LOGIN PASSWORD 'samtrygg_owner'",
                     "CREATE ROLE samtrygg_app LOGIN PASSWORD 'samtrygg_app'",
                     "CREATE DATABASE samtrygg OWNER samtrygg_owner")
        migrate = subprocess.run(  # noqa: S603 - our command
            samtrygg("migrate", "--no-input", "-v0"), capture_output=True, text=True, timeout=300, check=False,
            env=app_environment(cluster.url("samtrygg_owner"), data_dir, SAMTRYGG_DB_RUNTIME_ROLE="samtrygg_app"))
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        script = SETUP.replace("BOX", repr(BOX)).replace("COUNT", str(max(REPORTERS, 4)))
        setup = subprocess.run(  # noqa: S603 - our command
            samtrygg("shell", "-c", script), capture_output=True, text=True, timeout=120, check=False,
            env=app_environment(cluster.url("samtrygg_app"), data_dir))
        assert setup.returncode == 0, setup.stdout + setup.stderr
        made = json.loads(setup.stdout.strip().splitlines()[-1])
        yield Installation(cluster, made["kommun"], made["category"], made["tokens"], data_dir)
    finally:
        cluster.remove()


# --- the application as a server process ------------------------------------------------------------------------

@dataclass
class Answer:
    started: float
    ended: float
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    external_id: str = ""
    incident: int | None = None
    error: str = ""


class Server:
    def __init__(self, port: int, process: subprocess.Popen, world: Installation):
        self.port, self.process, self.world = port, process, world
        self.sequence = iter(range(10**9))
        self.lock = threading.Lock()

    def request(self, method: str, path: str, token: str, body: dict | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            conn.request(method, path, body=json.dumps(body) if body is not None else None,
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def report(self, token: str, prefix: str) -> Answer:
        """POST one incident; the answer with its external id and, on 201, the incident's id."""
        with self.lock:
            external_id = f"{prefix}-{next(self.sequence)}"
        body = {"owner": self.world.kommun, "category": self.world.category, "external_id": external_id,
                "occurred_from": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
                "lat": round(random.uniform(BOX[1] + 0.001, BOX[3] - 0.001), 6),
                "lon": round(random.uniform(BOX[0] + 0.001, BOX[2] - 0.001), 6),
                "description": "Klotter på busskuren vid torget.", "place_type": "hallplats"}
        started = time.monotonic()
        try:
            status, content = self.request("POST", "/api/v1/incidents/", token, body)
        except (OSError, http.client.HTTPException) as exc:
            return Answer(started, time.monotonic(), None, external_id, error=repr(exc))
        incident = json.loads(content)["id"] if status == 201 else None
        return Answer(started, time.monotonic(), status, external_id, incident, content[:300].decode(errors="replace"))

    def read(self, token: str) -> int:
        return self.request("GET", "/api/v1/incidents/?page_size=5", token)[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# gunicorn's configuration: every view imported once, before the workers fork (with --preload), so that no
# worker's first request waits for Django to import the URLconf: the tests are about faults, not cold starts.
WARM_WORKERS = """
def when_ready(server):
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns
    connections.close_all()  # no connection may be shared by the forked workers
"""


@contextmanager
def gunicorn(world: Installation, workers: int, log: Path):
    """The application under gunicorn (sync workers, kept database connections as in production), connected as
    the runtime role; stopped afterwards."""
    port = free_port()
    env = app_environment(world.cluster.url("samtrygg_app"), world.data_dir, SAMTRYGG_API_RATE="1000000/hour")
    config = log.with_suffix(".conf.py")
    config.write_text(WARM_WORKERS)
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our command
            [sys.executable, "-m", "gunicorn", "samtrygg.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--timeout", str(REQUEST_TIMEOUT), "--graceful-timeout", "5",
             "--preload", "--config", str(config), "--no-control-socket"],
            env=env, stdout=output, stderr=subprocess.STDOUT)
    server = Server(port, process, world)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"gunicorn exited: {log.read_text()[-2000:]}"
            try:
                if server.read(world.tokens[0]) == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"gunicorn never answered: {log.read_text()[-2000:]}"
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


class Reporters:
    """Threads, one per token, each posting reports one after the other until stopped."""

    def __init__(self, server: Server, tokens: list[str], prefix: str):
        self.answers: list[list[Answer]] = [[] for _ in tokens]
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(server, token, prefix, mine), daemon=True)
                        for token, mine in zip(tokens, self.answers, strict=True)]
        for thread in self.threads:
            thread.start()

    def _run(self, server, token, prefix, mine):
        while not self.stopping.is_set():
            mine.append(server.report(token, prefix))

    def stop(self) -> list[Answer]:
        self.stopping.set()
        for thread in self.threads:
            thread.join(REQUEST_TIMEOUT + 10)
            assert not thread.is_alive(), "a reporter's request never ended"
        return [answer for mine in self.answers for answer in mine]


def stored(world: Installation, prefix: str) -> dict[str, tuple[int, bool]]:
    """{external id: (incident id, has its audit entry)} of the incidents stored with that prefix."""
    with psycopg.connect(world.cluster.url("samtrygg_owner")) as db:
        rows = db.execute(
            "SELECT i.external_id, i.id, EXISTS (SELECT 1 FROM audit_auditentry a WHERE a.action = 'create'"
            " AND a.object_type = 'incidents.incident' AND a.object_id = i.id::text)"
            " FROM incidents_incident i WHERE i.external_id LIKE %s", [prefix + "-%"]).fetchall()
    return {external_id: (pk, audited) for external_id, pk, audited in rows}


def assert_acknowledged_reports_are_stored(world: Installation, answers: list[Answer], prefix: str) -> dict:
    found = stored(world, prefix)
    acknowledged = {a.external_id: a.incident for a in answers if a.status == 201}
    missing = {e: pk for e, pk in acknowledged.items() if found.get(e, (None,))[0] != pk}
    assert not missing, f"{len(missing)} acknowledged reports are not stored: {list(missing.items())[:5]}"
    unaudited = [e for e in acknowledged if not found[e][1]]
    assert not unaudited, f"{len(unaudited)} stored reports have no audit entry: {unaudited[:5]}"
    return found


# --- a database restart while the application runs -------------------------------------------------------------

def test_the_application_answers_through_a_database_restart_and_reconnects_by_itself(production, tmp_path):
    world, cluster = production, production.cluster
    with gunicorn(world, workers=2, log=tmp_path / "gunicorn.log") as server:
        pid = server.process.pid
        tokens = world.tokens
        warm = [server.report(tokens[k % 4], "warm") for k in range(8)] + [server.read(tokens[0]) for _ in range(4)]
        assert [a.status for a in warm[:8]] == [201] * 8 and warm[8:] == [200] * 4

        # A quiet restart: every kept connection is now broken; the next requests must not fail on them.
        cluster.stop("fast")
        cluster.start()
        after_quiet = [server.report(tokens[k % 4], "quiet") for k in range(8)]
        assert [a.status for a in after_quiet] == [201] * 8, "failed on a connection the restart broke"

        # A restart under load: answered throughout; once the database is back, everything succeeds again.
        reporters = Reporters(server, tokens[:4], "restart")
        time.sleep(1)
        cluster.stop("fast")
        down = time.monotonic()
        time.sleep(2)
        cluster.start()
        up = time.monotonic()
        time.sleep(3)
        answers = reporters.stop()
        unanswered = [a for a in answers if a.status is None]
        assert not unanswered, f"{len(unanswered)} requests got no answer: {unanswered[:3]}"
        during = [a for a in answers if down <= a.started < up]
        assert during, "no request was made while the database was down"
        assert max(a.ended - a.started for a in during) < REQUEST_TIMEOUT / 2, "requests hung on the database"
        after = [a for a in answers if a.started >= up]
        assert after and all(a.status == 201 for a in after), Counter(a.status for a in after)
        assert server.read(tokens[0]) == 200
        assert server.process.poll() is None and server.process.pid == pid  # the same server, never restarted
    for prefix, sent in (("warm", warm[:8]), ("quiet", after_quiet), ("restart", answers)):
        assert_acknowledged_reports_are_stored(world, sent, prefix)


# --- reporters at the same time ---------------------------------------------------------------------------------

def test_reporters_posting_at_the_same_time_get_no_5xx_and_every_acknowledged_report_is_stored(production, tmp_path):
    world = production
    assert len(world.tokens) >= REPORTERS
    with gunicorn(world, workers=4, log=tmp_path / "gunicorn.log") as server:
        reporters = Reporters(server, world.tokens[:REPORTERS], "load")
        time.sleep(LOAD_SECONDS)
        answers = reporters.stop()
        assert server.process.poll() is None
    statuses = Counter(a.status for a in answers)
    latencies = sorted(a.ended - a.started for a in answers)
    print(f"{len(answers)} reports by {REPORTERS} reporters in {LOAD_SECONDS:g} s: {dict(statuses)}, "
          f"p50 {latencies[len(latencies) // 2]:.3f} s, p95 {latencies[int(len(latencies) * 0.95)]:.3f} s")
    assert not [a for a in answers if a.status is not None and a.status >= 500], dict(statuses)
    assert statuses[None] == 0, [a.error for a in answers if a.status is None][:3]
    assert set(statuses) == {201}, [a.error for a in answers if a.status != 201][:3]
    assert all(any(a.status == 201 for a in mine) for mine in reporters.answers)  # nobody was starved
    found = assert_acknowledged_reports_are_stored(world, answers, "load")
    assert len(found) == len(answers)  # and nothing else was stored
