"""A safety walk on a phone (390 px): the reporter records three observations on the walk (the point typed into
the latitude and longitude fields: map tiles do not load offline), the walk page lists them, and the walk report
renders with its map. The list, the walk page, the observation form and the report pass axe (WCAG 2.1 A/AA)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from browsing import assert_accessible
from personas import World
from reporting import TORGET, category
from samtrygg.walks import services
from samtrygg.walks.models import Observation, Walk
from test_incidents_pages import jpeg_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
SEEN = [("fysisk-miljo.belysning", "Mörkt under bron.", "4"),
        ("fysisk-miljo.vegetation", "Höga buskar vid lekplatsen.", "3"),
        ("skadegorelse.klotter", "Klotter på busskuren.", "2")]


def test_a_reporter_records_three_observations_on_a_phone(live_server, page_for):
    world = World()
    walk = services.walk_save(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Kvällsvandring",
                              starts_at=timezone.now() - timedelta(hours=1), meeting_place="Torget")
    services.participant_add(actor=world.alice, walk=walk, organisation=world.police, function="Kommunpolis")

    page = page_for("bob", viewport=PHONE)
    page.goto(f"{live_server.url}/trygghetsvandring/")
    expect(page.get_by_role("link", name="Kvällsvandring")).to_be_visible()
    assert_accessible(page, "walks-list")
    page.get_by_role("link", name="Kvällsvandring").click()
    page.wait_for_load_state()
    for number, (code, text, unsafe) in enumerate(SEEN):
        page.locator(f"a[href='/trygghetsvandring/{walk.pk}/iakttagelse/']").click()
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if number == 0:
            assert_accessible(page, "walks-observation-form")
        page.locator(f"input[name=category][value='{category(code).pk}']").check()
        page.locator("input[name=lat]").fill(f"{TORGET[0] + number * 0.001:.6f}")
        page.locator("input[name=lon]").fill(f"{TORGET[1]:.6f}")
        page.locator(f"input[name=unsafe][value='{unsafe}']").check()
        page.locator("textarea[name=description]").fill(text)
        page.locator("textarea[name=suggested_measure]").fill("Åtgärda")
        if number == 0:
            page.set_input_files("input[name=photo]", files=[{"name": "IMG_0042.jpg", "mimeType": "image/jpeg",
                                                               "buffer": jpeg_with_gps()}])
        page.locator("#incident-form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/trygghetsvandring/{walk.pk}/")

    assert Observation.objects.filter(walk=walk).count() == 3
    with Observation.objects.exclude(photo="").get().photo.open("rb") as file, Image.open(file) as image:
        assert not image.getexif()
    for _code, text, _unsafe in SEEN:
        expect(page.get_by_text(text)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "walks-detail")

    page.goto(f"{live_server.url}/trygghetsvandring/{walk.pk}/rapport/")
    assert "Kvällsvandring" in page.locator("h1").inner_text()
    assert page.locator("figure img").count() == 1
    assert page.get_by_text("Höga buskar vid lekplatsen.").count() >= 1
    assert_accessible(page, "walks-report")


def test_a_route_is_drawn_by_tapping_the_map(live_server, page_for):
    world = World()
    page = page_for("alice", viewport=PHONE)
    page.goto(f"{live_server.url}/trygghetsvandring/ny/")
    assert_accessible(page, "walks-form")
    page.locator("select[name=area]").select_option(str(world.area_a.pk))
    page.locator("input[name=title]").fill("Vandring med ritad väg")
    page.locator("input[name=starts_at]").fill((timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#route-map.leaflet-container").wait_for()  # the map is up before the first tap
    box = page.locator("#route-map").bounding_box()
    for dx, dy in ((0.3, 0.3), (0.5, 0.5), (0.6, 0.7), (0.7, 0.4)):  # clear of the zoom and attribution
        page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
        page.wait_for_timeout(600)  # a second tap at once would be a double-click zoom
    page.locator("#route-undo").click()
    page.locator("#walk-form button[type=submit]").click()
    page.wait_for_load_state()
    walk = Walk.objects.get(title="Vandring med ritad väg")
    assert walk.route.startswith('{"type":"LineString"') and walk.route.count("],[") == 2  # three points
