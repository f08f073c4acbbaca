"""The start page's items about meetings: the user's next meeting and its agenda, their functions' tasks due in a
week or overdue, what they heard back about their reports, and the weekly reminder to report before the
meeting of a group that reports weekly."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Access
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.ui.attention import Item

from . import selectors
from .models import Group

SOON = timedelta(days=7)
FEEDBACK_SHOWN = 3


def personal_items(access: Access) -> list[Item]:
    user, now = access.user, timezone.now()
    today = timezone.localdate()
    items = []
    meeting = selectors.my_meetings(user, now - timedelta(hours=2), now + timedelta(days=60)).filter(
        cancelled=False).first()
    if meeting is not None:
        items.append(Item(_("Next meeting: %(title)s, %(when)s — the agenda") % {
            "title": meeting.title, "when": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H.%M")},
            reverse("meetings:meeting_detail", args=[meeting.pk])))
    for task in selectors.my_tasks(user).filter(due__lte=today + SOON):
        items.append(Item(_("Task: %(title)s (%(function)s), by %(due)s") % {
            "title": task.title, "function": task.function.title, "due": task.due.isoformat()},
            reverse("meetings:task_edit", args=[task.pk]), urgent=task.due < today))
    for feedback in selectors.my_feedback(user)[:FEEDBACK_SHOWN]:
        decided = len(feedback.summary.get("tasks", []))
        items.append(Item(_("Feedback from %(group)s on your reports: %(count)s tasks decided") % {
            "group": feedback.meeting.group.name, "count": decided},
            reverse("meetings:meeting_detail", args=[feedback.meeting_id])))
    weekly = Group.objects.filter(weekly_reporting=True, functions__holder=user).distinct()
    if weekly.exists():
        reported = incident_selectors.incidents(access).filter(reported_by=user, occurred_from__gte=now - SOON)
        if not reported.exists():
            names = ", ".join(g.name for g in weekly)
            items.append(Item(_("Your group reports weekly (%(groups)s): report this week's incidents before the "
                                "meeting.") % {"groups": names}, reverse("incidents:report"), urgent=True))
    return items
