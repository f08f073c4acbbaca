"""The county level in a browser: a member municipality's coordinator turns on sharing with the region, and the
region's analyst reads the dashboard (shared counts with the hidden ones marked, the cross-border hot spot map,
the statistics) and the settings, on a desktop and on a phone. Every page passes axe (WCAG 2.1 A/AA)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browsing import assert_accessible
from personas import PASSWORD
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Role
from samtrygg.county import services
from samtrygg.county.models import AggregateShare, ShareKind
from test_county import County, add, planted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_a_member_turns_on_sharing(live_server, page_for):
    county = County()
    accounts.user_create(actor=None, username="kim", password=PASSWORD, organisation=county.kommun["1983"],
                         role=Role.SAMORDNARE)
    member = county.member["1983"]
    page = page_for("kim")
    page.goto(f"{live_server.url}/lan/medlem/{member.pk}/")
    assert page.get_by_text("Delas inte").count() == 3
    assert_accessible(page, "county-member-sharing")
    page.get_by_role("button", name="Dela: Antal händelser per område, kategori och år").click()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Sluta dela: Antal händelser per område, kategori och år")).to_be_visible()
    assert AggregateShare.objects.active().filter(member=member, kind=ShareKind.AREA_COUNTS).exists()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_region_reads_its_dashboard(live_server, page_for, size):
    county = County()
    _resolution, background, plant = planted()
    for code in ("1980", "1961"):
        add(county.kommun[code], 0, "skadegorelse.klotter", cells_at=background[code] + plant[code])
    add(county.kommun["1907"], 3, "hot-vald.misshandel")
    page = page_for("lina", viewport=SIZES[size])
    page.goto(f"{live_server.url}/lan/{county.region.pk}/")
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("figure img[alt]").count() >= 1
    assert page.get_by_text("(över en kommungräns)").count() >= 1
    assert page.locator("text=(dold)").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"county-dashboard-{size}")
    services.share_create(actor=None, member=county.member["1980"], kind=ShareKind.COLLABORATION)
    page.get_by_role("link", name="Vem samverkar med vem: samverkanskartan").click()
    assert page.locator("h1").inner_text().startswith("Samverkanskartan")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"county-collaboration-{size}")

    accounts.user_create(actor=None, username="ada", password=PASSWORD, organisation=county.lst, role=Role.ADMIN)
    page = page_for("ada", viewport=SIZES[size])
    page.goto(f"{live_server.url}/lan/{county.region.pk}/installningar/")
    assert page.locator("main").get_by_text("Köping kommun", exact=True).count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"county-settings-{size}")


def test_the_county_situation_picture(live_server, page_for):
    county = County()
    add(county.kommun["1980"], 40, "skadegorelse.klotter")
    picture = services.picture_save(actor=county.analyst, region=county.region, title="Länets lägesbild",
                                    year=timezone.localdate().year - 1, summary="Klottret ökar i länet.")
    page = page_for("lina")
    page.goto(f"{live_server.url}/lan/{county.region.pk}/")
    page.get_by_role("link", name="Länets lägesbild").click()
    expect(page.get_by_text("Klottret ökar i länet.")).to_be_visible()
    assert_accessible(page, "county-picture")
    page.get_by_role("button", name="Skicka på granskning").click()
    page.wait_for_load_state()
    assert_accessible(page, "county-picture-review")
    picture.refresh_from_db()
    assert picture.status == "granskning"


def test_the_region_forms_a_council_for_inter_municipal_matters(live_server, page_for):
    county = County()
    add(county.kommun["1980"], 40, "skadegorelse.klotter", year=timezone.localdate().year)
    page = page_for("lina")
    page.goto(f"{live_server.url}/lan/{county.region.pk}/")
    page.get_by_role("link", name="Nytt råd eller nätverk").click()
    assert_accessible(page, "county-council-form")
    page.get_by_label("Namn").fill("Länets nätverk för samordnare")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Länets nätverk för samordnare"
    assert page.locator("main").get_by_text("Köping kommun").count() == 1  # every member has its function
    page.get_by_role("link", name="Nytt möte").click()
    start = timezone.localtime() + timedelta(days=7)
    page.get_by_label("Börjar").fill(start.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Slutar").fill(start.strftime("%Y-%m-%dT12:00"))
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="§ 5 Mellankommunala frågor")).to_be_visible()
    expect(page.get_by_text("Vad kan vi göra länsgemensamt?")).to_be_visible()
    assert page.get_by_text("Västerås kommun").count() >= 1
    assert_accessible(page, "county-council-meeting")
