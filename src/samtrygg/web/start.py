"""The start page, assembled: for each of the user's memberships, what each app offers (its `start.py`), in the
order of the work; the shell adds nothing of its own but the fallback when no app has anything to say."""

from dataclasses import dataclass, field

from samtrygg.access import Access
from samtrygg.accounts import start as accounts_start
from samtrygg.accounts.models import Membership
from samtrygg.areas import start as areas_start
from samtrygg.sharing import start as sharing_start
from samtrygg.ui.attention import Item

CONTRIBUTORS = (accounts_start, areas_start, sharing_start)


@dataclass
class Panel:
    membership: Membership
    items: list[Item] = field(default_factory=list)


def start_panels(access: Access) -> list[Panel]:
    panels = []
    for membership in Membership.objects.filter(user=access.user).select_related("organisation"):
        panel = Panel(membership)
        for app in CONTRIBUTORS:
            panel.items.extend(app.membership_items(access, membership))
        if not panel.items:
            panel.items.append(areas_start.overview(access))
        panels.append(panel)
    return panels
