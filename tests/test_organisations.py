import pytest
from django.core.exceptions import ValidationError

from personas import World
from samtrygg.accounts import services
from samtrygg.accounts.models import Membership, OrgType, Role
from samtrygg.audit.models import AuditEntry
from samtrygg.reference import kommuner


def test_the_reference_list_has_all_290_municipalities():
    assert len(kommuner()) == 290
    assert kommuner()["0180"].name == "Stockholm"
    assert kommuner()["2584"].county_name == "Norrbottens län"


@pytest.mark.django_db
def test_it_accepts_a_real_kommunkod_and_audits_the_creation():
    org = services.organisation_create(actor=None, name="Uppsala kommun", type=OrgType.KOMMUN, kommunkod="0380")
    entry = AuditEntry.objects.get(object_type="accounts.organisation", object_id=str(org.pk))
    assert entry.action == "create"
    assert entry.changes["kommunkod"] == [None, "0380"]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["9901", "180", "01800", "abcd", ""])
def test_it_rejects_a_kommunkod_that_is_not_swedish(code):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(actor=None, name="Påhittad kommun", type=OrgType.KOMMUN, kommunkod=code)
    assert "kommunkod" in exc.value.message_dict


@pytest.mark.django_db
def test_fictional_codes_are_accepted_only_for_demo_organisations():
    org = services.organisation_create(actor=None, name="Demo", type=OrgType.KOMMUN, kommunkod="9901", is_demo=True)
    assert org.kommunkod == "9901"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["1234", "0000", "5000", "8999", "9900"])
def test_a_demo_organisation_may_not_use_an_arbitrary_code_outside_the_reference_list(code):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(actor=None, name="Demo", type=OrgType.KOMMUN, kommunkod=code, is_demo=True)
    assert "kommunkod" in exc.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["9901", "9950", "9999"])
def test_fictional_99xx_codes_are_accepted_for_demo_organisations_only(code):
    org = services.organisation_create(actor=None, name="Demo", type=OrgType.KOMMUN, kommunkod=code, is_demo=True)
    assert org.kommunkod == code
    with pytest.raises(ValidationError):
        services.organisation_create(actor=None, name="Påhittad", type=OrgType.NAMND, kommunkod=code)
    real = services.organisation_create(actor=None, name="Uppsala kommun", type=OrgType.KOMMUN, kommunkod="0380")
    with pytest.raises(ValidationError):
        services.organisation_update(actor=None, organisation=real, kommunkod=code)


@pytest.mark.django_db
def test_a_municipality_exists_once():
    services.organisation_create(actor=None, name="Lund", type=OrgType.KOMMUN, kommunkod="1281")
    with pytest.raises(ValidationError):
        services.organisation_create(actor=None, name="Lunds kommun", type=OrgType.KOMMUN, kommunkod="1281")


@pytest.mark.django_db
def test_an_organisation_cannot_be_placed_under_its_own_child(world):
    with pytest.raises(ValidationError):
        services.organisation_update(actor=world.alice, organisation=world.kommun_a, parent=world.forvaltning_a)


@pytest.mark.django_db
def test_the_admin_adds_a_member_and_changes_the_role(world, login):
    client = login(world.alice)
    response = client.post(f"/accounts/organisations/{world.kommun_a.pk}/members/add/", {
        "username": "frida", "role": "lasare", "password": "a long enough password 42",
    })
    assert response.status_code == 302
    membership = world.kommun_a.memberships.get(user__username="frida")
    response = client.post(f"/accounts/members/{membership.pk}/role/", {"role": "rapportor"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"member-" in response.content
    membership.refresh_from_db()
    assert membership.role == "rapportor"
    assert AuditEntry.objects.filter(object_type="accounts.membership", action="update").exists()


@pytest.mark.django_db
def test_a_reporter_cannot_manage_members(world, login):
    client = login(world.bob)
    assert client.get(f"/accounts/organisations/{world.kommun_a.pk}/members/add/").status_code == 404
    assert client.get(f"/accounts/organisations/{world.kommun_a.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_admin_of_a_kommun_administers_its_forvaltningar(world, login):
    client = login(world.alice)
    assert client.get(f"/accounts/organisations/{world.forvaltning_a.pk}/settings/").status_code == 200
    client = login(world.erik)
    assert client.get(f"/accounts/organisations/{world.kommun_a.pk}/settings/").status_code == 404


def attach(client, org, username, role="lasare"):
    return client.post(f"/accounts/organisations/{org.pk}/members/existing/", {"username": username, "role": role})


@pytest.mark.django_db
def test_the_admin_moves_a_member_of_her_kommun_into_one_of_its_forvaltningar(world, login):
    client = login(world.alice)
    assert client.get(f"/accounts/organisations/{world.forvaltning_a.pk}/members/existing/").status_code == 200
    response = attach(client, world.forvaltning_a, "bob", Role.SAMORDNARE)
    assert response.status_code == 302
    assert Membership.objects.get(user=world.bob, organisation=world.forvaltning_a).role == Role.SAMORDNARE
    assert AuditEntry.objects.filter(
        object_type="accounts.membership", action="create", organisation=world.forvaltning_a, actor=world.alice
    ).exists()
    # And the other way: Erik, of the förvaltning, into the kommun.
    assert attach(client, world.kommun_a, "erik").status_code == 302
    assert Membership.objects.filter(user=world.erik, organisation=world.kommun_a).exists()


@pytest.mark.django_db
def test_the_admin_cannot_attach_another_organisations_user_nor_learn_that_it_exists(world, login):
    client = login(world.alice)
    elsewhere = attach(client, world.kommun_a, "carol")
    nowhere = attach(client, world.kommun_a, "nobody-at-all")
    assert elsewhere.status_code == nowhere.status_code == 200
    assert elsewhere.context["form"].errors == nowhere.context["form"].errors
    assert list(elsewhere.context["form"].errors) == ["username"]
    assert not Membership.objects.filter(user=world.carol, organisation=world.kommun_a).exists()
    assert not AuditEntry.objects.filter(object_type="accounts.membership", actor=world.alice).exists()


@pytest.mark.django_db
def test_an_admin_of_a_forvaltning_cannot_attach_members_of_the_kommun_above(world, login):
    fia = World.user("fia", world.forvaltning_a, Role.ADMIN)
    client = login(fia)
    response = attach(client, world.forvaltning_a, "bob")
    assert response.status_code == 200
    assert response.context["form"].errors == attach(client, world.forvaltning_a, "nobody-at-all").context[
        "form"].errors
    assert not Membership.objects.filter(user=world.bob, organisation=world.forvaltning_a).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["", "a long enough password 42"])
def test_adding_a_new_member_never_attaches_an_existing_account(world, login, password):
    client = login(world.alice)
    response = client.post(f"/accounts/organisations/{world.kommun_a.pk}/members/add/", {
        "username": "carol", "role": "admin", "password": password,
    })
    assert response.status_code == 200
    assert not Membership.objects.filter(user=world.carol, organisation=world.kommun_a).exists()
    world.carol.refresh_from_db()
    assert world.carol.check_password("correct horse battery staple")


@pytest.mark.django_db
def test_a_new_members_initial_password_must_pass_the_validators(world, login):
    client = login(world.alice)
    response = client.post(f"/accounts/organisations/{world.kommun_a.pk}/members/add/", {
        "username": "frida", "role": "lasare", "password": "short",
    })
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not Membership.objects.filter(user__username="frida").exists()
