"""National statistics for every user: the recommended safety KPIs fetched on a schedule for every municipality,
county and Sweden (through `samtrygg run-jobs`, from a Kolada-shaped server on 127.0.0.1), a coordinator adding a
KPI from Kolada's catalogue (online) or the recommended list (offline) for their municipality, its county and
Sweden, uploads of national files by a coordinator, and the demo's indicator series beside the county and Sweden."""

import io
import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samtrygg.audit.models import AuditEntry
from samtrygg.indicators import catalogue, recommended, selectors
from samtrygg.indicators.models import IndicatorSeries, IndicatorValue
from samtrygg.reference import kommuner

pytestmark = pytest.mark.django_db

TITLES = {k["id"]: k["title"] for k in recommended.KOLADA} | {"N99001": "Antal invånare som känner sig otrygga"}


class Kolada:
    """A Kolada v3 look-alike: data pages (all places: two pages, the second by next_url; or the places asked
    for), KPI metadata and the catalogue's title search. KPIs in `missing` answer 404. Records what was asked."""

    def __init__(self):
        self.requests: list[str] = []
        self.missing: set[str] = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/v3"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        kolada = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                kolada.requests.append(self.path)
                status, doc = kolada.answer(self.path)
                body = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def answer(self, path: str):
        parts = urlsplit(path)
        segments = parts.path.strip("/").split("/")  # v3 data kpi N07540 [municipality 0180,...] year 2020,...
        if segments[:2] == ["v3", "kpi"] and len(segments) == 2:
            query = parse_qs(parts.query).get("title", [""])[0].casefold()
            return 200, {"count": 0, "values": [{"id": kpi, "title": title, "description": f"Om {kpi}."}
                                                for kpi, title in TITLES.items() if query in title.casefold()]}
        if segments[:2] == ["v3", "kpi"] and len(segments) == 3:
            kpis = segments[2].split(",")
            return 200, {"values": [{"id": k, "title": TITLES.get(k, k), "description": "Källa: Brå och SCB."}
                                    for k in kpis]}
        if segments[:3] != ["v3", "data", "kpi"] or segments[3] in self.missing:
            return 404, {"error": "not found"}
        kpi = segments[3]
        years = [int(y) for y in segments[-1].split(",")][-2:]
        if segments[4] == "municipality":
            places = segments[5].split(",")
            return 200, {"count": 3, "next_url": None,
                         "values": [self.record(kpi, p, y) for p in places for y in years]}
        page = parse_qs(parts.query).get("page", ["1"])[0]
        if page == "1":  # municipalities, a municipality group (skipped)
            places = ["0180", "0181", "1280", "G33"]
            next_url = f"{self.base}/data/kpi/{kpi}/year/{segments[-1]}?page=2"
        else:  # counties and Sweden
            places, next_url = ["0001", "0012", "0000"], None
        return 200, {"count": 7, "next_url": next_url,
                     "values": [self.record(kpi, p, y) for p in places for y in years]}

    @staticmethod
    def record(kpi: str, place: str, year: int) -> dict:
        value = 1000 + int(place.removeprefix("G")) % 997 + (year % 10)
        return {"kpi": kpi, "municipality": place, "period": year,
                "values": [{"gender": "T", "count": 0, "status": "", "value": value, "isdeleted": False},
                           {"gender": "K", "count": 0, "status": "", "value": value - 1, "isdeleted": False}]}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def kolada(settings):
    server = Kolada()
    settings.SAMTRYGG_KOLADA_URL = server.base
    yield server
    server.close()


def run_jobs() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("run-jobs", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- the recommended list --------------------------------------------------------------------------------------

def test_the_recommended_list_names_each_kolada_id_once_with_its_reason_and_source():
    ids = [k.id for k in catalogue.recommended()]
    assert len(ids) == len(set(ids)) >= 6
    assert {"N07540", "N07403", "N15643"} <= set(ids)
    for kpi in catalogue.recommended():
        assert catalogue.KPI_ID.match(kpi.id) and kpi.title and kpi.why and kpi.evidence
    assert "Samtliga brott" in [c.crime for c in catalogue.bra_crimes()]


# --- the scheduled fetch ---------------------------------------------------------------------------------------

def test_the_job_fetches_every_page_of_each_recommended_kpi_for_every_place(kolada):
    out, err = run_jobs()
    count = len(catalogue.recommended())
    assert f"kolada: hämtade {count} nyckeltal, 0 misslyckades" in out, (out, err)
    series = IndicatorSeries.objects.get(source="kolada", external_id="N07403", owner__isnull=True)
    assert series.name == TITLES["N07403"] and series.description == "Källa: Brå och SCB."  # from the metadata
    places = set(IndicatorValue.objects.filter(series=series).values_list("region_code", flat=True))
    assert places == {"0180", "0181", "1280", "L01", "L12", "R00"}  # both pages; the group G33 skipped
    assert IndicatorValue.objects.filter(series=series).count() == 6 * 2 * 2  # places, years, genders
    this_year = timezone.localdate().year
    asked = f"/v3/data/kpi/N07403/year/{','.join(str(y) for y in range(this_year - 6, this_year + 1))}"
    assert asked in kolada.requests and asked + "?page=2" in kolada.requests
    entry = AuditEntry.objects.get(object_type=selectors.KOLADA_FETCH)
    assert entry.actor is None and entry.changes["failed"] == [None, {}]
    assert entry.changes["imported"][1]["N07403"]["created"] == 24


def test_the_job_runs_again_only_when_due_and_changes_nothing_twice(kolada):
    run_jobs()
    asked = len(kolada.requests)
    out, _err = run_jobs()
    assert "kolada: inte dags än" in out and len(kolada.requests) == asked
    now = timezone.now()
    assert not catalogue.fetch_due(now, 7)
    assert catalogue.fetch_due(now + timedelta(days=8), 7)
    values = IndicatorValue.objects.count()
    report = catalogue.fetch_recommended(today=timezone.localdate())
    assert not report.failed and all(c["created"] == 0 and c["updated"] == 0 for c in report.imported.values())
    assert IndicatorValue.objects.count() == values


def test_a_kpi_that_fails_is_reported_and_the_others_are_imported_then_retried_later(kolada):
    kolada.missing = {"N07540"}
    out, err = run_jobs()
    assert f"hämtade {len(catalogue.recommended()) - 1} nyckeltal, 1 misslyckades" in out
    assert "N07540" in err and "HTTP 404" in err
    assert not IndicatorSeries.objects.filter(external_id="N07540").exists()
    assert IndicatorSeries.objects.filter(external_id="N07403").exists()
    assert AuditEntry.objects.filter(object_type=selectors.KOLADA_FETCH_FAILED).count() == 1
    now = timezone.now()
    assert not catalogue.fetch_due(now, 7)  # not every quarter of an hour while Kolada fails
    assert catalogue.fetch_due(now + catalogue.RETRY_AFTER, 7)


def test_offline_the_job_fetches_nothing(settings):
    settings.SAMTRYGG_KOLADA_URL = ""
    out, _err = run_jobs()
    assert "kolada" not in out
    assert not IndicatorSeries.objects.exists()


# --- a coordinator adds a KPI from Kolada's catalogue -----------------------------------------------------------

def test_a_coordinator_searches_kolada_and_adds_a_kpi_for_the_municipality_county_and_sweden(world, login, kolada):
    client = login(world.carol)  # samordnare in Grannstad kommun, 0181 (Södertälje), Stockholms län
    page = client.get(reverse("indicators:catalogue"), {"q": "otrygga"}).content.decode()
    assert "Antal invånare som känner sig otrygga" in page and "N99001" in page
    assert "Anmälda våldsbrott" not in page
    page = client.get(reverse("indicators:catalogue"), {"q": "brott"}).content.decode()
    assert "Anmälda våldsbrott, antal/100 000 inv" in page and 'class="tag"' in page  # marked as recommended
    response = client.post(reverse("indicators:catalogue_add"), {"kpi": "N07403", "kommunkod": "0181", "q": "brott"})
    series = IndicatorSeries.objects.get(source="kolada", external_id="N07403")
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:series_detail", args=[series.pk]) + "?kommun=0181"
    assert any("/v3/data/kpi/N07403/municipality/0181,0001,0000/year/" in r for r in kolada.requests)
    assert set(IndicatorValue.objects.filter(series=series).values_list("region_code", flat=True)) == \
        {"0181", "L01", "R00"}
    entry = AuditEntry.objects.filter(object_type="indicators.indicatorvalue").latest("at")
    assert entry.actor == world.carol and "N07403" in entry.object_repr
    page = client.get(response["Location"]).content.decode()
    assert "Södertälje" in page and "Stockholms län" in page
    # national: every signed-in user reads it, the police reader too
    assert login(world.dave).get(reverse("indicators:series_detail", args=[series.pk])).status_code == 200


def test_a_coordinator_adds_only_for_their_own_municipalities(world, login, kolada):
    response = login(world.carol).post(reverse("indicators:catalogue_add"), {"kpi": "N07403", "kommunkod": "0180"},
                                       follow=True)
    assert not IndicatorSeries.objects.exists() and not kolada.requests
    assert response.status_code == 200 and "messages" in response.context
    assert login(world.carol).post(reverse("indicators:catalogue_add"), {"kpi": "../etc", "kommunkod": "0181"}) \
        .status_code == 302
    assert not kolada.requests


def test_readers_and_reporters_may_not_add_national_statistics(world, login, kolada):
    for user in (world.bob, world.dave):  # a reporter in Exempelstad, a reader at the police
        client = login(user)
        assert client.get(reverse("indicators:catalogue")).status_code == 403
        assert client.post(reverse("indicators:catalogue_add"), {"kpi": "N07403", "kommunkod": "0180"}) \
            .status_code == 403
    assert not kolada.requests
    assert "katalog" not in login(world.bob).get(reverse("indicators:series_list")).content.decode()
    assert reverse("indicators:catalogue") in login(world.carol).get(reverse("indicators:series_list")) \
        .content.decode()


def test_a_fetch_that_fails_is_named_and_nothing_is_written(world, login, kolada):
    kolada.missing = {"N07403"}
    response = login(world.carol).post(reverse("indicators:catalogue_add"), {"kpi": "N07403", "kommunkod": "0181"},
                                       follow=True)
    text = response.content.decode()
    assert "N07403" in text and "HTTP 404" in text
    assert not IndicatorSeries.objects.exists()


def test_offline_the_catalogue_offers_the_recommended_list_and_files_to_upload(world, login, settings):
    settings.SAMTRYGG_KOLADA_URL = ""
    client = login(world.alice)
    page = client.get(reverse("indicators:catalogue")).content.decode()
    assert all(kpi.id in page for kpi in catalogue.recommended())
    this_year = timezone.localdate().year
    assert (f"https://api.kolada.se/v3/data/kpi/N07403/municipality/0180,0001,0000/year/{this_year - 6}"
            in page)
    assert "Samtliga brott" in page  # Brå's crime groups, to upload
    page = client.get(reverse("indicators:catalogue"), {"q": "skolan"}).content.decode()
    assert "N15643" in page and "N07403" not in page
    response = client.post(reverse("indicators:catalogue_add"), {"kpi": "N07403", "kommunkod": "0180"}, follow=True)
    assert "offline" in response.content.decode() and not IndicatorSeries.objects.exists()


def test_when_kolada_cannot_be_reached_the_recommended_list_is_searched(world, login, settings):
    settings.SAMTRYGG_KOLADA_URL = "http://127.0.0.1:9/v3"  # the discard port: nothing listens
    page = login(world.alice).get(reverse("indicators:catalogue"), {"q": "våldsbrott"}).content.decode()
    assert 'role="alert"' in page and "N07403" in page and "N15643" not in page


# --- uploads of national files by a coordinator ---------------------------------------------------------------

def test_a_coordinators_national_upload_keeps_their_municipality_county_and_sweden(world, login):
    from pathlib import Path

    data = (Path(__file__).resolve().parent / "data" / "indicators" / "bra_databasfil.csv").read_bytes()
    response = login(world.erik).post(reverse("indicators:import"), {  # samordnare in a förvaltning of 0180
        "file": SimpleUploadedFile("bra_databasfil.csv", data), "organisation": world.forvaltning_a.pk})
    assert response.context["result"].left_out == 32  # the other municipalities and counties in the file
    assert set(IndicatorValue.objects.values_list("region_code", flat=True)) == {"0180", "L01", "R00"}
    assert IndicatorValue.objects.count() == 24
    assert IndicatorSeries.objects.filter(owner__isnull=True).count() == 2
    response = login(world.dave).post(reverse("indicators:import"), {
        "file": SimpleUploadedFile("bra_databasfil.csv", data), "organisation": world.police.pk})
    assert response.status_code == 403  # a reader changes no organisation's data


# --- the demo --------------------------------------------------------------------------------------------------

def test_the_demo_lagesbild_shows_its_indicators_beside_the_county_and_sweden(login, settings):
    from samtrygg.accounts.models import User
    from samtrygg.demo.builder import build_demo
    from samtrygg.lagesbild.models import Lagesbild

    settings.DEMO_MODE = True
    until = date(timezone.localdate().year, 5, 31)
    build_demo(seed=7, incidents=300, until=until)
    demo = IndicatorSeries.objects.filter(external_id__startswith="demo-", owner__isnull=True)
    assert demo.count() == 4
    assert all("(demovärden)" in s.name and "Demovärden – inte verklig statistik." in s.description for s in demo)
    codes = set(IndicatorValue.objects.filter(series__in=demo).values_list("region_code", flat=True))
    # the demo municipalities, the county and Sweden, and every real municipality (for the county's choropleth)
    assert codes == {"9901", "9902", "9903", "9904", "L19", "R00", *kommuner()}
    client = login(User.objects.get(username="samordnare"))
    for lagesbild in Lagesbild.objects.filter(owner__kommunkod="9901"):
        page = client.get(reverse("lagesbild:detail", args=[lagesbild.pk])).content.decode()
        statistics = page[page.index('id="section-statistik'):page.index('id="section-trygghet')]
        assert "Inga indikatorer har importerats ännu" not in statistics
        assert "Exempelby" in statistics and "Västmanlands län" in statistics and "Riket" in statistics
        assert "(demovärden)" in statistics
        assert str(until.year - 2) in statistics
    # the series page compares the demo's own municipality with its county and Sweden
    series = demo.get(external_id="demo-N07403")
    page = client.get(reverse("indicators:series_detail", args=[series.pk])).content.decode()
    assert "Exempelby bredvid Västmanlands län och Sverige" in page


def test_a_fictional_code_without_a_demo_organisation_is_no_municipality(world):
    assert selectors.municipality("9901") is None
    assert selectors.municipality("0180") == kommuner()["0180"]
