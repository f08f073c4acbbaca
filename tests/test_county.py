"""The county level: a länsstyrelse with four member municipalities in Västmanland (real kommunkoder and real
boundaries). Three share their counts and one does not; small counts are hidden and stay hidden against
differencing (totals minus parts, two years, an area and its sub-area); a hot spot planted across the border of
Västerås and Hallstahammar is found whole by the county's Gi* and by neither municipality alone."""

import random
from datetime import UTC, datetime

import h3
import numpy as np
import pytest
import shapely
from django.urls import reverse
from django.utils import timezone
from h3.api import basic_int
from shapely.geometry import mapping, shape

from personas import PASSWORD, make_area
from samtrygg.access import Access
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.analysis import hexgrid
from samtrygg.analysis.crossborder import find
from samtrygg.analysis.disclosure import Relation, exposed, suppress
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.county import collaboration, geography, publication, services, statistics
from samtrygg.county.models import AggregateShare, ShareKind
from samtrygg.incidents.models import Category, Incident
from samtrygg.indicators import formats
from samtrygg.indicators import services as indicator_services
from samtrygg.indicators.formats.base import RECORD
from samtrygg.lib import cells as lib_cells
from samtrygg.publishing import figures
from samtrygg.reference import boundaries, kommuner

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1
NAMES = {"1980": "Västerås", "1961": "Hallstahammar", "1907": "Surahammar", "1983": "Köping"}


class County:
    def __init__(self):
        self.lst = accounts.organisation_create(actor=None, name="Länsstyrelsen i Västmanlands län",
                                                type=OrgType.LANSSTYRELSE)
        self.analyst = accounts.user_create(actor=None, username="lina", password=PASSWORD, organisation=self.lst,
                                            role=Role.SAMORDNARE)
        self.region = services.region_save(actor=self.analyst, organisation=self.lst, county_code="19")
        self.kommun = {code: accounts.organisation_create(actor=None, name=f"{name} kommun", type=OrgType.KOMMUN,
                                                          kommunkod=code) for code, name in NAMES.items()}
        self.member = {code: services.member_add(actor=None, region=self.region, municipality=org)
                       for code, org in self.kommun.items()}
        self.coordinator = accounts.user_create(actor=None, username="vera", password=PASSWORD,
                                                organisation=self.kommun["1980"], role=Role.SAMORDNARE)
        self.reader = accounts.user_create(actor=None, username="rolf", password=PASSWORD,
                                           organisation=self.kommun["1983"], role=Role.LASARE)
        for code in ("1980", "1961", "1907"):
            services.share_create(actor=None, member=self.member[code], kind=ShareKind.AREA_COUNTS)
        for code in ("1980", "1961"):
            services.share_create(actor=None, member=self.member[code], kind=ShareKind.CELL_COUNTS)


@pytest.fixture
def county(db):
    return County()


def category(code: str) -> Category:
    return Category.objects.get(owner__isnull=True, code=code)


def add(owner, n: int, code: str, *, year: int = YEAR, where=None, area=None, cells_at=None):
    """n incidents of category `code` in `year`, at `where` (lat, lon), or at the centres of `cells_at`."""
    cat = category(code)
    points = [h3.cell_to_latlng(h3.int_to_str(c)) for c in cells_at] if cells_at else [where or (59.61, 16.55)] * n
    rows = []
    for k, (lat, lon) in enumerate(points):
        rows.append(Incident(owner=owner, category=cat, occurred_from=datetime(year, 1 + k % 12, 10, 12, tzinfo=UTC),
                             lat=lat, lon=lon, cell=lib_cells.cell_for(lat, lon), area=area))
    Incident.objects.bulk_create(rows)


def all_shown(table: publication.Publication) -> list[int]:
    found = [table.county_total, *table.county_trend]
    for row in table.members:
        found += [row.total, *row.categories, *(v for _n, v in row.areas), *row.trend]
    return [v for v in found if v is not None]


# --- suppression, as a reader would attack it ---------------------------------------------------------------

def test_random_tables_leak_no_small_count():
    """300 random county tables (members × categories and members × areas under one total): after suppression no
    count from 1 to k − 1 can be pinned or narrowed to 1..k − 1 by any combination of what is shown."""
    for seed in range(300):
        rng = random.Random(seed)
        values, relations = {}, []
        members = [f"m{i}" for i in range(rng.randint(2, 6))]
        for m in members:
            cats = [(m, "c", j) for j in range(rng.randint(1, 5))]
            values.update({c: rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for c in cats})
            values[m] = sum(values[c] for c in cats)
            areas = [(m, "a", j) for j in range(rng.randint(1, 4))]
            values.update(dict.fromkeys(areas, 0))
            for _ in range(values[m]):
                values[rng.choice(areas)] += 1
            relations += [Relation(m, tuple(cats)), Relation(m, tuple(areas))]
        values["county"] = sum(values[m] for m in members)
        relations.append(Relation("county", tuple(members)))
        hidden = suppress(values, relations, 5)
        assert all(not 0 < v < 5 for key, v in values.items() if key not in hidden)
        assert exposed(values, relations, hidden, 5) == {}, seed


def test_a_total_minus_the_parts_shown_gives_nothing_back():
    values = {"county": 60, "a": 30, "b": 27, "c": 3}
    relations = [Relation("county", ("a", "b", "c"))]
    hidden = suppress(values, relations, 5)
    assert "c" in hidden and len(hidden & {"a", "b"}) == 1  # a second member hidden beside the small one
    assert exposed(values, relations, hidden, 5) == {}
    # without the second suppression the subtraction would pin it
    assert exposed(values, relations, {"c"}, 5) == {"c": (3.0, 3.0)}


# --- the dashboard --------------------------------------------------------------------------------------------

def test_three_members_share_and_the_fourth_shows_nowhere(county, client):
    add(county.kommun["1980"], 120, "skadegorelse.klotter")
    add(county.kommun["1980"], 40, "brand.anlagd")
    add(county.kommun["1961"], 60, "skadegorelse.klotter")
    add(county.kommun["1961"], 2, "hot-vald.hot")  # small: hidden
    add(county.kommun["1907"], 3, "skadegorelse.klotter")  # a small member: hidden, and one more with it
    add(county.kommun["1983"], 77, "stold.cykel")  # Köping does not share
    client.force_login(county.analyst)
    response = client.get(reverse("county:dashboard", args=[county.region.pk]), {"year": YEAR})
    assert response.status_code == 200
    table = response.context["table"]
    assert [row.name for row in table.members] == ["Surahammar kommun", "Hallstahammar kommun", "Västerås kommun"]
    assert table.not_sharing == 1
    page = response.content.decode()
    incidents_part = page.split('id="incidents-heading"')[1].split('id="hotspots-heading"')[0]
    assert "Köping" not in incidents_part
    assert all(v == 0 or v >= 5 for v in all_shown(table))
    surahammar = next(r for r in table.members if r.name.startswith("Surahammar"))
    assert surahammar.total is None  # 3 < k
    shown_totals = sum(r.total for r in table.members if r.total is not None)
    assert table.county_total is None  # else this total before and after Surahammar shares would give its 3
    assert shown_totals > 0
    hallstahammar = next(r for r in table.members if r.name.startswith("Hallstahammar"))
    assert None in hallstahammar.categories and 2 not in hallstahammar.categories
    assert "(dold)" in page  # the hidden numbers say so to a screen reader


def test_two_years_and_an_area_with_its_sub_area_reveal_no_hidden_count(county):
    """What a reader could combine: both years' tables (and so the trend), every total and part. The members' areas
    are published as filed under their top-level areas, so a sub-area's small count never appears, not even as a
    difference of two areas."""
    centrum = make_area(county.kommun["1961"], "Centrum", (16.20, 59.60, 16.25, 59.63))
    torget = make_area(county.kommun["1961"], "Torget", (16.21, 59.61, 16.22, 59.62), parent=centrum)
    add(county.kommun["1961"], 40, "skadegorelse.klotter", area=centrum)
    add(county.kommun["1961"], 3, "skadegorelse.klotter", area=torget)
    add(county.kommun["1961"], 9, "skadegorelse.klotter")
    add(county.kommun["1961"], 4, "skadegorelse.klotter", year=YEAR - 1)
    add(county.kommun["1980"], 50, "inbrott.bostad", year=YEAR - 1)
    add(county.kommun["1980"], 6, "inbrott.bostad")
    add(county.kommun["1907"], 1, "stold.cykel")
    values, relations, hidden = {}, [], set()
    for year in (YEAR, YEAR - 1):
        v, h, counts, shared = publication.year_table(county.region, year)
        ids = [m.municipality_id for m in shared]
        values.update({(year, key): n for key, n in v.items()})
        hidden |= {(year, key) for key in h}
        relations += [Relation((year, r.parent), tuple((year, c) for c in r.children))
                      for r in publication.tables(v, ids, counts)]
    assert exposed(values, relations, hidden, 5) == {}
    table = publication.publish(county.region, YEAR)
    hallstahammar = next(r for r in table.members if r.name.startswith("Hallstahammar"))
    assert [name for name, _v in hallstahammar.areas] == ["Centrum", ""]  # Torget is counted in Centrum
    assert dict(hallstahammar.areas)["Centrum"] == 43
    assert hallstahammar.trend[-2:] == [None, 52]  # last year's 4 is hidden, in the trend as in its own table
    assert all(v == 0 or v >= 5 for v in all_shown(table))


def test_sharing_is_opt_in_per_kind_revocable_and_audited(county, client):
    client.force_login(county.coordinator)
    member = county.member["1980"]
    share = AggregateShare.objects.active().get(member=member, kind=ShareKind.CELL_COUNTS)
    response = client.post(reverse("county:revoke", args=[share.pk]))
    assert response.status_code == 302
    assert not AggregateShare.objects.active().filter(member=member, kind=ShareKind.CELL_COUNTS).exists()
    response = client.post(reverse("county:share", args=[member.pk]), {"kind": ShareKind.COLLABORATION})
    assert AggregateShare.objects.active().filter(member=member, kind=ShareKind.COLLABORATION).exists()
    entries = AuditEntry.objects.filter(object_type="county.aggregateshare")
    assert {(e.action, e.organisation_id) for e in entries if e.actor_id == county.coordinator.pk} >= {
        (AuditAction.REVOKE, county.kommun["1980"].pk), (AuditAction.REVOKE, county.lst.pk),
        (AuditAction.GRANT, county.kommun["1980"].pk), (AuditAction.GRANT, county.lst.pk)}
    # a reader of a member cannot share, and nobody shares for another municipality
    client.force_login(county.reader)
    assert client.post(reverse("county:share", args=[county.member["1983"].pk]),
                       {"kind": ShareKind.AREA_COUNTS}).status_code == 404
    assert client.post(reverse("county:share", args=[member.pk]), {"kind": ShareKind.AREA_COUNTS}).status_code == 404
    assert not AggregateShare.objects.active().filter(member=county.member["1983"]).exists()


def test_who_sees_the_dashboard(county, client, world):
    url = reverse("county:dashboard", args=[county.region.pk])
    client.force_login(county.reader)  # a member's reader sees the county's picture
    assert client.get(url).status_code == 200
    client.force_login(world.alice)  # an administrator elsewhere sees nothing of the region
    assert client.get(url).status_code == 404
    assert client.get(reverse("county:settings", args=[county.region.pk])).status_code == 404
    client.force_login(county.coordinator)  # a member's coordinator does not administer the region
    assert client.get(reverse("county:settings", args=[county.region.pk])).status_code == 404


# --- hot spots across a border --------------------------------------------------------------------------------

def planted(seed: int = 0):
    """Background incidents spread over Västerås and Hallstahammar, and a thin hot spot along their border: three
    adjacent border cells on Västerås's side with two incidents each, and one incident in each cell facing them in
    Hallstahammar. Whether each side alone reaches significance depends on the background's draw: with this seed
    neither does (as with 8 of the first 12 seeds), while the county always finds the whole spot."""
    ga, gb = boundaries()["1980"], boundaries()["1961"]
    resolution = hexgrid.resolution_for(mapping(shapely.union_all([shape(ga), shape(gb)])))
    ca, cb = hexgrid.region_cells(ga, resolution), hexgrid.region_cells(gb, resolution)
    in_b = set(cb.tolist())
    border = [c for c in ca.tolist() if any(n in in_b for n in basic_int.grid_ring(c, 1))]
    line = [border[len(border) // 2]]
    while len(line) < 3:  # grow along the border
        line.append(next(n for c in line for n in basic_int.grid_ring(c, 1) if n in border and n not in line))
    facing = sorted({n for c in line for n in basic_int.grid_ring(c, 1) if n in in_b})
    rng = np.random.default_rng(seed)
    background = {"1980": rng.choice(ca, 1000).tolist(), "1961": rng.choice(cb, 1000 * len(cb) // len(ca)).tolist()}
    plant = {"1980": line * 2, "1961": facing}
    return resolution, background, plant


def test_a_hot_spot_across_a_border_is_found_whole_by_the_county_and_by_neither_alone():
    resolution, background, plant = planted()
    ga, gb = boundaries()["1980"], boundaries()["1961"]
    counts = {"1980": {}, "1961": {}}
    for code in counts:
        for c in background[code] + plant[code]:
            counts[code][c] = counts[code].get(c, 0) + 1
    together = {c: counts["1980"].get(c, 0) + counts["1961"].get(c, 0) for c in {*counts["1980"], *counts["1961"]}}
    planted_cells = set(plant["1980"]) | set(plant["1961"])
    _result, clusters = find([ga, gb], ["Västerås", "Hallstahammar"], together, resolution)
    on_plant = [c for c in clusters if set(c.cells) & planted_cells]
    assert len(on_plant) == 1 and on_plant[0].places == ["Hallstahammar", "Västerås"]
    assert set(plant["1980"]) & set(on_plant[0].cells) and set(plant["1961"]) & set(on_plant[0].cells)
    for code, geometry in (("1980", ga), ("1961", gb)):
        _r, alone = find([geometry], [NAMES[code]], counts[code], resolution)
        assert not [c for c in alone if set(c.cells) & planted_cells], code


def test_the_dashboard_shows_the_cross_border_hot_spot(county):
    resolution, background, plant = planted()
    for code in ("1980", "1961"):
        add(county.kommun[code], 0, "skadegorelse.klotter", cells_at=background[code] + plant[code])
    spots = geography.county_hotspots(county.region, YEAR)
    assert spots.resolution == resolution
    assert sorted(spots.members) == ["Hallstahammar kommun", "Västerås kommun"]
    crossing = [c for c in spots.clusters if c.crosses_border]
    assert len(crossing) == 1 and set(crossing[0].cells) & set(plant["1980"])
    shown = spots.figure.data["cells"]
    assert all(cell["value"] == 0 or cell["value"] >= 5 for cell in shown)


# --- statistics -----------------------------------------------------------------------------------------------

def import_kolada_for_all() -> None:
    """A Kolada series for every municipality, the county 19 and Sweden, last year and the year before."""
    parsed = formats.Parsed(file="test", format="kolada", source=formats.KOLADA, unit=RECORD)
    parsed.series["N07403"] = formats.SeriesInfo(formats.KOLADA, "N07403", "Anmälda våldsbrott", unit="per 100 000")
    for year in (YEAR - 1, YEAR):
        for n, code in enumerate(sorted(kommuner()) + ["L19", "R00"]):
            parsed.rows.append(formats.Row(line=len(parsed.rows) + 1, series="N07403", period=str(year),
                                           period_start=datetime(year, 1, 1).date(), value=500 + n + (year - YEAR),
                                           region_code=code, sets=("value",)))
    indicator_services.import_national(parsed, user=None, region_codes=None)


def test_the_choropleth_draws_all_290_municipalities(county):
    import_kolada_for_all()
    access = Access(county.analyst)
    series = statistics.national_series(access).get()
    ranking = statistics.ranking(access, county.region, series, list(county.kommun.values()))
    assert ranking.period == str(YEAR) and ranking.previous_period == str(YEAR - 1)
    assert [r.kommunkod for r in ranking.rows] == sorted(NAMES, key=lambda c: -sorted(kommuner()).index(c))
    assert ranking.county_name == "Västmanlands län" and ranking.riket is not None
    assert all(r.change == 1 for r in ranking.rows)
    sweden = ranking.figures[-1]
    assert len(sweden.data["regions"]) == 290 and all(r["value"] is not None for r in sweden.data["regions"])
    assert sum(r["highlight"] for r in sweden.data["regions"]) == 4
    svg = figures.render(sweden, "svg").decode()
    assert svg.count("<path") >= 290
    png = figures.render(ranking.figures[0], "png")
    assert png.startswith(b"\x89PNG")


# --- the collaboration map ------------------------------------------------------------------------------------

def test_the_collaboration_map_shows_only_what_members_share(county, client):
    from datetime import timedelta

    from samtrygg.meetings import services as meetings
    from samtrygg.meetings.models import GroupKind
    from samtrygg.plans import services as plans

    police = accounts.organisation_create(actor=None, name="Polisområde Västmanland", type=OrgType.LOKALPOLISOMRADE)
    today = timezone.localdate()
    period = {"period_start": today - timedelta(days=100), "period_end": today + timedelta(days=300)}
    for code in ("1980", "1961", "1983"):
        plans.agreement_save(actor=None, owner=county.kommun[code], parties=[police], title=f"Avtal {code}",
                             focus_areas=["Klotter"], **period)
    group = meetings.group_save(actor=None, owner=county.kommun["1980"], kind=GroupKind.EST, name="EST Centrum",
                                area=make_area(county.kommun["1980"], "Centrum", (16.5, 59.6, 16.6, 59.65)))
    meetings.function_save(actor=None, group=group, organisation=police, title="Kommunpolis")
    for code in ("1980", "1961"):
        services.share_create(actor=None, member=county.member[code], kind=ShareKind.COLLABORATION)
    found = collaboration.collaboration_map(county.region, today)
    assert [w.name for w in found.members] == ["Hallstahammar kommun", "Västerås kommun"]
    vasteras = found.members[1]
    assert [a.title for a in vasteras.agreements] == ["Avtal 1980"] and vasteras.agreements[0].parties == [
        "Polisområde Västmanland"]
    assert [(g.name, g.organisations) for g in vasteras.groups] == [("EST Centrum", ["Polisområde Västmanland"])]
    assert found.common_partners == [("Polisområde Västmanland", ["Hallstahammar kommun", "Västerås kommun"])]
    assert found.not_sharing == 2
    client.force_login(county.reader)  # Köping's reader sees the map, without Köping's own agreement
    page = client.get(reverse("county:collaboration", args=[county.region.pk])).content.decode()
    assert "Avtal 1980" in page and "Avtal 1961" in page and "Avtal 1983" not in page


def test_the_dashboard_names_national_categories_in_the_readers_language(county, client):
    add(county.kommun["1980"], 30, "skadegorelse.klotter")
    add(county.kommun["1961"], 30, "brand.anlagd")
    client.force_login(county.analyst)
    url = reverse("county:dashboard", args=[county.region.pk])
    client.cookies["django_language"] = "en"
    english = client.get(url, {"year": YEAR}).context["table"].categories
    client.cookies["django_language"] = "sv"
    swedish = client.get(url, {"year": YEAR}).context["table"].categories
    assert "Vandalism" in english and "Skadegörelse" not in english
    assert "Skadegörelse" in swedish and "Vandalism" not in swedish
    assert "Skadegörelse" in publication.publish(county.region, YEAR).categories  # documents and the API: stored
