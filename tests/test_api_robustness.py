"""What API fuzzing (.ci/fuzz, schemathesis) found, each pinned by a test: no input gives a 500, and every
answer is what the OpenAPI document says — its status, content type and body (checked here with schemathesis'
own validator against the served document)."""

import base64
import json
from datetime import timedelta

import pytest
import requests
import schemathesis
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from schemathesis.core.transport import Response as SchemathesisResponse

import reporting
from reporting import TORGET
from samtrygg.accounts import services as accounts
from samtrygg.api.errors import api_exception_handler, integrity_errors
from samtrygg.meetings import services as meetings
from samtrygg.meetings.models import Function, GroupKind
from samtrygg.plans import services as plans
from samtrygg.plans.models import Measure
from samtrygg.rhythm import services as rhythm
from samtrygg.rhythm.models import DutyKind

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HUGE = 10**30  # beyond any 64-bit integer: SQLite cannot even compare with it


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


class Api:
    def __init__(self, client, secret):
        self.client, self.headers = client, {"Authorization": f"Bearer {secret}"}

    def get(self, url, params=None, **headers):
        return self.client.get(url, params, headers={**self.headers, **headers})

    def send(self, method, url, data=None):
        return getattr(self.client, method)(url, data=json.dumps(data), content_type="application/json",
                                            headers=self.headers)


@pytest.fixture
def alice(world, client):
    _, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="test")
    return Api(client, secret)


@pytest.fixture
def plan(world):
    return plans.plan_create(actor=world.alice, owner=world.kommun_a, title="Trygghetsplan", area=world.area_a,
                             period_start=TODAY - timedelta(days=30), period_end=TODAY + timedelta(days=700))


@pytest.fixture
def measure(world, plan):
    return plans.measure_save(actor=world.alice, plan=plan, title="Belysning", kind="situationell",
                              strategy="provocations", owner=world.kommun_a, owner_function="Samordnare",
                              start=TODAY - timedelta(days=10))


# --- the document, and answers checked against it -------------------------------------------------------------

@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def conforms(document, path: str, method: str, response) -> None:
    """Raises (with schemathesis' explanation) unless the status, content type and body are as documented."""
    operation = schemathesis.openapi.from_dict(document)[path][method]
    request = requests.Request(method, f"http://testserver{path}").prepare()
    headers = {key.lower(): [value] for key, value in response.headers.items()}
    operation.validate_response(SchemathesisResponse(response.status_code, headers, response.content, request,
                                                     elapsed=0.0, verify=True))


def test_every_operation_documents_its_error_answers(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "429"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in {"post", "put", "patch", "delete"}:
                assert {"400", "403"} <= codes, (method, path)
            for code in codes - {"204"}:
                assert "application/json" in operation["responses"][code].get("content", {}) or code < "300", \
                    (method, path, code)


def test_fields_that_can_be_null_are_declared_nullable(world, alice, document, plan, measure):
    schemas = document["components"]["schemas"]
    for component, field in [("Category", "parent_code"), ("Measure", "method_name"), ("Incident", "area_name"),
                             ("Incident", "description_removed_at"), ("PoliceEvent", "category_code"),
                             ("Function", "holder"), ("Group", "area")]:
        assert schemas[component]["properties"][field].get("nullable"), (component, field)
    reporting.report(world, TORGET, actor=world.alice)
    for path in ("/api/v1/categories/", "/api/v1/measures/", "/api/v1/incidents/"):
        conforms(document, path, "GET", alice.get(path))  # nulls among them: parent_code, method_name, …


def test_geojson_answers_are_documented_as_geojson(world, alice, document):
    incident = reporting.report(world, TORGET, actor=world.alice)
    for path, url in [("/api/v1/incidents/", "/api/v1/incidents/"), ("/api/v1/areas/", "/api/v1/areas/"),
                      ("/api/v1/police-events/", "/api/v1/police-events/"),
                      ("/api/v1/incidents/{id}/", f"/api/v1/incidents/{incident.pk}/")]:
        response = alice.get(url, {"format": "geojson"})
        assert response["Content-Type"].startswith("application/geo+json")
        conforms(document, path, "GET", response)


def test_a_write_asking_for_geojson_answers_a_feature(world, alice, document):
    incident = reporting.report(world, TORGET, actor=world.alice)
    response = alice.send("patch", f"/api/v1/incidents/{incident.pk}/?format=geojson", {"place_type": "park"})
    assert response.status_code == 200 and response.json()["type"] == "Feature"
    assert response.json()["geometry"]["coordinates"] == [TORGET[1], TORGET[0]]
    conforms(document, "/api/v1/incidents/{id}/", "PATCH", response)


def test_errors_are_json_even_when_geojson_was_asked_for(world, alice, document):
    response = alice.get("/api/v1/incidents/", {"format": "geojson", "area": "0"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "area" in response.json()
    conforms(document, "/api/v1/incidents/", "GET", response)


def test_an_unknown_format_is_a_400_naming_format(world, alice, document):
    response = alice.get("/api/v1/areas/", {"format": "AAA"})
    assert response.status_code == 400 and "json, geojson" in response.json()["format"][0]
    conforms(document, "/api/v1/areas/", "GET", response)


def test_an_unknown_api_path_is_a_json_404(world, alice, client):
    for response in (alice.get("/api/v1/incidents/abc/"), alice.get("/api/v1/nothing/here/"),
                     client.post("/api/v1/plans/1/nothing/")):
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_the_generated_agenda_the_protocol_and_a_duty_done_answer_as_documented(world, alice, document):
    group = meetings.group_save(actor=world.alice, owner=world.kommun_a, kind=GroupKind.EST, name="EST",
                                area=world.area_a)
    start = timezone.now() + timedelta(days=1)
    meeting = meetings.meeting_create(actor=world.alice, group=group, title="EST", starts_at=start,
                                      ends_at=start + timedelta(hours=1))
    for suffix in ("agenda", "protocol"):
        response = alice.get(f"/api/v1/meetings/{meeting.pk}/{suffix}/")
        assert response.status_code == 200
        conforms(document, f"/api/v1/meetings/{{id}}/{suffix}/", "GET", response)
    duty = rhythm.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.OTHER, title="Enkät",
                            due=TODAY, every_months=12)
    response = alice.send("post", f"/api/v1/duties/{duty.pk}/done/", {"done_on": TODAY.isoformat()})
    assert response.status_code == 200 and response.json()["next"]["due"]
    conforms(document, "/api/v1/duties/{id}/done/", "POST", response)


# --- 500s the fuzzing found -----------------------------------------------------------------------------------

def test_a_technique_outside_1_to_25_is_a_400_not_an_integrity_error(world, alice, plan, measure):
    created = alice.send("post", "/api/v1/measures/", {
        "plan": plan.pk, "title": "Kameror", "kind": "situationell", "strategy": "effort", "technique": 26,
        "owner": world.kommun_a.pk, "owner_function": "Samordnare", "start": TODAY.isoformat()})
    assert created.status_code == 400 and list(created.json()) == ["technique"]
    changed = alice.send("patch", f"/api/v1/measures/{measure.pk}/", {"technique": 99, "follow_up_months": 0})
    assert changed.status_code == 400 and set(changed.json()) == {"technique", "follow_up_months"}
    measure.refresh_from_db()
    assert measure.technique == 0 and measure.follow_up_months == 6


def test_an_integrity_error_reaching_the_api_is_a_400_naming_the_field(world, measure):
    """The general rule, for what the serializers and services do not check first (here: written directly)."""
    with pytest.raises(IntegrityError) as check, transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(technique=26)
    assert list(integrity_errors(check.value)) == ["technique"]
    group = meetings.group_save(actor=world.alice, owner=world.kommun_a, kind=GroupKind.EST, name="EST",
                                area=world.area_a)
    meetings.function_save(actor=world.alice, group=group, organisation=world.kommun_a, title="Samordnare")
    with pytest.raises(IntegrityError) as unique, transaction.atomic():
        Function.objects.create(group=group, organisation=world.kommun_a, title="Samordnare")
    assert list(integrity_errors(unique.value)) == ["title"]


def test_the_exception_handler_answers_integrity_errors_with_400(world, measure):
    from rest_framework.test import APIRequestFactory

    from samtrygg.api.errors import api_exception_handler
    with pytest.raises(IntegrityError) as check, transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(follow_up_months=0)
    request = APIRequestFactory().get("/api/v1/measures/")
    response = api_exception_handler(check.value, {"request": request, "view": None})
    assert response.status_code == 400 and list(response.data) == ["follow_up_months"]


@pytest.mark.parametrize("params", [
    {"area": str(HUGE)}, {"category": [str(HUGE), "1"]}, {"organisation": str(2**63)},
])
@pytest.mark.parametrize("path", ["/api/v1/incidents/", "/api/v1/incidents/aggregate/categories/"])
def test_huge_ids_in_the_incident_filters_are_a_400(world, alice, document, path, params):
    response = alice.get(path, params)
    assert response.status_code == 400 and set(response.json()) == set(params)
    conforms(document, path, "GET", response)


@pytest.mark.parametrize("path, name", [
    ("/api/v1/problems/", "plan"), ("/api/v1/measures/", "plan"), ("/api/v1/meetings/", "group"),
    ("/api/v1/duties/", "kommun"),
])
@pytest.mark.parametrize("value", [str(HUGE), "²", "١٢"])  # too large; digits to isdigit() but not to int()
def test_ids_in_query_parameters_are_checked(world, alice, path, name, value):
    response = alice.get(path, {name: value})
    assert response.status_code == 400 and list(response.json()) == [name]


@pytest.mark.parametrize("key", [str(HUGE), "²"])
def test_follow_up_values_keyed_by_what_is_no_id_are_a_400(world, alice, measure, key):
    response = alice.send("post", f"/api/v1/measures/{measure.pk}/follow-ups/",
                          {"date": TODAY.isoformat(), "status": "gron", "goal_values": {key: 1.0}})
    assert response.status_code == 400 and list(response.json()) == ["goal_values"]


@pytest.mark.parametrize("params", [{"period_from": "0001-01-01"}, {"period_to": "9999-12-31"}])
@pytest.mark.parametrize("path", ["/api/v1/incidents/", "/api/v1/police-events/"])
def test_days_at_the_ends_of_the_calendar_are_a_400(world, alice, path, params):
    response = alice.get(path, params)
    assert response.status_code == 400 and list(response.json()) == list(params)


def test_times_off_the_calendar_are_refused_on_every_write_not_stored(world, alice, document, measure):
    """Found by the API fuzzer: an incident moved to the year 615 was stored, then answered with Stockholm's local
    mean time offset (+01:12:12, no RFC 3339 date-time). The calendar rule (guards/dates.py) runs on every save."""
    incident = reporting.report(world, TORGET, actor=world.alice)
    url = f"/api/v1/incidents/{incident.pk}/"
    for change in ({"occurred_from": "0615-02-17T21:29:22+01:00"}, {"occurred_to": "9999-12-31T23:30:00Z"}):
        response = alice.send("patch", url, change)
        assert response.status_code == 400 and list(response.json()) == list(change), response.content
        conforms(document, "/api/v1/incidents/{id}/", "PATCH", response)
    response = alice.send("patch", f"/api/v1/measures/{measure.pk}/", {"start": "1850-01-01"})
    assert response.status_code == 400 and list(response.json()) == ["start"], response.content
    incident.refresh_from_db()
    measure.refresh_from_db()
    assert incident.occurred_from.year > 2000 and measure.start.year > 2000
    conforms(document, "/api/v1/incidents/{id}/", "GET", alice.get(url))


def test_the_calendar_rule_holds_for_a_save_around_the_services(world):
    incident = reporting.report(world, TORGET, actor=world.alice)
    incident.occurred_from = incident.occurred_from.replace(year=1899)
    with pytest.raises(ValidationError) as refused:
        incident.save()
    assert list(refused.value.message_dict) == ["occurred_from"] and "1900" in refused.value.messages[0]


def test_a_validation_error_from_a_save_is_a_400_by_field(world):
    response = api_exception_handler(ValidationError({"start": ["Ange en dag."]}), {})
    assert response.status_code == 400 and response.data == {"start": ["Ange en dag."]}


def test_a_cursor_not_made_by_the_api_is_a_400_naming_cursor(world, alice, document):
    reporting.report(world, TORGET, actor=world.alice)
    forged = base64.b64encode(b"p=not-a-time").decode()
    for cursor in ("garbage", forged):
        response = alice.get("/api/v1/incidents/", {"cursor": cursor})
        assert response.status_code == 400 and list(response.json()) == ["cursor"]
        conforms(document, "/api/v1/incidents/", "GET", response)


def test_the_law_at_a_glance_and_the_half_year_report_refuse_days_off_the_calendar(world, alice, plan):
    for day in ("9999-12-31", "0001-01-01"):
        response = alice.get(f"/api/v1/compliance/{world.kommun_a.pk}/", {"date": day})
        assert response.status_code == 400 and list(response.json()) == ["date"]
    assert alice.get(f"/api/v1/compliance/{world.kommun_a.pk}/", {"date": "2026-01-01"}).status_code == 200
    for half in ("0000-1", "9999-2"):
        response = alice.get(f"/api/v1/plans/{plan.pk}/report/", {"half": half})
        assert response.status_code == 400 and list(response.json()) == ["half"]
