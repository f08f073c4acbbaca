"""The test live server answers one request at a time (conftest's _OneRequestAtATime): on SQLite its threads share
the test's one in-memory connection, and a browser asks for several database-backed resources at once."""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import urlopen

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_many_parallel_requests_that_read_the_database_all_succeed(world, live_server):
    url = f"{live_server.url}/p/{world.kommun_a.kommunkod}/medborgarloften/"

    def status(_):
        with urlopen(url, timeout=30) as response:  # noqa: S310 (http to the test live server)
            response.read()
            return response.status

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(status, range(120)))
    assert statuses == [200] * 120


def test_a_request_accepted_before_a_test_ends_is_not_answered_after_its_database_is_emptied(world, live_server):
    """A browser's last request (a figure of the page a test left) waited for the lock while the test's database
    was flushed; answered afterwards, it read the next test's database, and on SQLite it shared the connection with
    the flush and left it outside autocommit, so every login after it failed (CI, stop 29)."""
    import threading
    import time
    from urllib.error import HTTPError

    from django.db import connection
    from django.test.testcases import LiveServerThread, TransactionTestCase

    server = LiveServerThread.server_class
    url = f"{live_server.url}/p/{world.kommun_a.kommunkod}/medborgarloften/"
    answers = []

    def ask():
        try:
            with urlopen(url, timeout=30) as response:  # noqa: S310 (http to the test live server)
                answers.append(response.status)
        except HTTPError as error:
            answers.append(error.code)

    with server.lock:  # the request in flight: accepted, waiting for the lock
        waiting = threading.Thread(target=ask)
        waiting.start()
        deadline = time.monotonic() + 10
        while not any(hasattr(t, "accepted_in") for t in threading.enumerate() if t.is_alive()):
            assert time.monotonic() < deadline, "the live server did not accept the request"
            time.sleep(0.01)
        TransactionTestCase()._fixture_teardown()  # the end of the test, as it runs (the lock is reentrant)
    waiting.join(30)
    assert answers == [503]
    assert connection.get_autocommit() and not connection.in_atomic_block
    ask()  # a request of the next test is answered
    assert answers == [503, 404]  # the database was emptied: the municipality is gone
