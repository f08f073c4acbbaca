"""Read replicas on PostgreSQL's own streaming replication (issue 19, point 6), against a real primary and hot
standby that this module starts on 127.0.0.1 (initdb, pg_basebackup -R, pg_ctl from /usr/lib/postgresql/*/bin, as
the postgres user when run as root), with the application under gunicorn given DATABASE_URL (the primary) and
DATABASE_REPLICA_URL (the standby), both as the runtime role, as in production.

The proof: replay on the standby is paused (`pg_wal_replay_pause()`), so what is written afterwards exists on the
primary only. Bob reports an incident on the report page and through the API: both succeed (the standby would refuse
the write), and the page the report redirects to, and the API resource, show it at once — his browser is pinned to
the primary. Alice, of the same kommun and allowed to see it, gets 404 for both: her reads came from the standby.
Once the pin has expired, Bob reads the standby too (404); a GET that writes (Alice's audited CSV export) pins her
browser to the primary (200). With replay resumed both see it, so the 404s were the standby's lag, not rights. Last,
with the standby stopped, the pages still answer, from the primary.

Not on SQLite (there is no replica to have). Where PostgreSQL's server programs are missing it is skipped, except
in CI (CI set, as .ci/run sets it), where it fails. Bounded: every wait has a deadline, and both clusters are stopped
and their directory removed whatever happens."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from glob import glob
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
import requests
from django.db import connection

from personas import PASSWORD
from reporting import TORGET
from samtrygg.replicas import PIN_COOKIE

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="PostgreSQL only: a hot standby by streaming replication "
                                       "(run with DATABASE_URL=postgres://…)")

TESTS = Path(__file__).resolve().parent
PIN_SECONDS = 2  # SAMTRYGG_DB_REPLICA_PIN_SECONDS for the application under test: the waits stay short
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEADLINE = 30  # seconds for any one wait (a server to start, the standby to catch up)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, condition, timeout: float = DEADLINE):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.1)
    return result


class Cluster:
    """One PostgreSQL server in a directory of `root`, on 127.0.0.1:port, as the postgres user when run as root
    (initdb refuses root). Every statement is run as the superuser postgres (trust on 127.0.0.1)."""

    def __init__(self, bin_dir: Path, root: Path, name: str, as_postgres: list[str]):
        self.bin, self.data, self.log = bin_dir, root / name, root / f"{name}.log"
        self.root, self.port, self.as_postgres = root, free_port(), as_postgres

    def run(self, program: str, *args: str, timeout: float = 60) -> None:
        result = subprocess.run([*self.as_postgres, str(self.bin / program), *args],  # noqa: S603
                                capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode:
            tail = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
            pytest.fail(f"{program} failed: {result.stdout}{result.stderr}\n{tail}")

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on")
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(DEADLINE), "-o", options,
                 "start")

    def stop(self) -> None:
        """Stops the server if it runs (it may never have started), at once."""
        subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m",  # noqa: S603
                        "immediate", "-w", "stop"], capture_output=True, timeout=60, check=False)

    def url(self, role: str, database: str = "samtrygg") -> str:
        return f"postgres://{role}:{role}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, params=None, database: str = "samtrygg"):
        with psycopg.connect(self.url("postgres", database), autocommit=True, connect_timeout=10) as db:
            cursor = db.execute(statement, params)
            return cursor.fetchall() if cursor.description else None


@contextmanager
def primary_and_standby() -> Iterator[tuple[Cluster, Cluster]]:
    found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        message = "PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin/initdb)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    bin_dir = Path(found[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="samtrygg-replicas-"))
    as_postgres = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    primary = Cluster(bin_dir, root, "primary", as_postgres)
    standby = Cluster(bin_dir, root, "standby", as_postgres)
    try:
        # initdb's pg_hba.conf lets every role, and replication connections, in from 127.0.0.1 (trust).
        primary.run("initdb", "-D", str(primary.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8")
        primary.start()
        primary.sql("CREATE ROLE samtrygg_replication LOGIN REPLICATION", database="postgres")
        standby.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "samtrygg_replication",
                    "-D", str(standby.data), "-R", "-X", "stream", "--checkpoint=fast")
        standby.start()
        assert standby.sql("SELECT pg_is_in_recovery()", database="postgres") == [(True,)]
        yield primary, standby
    finally:
        standby.stop()
        primary.stop()
        shutil.rmtree(root, ignore_errors=True)


def caught_up(primary: Cluster, standby: Cluster) -> None:
    """Waits until the standby has replayed everything the primary has written so far: up to the WAL's insert
    position, not its write position (pg_current_wal_lsn), which lags behind a commit under synchronous_commit=off
    (the clusters run so) until the WAL writer's next round — waiting for that one let the test pause replay before
    a token's use had arrived, and the standby's stale token made Alice's API read write, and so read the primary."""
    lsn = primary.sql("SELECT pg_current_wal_insert_lsn()::text")[0][0]
    wait_for("the standby to catch up", lambda: standby.sql(
        "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s::pg_lsn) >= 0", [lsn])[0][0])


def app_environment(primary: Cluster, standby: Cluster, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a samtrygg process: production settings over plain http, the primary and the standby."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_", "DATABASE_"))}
    env.update(DATABASE_URL=primary.url("samtrygg_app"), DATABASE_REPLICA_URL=standby.url("samtrygg_app"),
               SAMTRYGG_DB_REPLICA_PIN_SECONDS=str(PIN_SECONDS), SAMTRYGG_DATA_DIR=str(data_dir),
               SAMTRYGG_SECRET_KEY="replicas-" + "k" * 50, SAMTRYGG_DEBUG="0", SAMTRYGG_HTTPS="0",
               SAMTRYGG_LOG_LEVEL="WARNING", PYTHONPATH=str(TESTS), **extra)
    return env


def samtrygg(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    result = subprocess.run([sys.executable, "-m", "samtrygg", *args], env=env,  # noqa: S603 - our command
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


SETUP = """
import json
from personas import World
from samtrygg.accounts import services as accounts
from samtrygg.incidents.models import Category

world = World()
national = Category.objects.filter(owner__isnull=True)
print(json.dumps({
    "kommun": world.kommun_a.pk, "category": national.get(code="skadegorelse").pk,
    "subcategory": national.get(code="skadegorelse.klotter").pk,
    "alice": accounts.api_token_create(actor=None, user=world.alice, name="replicas")[1],
    "bob": accounts.api_token_create(actor=None, user=world.bob, name="replicas")[1],
}))
"""


# gunicorn's configuration: the views imported once, before the workers fork (with --preload), so that the first
# request of each worker does not wait for them; no database connection is shared by the forked workers.
WARM_WORKERS = """
def when_ready(server):
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns
    connections.close_all()
"""


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[str]:
    """The application under gunicorn, two workers (a pin must hold whichever answers); its base URL."""
    port = free_port()
    config = log.with_suffix(".conf.py")
    config.write_text(WARM_WORKERS)
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our command
            [sys.executable, "-m", "gunicorn", "samtrygg.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--timeout", "60", "--preload", "--config", str(config), "--no-control-socket"],
            env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        assert process.poll() is None, f"gunicorn exited: {log.read_text()[-2000:]}"
        try:
            return requests.get(base + "/accounts/login/", timeout=DEADLINE).status_code == 200
        except requests.ConnectionError:  # not listening yet
            return False

    try:
        wait_for("gunicorn to answer", answers)
        yield base
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


class Browser:
    """A person's browser: cookies kept (the session's, CSRF's, the pin to the primary), redirects not followed."""

    def __init__(self, base: str, token: str):
        self.base, self.token, self.session = base, token, requests.Session()
        self.pinned_until = 0.0

    def _noted(self, response: requests.Response) -> requests.Response:
        """Notes until when the application pinned this browser to the primary (the cookie's max age)."""
        if PIN_COOKIE in response.cookies:
            self.pinned_until = time.monotonic() + PIN_SECONDS
        return response

    def unpinned(self) -> "Browser":
        """This browser, once its pin to the primary has expired (waits for it)."""
        time.sleep(max(0.0, self.pinned_until + 0.3 - time.monotonic()))
        return self

    def get(self, path: str) -> requests.Response:
        return self._noted(self.session.get(self.base + path, allow_redirects=False, timeout=30))

    def post(self, path: str, data: dict) -> requests.Response:
        """The form at `path`, filled in and sent with its CSRF token."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self._noted(self.session.post(self.base + path, data={**data, "csrfmiddlewaretoken": csrf},
                                             allow_redirects=False, timeout=30))

    def login(self, username: str) -> None:
        response = self.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, response.text[-2000:]

    def api(self, method: str, path: str, body: dict | None = None) -> requests.Response:
        return self._noted(self.session.request(method, self.base + "/api/v1" + path, json=body, timeout=30,
                                                headers={"Authorization": f"Bearer {self.token}"}))


def report_form(world: dict, description: str) -> dict:
    an_hour_ago = datetime.now(STOCKHOLM) - timedelta(hours=1)
    return {"owner": world["kommun"], "category": world["category"], "subcategory": world["subcategory"],
            "occurred_from": an_hour_ago.strftime("%Y-%m-%dT%H:%M"), "lat": TORGET[0], "lon": TORGET[1],
            "area": "", "place_type": "", "description": description, "reported_to_police": "vet_ej",
            "damage_cost_sek": ""}


def test_reads_go_to_the_standby_and_a_writer_reads_the_primary(tmp_path):
    started = time.monotonic()
    with primary_and_standby() as (primary, standby):
        # As in production: the owner migrates and grants the runtime role, which the application runs as.
        primary.sql("CREATE ROLE samtrygg_owner LOGIN PASSWORD 'samtrygg_owner'", database="postgres")
        primary.sql("CREATE ROLE samtrygg_app LOGIN PASSWORD 'samtrygg_app'", database="postgres")
        primary.sql("CREATE DATABASE samtrygg OWNER samtrygg_owner", database="postgres")
        env = app_environment(primary, standby, tmp_path / "data")
        samtrygg({**env, "DATABASE_URL": primary.url("samtrygg_owner"), "SAMTRYGG_DB_RUNTIME_ROLE": "samtrygg_app"},
                 "migrate", "--no-input", "-v0", timeout=300)
        world = json.loads(samtrygg(env, "shell", "-c", SETUP).strip().splitlines()[-1])
        text = "Klotter på busskuren vid torget, rapporterat under replikeringstestet."

        def stored(cluster: Cluster) -> int:
            return cluster.sql("SELECT count(*) FROM incidents_incident WHERE description LIKE %s", [text + "%"])[0][0]

        def audited(cluster: Cluster, action: str) -> int:
            return cluster.sql("SELECT count(*) FROM audit_auditentry WHERE action = %s", [action])[0][0]

        with gunicorn(env, tmp_path / "gunicorn.log") as base:
            alice, bob = Browser(base, world["alice"]), Browser(base, world["bob"])
            alice.login("alice")
            assert alice.api("GET", "/incidents/").status_code == 200  # her token's use is noted now, not later
            caught_up(primary, standby)
            standby.sql("SELECT pg_wal_replay_pause()")
            wait_for("replay to pause", lambda: standby.sql("SELECT pg_get_wal_replay_pause_state()") == [("paused",)])

            # Bob's login writes a session that only the primary has: his next request reads it there.
            bob.login("bob")
            assert bob.get("/").status_code == 200

            # (b) Bob's writes go to the primary (the standby would refuse them), and (a) he sees them at once.
            response = bob.post("/incidents/report/", report_form(world, text))
            assert response.status_code == 302, response.text[-3000:]
            page = response.headers["Location"]
            assert re.fullmatch(r"/incidents/\d+/", page), page
            shown = bob.get(page)
            assert shown.status_code == 200 and "busskuren vid torget" in shown.text
            created = bob.api("POST", "/incidents/", {
                "owner": world["kommun"], "category": world["subcategory"], "description": text + " (API)",
                "occurred_from": (datetime.now(UTC) - timedelta(hours=1)).isoformat(), "lat": TORGET[0],
                "lon": TORGET[1]})
            assert created.status_code == 201, created.text
            resource = f"/incidents/{created.json()['id']}/"
            assert bob.api("GET", resource).status_code == 200
            assert (stored(primary), stored(standby)) == (2, 0)  # written on the primary, not yet replayed

            # (a) Alice reads the standby: the reports are not there yet, on the page, in the list, in the API.
            alice.unpinned()
            assert alice.get(page).status_code == 404
            assert alice.api("GET", resource).status_code == 404
            listed = alice.get("/incidents/")
            assert listed.status_code == 200 and "busskuren vid torget" not in listed.text

            # Bob's pin ends: he reads the standby again.
            assert bob.unpinned().get(page).status_code == 404

            # A GET that writes (the export, audited on the primary) pins Alice's browser to the primary.
            exports = audited(primary, "export")
            exported = alice.get("/incidents/export/?format=csv")
            assert exported.status_code == 200 and exported.headers["Content-Type"].startswith("text/csv")
            assert PIN_COOKIE in exported.cookies and audited(primary, "export") == exports + 1
            assert alice.get(page).status_code == 200

            # Replay resumed: Bob sees the report on the standby too, so the 404s were its lag, not rights.
            standby.sql("SELECT pg_wal_replay_resume()")
            caught_up(primary, standby)
            assert stored(standby) == 2
            assert bob.unpinned().get(page).status_code == 200

            # The standby stopped: the pages still answer, from the primary.
            standby.stop()
            assert bob.get(page).status_code == 200
            assert bob.get("/incidents/").status_code == 200
        assert "The read replica does not answer" in (tmp_path / "gunicorn.log").read_text()
    print(f"replicas: {time.monotonic() - started:.1f} s")
