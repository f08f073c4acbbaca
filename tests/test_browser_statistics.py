"""The statistics pages in Chromium: a coordinator checks a survey file, imports it and reads it per area, and
compares a national series with the county and Sweden; every page passes axe (WCAG 2.1 A/AA)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, follow_menu
from samtrygg.indicators import formats
from samtrygg.indicators.models import IndicatorValue
from samtrygg.indicators.services import import_indicators

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parent / "data" / "indicators"


def test_upload_a_survey_and_read_the_statistics(world, live_server, page_for):
    import_indicators(formats.load(str(DATA / "bra_databasfil.csv")), user=None)
    page = page_for("alice")
    page.goto(f"{live_server.url}/statistik/import/")
    assert_accessible(page, "statistics-import")
    page.get_by_role("button", name="Fil:").set_input_files(str(DATA / "trygghet_omraden.csv"))
    page.get_by_role("button", name="Skicka filen").click()
    expect(page.get_by_role("heading", name="Kontrollerad: inget importerades")).to_be_visible()
    assert not IndicatorValue.objects.filter(series__owner__isnull=False).exists()
    page.get_by_role("button", name="Fil:").set_input_files(str(DATA / "trygghet_omraden.csv"))
    page.get_by_label("Kontrollera bara filen, importera inget").uncheck()
    page.get_by_role("button", name="Skicka filen").click()
    expect(page.get_by_role("heading", name="Importerad", exact=True)).to_be_visible()
    assert IndicatorValue.objects.filter(series__owner=world.kommun_a).count() == 9

    page.get_by_role("link", name="Andel som känner sig otrygga").first.click()
    expect(page.get_by_role("row", name="Torget")).to_be_visible()
    assert_accessible(page, "statistics-own-series")

    follow_menu(page, "Lägesbild", "Statistik")
    assert_accessible(page, "statistics-list")
    page.get_by_role("link", name="Samtliga brott").click()
    expect(page.get_by_role("heading", name="Stockholm bredvid Stockholms län och Sverige")).to_be_visible()
    assert page.get_by_role("img").first.get_attribute("alt").startswith("Samtliga brott")
    assert_accessible(page, "statistics-national-series")
