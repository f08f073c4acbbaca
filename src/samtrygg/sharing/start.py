"""The start page's items about sharing: what a coordinator's organisation shares, and what partners share with it."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Membership
from samtrygg.areas.models import Area
from samtrygg.ui.attention import Item

from .models import Grant


def membership_items(access: Access, membership: Membership) -> list[Item]:
    org, items = membership.organisation, []
    if access.can_in(Action.MANAGE_AREAS, org) and Area.objects.filter(owner=org).exists():
        given = Grant.objects.active().filter(grantor=org).count()
        items.append(Item(
            ngettext("Your organisation shares data through %(count)s active grant.",
                     "Your organisation shares data through %(count)s active grants.", given) % {"count": given}
            if given else _("Your organisation shares no data with partners yet."),
            reverse("sharing:list"),
        ))
    received = Grant.objects.active().filter(grantee=org).count()
    if received:
        items.append(Item(
            ngettext("%(count)s sharing grant gives your organisation access to partners' data.",
                     "%(count)s sharing grants give your organisation access to partners' data.", received)
            % {"count": received},
            reverse("sharing:list"),
        ))
    return items
