"""Reads of the county level, scoped. Who sees a region: its own people (any role in the regional organisation)
and the people of its member municipalities. Who manages it (settings, members, surveys): those who may manage
the regional organisation (admins) or change in it (coordinators, for surveys). A member's sharing is decided by
those who may manage sharing in the municipality."""

from django.db.models import Q, QuerySet
from django.http import Http404

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.decisions.models import Status

from .models import REGIONAL_TYPES, AggregateShare, CountyPicture, Region, RegionMember


def regions(access: Access) -> QuerySet[Region]:
    own = set(access.roles)
    return (Region.objects.filter(Q(organisation__in=own) | Q(members__municipality__in=own))
            .distinct().select_related("organisation"))


def region_get(access: Access, pk: int, action: Action = Action.VIEW) -> Region:
    """The region, if the user may `action` it: VIEW as above; any other action in the regional organisation."""
    qs = regions(access) if action == Action.VIEW else Region.objects.filter(
        organisation__in=access.orgs_for(action)).select_related("organisation")
    region = qs.filter(pk=pk).first()
    if region is None:
        raise Http404
    return region


def is_region_staff(access: Access, region: Region) -> bool:
    return access.role_in(region.organisation_id) is not None


def regional_organisations(access: Access, action: Action = Action.MANAGE_ORGANISATION) -> QuerySet[Organisation]:
    """Regional organisations the user may set up as regions."""
    return Organisation.objects.filter(pk__in=access.orgs_for(action), type__in=REGIONAL_TYPES)


def members(region: Region) -> QuerySet[RegionMember]:
    return region.members.select_related("municipality").order_by("municipality__kommunkod", "municipality__name")


def member_municipalities(region: Region) -> QuerySet[Organisation]:
    return Organisation.objects.filter(region_memberships__region=region).order_by("kommunkod", "name")


def municipality_choices(region: Region) -> QuerySet[Organisation]:
    """Municipalities that could join: every kommun not yet a member (in the region's county first)."""
    return Organisation.objects.filter(type=OrgType.KOMMUN).exclude(region_memberships__region=region)


def memberships_managed(access: Access) -> QuerySet[RegionMember]:
    """The region memberships of the municipalities whose sharing the user decides."""
    return (RegionMember.objects.filter(municipality__in=access.orgs_for(Action.MANAGE_SHARING))
            .select_related("region__organisation", "municipality"))


def member_get(access: Access, pk: int, action: Action = Action.MANAGE_SHARING) -> RegionMember:
    """A membership whose municipality's sharing the user decides (MANAGE_SHARING), or which the user's region
    manages (MANAGE_ORGANISATION in the regional organisation)."""
    member = (RegionMember.objects.filter(pk=pk).select_related("region__organisation", "municipality")
              .filter(Q(municipality__in=access.orgs_for(action)) | Q(region__organisation__in=access.orgs_for(action)))
              .first())
    if member is None:
        raise Http404
    return member


def sharing_members(region: Region, kind: str) -> QuerySet[RegionMember]:
    """The members that share `kind` with the region now."""
    active = AggregateShare.objects.active().filter(kind=kind).values("member")
    return members(region).filter(pk__in=active)


def shares(member: RegionMember) -> QuerySet[AggregateShare]:
    return member.shares.select_related("created_by", "revoked_by").order_by("-created_at")


def pictures(access: Access, region: Region) -> QuerySet[CountyPicture]:
    """The county's lägesbilder: all for the region's own people; the adopted ones for its members' people."""
    qs = region.pictures.select_related("series")
    return qs if is_region_staff(access, region) else qs.filter(status=Status.ADOPTED)


def picture_get(access: Access, pk: int, action: Action = Action.VIEW) -> CountyPicture:
    """A county lägesbild the user may see (VIEW, as `pictures()`) or change (CHANGE in the regional organisation)."""
    picture = CountyPicture.objects.select_related("region__organisation", "series").filter(pk=pk).first()
    if picture is None or not regions(access).filter(pk=picture.region_id).exists():
        raise Http404
    if action == Action.VIEW:
        visible = is_region_staff(access, picture.region) or picture.is_adopted
    else:
        visible = access.can_in(action, picture.region.organisation_id)
    if not visible:
        raise Http404
    return picture
