"""Reads for retention: each organisation's rule (its own, else the nearest above it), the cut-off moments a rule
gives on a day, the incidents due for removal, and the last run.

The job acts for the installation, not for a user, so the incidents are read by owner, unscoped: a rule applies to
the incidents its organisation owns, wherever they lie and whoever they are shared with."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from samtrygg.accounts.models import Organisation
from samtrygg.incidents.models import Contribution, Incident
from samtrygg.lib import months

from .models import RetentionRule, RetentionRun


@dataclass(frozen=True)
class Plan:
    """What the job does for one organisation at one moment: whose rule, and the cut-offs (None: keep)."""

    organisation: Organisation
    rule: RetentionRule
    description_cutoff: datetime.datetime | None
    photo_cutoff: datetime.datetime | None

    @property
    def inherited(self) -> bool:
        return self.rule.owner_id != self.organisation.pk


@dataclass(frozen=True)
class Pending:
    plan: Plan
    descriptions: int
    photos: int


def cutoff(now: datetime.datetime, months_kept: int | None) -> datetime.datetime | None:
    """The start of the local day `months_kept` months before `now`'s day: incidents that occurred before it lose
    what the rule removes. None when the rule keeps (no months)."""
    if not months_kept:
        return None
    zone = timezone.get_default_timezone()
    day = months.add(timezone.localdate(now, zone), -months_kept)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), zone)


def rule_of(organisation: Organisation) -> RetentionRule | None:
    """The organisation's own rule, or None."""
    return RetentionRule.objects.filter(owner=organisation).first()


def effective_rule(organisation: Organisation) -> RetentionRule | None:
    """The rule that applies to the organisation's incidents: its own, else that of the nearest organisation above
    it with a rule (a förvaltning follows its kommun until it decides its own), else None (everything is kept)."""
    seen: set[int] = set()
    org: Organisation | None = organisation
    while org is not None and org.pk not in seen:
        rule = RetentionRule.objects.select_related("owner").filter(owner=org).first()
        if rule is not None:
            return rule
        seen.add(org.pk)
        org = org.parent
    return None


def effective_rules() -> dict[int, RetentionRule]:
    """{organisation id: the rule that applies to it} for every organisation with one, in two queries (there are
    at most a few thousand organisations; the incidents are never loaded)."""
    rules = {rule.owner_id: rule for rule in RetentionRule.objects.select_related("owner")}
    if not rules:
        return {}
    parents = dict(Organisation.objects.values_list("pk", "parent_id"))
    found: dict[int, RetentionRule] = {}
    for org in parents:
        node, seen = org, set()
        while node is not None and node not in seen:
            if node in rules:
                found[org] = rules[node]
                break
            seen.add(node)
            node = parents.get(node)
    return found


def plan_for(organisation: Organisation, rule: RetentionRule, now: datetime.datetime) -> Plan:
    return Plan(organisation, rule, cutoff(now, rule.description_months), cutoff(now, rule.photo_months))


def plans(now: datetime.datetime) -> list[Plan]:
    """One plan per organisation whose rule removes anything, ordered by organisation id."""
    rules = {org: rule for org, rule in effective_rules().items() if rule.description_months or rule.photo_months}
    organisations = Organisation.objects.filter(pk__in=rules).order_by("pk")
    return [plan_for(org, rules[org.pk], now) for org in organisations]


def descriptions_due(organisation_id: int, before: datetime.datetime) -> QuerySet[Incident]:
    """The organisation's incidents that occurred before the cut-off and still have a description (the index on
    owner and time finds them)."""
    return Incident.objects.filter(owner_id=organisation_id, occurred_from__lt=before).exclude(description="")


def photos_due(organisation_id: int, before: datetime.datetime) -> QuerySet[Incident]:
    return Incident.objects.filter(owner_id=organisation_id, occurred_from__lt=before).exclude(photo="")


def contribution_descriptions_due(organisation_id: int, before: datetime.datetime) -> QuerySet[Contribution]:
    """The contributions (duplicate reports) of the organisation's incidents that occurred before the cut-off and
    still have a description: they go with the incident's, under the incident owner's rule."""
    return Contribution.objects.filter(incident__owner_id=organisation_id,
                                       incident__occurred_from__lt=before).exclude(description="")


def contribution_photos_due(organisation_id: int, before: datetime.datetime) -> QuerySet[Contribution]:
    return Contribution.objects.filter(incident__owner_id=organisation_id,
                                       incident__occurred_from__lt=before).exclude(photo="")


def pending_of(plan: Plan) -> Pending:
    """What a run would remove now under the plan: COUNT queries (incidents and their contributions)."""
    org = plan.organisation.pk
    return Pending(
        plan,
        (descriptions_due(org, plan.description_cutoff).count()
         + contribution_descriptions_due(org, plan.description_cutoff).count()) if plan.description_cutoff else 0,
        (photos_due(org, plan.photo_cutoff).count()
         + contribution_photos_due(org, plan.photo_cutoff).count()) if plan.photo_cutoff else 0,
    )


def pending(now: datetime.datetime) -> list[Pending]:
    """What a run at `now` would remove, per organisation (the dry run)."""
    return [pending_of(plan) for plan in plans(now)]


def last_run(organisation: Organisation) -> RetentionRun | None:
    return RetentionRun.objects.filter(organisation=organisation).select_related("rule_owner").first()
