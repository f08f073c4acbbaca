"""The law at a glance: what Lag (2023:196) asks of a municipality, checked against what is in samtrygg on a day.
Read-only. Five checks, each green, yellow or red with a short explanation in the active language and a link to
the evidence:

1. a current lägesbild: adopted, by the municipality or an organisation below it, decided no longer ago than the
   municipality's rule (`ComplianceRule.lagesbild_max_months`, default 12); yellow in its last two months;
2. an adopted åtgärdsplan based on a lägesbild and followed up: the municipality's plan that no adopted newer
   version replaces, with its lägesbild named, not past `revise_by`, no follow-up overdue; yellow when a
   follow-up is overdue, no lägesbild is named or the revision is due within three months;
3. a current samverkansöverenskommelse: covering today and signed; yellow when unsigned or ending within three
   months;
4. a strategic forum that has met: a strategiskt råd or styrgrupp of the municipality with a meeting held (not
   cancelled) in the last six months; yellow six to twelve months ago;
5. a named samordningsfunktion: a held function whose title says "samordn…" in one of the municipality's groups,
   or a member with the role samordnare."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Membership, Organisation, Role
from samtrygg.lib import months
from samtrygg.meetings.models import Function
from samtrygg.plans.selectors import follow_up_state
from samtrygg.publishing.formatting import format_date

from . import evidence
from .evidence import Evidence
from .selectors import rule_of

GREEN, YELLOW, RED = "green", "yellow", "red"
WARN_LAGESBILD_MONTHS = 2  # yellow in a lägesbild's last two months
WARN_MONTHS = 3  # yellow when a plan's revision or an agreement's end is this close
FORUM_GREEN_MONTHS, FORUM_YELLOW_MONTHS = 6, 12


@dataclass
class Check:
    key: str
    heading: str
    status: str
    explanation: str
    evidence: Evidence | None = None


def headings() -> dict[str, str]:
    """The five checks' headings in the active language, in order."""
    return {
        "lagesbild": _("A current situation picture (lägesbild)"),
        "plan": _("An adopted action plan, based on the situation picture and followed up"),
        "agreement": _("A current collaboration agreement (samverkansöverenskommelse)"),
        "forum": _("A strategic forum that meets"),
        "coordinator": _("A named coordinating function (samordningsfunktion)"),
    }


def status_word(status: str) -> str:
    return {GREEN: _("Met"), YELLOW: _("Needs attention"), RED: _("Not met")}[status]


def checks(municipality: Organisation, today: datetime.date) -> list[Check]:
    """The five checks for the municipality on `today`, worded in the active language."""
    names = headings()
    found = [lagesbild_check(municipality, today), plan_check(municipality, today),
             agreement_check(municipality, today), forum_check(municipality, today), coordinator_check(municipality)]
    for check in found:
        check.heading = names[check.key]
    return found


def _date(day: datetime.date) -> str:
    return format_date(day, get_language() or "sv")


def lagesbild_check(municipality: Organisation, today: datetime.date) -> Check:
    max_months = rule_of(municipality).lagesbild_max_months
    latest = evidence.latest_lagesbild(municipality)
    if latest is None:
        return Check("lagesbild", "", RED, _("No adopted situation picture was found."),
                     Evidence(_("Situation pictures"), reverse("lagesbild:list")))
    link = Evidence(str(latest), reverse("lagesbild:detail", args=[latest.pk]))
    until = months.add(latest.decided_on, max_months)
    values = {"title": latest, "date": _date(latest.decided_on), "until": _date(until), "months": max_months}
    if today > until:
        return Check("lagesbild", "", RED, _("The latest situation picture, “%(title)s”, was adopted on %(date)s: "
                                             "more than %(months)s months ago.") % values, link)
    if today > months.add(until, -WARN_LAGESBILD_MONTHS):
        return Check("lagesbild", "", YELLOW, _("“%(title)s” was adopted on %(date)s and is current until "
                                                "%(until)s: time to adopt the next one.") % values, link)
    return Check("lagesbild", "", GREEN, _("“%(title)s” was adopted on %(date)s and is current until %(until)s.")
                 % values, link)


def plan_check(municipality: Organisation, today: datetime.date) -> Check:
    plan = evidence.current_plan(municipality)
    if plan is None:
        return Check("plan", "", RED, _("No adopted action plan was found."),
                     Evidence(_("Action plans"), reverse("plans:plan_list")))
    link = Evidence(str(plan), reverse("plans:plan_detail", args=[plan.pk]))
    values = {"title": plan, "date": _date(plan.decided_on), "revise": _date(plan.revise_by)}
    if plan.revise_by < today:
        return Check("plan", "", RED, _("The action plan “%(title)s” was to be revised by %(revise)s.") % values, link)
    concerns = []
    if plan.lagesbild_id is None:
        concerns.append(_("It does not name the situation picture it is based on."))
    overdue = len(follow_up_state(plan, today).overdue)
    if overdue:
        concerns.append(ngettext("%(count)s measure is overdue for follow-up.",
                                 "%(count)s measures are overdue for follow-up.", overdue) % {"count": overdue})
    if plan.revise_by <= months.add(today, WARN_MONTHS):
        concerns.append(_("It is to be revised by %(revise)s.") % values)
    adopted = _("The action plan “%(title)s” was adopted on %(date)s.") % values
    if concerns:
        return Check("plan", "", YELLOW, " ".join([adopted, *concerns]), link)
    return Check("plan", "", GREEN, " ".join([adopted, _(
        "It is based on “%(lagesbild)s”, no follow-up is overdue, and it is to be revised by %(revise)s.") % {
        **values, "lagesbild": plan.lagesbild}]), link)


def agreement_check(municipality: Organisation, today: datetime.date) -> Check:
    agreement = evidence.current_agreement(municipality, today)
    if agreement is None:
        last = evidence.latest_agreement(municipality)
        if last is None:
            return Check("agreement", "", RED, _("No collaboration agreement was found."),
                         Evidence(_("Collaboration agreements"), reverse("plans:agreement_list")))
        return Check("agreement", "", RED, _("No collaboration agreement covers today; the latest, “%(title)s”, "
                                             "runs %(start)s – %(end)s.") % {
            "title": last, "start": _date(last.period_start), "end": _date(last.period_end)},
            Evidence(str(last), reverse("plans:agreement_detail", args=[last.pk])))
    link = Evidence(str(agreement), reverse("plans:agreement_detail", args=[agreement.pk]))
    values = {"title": agreement, "end": _date(agreement.period_end)}
    covers = _("“%(title)s” runs until %(end)s.") % values
    concerns = []
    if agreement.signed_on is None:
        concerns.append(_("It has not been signed."))
    if agreement.period_end <= months.add(today, WARN_MONTHS):
        concerns.append(_("It ends within three months: time to revise it."))
    if concerns:
        return Check("agreement", "", YELLOW, " ".join([covers, *concerns]), link)
    return Check("agreement", "", GREEN, " ".join([covers, _("It was signed on %(date)s.") % {
        "date": _date(agreement.signed_on)}]), link)


def forum_check(municipality: Organisation, today: datetime.date) -> Check:
    meeting = evidence.last_strategic_meeting(municipality, today)
    if meeting is None:
        group = evidence.strategic_groups(municipality).first()
        if group is None:
            return Check("forum", "", RED, _("The municipality has no strategic council or steering group."),
                         Evidence(_("Groups and meetings"), reverse("meetings:group_list")))
        return Check("forum", "", RED, _("“%(group)s” has not met yet.") % {"group": group},
                     Evidence(str(group), reverse("meetings:group_detail", args=[group.pk])))
    held = timezone.localdate(meeting.starts_at)
    link = Evidence(f"{meeting.group}: {meeting.title}", reverse("meetings:meeting_detail", args=[meeting.pk]))
    values = {"group": meeting.group, "date": _date(held)}
    if held >= months.add(today, -FORUM_GREEN_MONTHS):
        return Check("forum", "", GREEN, _("“%(group)s” last met on %(date)s.") % values, link)
    if held >= months.add(today, -FORUM_YELLOW_MONTHS):
        return Check("forum", "", YELLOW, _("“%(group)s” last met on %(date)s: more than six months ago.") % values,
                     link)
    return Check("forum", "", RED, _("“%(group)s” last met on %(date)s: more than a year ago.") % values, link)


def coordinator_check(municipality: Organisation) -> Check:
    function = (Function.objects.filter(group__owner=municipality, holder__isnull=False, holder__is_active=True,
                                        title__icontains="samordn")
                .select_related("group", "holder").order_by("group__name", "title").first())
    if function is not None:
        holder = function.holder.get_full_name() or function.holder.username
        return Check("coordinator", "", GREEN, _("“%(function)s” in “%(group)s” is held by %(name)s.") % {
            "function": function.title, "group": function.group, "name": holder},
            Evidence(str(function.group), reverse("meetings:group_detail", args=[function.group_id])))
    member = (Membership.objects.filter(organisation=municipality, role=Role.SAMORDNARE, user__is_active=True)
              .select_related("user").order_by("pk").first())
    link = Evidence(municipality.name, reverse("accounts:organisation", args=[municipality.pk]))
    if member is not None:
        name = member.user.get_full_name() or member.user.username
        return Check("coordinator", "", GREEN, _("%(name)s is the municipality's coordinator (samordnare).") % {
            "name": name}, link)
    return Check("coordinator", "", RED, _("No function whose title names coordination (samordn…) is held in the "
                                           "municipality's groups, and no member has the role coordinator."), link)
