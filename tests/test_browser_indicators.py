"""National statistics in Chromium: a coordinator finds a key figure in Kolada's catalogue (a Kolada-shaped server on
127.0.0.1), adds it and reads it beside the county and Sweden; the demo's lägesbild shows its indicator series beside
the county and Sweden. The catalogue, the series and the lägesbild's statistics section pass axe (WCAG 2.1 A/AA)."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import WCAG, assert_accessible
from personas import PASSWORD
from samtrygg.indicators.models import IndicatorValue
from test_indicators_national import Kolada

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kolada(settings):
    server = Kolada()
    settings.SAMTRYGG_KOLADA_URL = server.base
    yield server
    server.close()


def test_a_coordinator_adds_a_key_figure_from_kolada_and_compares_it(world, live_server, page_for, kolada):
    page = page_for("carol")  # samordnare in Grannstad kommun (0181, Södertälje)
    page.goto(f"{live_server.url}/statistik/")
    page.get_by_role("link", name="Lägg till från Koladas nyckeltal").click()
    expect(page.get_by_role("heading", name="Koladas nyckeltal", level=1)).to_be_visible()
    assert_accessible(page, "indicators-catalogue")
    page.get_by_label("Namn eller id").fill("våldsbrott")
    page.get_by_role("search").get_by_role("button").click()
    row = page.get_by_role("row").filter(has_text="Anmälda våldsbrott, antal/100 000 inv")
    expect(row).to_have_count(1)
    assert_accessible(page, "indicators-catalogue-search")
    row.get_by_role("button").click()
    expect(page.get_by_role("heading", name="Södertälje bredvid Stockholms län och Sverige")).to_be_visible()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("Södertälje")
    assert set(IndicatorValue.objects.values_list("region_code", flat=True)) == {"0181", "L01", "R00"}
    assert_accessible(page, "indicators-added-series")


def test_the_demo_lagesbild_shows_its_indicators_beside_the_county_and_sweden(live_server, page_for, settings):
    from samtrygg.accounts.models import User
    from samtrygg.demo.builder import build_demo
    from samtrygg.lagesbild.models import Lagesbild
    from samtrygg.plans.metodbank import load_national
    from samtrygg.plans.models.methods import MethodEntry

    load_national(MethodEntry)  # the metodbank a migration put in, which an earlier transactional test emptied
    settings.DEMO_MODE = True
    until = date(date.today().year, 5, 31)
    build_demo(seed=7, incidents=300, until=until)
    coordinator = User.objects.get(username="samordnare")
    coordinator.set_password(PASSWORD)
    coordinator.save()
    adopted = Lagesbild.objects.get(owner__kommunkod="9901", title=f"Lägesbild Exempelby {until.year - 1}")
    page = page_for("samordnare")
    page.goto(f"{live_server.url}/lagesbild/{adopted.pk}/")
    section = page.locator('section[aria-labelledby="section-statistik"]')
    expect(section).not_to_contain_text("Inga indikatorer har importerats ännu")
    table = section.get_by_role("table").filter(has_text="Anmälda våldsbrott, antal/100 000 inv (demovärden)")
    expect(table.get_by_role("columnheader")).to_have_text(["Period", "Exempelby", "Västmanlands län", "Riket"])
    expect(table.get_by_role("row")).to_have_count(1 + 6)  # the header, and six years up to the lägesbild's
    results = Axe().run(page, context='section[aria-labelledby="section-statistik"]', options=WCAG)
    assert not results.response["violations"], results.generate_report()
    assert_accessible(page, "demo-lagesbild-statistics")
    # the demo's coordinator reaches Kolada's key figures for the demo municipality (offline: files to download)
    page.goto(f"{live_server.url}/statistik/katalog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koladas nyckeltal")
    expect(page.get_by_role("link", name="Koladas fil för Exempelby").first).to_have_attribute(
        "href", re.compile(r"/municipality/9901,0019,0000/"))
    assert_accessible(page, "demo-kolada-catalogue")
