"""The export of the incident list in a real browser (issue 20, point 6): a form with the format and the coordinate
system, carrying the list's filters; GeoJSON with SWEREF 99 TM chosen downloads the filtered incidents with their
grid coordinates. The list with the form passes axe. An export larger than settings.EXPORT_IN_BACKGROUND runs as a
background job: its page shows the progress, the worker writes the file, the page finds it done and downloads it."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

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


def test_a_large_export_runs_as_a_job_with_progress_and_ends_in_a_download(
        world, page_for, live_server, settings, between_requests, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.EXPORT_IN_BACKGROUND = 2
    for _ in range(3):
        report(world, where=TORGET)
    page = page_for("alice")
    page.goto(f"{live_server.url}/incidents/")
    form = page.locator("form.export-form")
    form.locator('input[name="format"][value="xlsx"]').check()
    form.locator('button[type="submit"]').click()
    page.wait_for_url("**/jobb/*/")
    expect(page.locator("h1")).to_have_text("Export av 3 händelser (XLSX)")
    expect(page.locator("#job-status h2")).to_have_text("Väntar på att starta")
    expect(page.locator("progress#job-progress")).to_have_attribute("max", "3")
    expect(page.locator("#job-count")).to_have_text("0 av 3 rader (0 %)")
    assert_accessible(page, "background-job")

    with between_requests:  # the worker, as `samtrygg db_worker` runs it, while the page polls
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    link = page.get_by_role("link", name=re.compile(r"^Ladda ner handelser-.*\.xlsx$"))
    expect(link).to_be_visible(timeout=15_000)
    expect(page.locator("#job-announce")).to_have_text("Filen är klar.")
    assert_accessible(page, "background-job-done")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as file:
        rows = list(load_workbook(file, read_only=True).active.values)
    assert rows[0][:3] == ("Id", "Kategori", "Tid") and len(rows) == 4
