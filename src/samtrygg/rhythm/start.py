"""The start page's items about the year's work: for a member of a municipality, its duties that are overdue or
fall due within 30 days; for its administrators and coordinators, also that the year is not planned yet."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Membership, OrgType
from samtrygg.ui.attention import Item

from . import selectors

SOON_DAYS = 30


def membership_items(access: Access, membership: Membership) -> list[Item]:
    org = membership.organisation
    if org.type != OrgType.KOMMUN:
        return []
    today = timezone.localdate()
    url = f"{reverse('rhythm:wheel')}?kommun={org.pk}"
    open_duties = selectors.duties(access).filter(owner=org, done_on__isnull=True)
    late = open_duties.filter(due__lt=today).count()
    soon = open_duties.filter(due__gte=today, due__lte=today + datetime.timedelta(days=SOON_DAYS)).count()
    items = []
    if late:
        items.append(Item(ngettext("%(count)s duty of the year's work is overdue.",
                                   "%(count)s duties of the year's work are overdue.", late) % {"count": late},
                          url, urgent=True))
    if soon:
        items.append(Item(ngettext("%(count)s duty of the year's work falls due within 30 days.",
                                   "%(count)s duties of the year's work fall due within 30 days.", soon)
                          % {"count": soon}, url))
    if access.can_in(Action.CHANGE, org) and not selectors.duties(access).filter(owner=org).exists():
        items.append(Item(_("The year's work is not planned yet: fill in the standard year."), url))
    return items
