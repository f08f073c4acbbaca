"""The residents' public page of medborgarlöften, read on a phone without signing in, and the method bank:
both pass axe (WCAG 2.1 A/AA)."""

from datetime import date

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible
from samtrygg.plans import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def national_methods(db):
    """A transactional test empties the tables after it, the migrated method bank too: put it back."""
    from samtrygg.plans.metodbank import load_national
    from samtrygg.plans.models import MethodEntry

    load_national(MethodEntry)


def test_public_promises_on_a_phone_without_login_and_the_method_bank(world, browser, live_server, page_for):
    promise = services.promise_create(actor=world.alice, owner=world.kommun_a, title="Tryggare torg",
                                      area=world.area_a_sub, public=True, period_start=date(2026, 1, 1),
                                      period_end=date(2027, 12, 31), partners=[world.police])
    services.activity_add(actor=world.alice, promise=promise, description="Mer belysning vid torget")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE", service_workers="block")
    page = context.new_page()
    page.goto(f"{live_server.url}/p/0180/medborgarloften/")
    expect(page.get_by_role("heading", name="Medborgarlöften i Exempelstad kommun")).to_be_visible()
    expect(page.get_by_text("Mer belysning vid torget")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "public-promises")
    context.close()
    page = page_for("alice")
    page.goto(f"{live_server.url}/plans/methods/?strategy=risk")
    expect(page.get_by_role("link", name="10. Förstärk formell övervakning")).to_be_visible()
    assert_accessible(page, "method-bank")
    page.get_by_role("link", name="Kamerabevakning").click()
    expect(page.get_by_role("heading", name="Vad forskningen säger")).to_be_visible()
    assert_accessible(page, "method-detail")
    page.goto(f"{live_server.url}/plans/promises/{promise.pk}/")
    assert_accessible(page, "promise-detail")
