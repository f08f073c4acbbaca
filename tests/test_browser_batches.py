"""The weekly report on a phone (390 px): a partner reports two kinds of events of last week at once, lands on the
report with its incidents; both pages pass axe (WCAG 2.1 A/AA) and fit the screen."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browsing import assert_accessible
from personas import World
from samtrygg.incidents.models import Batch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_sends_a_weekly_report_on_a_phone(live_server, page_for):
    World()
    page = page_for("bob", viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/incidents/report/")
    page.get_by_role("link", name="Flera händelser på en gång? Använd veckorapporten.").click()
    assert page.locator("h1").inner_text() == "Veckorapport"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "incidents-weekly-report")
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)
    first, second = page.locator("fieldset.event-row").nth(0), page.locator("fieldset.event-row").nth(1)
    first.get_by_label("Vad").select_option(label="Skadegörelse: Klotter")
    first.get_by_label("Var").select_option(label="Torget")
    first.get_by_label("Dag").fill(monday.isoformat())
    first.get_by_label("Hur många").fill("3")
    second.get_by_label("Vad").select_option(label="Nedskräpning: Nedskräpning")
    second.get_by_label("Var").select_option(label="Norr")
    second.get_by_label("Dag").fill((monday + timedelta(days=2)).isoformat())
    second.get_by_label("Tid (frivilligt)").fill("22:15")
    page.get_by_role("button", name="Skicka rapporten").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tack! Rapporten skickades: 4 händelser.")).to_be_visible()
    assert Batch.objects.get().incidents.count() == 4
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "incidents-weekly-report-sent")
