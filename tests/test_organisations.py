import pytest
from django.core.exceptions import ValidationError

from samtrygg.accounts import services
from samtrygg.accounts.models import OrgType
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
