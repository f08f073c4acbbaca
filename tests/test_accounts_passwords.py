"""Changing one's own password, and an admin setting a new initial password for a member."""

import json

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from personas import PASSWORD, World
from samtrygg.accounts import services
from samtrygg.accounts.models import Role
from samtrygg.audit.models import AuditEntry

NEW = "a brand new passphrase 2026"


def logged_in(username, password=PASSWORD):
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": password}).status_code == 302
    return client


def password_entries(user):
    return AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk), action="update",
                                     changes={"password": ["***", "***"]})


@pytest.mark.django_db
def test_a_user_changes_their_own_password_and_other_sessions_end(world):
    client, elsewhere = logged_in("bob"), logged_in("bob")
    assert client.get("/accounts/password/").status_code == 200
    wrong_old = client.post("/accounts/password/", {"old_password": "not it", "new_password1": NEW,
                                                    "new_password2": NEW})
    assert wrong_old.status_code == 200 and "old_password" in wrong_old.context["form"].errors
    weak = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "12345678",
                                               "new_password2": "12345678"})
    assert weak.status_code == 200 and "new_password2" in weak.context["form"].errors
    world.bob.refresh_from_db()
    assert world.bob.check_password(PASSWORD)

    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW,
                                                   "new_password2": NEW})
    assert response.status_code == 302
    world.bob.refresh_from_db()
    assert world.bob.check_password(NEW)
    assert client.get("/areas/").status_code == 200  # this session stays
    assert elsewhere.get("/areas/")["Location"].startswith("/accounts/login/")  # the other one ends
    entry = password_entries(world.bob).get()
    assert (entry.actor, entry.organisation) == (world.bob, world.kommun_a)
    assert NEW not in json.dumps(entry.changes) and "argon2" not in json.dumps(entry.changes)
    logged_in("bob", NEW)


@pytest.mark.django_db
def test_the_password_page_needs_a_login(world):
    response = Client().get("/accounts/password/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_admin_sets_a_new_initial_password_for_a_member(world, login):
    membership = world.kommun_a.memberships.get(user=world.bob)
    bobs_session = logged_in("bob")
    client = login(world.alice)
    page = client.get(f"/accounts/organisations/{world.kommun_a.pk}/")
    assert f"/accounts/members/{membership.pk}/password/".encode() in page.content
    assert client.get(f"/accounts/members/{membership.pk}/password/").status_code == 200
    mismatch = client.post(f"/accounts/members/{membership.pk}/password/",
                           {"new_password1": NEW, "new_password2": NEW + "x"})
    assert mismatch.status_code == 200
    response = client.post(f"/accounts/members/{membership.pk}/password/",
                           {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    world.bob.refresh_from_db()
    assert world.bob.check_password(NEW)
    assert bobs_session.get("/areas/")["Location"].startswith("/accounts/login/")
    entry = password_entries(world.bob).get()
    assert (entry.actor, entry.organisation) == (world.alice, world.kommun_a)


@pytest.mark.django_db
def test_the_admin_of_a_kommun_sets_the_password_of_a_forvaltning_member(world, login):
    membership = world.forvaltning_a.memberships.get(user=world.erik)
    client = login(world.alice)
    response = client.post(f"/accounts/members/{membership.pk}/password/",
                           {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    world.erik.refresh_from_db()
    assert world.erik.check_password(NEW)


@pytest.mark.django_db
def test_no_one_sets_the_password_of_a_person_who_also_belongs_to_an_organisation_they_do_not_administer(
    world, login,
):
    # Dave reads for the police and also for the kommun: Alice must not be able to take over his police account.
    daves = services.membership_set(actor=None, user=world.dave, organisation=world.kommun_a, role=Role.LASARE)
    bobs = world.kommun_a.memberships.get(user=world.bob)
    alices = world.kommun_a.memberships.get(user=world.alice)
    fia = World.user("fia", world.forvaltning_a, Role.ADMIN)
    erik_in_kommun = services.membership_set(actor=None, user=world.erik, organisation=world.kommun_a,
                                             role=Role.LASARE)
    cases = [
        (world.alice, daves), (world.alice, alices),  # one's own password has its own page
        (world.bob, bobs), (world.carol, bobs),  # not an admin here; another kommun
        (fia, world.forvaltning_a.memberships.get(user=world.erik)),  # Erik is also in the kommun above Fia's
    ]
    assert erik_in_kommun.pk
    for actor, membership in cases:
        client = login(actor)
        url = f"/accounts/members/{membership.pk}/password/"
        assert client.get(url).status_code == 404, (actor, membership)
        assert client.post(url, {"new_password1": NEW, "new_password2": NEW}).status_code == 404
    for user in (world.dave, world.alice, world.bob, world.erik):
        user.refresh_from_db()
        assert user.check_password(PASSWORD)
    page = login(world.alice).get(f"/accounts/organisations/{world.kommun_a.pk}/")
    assert f"/accounts/members/{daves.pk}/password/".encode() not in page.content
    assert f"/accounts/members/{bobs.pk}/password/".encode() in page.content


@pytest.mark.django_db
def test_the_admin_resets_two_factor_only_for_people_wholly_in_their_organisations(world, login):
    for user in (world.bob, world.carol):
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    # Carol also reads in Alice's kommun, but Alice does not administer Grannstad kommun.
    services.membership_set(actor=None, user=world.carol, organisation=world.kommun_a, role=Role.LASARE)
    client = login(world.alice)
    bob = world.kommun_a.memberships.get(user=world.bob)
    carol = world.kommun_a.memberships.get(user=world.carol)
    assert client.post(f"/accounts/members/{carol.pk}/reset-two-factor/").status_code == 404
    assert TOTPDevice.objects.filter(user=world.carol).exists()
    assert client.post(f"/accounts/members/{bob.pk}/reset-two-factor/").status_code == 302
    assert not TOTPDevice.objects.filter(user=world.bob).exists()
