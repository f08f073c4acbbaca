"""The start page's item for the people of a regional organisation: the county overview, with how many of its
member municipalities share their numbers with it."""

from django.urls import reverse
from django.utils.translation import ngettext

from samtrygg.access import Access
from samtrygg.accounts.models import Membership
from samtrygg.ui.attention import Item

from .models import AggregateShare, Region


def membership_items(access: Access, membership: Membership) -> list[Item]:
    region = Region.objects.filter(organisation=membership.organisation).first()
    if region is None:
        return []
    count = region.members.count()
    sharing = AggregateShare.objects.active().filter(member__region=region).values("member").distinct().count()
    return [Item(
        ngettext("The county overview: %(count)s member municipality, %(sharing)s of them sharing numbers with you.",
                 "The county overview: %(count)s member municipalities, %(sharing)s of them sharing numbers with you.",
                 count) % {"count": count, "sharing": sharing},
        reverse("county:dashboard", args=[region.pk]),
    )]
