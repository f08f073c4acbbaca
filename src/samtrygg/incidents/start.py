"""The start page's items about incidents: for someone who reports, their latest reports; for a coordinator, the
reports that came in since their previous login."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Access, Action
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.ui.attention import Item

from . import selectors
from .taxonomy import category_name

RECENT = 3
LOOKBACK = timedelta(days=30)


def may_report(access: Access) -> bool:
    return bool(access.orgs_for(Action.REPORT))


def previous_login(user):
    """When the user logged in before this session (None the first time)."""
    logins = AuditEntry.objects.filter(actor=user, action=AuditAction.LOGIN).order_by("-at").values_list("at",
                                                                                                        flat=True)
    found = list(logins[:2])
    return found[1] if len(found) > 1 else None


def personal_items(access: Access) -> list[Item]:
    items = []
    if access.orgs_for(Action.CHANGE):
        since = previous_login(access.user)
        if since is not None:
            # Reported since, of events in the month before (the time index bounds the count at a million rows).
            new = selectors.incidents(access).filter(occurred_from__gte=since - LOOKBACK,
                                                     created_at__gte=since).count()
            if new:
                day = timezone.localtime(since - LOOKBACK).strftime("%Y-%m-%d")
                items.append(Item(ngettext("%(count)s new report since your previous visit.",
                                           "%(count)s new reports since your previous visit.", new) % {"count": new},
                                  reverse("incidents:list") + f"?period_from={day}"))
    if may_report(access):
        own = selectors.incidents(access).filter(reported_by=access.user,
                                                 occurred_from__gte=timezone.now() - 3 * LOOKBACK)
        for incident in own.select_related("category", "area").order_by("-occurred_from", "-id")[:RECENT]:
            when = timezone.localtime(incident.occurred_from).strftime("%Y-%m-%d")
            where = f", {incident.area.name}" if incident.area else ""
            items.append(Item(_("Your report: %(category)s %(day)s%(where)s") % {
                "category": category_name(incident.category), "day": when, "where": where},
                reverse("incidents:detail", args=[incident.pk])))
    return items
