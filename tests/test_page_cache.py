"""The incident list served again from the page cache (ui.pagecache) while nothing on it changed, and built anew as
soon as anything it shows changes: an incident written (by anyone, also an organisation below the one that shared
the area), a grant made or revoked, a category, area or organisation renamed. Per user: nothing one user was shown
reaches another. What differs per request is fresh on a kept page: a CSRF token that this session's POST passes, the
CSP nonce of this response's header; a page with a message is neither kept nor served from the cache."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import GRANNSTAD, NORR, report
from samtrygg.accounts import services as accounts
from samtrygg.areas import services as areas
from samtrygg.incidents.models import Category, Incident
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access, DataKind

pytestmark = pytest.mark.django_db


def _list(client, query: str = "") -> tuple[str, list[str]]:
    """The list's HTML and the SQL it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("incidents:list") + query)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def _reads_incidents(sql: list[str]) -> bool:
    return any('FROM "incidents_incident"' in statement for statement in sql)


def test_the_same_page_again_is_served_without_reading_the_incidents_and_a_write_builds_it_anew(world, login):
    report(world, description="Klotter på skolans vägg")
    client = login(world.alice)
    first, sql = _list(client)
    assert "1 händelse" in first and _reads_incidents(sql)
    again, sql = _list(client)
    fresh = re.compile(r'(value|nonce)="[^"]+"')  # the CSRF token and the CSP nonce differ per response
    assert not _reads_incidents(sql) and fresh.sub("", again) == fresh.sub("", first)
    # Another query is another page.
    assert _reads_incidents(_list(client, "?status=ny")[1])
    # Bob reports (another user of the same organisation): Alice's list counts it at once.
    report(world, hours_ago=1)
    html, sql = _list(client)
    assert "2 händelser" in html and _reads_incidents(sql)
    # A status change is a write as well.
    Incident.objects.filter(pk=Incident.objects.order_by("pk").first().pk).update(status="atgardad")
    assert "Åtgärdad" in _list(client)[0]


def test_each_user_is_shown_their_own_page(world, login):
    report(world)
    assert 'name="ids"' in login(world.alice).get(reverse("incidents:list")).content.decode()  # may change: boxes
    bob = login(world.bob).get(reverse("incidents:list")).content.decode()
    assert 'name="ids"' not in bob and "bob" in bob and "alice" not in bob
    carol = login(world.carol).get(reverse("incidents:list")).content.decode()
    assert "Inga händelser matchar." in carol or "0 händelser" in carol


def test_sharing_made_and_revoked_shows_at_once_also_what_an_organisation_below_writes(world, login):
    client = login(world.dave)  # the police, nothing shared yet
    assert "0 händelser" in _list(client)[0]
    grant = sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police,
                                 kind=DataKind.INCIDENTS, access=Access.READ, areas=[world.area_a])
    assert "0 händelser" in _list(client)[0]  # nothing in the area yet
    # The förvaltning below the kommun reports in the shared area: the police see it.
    report(world, actor=world.erik, owner=world.forvaltning_a, description="Trasig belysning")
    assert "1 händelse" in _list(client)[0]
    # An incident in Norr, not shared; then Norr shared too (between the same organisations: only the grant is new).
    report(world, where=NORR, description="Krossad busskur")
    assert "1 händelse" in _list(client)[0]
    norr = sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police,
                                kind=DataKind.INCIDENTS, access=Access.READ, areas=[world.area_a2])
    assert "2 händelser" in _list(client)[0]
    sharing.grant_revoke(actor=world.alice, grant=norr)
    assert "1 händelse" in _list(client)[0]
    sharing.grant_revoke(actor=world.alice, grant=grant)
    assert "0 händelser" in _list(client)[0]


def test_renamed_categories_areas_and_organisations_show_at_once(world, login):
    own = Category.objects.create(owner=world.kommun_a, code="egen", name="Nedskräpning vid återvinning")
    report(world, category=own)
    client = login(world.alice)
    html = _list(client)[0]
    assert "Torget" in html and "Exempelstad kommun" in html
    areas.area_update(actor=world.alice, area=world.area_a_sub, name="Stortorget")
    assert "Stortorget" in _list(client)[0]
    accounts.organisation_update(actor=world.alice, organisation=world.kommun_a, name="Exempelstads kommun")
    assert "Exempelstads kommun" in _list(client)[0]
    assert "Nedskräpning vid återvinning" in _list(client)[0]
    own.name = "Nedskräpning vid återvinningsstation"
    own.save()
    assert "Nedskräpning vid återvinningsstation" in _list(client)[0]


def test_a_kept_page_carries_this_sessions_csrf_token_and_this_responses_nonce(world):
    report(world)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(world.alice, backend="samtrygg.accounts.backends.PasswordBackend")
    first.get(reverse("incidents:list"))
    response = second.get(reverse("incidents:list"))  # the same user's page, kept: served to this other session
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in html and "\x00" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    incident = Incident.objects.get()
    posted = second.post(reverse("incidents:bulk_status"),
                         {"ids": [incident.pk], "status": "hanteras", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "hanteras"
    # The message about it shows once, on the next page (which is not served from the cache), and not again.
    assert "har ändrats" in second.get(posted["Location"]).content.decode()
    assert "har ändrats" not in second.get(reverse("incidents:list")).content.decode()


def test_another_municipality_is_never_served_a_kept_page(world, login):
    report(world)
    report(world, where=GRANNSTAD, actor=world.carol, owner=world.kommun_b, description="Grannstads klotter")
    assert "Exempelstad kommun" in login(world.alice).get(reverse("incidents:list")).content.decode()
    carol = login(world.carol).get(reverse("incidents:list")).content.decode()
    assert "Grannstad kommun" in carol and "Exempelstad kommun</td>" not in carol


def _reads_choices(sql: list[str]) -> bool:
    """Whether the filters' category choices were read (the panel built, not taken from the cache)."""
    return any(statement.startswith('SELECT') and 'FROM "incidents_category"' in statement for statement in sql)


def test_the_filter_panel_is_kept_for_the_same_filters_and_built_anew_when_its_choices_change(world, login):
    report(world)
    client = login(world.alice)
    first, sql = _list(client, "?seen=1")  # a page not built before (the list ignores `seen`)
    assert _reads_incidents(sql) and _reads_choices(sql)
    second, sql = _list(client, "?seen=2")  # another page, the same (no) filters: the panel as it was
    assert _reads_incidents(sql) and not _reads_choices(sql)
    panel = re.compile(r'<details class="filter-panel".*?</details>', re.S)
    assert panel.search(second).group() == panel.search(first).group() and "Torget" in panel.search(first).group()
    # Other filters: another panel (the chosen status checked and summarised); then kept for them too.
    chosen, sql = _list(client, "?status=ny&seen=3")
    assert _reads_choices(sql) and "Status: Ny" in chosen and 'value="ny" id="id_status_0" checked' in chosen
    assert not _reads_choices(_list(client, "?status=ny&seen=4")[1])
    # A choice renamed, or a new area: shown at once.
    areas.area_update(actor=world.alice, area=world.area_a_sub, name="Stortorget")
    html, sql = _list(client, "?seen=5")
    assert _reads_choices(sql) and "Stortorget" in panel.search(html).group()
    # Filters in error are shown with their error and never kept.
    for seen in (6, 7):
        html, sql = _list(client, f"?period_from=2026-13-01&seen={seen}")
        assert _reads_choices(sql) and 'class="errorlist' in panel.search(html).group()
    # Per user: Carol (another municipality) is offered her own areas, not Alice's.
    carol = _list(login(world.carol), "?seen=1")[0]
    assert "Grannstad C" in panel.search(carol).group() and "Stortorget" not in carol
