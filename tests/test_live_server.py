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
