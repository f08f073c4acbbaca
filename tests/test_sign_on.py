"""Single sign-on end to end against a real OpenID Connect provider started here (oidc-provider-mock: authlib's
provider, signing ID tokens with its own key), nothing of the relying-party library mocked: the authorization
request with state, nonce and PKCE, the provider's form, the code exchange, the signature check with the provider's
keys, and samtrygg's rules — configured issuers only, roles from the groups claim, the provider's MFA claim as the
second factor, passwords that an organisation has turned off."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse
from oidc_provider_mock import User as ProviderUser
from oidc_provider_mock import run_server_in_thread

from personas import PASSWORD
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Membership, Role, SignOnIdentity, User
from samtrygg.audit.models import Action, AuditEntry

TENANT = "https://login.microsoftonline.com/7d3c9a10-0000-4000-8000-00000000a001/v2.0"
OTHER_TENANT = "https://login.microsoftonline.com/0b0b0b0b-0000-4000-8000-0000000000ff/v2.0"
COORDINATORS, READERS = "b1c2d3e4-1111-4111-8111-000000000001", "b1c2d3e4-2222-4222-8222-000000000002"

PEOPLE = [
    ProviderUser(sub="anna", claims={
        "iss": TENANT, "preferred_username": "anna.a@exempelstad.se", "email": "anna.a@exempelstad.se",
        "given_name": "Anna", "family_name": "Andersson", "groups": [COORDINATORS, "unrelated"],
        "amr": ["pwd", "mfa"]}),
    ProviderUser(sub="olle", claims={
        "iss": TENANT, "preferred_username": "olle.o@exempelstad.se", "groups": [READERS], "amr": ["pwd"]}),
    ProviderUser(sub="eva", claims={  # Entra ID: a Conditional Access authentication context instead of amr
        "iss": TENANT, "preferred_username": "eva.e@exempelstad.se", "groups": [READERS], "acrs": ["c1"]}),
    ProviderUser(sub="nils", claims={"iss": TENANT, "preferred_username": "nils@exempelstad.se", "groups": ["x"]}),
    ProviderUser(sub="mallory", claims={
        "iss": OTHER_TENANT, "preferred_username": "mallory@annanstans.se", "groups": [COORDINATORS],
        "amr": ["mfa"]}),
]


@pytest.fixture(scope="module")
def provider():
    with run_server_in_thread(require_nonce=True, user_claims=PEOPLE) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def sso(provider, settings, world):
    settings.OIDC_RP_CLIENT_ID = "samtrygg"
    settings.OIDC_RP_CLIENT_SECRET = "provider-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/oauth2/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.SAMTRYGG_OIDC_ISSUERS = [TENANT]
    settings.SAMTRYGG_OIDC_PROVIDER_NAME = "Microsoft Entra ID"
    accounts.sign_on_group_add(actor=world.alice, organisation=world.kommun_a, issuer=TENANT, group=COORDINATORS,
                               role=Role.SAMORDNARE)
    accounts.sign_on_group_add(actor=world.alice, organisation=world.kommun_a, issuer=TENANT, group=READERS,
                               role=Role.LASARE)
    return provider


def sign_in(client, sub: str):
    """The whole round trip with Django's test client on our side and real HTTP to the provider."""
    start = client.get(reverse("accounts:sign_on"))
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    answer = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.path == reverse("accounts:oidc_callback")
    return client.get(f"{back.path}?{back.query}")


@pytest.mark.django_db
def test_a_mapped_person_lands_in_their_organisation_with_the_mapped_role(sso, client, world):
    response = sign_in(client, "anna")
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(sign_on_identities__subject="anna", sign_on_identities__issuer=TENANT)
    assert (user.username, user.first_name, user.has_usable_password()) == ("anna.a@exempelstad.se", "Anna", False)
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role, membership.via_sign_on) == (world.kommun_a, Role.SAMORDNARE,
                                                                                  True)
    start = client.get("/")
    assert start.status_code == 200 and start.wsgi_request.user == user
    assert AuditEntry.objects.filter(action=Action.LOGIN, actor=user, organisation=world.kommun_a).exists()
    assert AuditEntry.objects.filter(action=Action.CREATE, object_type="accounts.membership",
                                     organisation=world.kommun_a).exists()


@pytest.mark.django_db
def test_an_unconfigured_tenant_is_refused(sso, client, world):
    response = sign_in(client, "mallory")
    assert response.status_code == 403
    assert "inte ansluten" in response.content.decode() or "not connected" in response.content.decode()
    assert not User.objects.filter(username__startswith="mallory").exists()
    assert client.get("/").status_code == 302  # still anonymous
    refused = AuditEntry.objects.get(action=Action.LOGIN_FAILED, actor_name="mallory@annanstans.se")
    assert refused.changes["sign_on"] == [None, OTHER_TENANT]


@pytest.mark.django_db
def test_a_person_in_no_mapped_group_is_refused(sso, client):
    response = sign_in(client, "nils")
    assert response.status_code == 403 and not User.objects.filter(username__startswith="nils").exists()


@pytest.mark.django_db
def test_roles_follow_the_groups_at_every_sign_in(sso, client, world, settings):
    sign_in(client, "olle")
    olle = User.objects.get(sign_on_identities__subject="olle")
    assert Membership.objects.get(user=olle).role == Role.LASARE
    accounts.membership_set(actor=world.alice, user=olle, organisation=world.forvaltning_a, role=Role.RAPPORTOR)
    client.logout()
    accounts.sign_on_group_remove(actor=world.alice, mapping=world.kommun_a.sign_on_groups.get(group=READERS))
    sign_in(client, "olle")  # the group gives nothing now; the hand-given membership stays
    assert list(Membership.objects.filter(user=olle).values_list("organisation", "role")) == [
        (world.forvaltning_a.pk, Role.RAPPORTOR)]


@pytest.mark.django_db
def test_the_providers_mfa_satisfies_the_two_factor_requirement(sso, client, world, settings):
    accounts.organisation_update(actor=world.alice, organisation=world.kommun_a, require_2fa=True)
    sign_in(client, "anna")
    assert client.get("/").status_code == 200  # not sent to set up an authenticator
    assert SignOnIdentity.objects.get(subject="anna").mfa
    client.logout()
    sign_in(client, "olle")  # signed in with a password only at the provider
    assert client.get("/")["Location"] == reverse("accounts:two_factor_setup")
    client.logout()
    sign_in(client, "eva")
    assert client.get("/")["Location"] == reverse("accounts:two_factor_setup")  # c1 is not configured as MFA
    client.logout()
    settings.SAMTRYGG_OIDC_MFA_METHODS = ["mfa", "c1"]
    sign_in(client, "eva")
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_an_organisation_can_turn_passwords_off(sso, client, world):
    def password_login(username) -> bool:
        client.logout()
        return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD}).status_code == 302

    assert password_login("bob")
    accounts.organisation_update(actor=world.alice, organisation=world.kommun_a, allow_password_login=False)
    assert not password_login("bob")
    assert not password_login("erik"), "the förvaltning below follows its kommun"
    assert password_login("carol"), "another municipality keeps its passwords"


@pytest.mark.django_db
def test_passwords_stay_on_where_no_group_can_let_people_in(world, settings):
    from django.core.exceptions import ValidationError

    settings.OIDC_RP_CLIENT_ID = ""
    with pytest.raises(ValidationError):
        accounts.organisation_update(actor=world.alice, organisation=world.kommun_a, allow_password_login=False)
    settings.OIDC_RP_CLIENT_ID = "samtrygg"
    with pytest.raises(ValidationError):  # configured, but no group maps to a role here
        accounts.organisation_update(actor=world.alice, organisation=world.kommun_b, allow_password_login=False)


@pytest.mark.django_db
def test_without_configuration_there_is_no_sign_on(client, world, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get(reverse("accounts:sign_on")).status_code == 404
    assert reverse("accounts:sign_on") not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
def test_only_the_organisations_admin_maps_groups(sso, client, login, world):
    login(world.carol)
    assert client.get(reverse("accounts:sign_on_groups", args=[world.kommun_a.pk])).status_code == 404
    mapping = world.kommun_a.sign_on_groups.first()
    assert client.post(reverse("accounts:sign_on_group_remove", args=[mapping.pk])).status_code == 404
    login(world.alice)
    page = client.get(reverse("accounts:sign_on_groups", args=[world.kommun_a.pk])).content.decode()
    assert COORDINATORS in page and "/accounts/sign-on/callback/" in page
    made = client.post(reverse("accounts:sign_on_groups", args=[world.kommun_a.pk]),
                       {"issuer": OTHER_TENANT, "group": "g", "role": Role.ADMIN})
    assert made.status_code == 200 and not world.kommun_a.sign_on_groups.filter(group="g").exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signing_in_through_the_provider_in_the_browser(sso, world, browser, live_server):
    from browsing import assert_accessible

    context = browser.new_context(locale="sv-SE", service_workers="block")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, "login-with-sign-on")
    page.get_by_role("link", name="Logga in med Microsoft Entra ID").click()
    page.get_by_role("button", name="Authorize as anna").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Exempelstad kommun" in page.content()
    page.goto(f"{live_server.url}/accounts/organisations/{world.kommun_a.pk}/")
    assert page.get_by_text("anna.a@exempelstad.se").count() >= 1
    other = browser.new_context(locale="sv-SE", service_workers="block").new_page()
    other.goto(f"{live_server.url}/accounts/login/")
    other.get_by_role("link", name="Logga in med Microsoft Entra ID").click()
    other.get_by_role("button", name="Authorize as mallory").click()
    other.wait_for_load_state()
    assert other.get_by_role("heading", name="Inloggningen nekades").is_visible()
    assert_accessible(other, "sign-on-refused")
    context.close()
