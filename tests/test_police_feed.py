"""The police's public events feed: `samtrygg import-police-events FILE_OR_URL` reads a messy feed, skips what it
cannot use and says why, keeps the newest version of each event, redacts identity numbers, and stores a
read-only layer counted apart from own reports."""

import http.server
import io
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtrygg.accounts import services as accounts
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import aggregates, selectors
from samtrygg.incidents.models import Incident, PoliceEvent
from samtrygg.incidents.police import (
    FeedError,
    category_code,
    kommunkod_for,
    parse_datetime,
    parse_feed,
    parse_gps,
    police_events_import,
)
from samtrygg.lib import cells

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data" / "police"
FEED = DATA / "feed.json"
STORED_IDS = {612685, 612690, 612700, 612701, 612702, 612703, 612704, 612710, 612720, 612730, 612731, 612732}


def run(source, *args) -> str:
    """The command's output, in English (it speaks the active language)."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("import-police-events", str(source), *args, stdout=out)
    return out.getvalue()


def event(event_id) -> PoliceEvent:
    return PoliceEvent.objects.select_related("category").get(event_id=event_id)


def imports():
    return AuditEntry.objects.filter(action="import", object_type="incidents.policeevent")


def test_it_imports_a_messy_feed_and_says_what_it_skipped_and_why():
    out = run(FEED)

    assert set(PoliceEvent.objects.values_list("event_id", flat=True)) == STORED_IDS
    assert "Created 12, updated 0, unchanged 0, skipped 10 of 22 items" in out
    assert "4 skipped: not a JSON object: #8, #9, #10, #11" in out
    assert "2 skipped: an older version of an event that is also in the file: #12 (id 612710), #15 (id 612720)" in out
    assert "1 skipped: no id, or not a positive whole number: #19" in out
    assert "1 skipped: no datetime, or not a date and time: #20 (id 612740)" in out
    assert "1 skipped: no type: #21 (id 612741)" in out
    assert "1 skipped: no name: #22 (id 612742)" in out
    assert "2 kept without a point: gps unparseable or outside Sweden: #6 (id 612703), #7 (id 612704)" in out
    assert "1 kept without municipality: place is neither a municipality nor a county: #18 (id 612732)" in out
    assert "Identity numbers replaced by a marker in 1 event." in out


def test_events_get_time_place_cell_category_and_a_safe_link():
    run(FEED)
    stold = event(612685)
    assert stold.occurred_at == datetime(2025, 11, 13, 19, 14, 24, tzinfo=UTC)
    assert (stold.kommunkod, stold.location_name, stold.lat, stold.lon) == ("2280", "Härnösand", 62.63227, 17.940871)
    assert stold.cell == cells.cell_for(62.63227, 17.940871)
    assert stold.category.code == "stold" and stold.type == "Stöld"
    assert stold.url == "https://polisen.se/aktuellt/handelser/2025/november/13/13-november-18.28-stold-harnosand/"

    one_digit_hour = event(612690)
    assert one_digit_hour.occurred_at == datetime(2025, 11, 13, 7, 9, 14, tzinfo=UTC)
    assert one_digit_hour.category is None  # traffic accidents are no category of ours
    assert event(612702).category.code == "inbrott"  # "Inbrott, försök" by its first part
    assert event(612710).category.code == "hot-vald"
    assert event(612701).category.code == "hot-vald.misshandel"

    county = event(612700)
    assert (county.kommunkod, county.category, county.type) == ("", None, "Sammanfattning natt")
    assert county.cell is not None  # the county's centre

    no_gps, bad_gps, swapped = event(612702), event(612703), event(612704)
    assert (no_gps.lat, no_gps.cell, no_gps.kommunkod) == (None, None, "0114")
    assert (bad_gps.lat, bad_gps.lon, bad_gps.kommunkod) == (None, None, "0180")
    assert (swapped.lat, swapped.kommunkod, swapped.url) == (None, "1880", "")  # never a javascript: link

    assert (event(612730).kommunkod, event(612731).kommunkod) == ("0305", "0643")  # Håbo is not Habo
    assert event(612731).category is None  # an unknown type is kept, without category
    assert (event(612732).kommunkod, event(612732).location_name) == ("", "Ankeborg")


def test_duplicates_in_a_file_keep_the_newest_version_wherever_it_stands():
    run(FEED)
    later_in_file = event(612710)
    assert later_in_file.occurred_at == datetime(2025, 11, 13, 21, 30, 5, tzinfo=UTC)
    assert later_in_file.summary.endswith("Ingen person har skadats.")
    earlier_in_file = event(612720)
    assert earlier_in_file.occurred_at == datetime(2025, 11, 14, 8, 15, tzinfo=UTC)
    assert earlier_in_file.summary.endswith("Räddningstjänsten har släckt branden.")


def test_identity_numbers_are_redacted_before_anything_is_stored():
    run(FEED)
    stored = event(612701)
    assert stored.summary == ("En man, [personnummer], har misshandlats utanför en restaurang vid "
                              "Järntorget.")
    for values in PoliceEvent.objects.values_list("name", "summary"):
        assert "870314" not in " ".join(values)
    assert "870314" not in json.dumps(list(AuditEntry.objects.values("changes", "object_repr")))


def test_one_audit_entry_per_import_with_the_counts():
    run(FEED)
    entry = imports().get()
    assert entry.actor is None and entry.object_repr == f"Polisens händelser: {FEED}"
    counts = entry.changes["counts"][1]
    assert counts["created"] == 12 and counts["skipped"]["not_object"] == 4 and counts["notes"]["bad_gps"] == 2


def test_running_the_same_file_again_changes_nothing():
    run(FEED)
    before = list(PoliceEvent.objects.order_by("event_id").values())
    out = run(FEED)
    assert "Created 0, updated 0, unchanged 12, skipped 10 of 22 items" in out
    assert list(PoliceEvent.objects.order_by("event_id").values()) == before  # fetched_at included
    assert imports().count() == 2


def test_a_later_fetch_adds_new_events_updates_changed_ones_and_never_goes_back():
    run(FEED)
    out = run(DATA / "feed_later.json")
    assert "Created 1, updated 1, unchanged 1, skipped 1 of 4 items" in out
    assert "1 skipped: older than the version already stored: #3 (id 612710)" in out
    assert event(612750).category.code == "ordningsstorning.brak"
    assert event(612685).summary.endswith("Cykeln har hittats.")
    assert event(612710).summary.endswith("Ingen person har skadats.")  # the older version did not win
    assert PoliceEvent.objects.count() == 13


def test_a_dry_run_counts_and_writes_nothing():
    out = run(FEED, "--dry-run")
    assert "Dry run, nothing written: would have created 12" in out
    assert not PoliceEvent.objects.exists() and not imports().exists()


@pytest.mark.parametrize(("name", "message"), [
    ("error_page.html", "HTML or XML page, not the JSON feed"),
    ("object.json", "must be a JSON array of events, not a JSON object"),
    ("truncated.json", "not JSON"),
    ("missing.json", "Cannot read"),
])
def test_input_that_is_no_feed_fails_clearly_and_writes_nothing(name, message):
    with pytest.raises(CommandError, match=message):
        run(DATA / name)
    assert not PoliceEvent.objects.exists() and not imports().exists()


def test_other_url_schemes_are_refused():
    with pytest.raises(CommandError, match="Only http"):
        run(f"file://{FEED}")
    assert not PoliceEvent.objects.exists()


# --- over http --------------------------------------------------------------------------------------------------

@pytest.fixture
def feed_server():
    """A local web server answering every path with served["body"] (and served["status"]); requests are logged."""
    served = {"status": 200, "body": FEED.read_bytes(), "type": "application/json", "requests": []}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            served["requests"].append({"path": self.path, "user_agent": self.headers.get("User-Agent")})
            self.send_response(served["status"])
            self.send_header("Content-Type", served["type"])
            self.send_header("Content-Length", str(len(served["body"])))
            self.end_headers()
            self.wfile.write(served["body"])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served["url"] = f"http://127.0.0.1:{server.server_address[1]}/api/events"
    yield served
    server.shutdown()
    server.server_close()


def test_it_fetches_the_feed_over_http_and_says_who_is_asking(feed_server):
    out = run(feed_server["url"], "--contact", "trygghet@exempelby.se")
    assert "Created 12" in out
    assert PoliceEvent.objects.count() == 12
    (request,) = feed_server["requests"]
    assert request["path"] == "/api/events"
    assert request["user_agent"].startswith("samtrygg/")
    assert "contact: trygghet@exempelby.se" in request["user_agent"]


def test_an_error_page_over_http_writes_nothing(feed_server):
    feed_server.update(status=503, body=(DATA / "error_page.html").read_bytes(), type="text/html")
    with pytest.raises(CommandError, match="HTTP 503"):
        run(feed_server["url"])
    feed_server.update(status=200)  # some servers answer an error page with 200
    with pytest.raises(CommandError, match="HTML"):
        run(feed_server["url"])
    assert not PoliceEvent.objects.exists() and not imports().exists()


# --- the pieces -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2025-11-13 8:09:14 +01:00", datetime(2025, 11, 13, 7, 9, 14, tzinfo=UTC)),
    ("2025-07-01 23:59:59 +02:00", datetime(2025, 7, 1, 21, 59, 59, tzinfo=UTC)),
    ("2025-11-13T08:09:14Z", datetime(2025, 11, 13, 8, 9, 14, tzinfo=UTC)),
    ("2025-11-13 08:09 +0100", datetime(2025, 11, 13, 7, 9, tzinfo=UTC)),
    ("2025-07-01 12:00:00", datetime(2025, 7, 1, 10, 0, tzinfo=UTC)),  # no offset: Swedish summer time
])
def test_feed_times_are_read_in_their_forms(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["igår", "2025-13-01 10:00:00 +01:00", "2025-11-13", "", None, 1731481764,
                                  "2025-11-13 25:00:00 +01:00", "2025-11-13 10:00:00 +25:00"])
def test_bad_times_are_refused(text):
    with pytest.raises(ValueError):
        parse_datetime(text)


def test_gps_is_a_point_in_sweden_or_nothing():
    assert parse_gps("59.329324,18.068581") == (59.329324, 18.068581)
    assert parse_gps(None) is None and parse_gps(" ") is None
    for bad in ("59,329324;18,068581", "18.068581,59.329324", "nan,nan", "59.3", "59.3,18.0,4", [59.3, 18.0]):
        with pytest.raises(ValueError):
            parse_gps(bad)


@pytest.mark.parametrize(("place", "code"), [
    ("Malmö", "1280"), ("UPPLANDS-VÄSBY", "0114"), ("Upplands-Bro", "0139"), ("Borås kommun", "1490"),
    ("Göteborgs stad", "1480"), ("Stockholms stad", "0180"), ("Håbo", "0305"), ("Habo", "0643"),
    ("Stockholms län", ""), ("Örebro län", ""), ("", ""), ("Ankeborg", None),
])
def test_place_names_become_municipality_codes(place, code):
    assert kommunkod_for(place) == code


@pytest.mark.parametrize(("event_type", "code"), [
    ("Rån, försök", "hot-vald.ran"), ("Stöld, försök", "stold"), ("Motorfordon, stöld", "stold.ovrig"),
    ("skadegörelse", "skadegorelse"), ("Fylleri/LOB", "ordningsstorning.berusning"),
    ("Trafikolycka, singel", None), ("Sammanfattning natt", None), ("Övrigt", None), ("Brand automatlarm", None),
])
def test_event_types_map_to_national_categories(event_type, code):
    assert category_code(event_type) == code


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
feed_items = st.fixed_dictionaries(
    {}, optional={
        "id": st.integers(-5, 2**64) | st.text(max_size=12) | json_values,
        "datetime": st.sampled_from(["2025-11-13 8:09:14 +01:00", "2025-02-30 10:00:00 +01:00"]) | json_values,
        "name": st.text(max_size=400) | json_values, "summary": st.text(max_size=50) | json_values,
        "type": st.sampled_from(["Stöld", "Rån, försök", ""]) | json_values, "url": json_values,
        "location": st.fixed_dictionaries({}, optional={
            "name": st.sampled_from(["Malmö", "Skåne län"]) | json_values,
            "gps": st.sampled_from(["55.6,13.0", "55,6;13,0", "1e999,5"]) | json_values,
        }) | json_values,
    },
) | json_values


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(feed_items, max_size=6))
def test_no_item_however_odd_stops_an_import(items):
    result = police_events_import(items=items, source="hypothesis")
    stored = result.created + result.updated + result.unchanged
    assert stored + result.skipped_count == len(items)


def test_a_long_name_stays_within_its_field_after_redaction():
    name = "Stöld, Malmö. " + "x" * 270 + " 870314-4322"
    result = police_events_import(items=[{"id": 1, "datetime": "2025-11-13 8:09:14 +01:00", "name": name,
                                          "type": "Stöld", "location": {"name": "Malmö"}}], source="test")
    assert result.created == 1 and result.redacted == 1
    stored = event(1).name
    assert len(stored) <= 300 and "870314" not in stored


def test_the_feed_must_be_an_array():
    with pytest.raises(FeedError):
        parse_feed(b'"just a string"')
    with translation.override("en"), pytest.raises(FeedError, match="events, not JSON text"):
        parse_feed(b'"just a string"')
    assert parse_feed("\ufeff[]".encode()) == []


# --- a layer of its own -----------------------------------------------------------------------------------------

def test_police_events_are_counted_apart_from_own_reports():
    run(FEED)
    run(DATA / "feed_later.json")
    assert not Incident.objects.exists()
    malmo = selectors.police_events_in(kommunkod="1280")
    assert sorted(malmo.values_list("event_id", flat=True)) == [612690, 612750]
    on_the_14th = selectors.police_events_in(start=datetime(2025, 11, 14, tzinfo=UTC),
                                             end=datetime(2025, 11, 15, tzinfo=UTC))
    assert set(on_the_14th.values_list("event_id", flat=True)) == {612685, 612700, 612720, 612750}

    counts = aggregates.police_counts(selectors.police_events())
    assert counts["total"] == 13
    assert dict(counts["by_type"])["Stöld"] == 1 and dict(counts["by_type"])["Sammanfattning natt"] == 1
    by_category = {name: n for _, name, n in counts["by_category"]}
    assert by_category["Hot och våld"] == 3  # misshandel, skottlossning, rån
    assert by_category[""] == 4  # trafikolycka, sammanfattning natt, djur, drönare: kept, uncategorised
    assert counts["by_month"] == [("2025-11-01", 13)]


def test_the_api_offers_the_layer_read_only(world, client):
    run(FEED)
    _, secret = accounts.api_token_create(actor=world.carol, user=world.carol, name="read")
    headers = {"Authorization": f"Bearer {secret}"}
    listed = client.get("/api/v1/police-events/", headers=headers)
    assert listed.status_code == 200, listed.content
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/police-events/", data="{}", content_type="application/json",
                                           headers=headers)
        assert response.status_code == 405, method
    assert PoliceEvent.objects.count() == 12
