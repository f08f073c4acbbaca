"""samtrygg as a layer in the municipality's GIS: OGC API – Features under /ogc/, read by a real client (OWSLib)
against the live server, with the API's bearer tokens. Alice (Exempelstad) and Carol (Grannstad) each read only
their own; the public medborgarlöften need no token; everything else answers 401 without one."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from django.utils import timezone
from owslib import ogcapi
from owslib.ogcapi.features import Features
from shapely.geometry import shape

from reporting import GRANNSTAD, NORR, TORGET, category, report
from samtrygg.accounts import services as accounts
from samtrygg.lagesbild import services as lagesbild
from samtrygg.ogc import params
from samtrygg.plans import services as plans

CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
GEOJSON = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
OAS30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"
COLLECTIONS = {"areas", "incidents-by-area", "incidents-by-hexagon", "hotspots", "medborgarloften"}
TODAY = timezone.localdate()
live = pytest.mark.django_db(transaction=True)  # the live server reads in its own thread


@pytest.fixture(autouse=True)
def _own_owslib_headers(monkeypatch):
    """OWSLib adds a client's headers to one module-wide dict; each test starts from a fresh copy of it, so a
    token given to one client is not sent by the next."""
    monkeypatch.setattr(ogcapi, "REQUEST_HEADERS", dict(ogcapi.REQUEST_HEADERS))


def bearer(user) -> dict:
    _, secret = accounts.api_token_create(actor=user, user=user, name="GIS")
    return {"Authorization": f"Bearer {secret}"}


def client(live_server, headers=None) -> Features:
    return Features(f"{live_server.url}/ogc/", headers=headers)


def ids(collection: dict) -> set:
    return {f["id"] for f in collection["features"]}


def by_id(collection: dict) -> dict:
    return {f["id"]: f for f in collection["features"]}


def promise(world, title, *, public=True, owner=None, **fields):
    fields.setdefault("period_start", date(2026, 1, 1))
    fields.setdefault("period_end", date(2027, 12, 31))
    return plans.promise_create(actor=world.alice, owner=owner or world.kommun_a, title=title, public=public,
                                **fields)


# --- a real client, a real server -------------------------------------------------------------------------------

@live
def test_a_gis_client_lists_the_collections_and_reads_areas_in_a_bbox(world, live_server):
    gis = client(live_server, bearer(world.alice))
    assert set(gis.feature_collections()) == COLLECTIONS
    # Torget and Centrum reach into the box; Norr lies north of it, Grannstad is the other municipality's
    areas = gis.collection_items("areas", bbox=[17.615, 59.185, 17.64, 59.205])
    assert ids(areas) == {world.area_a.pk, world.area_a_sub.pk}
    assert areas["numberMatched"] == areas["numberReturned"] == 2
    torget = by_id(areas)[world.area_a_sub.pk]
    assert torget["properties"]["name"] == "Torget" and torget["properties"]["parent"] == world.area_a.pk
    assert shape(torget["geometry"]).bounds == pytest.approx((17.62, 59.19, 17.63, 59.20))
    assert ids(gis.collection_items("areas")) == {world.area_a.pk, world.area_a_sub.pk, world.area_a2.pk}
    one = gis.collection_item("areas", str(world.area_a2.pk))
    assert one["type"] == "Feature" and one["properties"]["name"] == "Norr"


@live
def test_incidents_are_counted_per_area_and_hexagon_in_the_datetime_interval(world, live_server):
    report(world, TORGET, hours_ago=2, category=category("skadegorelse.klotter"))
    report(world, TORGET, hours_ago=3, category=category("skadegorelse.klotter"))
    report(world, TORGET, hours_ago=24 * 40)  # before the interval below
    report(world, NORR, hours_ago=5)
    report(world, GRANNSTAD, actor=world.carol, owner=world.kommun_b)  # the other municipality's
    gis = client(live_server, bearer(world.alice))
    since = (TODAY - timedelta(days=10)).isoformat()

    recent = by_id(gis.collection_items("incidents-by-area", datetime_=f"{since}/.."))
    assert set(recent) == {world.area_a.pk, world.area_a_sub.pk, world.area_a2.pk}
    assert recent[world.area_a_sub.pk]["properties"]["count"] == 2
    assert recent[world.area_a.pk]["properties"]["count"] == 2  # Centrum counts its sub-area Torget
    assert recent[world.area_a2.pk]["properties"]["count"] == 1
    klotter = category("skadegorelse.klotter")
    assert recent[world.area_a_sub.pk]["properties"]["by_category"] == {(klotter.parent or klotter).name: 2}
    assert "description" not in recent[world.area_a_sub.pk]["properties"]  # counts only, never an incident's text
    every = by_id(gis.collection_items("incidents-by-area"))
    assert every[world.area_a_sub.pk]["properties"]["count"] == 3
    before = by_id(gis.collection_items("incidents-by-area", datetime_=f"../{since}"))
    assert before[world.area_a_sub.pk]["properties"]["count"] == 1

    cells = gis.collection_items("incidents-by-hexagon", bbox=[17.62, 59.19, 17.63, 59.20], resolution=9,
                                 datetime_=f"{since}/{TODAY.isoformat()}")
    assert [f["properties"]["count"] for f in cells["features"]] == [2]
    cell = cells["features"][0]
    assert cell["properties"]["resolution"] == 9 and shape(cell["geometry"]).contains(
        shape({"type": "Point", "coordinates": [TORGET[1], TORGET[0]]}))
    assert gis.collection_item("incidents-by-hexagon", cell["id"])["properties"]["count"] == 3  # all time
    everywhere = gis.collection_items("incidents-by-hexagon", resolution=7)
    assert sum(f["properties"]["count"] for f in everywhere["features"]) == 4  # Alice's four, not Carol's one


@live
def test_pages_follow_the_next_link_without_gaps_or_repeats(world, live_server):
    headers = bearer(world.alice)
    gis = client(live_server, headers)
    first = gis.collection_items("areas", limit=1)
    seen, page = [], first
    while True:
        seen += [f["id"] for f in page["features"]]
        assert page["numberReturned"] == len(page["features"]) <= 1
        following = [link["href"] for link in page["links"] if link["rel"] == "next"]
        if not following:
            break
        response = requests.get(following[0], headers=headers, timeout=10)
        assert response.status_code == 200 and response.headers["Content-Type"] == "application/geo+json"
        page = response.json()
    assert first["numberMatched"] == 3
    assert sorted(seen) == sorted({world.area_a.pk, world.area_a_sub.pk, world.area_a2.pk})
    assert any(link["rel"] == "prev" for link in page["links"])


@live
def test_another_organisations_token_reads_nothing_of_the_first(world, live_server):
    report(world, TORGET)
    promise(world, "Tryggare torg", public=False, area=world.area_a_sub)
    headers = bearer(world.carol)
    gis = client(live_server, headers)
    assert ids(gis.collection_items("areas")) == {world.area_b.pk}
    assert ids(gis.collection_items("areas", bbox=[17.6, 59.18, 17.7, 59.25])) == set()
    assert ids(gis.collection_items("incidents-by-area")) == {world.area_b.pk}
    assert gis.collection_items("incidents-by-hexagon")["features"] == []
    assert gis.collection_items("medborgarloften")["features"] == []  # Alice's promise is not public
    base = f"{live_server.url}/ogc/collections"
    for path in (f"areas/items/{world.area_a.pk}", f"incidents-by-area/items/{world.area_a_sub.pk}"):
        response = requests.get(f"{base}/{path}", headers=headers, timeout=10)
        assert response.status_code == 404 and response.json()["code"] == "NotFound"
        assert "Torget" not in response.text and "Centrum" not in response.text
    alices = client(live_server, bearer(world.alice)).collection_items("incidents-by-hexagon")["features"][0]["id"]
    assert requests.get(f"{base}/incidents-by-hexagon/items/{alices}", headers=headers, timeout=10).status_code == 404


@live
def test_the_public_promises_need_no_token_and_the_rest_answer_401(world, live_server):
    shown = promise(world, "Tryggare torg", area=world.area_a_sub, partners=[world.police])
    plans.activity_add(actor=world.alice, promise=shown, description="Mer belysning vid torget")
    promise(world, "Internt utkast", public=False)
    promise(world, "Grannstads löfte", owner=world.kommun_b)
    anonymous = client(live_server)
    assert anonymous.feature_collections() == ["medborgarloften"]
    found = by_id(anonymous.collection_items("medborgarloften"))
    assert {f["properties"]["title"] for f in found.values()} == {"Tryggare torg", "Grannstads löfte"}
    torget = found[shown.pk]["properties"]
    assert torget["municipality"] == "Exempelstad kommun" and torget["kommunkod"] == "0180"
    assert torget["area"] == "Torget" and torget["activities"][0]["description"] == "Mer belysning vid torget"
    assert shape(found[shown.pk]["geometry"]).bounds == pytest.approx((17.62, 59.19, 17.63, 59.20))
    one = anonymous.collection_items("medborgarloften", kommunkod="0180")
    assert ids(one) == {shown.pk}
    assert ids(anonymous.collection_items("medborgarloften", bbox=[17.8, 59.1, 17.9, 59.3])) == set()

    base = f"{live_server.url}/ogc/collections"
    for path in ("areas", "areas/items", f"areas/items/{world.area_a.pk}", "incidents-by-area/items",
                 "incidents-by-hexagon/items", "hotspots/items"):
        response = requests.get(f"{base}/{path}", timeout=10)
        assert response.status_code == 401, path
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["code"] == "NotAuthenticated"
    secret = bearer(world.alice)["Authorization"].split()[1]
    in_address = requests.get(f"{base}/areas/items", params={"token": secret}, timeout=10)
    assert in_address.status_code == 400 and "Authorization" in in_address.json()["description"]
    bad = requests.get(f"{base}/areas/items", headers={"Authorization": "Bearer samtrygg_nonsense"}, timeout=10)
    assert bad.status_code == 401


@live
def test_the_landing_page_conformance_and_definition_are_as_the_standard_says(world, live_server):
    gis = client(live_server)
    rels = {link["rel"]: link for link in gis.links}
    assert {"self", "service-desc", "conformance", "data"} <= set(rels)
    assert rels["service-desc"]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert set(gis.conformance()["conformsTo"]) == {CORE, GEOJSON, OAS30}
    definition = gis.api()
    assert definition["openapi"].startswith("3.0")
    assert "/collections/{collectionId}/items" in definition["paths"]
    assert set(definition["components"]["parameters"]["collectionId"]["schema"]["enum"]) == COLLECTIONS

    response = requests.get(f"{live_server.url}/ogc/collections/medborgarloften/items", timeout=10)
    assert response.headers["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["timeStamp"].endswith("Z")
    assert {"numberMatched", "numberReturned", "features", "links"} <= set(body)
    self_link = next(link for link in body["links"] if link["rel"] == "self")
    assert self_link["type"] == "application/geo+json" and "/ogc/collections/medborgarloften/items" in self_link["href"]
    described = client(live_server, bearer(world.alice)).collection("areas")
    assert described["itemType"] == "feature"
    assert described["extent"]["spatial"]["bbox"] == [[17.6, 59.18, 17.7, 59.25]]
    assert {link["rel"] for link in described["links"]} == {"self", "items"}


# --- the rules, with Django's test client -----------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(("query", "parameter"), [
    ("bbox=1,2,3", "bbox"), ("bbox=17.7,59.1,17.6,59.2", "bbox"), ("bbox=a,b,c,d", "bbox"),
    ("datetime=yesterday", "datetime"), ("datetime=../..", "datetime"),
    ("datetime=2026-05-01/2026-04-01", "datetime"), ("limit=0", "limit"), ("limit=many", "limit"),
    ("offset=-1", "offset"), ("resolution=11", "resolution"), ("f=html", "f"),
    ("bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3006", "bbox-crs"),
])
def test_it_names_the_parameter_it_cannot_use(world, client, query, parameter):
    response = client.get(f"/ogc/collections/incidents-by-hexagon/items?{query}", headers=bearer(world.alice))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "InvalidParameterValue" and body["description"].startswith(f"{parameter}:")


@pytest.mark.django_db
def test_limit_is_capped_and_unknown_things_are_json_404s(world, client):
    headers = bearer(world.alice)
    response = client.get("/ogc/collections/areas/items?limit=50000", headers=headers)
    assert response.status_code == 200
    next_links = [link for link in response.json()["links"] if link["rel"] == "next"]
    assert next_links == []
    for path in ("/ogc/collections/incidents/items", "/ogc/collections/areas/items/abc", "/ogc/nothing",
                 "/ogc/collections/incidents-by-hexagon/items/zz", "/ogc/collections/hotspots/items/1-1-abc"):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 404 and answer.json()["code"] == "NotFound", path
    assert client.post("/ogc/collections/areas/items", headers=headers).status_code == 405


@pytest.mark.django_db
def test_hot_spots_of_adopted_lagesbilder_are_a_layer_for_their_readers_only(world, client):
    rng = random.Random(5)
    for _ in range(60):  # thin background over Centrum
        report(world, where=(rng.uniform(59.181, 59.219), rng.uniform(17.601, 17.699)), hours_ago=rng.uniform(1, 1900))
    rng = random.Random(6)
    for _ in range(100):  # a planted cluster in Torget
        report(world, where=(TORGET[0] + rng.uniform(-0.002, 0.002), TORGET[1] + rng.uniform(-0.003, 0.003)),
               hours_ago=rng.uniform(1, 1900))
    period = (TODAY - timedelta(days=89), TODAY)
    draft = lagesbild.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Centrum",
                                       period_start=period[0], period_end=period[1])
    headers = bearer(world.alice)
    assert client.get("/ogc/collections/hotspots/items", headers=headers).json()["features"] == []  # a draft
    lagesbild.lagesbild_submit(actor=world.alice, lagesbild=draft)
    lagesbild.lagesbild_adopt(actor=world.alice, lagesbild=draft, decided_on=TODAY, decided_by="Kommunstyrelsen")

    body = client.get("/ogc/collections/hotspots/items", headers=headers).json()
    assert body["numberMatched"] == len(body["features"]) > 0
    strongest = max(body["features"], key=lambda f: f["properties"]["grade"])
    assert strongest["properties"]["level"] == 99 and strongest["properties"]["lagesbild"] == draft.pk
    centre = shape({"type": "Point", "coordinates": [TORGET[1], TORGET[0]]})
    assert any(shape(f["geometry"]).contains(centre) for f in body["features"])  # the cluster's centre is hot
    one = client.get(f"/ogc/collections/hotspots/items/{strongest['id']}", headers=headers)
    assert one.status_code == 200 and one.json()["properties"] == strongest["properties"]
    earlier = f"../{(period[0] - timedelta(days=1)).isoformat()}"
    assert client.get(f"/ogc/collections/hotspots/items?datetime={earlier}", headers=headers).json()[
        "features"] == []
    far = client.get("/ogc/collections/hotspots/items?bbox=17.8,59.18,17.9,59.22", headers=headers).json()
    assert far["features"] == []

    carol = bearer(world.carol)
    assert client.get("/ogc/collections/hotspots/items", headers=carol).json()["features"] == []
    assert client.get(f"/ogc/collections/hotspots/items/{strongest['id']}", headers=carol).status_code == 404


def test_datetime_takes_dates_as_whole_swedish_days_and_date_times_as_instants():
    stockholm = timezone.get_current_timezone()
    day = params.parse_datetime_parameter("2026-03-02")
    assert day == (datetime(2026, 3, 2, tzinfo=stockholm), datetime(2026, 3, 3, tzinfo=stockholm))
    start, end = params.parse_datetime_parameter("2026-03-02T10:00:00Z/2026-03-31")
    assert start == datetime(2026, 3, 2, 10, tzinfo=UTC) and end == datetime(2026, 4, 1, tzinfo=stockholm)
    assert params.parse_datetime_parameter("../2026-03-31")[0] is None
    assert params.parse_datetime_parameter("2026-03-02/..")[1] is None
    instant = params.parse_datetime_parameter("2026-03-02T10:00:00+01:00")
    assert instant[0] == datetime(2026, 3, 2, 9, tzinfo=UTC) and instant[1] - instant[0] == timedelta(microseconds=1)
