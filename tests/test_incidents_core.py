"""Incidents: the national categories, reporting with the privacy guard, automatic area and cell, status
history, scoped reads (own, granted, revoked) and the shared filters."""

from datetime import UTC, datetime, timedelta

import h3
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from reporting import NORR, TORGET, category, report
from samtrygg.access import Access, Action
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import selectors, services
from samtrygg.incidents.filters import IncidentFilter
from samtrygg.incidents.models import Category, Incident, StatusChange
from samtrygg.incidents.taxonomy import national_rows
from samtrygg.lib import cells
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import DataKind

pytestmark = pytest.mark.django_db





def test_every_installation_has_the_national_categories():
    codes = set(Category.objects.filter(owner__isnull=True).values_list("code", flat=True))
    assert codes == {row[0] for row in national_rows()}
    assert category("skadegorelse.klotter").parent == category("skadegorelse")
    assert str(category("skadegorelse.klotter")) == "Skadegörelse: Klotter"


def test_a_report_gets_the_smallest_area_and_its_cell(world):
    incident = report(world, description="Klotter på fasaden vid busshållplatsen, ca 2 m².")
    assert incident.area == world.area_a_sub
    assert incident.cell == h3.str_to_int(h3.latlng_to_cell(*TORGET, cells.CELL_RESOLUTION))
    assert report(world, NORR).area == world.area_a2
    assert incident.status == "ny" and not incident.status_changes.exists()
    entry = AuditEntry.objects.get(object_type="incidents.incident", object_id=str(incident.pk), action="create")
    assert entry.organisation == world.kommun_a and entry.actor == world.bob


@pytest.mark.parametrize(("text", "kind"), [
    ("Personen med personnummer 19121212-1212 klottrade", "personnummer"),
    ("nr 811218-9876 sågs", "personnummer"),
    ("samordningsnummer 701063-2391", "samordningsnummer"),
])
def test_a_text_with_an_identity_number_is_refused_without_echoing_it(world, text, kind):
    with pytest.raises(ValidationError) as caught:
        report(world, description=text)
    messages = caught.value.message_dict["description"]
    assert any(kind in m for m in messages)
    assert not any(digits in m for m in messages for digits in ("1212", "9876", "2391"))
    assert not Incident.objects.exists()


def test_dates_phone_numbers_and_amounts_are_not_refused(world):
    incident = report(world, description="Skada 2024-05-12, kostnad 12 500 kr, ring 08-123 456 78 vid frågor.")
    assert incident.pk


@pytest.mark.parametrize(("fields", "field"), [
    ({"occurred_from": timezone.now() + timedelta(days=1)}, "occurred_from"),
    ({"occurred_to": timezone.now() - timedelta(days=3)}, "occurred_to"),
])
def test_bad_times_are_refused(world, fields, field):
    with pytest.raises(ValidationError) as caught:
        report(world, **fields)
    assert field in caught.value.message_dict


def test_a_place_outside_sweden_or_no_place_at_all_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        report(world, where=(17.625, 59.195))  # latitude and longitude swapped
    assert "lat" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.incident_create(actor=world.bob, owner=world.kommun_a, category=category("ovrigt"),
                                 occurred_from=timezone.now())
    assert "area" in caught.value.message_dict
    # An area alone is enough (a reporter who chooses the district instead of a point).
    assert services.incident_create(actor=world.bob, owner=world.kommun_a, category=category("ovrigt"),
                                    occurred_from=timezone.now(), area=world.area_a2).cell is None


def test_another_organisations_own_category_cannot_be_used(world):
    theirs = Category.objects.create(owner=world.kommun_b, code="egen", name="Grannstads egen")
    with pytest.raises(ValidationError) as caught:
        report(world, category=theirs)
    assert "category" in caught.value.message_dict


def test_moving_the_point_moves_the_area_and_changes_are_audited(world):
    incident = report(world)
    services.incident_update(actor=world.alice, incident=incident, lat=NORR[0], lon=NORR[1])
    incident.refresh_from_db()
    assert incident.area == world.area_a2
    entry = AuditEntry.objects.get(object_type="incidents.incident", object_id=str(incident.pk), action="update")
    assert set(entry.changes) >= {"lat", "lon", "area", "cell"}


def test_status_changes_keep_their_history(world):
    first, second = report(world), report(world, NORR)
    assert services.incidents_set_status(actor=world.alice, incidents=[first, second], status="hanteras") == 2
    assert services.incidents_set_status(actor=world.alice, incidents=[first], status="hanteras") == 0
    services.incidents_set_status(actor=world.alice, incidents=[first], status="atgardad", note="Sanerat")
    history = list(StatusChange.objects.filter(incident=first).values_list("from_status", "to_status", "note"))
    assert history == [("ny", "hanteras", ""), ("hanteras", "atgardad", "Sanerat")]


def test_reads_are_scoped_to_own_and_granted_incidents(world):
    in_torget, in_norr = report(world), report(world, NORR)
    theirs = report(world, (59.20, 17.85), actor=world.carol, owner=world.kommun_b)
    police = Access(world.dave)
    assert set(selectors.incidents(Access(world.alice))) == {in_torget, in_norr}
    assert set(selectors.incidents(Access(world.carol))) == {theirs}
    assert not selectors.incidents(police).exists()

    grant = sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police,
                                 kind=DataKind.INCIDENTS, access="read", areas=[world.area_a])
    assert set(selectors.incidents(police)) == {in_torget}  # Torget lies in the shared Centrum
    assert not selectors.incidents(police, Action.CHANGE).exists()  # read only
    sharing.grant_revoke(actor=world.alice, grant=grant)
    assert not selectors.incidents(Access(world.dave)).exists()


def test_the_filters_follow_category_and_area_trees_and_text(world):
    klotter = report(world, description="Klotter på skolans vägg")
    glas = report(world, NORR, category=category("skadegorelse.glaskross"), description="Krossad ruta")
    brand = report(world, category=category("brand.anlagd"))
    access = Access(world.alice)

    def filtered(**data):
        f = IncidentFilter(data, queryset=selectors.incidents(access), access=access)
        assert f.is_valid(), f.errors
        return set(f.qs)

    assert filtered(category=[category("skadegorelse").pk]) == {klotter, glas}
    assert filtered(area=[world.area_a.pk]) == {klotter, brand}
    assert filtered(q="skolans") == {klotter}
    assert filtered(status=["ny"]) == {klotter, glas, brand}
    # An area the user cannot see is not a valid choice (the filter never widens the scope).
    f = IncidentFilter({"area": [world.area_b.pk]}, queryset=selectors.incidents(access), access=access)
    assert not f.is_valid()


def test_the_period_is_in_local_days(world):
    """A period runs from the start of its first to the end of its last day in Swedish time (stored in UTC)."""
    local = timezone.get_current_timezone()
    before = report(world, occurred_from=datetime(2026, 5, 31, 23, 59, tzinfo=local))  # 21:59 UTC
    first = report(world, occurred_from=datetime(2026, 6, 1, 0, 30, tzinfo=local))  # 22:30 UTC on 31 May
    last = report(world, occurred_from=datetime(2026, 6, 30, 23, 30, tzinfo=local))
    after = report(world, occurred_from=datetime(2026, 7, 1, 0, 10, tzinfo=local))  # 22:10 UTC on 30 June
    access = Access(world.alice)
    f = IncidentFilter({"period_from": "2026-06-01", "period_to": "2026-06-30"},
                       queryset=selectors.incidents(access), access=access)
    assert set(f.qs) == {first, last}
    f = IncidentFilter({"period_to": "2026-05-31"}, queryset=selectors.incidents(access), access=access)
    assert set(f.qs) == {before}
    assert after.occurred_from.astimezone(UTC).date().isoformat() == "2026-06-30"  # in UTC it is still June


@pytest.mark.parametrize("resolution", [5, 7, 9])
def test_coarser_cells_computed_in_sql_match_h3(world, resolution):
    incident = report(world)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cells.parent_sql('cell', resolution)} FROM incidents_incident WHERE id = %s",  # noqa: S608 - integers only
                       [incident.pk])
        (in_sql,) = cursor.fetchone()
    expected = h3.str_to_int(h3.cell_to_parent(h3.int_to_str(incident.cell), resolution))
    assert in_sql == expected == cells.parent(incident.cell, resolution)


def test_aggregates_count_every_visible_incident_once(world):
    from collections import Counter

    from samtrygg.incidents import aggregates

    when = timezone.make_aware(timezone.datetime(2026, 3, 2, 22, 30))  # a Monday, 22:30 Stockholm time
    made = [report(world, TORGET, occurred_from=when), report(world, TORGET, occurred_from=when),
            report(world, NORR, occurred_from=when - timedelta(days=40), category=category("brand.anlagd"))]
    report(world, (59.20, 17.85), actor=world.carol, owner=world.kommun_b)  # not visible to Alice
    visible = selectors.incidents(Access(world.alice))

    expected = Counter(cells.parent(i.cell, 7) for i in made)
    assert dict(aggregates.by_cell(visible, 7)) == expected
    assert sorted(aggregates.by_area(visible)) == sorted([(world.area_a_sub.pk, "Torget", 2),
                                                         (world.area_a2.pk, "Norr", 1)])
    assert aggregates.by_category(visible, main=True) == [(category("skadegorelse").pk, "Skadegörelse", 2),
                                                          (category("brand").pk, "Brand", 1)]
    assert aggregates.by_period(visible, "month") == [("2026-01-01", 1), ("2026-03-01", 2)]
    matrix = aggregates.by_hour_and_weekday(visible)
    assert matrix[0][22] == 2 and sum(map(sum, matrix)) == 3


def test_an_incident_is_named_by_its_swedish_time_as_the_pages_show_it(world):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from reporting import report

    incident = report(world, occurred_from=datetime(2026, 7, 1, 8, 0, tzinfo=ZoneInfo("UTC")))
    assert str(incident).endswith("2026-07-01 10:00")  # summer time: UTC+2 (the audit log names it so)
