"""The meetings' reminders, sent once each through notify.send_once: a meeting the day before (to every holder of
a function in the group; again if it moves), a task when its deadline is a day away or passed (to its function's
holder, once per deadline), and in a group that reports weekly, each holder who has not reported in the past
week (once per week)."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.access import Access
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.notify.services import send_once

from .models import Function, Group, Meeting, Task, TaskStatus

AHEAD = timedelta(hours=24)


def link(name: str, *args) -> str:
    """An absolute link when the installation's address is set (SAMTRYGG_BASE_URL), else the path."""
    return settings.SAMTRYGG_BASE_URL + reverse(name, args=args)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H.%M")


def meeting_reminders(now) -> int:
    sent = 0
    meetings = Meeting.objects.filter(starts_at__gt=now, starts_at__lte=now + AHEAD, cancelled=False)
    for meeting in meetings.select_related("group"):
        for function in meeting.group.functions.exclude(holder=None).select_related("holder"):
            body = _("%(group)s meets %(when)s%(place)s.\n\nThe agenda: %(url)s") % {
                "group": meeting.group.name, "when": _local(meeting.starts_at),
                "place": f", {meeting.location}" if meeting.location else "",
                "url": link("meetings:meeting_detail", meeting.pk)}
            sent += send_once(key=f"meeting:{meeting.pk}:{function.holder_id}:{meeting.starts_at.isoformat()}",
                              user=function.holder, subject=_("Meeting tomorrow: %(title)s") % {"title": meeting.title},
                              body=body)
    return sent


def task_reminders(today) -> int:
    sent = 0
    tasks = Task.objects.filter(status=TaskStatus.OPEN, due__lte=today + timedelta(days=1)).exclude(
        function__holder=None).select_related("function__holder", "group")
    for task in tasks:
        body = _("Task of %(function)s in %(group)s: %(title)s, by %(due)s.\n\nReport on it: %(url)s") % {
            "function": task.function.title, "group": task.group.name, "title": task.title,
            "due": task.due.isoformat(), "url": link("meetings:task_edit", task.pk)}
        sent += send_once(key=f"task:{task.pk}:{task.due.isoformat()}", user=task.function.holder,
                          subject=_("Task due: %(title)s") % {"title": task.title}, body=body)
    return sent


def weekly_report_reminders(now) -> int:
    sent = 0
    year, week, _day = timezone.localdate(now).isocalendar()
    holders = Function.objects.filter(group__in=Group.objects.filter(weekly_reporting=True)).exclude(
        holder=None).select_related("holder", "group")
    for function in holders:
        user = function.holder
        access = Access(user)
        if incident_selectors.incidents(access).filter(reported_by=user,
                                                       occurred_from__gte=now - timedelta(days=7)).exists():
            continue
        body = _("%(group)s reviews the week's reports at its next meeting. Report what you saw this week: %(url)s") % {
            "group": function.group.name, "url": link("incidents:report")}
        sent += send_once(key=f"weekly:{function.group_id}:{user.pk}:{year}-{week}", user=user,
                          subject=_("Weekly reporting: %(group)s") % {"group": function.group.name}, body=body)
    return sent


def run(now) -> dict[str, int]:
    with translation.override(settings.LANGUAGE_CODE):
        return {"meeting_reminders": meeting_reminders(now), "task_reminders": task_reminders(timezone.localdate(now)),
                "weekly_report_reminders": weekly_report_reminders(now)}
