"""API tokens: made with `samtrygg create-api-token` (which prints only the token) or on the API tokens page
(shown once), revoked there or by the member's admin; a revoked or expired token is refused at once, a read-only
token only reads, and a token works only while its user could log in (no demo accounts outside the demo mode, the
second factor an organisation requires)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import ApiToken
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.models import Incident

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r"^samtrygg_[A-Za-z0-9_-]{40,}$")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def get_incidents(client, secret):
    return client.get("/api/v1/incidents/", headers={"Authorization": f"Bearer {secret}"})


def test_the_command_prints_only_the_token(world, client):
    out, err = StringIO(), StringIO()
    call_command("create-api-token", "alice", "--name", "GIS-export", stdout=out, stderr=err)
    assert err.getvalue() == ""
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and TOKEN.match(lines[0])
    token = ApiToken.objects.get(user=world.alice)
    assert token.name == "GIS-export" and token.digest == ApiToken.digest_of(lines[0])
    assert lines[0] not in str(list(AuditEntry.objects.values()))
    assert get_incidents(client, lines[0]).status_code == 200


def test_the_command_refuses_unknown_and_deactivated_users(world):
    with pytest.raises(CommandError):
        call_command("create-api-token", "nobody", stdout=StringIO())
    world.bob.is_active = False
    world.bob.save(update_fields=["is_active"])
    with pytest.raises(CommandError):
        call_command("create-api-token", "bob", stdout=StringIO())
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_at_once(world, client):
    token, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="script")
    assert get_incidents(client, secret).status_code == 200
    accounts.api_token_revoke(actor=world.alice, token=token)
    response = get_incidents(client, secret)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")


def test_use_is_recorded(world, client):
    token, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="script")
    get_incidents(client, secret)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_page_shows_a_new_token_once_and_revokes_it(world, client, login):
    login(world.alice)
    page = client.get(reverse("accounts:api_tokens"))
    assert page.status_code == 200
    assert reverse("accounts:api_tokens").encode() in page.content  # linked from the user's menu
    described = re.search(r'<a href="([^"]+)">dess OpenAPI-beskrivning</a>', page.content.decode()).group(1)
    assert client.get(described).json()["openapi"].startswith("3.")  # the API's description, not a 404
    made = client.post(reverse("accounts:api_tokens"), {"name": "Kartverktyg", "scope": "read", "days": "30"})
    assert made.status_code == 200
    secret = re.search(rb'value="(samtrygg_[^"]+)"', made.content).group(1).decode()
    assert TOKEN.match(secret) and "no-store" in made.headers.get("Cache-Control", "")
    again = client.get(reverse("accounts:api_tokens")).content.decode()
    assert secret not in again and "Kartverktyg" in again and secret[:15] in again  # the prefix stays
    client.logout()
    assert get_incidents(client, secret).status_code == 200
    token = ApiToken.objects.get(user=world.alice)
    assert token.read_only and round((token.expires_at - token.created_at).total_seconds() / 86400) == 30
    login(world.alice)
    client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    client.logout()
    assert get_incidents(client, secret).status_code == 401


def test_nobody_revokes_another_persons_token(world, client, login):
    token, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="Alices kartverktyg")
    login(world.carol)
    assert client.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 404
    assert "Alices kartverktyg" not in client.get(reverse("accounts:api_tokens")).content.decode()
    client.logout()
    assert get_incidents(client, secret).status_code == 200


def test_an_expired_token_is_refused(world, client):
    token, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="script", days=30)
    assert get_incidents(client, secret).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert get_incidents(client, secret).status_code == 401
    with pytest.raises(ValidationError):
        accounts.api_token_create(actor=world.alice, user=world.alice, name="forever", days=3650)


def test_a_read_only_token_reads_but_does_not_write(world, client):
    _, secret = accounts.api_token_create(actor=world.bob, user=world.bob, name="läsare", scope=ApiToken.Scope.READ)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/incidents/", headers=headers).status_code == 200
    before = Incident.objects.count()
    refused = client.post("/api/v1/incidents/", {"category": "skadegorelse", "occurred_from": "2026-11-01T10:00"},
                          content_type="application/json", headers=headers)
    assert refused.status_code == 403 and "får bara läsa" in refused.json()["detail"]
    assert Incident.objects.count() == before
    _, writer = accounts.api_token_create(actor=world.bob, user=world.bob, name="skrivare")
    assert client.post("/api/v1/incidents/", {"category": "skadegorelse", "occurred_from": "2026-11-01T10:00"},
                       content_type="application/json",
                       headers={"Authorization": f"Bearer {writer}"}).status_code != 403


def test_a_demo_users_token_stops_outside_demo_mode(world, client, settings):
    world.bob.is_demo = True
    world.bob.save(update_fields=["is_demo"])
    settings.DEMO_MODE = True
    _, secret = accounts.api_token_create(actor=world.bob, user=world.bob, name="demo")
    assert get_incidents(client, secret).status_code == 200
    settings.DEMO_MODE = False
    response = get_incidents(client, secret)
    assert response.status_code == 401 and "demo" in response.json()["detail"].lower()


def test_a_token_stops_when_the_user_lacks_a_required_second_factor(world, client):
    _, secret = accounts.api_token_create(actor=world.bob, user=world.bob, name="script")
    assert get_incidents(client, secret).status_code == 200
    accounts.organisation_update(actor=world.alice, organisation=world.kommun_a, require_2fa=True)
    response = get_incidents(client, secret)
    assert response.status_code == 401 and "tvåfaktorsautentisering" in response.json()["detail"]
    with pytest.raises(ValidationError):
        accounts.api_token_create(actor=world.bob, user=world.bob, name="another")
    TOTPDevice.objects.create(user=world.bob, name="samtrygg", confirmed=True)
    assert get_incidents(client, secret).status_code == 200


def test_the_admin_sees_and_revokes_members_tokens(world, client, login):
    token, secret = accounts.api_token_create(actor=world.bob, user=world.bob, name="Bobs skript")
    accounts.api_token_create(actor=world.carol, user=world.carol, name="Carols skript")
    login(world.alice)
    page = client.get(reverse("accounts:member_api_tokens", args=[world.kommun_a.pk])).content.decode()
    assert "Bobs skript" in page and "Carols skript" not in page
    client.post(reverse("accounts:member_api_token_revoke", args=[world.kommun_a.pk, token.pk]))
    client.logout()
    assert get_incidents(client, secret).status_code == 401
    revoked = AuditEntry.objects.filter(object_type="accounts.apitoken", object_id=str(token.pk), action="update")
    assert revoked.filter(organisation=world.kommun_a, actor=world.alice).exists()


def test_only_the_members_admin_may_see_or_revoke_their_tokens(world, client, login):
    token, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="Alices skript")
    for outsider in (world.carol, world.bob):  # another municipality's coordinator; a reporter of the same one
        login(outsider)
        assert client.get(reverse("accounts:member_api_tokens", args=[world.kommun_a.pk])).status_code == 404
        assert client.post(reverse("accounts:member_api_token_revoke",
                                   args=[world.kommun_a.pk, token.pk])).status_code == 404
        client.logout()
    assert get_incidents(client, secret).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_token_page_is_accessible(world, page_for):
    from browsing import assert_accessible, follow_menu

    page = page_for("alice")
    follow_menu(page, "alice", "API-nycklar")
    page.get_by_role("textbox").first.fill("Kartverktyg")
    page.locator("main button[type=submit]").first.click()
    assert page.locator("#new-token").input_value().startswith("samtrygg_")
    assert_accessible(page, "api-tokens")


def test_the_start_page_warns_of_a_token_about_to_expire(world, client, login):
    token, _ = accounts.api_token_create(actor=world.bob, user=world.bob, name="Nattlig export", days=30)
    login(world.bob)
    assert "Nattlig export" not in client.get("/").content.decode()
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=5))
    assert "Nattlig export" in client.get("/").content.decode()
