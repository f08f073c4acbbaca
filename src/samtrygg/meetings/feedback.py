"""Feedback to reporters after an EST meeting: each person whose reports the meeting reviewed hears back what was
decided about the places they reported — by e-mail and on their start page.

A reporter's feedback holds only their own reports (category, area, day: never another organisation's incident)
and the tasks the meeting decided for those places (a task for an area concerns the reports in it, in the areas
below it and in other organisations' areas inside it) (the task, the function, the deadline). Sent once per meeting
and reporter: running it again sends nothing new."""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.areas.models import Area
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record
from samtrygg.decisions.models import Status

from . import agenda, selectors
from .models import Feedback, Meeting


def summaries(meeting: Meeting) -> dict:
    """{reporter: {"reports": [...], "tasks": [...]}} for the incidents the meeting reviewed."""
    situation = agenda.situation(meeting)
    reports = defaultdict(list)
    for incident in situation.incidents:
        if incident.reported_by_id:
            reports[incident.reported_by].append(incident)
    tasks = list(meeting.tasks.select_related("function", "function__organisation", "area"))
    reported_areas = Area.objects.filter(pk__in={i.area_id for i in situation.incidents if i.area_id})
    covers = {t.pk: selectors.areas_inside(t.area, reported_areas) for t in tasks if t.area_id}
    found = {}
    for user, incidents in reports.items():
        areas = {i.area_id for i in incidents if i.area_id}
        found[user] = {
            "reports": [{"category": i.category.name, "area": i.area.name if i.area else "",
                         "day": timezone.localdate(i.occurred_from).isoformat()} for i in incidents],
            "tasks": [{"title": t.title, "function": t.function.title, "place": t.place,
                       "area": t.area.name if t.area else "", "due": t.due.isoformat()}
                      for t in tasks if t.area_id is None or areas & covers[t.pk]],
        }
    return found


def message(meeting: Meeting, summary: dict, url: str) -> str:
    lines = [_("The group %(group)s met on %(day)s and reviewed your reports:") % {
        "group": meeting.group.name, "day": timezone.localdate(meeting.starts_at).isoformat()}]
    lines += [f"- {r['day']} {r['category']}" + (f", {r['area']}" if r["area"] else "") for r in summary["reports"]]
    lines.append("")
    if summary["tasks"]:
        lines.append(_("Decided for these places:"))
        lines += [f"- {t['title']} ({t['function']}, " + _("by %(day)s") % {"day": t["due"]} + ")"
                  for t in summary["tasks"]]
    else:
        lines.append(_("No task was decided for these places this time."))
    lines += ["", _("Thank you for reporting. The meeting: %(url)s") % {"url": url}]
    return "\n".join(lines)


@transaction.atomic
def send_feedback(*, actor, meeting: Meeting) -> int:
    """Record and e-mail the feedback of every reporter not yet told; the number of new ones."""
    if meeting.group.kind != "est" or meeting.status == Status.DRAFT:
        raise ValidationError(_("Feedback is sent after an EST meeting, once its minutes are written."))
    done = set(meeting.feedback.values_list("user_id", flat=True))
    url = settings.SAMTRYGG_BASE_URL + reverse("meetings:meeting_detail", args=[meeting.pk])
    created = []
    with translation.override(settings.LANGUAGE_CODE):
        for user, summary in summaries(meeting).items():
            if user.pk in done:
                continue
            created.append((Feedback.objects.create(meeting=meeting, user=user, summary=summary,
                                                    emailed=bool(user.email)),
                            message(meeting, summary, url)))
        subject = _("What was decided about your reports: %(group)s") % {"group": meeting.group.name}
    audit_record(actor=actor, action=Action.CREATE, organisation=meeting.group.owner, obj=meeting,
                 object_repr=f"{meeting}: feedback", changes={"feedback_to": [None, len(created)]})
    for feedback, text in created:
        if feedback.user.email:
            transaction.on_commit(lambda to=feedback.user.email, text=text: send_mail(
                subject, text, None, [to], fail_silently=False))
    return len(created)
