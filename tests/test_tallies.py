"""The tallies (incidents.models.Tally, kept by incidents.tallies' triggers) equal direct counts of the incidents
after any sequence of writes — single saves, bulk inserts, queryset updates and deletes, an area's deletion, the
importer — on SQLite and PostgreSQL; every aggregate gives the same counts from a tally as from the incidents; and
the migration's frozen SQL is what the code writes."""

import io
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personas import make_area
from samtrygg.access import Access
from samtrygg.incidents import aggregates, importing, tallies
from samtrygg.incidents.migrations import _0017_tallies_sql as frozen
from samtrygg.incidents.models import (
    Category,
    CellTally,
    CoarseCellTally,
    FinePlaceTally,
    HourTally,
    Incident,
    MonthHourTally,
    MonthPlaceTally,
    MonthTally,
    PlaceTally,
    WeekHourTally,
)
from samtrygg.incidents.query import IncidentQuery, Period
from samtrygg.lib import cells

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Moments where local month, weekday and hour are easy to get wrong: around both daylight-saving changes of 2025
# (30 March 01:00 UTC, 26 October 01:00 UTC), midnight at a month's end in winter and summer, a leap day.
MOMENTS = [
    datetime(2025, 3, 30, 0, 30, tzinfo=UTC), datetime(2025, 3, 30, 1, 0, tzinfo=UTC),
    datetime(2025, 3, 30, 1, 30, tzinfo=UTC), datetime(2025, 10, 26, 0, 30, tzinfo=UTC),
    datetime(2025, 10, 26, 1, 0, tzinfo=UTC), datetime(2025, 10, 26, 1, 30, tzinfo=UTC),
    datetime(2025, 1, 31, 22, 59, 59, tzinfo=UTC), datetime(2025, 1, 31, 23, 0, tzinfo=UTC),
    datetime(2025, 6, 30, 21, 59, tzinfo=UTC), datetime(2025, 6, 30, 22, 0, 0, 1, tzinfo=UTC),
    datetime(2024, 2, 29, 12, 0, tzinfo=UTC), datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
]
POINTS = [None, (59.195, 17.625), (59.1951, 17.6251), (59.20, 17.66), (59.235, 17.65), (59.20, 17.85)]


def expected(model) -> Counter:
    """The tally counted in Python from the incidents, independently of the triggers' SQL."""
    found = Counter()
    for owner, area, category, cell, when in Incident.objects.values_list(
            "owner_id", "area_id", "category_id", "cell", "occurred_from"):
        local = when.astimezone(STOCKHOLM)
        values = {"owner": owner, "area": area, "category": category, "month": local.date().replace(day=1),
                  "weekday": local.isoweekday(), "hour": local.hour,
                  "cell": None if cell is None else cells.parent(cell, model.RESOLUTION or cells.CELL_RESOLUTION)}
        found[tuple(values[name] for name in model.dimensions())] += 1
    return found


def stored(model) -> Counter:
    fields = [f"{name}_id" if name in ("owner", "area", "category") else name for name in model.dimensions()]
    found = Counter()
    for *key, n in model.objects.values_list(*fields, "n"):
        assert n > 0, f"{model.__name__} keeps an empty row {key}"
        assert tuple(key) not in found, f"{model.__name__} has {key} twice"
        found[tuple(key)] = n
    return found


def assert_exact():
    for model in tallies.TALLIES:
        assert stored(model) == expected(model), model.__name__
    assert not any(tallies.differences().values())


class Places:
    def __init__(self, world):
        self.world = world
        self.owners = [world.kommun_a, world.forvaltning_a, world.police]
        self.areas = [None, world.area_a, world.area_a_sub, world.area_a2]
        self.categories = list(Category.objects.filter(owner__isnull=True).order_by("pk")[:4])

    def incident(self, owner, area, category, moment, point) -> Incident:
        lat, lon = point if point else (None, None)
        return Incident(owner=self.owners[owner], area=self.areas[area], category=self.categories[category],
                        occurred_from=MOMENTS[moment], lat=lat, lon=lon,
                        cell=cells.cell_for(lat, lon) if point else None)


incident_args = st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, 3),
                          st.integers(0, len(MOMENTS) - 1), st.sampled_from(POINTS))
operations = st.lists(st.one_of(
    st.tuples(st.just("create"), incident_args),
    st.tuples(st.just("bulk"), st.lists(incident_args, min_size=1, max_size=6)),
    st.tuples(st.just("move"), st.integers(0, 50), st.sampled_from(["owner", "area", "category", "moment", "point"]),
              incident_args),
    st.tuples(st.just("regroup"), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("delete_category"), st.integers(0, 3)),
    st.tuples(st.just("untouched"), st.integers(0, 50)),
), min_size=1, max_size=8)


def apply(places: Places, operation) -> None:
    kind, *args = operation
    existing = list(Incident.objects.order_by("pk"))
    if kind == "create":
        places.incident(*args[0]).save()
    elif kind == "bulk":
        Incident.objects.bulk_create([places.incident(*a) for a in args[0]])
    elif kind == "move" and existing:
        incident, field, (owner, area, category, moment, point) = existing[args[0] % len(existing)], *args[1:]
        if field == "owner":
            incident.owner = places.owners[owner]
        elif field == "area":
            incident.area = places.areas[area]
        elif field == "category":
            incident.category = places.categories[category]
        elif field == "moment":
            incident.occurred_from = MOMENTS[moment]
        else:
            incident.lat, incident.lon = point if point else (None, None)
            incident.cell = cells.cell_for(*point) if point else None
        incident.save()
    elif kind == "regroup":  # one UPDATE statement over many rows: all of one category into an area
        Incident.objects.filter(category=places.categories[args[0]]).update(area=places.areas[args[1]])
    elif kind == "delete" and existing:
        existing[args[0] % len(existing)].delete()
    elif kind == "delete_category":  # one DELETE statement over many rows
        Incident.objects.filter(category=places.categories[args[0]]).delete()
    elif kind == "untouched" and existing:  # a change of no counted column leaves the tallies as they are
        Incident.objects.filter(pk=existing[args[0] % len(existing)].pk).update(
            description="Klotter", status="hanteras")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_tallies_equal_direct_counts_after_any_writes(world, sequence):
    places = Places(world)
    for operation in sequence:
        apply(places, operation)
    assert_exact()


def test_an_area_deleted_moves_its_incidents_to_no_area_in_every_tally(world):
    places = Places(world)
    Incident.objects.bulk_create([places.incident(0, 3, c, m, POINTS[2]) for c in range(3) for m in range(4)])
    world.area_a2.delete()  # incidents: area SET NULL (one UPDATE), then the area row goes
    assert Incident.objects.filter(area__isnull=True).count() == 12
    assert_exact()


HEADER = "Id;Kategori;Tid;Slut;Latitud;Longitud;Platstyp;Beskrivning;Källa;Polisanmäld;Kostnad;Status\r\n"


def test_an_import_is_tallied_in_its_own_transaction(world):
    """The importer's bulk write (COPY on PostgreSQL) updates the tallies, and a refused import leaves them."""
    rows = "".join(f"T-{i};Klotter;2025-03-{1 + i % 28:02d} {i % 24:02d}:15;;59,19{i % 10};17,62{i % 7};;;;;;\r\n"
                   for i in range(400))
    report = importing.import_file(actor=world.alice, owner=world.kommun_a, file=io.BytesIO(
        (HEADER + rows).encode("cp1252")), filename="handelser.csv", commit=True)
    assert report.created == 400
    assert_exact()
    assert sum(MonthTally.objects.values_list("n", flat=True)) == 400
    bad = HEADER + rows.replace("T-", "U-") + "U-x;Klotter;inte en tid;;;;;;;;;\r\n"
    refused = importing.import_file(actor=world.alice, owner=world.kommun_a, file=io.BytesIO(bad.encode("cp1252")),
                                    filename="handelser.csv", commit=True)
    assert not refused.committed and refused.errors
    assert sum(MonthTally.objects.values_list("n", flat=True)) == 400
    assert_exact()


def test_rebuild_recounts_what_the_triggers_kept(world):
    places = Places(world)
    Incident.objects.bulk_create([places.incident(o, a, c, m, POINTS[1 + m % 5])
                                  for o in range(3) for a in range(4) for c in range(2) for m in range(0, 12, 3)])
    before = {model: stored(model) for model in tallies.TALLIES}
    MonthTally.objects.all().delete()
    HourTally.objects.filter(pk__in=HourTally.objects.values("pk")[:3]).update(n=99)
    call_command("tallies", "--rebuild", "--check", stdout=io.StringIO())
    assert {model: stored(model) for model in tallies.TALLIES} == before
    assert_exact()


def test_every_aggregate_counts_alike_from_the_tally_and_the_incidents(world):
    places = Places(world)
    Incident.objects.bulk_create([places.incident(o, a, c, m, POINTS[(o + a + m) % 6])
                                  for o in range(3) for a in range(4) for c in range(4) for m in range(12)])
    access = Access(world.alice)
    for query in (IncidentQuery(access), IncidentQuery(access, Period(date(2025, 1, 1), date(2025, 12, 31))),
                  IncidentQuery(access, Period(date(2025, 3, 1), date(2025, 3, 31)), areas=[world.area_a.pk]),
                  IncidentQuery(access, categories=[places.categories[1].pk], owners=[world.kommun_a.pk])):
        incidents = query.queryset()
        for by in ((), ("category", "month")):  # the smallest tally that can, and the one with every dimension
            assert aggregates.total(query.tally(by=by)) == aggregates.total(incidents) > 0
            assert aggregates.by_area(query.tally(by=by)) == aggregates.by_area(incidents)
            assert aggregates.by_owner(query.tally(by=by)) == aggregates.by_owner(incidents)
            hours = query.tally(hours=True, by=by)
            assert aggregates.by_hour_and_weekday(hours) == aggregates.by_hour_and_weekday(incidents)
            for resolution in (5, 7, 8, 9, 10):
                tally = query.tally(resolution=resolution, by=by)
                if tally is None:
                    assert resolution == 10 and (by or query.period or query.categories)
                    continue
                assert aggregates.by_cell(tally, resolution) == aggregates.by_cell(incidents, resolution)
        by_category = query.tally(by=("category",))
        assert aggregates.by_category(by_category, main=True) == aggregates.by_category(incidents, main=True)
        assert aggregates.by_category(by_category) == aggregates.by_category(incidents)
        assert aggregates.by_period(query.tally(by=("month",))) == aggregates.by_period(incidents)
        for resolution in (5, 7, 8, 9):
            tally = query.tally(resolution=resolution, by=("month",))
            assert (aggregates.by_cell_and_period(tally, resolution) ==
                    aggregates.by_cell_and_period(incidents, resolution))


def test_no_tally_answers_what_it_cannot_count_exactly(world):
    access = Access(world.alice)
    assert IncidentQuery(access, Period(date(2025, 3, 2), date(2025, 3, 31))).tally() is None  # not whole months
    assert IncidentQuery(access, since=datetime(2025, 3, 1, tzinfo=UTC)).tally() is None
    assert IncidentQuery(access).tally(resolution=10) is None  # finer than any tally with categories and months
    assert IncidentQuery(access).tally(resolution=9, hours=True) is None
    assert IncidentQuery(access, Period(date(2024, 2, 1), date(2024, 2, 29))).tally().model is MonthTally


def test_a_reader_gets_the_smallest_tally_that_counts_what_it_groups_and_narrows_by(world):
    access, year = Access(world.alice), Period(date(2025, 1, 1), date(2025, 12, 31))
    category = Category.objects.filter(owner__isnull=True).first().pk
    picked = {
        (IncidentQuery(access), (), None, False): WeekHourTally,
        (IncidentQuery(access), (), None, True): WeekHourTally,
        (IncidentQuery(access), ("category",), None, False): MonthTally,
        (IncidentQuery(access, year), (), None, False): MonthTally,
        (IncidentQuery(access, year), (), None, True): MonthHourTally,
        (IncidentQuery(access, categories=[category]), (), None, True): HourTally,
        (IncidentQuery(access), (), 8, False): PlaceTally,
        (IncidentQuery(access), (), 10, False): FinePlaceTally,
        (IncidentQuery(access, year), (), 8, False): MonthPlaceTally,
        (IncidentQuery(access, year), (), 7, False): CoarseCellTally,
        (IncidentQuery(access, categories=[category]), (), 8, False): CellTally,
        (IncidentQuery(access), ("month",), 9, False): MonthPlaceTally,
    }
    for (query, by, resolution, hours), model in picked.items():
        assert query.tally(by=by, resolution=resolution, hours=hours).model is model, (query, by, resolution)
    assert IncidentQuery(access, year).tally(resolution=10, by=()) is None
    assert Period(date(2025, 1, 1), date(2025, 1, 31)).whole_months
    assert not Period(date(2025, 1, 1), date(2025, 1, 30)).whole_months
    assert Period(date(2025, 1, 1), date(2025, 1, 30) + timedelta(days=1)).whole_months


def test_a_users_scope_is_the_same_on_the_tally(world):
    """Another municipality's incidents are in no count the tally gives: the scope is access.scope's, as for rows."""
    places = Places(world)
    Incident.objects.bulk_create([places.incident(0, 1, 0, m, POINTS[1]) for m in range(6)])
    Incident.objects.create(owner=world.kommun_b, area=world.area_b, category=places.categories[0],
                            occurred_from=MOMENTS[0], lat=59.2, lon=17.85, cell=cells.cell_for(59.2, 17.85))
    assert aggregates.total(IncidentQuery(Access(world.carol)).tally()) == 1
    assert aggregates.total(IncidentQuery(Access(world.alice)).tally()) == 6
    extra = make_area(world.kommun_b, "Utanför", (17.80, 59.18, 17.81, 59.19))
    assert aggregates.total(IncidentQuery(Access(world.carol), areas=[extra.pk]).tally()) == 0


def test_the_migration_installed_what_the_code_writes():
    """A change to the tallies' SQL needs a migration of its own that installs it (and freezes it like 0012)."""
    vendor = connection.vendor
    assert tallies.install_sql(vendor) == getattr(frozen, f"{vendor.upper()}_INSTALL")
    assert tallies.rebuild_sql(vendor) == getattr(frozen, f"{vendor.upper()}_REBUILD")


def test_on_postgresql_a_write_is_read_once_per_largest_tally_and_the_rest_summed_from_those():
    """tallies.sources: only the tallies no other counts for are counted from the written rows (three reads of a
    COPY's million rows, not nine); each other one from a larger tally that counts by all it does, cells no
    coarser (the property test above checks the sums on PostgreSQL)."""
    found = tallies.sources()
    assert set(found) == set(tallies.TALLIES)
    assert {model for model, source in found.items() if source is None} == {CellTally, HourTally, FinePlaceTally}
    for model, source in found.items():
        if source is not None:
            assert set(model.dimensions()) <= set(source.dimensions())
            assert model.RESOLUTION is None or source.RESOLUTION >= model.RESOLUTION
            assert tallies.TALLIES.index(source) > tallies.TALLIES.index(model)  # larger, counted before
    assert found[PlaceTally] is FinePlaceTally and found[WeekHourTally] is MonthHourTally  # the smallest that covers
