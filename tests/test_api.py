"""The REST API: bearer tokens only, incidents CRUD with the UI's authorization and filters, cursor pages,
GeoJSON, the privacy guard's HTTP 422, aggregates, reference lists, police events, throttling and the schema."""

import json
from datetime import timedelta

import h3
import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reporting
from reporting import GRANNSTAD, NORR, TORGET, category
from samtrygg.accounts import services as accounts
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import services
from samtrygg.incidents.models import Category, Incident, PoliceEvent, StatusChange
from samtrygg.lib import cells

pytestmark = pytest.mark.django_db

PERSONNUMMER = "19121212-1212"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the throttle counts in the cache
    yield
    cache.clear()



def report(world, where=TORGET, actor=None, **fields):
    """Reported by Alice unless told otherwise (she may change what she reports)."""
    return reporting.report(world, where, actor=actor or world.alice, **fields)


class Api:
    """A test client that sends one user's bearer token."""

    def __init__(self, client, secret):
        self.client, self.headers = client, {"Authorization": f"Bearer {secret}"}

    def get(self, url, params=None, headers=None):
        return self.client.get(url, params, headers={**self.headers, **(headers or {})})

    def send(self, method, url, data=None):
        return getattr(self.client, method)(url, data=json.dumps(data), content_type="application/json",
                                            headers=self.headers)


@pytest.fixture
def api(client):
    def _api(user):
        _, secret = accounts.api_token_create(actor=user, user=user, name="test")
        return Api(client, secret)

    return _api


def ids(response):
    return {row["id"] for row in response.json()["results"]}


# --- authentication -------------------------------------------------------------------------------------------

def test_it_refuses_requests_without_a_bearer_token(world, client, login):
    response = client.get("/api/v1/incidents/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    login(world.alice)
    assert client.get("/api/v1/incidents/").status_code == 401  # no session authentication


def test_it_refuses_unknown_tokens_and_deactivated_users(world, client, api):
    bad = client.get("/api/v1/incidents/", headers={"Authorization": "Bearer samtrygg_not-a-token"})
    assert bad.status_code == 401 and bad.headers["WWW-Authenticate"].startswith("Bearer")
    alice = api(world.alice)
    assert alice.get("/api/v1/incidents/").status_code == 200
    world.alice.is_active = False
    world.alice.save(update_fields=["is_active"])
    assert alice.get("/api/v1/incidents/").status_code == 401


# --- reading --------------------------------------------------------------------------------------------------

def test_it_lists_only_what_the_user_may_see(world, api):
    mine = report(world)
    theirs = report(world, GRANNSTAD, owner=world.kommun_b, actor=world.carol)
    assert ids(api(world.alice).get("/api/v1/incidents/")) == {mine.pk}
    assert ids(api(world.carol).get("/api/v1/incidents/")) == {theirs.pk}
    assert ids(api(world.dave).get("/api/v1/incidents/")) == set()
    assert api(world.carol).get(f"/api/v1/incidents/{mine.pk}/").status_code == 404
    row = api(world.bob).get(f"/api/v1/incidents/{mine.pk}/").json()
    assert row["area"] == world.area_a_sub.pk and row["area_name"] == "Torget"
    assert row["category_code"] == "skadegorelse.klotter" and row["owner"] == world.kommun_a.pk
    assert row["cell"] == h3.latlng_to_cell(*TORGET, cells.CELL_RESOLUTION)


def test_the_list_takes_the_ui_filters(world, api):
    klotter = report(world, description="Klotter vid torget")
    brand = report(world, NORR, category=category("brand.anlagd"), hours_ago=24 * 40)
    alice = api(world.alice)
    assert ids(alice.get("/api/v1/incidents/", {"category": category("skadegorelse").pk})) == {klotter.pk}
    assert ids(alice.get("/api/v1/incidents/", {"area": world.area_a2.pk})) == {brand.pk}
    assert ids(alice.get("/api/v1/incidents/", {"area": world.area_a.pk})) == {klotter.pk}  # with sub-areas
    assert ids(alice.get("/api/v1/incidents/", {"q": "torget"})) == {klotter.pk}
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert ids(alice.get("/api/v1/incidents/", {"period_from": since})) == {klotter.pk}
    services.incidents_set_status(actor=world.alice, incidents=[brand], status="hanteras")
    assert ids(alice.get("/api/v1/incidents/", {"status": ["hanteras", "atgardad"]})) == {brand.pk}
    refused = alice.get("/api/v1/incidents/", {"area": world.area_b.pk})  # not hers: not a valid choice
    assert refused.status_code == 400 and "area" in refused.json()


def test_cursor_pages_walk_every_incident_once(world, api):
    same_time = timezone.now() - timedelta(hours=5)
    made = {report(world, occurred_from=same_time).pk for _ in range(6)}  # ties on the cursor's field
    made |= {report(world, hours_ago=h).pk for h in range(1, 12)}
    alice, seen, url, pages = api(world.alice), [], "/api/v1/incidents/?page_size=4", 0
    while url:
        body = alice.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert len(seen) == len(set(seen)) == len(made) and set(seen) == made
    assert pages == 5
    times = [Incident.objects.get(pk=pk).occurred_from for pk in seen]
    assert times == sorted(times, reverse=True)


def test_the_list_runs_a_fixed_number_of_queries(world, api, django_assert_max_num_queries):
    for h in range(20):
        report(world, hours_ago=h + 1)
    alice = api(world.alice)
    # incl. the token owner's login rules (2FA requirement) and the listing's audit entry (count by owner, the
    # owners, the entry in its transaction)
    with django_assert_max_num_queries(19):
        assert len(alice.get("/api/v1/incidents/").json()["results"]) == 20


def test_geojson_output_is_a_paged_feature_collection(world, api):
    for h in range(3):
        report(world, hours_ago=h + 1)
    alice = api(world.alice)
    response = alice.get("/api/v1/incidents/", {"format": "geojson", "page_size": 2})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 2 and body["next"]
    point = body["features"][0]["geometry"]
    assert point["type"] == "Point" and point["coordinates"] == [TORGET[1], TORGET[0]]
    assert "lat" not in body["features"][0]["properties"]
    second = alice.get(body["next"]).json()
    assert second["type"] == "FeatureCollection" and len(second["features"]) == 1 and second["next"] is None
    by_accept = alice.get("/api/v1/incidents/", headers={"Accept": "application/geo+json"}).json()
    assert by_accept["type"] == "FeatureCollection" and len(by_accept["features"]) == 3


# --- writing --------------------------------------------------------------------------------------------------

def new_incident(**extra):
    return {"category": category("skadegorelse.klotter").pk, "lat": TORGET[0], "lon": TORGET[1],
            "occurred_from": (timezone.now() - timedelta(hours=1)).isoformat(), **extra}


def test_a_reporter_creates_an_incident_audited_with_area_and_cell(world, api):
    response = api(world.bob).send("post", "/api/v1/incidents/", new_incident(description="Trasig lampa"))
    assert response.status_code == 201, response.json()
    incident = Incident.objects.get(pk=response.json()["id"])
    assert incident.owner == world.kommun_a and incident.reported_by == world.bob
    assert incident.area == world.area_a_sub and incident.cell is not None
    assert response["Location"].endswith(f"/api/v1/incidents/{incident.pk}/")
    assert AuditEntry.objects.filter(object_type="incidents.incident", object_id=str(incident.pk),
                                     action="create", actor=world.bob).exists()


def test_creating_needs_the_right_to_report_for_that_organisation(world, api):
    assert api(world.dave).send("post", "/api/v1/incidents/", new_incident()).status_code == 403
    other = api(world.bob).send("post", "/api/v1/incidents/", new_incident(owner=world.kommun_b.pk))
    assert other.status_code == 400 and "owner" in other.json()
    future = api(world.bob).send("post", "/api/v1/incidents/",
                                 new_incident(occurred_from=(timezone.now() + timedelta(days=2)).isoformat()))
    assert future.status_code == 400 and "occurred_from" in future.json()
    assert not Incident.objects.exists()


@pytest.mark.parametrize("field", ["description", "external_id", "status_note"])
def test_a_personnummer_is_refused_with_422_never_echoed(world, api, field):
    text = f"Mannen med nummer {PERSONNUMMER} sprayade"
    response = api(world.bob).send("post", "/api/v1/incidents/", new_incident(**{field: text}))
    assert response.status_code == 422
    body = response.json()
    assert body["kinds"] == ["personnummer"] and field in body["errors"]
    assert "1212" not in response.content.decode()
    assert not Incident.objects.exists()


def test_a_personnummer_is_refused_in_an_update_too(world, api):
    incident = report(world, description="Klotter")
    response = api(world.alice).send("patch", f"/api/v1/incidents/{incident.pk}/",
                                     {"description": f"gjort av {PERSONNUMMER}"})
    assert response.status_code == 422 and "1212" not in response.content.decode()
    incident.refresh_from_db()
    assert incident.description == "Klotter"


def test_changing_needs_the_right_to_change_and_404_hides_the_rest(world, api):
    incident = report(world)
    patch = {"description": "Sanerat klotter", "status": "atgardad", "status_note": "Fasaden tvättad"}
    assert api(world.bob).send("patch", f"/api/v1/incidents/{incident.pk}/", patch).status_code == 403
    assert api(world.carol).send("patch", f"/api/v1/incidents/{incident.pk}/", patch).status_code == 404
    response = api(world.alice).send("patch", f"/api/v1/incidents/{incident.pk}/", patch)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "atgardad" and response.json()["description"] == "Sanerat klotter"
    change = StatusChange.objects.get(incident=incident)
    assert (change.from_status, change.to_status, change.note, change.actor) == (
        "ny", "atgardad", "Fasaden tvättad", world.alice)
    assert AuditEntry.objects.filter(object_id=str(incident.pk), action="update").count() == 2


def test_put_replaces_and_a_moved_point_gets_its_area_again(world, api):
    incident = report(world)
    body = new_incident(lat=NORR[0], lon=NORR[1], place_type="park")
    response = api(world.alice).send("put", f"/api/v1/incidents/{incident.pk}/", body)
    assert response.status_code == 200, response.json()
    assert response.json()["area"] == world.area_a2.pk and response.json()["place_type"] == "park"


def test_deleting_needs_the_right_to_change(world, api):
    incident = report(world)
    assert api(world.carol).send("delete", f"/api/v1/incidents/{incident.pk}/").status_code == 404
    assert api(world.bob).send("delete", f"/api/v1/incidents/{incident.pk}/").status_code == 403
    assert api(world.alice).send("delete", f"/api/v1/incidents/{incident.pk}/").status_code == 204
    assert not Incident.objects.filter(pk=incident.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(incident.pk), action="delete", actor=world.alice).exists()


# --- aggregates -----------------------------------------------------------------------------------------------

def test_cell_counts_at_a_resolution(world, api):
    for _ in range(3):
        report(world)
    report(world, NORR)
    report(world, GRANNSTAD, owner=world.kommun_b, actor=world.carol)
    body = api(world.alice).get("/api/v1/incidents/aggregate/cells/", {"resolution": 7}).json()
    assert body["resolution"] == 7
    expected = {}
    for lat, lon in [TORGET] * 3 + [NORR]:
        key = h3.latlng_to_cell(lat, lon, 7)
        expected[key] = expected.get(key, 0) + 1
    assert {r["cell"]: r["count"] for r in body["results"]} == expected
    assert [r["count"] for r in body["results"]] == sorted(expected.values(), reverse=True)
    assert api(world.alice).get("/api/v1/incidents/aggregate/cells/", {"resolution": 11}).status_code == 400
    filtered = api(world.alice).get("/api/v1/incidents/aggregate/cells/",
                                    {"resolution": 7, "area": world.area_a2.pk}).json()
    assert sum(r["count"] for r in filtered["results"]) == 1


def test_counts_by_area_category_period_and_hour(world, api):
    report(world)
    report(world, category=category("skadegorelse.glaskross"))
    report(world, NORR, category=category("brand.anlagd"))
    alice = api(world.alice)
    areas = alice.get("/api/v1/incidents/aggregate/areas/").json()["results"]
    assert {(r["name"], r["count"]) for r in areas} == {("Torget", 2), ("Norr", 1)}
    main = alice.get("/api/v1/incidents/aggregate/categories/", {"main": "true"}).json()["results"]
    assert [(r["name"], r["count"]) for r in main] == [("Skadegörelse", 2), ("Brand", 1)]
    sub = alice.get("/api/v1/incidents/aggregate/categories/").json()["results"]
    assert sorted(r["count"] for r in sub) == [1, 1, 1]
    for period in ("week", "month"):
        body = alice.get("/api/v1/incidents/aggregate/periods/", {"period": period}).json()
        assert body["period"] == period and sum(r["count"] for r in body["results"]) == 3
    assert alice.get("/api/v1/incidents/aggregate/periods/", {"period": "year"}).status_code == 400
    matrix = alice.get("/api/v1/incidents/aggregate/hour-weekday/").json()
    assert len(matrix["counts"]) == 7 and all(len(row) == 24 for row in matrix["counts"])
    assert sum(map(sum, matrix["counts"])) == 3


# --- isolation, whatever the data and the filters ---------------------------------------------------------------

LIST_AND_AGGREGATES = [
    "/api/v1/incidents/", "/api/v1/incidents/?format=geojson", "/api/v1/incidents/aggregate/cells/?resolution=5",
    "/api/v1/incidents/aggregate/areas/", "/api/v1/incidents/aggregate/categories/",
    "/api/v1/incidents/aggregate/categories/?main=1", "/api/v1/incidents/aggregate/periods/?period=week",
    "/api/v1/incidents/aggregate/hour-weekday/",
]
CODES = ["skadegorelse.klotter", "brand.anlagd", "stold.cykel", "ovrigt"]


def _total(url, body) -> int:
    if "hour-weekday" in url:
        return sum(map(sum, body["counts"]))
    if "format=geojson" in url:
        return len(body["features"])
    return len(body["results"]) if url.endswith("/incidents/") else sum(r["count"] for r in body["results"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    a_points=st.lists(st.tuples(st.floats(59.181, 59.219), st.floats(17.601, 17.699), st.sampled_from(CODES),
                                st.integers(1, 2000)), max_size=6),
    b_points=st.lists(st.tuples(st.floats(59.181, 59.219), st.floats(17.801, 17.899), st.sampled_from(CODES),
                                st.integers(1, 2000)), min_size=1, max_size=6),
    filters=st.sampled_from(["", "status=ny", "q=a", "source=egen", "category={cat}", "organisation={b}"]),
)
def test_a_token_of_municipality_a_never_sees_b(world, client, a_points, b_points, filters):
    from django.db import transaction

    with transaction.atomic():
        made = {world.kommun_a: set(), world.kommun_b: set()}
        for owner, actor, points in [(world.kommun_a, world.alice, a_points), (world.kommun_b, world.carol, b_points)]:
            for lat, lon, code, hours in points:
                made[owner].add(report(world, (lat, lon), owner=owner, actor=actor, hours_ago=hours,
                                       category=category(code), description="skada").pk)
        _, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="hypothesis")
        alice = Api(client, secret)
        query = filters.format(cat=category(CODES[0]).pk, b=world.kommun_b.pk)
        for url in LIST_AND_AGGREGATES:
            full = f"{url}{'&' if '?' in url else '?'}{query}&page_size=1000"
            response = alice.get(full)
            if "organisation=" in query:  # B is not an organisation Alice can see: refused, nothing shown
                assert response.status_code == 400, full
                continue
            assert response.status_code == 200, full
            body = response.json()
            assert _total(url, body) <= len(made[world.kommun_a]), full
            if url.endswith("/incidents/"):
                assert ids(response) <= made[world.kommun_a]
            if "format=geojson" in url:
                assert {f["id"] for f in body["features"]} <= made[world.kommun_a]
            if "aggregate/areas" in url:
                assert {r["area"] for r in body["results"]} <= {world.area_a.pk, world.area_a_sub.pk,
                                                                 world.area_a2.pk, None}
        transaction.set_rollback(True)


# --- reference lists, police events -----------------------------------------------------------------------------

def test_categories_and_areas_are_scoped(world, api):
    own = Category.objects.create(owner=world.kommun_b, code="egen", name="Grannstads egen")
    codes = {c["code"] for c in api(world.alice).get("/api/v1/categories/").json()}
    assert "skadegorelse.klotter" in codes and own.code not in codes
    assert own.code in {c["code"] for c in api(world.carol).get("/api/v1/categories/").json()}
    names = {a["name"] for a in api(world.alice).get("/api/v1/areas/").json()}
    assert names == {"Centrum", "Torget", "Norr"}
    geo = api(world.carol).get("/api/v1/areas/", {"format": "geojson"}).json()
    assert [f["properties"]["name"] for f in geo["features"]] == ["Grannstad C"]
    assert geo["features"][0]["geometry"]["type"] == "Polygon"


def test_police_events_filter_by_period_municipality_and_extent(world, api):
    now = timezone.now()
    for i, (kommunkod, lat, lon, days) in enumerate([("0180", 59.2, 17.65, 1), ("0180", 59.2, 17.65, 60),
                                                     ("0181", 59.2, 17.85, 2), ("", 62.0, 15.0, 3)]):
        PoliceEvent.objects.create(event_id=100 + i, occurred_at=now - timedelta(days=days), name=f"Händelse {i}",
                                   type="Skadegörelse", kommunkod=kommunkod, lat=lat, lon=lon)
    dave = api(world.dave)

    def events(**params):
        return [e["event_id"] for e in dave.get("/api/v1/police-events/", params).json()["results"]]

    assert events() == [100, 102, 103, 101]
    assert events(kommunkod="0180") == [100, 101]
    assert events(bbox="17.6,59.1,17.9,59.3") == [100, 102, 101]
    assert events(period_from=(timezone.localdate() - timedelta(days=10)).isoformat()) == [100, 102, 103]
    assert dave.get("/api/v1/police-events/", {"bbox": "x"}).status_code == 400
    first = dave.get("/api/v1/police-events/", {"page_size": 3}).json()
    assert len(first["results"]) == 3 and [e["event_id"] for e in dave.get(first["next"]).json()["results"]] == [101]


# --- throttling, schema -----------------------------------------------------------------------------------------

def test_requests_per_user_are_throttled(world, api):
    alice = api(world.alice)
    with override_settings(SAMTRYGG_API_RATE="2/minute"):
        assert alice.get("/api/v1/categories/").status_code == 200
        assert alice.get("/api/v1/categories/").status_code == 200
        third = alice.get("/api/v1/categories/")
        assert third.status_code == 429 and "Retry-After" in third.headers
        assert api(world.carol).get("/api/v1/categories/").status_code == 200  # per user


def test_the_openapi_schema_lists_every_path_with_bearer_security(db, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/incidents/", "/api/v1/incidents/{id}/", "/api/v1/incidents/aggregate/cells/",
        "/api/v1/incidents/aggregate/areas/", "/api/v1/incidents/aggregate/categories/",
        "/api/v1/incidents/aggregate/periods/", "/api/v1/incidents/aggregate/hour-weekday/",
        "/api/v1/categories/", "/api/v1/areas/", "/api/v1/police-events/",
    } <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        **schema["components"]["securitySchemes"]["bearerAuth"], "type": "http", "scheme": "bearer"}
    operation = schema["paths"]["/api/v1/incidents/"]["get"]
    assert operation["security"] == [{"bearerAuth": []}]
    assert {"category", "area", "period_from", "q", "cursor"} <= {p["name"] for p in operation["parameters"]}
