import csv
import io
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction

from samtrygg.areas import services as areas
from samtrygg.audit.models import AuditEntry


@pytest.mark.django_db
def test_create_update_delete_are_recorded_with_before_and_after(world):
    areas.area_update(actor=world.alice, area=world.area_a2, population=5000, name="Norra")
    entry = AuditEntry.objects.filter(action="update", object_id=str(world.area_a2.pk)).get()
    assert entry.changes["population"] == [None, 5000]
    assert entry.changes["name"] == ["Norr", "Norra"]
    assert entry.actor == world.alice and entry.organisation == world.kommun_a
    pk = world.area_a2.pk
    areas.area_delete(actor=world.alice, area=world.area_a2)
    deleted = AuditEntry.objects.get(action="delete", object_id=str(pk))
    assert deleted.changes["name"] == ["Norra", None]


@pytest.mark.django_db
def test_the_audit_row_is_in_the_same_transaction_as_the_change(world, monkeypatch):
    from samtrygg.areas import services as area_services
    from samtrygg.audit import services as audit_services

    def broken(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit_services, "audit_record", broken)  # the audited-write path stores through it
    with pytest.raises(RuntimeError):
        area_services.area_update(actor=world.alice, area=world.area_a2, name="Ändrad")
    world.area_a2.refresh_from_db()
    assert world.area_a2.name == "Norr"


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_change_or_delete_audit_rows(world):
    entry = AuditEntry.objects.first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_purge_permit")  # as in production: no permit
    try:
        for statement in ["UPDATE audit_auditentry SET action = 'x'", "DELETE FROM audit_auditentry"]:
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
        if connection.vendor == "postgresql":
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("TRUNCATE audit_auditentry CASCADE")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO audit_purge_permit (reason) VALUES ('test database')")
    assert AuditEntry.objects.filter(pk=entry.pk, action=entry.action).exists()
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


@pytest.mark.django_db
def test_admins_filter_and_export_their_organisations_log_only(world, login):
    areas.area_update(actor=world.carol, area=world.area_b, population=13000)
    client = login(world.alice)
    page = client.get("/audit/", {"action": "create"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Centrum" in text and "Grannstad C" not in text
    partial = client.get("/audit/", {"action": "create"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"Centrum" in partial.content
    export = client.get("/audit/export.csv", {"action": "create"})
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "tid"
    assert all(row[2] in {"Exempelstad kommun", "Socialförvaltningen"} for row in rows[1:])
    assert len(rows) > 5
    assert AuditEntry.objects.filter(action="export", actor=world.alice).exists()


@pytest.mark.django_db
def test_only_admins_see_the_log(world, login):
    assert login(world.bob).get("/audit/").status_code == 404
    assert login(world.carol).get("/audit/export.csv").status_code == 404


@pytest.mark.django_db
def test_a_two_factor_enrolment_is_recorded_in_each_of_the_persons_organisations(world, login):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samtrygg.accounts import services as accounts

    accounts.membership_set(actor=world.carol, user=world.bob, organisation=world.kommun_b, role="rapportor")
    client = login(world.bob)
    assert client.get("/accounts/two-factor/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=world.bob, confirmed=False)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post("/accounts/two-factor/setup/", {"token": code}).status_code == 302
    entries = AuditEntry.objects.filter(action="two_factor", object_id=str(world.bob.pk))
    assert sorted(e.organisation_label for e in entries) == ["Exempelstad kommun", "Grannstad kommun"]
    assert all(e.changes == {"totp": [None, "on"]} for e in entries)


@pytest.mark.django_db
def test_a_change_made_through_a_model_form_is_recorded(world, login):
    """The page's ModelForm sets the new values on the instance before the service runs: the entry's "before" is
    read from the database, so the change is still on record."""
    from datetime import timedelta

    from django.utils import timezone

    from samtrygg.lagesbild import services as lagesbild_services

    today = timezone.localdate()
    lagesbild = lagesbild_services.lagesbild_create(
        actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Lägesbild",
        period_start=today - timedelta(days=30), period_end=today)
    response = login(world.alice).post(f"/lagesbild/{lagesbild.pk}/edit/", {
        "title": "Lägesbild Centrum", "area": world.area_a.pk, "period_start": lagesbild.period_start.isoformat(),
        "period_end": today.isoformat(), "summary": "", "conclusions": ""})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="update", object_type="lagesbild.lagesbild")
    assert entry.changes["title"] == ["Lägesbild", "Lägesbild Centrum"]


@pytest.mark.django_db
def test_the_log_page_names_fields_and_choices_in_the_readers_language_and_the_export_keeps_them(world, login):
    areas.area_update(actor=world.alice, area=world.area_a2, population=5000)
    client = login(world.alice)
    text = client.get("/audit/", {"action": "update"}).content.decode()
    assert "<b>Antal invånare</b>: – → 5000" in text and "<b>population</b>" not in text
    created = client.get("/audit/", {"action": "create"}).content.decode()
    assert "<b>Typ</b>: – → " in created and "<b>kind</b>" not in created  # a choice by its label below
    entry = AuditEntry.objects.filter(action="create", object_type="areas.area").first()
    kind = next(after for field, _before, after in entry.change_rows if field == "Typ")
    assert kind and kind != entry.changes["kind"][1]  # the choice's label, not its stored value
    client.cookies["django_language"] = "en"
    english = client.get("/audit/", {"action": "update"}).content.decode()
    assert "<b>Population</b>: – → 5000" in english, english[english.find("changes"):][:600]
    export = client.get("/audit/export.csv", {"action": "update"}).getvalue().decode("utf-8-sig")
    assert '""population"": [null, 5000]' in export  # the export keeps the stored keys and values (CSV-quoted)


@pytest.mark.django_db
def test_the_same_moment_in_another_time_zone_is_no_change(world):
    from zoneinfo import ZoneInfo

    from samtrygg.audit.services import diff, snapshot

    before = snapshot(world.alice)
    world.alice.date_joined = world.alice.date_joined.astimezone(ZoneInfo("Europe/Stockholm"))
    assert diff(before, snapshot(world.alice)) == {}  # it was recorded as a change from "…+00:00" to "…+01:00"
    world.alice.date_joined += timedelta(minutes=1)
    assert list(diff(before, snapshot(world.alice))) == ["date_joined"]
