"""No valid personnummer or samordningsnummer is ever stored, whichever way text comes in: the services, the
quick report form, the REST API, the CSV import and the police feed importer. "Stored" means anywhere: the
incidents, their status history, the police events and the audit log."""

import csv
import io
import json
import re
from datetime import timedelta
from itertools import count

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from identity_numbers import identity_numbers
from samtrygg.accounts import services as accounts
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import importing, services
from samtrygg.incidents.models import Category, Incident, PoliceEvent, StatusChange
from samtrygg.incidents.police import police_events_import

pytestmark = pytest.mark.django_db

TORGET = (59.195, 17.625)
AROUND = ["{}", "Personen {} klottrade", "pnr:{}.", "({})", "Ring 08-123 45 67, nr {} sågs\noch sprang",
          "Anmälaren, {}, såg allt"]
texts_with_number = st.tuples(identity_numbers(), st.sampled_from(AROUND)).map(lambda p: (p[0], p[1].format(p[0])))
hypothesis_settings = settings(max_examples=25, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])
event_ids = count(1)


def assert_stored_nowhere(number: str):
    texts = [
        *Incident.objects.values_list("description", "external_id"),
        *StatusChange.objects.values_list("note"),
        *PoliceEvent.objects.values_list("name", "summary", "url"),
        *AuditEntry.objects.values_list("object_repr", "changes"),
    ]
    dumped = json.dumps(texts, ensure_ascii=False)
    assert number not in dumped
    assert re.sub(r"[^0-9]", "", number) not in re.sub(r"[^0-9]", "", json.dumps(texts))  # in no written form


def klotter():
    return Category.objects.get(owner__isnull=True, code="skadegorelse.klotter")


def report(world, **fields):
    return services.incident_create(actor=world.bob, owner=world.kommun_a, lat=TORGET[0], lon=TORGET[1],
                                    category=klotter(), occurred_from=timezone.now() - timedelta(hours=1), **fields)


@hypothesis_settings
@given(case=texts_with_number)
def test_the_services_refuse_it_on_create_and_update(world, case):
    number, text = case
    with pytest.raises(ValidationError) as refused:
        report(world, description=text)
    assert number not in str(refused.value)
    incident = Incident.objects.first() or report(world, description="Klotter på väggen.")
    with pytest.raises(ValidationError):
        services.incident_update(actor=world.bob, incident=incident, description=text)
    assert_stored_nowhere(number)


@hypothesis_settings
@given(case=texts_with_number)
def test_the_police_importer_redacts_it_before_storing(case):
    number, text = case
    result = police_events_import(source="test", items=[{
        "id": next(event_ids), "datetime": "2025-11-13 8:09:14 +01:00", "name": f"Stöld, Malmö, {text}",
        "summary": text, "type": "Stöld", "location": {"name": "Malmö", "gps": "55.604981,13.003822"},
    }])
    assert result.created == 1 and result.redacted == 1
    assert_stored_nowhere(number)


@hypothesis_settings
@given(case=texts_with_number)
def test_the_quick_report_form_refuses_it(world, client, case):
    number, text = case
    client.force_login(world.bob, backend="samtrygg.accounts.backends.PasswordBackend")
    response = client.post(reverse("incidents:report"), {
        "owner": world.kommun_a.pk, "category": klotter().parent_id, "subcategory": "",
        "occurred_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "lat": TORGET[0], "lon": TORGET[1],
        "area": "", "place_type": "", "description": text, "reported_to_police": "vet_ej", "damage_cost_sek": "",
    })
    assert response.status_code == 200  # the form again, with its error
    page = response.content.decode()
    assert number not in page and ("personnummer" in page or "samordningsnummer" in page)
    assert not Incident.objects.exists()
    assert_stored_nowhere(number)


@hypothesis_settings
@given(case=texts_with_number)
def test_the_api_answers_422_without_echoing_it(world, client, case):
    number, text = case
    _, secret = accounts.api_token_create(actor=world.bob, user=world.bob, name="privacy")
    response = client.post("/api/v1/incidents/", content_type="application/json",
                           headers={"Authorization": f"Bearer {secret}"}, data=json.dumps({
                               "category": klotter().pk, "lat": TORGET[0], "lon": TORGET[1], "description": text,
                               "occurred_from": (timezone.now() - timedelta(hours=1)).isoformat()}))
    assert response.status_code == 422
    assert number not in response.content.decode()
    assert not Incident.objects.exists()
    assert_stored_nowhere(number)


@hypothesis_settings
@given(case=texts_with_number)
def test_the_csv_import_refuses_the_file_and_names_the_row_not_the_number(world, case):
    number, text = case
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Id", "Kategori", "Tid", "Latitud", "Longitud", "Beskrivning"])
    writer.writerow(["A-1", "skadegorelse.klotter", "2025-03-01 14:30", "59,195", "17,625", "Klotter på väggen"])
    writer.writerow(["A-2", "skadegorelse.klotter", "2025-03-01 15:30", "59,195", "17,625", text])
    report = importing.import_file(actor=world.alice, owner=world.kommun_a, file=io.BytesIO(out.getvalue().encode()),
                                   filename="handelser.csv", commit=True)
    assert not report.committed and report.errors
    assert [e.row for e in report.errors] == [3]  # the header is row 1
    assert number not in repr(report.errors)
    assert not Incident.objects.exists()
    assert_stored_nowhere(number)
