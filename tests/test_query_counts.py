"""List pages cost a fixed number of queries, however many rows they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from personas import make_area
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import DataKind

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def grow(world, first, count):
    """More rows of everything the list pages show: areas, sub-organisations, members, grants, audit entries."""
    for i in range(first, first + count):
        area = make_area(world.kommun_a, f"Extra {i}", (17.60, 59.18, 17.61, 59.19), parent=world.area_a,
                         population=100 + i)
        org = accounts.organisation_create(actor=world.alice, name=f"Förvaltning {i}", type=OrgType.NAMND,
                                           kommunkod="0180", parent=world.kommun_a)
        accounts.user_create(actor=world.alice, username=f"user{i}", password="correct horse battery staple",
                             organisation=world.kommun_a, role=Role.LASARE)
        sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=org, kind=DataKind.INCIDENTS,
                             access="read", areas=[area, world.area_a2])


@pytest.mark.parametrize("url", ["/", "/areas/", "/accounts/organisations/", "/accounts/organisations/{kommun}/",
                                 "/sharing/", "/audit/"])
def test_list_pages_do_not_grow_with_rows(world, login, url):
    client = login(world.alice)
    url = url.format(kommun=world.kommun_a.pk)
    grow(world, 0, 2)
    before = queries(client, url)
    grow(world, 2, 6)
    after = queries(client, url)
    assert after == before, f"{url}: {before} queries with few rows, {after} with more"
