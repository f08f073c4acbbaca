"""Shared by the browser tests: Debian's Chromium driven by Playwright (fixtures `browser` and `page_for`, which
logs a persona in), and `assert_accessible`, the axe-core check for WCAG 2.1 A and AA. Browser test modules
mark themselves `pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]`."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from personas import PASSWORD

CHROMIUM = os.environ.get("SAMTRYGG_CHROMIUM", "/usr/bin/chromium")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

@pytest.fixture(scope="module")
def browser():
    from django.conf import settings

    assert not settings.SECURE_SSL_REDIRECT, "tests run over plain http (conftest's _plain_http)"
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--disable-gpu",
        ])
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server):
    contexts = []

    def _page(username, viewport=None, offline_app=False):
        """A logged-in page. The service worker (the offline app) is blocked unless the test is about it: its
        background fetches would otherwise race the test's own requests and database reads."""
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="sv-SE",
                                      service_workers="allow" if offline_app else "block")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _page
    for context in contexts:
        context.close()


def assert_accessible(page, name):
    page.wait_for_load_state()  # after a click the new document may be committed but not yet parsed
    results = Axe().run(page, options=WCAG)
    violations = results.response["violations"]
    if violations:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert not violations, f"{name}: " + results.generate_report()


def follow_menu(page, group: str, link: str) -> None:
    """Follow a link of the main menu, opening its group's dropdown first where the menu has dropdowns."""
    header = page.locator("header")
    dropdowns = page.wait_for_function(  # samtrygg.js has laid out the menu: dropdowns, or a phone's full list
        "() => { const nav = document.querySelector('.site-header nav');"
        " return nav && (nav.classList.contains('dropdowns') || window.matchMedia('(max-width: 48rem)').matches)"
        " ? (nav.classList.contains('dropdowns') ? 'yes' : 'no') : null; }").json_value()
    if dropdowns == "yes":
        header.get_by_role("button", name=group, exact=True).click()
    header.get_by_role("link", name=link, exact=True).click()
