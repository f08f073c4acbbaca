"""The årshjul and the law at a glance in a browser, as Alice (administrator of Exempelstad kommun), on a desktop
and on a phone: both pass axe (WCAG 2.1 A/AA) and the phone scrolls only downwards."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browsing import assert_accessible
from samtrygg.meetings import services as meeting_services
from samtrygg.meetings.models import GroupKind
from samtrygg.plans import services as plan_services
from samtrygg.rhythm import services
from samtrygg.rhythm.models import DutyKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def fill_the_year(world):
    today = timezone.localdate()
    services.wheel_seed(actor=world.alice, owner=world.kommun_a, year=today.year)
    services.wheel_seed(actor=world.alice, owner=world.kommun_a, year=today.year + 1)
    overdue = services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.OTHER,
                                 title="Trygghetsvandring i Norr med fastighetsägarna och polisen",
                                 due=today - timedelta(days=50), every_months=0)
    done = services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.SURVEY, title="Enkät",
                              due=today - timedelta(days=3), every_months=12)
    services.duty_done(actor=world.alice, duty=done, done_on=today)
    council = meeting_services.group_save(actor=world.alice, owner=world.kommun_a, kind=GroupKind.COUNCIL,
                                          name="Brottsförebyggande rådet", area=world.area_a)
    held = timezone.now() - timedelta(days=30)
    meeting_services.meeting_create(actor=world.alice, group=council, title="Rådets möte", starts_at=held,
                                    ends_at=held + timedelta(hours=2))
    meeting_services.function_save(actor=world.alice, group=council, organisation=world.kommun_a,
                                   title="Trygghetssamordnare", holder=world.alice)
    plan_services.agreement_save(actor=world.alice, owner=world.kommun_a, title="Samverkansöverenskommelse",
                                 parties=[world.police], period_start=today - timedelta(days=300),
                                 period_end=today + timedelta(days=60))
    return overdue


@pytest.mark.parametrize("size", list(SIZES))
def test_the_wheel_and_the_law_at_a_glance(world, live_server, page_for, size):
    overdue = fill_the_year(world)
    page = page_for("alice", viewport=SIZES[size])
    page.goto(f"{live_server.url}/arshjul/")
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("figure.wheel svg[role=img] title").count() >= 1
    expect(page.locator(f"a[href='/arshjul/duties/{overdue.pk}/done/']")).to_be_visible()
    assert page.locator("section h2").count() >= 12
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"rhythm-wheel-{size}")
    page.goto(f"{live_server.url}/arshjul/efterlevnad/")
    assert page.locator("section.check").count() == 5
    assert page.locator("section.check-yellow").count() == 1  # the agreement: unsigned, ending soon
    assert page.locator("section.check-green").count() == 2  # the forum has met; the coordinator
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"rhythm-compliance-{size}")
    page.goto(f"{live_server.url}/arshjul/duties/{overdue.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"rhythm-duty-{size}")
