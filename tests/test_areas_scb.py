"""SCB's small areas: DeSO and RegSO boundaries from a GeoPackage (and GeoJSON) in SCB's layout, their population
from a PxWebApi JSON-stat2 answer, and incidents per 1,000 residents per DeSO in the lägesbild."""

import http.server
import io
import json
import threading
from datetime import timedelta
from itertools import product

import numpy as np
import pytest
import shapely
from django.core.management import call_command
from django.utils import timezone, translation
from pyogrio.raw import write
from pyproj import Transformer
from shapely.geometry import box, mapping

from reporting import TORGET, report
from samtrygg.access import OrganisationAccess
from samtrygg.areas import scb
from samtrygg.areas.models import Area, AreaKind
from samtrygg.areas.services import ImportRejected
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.query import Period
from samtrygg.lagesbild.gather import Scope, gather
from samtrygg.lagesbild.sections import incidents_section
from samtrygg.lib import geo
from samtrygg.publishing.document import Table

TO_SWEREF = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)

# Exempelstad (kommun 0180; its area Centrum is 17.60–17.70 E, 59.18–59.22 N) in three DeSO and two RegSO, and one
# DeSO of the neighbouring municipality 0181.
DESO = {
    "0180C1010": ("0180", (17.60, 59.18, 17.65, 59.20)),  # holds Torget
    "0180C1020": ("0180", (17.65, 59.18, 17.70, 59.20)),
    "0180C1030": ("0180", (17.60, 59.20, 17.70, 59.22)),
    "0181A0010": ("0181", (17.80, 59.18, 17.90, 59.22)),
}
REGSO = {
    "0180R001": ("0180", "Centrum södra", (17.60, 59.18, 17.70, 59.20)),
    "0180R002": ("0180", "Centrum norra", (17.60, 59.20, 17.70, 59.22)),
}


def sweref(bounds) -> shapely.Geometry:
    """A WGS 84 box as SCB draws it: a MultiPolygon in SWEREF 99 TM metres."""
    return shapely.MultiPolygon([shapely.transform(box(*bounds), lambda x, y: TO_SWEREF.transform(x, y),
                                                   interleaved=False)])


def gpkg(path, layer, shapes, columns: dict[str, list]):
    """A GeoPackage as SCB publishes it: one layer, EPSG:3006, MultiPolygon, SCB's attribute names."""
    write(str(path), np.array([shapely.to_wkb(s) for s in shapes], dtype=object),
          [np.array(values, dtype=object) for values in columns.values()], list(columns), driver="GPKG",
          layer=layer, geometry_type="MultiPolygon", crs="EPSG:3006")
    return path.read_bytes()


def deso_gpkg(tmp_path, codes=tuple(DESO), shapes=None):
    """DeSO_2025's layout: desokod, regsokod, kommunkod, kommunnamn, lanskod, lannamn."""
    shapes = shapes or {}
    return gpkg(tmp_path / "DeSO_2025.gpkg", "DeSO_2025", [shapes.get(c) or sweref(DESO[c][1]) for c in codes], {
        "desokod": list(codes), "regsokod": [""] * len(codes), "kommunkod": [DESO[c][0] for c in codes],
        "kommunnamn": ["Exempelstad" if DESO[c][0] == "0180" else "Grannstad" for c in codes],
        "lanskod": ["01"] * len(codes), "lannamn": ["Stockholms län"] * len(codes),
    })


def regso_gpkg(tmp_path):
    codes = list(REGSO)
    return gpkg(tmp_path / "RegSO_2025.gpkg", "RegSO_2025", [sweref(REGSO[c][2]) for c in codes], {
        "regsokod": codes, "regsonamn": [REGSO[c][1] for c in codes], "kommunkod": [REGSO[c][0] for c in codes],
        "kommunnamn": ["Exempelstad"] * len(codes), "lanskod": ["01"] * len(codes),
    })


def jsonstat(totals: dict[str, dict[str, int | None]], *, kon=("1", "2", "1+2")) -> bytes:
    """PxWebApi's json-stat2 answer for BE0101/BE0101Y/FolkmDesoAldKon: Region × Alder × Kon × ContentsCode × Tid,
    row-major, with the totals (Alder "totalt", Kon "1+2") given and the parts made up around them."""
    regions = list(totals)
    years = sorted({y for by_year in totals.values() for y in by_year})
    ages = ["totalt", "-4", "5-9"]

    def value(region, age, sex, year):
        total = totals[region].get(year)
        if total is None:
            return None
        if age != "totalt":
            total = total // 10
        men = total * 49 // 100
        return {"1": men, "2": total - men, "1+2": total}[sex]

    labels = {"1": "män", "2": "kvinnor", "1+2": "totalt"}
    return json.dumps({
        "version": "2.0", "class": "dataset",
        "label": "Folkmängden per region efter region, ålder, kön, tabellinnehåll och år", "source": "SCB",
        "updated": "2025-02-20T07:00:00Z",
        "id": ["Region", "Alder", "Kon", "ContentsCode", "Tid"],
        "size": [len(regions), len(ages), len(kon), 1, len(years)],
        "dimension": {
            "Region": {"label": "region", "category": {"index": {r: k for k, r in enumerate(regions)},
                                                       "label": {r: r for r in regions}}},
            "Alder": {"label": "ålder", "category": {"index": {a: k for k, a in enumerate(ages)},
                                                     "label": {"totalt": "totalt", "-4": "0-4 år", "5-9": "5-9 år"}}},
            "Kon": {"label": "kön", "category": {"index": {s: k for k, s in enumerate(kon)},
                                                 "label": {s: labels[s] for s in kon}}},
            "ContentsCode": {"label": "tabellinnehåll", "category": {
                "index": {"000007Y7": 0}, "label": {"000007Y7": "Folkmängd"}, "unit": {"000007Y7": {
                    "base": "antal", "decimals": 0}}}},
            "Tid": {"label": "år", "category": {"index": {y: k for k, y in enumerate(years)},
                                                "label": {y: y for y in years}}},
        },
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "value": [value(r, a, s, y) for r, a, s, _c, y in product(regions, ages, kon, ["000007Y7"], years)],
    }).encode()


POPULATION = {
    "0180": {"2023": 3900, "2024": 4000},  # the municipality itself: not one of the areas
    "0180C1010": {"2023": 1990, "2024": None},  # DeSO 2018's code for the same area: the 2025 version wins
    "0180C1010_DeSO2025": {"2023": None, "2024": 2000},
    "0180C1020_DeSO2025": {"2023": 480, "2024": 500},
    "0180C1030_DeSO2025": {"2023": 1430, "2024": 1500},
    "0181A0010_DeSO2025": {"2023": 900, "2024": 950},
    "0180R001": {"2023": 2470, "2024": 2500},
}


@pytest.mark.django_db
def test_it_imports_the_municipalitys_deso_from_scbs_geopackage(world, tmp_path):
    result = scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=deso_gpkg(tmp_path), kind="deso")
    assert (len(result.created), len(result.updated), result.unchanged, result.other_municipalities) == (3, 0, 0, 1)
    desos = Area.objects.filter(owner=world.kommun_a, kind=AreaKind.DESO).order_by("code")
    assert [a.code for a in desos] == ["0180C1010", "0180C1020", "0180C1030"]
    first = desos[0]
    assert first.name == "0180C1010" and first.parent == world.area_a  # under the municipality's area
    assert (first.min_lon, first.min_lat, first.max_lon, first.max_lat) == pytest.approx((17.60, 59.18, 17.65, 59.20),
                                                                                         abs=1e-6)
    assert AuditEntry.objects.filter(action="create", object_type="areas.area").count() >= 3


@pytest.mark.django_db
def test_a_second_import_changes_nothing_and_a_changed_boundary_updates_by_code(world, tmp_path):
    data = deso_gpkg(tmp_path)
    scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=data, kind="deso")
    before = Area.objects.count(), AuditEntry.objects.count()
    again = scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=data, kind="deso")
    assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, 3)
    assert (Area.objects.count(), AuditEntry.objects.count()) == before
    moved = deso_gpkg(tmp_path, shapes={"0180C1020": sweref((17.65, 59.18, 17.69, 59.20))})
    changed = scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=moved, kind="deso")
    assert (len(changed.created), len(changed.updated), changed.unchanged) == (0, 1, 2)
    assert Area.objects.get(owner=world.kommun_a, code="0180C1020").max_lon == pytest.approx(17.69, abs=1e-6)
    assert Area.objects.count() == before[0]


@pytest.mark.django_db
def test_deso_lie_under_the_regso_that_holds_them_in_either_order(world, tmp_path):
    scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=deso_gpkg(tmp_path), kind="deso")
    result = scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=regso_gpkg(tmp_path), kind="regso")
    assert len(result.created) == 2 and result.relinked == 3
    south = Area.objects.get(owner=world.kommun_a, kind=AreaKind.REGSO, code="0180R001")
    assert south.name == "Centrum södra" and south.parent == world.area_a
    assert {a.code for a in south.children.all()} == {"0180C1010", "0180C1020"}
    assert Area.objects.get(code="0180C1030").parent.code == "0180R002"
    # A DeSO imported after its RegSO goes straight under it; the re-import leaves the tree as it is.
    again = scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=deso_gpkg(tmp_path), kind="deso")
    assert again.unchanged == 3


@pytest.mark.django_db
def test_it_imports_scbs_geojson_with_deso_2018s_attribute_names(world):
    features = [{"type": "Feature", "properties": {"deso": code, "kommun": kommun, "kommunnamn": "Exempelstad",
                                                   "lan": "01", "lannamn": "Stockholms län", "version": "2018_v2"},
                 "geometry": mapping(sweref(bounds))} for code, (kommun, bounds) in DESO.items()]
    data = json.dumps({"type": "FeatureCollection", "name": "DeSO_2018_v2",
                       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
                       "features": features}).encode()
    result = scb.areas_import_scb(actor=world.alice, owner=world.kommun_b, data=data, kind="deso")
    assert [a.code for a in result.created] == ["0181A0010"] and result.other_municipalities == 3
    area = result.created[0]
    assert (area.min_lon, area.max_lat) == pytest.approx((17.80, 59.22), abs=1e-6)


@pytest.mark.django_db
def test_a_broken_geometry_is_named_by_its_code_and_nothing_is_written(world, tmp_path):
    a, b = TO_SWEREF.transform(17.65, 59.18), TO_SWEREF.transform(17.70, 59.20)
    bowtie = shapely.MultiPolygon([shapely.Polygon([a, b, (b[0], a[1]), (a[0], b[1]), a])])
    codes = ("0180C1010", "0180C1020", "0180C1030")
    data = deso_gpkg(tmp_path, codes=codes, shapes={"0180C1020": bowtie})
    before = Area.objects.count(), AuditEntry.objects.count()
    with translation.override("en"), pytest.raises(ImportRejected) as exc:
        scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=data, kind="deso")
    with translation.override("en"):
        messages = [str(e) for e in exc.value.errors]
    assert len(messages) == 1
    assert "Feature 2 (0180C1020)" in messages[0] and "Self-intersection" in messages[0]
    assert (Area.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("columns, message", [
    ({"name": ["x"]}, "no attribute desokod / deso"),
    ({"desokod": ["0180X99"], "kommunkod": ["0180"]}, "“0180X99” is not a DeSO"),
])
def test_it_names_what_is_wrong_with_the_attributes(world, tmp_path, columns, message):
    data = gpkg(tmp_path / "bad.gpkg", "DeSO_2025", [sweref(DESO["0180C1010"][1])], columns)
    with translation.override("en"), pytest.raises(ImportRejected) as exc:
        scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=data, kind="deso")
    with translation.override("en"):
        assert message in str(exc.value.errors[0])


@pytest.mark.django_db
def test_population_comes_from_the_total_of_the_json_stat2_answer(world, tmp_path):
    scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=deso_gpkg(tmp_path), kind="deso")
    scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=regso_gpkg(tmp_path), kind="regso")
    result = scb.areas_set_population(actor=world.alice, owner=world.kommun_a, data=jsonstat(POPULATION))
    assert (result.year, result.matched, result.changed) == ("2024", 4, 4)
    assert result.without_figure == ["0180R002"]  # not in the answer
    assert result.unused == 2  # the municipality 0180 and the neighbour's DeSO
    populations = dict(Area.objects.filter(owner=world.kommun_a).exclude(code="").values_list("code", "population"))
    assert populations == {"0180C1010": 2000, "0180C1020": 500, "0180C1030": 1500, "0180R001": 2500,
                           "0180R002": None}
    assert Area.objects.get(code="0180C1010").population_year == 2024
    again = scb.areas_set_population(actor=world.alice, owner=world.kommun_a, data=jsonstat(POPULATION))
    assert again.changed == 0
    older = scb.areas_set_population(actor=world.alice, owner=world.kommun_a, data=jsonstat(POPULATION), year="2023")
    assert Area.objects.get(code="0180C1010").population == 1990  # only DeSO 2018's code has a 2023 figure
    assert older.year == "2023" and Area.objects.get(code="0180C1020").population == 480


@pytest.mark.django_db
def test_a_table_without_a_total_category_is_summed(world, tmp_path):
    scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=deso_gpkg(tmp_path), kind="deso")
    scb.areas_set_population(actor=world.alice, owner=world.kommun_a, data=jsonstat(POPULATION, kon=("1", "2")))
    assert Area.objects.get(code="0180C1030").population == 1500  # men and women added up


@pytest.mark.parametrize("data, message", [
    (b"[]", "not a JSON-stat2 dataset"),
    (jsonstat(POPULATION).replace(b'"size": [7', b'"size": [6'), "malformed"),
])
def test_it_refuses_what_is_not_a_population_table(data, message):
    with translation.override("en"), pytest.raises(ImportRejected) as exc:
        scb.read_population(data)
    assert message in str(exc.value.errors[0])


def test_a_year_not_in_the_answer_is_named():
    with translation.override("en"), pytest.raises(ImportRejected) as exc:
        scb.read_population(jsonstat(POPULATION), year="2019")
    assert "2019" in str(exc.value.errors[0]) and "2023, 2024" in str(exc.value.errors[0])


def _incidents(world, where, n):
    for k in range(n):
        report(world, where=where, hours_ago=2 + k)


@pytest.mark.django_db
def test_the_lagesbild_gives_incidents_per_1000_residents_per_deso(world, tmp_path, monkeypatch):
    scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=deso_gpkg(tmp_path), kind="deso")
    scb.areas_set_population(actor=world.alice, owner=world.kommun_a, data=jsonstat(POPULATION))
    _incidents(world, TORGET, 4)  # 0180C1010, filed under Torget
    _incidents(world, (59.19, 17.68), 2)  # 0180C1020
    _incidents(world, (59.21, 17.65), 3)  # 0180C1030
    assert Area.objects.get(pk=report(world).area_id) == world.area_a_sub  # still filed under Torget, not its DeSO
    today = timezone.localdate()
    scope = Scope(OrganisationAccess(world.kommun_a), world.area_a, Period(today - timedelta(days=30), today), [],
                  "0180")
    data = gather(scope, outside_data=False)
    assert data.area_rates == [("0180C1010", 5, 2000), ("0180C1020", 2, 500), ("0180C1030", 3, 1500)]
    assert data.population == 4000  # Centrum has none of its own: the sum of its DeSO
    # Which DeSO holds each cell is remembered for these outlines: the next gathering locates no cell again ...
    located = []
    original = geo.AreaLocator.locate_cells
    monkeypatch.setattr(geo.AreaLocator, "locate_cells", lambda self, cells: located.append(cells) or original(
        self, cells))
    assert gather(scope, outside_data=False).area_rates == data.area_rates and located == []
    # ... until an outline is written anew (another key; here the same shape with its first corner twice)
    deso = Area.objects.get(owner=world.kommun_a, code="0180C1030")
    outline = json.loads(deso.geometry)
    ring = outline["coordinates"][0] if outline["type"] == "Polygon" else outline["coordinates"][0][0]
    ring.insert(1, ring[0])
    deso.geometry = json.dumps(outline)
    deso.save()
    assert gather(scope, outside_data=False).area_rates == data.area_rates and located
    with translation.override("sv"):
        section = incidents_section(data, police=False)
    table = next(b for b in section.blocks if isinstance(b, Table) and b.columns[0] == "DeSO")
    assert table.rows[0] == ["0180C1020", 2, 500, pytest.approx(4.0)]
    assert [row[0] for row in table.rows] == ["0180C1020", "0180C1010", "0180C1030"]
    assert [row[3] for row in table.rows] == pytest.approx([4.0, 2.5, 2.0])


@pytest.mark.django_db
def test_the_analysis_compares_areas_per_resident_with_their_deso_population(world, tmp_path):
    from samtrygg.lagesbild.explore import explore

    scb.areas_import_scb(actor=world.alice, owner=world.kommun_a, data=deso_gpkg(tmp_path), kind="deso")
    _incidents(world, TORGET, 8)
    today = timezone.localdate()
    sections = explore(OrganisationAccess(world.kommun_a), area=world.area_a, period_from=today - timedelta(days=30),
                       period_to=today, category=[], compare_area=world.area_b)
    rows = next(s for s in sections if s.key == "jamforelse").blocks[0].rows
    assert rows[0][:3] == ["Centrum", 8, None]  # not every DeSO has a population yet: no rate
    scb.areas_set_population(actor=world.alice, owner=world.kommun_a, data=jsonstat(POPULATION))
    sections = explore(OrganisationAccess(world.kommun_a), area=world.area_a, period_from=today - timedelta(days=30),
                       period_to=today, category=[], compare_area=world.area_b)
    rows = next(s for s in sections if s.key == "jamforelse").blocks[0].rows
    assert rows[0] == ["Centrum", 8, 4000, pytest.approx(2.0)]
    assert rows[1][:3] == ["Grannstad C", 0, 12000]


@pytest.mark.django_db
def test_the_commands_import_boundaries_from_a_file_and_population_from_an_address(world, tmp_path):
    deso_gpkg(tmp_path)
    out = io.StringIO()
    call_command("import-scb-areas", str(tmp_path / "DeSO_2025.gpkg"), org=world.kommun_a.pk, kind="deso", stdout=out)
    assert "3 created, 0 updated, 0 unchanged, 1 of other municipalities left out" in out.getvalue()
    body = jsonstat(POPULATION)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/api/v2/tables/TAB6574/data?outputFormat=json-stat2"
        out = io.StringIO()
        call_command("import-scb-population", url, org=world.kommun_a.pk, stdout=out)
    finally:
        server.shutdown()
        server.server_close()
    assert "Population 2024: 3 areas matched (3 changed)" in out.getvalue()
    assert Area.objects.get(code="0180C1020").population == 500


@pytest.mark.django_db
def test_the_page_imports_boundaries_and_population(world, login, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.alice)
    assert client.get("/areas/import/scb/").status_code == 200
    response = client.post("/areas/import/scb/", {
        "areas-owner": world.kommun_a.pk, "areas-kind": "deso",
        "areas-file": SimpleUploadedFile("DeSO_2025.gpkg", deso_gpkg(tmp_path)),
    })
    assert response.status_code == 302
    response = client.post("/areas/import/scb/population/", {
        "population-owner": world.kommun_a.pk,
        "population-file": SimpleUploadedFile("befolkning.json", jsonstat(POPULATION)),
    })
    assert response.status_code == 302
    assert Area.objects.get(code="0180C1030").population == 1500
    bad = client.post("/areas/import/scb/", {
        "areas-owner": world.kommun_a.pk, "areas-kind": "regso",
        "areas-file": SimpleUploadedFile("DeSO_2025.gpkg", deso_gpkg(tmp_path)),
    })
    page = bad.content.decode()
    assert bad.status_code == 200 and "desokod" in page and "DeSO" in page


@pytest.mark.django_db
def test_a_reporter_cannot_open_the_scb_import(world, login):
    client = login(world.bob)
    assert client.get("/areas/import/scb/").status_code == 404


@pytest.mark.django_db
def test_the_demo_imports_deso_areas_through_scbs_formats_and_its_lagesbild_shows_their_rates():
    """The demo cuts Exempelby's districts into DeSO areas, written as SCB's GeoPackage and JSON-stat2 and imported
    through the same services; its draft lägesbild then shows incidents per 1,000 residents per DeSO."""
    from samtrygg.demo.builder import build_demo
    from samtrygg.lagesbild.models import Lagesbild

    build_demo(seed=7, incidents=600)
    deso = Area.objects.filter(kind=AreaKind.DESO, owner__kommunkod="9901")
    assert deso.count() >= 16 and not deso.filter(population__isnull=True).exists()
    assert all(scb.CODE_PATTERNS[AreaKind.DESO].match(a.code) for a in deso)
    kommun = Area.objects.get(owner__kommunkod="9901", kind=AreaKind.KOMMUN)
    assert sum(deso.values_list("population", flat=True)) == pytest.approx(kommun.population, rel=0.01)
    draft = Lagesbild.objects.filter(owner__kommunkod="9901").order_by("-period_end").first()
    data = gather(Scope.of(draft))
    assert data.area_rates_kind == "deso" and len(data.area_rates) == deso.count()
    assert sum(n for _name, n, _pop in data.area_rates) > 0
