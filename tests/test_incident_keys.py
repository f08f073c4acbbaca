"""The incident table's keys (owner, category, area, reported_by) stay valid without PostgreSQL's per-row
foreign-key triggers: migration 0015_keys checks them once per statement, on both sides. On SQLite the declared
constraints remain; there the tests check only what Django's on_delete rules do, which hold on both."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from personas import make_area
from reporting import category, report
from samtrygg.incidents.models import Incident

pytestmark = pytest.mark.django_db
postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="PostgreSQL's keys are checked by migration 0015's triggers; SQLite's by "
                                       "its declared constraints")

INSERT = ("INSERT INTO incidents_incident (owner_id, reported_by_id, category_id, area_id, occurred_from, "
          "place_type, description, source, reported_to_police, status, external_id, photo, created_at, updated_at) "
          "SELECT %s, %s, %s, %s, now() - make_interval(hours => g), '', '', 'egen', 'vet_ej', 'ny', '', '', now(), "
          "now() FROM generate_series(1, %s) g")


def insert(world, n=1, **keys):
    values = {"owner": world.kommun_a.pk, "reported_by": world.bob.pk,
              "category": category("skadegorelse.klotter").pk, "area": world.area_a.pk} | keys
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(INSERT, [values["owner"], values["reported_by"], values["category"], values["area"], n])


def refused(statement):
    with pytest.raises(IntegrityError, match="points at no row|pointing at no row"), transaction.atomic():
        statement()


@postgresql
def test_writing_incidents_whose_keys_point_nowhere_is_refused(world):
    count = Incident.objects.count()
    insert(world, n=500)  # valid keys, nullable ones empty or not
    insert(world, n=3, area=None, reported_by=None)
    assert Incident.objects.count() == count + 503
    for key in ("owner", "category", "area", "reported_by"):
        refused(lambda key=key: insert(world, n=1000, **{key: 987654}))  # one set-based check per statement
    assert Incident.objects.count() == count + 503  # nothing of the refused statements stayed
    incident = report(world)
    for field in ("owner_id", "category_id", "area_id", "reported_by_id"):
        refused(lambda field=field: Incident.objects.filter(pk=incident.pk).update(**{field: 987654}))
    Incident.objects.filter(pk=incident.pk).update(area=None, reported_by=None)  # empty is allowed where nullable
    refused(lambda: Incident.objects.filter(pk=incident.pk).update(category_id=987654, status="klar"))


@postgresql
def test_deleting_or_renumbering_what_incidents_point_at_is_refused(world):
    incident = report(world)
    klotter = category("skadegorelse.klotter")
    tables = {"accounts_organisation": incident.owner_id, "incidents_category": klotter.pk,
              "areas_area": incident.area_id, "accounts_user": incident.reported_by_id}
    for table, pk in tables.items():
        def delete(table=table, pk=pk):
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608 - constant names

        def renumber(table=table, pk=pk):
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET id = 987654 WHERE id = %s", [pk])  # noqa: S608

        refused(delete)
        refused(renumber)
    # What no incident points at goes; an update that keeps the id (every login updates the user) is not checked.
    spare = make_area(world.kommun_a, "Tom", (17.60, 59.26, 17.61, 59.27))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM areas_area WHERE id = %s", [spare.pk])
        cursor.execute("UPDATE accounts_user SET last_login = now() WHERE id = %s", [incident.reported_by_id])
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_djangos_rules_still_hold_when_what_incidents_point_at_is_deleted(world):
    incident = report(world, where=(59.195, 17.625))
    with pytest.raises(ProtectedError):
        category("skadegorelse.klotter").delete()
    world.area_a_sub.delete()  # SET_NULL, then the delete: allowed
    world.bob.delete()
    incident.refresh_from_db()
    assert incident.area_id is None and incident.reported_by_id is None
