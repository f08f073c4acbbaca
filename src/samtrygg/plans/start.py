"""The start page's items about action plans: plans in review the user may take further, and the measures whose
follow-up is due within a week or overdue, for those who record it (the holder, or the responsible organisation's
reporters)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Access, Action
from samtrygg.decisions.models import Status
from samtrygg.ui.attention import Item

from . import selectors

SOON = timedelta(days=7)
SHOWN = 5


def personal_items(access: Access) -> list[Item]:
    today = timezone.localdate()
    items = [Item(_("Action plan in review: %(title)s") % {"title": plan}, reverse("plans:plan_detail", args=[plan.pk]))
             for plan in selectors.plans(access, Action.CHANGE).filter(status=Status.REVIEW)[:SHOWN]]
    measures = selectors.measures(access, Action.REPORT).filter(
        plan__next_versions__isnull=True).exclude(plan__status=Status.DRAFT).select_related("plan")
    due = []
    for measure in selectors.with_last_follow_up(measures.order_by("pk")):
        next_due = selectors.next_follow_up(measure)
        if next_due is not None and next_due <= today + SOON:
            due.append((next_due, measure))
    for next_due, measure in sorted(due, key=lambda pair: (pair[0], pair[1].pk))[:SHOWN]:
        items.append(Item(_("Follow-up due %(day)s: %(measure)s") % {"day": next_due.isoformat(),
                                                                       "measure": measure.title},
                          reverse("plans:measure_detail", args=[measure.pk]), urgent=next_due < today))
    return items
