"""Shared fixtures. Personas: Alice administers Exempelstad kommun, Bob reports there, Carol coordinates
Grannstad kommun, Dave reads for the police. Nobody shares anything until a test says so."""

import contextlib
import os
import threading

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test import override_settings
from django.test.testcases import LiveServerThread, TransactionTestCase
from django.utils import translation

from audit_guard import AuditGuard, failure
from personas import World

# Playwright's sync API runs an event loop in the test thread; the live server's database use is still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server answers one request at a time. On SQLite its threads share the test's single in-memory
    connection, which is not safe to use from two threads at once: a browser loading a page's charts (or a
    service worker fetching in the background) in parallel made reads fail with "bad parameter or other API
    misuse" or return a row half-read. The whole response, body and close included, is made under the lock,
    because a streamed export reads the database while it is sent."""

    lock = threading.RLock()  # also held by a test that uses the database while the browser may be loading a page
    generation = 0  # counts the emptied databases: a request accepted before the last one is not answered

    def process_request_thread(self, request, client_address):
        threading.current_thread().accepted_in = _OneRequestAtATime.generation
        super().process_request_thread(request, client_address)

    def set_app(self, application):
        lock = self.lock

        def serially(environ, start_response):
            with lock:
                if getattr(threading.current_thread(), "accepted_in", None) != _OneRequestAtATime.generation:
                    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                    return [b"the test that sent this request is over"]
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(serially)


LiveServerThread.server_class = _OneRequestAtATime
_flush = TransactionTestCase._fixture_teardown


def _flush_between_requests(self):
    """A transactional test's database is emptied under the live server's lock, and no request its browser still
    had in flight (a figure of the page it left) is answered afterwards: on SQLite such a request, answered while
    the test thread flushed the shared connection, left the connection outside autocommit for every test after."""
    with _OneRequestAtATime.lock:
        _OneRequestAtATime.generation += 1
        _flush(self)


TransactionTestCase._fixture_teardown = _flush_between_requests


@pytest.fixture
def between_requests():
    """Hold this while the test itself uses the database during a browser test (e.g. runs the background worker):
    no request is being answered meanwhile, so the two never share the connection at once."""
    return _OneRequestAtATime.lock


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Test databases are thrown away, so the audit log's purge permit is granted in them (see audit 0002)."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO audit_purge_permit (reason) VALUES ('test database')")


@pytest.fixture(scope="session", autouse=True)
def _plain_http():
    """The test servers speak plain http: no Secure-only cookies, no redirect to https, no HSTS. Session-wide,
    so it holds before the live server builds its middleware (once)."""
    with override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False, SECURE_SSL_REDIRECT=False,
                           SECURE_HSTS_SECONDS=0):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches (drafts' documents are cached, see lagesbild.document; pages, see
    ui.pagecache)."""
    cache.clear()
    caches["pages"].clear()
    yield


@pytest.fixture(autouse=True)
def _installation_language():
    """Each test starts in the installation's language (Swedish): a request that chose English leaves English
    active in its thread (web/middleware.LanguageMiddleware), and no test may depend on the one before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield


AUDIT_GUARD = AuditGuard()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """The audit guard (tests/audit_guard.py) watches every test, from its fixtures on."""
    AUDIT_GUARD.start()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test that passed fails when a service wrote a row without an audit entry of it."""
    result = yield
    if missing := AUDIT_GUARD.unaudited():
        pytest.fail(failure(missing), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        AUDIT_GUARD.stop()


@pytest.fixture
def audit_guard():
    return AUDIT_GUARD


@pytest.fixture(autouse=True)
def _national_categories(request):
    """A transactional test (browser tests, faults) empties every table after it, the categories that a migration
    put in too: put them back before each such test, so no test depends on the order the tests run in."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from samtrygg.incidents.models import Category
    from samtrygg.incidents.taxonomy import national_rows

    ids = dict(Category.objects.filter(owner__isnull=True).values_list("code", "id"))
    for code, name, parent, sort in national_rows():
        if code not in ids:
            ids[code] = Category.objects.create(code=code, name=name, sort=sort, parent_id=ids.get(parent)).pk


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user, backend="samtrygg.accounts.backends.PasswordBackend")
        return client

    return _login


from browsing import browser, page_for  # noqa: E402,F401 - fixtures for every browser test module


@pytest.fixture
def run_bench(monkeypatch):
    """Runs bench/NAME.py end to end at a small size (so it cannot rot; speed is not asserted) in this test's own
    database, a transactional test's, emptied afterwards, instead of a throwaway database beside it: creating and
    migrating one took CI about a minute per benchmark. PostgreSQL only, where the benchmarks run."""
    from django.db import connection as db

    from samtrygg.demo.management.commands.bench import available, load

    if db.vendor != "postgresql":
        pytest.skip("the benchmarks run on PostgreSQL")

    def _run(name: str, **kwargs) -> dict:
        assert name in available()
        module = load(name)
        import _support  # bench/_support.py, on the path once a benchmark is loaded

        monkeypatch.setattr(_support, "throwaway_database", lambda log, kept_as=None: contextlib.nullcontext())
        return module.run(seed=1, log=lambda text: None, **kwargs)

    return _run
