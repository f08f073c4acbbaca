import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from personas import PASSWORD
from samtrygg.accounts import services
from samtrygg.audit.models import AuditEntry


def post_login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(world):
    assert world.alice.password.startswith("argon2")


@pytest.mark.django_db
def test_ten_wrong_passwords_lock_the_account_with_audit_entries(world):
    client = Client()
    for _ in range(9):
        assert post_login(client, "alice", "wrong password").status_code == 200
    tenth = post_login(client, "alice", "wrong password")
    assert tenth.status_code == 429
    # Locked: even the right password is refused now.
    locked = post_login(Client(), "alice", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    failed = AuditEntry.objects.filter(action="login_failed", actor_name="alice")
    assert failed.count() >= 10
    assert set(failed.values_list("organisation_id", flat=True)) == {world.kommun_a.pk}
    assert AuditEntry.objects.filter(action="lockout", actor_name="alice").exists()


@pytest.mark.django_db
def test_a_good_login_and_logout_are_audited(world):
    client = Client()
    assert post_login(client, "alice", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    actions = list(AuditEntry.objects.filter(actor=world.alice).values_list("action", flat=True))
    assert "login" in actions and "logout" in actions


@pytest.mark.django_db
def test_demo_accounts_cannot_log_in_outside_demo_mode(world, settings):
    services.user_create(actor=None, username="demo", password="demo-samtrygg", organisation=world.kommun_a,
                         role="lasare", is_demo=True)
    settings.DEMO_MODE = False
    assert post_login(Client(), "demo", "demo-samtrygg").status_code == 200
    settings.DEMO_MODE = True
    assert post_login(Client(), "demo", "demo-samtrygg").status_code == 302


@pytest.mark.django_db
def test_the_demo_password_is_refused_for_real_accounts(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.user_create(actor=None, username="real", password="demo-samtrygg", organisation=world.kommun_a,
                             role="lasare")


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.mark.django_db
def test_a_2fa_requiring_organisation_cannot_be_entered_without_the_second_factor(world):
    services.organisation_update(actor=world.alice, organisation=world.kommun_a, require_2fa=True)
    client = Client()
    assert post_login(client, "bob", PASSWORD).status_code == 302
    for url in ["/", "/areas/", f"/areas/{world.area_a.pk}/", "/sharing/", "/accounts/organisations/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/setup/", url
    page = client.get("/accounts/two-factor/setup/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=world.bob, confirmed=False)
    assert client.post("/accounts/two-factor/setup/", {"token": "000000"}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()
    assert client.post("/accounts/two-factor/setup/", {"token": current_code(device)}).status_code == 302
    assert client.get("/areas/").status_code == 200
    # Next login: password alone is not enough.
    fresh = Client()
    assert post_login(fresh, "bob", PASSWORD).status_code == 302
    assert fresh.get("/areas/")["Location"] == "/accounts/two-factor/"
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in this fast test
    device.save()
    assert fresh.post("/accounts/two-factor/", {"token": current_code(device)}).status_code == 302
    assert fresh.get("/areas/").status_code == 200
    assert AuditEntry.objects.filter(action="two_factor", object_id=str(world.bob.pk)).exists()


@pytest.mark.django_db
def test_members_of_a_forvaltning_inherit_the_kommuns_2fa_requirement(world):
    services.organisation_update(actor=world.alice, organisation=world.kommun_a, require_2fa=True)
    client = Client()
    post_login(client, "erik", PASSWORD)
    assert client.get("/")["Location"] == "/accounts/two-factor/setup/"


@pytest.mark.django_db
def test_the_password_alone_cannot_replace_an_existing_authenticator(world):
    device = TOTPDevice.objects.create(user=world.bob, name="phone", confirmed=True)
    client = Client()
    assert post_login(client, "bob", PASSWORD).status_code == 302
    setup = client.get("/accounts/two-factor/setup/")
    assert setup.status_code == 302 and setup["Location"] == "/accounts/two-factor/"
    # An authenticator of the intruder's own (its secret shown by an earlier visit to the setup page, say).
    intruder = TOTPDevice.objects.create(user=world.bob, name="samtrygg", confirmed=False)
    response = client.post("/accounts/two-factor/setup/", {"token": current_code(intruder)})
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    intruder.refresh_from_db()
    assert not intruder.confirmed
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    for url in ["/", "/areas/", "/accounts/password/"]:
        assert client.get(url)["Location"] == "/accounts/two-factor/", url
    assert not AuditEntry.objects.filter(action="two_factor").exists()


@pytest.mark.django_db
def test_confirming_a_device_without_the_current_one_is_refused_by_the_service(world, rf):
    from django.core.exceptions import PermissionDenied

    from samtrygg.accounts import two_factor

    TOTPDevice.objects.create(user=world.bob, name="phone", confirmed=True)
    intruder = TOTPDevice.objects.create(user=world.bob, name="samtrygg", confirmed=False)
    request = rf.post("/accounts/two-factor/setup/")
    request.user = world.bob
    request.user.is_verified = lambda: False  # what django-otp's middleware answers after the password alone
    with pytest.raises(PermissionDenied):
        two_factor.two_factor_confirm(request=request, device=intruder, token=current_code(intruder))
    intruder.refresh_from_db()
    assert not intruder.confirmed


@pytest.mark.django_db
def test_a_verified_user_replaces_the_authenticator(world):
    old = TOTPDevice.objects.create(user=world.bob, name="phone", confirmed=True)
    client = Client()
    post_login(client, "bob", PASSWORD)
    assert client.post("/accounts/two-factor/", {"token": current_code(old)}).status_code == 302
    page = client.get("/accounts/two-factor/setup/")
    assert page.status_code == 200 and page.context["replacing"]
    new = TOTPDevice.objects.get(user=world.bob, confirmed=False)
    assert client.post("/accounts/two-factor/setup/", {"token": current_code(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=world.bob).values_list("pk", "confirmed")) == [(new.pk, True)]
    assert client.get("/areas/").status_code == 200


@pytest.mark.django_db
def test_a_first_authenticator_can_be_set_up_after_the_password(world):
    client = Client()
    post_login(client, "carol", PASSWORD)
    assert client.get("/accounts/two-factor/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=world.carol, confirmed=False)
    assert client.post("/accounts/two-factor/setup/", {"token": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.django_db
def test_a_kommun_member_is_asked_for_the_second_factor_of_a_forvaltning_below_that_requires_it(world):
    from samtrygg.accounts.selectors import two_factor_required

    services.organisation_update(actor=world.alice, organisation=world.forvaltning_a, require_2fa=True)
    # Alice's admin role (and Bob's reporter role) reach the förvaltning through the kommun.
    for username in ["alice", "bob", "erik"]:
        client = Client()
        post_login(client, username, PASSWORD)
        assert client.get("/")["Location"] == "/accounts/two-factor/setup/", username
    # Those who cannot act in the förvaltning are not asked.
    client = Client()
    post_login(client, "carol", PASSWORD)
    assert client.get("/").status_code == 200
    assert [two_factor_required(u) for u in (world.alice, world.bob, world.erik, world.carol, world.dave)] == [
        True, True, True, False, False,
    ]


@pytest.mark.django_db
def test_a_deactivated_account_cannot_log_in(world):
    services.user_deactivate(actor=world.alice, user=world.bob)
    client = Client()
    response = post_login(client, "bob", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login_failed", actor_name="bob").exists()
    services.user_reactivate(actor=world.alice, user=world.bob)
    assert post_login(Client(), "bob", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored_by_browsers_or_caches(world, client, login):
    login(world.alice)
    for path in ("/", reverse("accounts:organisations"), reverse("audit:list")):
        assert "no-store" in client.get(path).headers["Cache-Control"], path
