"""The start page's items about areas: for a coordinator, areas to import or to complete with a population (not
for a regional organisation, nor for a partner that works in the areas shared with it: how many it can see); for a
reporter or reader, how many areas they can see."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Access, Action
from samtrygg.accounts.models import REGIONAL_TYPES, Membership, Role
from samtrygg.sharing.models import Grant
from samtrygg.ui.attention import Item

from .models import Area, AreaKind


def membership_items(access: Access, membership: Membership) -> list[Item]:
    org = membership.organisation
    if access.can_in(Action.MANAGE_AREAS, org):
        areas = Area.objects.filter(owner=org)
        total = areas.count()
        if not total:
            if org.type in REGIONAL_TYPES:
                return []  # the county level works with its members' shared numbers (county.start)
            if Grant.objects.active().filter(grantee=org).exists():
                return [overview(access)]  # a partner working in the areas shared with it (the police)
            return [Item(_("Your organisation has no areas yet: import them from GeoJSON."),
                         reverse("areas:import"), urgent=True)]
        missing = areas.filter(population__isnull=True).exclude(kind=AreaKind.PLATS).count()
        if missing:
            return [Item(
                ngettext("%(count)s of %(total)s areas lacks a population (needed for rates per 1,000 residents).",
                         "%(count)s of %(total)s areas lack a population (needed for rates per 1,000 residents).",
                         missing) % {"count": missing, "total": total},
                reverse("areas:list"),
            )]
        return []
    if membership.role in {Role.RAPPORTOR, Role.LASARE}:
        return [overview(access)]
    return []


def overview(access: Access) -> Item:
    """How many areas the user can see: the item a panel shows when nothing else needs attention."""
    count = access.areas().count()
    text = ngettext("You can see %(count)s area.", "You can see %(count)s areas.", count) % {"count": count}
    return Item(text, reverse("areas:list"))
