"""The everyday interface (issue 20) in Chromium: the incident list on a phone starts with results and filters
with a few taps; no page a coordinator can reach is wider than a 320 px screen."""

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from browsing import assert_accessible
from reporting import NORR, TORGET, category, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def words(locator) -> str:
    return " ".join(locator.inner_text().split())


@pytest.fixture
def reported(world):
    for code, where, n in [("skadegorelse.klotter", TORGET, 30), ("brand.anlagd", TORGET, 3),
                           ("skadegorelse.klotter", NORR, 4), ("stold.cykel", TORGET, 5)]:
        for i in range(n):
            report(world, where, category=category(code), hours_ago=2 + i)


def test_on_a_phone_the_list_starts_with_results_and_two_categories_and_an_area_take_five_taps(world, reported,
                                                                                               page_for, live_server):
    page = page_for("alice", viewport=PHONE)
    page.goto(f"{live_server.url}/incidents/")
    first_row = page.locator("#incident-table tbody tr").first
    assert first_row.bounding_box()["y"] < PHONE["height"] - 100, "the first screen shows results"
    assert not page.locator("#id_category").is_visible(), "the filters wait behind their disclosure"

    taps = [page.locator(".filter-panel summary"),
            page.locator("#id_category").get_by_label("Klotter", exact=True),
            page.locator("#id_category").get_by_label("Anlagd brand", exact=True),
            page.locator("#id_area").get_by_label("Torget", exact=True),
            page.locator(".filter-panel").get_by_role("button", name="Filtrera")]
    for target in taps:
        target.click()
    page.wait_for_url(re.compile(r"category="))
    query = parse_qs(urlparse(page.url).query)
    assert set(query["category"]) == {str(category("skadegorelse.klotter").pk), str(category("brand.anlagd").pk)}
    assert query["area"] == [str(world.area_a_sub.pk)]
    expect(page.get_by_text("33 händelser")).to_be_visible()
    chosen = page.locator(".chosen-filters a.chip")
    assert [" ".join(text.split()) for text in chosen.all_inner_texts()] == [
        "Kategori: Skadegörelse: Klotter – ta bort filtret ×", "Kategori: Brand: Anlagd brand – ta bort filtret ×",
        "Område: Torget – ta bort filtret ×"]
    assert words(page.locator(".filter-panel summary")) == "Filter (3 valda)"
    assert first_row.bounding_box()["y"] < PHONE["height"], "results stay on the first screen with filters chosen"
    assert_accessible(page, "incident-list-phone-filtered")

    chosen.filter(has_text="Anlagd brand").click()  # one filter removed, the others kept
    page.wait_for_url(lambda url: "category" in url and str(category("brand.anlagd").pk) not in
                      parse_qs(urlparse(url).query).get("category", []))
    expect(page.get_by_text("30 händelser")).to_be_visible()
    assert page.locator(".chosen-filters a.chip").count() == 2
    page.locator(".filter-panel summary").click()
    page.locator("#id_category").get_by_label("Cykelstöld", exact=True).check()
    assert words(page.locator(".filter-panel summary")) == "Filter (3 valda)"  # counted as it is chosen


def test_on_a_wide_screen_the_filters_are_open_and_the_map_shares_them(world, reported, page_for, live_server):
    page = page_for("alice")
    page.goto(f"{live_server.url}/incidents/map/?category={category('stold.cykel').pk}")
    page.locator("#id_category").get_by_label("Cykelstöld", exact=True).wait_for()
    assert page.locator("#id_category").get_by_label("Cykelstöld", exact=True).is_checked()
    assert page.locator(".chosen-filters a.chip").inner_text().startswith("Kategori: Stöld: Cykelstöld")
    assert_accessible(page, "incident-map-filtered")


SKIP = re.compile(r"logout|/admin/|/api/|/static/|/media/|/sw\.js|manifest|export|download|format="
                  r"|\.(pdf|docx|xlsx|csv)|\.ics|/pdf/|/docx/|/xlsx/|/photo|/delete/|/radera/")


def route(url: str) -> str:
    """One page per route: the path with its ids as N, without the query."""
    return re.sub(r"/\d+(?=/)", "/N", urlparse(url).path)


def test_adopting_a_lagesbild_shows_a_busy_state_at_once(world, page_for, live_server):
    from samtrygg.lagesbild import services
    from test_browser_lagesbild import TODAY, draft

    lagesbild = draft(world)
    services.lagesbild_submit(actor=world.alice, lagesbild=lagesbild)
    page = page_for("alice", viewport=PHONE)
    page.goto(f"{live_server.url}/lagesbild/{lagesbild.pk}/")
    page.locator("#id_decided_on").fill(TODAY.isoformat())
    page.locator("#id_decided_by").fill("Kommunstyrelsen")
    posts = []  # the adoption's requests as the browser sends them
    page.on("request", lambda request: posts.append(request.url)
            if request.method == "POST" and request.url.endswith("/adopt/") else None)
    button = page.get_by_role("button", name="Fastställ", exact=True)
    # Tapped twice in one go; what the page shows at once is noted in sessionStorage, which the next page keeps
    # (nothing is held or read while the browser navigates, so nothing can wait on a page that is going away).
    button.evaluate("""button => {
        const seen = {};
        button.form.addEventListener("submit", () => { seen.sent = seen.sent || performance.now(); }, true);
        new MutationObserver(() => {
            if (button.classList.contains("busy") && !seen.busy) {
                seen.busy = performance.now();
                seen.disabled = button.getAttribute("aria-disabled");
                seen.status = document.getElementById("busy-status").innerText;
                sessionStorage.setItem("busy", JSON.stringify(seen));
            }
        }).observe(button, {attributes: true});
        button.click();
        button.click();  // a second tap sends nothing more
    }""")
    page.locator(".messages").wait_for()
    assert "Lägesbilden fastställdes" in page.locator(".messages").inner_text()
    state = json.loads(page.evaluate("() => sessionStorage.getItem('busy')"))
    assert state["busy"] - state["sent"] < 100, state
    assert state["disabled"] == "true"
    assert state["status"] == "Arbetar på det – det kan ta en stund."
    assert len(posts) == 1, posts
    assert not page.locator("button.busy").count() and page.locator("#busy-status").inner_text() == ""


SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def screenshots_on_a_phone(page, live_server) -> None:
    """The first screen of the list, the map, a lägesbild, an action plan and an agreement at 390 px, for
    docs/screenshots (README links them): what a coordinator sees on a phone, taken from the demo each run."""
    from samtrygg.lagesbild.models import Lagesbild
    from samtrygg.plans.models import ActionPlan, Agreement

    page.set_viewport_size(PHONE)
    pages = {"list": "/incidents/", "map": "/incidents/map/",
             "lagesbild": f"/lagesbild/{Lagesbild.objects.filter(owner__kommunkod='9901').latest('pk').pk}/",
             "plan": f"/plans/{ActionPlan.objects.filter(owner__kommunkod='9901').latest('pk').pk}/",
             "agreement": f"/plans/agreements/{Agreement.objects.filter(owner__kommunkod='9901').latest('pk').pk}/"}
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in pages.items():
        assert page.goto(live_server.url + path).status == 200, path
        if name == "map":
            page.locator("#incident-map .leaflet-marker-icon, #incident-map path.leaflet-interactive").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        page.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"))


def test_no_page_a_coordinator_reaches_is_wider_than_a_320_px_screen(live_server, page_for, settings):
    """A crawl of the demo from the start page, following every link in the menu and the pages, one page per route,
    as the municipality's coordinator, the county's and a housing company's bovärd; then the screenshots for the
    docs."""
    from personas import PASSWORD
    from samtrygg.accounts.models import User
    from samtrygg.demo.builder import build_demo
    from samtrygg.plans.metodbank import load_national
    from samtrygg.plans.models.methods import MethodEntry

    load_national(MethodEntry)
    settings.DEMO_MODE = True
    build_demo(seed=7, incidents=300)
    seen, too_wide, visited = set(), [], 0
    for username in ("samordnare", "lan", "bovard"):
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
        page = page_for(username, viewport={"width": 320, "height": 640})
        queue = [f"{live_server.url}/"]
        while queue and visited < 220:
            url = queue.pop(0)
            if route(url) in seen:
                continue
            seen.add(route(url))
            try:
                response = page.goto(url)
            except PlaywrightError as error:  # a link to a file the skip list does not know: a download
                assert "Download is starting" in str(error), url
                continue
            html = response is not None and "text/html" in response.headers.get("content-type", "")
            if not html or response.status != 200:
                continue
            visited += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide.append(f"{urlparse(url).path} is {width} px wide")
            for href in page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.href)"):
                href = href.split("#")[0]
                if href.startswith(live_server.url) and not SKIP.search(href) and route(href) not in seen:
                    queue.append(href)
    assert visited > 60, f"the crawl reached only {visited} pages"
    assert not too_wide, "\n".join(too_wide)
    screenshots_on_a_phone(page_for("samordnare"), live_server)
