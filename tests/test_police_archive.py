"""The police's history: `samtrygg import-police-events --archive FILE` streams an archive of the feed (a JSON array
or JSON lines, also gzipped) of any size with bounded memory, idempotently; every event gets its kommunkod (or its
länskod and the county-level mark) from its place name; and the lägesbild counts the police's events as the map
does."""

import gzip
import importlib
import io
import json
import random
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from shapely.geometry import box, mapping

from samtrygg.access import OrganisationAccess
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.areas import services as areas
from samtrygg.areas.models import AreaKind
from samtrygg.demo import geography as demo_geo
from samtrygg.demo import police_events as demo_police
from samtrygg.incidents.models import PoliceEvent
from samtrygg.incidents.police import FeedError, Place, place_for, police_events_import
from samtrygg.incidents.police_archive import MAX_RECORD_BYTES, as_feed_item, police_archive_import
from samtrygg.incidents.query import Period
from samtrygg.lagesbild.gather import Scope, gather

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# (place name as the feed writes it, gps, kommunkod, länskod, county-level)
PLACES = [
    ("Uppsala", "59.858564,17.638927", "0380", "03", False),
    ("Malung-Sälen", "60.686,13.716", "2023", "20", False),
    ("Stockholm", "59.329324,18.068581", "0180", "01", False),
    ("Upplands-Väsby", "59.518,17.911", "0114", "01", False),
    ("Uppsala län", "59.86,17.64", "", "03", True),
    ("Västra Götalands län", "58.25,13.06", "", "14", True),
]
FIRST = datetime(2023, 1, 1, tzinfo=STOCKHOLM)


def item(n: int, *, summary: str = "") -> dict:
    """The n-th event of a generated archive, in the feed's own form."""
    name, gps, *_ = PLACES[n % len(PLACES)]
    when = FIRST + timedelta(minutes=17 * n)
    return {
        "id": 100_000 + n, "datetime": f"{when:%Y-%m-%d %H:%M:%S %:z}",
        "name": f"{when.day} {when:%m} {when:%H.%M}, Stöld, {name}",
        "summary": summary or f"En cykel har stulits vid stationen (händelse {n}).",
        "url": f"/aktuellt/handelser/{when:%Y}/{n}/", "type": "Stöld", "location": {"name": name, "gps": gps},
    }


def write_archive(path: Path, count: int, *, lines: bool = False, changed: dict[int, str] | None = None) -> Path:
    """An archive of `count` events written one at a time (never held whole), as a JSON array or JSON lines,
    gzipped when the name ends in .gz."""
    changed = changed or {}
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as f:
        f.write("" if lines else "[\n")
        for n in range(count):
            text = json.dumps(item(n, summary=changed.get(n, "")), ensure_ascii=False)
            f.write(text + "\n" if lines else (",\n" if n else "") + text)
        f.write("" if lines else "\n]\n")
    return path


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import-police-events", *map(str, args), stdout=out)
    return out.getvalue()


def peak_while(function):
    """What `function` returns, and the peak of Python's memory allocations while it ran."""
    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def state():
    return PoliceEvent.objects.count(), PoliceEvent.objects.aggregate(latest=Max("fetched_at"))["latest"]


def test_the_peak_memory_of_an_import_does_not_grow_with_the_number_of_events(tmp_path):
    """The peak of Python's allocations while importing 4,000 events as gzipped JSON lines and 20,000 as a JSON
    array (the first 4,000 the same): the same, give or take a megabyte, and a few MB whatever the file. Traced
    with tracemalloc, which slows Python several times over: the 100,000-event import below runs untraced."""
    small = write_archive(tmp_path / "small.jsonl.gz", 4_000, lines=True)
    archive = write_archive(tmp_path / "archive.json", 20_000)
    size = archive.stat().st_size
    first, small_peak = peak_while(lambda: police_archive_import(source=small))
    assert (first.total, first.created, first.skipped_count) == (4_000, 4_000, 0)
    result, peak = peak_while(lambda: police_archive_import(source=archive))
    assert (result.total, result.created, result.updated, result.unchanged, result.skipped_count) \
        == (20_000, 16_000, 0, 4_000, 0)
    assert peak < 1.2 * small_peak + 2**20, (small_peak, peak)  # five times the events, not more memory
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MB for a {size / 2**20:.1f} MB file"


def test_a_100k_archive_imports_whole_and_a_second_import_changes_nothing(tmp_path):
    archive = write_archive(tmp_path / "archive.json", 100_000)
    result = police_archive_import(source=archive)
    assert (result.total, result.created, result.updated, result.unchanged, result.skipped_count) \
        == (100_000, 100_000, 0, 0, 0)
    assert PoliceEvent.objects.count() == 100_000
    assert PoliceEvent.objects.filter(county_level=True).count() == sum(PLACES[n % 6][4] for n in range(100_000))
    before = state()

    again = police_archive_import(source=archive)
    assert (again.created, again.updated, again.unchanged, again.skipped_count) == (0, 0, 100_000, 0)
    assert state() == before


def test_a_changed_summary_counts_as_updated_and_the_newest_version_wins(tmp_path):
    police_archive_import(source=write_archive(tmp_path / "a.json", 50))
    before = PoliceEvent.objects.get(event_id=100_007).fetched_at

    result = police_archive_import(source=write_archive(tmp_path / "b.json", 60, changed={7: "Cykeln är återfunnen."}))
    assert (result.created, result.updated, result.unchanged) == (10, 1, 49)
    event = PoliceEvent.objects.get(event_id=100_007)
    assert event.summary == "Cykeln är återfunnen." and event.fetched_at > before


def test_an_event_twice_in_an_archive_is_stored_once_in_its_newest_version(tmp_path):
    path = tmp_path / "twice.jsonl"
    older, newer = item(1, summary="Först."), item(1, summary="Sedan.")
    newer["datetime"] = "2023-01-01 12:00:00 +01:00"
    path.write_text("\n".join(json.dumps(x) for x in [older, *map(item, range(2, 8)), newer, older]) + "\n")
    result = police_archive_import(source=path, batch=2)  # the three versions land in different batches
    assert (result.created, result.updated, result.unchanged) == (7, 0, 0)
    assert result.skip_counts == {"older_duplicate": 2}
    assert PoliceEvent.objects.get(event_id=100_001).summary == "Sedan."
    again = police_archive_import(source=path, batch=2)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert again.skip_counts == {"older_than_stored": 2}


def test_malformed_records_are_skipped_with_their_reasons(tmp_path):
    outside = item(3)
    outside["location"]["gps"] = "48.85,2.35"  # Paris: kept without a point, with a note
    records = [
        json.dumps(item(1)),
        json.dumps({k: v for k, v in item(2).items() if k != "id"}),
        json.dumps({**item(4), "datetime": "igår kväll"}),
        "{not json",
        json.dumps(["an", "array"]),
        json.dumps({**item(5), "summary": "x" * MAX_RECORD_BYTES}),
        json.dumps({**item(6), "name": "Stöld\u0000"}),
        json.dumps(outside),
        "",
        json.dumps({**item(7), "location": {"name": "Atlantis", "gps": ""}}),
    ]
    path = tmp_path / "messy.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    with translation.override("en"):  # the references are translated ("rad 4" in Swedish)
        result = police_archive_import(source=path)
    assert (result.total, result.created) == (9, 3)
    assert result.skip_counts == {"bad_id": 1, "bad_datetime": 1, "not_json": 1, "not_object": 1, "too_large": 1,
                                  "control_characters": 1}
    assert result.skipped["not_json"] == ["line 4"] and result.skipped["bad_datetime"] == ["line 3 (id 100004)"]
    assert result.note_counts == {"bad_gps": 1, "unknown_place": 1}
    stored = PoliceEvent.objects.get(event_id=100_003)
    assert stored.lat is None and stored.kommunkod == "0114"

    PoliceEvent.objects.all().delete()
    out = run("--archive", path)
    assert out.startswith("Created 3, updated 0, unchanged 0, skipped 6 of 9 items from")
    assert "1 skipped: no datetime, or not a date and time: line 3 (id 100004)" in out
    assert "1 skipped: a line that is not JSON: line 4" in out
    assert "1 skipped: a record larger than the limit for one event: line 6" in out


def test_a_gzipped_array_and_a_dry_run(tmp_path):
    archive = write_archive(tmp_path / "archive.json.gz", 30)
    out = run("--archive", archive, "--dry-run")
    assert "Dry run, nothing written: would have created 30, updated 0, unchanged 0, skipped 0 of 30" in out
    assert not PoliceEvent.objects.exists()
    assert "Created 30, updated 0" in run("--archive", archive)
    assert PoliceEvent.objects.count() == 30


@pytest.mark.parametrize(("content", "message"), [
    (b'[{"id": 1, "datetime": "2025-01-03 21:14:02 +01:00", "name": "x", "type": "Brand"}, {"id": ',
     "stops being JSON"),
    (b'{"events": []}\n', "no usable event"),
    (b"  \n", "empty"),
    (b"<html>", "HTML"),
    (b"id;datetime\n", "JSON array of events or JSON lines"),
    ("[]".encode("utf-16"), "UTF-16"),
])
def test_an_archive_that_is_not_one_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(FeedError, match=message):
        police_archive_import(source=path)
    assert not PoliceEvent.objects.exists()


def test_an_archive_that_breaks_off_after_many_batches_writes_nothing(tmp_path):
    archive = write_archive(tmp_path / "archive.json", 5_000)
    archive.write_bytes(archive.read_bytes()[:-200])  # cut off in the last event
    with translation.override("en"), pytest.raises(FeedError, match="nothing is imported"):
        police_archive_import(source=archive, batch=500)
    assert not PoliceEvent.objects.exists()
    with pytest.raises(CommandError, match="Nothing imported from"):
        run("--archive", archive)
    with pytest.raises(CommandError, match="not both"):
        run(archive, "--archive", archive)


@pytest.mark.parametrize(("name", "place"), [
    ("Uppsala", Place("0380", "03")),
    ("Malung-Sälen", Place("2023", "20")),
    ("Upplands-Väsby", Place("0114", "01")),
    ("Upplands Väsby", Place("0114", "01")),
    ("Dals-Ed", Place("1438", "14")),
    ("Borås kommun", Place("1490", "14")),
    ("Göteborgs stad", Place("1480", "14")),
    ("Gotland", Place("0980", "09")),
    ("Uppsala län", Place("", "03", True)),
    ("Västra Götalands län", Place("", "14", True)),
    ("Stockholms län", Place("", "01", True)),
    ("Gotlands län", Place("", "09", True)),
    ("Dalarnas län", Place("", "20", True)),
    ("Skåne", Place("", "12", True)),
    ("", Place()),
    ("Atlantis", None),
])
def test_place_names_give_kommunkod_or_lanskod(name, place):
    assert place_for(name) == place


def test_county_events_are_marked_and_counted_for_no_municipality(tmp_path):
    police_archive_import(source=write_archive(tmp_path / "a.json", 12))
    county = PoliceEvent.objects.filter(county_level=True)
    assert sorted(county.order_by().values_list("location_name", "lanskod").distinct()) \
        == [("Uppsala län", "03"), ("Västra Götalands län", "14")]
    assert not county.exclude(kommunkod="").exists()
    assert set(PoliceEvent.objects.filter(county_level=False).values_list("kommunkod", "lanskod")) \
        == {("0380", "03"), ("2023", "20"), ("0180", "01"), ("0114", "01")}
    assert PoliceEvent.objects.filter(kommunkod="0380").count() == 2  # Uppsala's own, not Uppsala län's


def test_the_migration_gives_stored_events_their_codes(tmp_path):
    police_archive_import(source=write_archive(tmp_path / "a.json", 12))
    PoliceEvent.objects.update(kommunkod="", lanskod="", county_level=False)  # as stored before the migration
    migration = importlib.import_module("samtrygg.incidents.migrations.0007_police_event_place")
    migration.backfill_places(apps, None)
    assert PoliceEvent.objects.filter(county_level=True).count() == 4
    assert PoliceEvent.objects.get(event_id=100_001).kommunkod == "2023"
    assert PoliceEvent.objects.get(event_id=100_004).lanskod == "03"


def test_the_live_feed_also_marks_county_events():
    result = police_events_import(items=[item(4), item(5), item(1)], source="feed")
    assert result.created == 3
    assert set(PoliceEvent.objects.values_list("event_id", "kommunkod", "lanskod", "county_level")) == {
        (100_004, "", "03", True), (100_005, "", "14", True), (100_001, "2023", "20", False)}


def test_the_demo_events_get_their_municipality_codes():
    items = demo_police.feed_items(random.Random(3), {"Exempelby": demo_geo.EXEMPELBY_CENTRE,
                                                      "Grannby": demo_geo.GRANNBY_CENTRE}, until=date(2026, 5, 31))
    police_events_import(items=items, source="samtrygg demo", places=demo_police.KOMMUNKODER)
    assert set(PoliceEvent.objects.values_list("location_name", "kommunkod", "lanskod")) \
        == {("Exempelby", "9901", "99"), ("Grannby", "9902", "99")}


def test_the_lagesbild_counts_the_police_events_the_map_shows(client):
    """Demo-like data: the demo's events in Exempelby and Grannby, county-level events whose point (the
    county's centre) lies inside Exempelby, and events before the period."""
    until = date(2026, 5, 31)
    items = demo_police.feed_items(random.Random(7), {"Exempelby": demo_geo.EXEMPELBY_CENTRE,
                                                      "Grannby": demo_geo.GRANNBY_CENTRE}, until=until, count=60)
    lon, lat = demo_geo.EXEMPELBY_CENTRE
    county = [{**item(n), "location": {"name": "Västmanlands län", "gps": f"{lat},{lon}"},
               "datetime": "2026-05-20 10:00:00 +02:00"} for n in range(5)]
    police_events_import(items=items + county, source="samtrygg demo", places=demo_police.KOMMUNKODER)
    assert PoliceEvent.objects.filter(county_level=True).count() == 5

    kommun = accounts.organisation_create(actor=None, name="Exempelby kommun", type=OrgType.KOMMUN,
                                          kommunkod="9901", is_demo=True)
    user = accounts.user_create(actor=None, username="samordnare", password="correct horse battery staple",
                                organisation=kommun, role=Role.SAMORDNARE)
    bounds = (lon - 0.2, lat - 0.1, lon + 0.2, lat + 0.1)
    area = areas.area_create(actor=None, owner=kommun, name="Exempelby", kind=AreaKind.KOMMUN,
                             geometry=mapping(box(*bounds)))
    client.force_login(user, backend="samtrygg.accounts.backends.PasswordBackend")
    for period in (Period(date(2026, 5, 10), until), Period(date(2026, 5, 1), date(2026, 5, 15))):
        lagesbild = gather(Scope(OrganisationAccess(kommun), area, period, [], "9901"))
        shown = client.get(reverse("incidents:map_data"), {
            "bbox": ",".join(map(str, bounds)), "zoom": 11, "police": 1,
            "period_from": period.start.isoformat(), "period_to": period.end.isoformat()}).json()
        in_exempelby = [i for i in items if i["location"]["name"] == "Exempelby"
                        and period.start <= date.fromisoformat(i["datetime"][:10]) <= period.end]
        assert 0 < lagesbild.police_total == shown["police_count"] == len(shown["police"]) == len(in_exempelby)


def flat(n: int) -> dict:
    """The n-th event as the public archive polisen-se-events-history exports it (events.parquet): flattened."""
    feed = item(n)
    lat, lon = (float(x) for x in feed["location"]["gps"].split(","))
    return {"event_id": str(feed["id"]), "datetime": feed["datetime"], "name": feed["name"],
            "summary": feed["summary"], "url": feed["url"], "type": feed["type"],
            "location_name": feed["location"]["name"], "latitude": lat, "longitude": lon,
            "html_title": feed["name"], "html_body": "<p>" + "Lång text. " * 200 + "</p>", "html_available": True}


def test_a_parquet_archive_in_the_public_archives_layout_imports_in_row_groups(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    pq.write_table(pa.Table.from_pylist([flat(n) for n in range(5_000)]), path, row_group_size=1_000)
    result = police_archive_import(source=path)
    assert (result.total, result.created, result.skipped_count) == (5_000, 5_000, 0)
    stored = PoliceEvent.objects.get(event_id=100_003)
    assert (stored.kommunkod, stored.lanskod, stored.county_level) == ("0114", "01", False)
    assert stored.location_name == "Upplands-Väsby" and stored.lat == pytest.approx(59.518, abs=0.01)
    assert police_archive_import(source=path).unchanged == 5_000


def test_flattened_json_lines_and_timestamps_read_as_the_feeds_own_form(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(flat(n), ensure_ascii=False) + "\n" for n in range(30)), encoding="utf-8")
    assert police_archive_import(source=path).created == 30
    assert as_feed_item({"event_id": "7", "datetime": datetime(2025, 1, 3, 21, 14, tzinfo=STOCKHOLM),
                         "location_name": "Uppsala län", "latitude": 59.86, "longitude": 17.64}) == {
        "event_id": "7", "id": "7", "datetime": "2025-01-03T21:14:00+01:00", "location_name": "Uppsala län",
        "latitude": 59.86, "longitude": 17.64, "location": {"name": "Uppsala län", "gps": "59.86,17.64"}}


def test_a_broken_parquet_file_writes_nothing(tmp_path):
    path = tmp_path / "events.parquet"
    path.write_bytes(b"PAR1" + b"\x00" * 100)
    with pytest.raises(FeedError, match="Parquet"):
        police_archive_import(source=path)
    assert not PoliceEvent.objects.exists()
