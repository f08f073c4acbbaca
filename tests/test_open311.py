"""Open311 GeoReport v2 at /open311/v2/, called by a real Open311 client (the `georeport` package from PyPI) over
HTTP against the live server, in JSON and in XML: the services (the tip page's categories), a service definition,
a request posted with an api_key (a samtrygg API token) that lands in the moderation queue, the requests and one
request with their status, open until a coordinator decides and closed after. A bad, read-only or foreign key is
refused; reading never shows a description, a place or an e-mail."""

import pytest
import requests
from georeport import GeoReport

from personas import World
from reporting import TORGET
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import ApiToken
from samtrygg.audit.models import AuditEntry
from samtrygg.tips import services as tips
from samtrygg.tips.models import Tip, TipContact

pytestmark = pytest.mark.django_db(transaction=True)
SERVICE = "fysisk-miljo.belysning"


@pytest.fixture
def setup(live_server):
    world = World()
    tips.channel_save(actor=world.alice, municipality=world.kommun_a, open=False)  # Open311 needs no public page
    _token, secret = accounts.api_token_create(actor=world.bob, user=world.bob, name="Felanmälan-appen")
    root = f"{live_server.url}/open311/v2"
    return world, root, secret


def post(root, fmt="json", **fields):
    data = {"jurisdiction_id": "0180", "service_code": SERVICE, "lat": TORGET[0], "long": TORGET[1],
            "description": "Lampan i gångtunneln är trasig.", "email": "boende@example.org"}
    data.update(fields)
    return requests.post(f"{root}/requests.{fmt}", data={k: v for k, v in data.items() if v is not None}, timeout=30)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_fault_report_app_talks_to_samtrygg(setup, fmt):
    world, root, secret = setup
    client = GeoReport(root, jurisdiction="0180", output_format=fmt)
    services = client.get_service_list()
    assert SERVICE in [s["service_code"] for s in services]
    belysning = next(s for s in services if s["service_code"] == SERVICE)
    assert belysning["service_name"] == "Trasig eller saknad belysning"
    assert belysning["metadata"] in (False, "false")
    assert client.get_service_definition(SERVICE)["service_code"] == SERVICE

    response = post(root, fmt, api_key=secret)
    assert response.status_code == 200, response.text
    tip = Tip.objects.get()
    assert tip.reference in response.text and tip.description == "Lampan i gångtunneln är trasig."
    assert TipContact.objects.get(tip=tip).email == "boende@example.org"
    assert AuditEntry.objects.get(object_type="tips.tip", action="create").actor == world.bob

    found = client.get_service_request(tip.reference)
    assert found["status"] == "open" and found["service_code"] == SERVICE
    listed = client.get_service_requests()
    listed = listed if isinstance(listed, list) else [listed]  # xmltodict: one element is not a list
    assert [r["service_request_id"] for r in listed] == [tip.reference]
    text = requests.get(f"{root}/requests.{fmt}", params={"jurisdiction_id": "0180"}, timeout=30).text
    assert "gångtunneln" not in text and "boende@" not in text and str(TORGET[0]) not in text

    tips.tip_reject(actor=world.alice, tip=tip, reason="Redan åtgärdat")
    closed = client.get_service_request(tip.reference)
    assert closed["status"] == "closed" and closed["status_notes"] == "Avvisad"
    assert "Redan åtgärdat" not in requests.get(f"{root}/requests/{tip.reference}.{fmt}",
                                                params={"jurisdiction_id": "0180"}, timeout=30).text
    still_open = requests.get(f"{root}/requests.{fmt}", params={"jurisdiction_id": "0180", "status": "open"},
                              timeout=30)
    assert still_open.status_code == 200 and tip.reference not in still_open.text


def test_keys_are_checked(setup):
    world, root, secret = setup
    bad = post(root, api_key="samtrygg_not-a-key")
    assert bad.status_code == 403 and bad.json()[0]["code"] == 403
    assert post(root, "xml", api_key="").status_code == 403
    _token, read_only = accounts.api_token_create(actor=world.bob, user=world.bob, name="Läsare",
                                                  scope=ApiToken.Scope.READ)
    assert post(root, api_key=read_only).status_code == 403
    _token, foreign = accounts.api_token_create(actor=world.carol, user=world.carol, name="Grannstad")
    assert post(root, api_key=foreign).status_code == 403  # carol reports for another municipality
    assert not Tip.objects.exists()


def test_bad_requests_answer_in_the_standard_error_format(setup):
    _world, root, secret = setup
    assert post(root, api_key=secret, jurisdiction_id=None).status_code == 400
    assert post(root, api_key=secret, jurisdiction_id="9999").status_code == 404
    assert post(root, api_key=secret, service_code="inbrott.bostad").status_code == 400
    assert post(root, api_key=secret, lat="40.0", long="2.0").status_code == 400
    missing = post(root, "xml", api_key=secret, lat=None, long=None)
    assert missing.status_code == 400 and "<errors><error><code>400</code>" in missing.text
    assert post(root, api_key=secret, lat=None, long=None, address_string="Storgatan 12").status_code == 200
    wide = requests.get(f"{root}/requests.json", timeout=30, params={
        "jurisdiction_id": "0180", "start_date": "2026-01-01T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"})
    assert wide.status_code == 400
    assert requests.get(f"{root}/requests/ffff.json", params={"jurisdiction_id": "0180"}, timeout=30).status_code == 404
    assert requests.get(f"{root}/services.json", timeout=30).status_code == 400
