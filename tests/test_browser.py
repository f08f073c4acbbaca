"""Real browser tests: Debian's Chromium, headless, driven by Playwright; every page checked with axe-core for
WCAG 2.1 A and AA. In CI a missing browser fails the run."""

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible
from personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_has_no_wcag_violations(world, browser, live_server, page_for):
    from samtrygg.sharing.services import grant_create

    grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police, kind="incidents",
                 access="read", areas=[world.area_a])
    anonymous = browser.new_page()
    anonymous.goto(f"{live_server.url}/accounts/login/")
    assert anonymous.locator("html").get_attribute("lang") == "sv"
    assert_accessible(anonymous, "login")
    anonymous.goto(f"{live_server.url}/no-such-page/")
    assert_accessible(anonymous, "404")
    anonymous.close()

    page = page_for("alice")
    membership = world.kommun_a.memberships.get(user=world.alice)
    pages = {
        "start": "/", "areas": "/areas/", "area": f"/areas/{world.area_a.pk}/",
        "area-edit": f"/areas/{world.area_a.pk}/edit/", "area-delete": f"/areas/{world.area_a2.pk}/delete/",
        "area-import": "/areas/import/", "organisations": "/accounts/organisations/",
        "organisation": f"/accounts/organisations/{world.kommun_a.pk}/",
        "organisation-settings": f"/accounts/organisations/{world.kommun_a.pk}/settings/",
        "member-add": f"/accounts/organisations/{world.kommun_a.pk}/members/add/",
        "suborganisation": f"/accounts/organisations/{world.kommun_a.pk}/new/",
        "sharing": "/sharing/", "sharing-new": "/sharing/new/", "audit": "/audit/",
        "two-factor-setup": "/accounts/two-factor/setup/",
        "member-attach": f"/accounts/organisations/{world.kommun_a.pk}/members/existing/",
        "password-change": "/accounts/password/",
        "member-password": f"/accounts/members/{world.kommun_a.memberships.get(user=world.bob).pk}/password/",
    }
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page, name)
    # Forms with errors must be accessible too.
    page.goto(f"{live_server.url}/accounts/organisations/{world.kommun_a.pk}/members/add/")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page, "member-add-errors")
    assert membership.role == "admin"


def test_the_two_factor_prompt_and_lockout_pages_are_accessible(world, browser, live_server):
    from samtrygg.accounts.services import organisation_update

    organisation_update(actor=world.alice, organisation=world.kommun_a, require_2fa=True)
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Användarnamn").fill("bob")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/two-factor/setup/")
    assert_accessible(page, "two-factor-required")
    page.close()
    page = browser.new_page()
    for _ in range(10):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Användarnamn").fill("carol")
        page.get_by_label("Lösenord").fill("fel lösenord")
        page.locator("main button[type=submit]").click()
    assert page.get_by_role("heading", level=1).inner_text() == "För många försök"
    assert_accessible(page, "locked-out")
    page.close()


def test_a_coordinator_on_a_phone_filters_areas_and_changes_language(world, page_for, live_server):
    page = page_for("alice", viewport={"width": 390, "height": 844})
    # On a phone the menu is folded behind one button, so the page starts near the top of the screen.
    menu = page.get_by_role("button", name="Meny")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Områden", exact=True).is_visible()
    assert page.locator("main").bounding_box()["y"] < 120
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    page.get_by_role("link", name="Områden", exact=True).click()
    page.get_by_label("Sök").fill("Torg")
    page.get_by_role("button", name="Filtrera").click()
    rows = page.locator("#area-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1 and "Torget" in rows.first.inner_text()
    assert "q=Torg" in page.url  # the filter is kept in the URL
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling on a phone"
    # On a phone each row is a card and each value is labelled with its column name.
    header = page.locator("#area-table thead th").first.text_content().strip()
    assert rows.first.locator("td").first.get_attribute("data-label") == header == "Namn"
    page.goto(page.url.split("/areas/")[0] + "/audit/")
    assert page.locator("table.stack tbody tr").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Meny").click()
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Areas", exact=True).wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
