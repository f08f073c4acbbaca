"""The Must show of issue 3 in a real browser: a reporter on a phone reports an incident in a few steps (category,
a tap on the map, send), then finds it on the map and in the list. Map tiles are blocked, as on a network
without them: the area outlines and the markers must show all the same. Every page is checked with axe-core."""

import re

import pytest

from browsing import assert_accessible
from samtrygg.incidents.models import Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def no_tiles(page):
    """Every request that leaves the test server fails, like a map without tile access."""
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())


def test_a_reporter_on_a_phone_reports_and_finds_the_incident_on_the_map_and_in_the_list(world, page_for,
                                                                                         live_server):
    page = page_for("bob", viewport=PHONE)
    no_tiles(page)
    page.goto(f"{live_server.url}/incidents/report/")
    page.locator("#report-map .leaflet-interactive, #report-map path").first.wait_for()  # area outlines drawn
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    assert_accessible(page, "incident-report")

    # 1. the category, 2. a tap on the map, 3. send.
    page.get_by_label("Skadegörelse", exact=True).check()
    page.locator("#report-map").click(position={"x": 180, "y": 120})
    assert page.locator("#id_lat").input_value() and page.locator("#id_lon").input_value()
    # The description is checked while typing: personal data is highlighted before anything is sent.
    page.locator("#id_description").fill("Klotter på busskuren, ring 070-123 45 67")
    page.locator("#privacy-preview mark").wait_for()
    assert "070-123 45 67" in page.locator("#privacy-preview mark").inner_text()
    assert "telefonnummer" in page.locator("#privacy-message").inner_text()
    page.locator("#id_description").fill("Klotter på busskuren")
    page.locator("#privacy-preview").wait_for(state="hidden")
    page.locator("#send-report").click()
    page.wait_for_url(re.compile(r"/incidents/\d+/$"))
    incident = Incident.objects.get()
    assert incident.reported_by == world.bob and incident.lat is not None
    assert incident.area in (world.area_a, world.area_a_sub, world.area_a2)

    page.goto(f"{live_server.url}/incidents/map/")
    page.locator("#incident-map[data-loaded='points']").wait_for()
    page.locator("#incident-map .leaflet-marker-icon").first.wait_for()
    assert page.locator("#incident-map .leaflet-marker-icon").count() == 1
    assert page.locator("#incident-map path").count() >= 3  # Centrum, Torget, Norr without any tile
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "incident-map")

    page.goto(f"{live_server.url}/incidents/")
    rows = page.locator("#incident-table tbody tr")
    assert rows.count() == 1 and "Skadegörelse" in rows.first.inner_text()
    rows.first.get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}/incidents/{incident.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(f"{live_server.url}/incidents/")
    assert_accessible(page, "incident-list")


def test_the_coordinators_pages_are_accessible(world, page_for, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from samtrygg.incidents import services
    from samtrygg.incidents.models import Category

    incident = services.incident_create(
        actor=world.alice, owner=world.kommun_a, category=Category.objects.get(code="brand.anlagd"),
        occurred_from=timezone.now() - timedelta(hours=1), lat=59.195, lon=17.625, description="Brand i container",
    )
    page = page_for("alice")
    no_tiles(page)
    for name, path in {
        "incident-detail": f"/incidents/{incident.pk}/", "incident-edit": f"/incidents/{incident.pk}/edit/",
        "incident-delete": f"/incidents/{incident.pk}/delete/", "incident-list-coordinator": "/incidents/",
    }.items():
        assert page.goto(live_server.url + path).status == 200
        # let the page's own requests (the map's areas) finish before the next page: on SQLite the test server's
        # threads share one in-memory connection, and a request still running while the next page loads broke it
        page.wait_for_load_state("networkidle")
        assert_accessible(page, name)
    page.locator("input[name=ids]").first.check()
    page.locator("#bulk_status").select_option("hanteras")
    page.locator("#bulk-form button[type=submit]").click()
    page.locator(".messages").wait_for()
    incident.refresh_from_db()
    assert incident.status == "hanteras"


def test_the_map_works_without_any_tile_layer_and_the_import_page_is_accessible(world, page_for, live_server,
                                                                                settings):
    """SAMTRYGG_MAP_TILES=none: no tile layer at all (not only failing tiles); the map still fits the areas and
    loads the incidents, without a script error."""
    from datetime import timedelta

    from django.utils import timezone

    from samtrygg.incidents import services
    from samtrygg.incidents.models import Category

    settings.MAP_TILE_URL = ""
    services.incident_create(
        actor=world.alice, owner=world.kommun_a, category=Category.objects.get(code="brand.anlagd"),
        occurred_from=timezone.now() - timedelta(hours=1), lat=59.195, lon=17.625,
    )
    page = page_for("alice")
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{live_server.url}/incidents/map/")
    page.locator("#incident-map[data-loaded='points']").wait_for()
    assert page.locator("#incident-map .leaflet-marker-icon").count() == 1
    assert not page.locator("#incident-map .leaflet-tile").count()
    assert errors == []
    assert page.goto(f"{live_server.url}/incidents/import/").status == 200
    assert_accessible(page, "incident-import")
