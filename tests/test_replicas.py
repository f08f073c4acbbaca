"""Where samtrygg.replicas sends each read, without a replica: the router's and the middleware's decisions, asked
through querysets' `.db` (which names the alias without running the query). tests/test_replicas_pg.py shows the
same against a real primary and hot standby. Without DATABASE_REPLICA_URL nothing is installed."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from samtrygg import replicas
from samtrygg.incidents.models import Incident
from samtrygg.replicas import PIN_COOKIE, PIN_SALT, ReplicaMiddleware, reads_primary

ROUTER = "samtrygg.replicas.ReplicaRouter"


@pytest.fixture
def routed(settings, monkeypatch):
    """The router installed, the replica taken to answer (no connection is made: `.db` only names it)."""
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.SAMTRYGG_DB_REPLICA_PIN_SECONDS = 10
    monkeypatch.setattr(replicas, "replica_answers", lambda: True)


def answer(request, body=lambda: None, view=None):
    """The middleware answering `request` with a view that runs `body`; (response, what `body` returned)."""
    seen = []

    def get_response(request):
        middleware.process_view(request, view or get_response, (), {})
        seen.append(body())
        return HttpResponse("ok")

    middleware = ReplicaMiddleware(get_response)
    return middleware(request), seen[0]


def test_outside_a_request_everything_reads_the_primary(routed):
    """Commands, migrations, the background worker and the tests are answered by no request."""
    assert Incident.objects.all().db == "default"


def test_a_get_reads_the_replica_and_sets_no_pin(routed):
    response, db = answer(RequestFactory().get("/incidents/"), lambda: Incident.objects.all().db)
    assert db == "replica"
    assert PIN_COOKIE not in response.cookies


def test_sessions_are_read_on_the_primary(routed):
    _, db = answer(RequestFactory().get("/"), lambda: Session.objects.all().db)
    assert db == "default"


def test_after_a_write_the_request_reads_the_primary_and_pins_the_browser(routed):
    def write_then_read():
        before = Incident.objects.all().db
        assert Incident.objects.select_for_update().db == "default"  # a lock is taken where writes go
        return before, Incident.objects.all().db

    response, dbs = answer(RequestFactory().get("/incidents/export/"), write_then_read)
    assert dbs == ("replica", "default")
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_inside_a_transaction_reads_go_to_the_primary(routed):
    def read_in_atomic():
        with transaction.atomic():
            return Incident.objects.all().db

    assert answer(RequestFactory().get("/"), read_in_atomic)[1] == "default"


def test_a_post_reads_the_primary_and_pins_the_browser(routed):
    response, db = answer(RequestFactory().post("/incidents/report/"), lambda: Incident.objects.all().db)
    assert db == "default"
    assert PIN_COOKIE in response.cookies


def test_a_pinned_browser_reads_the_primary_until_the_pin_expires(routed, settings):
    pinned = HttpResponse()
    pinned.set_signed_cookie(PIN_COOKIE, "1", salt=PIN_SALT)
    request = RequestFactory().get("/incidents/1/")
    request.COOKIES[PIN_COOKIE] = pinned.cookies[PIN_COOKIE].value
    assert answer(request, lambda: Incident.objects.all().db)[1] == "default"
    settings.SAMTRYGG_DB_REPLICA_PIN_SECONDS = -1  # the signature's time stamp is now older than the pin
    assert answer(request, lambda: Incident.objects.all().db)[1] == "replica"


def test_a_forged_pin_is_ignored(routed):
    request = RequestFactory().get("/incidents/1/")
    request.COOKIES[PIN_COOKIE] = "1"
    assert answer(request, lambda: Incident.objects.all().db)[1] == "replica"


def test_a_view_marked_reads_primary_reads_the_primary(routed):
    view = reads_primary(lambda request: HttpResponse())
    assert answer(RequestFactory().get("/accounts/sign-on/callback/"), lambda: Incident.objects.all().db,
                  view=view)[1] == "default"


def test_a_replica_that_does_not_answer_leaves_the_reads_on_the_primary(routed, monkeypatch):
    monkeypatch.setattr(replicas, "replica_answers", lambda: False)
    assert answer(RequestFactory().get("/"), lambda: Incident.objects.all().db)[1] == "default"


def test_migrations_run_on_the_primary_only():
    router = replicas.ReplicaRouter()
    assert router.allow_migrate("default", "incidents") and not router.allow_migrate("replica", "incidents")


def settings_with(data_dir, **variables: str) -> subprocess.CompletedProcess:
    """The settings module loaded with these variables (and no others of samtrygg's) in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_", "DATABASE_"))}
    env.update(SAMTRYGG_DATA_DIR=str(data_dir), SAMTRYGG_SECRET_KEY="replicas-" + "k" * 50, **variables)
    code = ("import json, samtrygg.settings as s; print(json.dumps([sorted(s.DATABASES), "
            "getattr(s, 'DATABASE_ROUTERS', []), s.MIDDLEWARE]))")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,  # noqa: S603
                          check=False)


def test_without_a_replica_nothing_is_installed(tmp_path):
    databases, routers, middleware = json.loads(settings_with(tmp_path).stdout)
    assert databases == ["default"] and routers == []
    assert "samtrygg.replicas.ReplicaMiddleware" not in middleware


def test_with_a_replica_the_router_and_middleware_are_installed(tmp_path):
    databases, routers, middleware = json.loads(settings_with(
        tmp_path, DATABASE_URL="postgres://app:secret@primary.example:5432/samtrygg",
        DATABASE_REPLICA_URL="postgres://app:secret@standby.example:5432/samtrygg").stdout)
    assert databases == ["default", "replica"] and routers == [ROUTER]
    at = middleware.index("samtrygg.replicas.ReplicaMiddleware")
    assert middleware[at + 1] == "django.contrib.sessions.middleware.SessionMiddleware"


def test_a_replica_needs_postgresql(tmp_path):
    result = settings_with(tmp_path, DATABASE_REPLICA_URL="postgres://app:secret@standby.example:5432/samtrygg")
    assert result.returncode != 0 and "needs PostgreSQL" in result.stderr
