"""The lägesbild in a real browser: a coordinator builds one from her incidents, a partner (the police, on a phone)
adds an observation, the council adopts it, the PDF shows the hex map, the time heatmap and the trend, and the
adopted numbers stay as they were when new incidents come in. The analysis page adds a view to a draft. Every
page is checked with axe-core."""

import random
import re
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from django.utils import timezone
from matplotlib.colors import to_hex

from browsing import assert_accessible, follow_menu
from pdf_pixels import crop, near, pages
from personas import World
from reporting import TORGET, category, report
from samtrygg.accounts.models import Role
from samtrygg.incidents.models import Incident
from samtrygg.lagesbild import services
from samtrygg.lagesbild.models import Lagesbild
from samtrygg.publishing.document import Document
from samtrygg.publishing.figures import charts, style
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import DataKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TODAY = timezone.localdate()
PERIOD = (TODAY - timedelta(days=89), TODAY)
SCREENSHOTS = Path("/tmp")


def incidents_in_centrum(world, cluster=45, spread=15, seed=4):
    """A cluster of a few hundred metres at the square (Torget: several neighbouring hexagons) and a thin spread
    over Centrum, within the last 80 days."""
    rng = random.Random(seed)
    for _ in range(cluster):
        report(world, where=(TORGET[0] + rng.uniform(-0.002, 0.002), TORGET[1] + rng.uniform(-0.003, 0.003)),
               hours_ago=rng.uniform(1, 80 * 24))
    for _ in range(spread):
        report(world, where=(rng.uniform(59.181, 59.219), rng.uniform(17.601, 17.699)),
               hours_ago=rng.uniform(1, 80 * 24))


def key_figure(page, label: str) -> str:
    """The value shown under a key figure's label, as the page writes it."""
    item = page.locator(".key-figures > div").filter(has=page.locator("dt", has_text=re.compile(f"^{label}$")))
    return item.locator(".key-value").first.inner_text()


def no_sideways_scrolling(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"


def assert_figures_shown(page, scope: str = ".document") -> None:
    """The hex map, the heatmap and the trend are images that loaded, each with a non-empty alternative text."""
    for kind in ("hexmap", "heatmap", "trend"):
        image = page.locator(f"{scope} figure.doc-figure-{kind} img").first
        image.wait_for()
        assert image.get_attribute("alt").strip(), kind
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), f"{kind} did not load"


def draft(world, title="Lägesbild Centrum") -> Lagesbild:
    return services.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title=title,
                                     period_start=PERIOD[0], period_end=PERIOD[1])


def adopt(world, lagesbild: Lagesbild) -> Lagesbild:
    services.lagesbild_submit(actor=world.alice, lagesbild=lagesbild)
    return services.lagesbild_adopt(actor=world.alice, lagesbild=lagesbild, decided_on=TODAY,
                                    decided_by="Kommunstyrelsen")


def figure_regions(pdf: bytes, doc: Document) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per figure kind (its first occurrence): the page image and the figure's part of it. Every figure is one
    embedded image, in document order."""
    read = pages(pdf)
    placed = [(page["image"], box) for page in read for box in page["boxes"]]
    assert len(placed) == len(doc.figures())
    regions = {}
    for fig, (image, box) in zip(doc.figures(), placed, strict=True):
        regions.setdefault(fig.kind, (image, crop(image, box)))
    return regions


def assert_pdf_shows_the_figures(pdf: bytes, doc: Document) -> None:
    """The colours are looked for left of each figure's legend or colour bar, which show every colour anyway."""
    regions = figure_regions(pdf, doc)
    _, hexmap = regions["hexmap"]
    assert near(hexmap[:, : int(hexmap.shape[1] * 0.75)], style.GRADES[3]).sum() > 500, "99 % hot spots, dark red"
    _, heatmap = regions["heatmap"]
    cells = heatmap[:, : int(heatmap.shape[1] * 0.85)]
    matrix = np.array(next(f for f in doc.figures() if f.kind == "heatmap").data["matrix"], dtype=float)
    assert matrix.max() >= 3
    # the busiest hour before 20.00 (later columns share the cropped strip with the colour bar), a single
    # incident, none: along the colour ramp
    for value in (matrix[:, :20].max(), 1, 0):
        assert near(cells, to_hex(charts.HEAT(value / matrix.max())), 4).sum() > 300, value
    _, trend = regions["trend"]
    line = near(trend, style.SERIES[0], 12)
    assert line.sum() > 300, "the trend line"
    columns = np.flatnonzero(line.any(axis=0))
    assert columns.max() - columns.min() > 0.5 * trend.shape[1], "the line runs across the chart"


def test_a_coordinator_builds_a_lagesbild_a_partner_adds_to_it_and_the_council_adopts_it(world, page_for,
                                                                                          live_server):
    incidents_in_centrum(world)
    police_reporter = World.user("polis", world.police, Role.RAPPORTOR)
    sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police, kind=DataKind.LAGESBILDER,
                         access="read", areas=[world.area_a])

    # Alice opens "Lägesbilder" and creates one for Centrum, the last 90 days.
    alice = page_for("alice")
    follow_menu(alice, "Lägesbild", "Lägesbilder")
    alice.wait_for_url(f"{live_server.url}/lagesbild/")
    alice.get_by_role("link", name="Ny lägesbild").click()
    alice.locator("#id_owner").select_option(label="Exempelstad kommun")
    alice.locator("#id_title").fill("Lägesbild Centrum 2026")
    alice.locator("#id_area").select_option(label="Centrum")
    alice.locator("#id_period_start").fill(PERIOD[0].isoformat())
    alice.locator("#id_period_end").fill(PERIOD[1].isoformat())
    alice.locator("#id_summary").fill("Klotter och skadegörelse samlas kring torget.")
    alice.locator("main button[type=submit]").click()
    alice.wait_for_url(re.compile(r"/lagesbild/\d+/$"))
    lagesbild = Lagesbild.objects.get()
    detail = f"{live_server.url}/lagesbild/{lagesbild.pk}/"
    assert key_figure(alice, "Händelser") == "60"
    hot_places = alice.locator("section[aria-labelledby=section-geografi] table tbody tr").first.inner_text()
    assert "Torget" in hot_places and "99 %" in hot_places
    assert "Klotter och skadegörelse samlas kring torget." in alice.locator(".document").inner_text()
    assert_figures_shown(alice)
    alice.screenshot(path=str(SCREENSHOTS / "lagesbild-draft-1280.png"), full_page=True)

    # …and adds a prioritised problem.
    alice.locator("#id_title").fill("Klotter vid torget kvällstid")
    alice.locator("#id_description").fill("Fredag och lördag kväll, busskuren och gångtunneln.")
    alice.get_by_role("button", name="Lägg till problem").click()
    alice.locator(".messages").wait_for()
    assert "Klotter vid torget kvällstid" in alice.locator("#problems-heading + ol").inner_text()

    # The police, on a phone, open the lägesbild and add an observation under their own name.
    police = page_for(police_reporter.username, viewport=PHONE)
    police.goto(detail)
    assert_figures_shown(police)
    no_sideways_scrolling(police, PHONE["width"])
    assert_accessible(police, "lagesbild-draft-phone")
    police.screenshot(path=str(SCREENSHOTS / "lagesbild-draft-390.png"), full_page=True)
    assert not police.get_by_role("button", name="Skicka på granskning").count()  # reading only, no workflow
    police.locator("#id_text").fill("Fler ungdomsgrupper vid torget efter kl. 22 på helger.")
    police.get_by_role("button", name="Lämna iakttagelse").click()
    police.locator(".messages").wait_for()
    assert "Tack! Iakttagelsen lades till." in police.locator(".messages").inner_text()
    observations = police.locator("section[aria-labelledby=section-iakttagelser]").inner_text()
    assert "Fler ungdomsgrupper vid torget" in observations and "Lokalpolisområde Södertälje" in observations

    # Alice sends it for review and adopts it.
    alice.goto(detail)
    alice.get_by_role("button", name="Skicka på granskning").click()
    alice.locator("#id_decided_on").wait_for()
    alice.locator("#id_decided_on").fill(TODAY.isoformat())
    alice.locator("#id_decided_by").fill("Kommunstyrelsen")
    alice.get_by_role("button", name="Fastställ", exact=True).click()
    alice.locator(".messages").wait_for()
    assert "Lägesbilden fastställdes" in alice.locator(".messages").inner_text()
    assert alice.locator(".facts .tag").inner_text() == "Fastställd"
    assert "Kommunstyrelsen" in alice.locator(".facts").inner_text()
    assert not alice.locator("#id_text").count()  # no more observations once adopted

    # The PDF: paged, adopted, with the problem, the observation and the three figures.
    with alice.expect_download() as download:
        alice.get_by_role("link", name="Ladda ner PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and download.value.suggested_filename.endswith(".pdf")
    text = " ".join(" ".join(page["text"] for page in pages(pdf)).split())  # lines wrap in table cells
    for expected in ("Sida 1 av", "Fastställd", "Kommunstyrelsen", "Klotter vid torget kvällstid",
                     "Fler ungdomsgrupper vid torget efter kl. 22 på helger."):
        assert expected in text, expected
    lagesbild.refresh_from_db()
    assert_pdf_shows_the_figures(pdf, Document.from_dict(lagesbild.document))

    # A new incident: the adopted page keeps its number; a new version counts it.
    report(world, hours_ago=3)
    alice.reload()
    assert key_figure(alice, "Händelser") == "60"
    alice.get_by_role("button", name="Påbörja en ny version").click()
    alice.wait_for_url(re.compile(r"/lagesbild/\d+/$"))
    assert alice.url != detail
    version_2 = Lagesbild.objects.get(previous=lagesbild)
    assert alice.url == f"{live_server.url}/lagesbild/{version_2.pk}/" and version_2.version == 2
    assert alice.locator(".facts .tag").inner_text() == "Utkast"
    assert key_figure(alice, "Händelser") == "61"
    alice.goto(detail)
    assert key_figure(alice, "Händelser") == "60"


def test_the_lagesbild_pages_are_accessible(world, page_for, live_server):
    incidents_in_centrum(world, cluster=20, spread=10)
    first = adopt(world, draft(world))
    second = services.lagesbild_new_version(actor=world.alice, lagesbild=first)
    page = page_for("alice")
    for name, path in {
        "lagesbild-list": "/lagesbild/", "lagesbild-create": "/lagesbild/new/",
        "lagesbild-draft": f"/lagesbild/{second.pk}/", "lagesbild-adopted": f"/lagesbild/{first.pk}/",
        "lagesbild-analysis": "/lagesbild/analysis/",
        "lagesbild-compare": f"/lagesbild/{first.pk}/compare/{second.pk}/",
    }.items():
        assert page.goto(live_server.url + path).status == 200, name
        assert_accessible(page, name)
    # The compare page has both versions side by side, at their own numbers.
    assert page.locator(".compare .key-figures").count() == 2


def test_a_view_from_the_analysis_page_is_added_to_a_draft(world, page_for, live_server):
    incidents_in_centrum(world, cluster=30, spread=10)
    lagesbild = draft(world)
    page = page_for("alice")
    follow_menu(page, "Lägesbild", "Analys")
    page.wait_for_url(f"{live_server.url}/lagesbild/analysis/")
    page.locator("#id_area").select_option(label="Torget")
    page.locator("#id_period_from").fill(PERIOD[0].isoformat())
    page.locator(f"#id_category input[value='{category('skadegorelse.klotter').pk}']").check()
    page.get_by_role("button", name="Analysera").click()
    page.wait_for_url(re.compile(r"/lagesbild/analysis/\?.*category="))
    assert_figures_shown(page)
    in_torget = Incident.objects.filter(area=world.area_a_sub).count()
    assert in_torget >= 30 and key_figure(page, "Händelser") == str(in_torget)  # Torget's, not all of Centrum's

    page.locator("#id_lagesbild").select_option(label=lagesbild.title)
    page.locator("#id_kind").select_option(label="Karta över heta punkter")
    page.locator("#id_title").fill("Klotter vid torget")
    page.get_by_role("button", name="Lägg till i utkastet").click()
    page.wait_for_url(f"{live_server.url}/lagesbild/{lagesbild.pk}/")
    assert "Klotter vid torget" in page.locator("#deepenings-heading + p + ul").inner_text()
    deepening = page.locator("section[aria-labelledby=section-fordjupningar]")
    assert deepening.locator("h2").inner_text() == "Fördjupningar"
    assert "Klotter vid torget" in deepening.inner_text()
    image = deepening.locator("figure.doc-figure-hexmap img")
    assert image.count() == 1 and image.get_attribute("alt").strip()
