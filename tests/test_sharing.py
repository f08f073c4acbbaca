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


@pytest.mark.django_db
def test_a_grant_shares_the_grantors_rows_in_its_areas_not_a_third_organisations(world, login):
    """Kommun A shares Centrum with kommun B. The police report an incident in Centrum (their own: shared with no
    one); kommun A's förvaltning reports one too. Kommun B sees the förvaltning's (below the grantor), never the
    police's, in the list, on the incident's page, in the map's data, in the export and in the counts."""
    from django.urls import reverse

    from reporting import report
    from samtrygg.access import Access
    from samtrygg.accounts.models import Role
    from samtrygg.incidents import selectors
    from samtrygg.incidents.models import CellTally

    services.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.kommun_b, kind="incidents",
                          access="read", areas=[world.area_a])
    polis = world.user("polis", world.police, Role.RAPPORTOR)
    theirs = report(world, actor=polis, owner=world.police, area=world.area_a_sub, description="Polisens händelse")
    below = report(world, actor=world.erik, owner=world.forvaltning_a, description="Förvaltningens händelse")
    assert below.area_id == world.area_a_sub.pk and theirs.area_id == world.area_a_sub.pk
    carol = Access(world.carol)
    assert set(selectors.incidents(carol).values_list("pk", flat=True)) == {below.pk}
    assert not selectors.tallies(carol, CellTally).filter(owner=world.police).exists()
    client = login(world.carol)
    assert "Förvaltningens" in client.get(reverse("incidents:detail", args=[below.pk])).content.decode()
    assert client.get(reverse("incidents:detail", args=[theirs.pk])).status_code == 404
    listed = client.get(reverse("incidents:list")).content.decode()
    assert "Exempelstad förvaltning" in listed or "1 händelse" in listed
    assert "Lokalpolisområde" not in listed
    response = client.get(reverse("incidents:export"), {"format": "csv"})
    exported = b"".join(response.streaming_content).decode("utf-8-sig", errors="replace")
    assert "Förvaltningens händelse" in exported and "Polisens händelse" not in exported
    # The police see their own; kommun A (the grantor) sees its förvaltning's but not the police's.
    assert theirs.pk in set(selectors.incidents(Access(polis)).values_list("pk", flat=True))
    assert set(selectors.incidents(Access(world.alice)).values_list("pk", flat=True)) == {below.pk}
