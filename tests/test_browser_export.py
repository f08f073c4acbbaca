"""The export of the incident list in a real browser (issue 20, point 6): a form with the format and the coordinate
system, carrying the list's filters; GeoJSON with SWEREF 99 TM chosen downloads the filtered incidents with their
grid coordinates. The list with the form passes axe."""

import json
from pathlib import Path

import pytest

from browsing import assert_accessible
from reporting import GRANNSTAD, TORGET, category, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_exports_the_filtered_list_as_geojson_with_sweref(world, page_for, live_server):
    report(world, where=TORGET, category=category("brand.anlagd"))
    report(world, where=TORGET)  # klotter: filtered away
    report(world, where=GRANNSTAD, owner=world.kommun_b, actor=world.carol, category=category("brand.anlagd"))
    fire = category("brand")
    page = page_for("alice")
    page.goto(f"{live_server.url}/incidents/?category={fire.pk}")
    form = page.locator("form.export-form")
    assert form.locator('input[type="hidden"][name="category"]').get_attribute("value") == str(fire.pk)
    assert form.locator("fieldset legend").count() == 2  # the format and the coordinate system, each a group
    assert_accessible(page, "incident-list-export")

    form.locator('input[name="format"][value="geojson"]').check()
    form.locator('input[name="coordinates"][value="sweref"]').check()
    with page.expect_download() as download:
        form.locator('button[type="submit"]').click()
    doc = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [f["properties"]["kategori"] for f in doc["features"]] == ["brand.anlagd"]  # filtered, own only
    properties = doc["features"][0]["properties"]
    assert 6.5e6 < properties["sweref99tm n"] < 6.7e6 and 6.0e5 < properties["sweref99tm e"] < 7.0e5
