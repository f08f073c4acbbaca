"""Reporting without a network, in Chromium on a phone viewport: the report page is installable (a manifest, a
service worker) and opens offline; three reports made with the network switched off wait on the device (a visible
queue, kept when the page is closed and opened again offline); when the network is back each is stored exactly
once. The same report sent twice under its key is stored once (the server's side, in test_offline.py)."""

import re

import pytest

from browsing import assert_accessible
from personas import World
from reporting import TORGET
from samtrygg.incidents.models import Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_three_reports_made_offline_are_stored_exactly_once(live_server, page_for):
    world = World()
    page = page_for("bob", viewport=PHONE)
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())  # no tiles
    url = f"{live_server.url}/incidents/report/"
    page.goto(url)
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now under the service worker, which keeps a copy of the page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
    assert manifest["start_url"] == "/incidents/report/" and manifest["display"] == "standalone"

    page.context.set_offline(True)
    for n, description in enumerate(["Klotter på busskuren", "Krossad ruta i tunneln", "Klotter på elskåpet"], 1):
        page.get_by_label("Skadegörelse", exact=True).check()
        page.locator("#id_lat").fill(str(TORGET[0] + n / 1000))
        page.locator("#id_lon").fill(str(TORGET[1]))
        page.locator("#id_description").fill(description)
        page.locator("#send-report").click()
        page.wait_for_function(f"() => document.getElementById('outbox').dataset.pending === '{n}'")
    assert page.locator("#outbox").is_visible()
    assert page.locator("#outbox-heading").inner_text() == "Rapporter som väntar på att skickas: 3"
    assert_accessible(page, "report-offline-queue")
    assert Incident.objects.count() == 0

    page.goto(url)  # closed and opened again, still offline: the service worker's copy, the queue kept
    page.wait_for_function("() => document.getElementById('outbox').dataset.pending === '3'")

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("() => document.getElementById('outbox').dataset.pending === '0'", timeout=30_000)
    assert sorted(Incident.objects.filter(reported_by=world.bob).values_list("description", flat=True)) == [
        "Klotter på busskuren", "Klotter på elskåpet", "Krossad ruta i tunneln"]
    page.reload()
    page.wait_for_function("() => document.getElementById('outbox').dataset.pending === '0'")
    assert Incident.objects.count() == 3
