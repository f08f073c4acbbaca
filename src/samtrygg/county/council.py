"""The county's council or network for mellankommunala frågor: a meeting group (samtrygg.meetings) of the kind
"mellankommunal", convened by the regional organisation, with a function for each member municipality. Its
meetings carry the standing item "Mellankommunala frågor", whose generated part (`meeting_part`, registered with
the meeting module when the app starts) is the members' shared picture for the meeting's year: the same safe
tables as the county's dashboard (no count below k, none recoverable by subtraction) and the hot spots across
municipal borders. The question the item puts to the meeting is seed 002's: what can we do together in the county?"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Organisation
from samtrygg.meetings.models import Group, GroupKind, Meeting
from samtrygg.publishing.document import Paragraph

from . import geography, publication
from .document import hotspots_section, incidents_section
from .models import Region
from .selectors import member_municipalities


def councils(region: Region) -> QuerySet[Group]:
    """The region's inter-municipal councils and networks."""
    return Group.objects.filter(owner=region.organisation_id, kind=GroupKind.INTERMUNICIPAL).order_by("name")


def council_get(access: Access, pk: int, action: Action) -> tuple[Region, Group]:
    """A council of a region in whose organisation the user may `action`, with its region."""
    region = Region.objects.filter(organisation__in=access.orgs_for(action),
                                   organisation__meeting_groups=pk).select_related("organisation").first()
    group = councils(region).filter(pk=pk).first() if region else None
    if group is None:
        raise Http404
    return region, group


def missing_members(region: Region, group: Group) -> list[Organisation]:
    """The member municipalities without a function in the group yet."""
    present = set(group.functions.values_list("organisation_id", flat=True))
    return [m for m in member_municipalities(region) if m.pk not in present]


def meeting_part(meeting: Meeting) -> list:
    """The generated part of "Mellankommunala frågor": the members' shared picture for the meeting's year."""
    region = Region.objects.filter(organisation=meeting.group.owner_id).select_related("organisation").first()
    if region is None:
        return [Paragraph(_("The convening organisation holds no member municipalities, so there is no shared "
                            "picture to show here. Matters the members raise are taken up under this item."))]
    year = timezone.localdate(meeting.starts_at).year
    intro = Paragraph(_("What can we do together in the county? The members' shared picture for %(year)s as it "
                        "stood when the agenda was read, from the counts they share with %(region)s.") % {
        "year": year, "region": region.organisation.name})
    incidents = incidents_section(publication.publish(region, year))
    spots = hotspots_section(geography.county_hotspots(region, year))
    return [intro, *incidents.blocks, *spots.blocks]
