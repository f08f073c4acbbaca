"""Issue 18's Must show for duplicates in a real browser: a reporter sends a report next to one just reported, is
asked "Är det samma som …?", picks it and lands on that incident, where the report is a contribution; a coordinator
opens the merge page. axe passes on the offer and on the merge page."""

import re

import pytest
from django.utils import translation

from browsing import assert_accessible
from reporting import TORGET, report
from samtrygg.incidents.models import Contribution, Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEAR = (TORGET[0] + 0.0005, TORGET[1])  # about 56 m away


def swedish(msgid: str) -> str:
    with translation.override("sv"):
        return translation.gettext(msgid)


def no_tiles(page):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())


def test_a_reporter_is_offered_the_incident_already_reported_and_adds_to_it(world, page_for, live_server):
    existing = report(world, actor=world.alice, hours_ago=1, description="Klotter på busskuren")
    page = page_for("bob")
    no_tiles(page)
    page.goto(f"{live_server.url}/incidents/report/")
    page.get_by_label("Skadegörelse", exact=True).check()
    page.locator("#id_lat").fill(str(NEAR[0]))
    page.locator("#id_lon").fill(str(NEAR[1]))
    page.locator("#id_description").fill("Nytt klotter på busskuren")
    page.locator("#send-report").click()

    panel = page.locator("#duplicates")
    panel.wait_for()
    assert swedish("Is it the same as one of these?") in panel.inner_text()
    assert "56 m" in panel.inner_text() and "Klotter på busskuren" in panel.inner_text()
    assert page.locator("#duplicates input[value='new']").is_checked()  # a new incident unless chosen
    assert page.locator("#id_description").input_value() == "Nytt klotter på busskuren"  # the form is kept
    assert_accessible(page, "duplicate-offer")

    page.locator(f"#duplicates input[value='{existing.pk}']").check()
    page.locator("#send-choice").click()
    page.wait_for_url(f"{live_server.url}/incidents/{existing.pk}/")
    assert Incident.objects.count() == 1
    contribution = Contribution.objects.get()
    assert contribution.incident_id == existing.pk and contribution.reported_by == world.bob
    assert "Nytt klotter på busskuren" in page.locator("#contributions").inner_text()


def test_the_merge_page_is_accessible(world, page_for, live_server):
    keep = report(world, actor=world.alice, hours_ago=1)
    report(world, where=NEAR, hours_ago=1)
    page = page_for("alice")
    no_tiles(page)
    page.goto(f"{live_server.url}/incidents/{keep.pk}/merge/")
    page.locator("input[type=checkbox][name=ids]").first.check()
    assert_accessible(page, "incident-merge")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/incidents/{keep.pk}/")
    assert Incident.objects.count() == 1 and keep.contributions.count() == 1
    assert_accessible(page, "incident-with-contributions")
