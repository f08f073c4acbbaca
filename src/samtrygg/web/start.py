"""The start page, assembled from what each app offers (its `start.py`, see ui/attention.py): first the user's
own work, in the order of the cycle (report → lägesbild → plan → meetings), then per membership what needs
attention in that organisation. The shell adds nothing of its own but the layout and the fallback when no app
has anything to say about an organisation."""

from dataclasses import dataclass, field

from samtrygg.access import Access
from samtrygg.accounts import start as accounts_start
from samtrygg.accounts.models import Membership
from samtrygg.areas import start as areas_start
from samtrygg.background import start as background_start
from samtrygg.county import start as county_start
from samtrygg.incidents import start as incidents_start
from samtrygg.lagesbild import start as lagesbild_start
from samtrygg.meetings import start as meetings_start
from samtrygg.plans import start as plans_start
from samtrygg.rhythm import start as rhythm_start
from samtrygg.sharing import start as sharing_start
from samtrygg.ui.attention import Item

PERSONAL = (incidents_start, lagesbild_start, plans_start, meetings_start, accounts_start, background_start)
MEMBERSHIP = (accounts_start, areas_start, sharing_start, rhythm_start, county_start)


@dataclass
class Panel:
    membership: Membership
    items: list[Item] = field(default_factory=list)


@dataclass
class StartPage:
    may_report: bool
    work: list[Item]
    panels: list[Panel]


def start_page(access: Access) -> StartPage:
    work = [item for app in PERSONAL for item in app.personal_items(access)]
    work.sort(key=lambda item: not item.urgent)  # urgent first, otherwise in the cycle's order
    return StartPage(incidents_start.may_report(access), work, start_panels(access))


def start_panels(access: Access) -> list[Panel]:
    panels = []
    for membership in Membership.objects.filter(user=access.user).select_related("organisation"):
        panel = Panel(membership)
        for app in MEMBERSHIP:
            panel.items.extend(app.membership_items(access, membership))
        if not panel.items:
            panel.items.append(areas_start.overview(access))
        panels.append(panel)
    return panels
