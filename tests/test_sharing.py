import pytest
from django.core.exceptions import ValidationError

from samtrygg.audit.models import AuditEntry
from samtrygg.sharing import services
from samtrygg.sharing.models import Grant


@pytest.mark.django_db
def test_sharing_through_the_ui_is_audited_in_both_organisations(world, login):
    client = login(world.alice)
    page = client.get("/sharing/new/")
    assert page.status_code == 200
    response = client.post("/sharing/new/", {
        "grantor": world.kommun_a.pk, "grantee": world.police.pk, "kind": "incidents", "access": "read",
        "areas": [world.area_a.pk], "note": "Samverkansöverenskommelse 2026",
    })
    assert response.status_code == 302
    grant = Grant.objects.get()
    orgs = set(AuditEntry.objects.filter(action="grant").values_list("organisation_id", flat=True))
    assert orgs == {world.kommun_a.pk, world.police.pk}
    assert client.post(f"/sharing/{grant.pk}/revoke/").status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == world.alice
    assert AuditEntry.objects.filter(action="revoke").count() == 2


@pytest.mark.django_db
def test_only_own_areas_can_be_shared(world):
    with pytest.raises(ValidationError):
        services.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police, kind="incidents",
                              access="read", areas=[world.area_b])


@pytest.mark.django_db
def test_the_receiver_cannot_revoke_and_a_reporter_cannot_share(world, login):
    grant = services.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police,
                                  kind="incidents", access="read", areas=[world.area_a])
    assert login(world.dave).post(f"/sharing/{grant.pk}/revoke/").status_code == 404
    assert login(world.bob).get("/sharing/new/").status_code == 404
    assert login(world.carol).post(f"/sharing/{grant.pk}/revoke/").status_code == 404
