"""Where in samtrygg a municipality's duty shows as done: its latest adopted lägesbild, its current action plan
(and the half-year report of it), its collaboration agreement, the statistics for a survey, the citizen promises
for a dialogue, the groups for the EST prioritisation. Computed from the kind on every reading, never stored, so
the link always points at what is there now.

The lookups read the municipality's own documents (not a user's view of them): the compliance view (compliance.py)
asks the same questions. A reader who may not open a linked document gets the usual 404 there."""

import datetime
from dataclasses import dataclass
from datetime import time, timedelta

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.decisions.models import Status
from samtrygg.lagesbild.models import Lagesbild
from samtrygg.meetings.models import Group, GroupKind, Meeting
from samtrygg.plans.models import ActionPlan, Agreement

from .models import Duty, DutyKind
from .selectors import municipality_ids

STRATEGIC = (GroupKind.COUNCIL, GroupKind.STEERING)


@dataclass(frozen=True)
class Evidence:
    label: str
    url: str


def latest_lagesbild(municipality: Organisation) -> Lagesbild | None:
    """The most recently decided adopted lägesbild of the municipality or an organisation below it."""
    return (Lagesbild.objects.filter(owner__in=municipality_ids(municipality), status=Status.ADOPTED)
            .order_by("-decided_on", "-version", "-pk").first())


def current_plan(municipality: Organisation) -> ActionPlan | None:
    """The municipality's own adopted plan (not a sub-plan) that no adopted newer version replaces; the most
    recently decided if there are several."""
    return (ActionPlan.objects.filter(owner=municipality, parent__isnull=True, status=Status.ADOPTED)
            .exclude(next_versions__status=Status.ADOPTED).select_related("lagesbild")
            .order_by("-decided_on", "-pk").first())


def current_agreement(municipality: Organisation, today: datetime.date) -> Agreement | None:
    """The municipality's agreement whose period covers today (a signed one first, then the longest-running)."""
    return (Agreement.objects.filter(owner=municipality, period_start__lte=today, period_end__gte=today)
            .order_by(F("signed_on").desc(nulls_last=True), "-period_end", "-pk").first())


def latest_agreement(municipality: Organisation) -> Agreement | None:
    return Agreement.objects.filter(owner=municipality).order_by("-period_end", "-pk").first()


def strategic_groups(municipality: Organisation):
    return Group.objects.filter(owner=municipality, kind__in=STRATEGIC).order_by("name")


def last_strategic_meeting(municipality: Organisation, today: datetime.date) -> Meeting | None:
    """The latest meeting, held by today and not cancelled, of the municipality's strategic council or steering
    group."""
    tomorrow = datetime.datetime.combine(today + timedelta(days=1), time.min, timezone.get_current_timezone())
    return (Meeting.objects.filter(group__in=strategic_groups(municipality), cancelled=False,
                                   starts_at__lt=tomorrow).select_related("group").order_by("-starts_at").first())


def half_year_code(due: datetime.date) -> str:
    """The half-year a report due on `due` covers: the one that ended before it ("2026-1" for a report due in
    August 2026, "2025-2" for one due in February 2026)."""
    return f"{due.year}-1" if due.month >= 7 else f"{due.year - 1}-2"


class Finder:
    """The evidence of one municipality's duties, each document looked up once however many duties point at it."""

    def __init__(self, municipality: Organisation, today: datetime.date):
        self.municipality, self.today = municipality, today
        self._cache: dict[str, object] = {}

    def _once(self, key: str, lookup):
        if key not in self._cache:
            self._cache[key] = lookup()
        return self._cache[key]

    def lagesbild(self) -> Evidence:
        found = self._once("lagesbild", lambda: latest_lagesbild(self.municipality))
        if found is None:
            return Evidence(_("Situation pictures"), reverse("lagesbild:list"))
        return Evidence(str(found), reverse("lagesbild:detail", args=[found.pk]))

    def plan(self) -> Evidence:
        found = self._once("plan", lambda: current_plan(self.municipality))
        if found is None:
            return Evidence(_("Action plans"), reverse("plans:plan_list"))
        return Evidence(str(found), reverse("plans:plan_detail", args=[found.pk]))

    def report(self, due: datetime.date) -> Evidence:
        found = self._once("plan", lambda: current_plan(self.municipality))
        if found is None:
            return self.plan()
        code = half_year_code(due)
        return Evidence(_("Half-year report %(half)s: %(plan)s") % {"half": code, "plan": found},
                        reverse("plans:plan_report", args=[found.pk, "pdf"]) + f"?half={code}")

    def agreement(self) -> Evidence:
        found = self._once("agreement", lambda: current_agreement(self.municipality, self.today)
                           or latest_agreement(self.municipality))
        if found is None:
            return Evidence(_("Collaboration agreements"), reverse("plans:agreement_list"))
        return Evidence(str(found), reverse("plans:agreement_detail", args=[found.pk]))

    def of(self, duty: Duty) -> Evidence | None:
        kind = duty.kind
        if kind == DutyKind.LAGESBILD:
            return self.lagesbild()
        if kind in (DutyKind.PLAN_ADOPTION, DutyKind.PLAN_REVISION):
            return self.plan()
        if kind == DutyKind.HALF_YEAR_REPORT:
            return self.report(duty.due)
        if kind == DutyKind.AGREEMENT_REVISION:
            return self.agreement()
        if kind == DutyKind.SURVEY:
            return Evidence(_("Statistics and surveys"), reverse("indicators:series_list"))
        if kind == DutyKind.DIALOGUE:
            return Evidence(_("Citizen promises"), reverse("plans:promise_list"))
        if kind == DutyKind.EST_PRIORITISATION:
            return Evidence(_("Groups and meetings"), reverse("meetings:group_list"))
        return None
