"""Incident pages: the quick report (privacy guard, photo cleaning), list with filters and bulk status, detail,
edit, status, delete, the access-checked photo and the map's data endpoint (points vs hexagons)."""

import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from identity_numbers import identity_number
from reporting import GRANNSTAD, TORGET, category, report
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.models import Incident, StatusChange
from samtrygg.incidents.views import pages
from samtrygg.incidents.views.pages import resolution_for_zoom
from samtrygg.lib import photos

pytestmark = pytest.mark.django_db





def form_data(world, **overrides):
    data = {
        "owner": world.kommun_a.pk, "category": category("skadegorelse").pk, "subcategory": "",
        "occurred_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "lat": TORGET[0], "lon": TORGET[1],
        "area": "", "place_type": "", "description": "", "reported_to_police": "vet_ej", "damage_cost_sek": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def jpeg_with_gps(size=(300, 200), orientation=6) -> bytes:
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "Kamera AB"  # Make
    exif[0x0112] = orientation
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (59.0, 11.0, 42.0), 3: "E", 4: (17.0, 37.0, 30.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken by someone")
    return out.getvalue()


# --- quick report ------------------------------------------------------------------------------------------

def test_the_report_page_offers_main_categories_and_hides_a_single_organisation(world, login):
    response = login(world.erik).get(reverse("incidents:report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="radio" name="category"' in html
    assert "Skadegörelse" in html
    assert f'type="hidden" name="owner" value="{world.forvaltning_a.pk}"' in html
    # Bob's role holds in his kommun and the förvaltning below it: he chooses, his kommun first.
    html = login(world.bob).get(reverse("incidents:report")).content.decode()
    assert f'<option value="{world.kommun_a.pk}" selected>' in html
    assert f'<option value="{world.forvaltning_a.pk}">' in html
    assert 'data-parent="' in html  # subcategories name their main category for report.js


def test_a_report_is_saved_through_the_service(world, login):
    client = login(world.bob)
    data = form_data(world, subcategory=category("skadegorelse.klotter").pk, description="Klotter på busskuren.",
                     damage_cost_sek="2500", place_type="hallplats")
    response = client.post(reverse("incidents:report"), data)
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:detail", args=[incident.pk])
    assert incident.category == category("skadegorelse.klotter")
    assert incident.owner == world.kommun_a and incident.reported_by == world.bob
    assert incident.area == world.area_a_sub and incident.source == "egen"
    assert incident.damage_cost_sek == 2500 and incident.place_type == "hallplats"
    assert AuditEntry.objects.filter(object_type="incidents.incident", action="create").count() == 1


def test_a_report_may_name_an_area_instead_of_a_point(world, login):
    response = login(world.bob).post(reverse("incidents:report"), form_data(
        world, lat="", lon="", area=world.area_a2.pk))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.area == world.area_a2 and incident.lat is None and incident.cell is None


def test_a_report_without_any_place_is_refused(world, login):
    response = login(world.bob).post(reverse("incidents:report"), form_data(world, lat="", lon=""))
    assert response.status_code == 200
    assert "Välj en plats på kartan eller ett område." in response.content.decode()
    assert not Incident.objects.exists()


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_a_time_far_outside_the_calendar_is_refused_before_anything_is_worked_out_from_it(world, login, when):
    report(world)  # a stored incident nearby: the duplicate search would look around the time given
    response = login(world.bob).post(reverse("incidents:report"), form_data(world, occurred_from=when))
    assert response.status_code == 200
    assert "Ange en tid från 1900 till 2999." in response.content.decode()
    assert Incident.objects.count() == 1


def test_a_subcategory_of_another_category_is_refused(world, login):
    response = login(world.bob).post(reverse("incidents:report"), form_data(
        world, subcategory=category("stold.cykel").pk))
    assert response.status_code == 200
    assert not Incident.objects.exists()


def test_a_valid_personnummer_is_refused_and_never_echoed(world, login):
    number = identity_number(date(1987, 4, 23), 238, "YYMMDD-NNNC")
    response = login(world.bob).post(reverse("incidents:report"), form_data(
        world, description=f"Mannen med personnummer {number} sprayade på väggen."))
    html = response.content.decode()
    assert response.status_code == 200
    assert "personnummer" in html and "errorlist" in html
    assert number not in html
    assert number.replace("-", "")[-10:] not in html.replace("-", "")
    assert not Incident.objects.exists()


def test_a_reader_cannot_report_and_is_not_offered_to(world, login):
    assert login(world.dave).get(reverse("incidents:report")).status_code == 404
    link = f'href="{reverse("incidents:report")}"'
    assert link not in login(world.dave).get(reverse("web:start")).content.decode()
    assert link in login(world.bob).get(reverse("web:start")).content.decode()


def test_the_privacy_check_returns_the_spans_without_the_text(world, login):
    client = login(world.bob)
    text = "Ring 070-123 45 67 eller skriv till a.b@example.se, pnr 19121212-1212."
    response = client.post(reverse("incidents:privacy_check"), {"text": text}, content_type="application/json")
    body = response.json()
    kinds = {f["kind"] for f in body["findings"]}
    assert {"phone", "email", "personnummer"} <= kinds
    assert body["refused"] is True and "personnummer" in body["message"]
    assert "1212-1212" not in response.content.decode()
    for f in body["findings"]:
        assert text[f["start"]:f["end"]].strip()
    clean = client.post(reverse("incidents:privacy_check"), {"text": "Klotter på skolan."}).json()
    assert clean == {"findings": [], "refused": False, "message": ""}


def test_the_privacy_check_counts_offsets_as_javascript_does(world, login):
    text = "😀 ring 070-123 45 67"
    body = login(world.bob).post(reverse("incidents:privacy_check"), {"text": text},
                                 content_type="application/json").json()
    (finding,) = body["findings"]
    assert finding["start"] == text.index("070") + 1  # the emoji is two UTF-16 code units


def test_the_privacy_check_needs_login_and_post(world, client, login):
    assert client.post(reverse("incidents:privacy_check"), {"text": "x"}).status_code == 302
    assert login(world.bob).get(reverse("incidents:privacy_check")).status_code == 405


# --- photos ------------------------------------------------------------------------------------------------

def test_a_photo_is_stored_upright_and_without_metadata(world, login, tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo has GPS
    upload = io.BytesIO(original)
    upload.name = "IMG_0001.jpg"
    response = login(world.bob).post(reverse("incidents:report"), {**form_data(world), "photo": upload})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.photo.name.endswith(".jpg") and "IMG_0001" not in incident.photo.name
    stored = incident.photo.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (200, 300)  # orientation 6 applied
    assert not dict(image.getexif())
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
    assert b"Exif" not in stored and b"Kamera AB" not in stored and b"taken by someone" not in stored

    served = login(world.alice).get(reverse("incidents:photo", args=[incident.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == stored
    assert login(world.carol).get(reverse("incidents:photo", args=[incident.pk])).status_code == 404


def test_editing_replaces_or_removes_the_photo_and_deletes_the_old_file(world, login, tmp_path, settings,
                                                                         django_capture_on_commit_callbacks):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    incident = report(world, photo=photos.clean_photo(jpeg_with_gps()))
    first = incident.photo.name
    assert (tmp_path / first).exists()
    client = login(world.alice)
    url = reverse("incidents:edit", args=[incident.pk])
    assert "Ta bort fotot" in client.get(url).content.decode()
    data = form_data(world, source="egen", occurred_to="", owner=None)
    upload = io.BytesIO(jpeg_with_gps(size=(40, 30), orientation=1))
    upload.name = "ny.jpg"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {**data, "photo": upload}).status_code == 302
    incident.refresh_from_db()
    second = incident.photo.name
    assert second != first and (tmp_path / second).exists() and not (tmp_path / first).exists()
    assert not dict(Image.open(tmp_path / second).getexif())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {**data, "remove_photo": "on"}).status_code == 302
    incident.refresh_from_db()
    assert not incident.photo and not (tmp_path / second).exists()
    changes = [e.changes.get("photo") for e in AuditEntry.objects.filter(object_type="incidents.incident",
                                                                            action="update").order_by("id")]
    assert changes == [[first, second], [second, ""]]


def test_a_file_that_is_no_image_is_refused(world, login):
    upload = io.BytesIO(b"%PDF-1.4 not a picture")
    upload.name = "photo.jpg"
    response = login(world.bob).post(reverse("incidents:report"), {**form_data(world), "photo": upload})
    assert response.status_code == 200
    assert "Filen är inte en bild som kan läsas" in response.content.decode()
    assert not Incident.objects.exists()


def test_large_photos_are_scaled_down():
    cleaned = photos.clean_photo(jpeg_with_gps(size=(4000, 1000), orientation=1))
    assert Image.open(io.BytesIO(cleaned)).size == (2048, 512)
    with pytest.raises(photos.PhotoError):
        photos.clean_photo(b"GIF89a broken")


def test_the_photo_view_is_404_without_a_photo(world, login):
    incident = report(world)
    assert login(world.bob).get(reverse("incidents:photo", args=[incident.pk])).status_code == 404


# --- list ---------------------------------------------------------------------------------------------------

def table(response) -> str:
    """The list's table alone (the filter form also names every category)."""
    return response.content.decode().split('id="incident-table"')[1]


def test_the_list_filters_narrow_and_stay_in_the_links(world, login):
    report(world, description="klotter vid skolan")
    report(world, category=category("stold.cykel"), description="cykel borta")
    client = login(world.alice)
    everything = table(client.get(reverse("incidents:list")))
    assert "Klotter" in everything and "Cykelstöld" in everything
    narrowed = client.get(reverse("incidents:list"), {"category": category("stold").pk, "status": "ny"})
    assert "Cykelstöld" in table(narrowed) and "Klotter" not in table(narrowed)
    assert f"category={category('stold').pk}" in narrowed.content.decode()  # the map link keeps the filters
    assert "Klotter" not in table(client.get(reverse("incidents:list"), {"q": "cykel"}))
    assert "Klotter" in table(client.get(reverse("incidents:list"), {"q": "skolan"}))


def test_other_municipalities_incidents_are_not_visible(world, login):
    mine = report(world)
    theirs = report(world, where=GRANNSTAD, actor=world.carol, owner=world.kommun_b,
                    category=category("brand.anlagd"))
    client = login(world.bob)
    html = table(client.get(reverse("incidents:list")))
    assert reverse("incidents:detail", args=[mine.pk]) in html
    assert reverse("incidents:detail", args=[theirs.pk]) not in html and "Anlagd brand" not in html
    assert client.get(reverse("incidents:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("incidents:edit", args=[theirs.pk])).status_code == 404
    data = client.get(reverse("incidents:map_data"), {"bbox": "17,59,18,60", "zoom": 12}).json()
    assert [p[0] for p in data["points"]] == [mine.pk]


def test_the_list_pins_its_query_count(world, login, django_assert_max_num_queries):
    client = login(world.alice)
    for _ in range(3):
        report(world)
    with django_assert_max_num_queries(22) as few:  # the filter panel built too (kept afterwards: fewer)
        client.get(reverse("incidents:list"))
    for _ in range(12):
        report(world, where=(59.23, 17.65))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("incidents:list"))


def test_the_list_counts_no_further_than_its_cap_unless_a_tally_knows(world, login, monkeypatch,
                                                                      django_assert_max_num_queries):
    monkeypatch.setattr(pages, "LIST_COUNT_CAP", 3)
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    for _ in range(5):
        report(world)
    client = login(world.alice)
    # Filtered by status, which no tally carries: counted to the cap and a row beyond, then "more than".
    with django_assert_max_num_queries(40) as queries:
        narrowed = client.get(reverse("incidents:list"), {"status": "ny"})
    html = narrowed.content.decode()
    assert "Fler än 3 händelser" in html and "Sida 1 av fler än 1" in html  # 3 pages at least
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert counts and all("LIMIT 4" in sql for sql in counts), counts
    # Unfiltered, the month tally counts them exactly, beyond the cap.
    html = client.get(reverse("incidents:list")).content.decode()
    assert "5 händelser" in html and "Fler än" not in html and "Sida 1 av 3" in html
    # Under the cap the count is exact either way.
    monkeypatch.setattr(pages, "LIST_COUNT_CAP", 10)
    caches["pages"].clear()  # the page of a moment ago was kept: the cap is not among what it is made of
    assert "5 händelser" in client.get(reverse("incidents:list"), {"status": "ny"}).content.decode()


def test_bulk_status_changes_only_what_the_user_may_change(world, login):
    mine = [report(world), report(world)]
    theirs = report(world, where=GRANNSTAD, actor=world.carol, owner=world.kommun_b)
    ids = [mine[0].pk, mine[1].pk, theirs.pk]
    # Bob reports but may not change: nothing happens, and he is offered no checkboxes.
    assert 'name="ids"' not in login(world.bob).get(reverse("incidents:list")).content.decode()
    login(world.bob).post(reverse("incidents:bulk_status"), {"ids": ids, "status": "hanteras"})
    assert not StatusChange.objects.exists()
    client = login(world.alice)
    assert 'name="ids"' in client.get(reverse("incidents:list")).content.decode()
    response = client.post(reverse("incidents:bulk_status"),
                           {"ids": ids, "status": "hanteras", "note": "Skickat till fastighetsägaren",
                            "query": "status=ny"})
    assert response.status_code == 302 and response["Location"] == reverse("incidents:list") + "?status=ny"
    assert set(Incident.objects.filter(status="hanteras").values_list("pk", flat=True)) == {m.pk for m in mine}
    theirs.refresh_from_db()
    assert theirs.status == "ny"
    assert StatusChange.objects.filter(note="Skickat till fastighetsägaren").count() == 2


# --- detail, status, edit, delete ---------------------------------------------------------------------------

def test_detail_shows_history_and_status_can_be_changed(world, login):
    incident = report(world, description="Krossad ruta")
    client = login(world.alice)
    response = client.post(reverse("incidents:status", args=[incident.pk]), {"status": "atgardad", "note": "Lagad"})
    assert response.status_code == 302
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Krossad ruta" in html and "Lagad" in html and "Resolved" in html or "Åtgärdad" in html
    assert login(world.bob).post(reverse("incidents:status", args=[incident.pk]),
                                 {"status": "avslutad"}).status_code == 404
    incident.refresh_from_db()
    assert incident.status == "atgardad"


def test_edit_goes_through_the_service_and_guards_privacy(world, login):
    incident = report(world)
    client = login(world.alice)
    url = reverse("incidents:edit", args=[incident.pk])
    assert client.get(url).status_code == 200
    data = form_data(world, category=category("stold").pk, lat=59.23, lon=17.65, source="trygghetsvandring",
                     occurred_to="", description="Stöld av cykel", owner=None)
    assert client.post(url, data).status_code == 302
    incident.refresh_from_db()
    assert incident.category == category("stold") and incident.area == world.area_a2
    assert incident.source == "trygghetsvandring"
    refused = client.post(url, {**data, "description": "pnr 19121212-1212"})
    assert refused.status_code == 200 and "19121212-1212" not in refused.content.decode()
    incident.refresh_from_db()
    assert incident.description == "Stöld av cykel"
    assert login(world.bob).get(url).status_code == 404


def test_delete_asks_first(world, login):
    incident = report(world)
    client = login(world.alice)
    url = reverse("incidents:delete", args=[incident.pk])
    assert client.get(url).status_code == 200 and Incident.objects.exists()
    assert client.post(url).status_code == 302
    assert not Incident.objects.exists()
    assert AuditEntry.objects.filter(object_type="incidents.incident", action="delete").exists()


# --- map ----------------------------------------------------------------------------------------------------

def test_map_data_sends_points_then_hexagons(world, login, monkeypatch):
    for where in (TORGET, TORGET, (59.23, 17.65)):
        report(world, where=where)
    client = login(world.alice)
    params = {"bbox": "17.5,59.1,17.8,59.3", "zoom": 13}
    points = client.get(reverse("incidents:map_data"), params).json()
    assert points["mode"] == "points" and points["count"] == 3
    assert {round(p[1], 3) for p in points["points"]} == {59.195, 59.23}
    monkeypatch.setattr(pages, "MAP_POINT_LIMIT", 2)
    hexes = client.get(reverse("incidents:map_data"), params).json()
    assert hexes["mode"] == "cells" and hexes["resolution"] == resolution_for_zoom(13)
    counts = sorted(f["properties"]["count"] for f in hexes["cells"]["features"])
    assert counts == [1, 2]
    ring = hexes["cells"]["features"][0]["geometry"]["coordinates"][0]
    assert len(ring) == 7 and ring[0] == ring[-1]
    outside = client.get(reverse("incidents:map_data"), {"bbox": "12,56,13,57", "zoom": 10}).json()
    assert outside["count"] == 0
    filtered = client.get(reverse("incidents:map_data"), {**params, "category": category("stold").pk}).json()
    assert filtered["count"] == 0


def test_map_data_needs_a_bbox_and_shows_police_events_on_request(world, login):
    from samtrygg.incidents.models import PoliceEvent

    PoliceEvent.objects.create(event_id=1, occurred_at=timezone.now(), name="Skadegörelse, Exempelstad",
                               type="Skadegörelse", lat=59.2, lon=17.63)
    client = login(world.bob)
    assert client.get(reverse("incidents:map_data")).status_code == 400
    params = {"bbox": "17.5,59.1,17.8,59.3", "zoom": 12}
    assert "police" not in client.get(reverse("incidents:map_data"), params).json()
    police = client.get(reverse("incidents:map_data"), {**params, "police": "1"}).json()["police"]
    assert [e["id"] for e in police] == [1]


def test_map_areas_are_the_users_areas(world, login):
    names = {f["properties"]["name"] for f in login(world.bob).get(reverse("incidents:map_areas")).json()["features"]}
    assert names == {"Centrum", "Torget", "Norr"}


def test_the_map_page_passes_its_configuration_in_data_attributes(world, login):
    with override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png", MAP_ATTRIBUTION="© Test"):
        html = login(world.bob).get(reverse("incidents:map"), {"status": "ny"}).content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="© Test"' in html and 'data-query="status=ny"' in html
    assert "<script>" not in html


@pytest.mark.parametrize(("zoom", "resolution"), [(5, 2), (9, 5), (12, 7), (15, 10), (19, 10)])
def test_the_hexagon_resolution_follows_the_zoom(zoom, resolution):
    assert resolution_for_zoom(zoom) == resolution


@pytest.mark.parametrize(("tiles", "url_start", "attribution", "host"), [
    ("", "https://tile.openstreetmap.org/", "OpenStreetMap", "https://tile.openstreetmap.org"),
    ("lantmateriet", "https://minkarta.lantmateriet.se/", "© Lantmäteriet", "https://minkarta.lantmateriet.se"),
    ("none", "", "", None),
    ("https://{s}.tiles.example.se/{z}/{x}/{y}.png", "https://{s}.tiles", "", "https://*.tiles.example.se"),
])
def test_the_tile_source_is_configured_and_allowed_by_the_csp(tmp_path, tiles, url_start, attribution, host):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_"))}
    env.update(SAMTRYGG_DATA_DIR=str(tmp_path), SAMTRYGG_MAP_TILES=tiles)
    code = ("import json, samtrygg.settings as s; "
            "print(json.dumps([s.MAP_TILE_URL, s.MAP_ATTRIBUTION, [str(v) for v in s.SECURE_CSP['img-src']]]))")
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    url, shown, img_src = json.loads(out)
    assert url.startswith(url_start) and (url or not url_start)
    assert attribution in shown
    assert (host in img_src) if host else len(img_src) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_far_outside_any_incidents_is_a_form_error_not_a_crash(world, client, login, day):
    login(world.alice)
    for path in ("/incidents/", "/incidents/map/"):
        response = client.get(path, {"period_from": day, "period_to": day})
        assert response.status_code == 200, path
    assert "Ange en dag från 1900-01-01 till 2999-12-31" in client.get(
        "/incidents/", {"period_from": day}).content.decode()


def test_a_map_point_says_when_in_swedish_time(world, login):
    """The point's popup shows its first 16 characters: the local (Europe/Stockholm) time, not UTC."""
    from datetime import UTC, datetime

    report(world, occurred_from=datetime(2026, 7, 1, 20, 30, tzinfo=UTC))  # 22:30 in Swedish summer time
    report(world, occurred_from=datetime(2025, 12, 31, 23, 5, tzinfo=UTC))  # 00:05 on New Year's Day, winter time
    data = login(world.bob).get(reverse("incidents:map_data"), {"bbox": "17,59,18,60", "zoom": 12}).json()
    assert data["mode"] == "points"
    assert sorted(point[4] for point in data["points"]) == ["2026-01-01T00:05", "2026-07-01T22:30"]
    assert {point[3] for point in data["points"]} == {"Klotter"}


@pytest.mark.parametrize("params", [{"category": str(10**30)}, {"area": [str(2**63), "1"]},
                                    {"organisation": str(-10**30)}])
@pytest.mark.parametrize("name", ["incidents:list", "incidents:map", "incidents:map_data", "incidents:export"])
def test_ids_beyond_any_database_id_in_the_filters_answer_without_a_crash(world, login, name, params):
    """An id too large for the database's integers (SQLite refuses to bind it, PostgreSQL's bigint overflows) is
    a choice that does not exist: the filter form says so, or the data request answers 400, never a 500."""
    query = {**params, "bbox": "17,59,18,60", "zoom": "12"} if name == "incidents:map_data" else params
    response = login(world.bob).get(reverse(name), query)
    assert response.status_code in (200, 400), response.status_code
