"""Mellankommunala frågor: a county council or network convened by the region, with a function for each member
municipality; its meetings carry the standing item "Mellankommunala frågor", whose generated part is the members'
shared picture (the same safe table as the dashboard: nothing below k, nothing of a member that does not share)
and which the protocol freezes. An EST group still needs an area; a council needs none."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.areas.models import Area
from samtrygg.audit.models import AuditEntry
from samtrygg.county import council, services
from samtrygg.meetings import services as meeting_services
from samtrygg.meetings.document import compose_protocol
from samtrygg.meetings.forms import GroupForm
from samtrygg.meetings.models import Function, Group, GroupKind, ItemKind
from samtrygg.publishing.document import Document, Table
from test_county import County, add

pytestmark = pytest.mark.django_db
TITLE = "Brottsförebyggande samordnare"


@pytest.fixture
def county(db):
    return County()


def _council(county):
    return services.council_create(actor=county.analyst, region=county.region, name="Länets BF-nätverk",
                                   description="Vad kan vi göra länsgemensamt?", title=TITLE)


def _meeting(county, group, days=7):
    start = timezone.now() + timedelta(days=days)
    return meeting_services.meeting_create(actor=county.analyst, group=group, title="Nätverksmöte",
                                           starts_at=start, ends_at=start + timedelta(hours=2))


def _item_tables(document, kind_title="Mellankommunala frågor"):
    section = next(s for s in document.sections if kind_title in s.heading)
    return section, [b for b in section.blocks if isinstance(b, Table)]


def test_a_council_has_every_member_and_no_area(county):
    group = _council(county)
    assert group.kind == GroupKind.INTERMUNICIPAL and group.area is None and group.owner == county.lst
    assert sorted(f.organisation.kommunkod for f in group.functions.all()) == sorted(county.kommun)
    assert AuditEntry.objects.filter(organisation=county.lst, object_type__endswith="group",
                                     object_id=str(group.pk)).exists()
    assert AuditEntry.objects.filter(organisation=county.lst, object_type__endswith="function").count() == 4
    assert list(council.councils(county.region)) == [group]


def test_a_member_that_joins_later_is_added(county):
    group = _council(county)
    later = accounts.organisation_create(actor=None, name="Sala kommun", type=OrgType.KOMMUN, kommunkod="1981")
    services.member_add(actor=None, region=county.region, municipality=later)
    assert council.missing_members(county.region, group) == [later]
    added = services.council_members_add(actor=county.analyst, region=county.region, group=group, title=TITLE)
    assert [f.organisation for f in added] == [later]
    assert council.missing_members(county.region, group) == []
    assert services.council_members_add(actor=county.analyst, region=county.region, group=group, title=TITLE) == []


def test_only_the_regions_councils_take_members(county):
    est = meeting_services.group_save(actor=county.analyst, owner=county.lst, kind=GroupKind.COUNCIL, name="Råd")
    with pytest.raises(ValidationError):
        services.council_members_add(actor=county.analyst, region=county.region, group=est, title=TITLE)


def test_the_standing_item_shows_the_shared_picture_and_nothing_below_k(county):
    year = timezone.localdate().year
    add(county.kommun["1980"], 40, "skadegorelse.klotter", year=year)
    add(county.kommun["1907"], 30, "skadegorelse.klotter", year=year)
    add(county.kommun["1961"], 3, "skadegorelse.klotter", year=year)  # below k: hidden
    add(county.kommun["1983"], 50, "skadegorelse.klotter", year=year)  # Köping shares nothing
    meeting = _meeting(county, _council(county))
    kinds = list(meeting.items.values_list("kind", flat=True))
    assert kinds.index(ItemKind.INTERMUNICIPAL) < kinds.index(ItemKind.TASKS) < kinds.index(ItemKind.OTHER)

    section, tables = _item_tables(compose_protocol(meeting))
    counts = tables[0]
    names = [row[0] for row in counts.rows]
    assert "Västerås kommun" in names and "Köping kommun" not in names
    shown = [v for row in counts.rows for v in row[1:] if isinstance(v, int)]
    assert max(shown) >= 30 and all(v == 0 or v >= county.region.min_count for v in shown)
    assert not any(v == 3 for row in counts.rows for v in row[1:2])


def test_the_justerat_protocol_keeps_the_picture(county):
    year = timezone.localdate().year
    add(county.kommun["1980"], 40, "skadegorelse.klotter", year=year)
    group = _council(county)
    vera = county.coordinator
    meeting_services.function_save(actor=county.analyst, group=group, function=group.functions.get(
        organisation=county.kommun["1980"]), title=TITLE, holder=vera)
    meeting_services.function_save(actor=county.analyst, group=group, organisation=county.lst, title="Sammankallande",
                                   holder=county.analyst)
    meeting = _meeting(county, group, days=-2)
    meeting_services.adjusters_set(actor=county.analyst, meeting=meeting, users=[vera, county.analyst])
    meeting_services.protocol_submit(actor=county.analyst, meeting=meeting)
    for user in (vera, county.analyst):
        meeting_services.protocol_sign(actor=user, meeting=meeting, verified=True)
    meeting.refresh_from_db()
    add(county.kommun["1980"], 40, "skadegorelse.klotter", year=year)  # after justering: not in the protocol
    _section, tables = _item_tables(Document.from_dict(meeting.document))
    assert next(row for row in tables[0].rows if row[0] == "Västerås kommun")[1] == 40


def test_a_council_of_an_organisation_without_members_says_so(county):
    other = accounts.organisation_create(actor=None, name="Polisregion Bergslagen", type=OrgType.LOKALPOLISOMRADE)
    group = meeting_services.group_save(actor=None, owner=other, kind=GroupKind.INTERMUNICIPAL, name="Nätverk")
    start = timezone.now()
    meeting = meeting_services.meeting_create(actor=None, group=group, title="Möte", starts_at=start,
                                              ends_at=start + timedelta(hours=1))
    section, tables = _item_tables(compose_protocol(meeting))
    assert not tables and "inga medlemskommuner" in section.blocks[0].text


def test_an_est_group_needs_an_area(county):
    with pytest.raises(ValidationError) as error:
        meeting_services.group_save(actor=None, owner=county.kommun["1980"], kind=GroupKind.EST, name="EST")
    assert "area" in error.value.message_dict
    kommun = county.kommun["1980"]
    form = GroupForm({"kind": GroupKind.EST, "name": "EST", "owner": kommun.pk},
                     owners=Organisation.objects.filter(pk=kommun.pk), areas=Area.objects.filter(owner=kommun))
    assert not form.is_valid() and "area" in form.errors
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(owner=county.kommun["1980"], kind=GroupKind.EST, name="EST")


def test_a_member_may_not_add_to_the_council(county, client):
    group = _council(county)
    later = accounts.organisation_create(actor=None, name="Sala kommun", type=OrgType.KOMMUN, kommunkod="1981")
    services.member_add(actor=None, region=county.region, municipality=later)
    client.force_login(county.coordinator)  # Västerås's coordinator: sees the region, changes nothing in it
    response = client.post(reverse("county:council_members", args=[group.pk]), {"title": TITLE})
    assert response.status_code == 404
    assert not Function.objects.filter(group=group, organisation=later).exists()
    client.force_login(county.analyst)
    response = client.post(reverse("county:council_members", args=[group.pk]), {"title": TITLE})
    assert response.status_code == 302
    assert Function.objects.filter(group=group, organisation=later, title=TITLE).exists()


def test_the_pages(county, client):
    client.force_login(county.analyst)
    dashboard = reverse("county:dashboard", args=[county.region.pk])
    response = client.post(reverse("county:council_create", args=[county.region.pk]),
                           {"name": "Länets råd", "description": "", "title": TITLE})
    group = Group.objects.get(name="Länets råd")
    assert response.status_code == 302 and response["Location"] == reverse("meetings:group_detail", args=[group.pk])
    assert "Länets råd" in client.get(dashboard).content.decode()
    meeting = _meeting(county, group)
    client.force_login(county.coordinator)  # a member's coordinator reads the council's meeting
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Mellankommunala frågor" in page and "Vad kan vi göra länsgemensamt?" in page
    assert "Nytt råd eller nätverk" not in client.get(dashboard).content.decode()
    assert client.get(reverse("county:council_create", args=[county.region.pk])).status_code == 404
