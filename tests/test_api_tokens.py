"""API tokens: made with `samtrygg create-api-token` (which prints only the token) or on the API tokens page
(shown once), revoked there; a revoked token is refused at once."""

import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse

from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import ApiToken
from samtrygg.audit.models import AuditEntry

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
    made = client.post(reverse("accounts:api_tokens"), {"name": "Kartverktyg"})
    assert made.status_code == 200
    secret = re.search(rb'value="(samtrygg_[^"]+)"', made.content).group(1).decode()
    assert TOKEN.match(secret) and "no-store" in made.headers.get("Cache-Control", "")
    again = client.get(reverse("accounts:api_tokens")).content.decode()
    assert secret not in again and "Kartverktyg" in again and secret[:15] in again  # the prefix stays
    client.logout()
    assert get_incidents(client, secret).status_code == 200
    token = ApiToken.objects.get(user=world.alice)
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
