"""Deactivating a member's account: only by an admin of every organisation the person belongs to; audited; the
person can no longer log in, and their open sessions end."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from personas import PASSWORD, World
from samtrygg.accounts import services
from samtrygg.accounts.models import Role
from samtrygg.audit.models import AuditEntry


def log_in(username):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    return client, response


@pytest.mark.django_db
def test_the_admin_deactivates_and_reactivates_a_members_account(world, login):
    membership = world.kommun_a.memberships.get(user=world.bob)
    bobs_session, _ = log_in("bob")
    assert bobs_session.get("/areas/").status_code == 200
    client = login(world.alice)
    assert client.post(f"/accounts/members/{membership.pk}/deactivate/").status_code == 302
    world.bob.refresh_from_db()
    assert not world.bob.is_active
    assert bobs_session.get("/areas/")["Location"].startswith("/accounts/login/")
    fresh, response = log_in("bob")
    assert response.status_code == 200 and "_auth_user_id" not in fresh.session
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(world.bob.pk), action="update",
                                   actor=world.alice)
    assert entry.changes == {"is_active": [True, False]} and entry.organisation == world.kommun_a
    page = client.get(f"/accounts/organisations/{world.kommun_a.pk}/")
    assert f"/accounts/members/{membership.pk}/reactivate/".encode() in page.content

    assert client.post(f"/accounts/members/{membership.pk}/reactivate/").status_code == 302
    world.bob.refresh_from_db()
    assert world.bob.is_active
    assert log_in("bob")[1].status_code == 302


@pytest.mark.django_db
def test_a_person_with_memberships_elsewhere_is_removed_not_deactivated(world, login):
    daves = services.membership_set(actor=None, user=world.dave, organisation=world.kommun_a, role=Role.LASARE)
    client = login(world.alice)
    page = client.get(f"/accounts/organisations/{world.kommun_a.pk}/")
    assert f"/accounts/members/{daves.pk}/deactivate/".encode() not in page.content
    assert client.post(f"/accounts/members/{daves.pk}/deactivate/").status_code == 404
    world.dave.refresh_from_db()
    assert world.dave.is_active
    assert client.post(f"/accounts/members/{daves.pk}/remove/").status_code == 302
    assert not world.dave.memberships.filter(organisation=world.kommun_a).exists()
    assert log_in("dave")[1].status_code == 302  # still works for the police


@pytest.mark.django_db
def test_only_an_admin_of_all_the_persons_organisations_may_deactivate(world, login):
    erik_forvaltning = world.forvaltning_a.memberships.get(user=world.erik)
    bobs = world.kommun_a.memberships.get(user=world.bob)
    fia = World.user("fia", world.forvaltning_a, Role.ADMIN)
    for actor, membership in [(world.bob, bobs), (world.carol, bobs), (world.erik, erik_forvaltning)]:
        assert login(actor).post(f"/accounts/members/{membership.pk}/deactivate/").status_code == 404
    # Fia administers the förvaltning only; once Erik also belongs to the kommun, his account is not hers alone.
    services.membership_set(actor=None, user=world.erik, organisation=world.kommun_a, role=Role.LASARE)
    assert login(fia).post(f"/accounts/members/{erik_forvaltning.pk}/deactivate/").status_code == 404
    world.erik.refresh_from_db()
    assert world.erik.is_active
    # Alice administers both (the kommun, and the förvaltning through it).
    assert login(world.alice).post(f"/accounts/members/{erik_forvaltning.pk}/deactivate/").status_code == 302
    world.erik.refresh_from_db()
    assert not world.erik.is_active
    # Recorded in each of Erik's organisations, so both sets of admins see it.
    entries = AuditEntry.objects.filter(object_type="accounts.user", object_id=str(world.erik.pk),
                                        changes={"is_active": [True, False]})
    assert set(entries.values_list("organisation", flat=True)) == {world.kommun_a.pk, world.forvaltning_a.pk}


@pytest.mark.django_db
def test_no_one_deactivates_their_own_account(world, login):
    alices = world.kommun_a.memberships.get(user=world.alice)
    assert login(world.alice).post(f"/accounts/members/{alices.pk}/deactivate/").status_code == 404
    with pytest.raises(ValidationError):
        services.user_deactivate(actor=world.alice, user=world.alice)
    world.alice.refresh_from_db()
    assert world.alice.is_active
