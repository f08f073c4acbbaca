"""Nothing crosses organisations without a grant: 404 for every object of another organisation, exactly the
granted objects after a grant, and nothing again after revocation."""

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from personas import World
from samtrygg.access import Access
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import DataKind


def area_urls(area):
    return [f"/areas/{area.pk}/", f"/areas/{area.pk}/edit/", f"/areas/{area.pk}/delete/"]


def org_urls(org):
    return [f"/accounts/organisations/{org.pk}/", f"/accounts/organisations/{org.pk}/settings/",
            f"/accounts/organisations/{org.pk}/members/add/", f"/accounts/organisations/{org.pk}/new/"]


def client_for(user):
    client = Client()
    client.force_login(user, backend="samtrygg.accounts.backends.PasswordBackend")
    return client


@pytest.mark.django_db
def test_every_object_of_another_organisation_is_404(world):
    carol = client_for(world.carol)
    for area in (world.area_a, world.area_a_sub, world.area_a2):
        for url in area_urls(area):
            assert carol.get(url).status_code == 404, url
    for url in org_urls(world.kommun_a) + org_urls(world.forvaltning_a):
        assert carol.get(url).status_code == 404, url
    membership = world.alice.memberships.get()
    for url in [f"/accounts/members/{membership.pk}/role/", f"/accounts/members/{membership.pk}/remove/"]:
        assert carol.post(url, {"role": "admin"}).status_code == 404
    listing = carol.get("/areas/").content.decode()
    assert "Centrum" not in listing and "Grannstad C" in listing


@pytest.mark.django_db
def test_a_grant_shows_exactly_the_granted_areas_and_revocation_hides_them_again(world):
    dave = client_for(world.dave)
    assert dave.get(f"/areas/{world.area_a.pk}/").status_code == 404
    grant = sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police,
                                 kind=DataKind.INCIDENTS, access="read", areas=[world.area_a])
    assert dave.get(f"/areas/{world.area_a.pk}/").status_code == 200
    assert dave.get(f"/areas/{world.area_a_sub.pk}/").status_code == 200  # sub-areas come with the area
    assert dave.get(f"/areas/{world.area_a2.pk}/").status_code == 404  # not granted
    assert dave.get(f"/areas/{world.area_a.pk}/edit/").status_code == 404  # read is not change
    assert dave.get(f"/accounts/organisations/{world.kommun_a.pk}/").status_code == 200  # partner is visible
    assert dave.get(f"/accounts/organisations/{world.kommun_a.pk}/settings/").status_code == 404
    assert dave.get(f"/accounts/organisations/{world.forvaltning_a.pk}/").status_code == 404
    sharing.grant_revoke(actor=world.alice, grant=grant)
    assert dave.get(f"/areas/{world.area_a.pk}/").status_code == 404
    assert dave.get(f"/areas/{world.area_a_sub.pk}/").status_code == 404
    assert dave.get(f"/accounts/organisations/{world.kommun_a.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_grant_scopes_domain_rows_by_kind_area_and_access(world):
    from samtrygg.areas.models import Area

    sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police,
                         kind=DataKind.INCIDENTS, access="read", areas=[world.area_a])
    access = Access(world.dave)
    # Areas stand in for any area-bound table here: scope() is the rule every domain table uses.
    rows = Area.objects.all()
    seen = set(access.scope(rows, kind=DataKind.INCIDENTS, area_field="pk").values_list("name", flat=True))
    assert seen == {"Centrum", "Torget"}
    assert not access.scope(rows, kind=DataKind.PLANS, area_field="pk").exists()
    assert not access.scope(rows, kind=DataKind.INCIDENTS, area_field="pk", action="report").exists()


def make_grants(world, grants) -> list:
    """Incident grants from (grantor, grantee, area, revoked) names, those that may be made; the active ones as
    (grantor, grantee, area)."""
    active = []
    for grantor, grantee, area, revoke in grants:
        grantor, grantee, area = getattr(world, grantor), getattr(world, grantee), getattr(world, area)
        if grantor == grantee or area.owner_id != grantor.pk:
            continue
        grant = sharing.grant_create(actor=None, grantor=grantor, grantee=grantee, kind=DataKind.INCIDENTS,
                                     access="read", areas=[area])
        if revoke:
            sharing.grant_revoke(actor=None, grant=grant)
        else:
            active.append((grantor, grantee, area))
    return active


class PropertyIsolation(TestCase):
    """For any viewer, any target object and any set of grants, the viewer sees an area if and only if
    their organisation (or one above it) owns it or an active grant covers it or an area above it."""

    @classmethod
    def setUpTestData(cls):
        cls.world = World()

    @settings(max_examples=40, deadline=None)
    @given(
        viewer=st.sampled_from(["alice", "bob", "carol", "dave", "erik"]),
        grants=st.lists(st.tuples(st.sampled_from(["kommun_a", "kommun_b"]),
                                  st.sampled_from(["kommun_a", "kommun_b", "police", "forvaltning_a"]),
                                  st.sampled_from(["area_a", "area_a_sub", "area_a2", "area_b"]),
                                  st.booleans()), max_size=3),
    )
    def test_visibility_matches_the_rule(self, viewer, grants):
        w = self.world
        active = [(grantee, area) for _grantor, grantee, area in make_grants(w, grants)]
        user = getattr(w, viewer)
        home = user.memberships.get().organisation
        family = {home.pk} | ({home.parent_id} if home.parent_id else set())
        mine = {home.pk} | set(home.children.values_list("pk", flat=True))  # roles inherit downwards
        client = client_for(user)
        for name in ["area_a", "area_a_sub", "area_a2", "area_b"]:
            area = getattr(w, name)
            covered = {g_area.pk for grantee, g_area in active if grantee.pk in mine}
            expected = area.owner_id in family or area.pk in covered or (area.parent_id in covered)
            status = client.get(f"/areas/{area.pk}/").status_code
            assert status == (200 if expected else 404), (viewer, name, grants)


class PropertyIncidentSharing(TestCase):
    """For any viewer and any set of incident grants (some revoked), the viewer sees an incident if and only if
    an organisation they hold a role in (roles inheriting downwards) owns it, or
    an active grant to such an organisation covers its area (or an area above it) and its owner is the grantor or
    an organisation below the grantor. Incidents of all four organisations lie in every area, so a grant of an area
    in which a third organisation reports is tried in every example."""

    AREAS = ["area_a", "area_a_sub", "area_a2", "area_b"]
    OWNERS = ["kommun_a", "forvaltning_a", "kommun_b", "police"]

    @classmethod
    def setUpTestData(cls):
        from django.utils import timezone

        from reporting import category
        from samtrygg.incidents import services as incidents

        cls.world = w = World()
        cls.placed = {}  # incident id -> (owner id, area)
        for owner in cls.OWNERS:
            for area in cls.AREAS:
                made = incidents.incident_create(actor=None, owner=getattr(w, owner), area=getattr(w, area),
                                                 category=category("skadegorelse.klotter"),
                                                 occurred_from=timezone.now())
                cls.placed[made.pk] = (getattr(w, owner).pk, getattr(w, area))

    @settings(max_examples=40, deadline=None)
    @given(
        viewer=st.sampled_from(["alice", "bob", "carol", "dave", "erik"]),
        grants=st.lists(st.tuples(st.sampled_from(["kommun_a", "kommun_b"]),
                                  st.sampled_from(["kommun_a", "kommun_b", "police", "forvaltning_a"]),
                                  st.sampled_from(AREAS), st.booleans()), max_size=3),
    )
    def test_an_incident_is_seen_exactly_by_the_rule(self, viewer, grants):
        from samtrygg.incidents import selectors

        w = self.world
        active = make_grants(w, grants)
        user = getattr(w, viewer)
        home = user.memberships.get().organisation

        def below(org):
            return {org.pk} | set(org.children.values_list("pk", flat=True))  # the world is two levels deep

        mine = below(home)
        expected = set()
        for pk, (owner, area) in self.placed.items():
            shared = any(grantee.pk in mine and owner in below(grantor)
                         and (area.pk == g_area.pk or area.parent_id == g_area.pk)
                         for grantor, grantee, g_area in active)
            if owner in mine or shared:
                expected.add(pk)
        seen = set(selectors.incidents(Access(user)).filter(pk__in=self.placed).values_list("pk", flat=True))
        assert seen == expected, (viewer, grants)
