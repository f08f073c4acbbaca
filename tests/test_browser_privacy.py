"""Issue 15 in a real browser: the report page's live check says what the organisation's policy will do with each
finding (masked, only flagged, refused), what is masked is stored masked, and the admin's policy page works and is
accessible (axe)."""

import re

import pytest

from browsing import assert_accessible
from samtrygg.incidents.models import Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_live_check_follows_the_policy_and_the_admin_changes_it(world, page_for, live_server):
    page = page_for("bob", viewport=PHONE)
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    page.goto(f"{live_server.url}/incidents/report/")
    page.get_by_label("Skadegörelse", exact=True).check()
    page.locator("#report-map").click(position={"x": 180, "y": 120})
    page.locator("#id_description").fill("Klotter på busskuren, ring 070-123 45 67. Grannen Kalle Svensson såg det.")
    page.locator("#privacy-preview mark.privacy-mask").wait_for()
    assert page.locator("#privacy-preview mark.privacy-warn").inner_text() == "Kalle Svensson"
    message = page.locator("#privacy-message").inner_text()
    assert "Ersätts med en markering när texten sparas: telefonnummer" in message
    assert "markeras som möjliga personuppgifter: namn" in message
    assert page.locator("#id_description").get_attribute("aria-invalid") == "false"  # nothing refused
    assert_accessible(page, "privacy-live-check")
    page.locator("#send-report").click()
    page.wait_for_url(re.compile(r"/incidents/\d+/$"))
    assert Incident.objects.get().description == (
        "Klotter på busskuren, ring [telefonnummer]. Grannen Kalle Svensson såg det.")

    admin = page_for("alice")
    admin.goto(f"{live_server.url}/accounts/organisations/{world.kommun_a.pk}/")
    admin.get_by_role("link", name="Personuppgifter i text").click()
    assert_accessible(admin, "privacy-policy")
    admin.locator("#id_name").select_option("refuse")
    admin.get_by_role("button", name="Spara").click()
    admin.get_by_text("Reglerna sparades").wait_for()
    world.kommun_a.refresh_from_db()
    assert world.kommun_a.privacy_policy == {"name": "refuse"}

    page.goto(f"{live_server.url}/incidents/report/")
    page.locator("#id_description").fill("Grannen Kalle Svensson såg det.")
    page.locator("#privacy-preview mark.privacy-refuse").wait_for()
    assert "Kan inte sparas" in page.locator("#privacy-message").inner_text()
    assert page.locator("#id_description").get_attribute("aria-invalid") == "true"
