"""Scoped reads of the årshjul.

One rule: a municipality's duties, its compliance view and its rule are seen by the members of the municipality
and of the organisations below it (a förvaltning's coordinator sees the year of their kommun), and changed by its
administrators and coordinators (samordnare). Nothing is shared with other organisations. Lookups of objects the
user may not see end in 404."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Membership, Organisation, OrgType, Role
from samtrygg.lib import trees
from samtrygg.meetings.models import Function

from .models import LAGESBILD_MAX_MONTHS, ComplianceRule, Duty, DutyReminder

REMIND_DAYS = 14  # a reminder goes out this many days before the due date (or at once, when it is later than that)


def municipalities(access: Access, action: Action = Action.VIEW) -> QuerySet[Organisation]:
    """VIEW: the municipalities the user is a member of, directly or through an organisation below one.
    CHANGE: those in which the user is an administrator or coordinator."""
    orgs = access.orgs_for(action)
    if action == Action.VIEW:
        orgs = orgs | access.ancestors(orgs)
    return Organisation.objects.filter(pk__in=orgs, type=OrgType.KOMMUN).order_by("name")


def municipality_get(access: Access, pk: int, action: Action = Action.VIEW) -> Organisation:
    return get_object_or_404(municipalities(access, action), pk=pk)


def own_municipality(access: Access) -> Organisation | None:
    """The municipality of the user's first membership (walking up from a förvaltning), else the first one the
    user may view."""
    if access.user is not None and access.user.is_authenticated:
        memberships = Membership.objects.filter(user=access.user).select_related("organisation").order_by("pk")
        for membership in memberships:
            org = membership.organisation
            while org is not None and org.type != OrgType.KOMMUN:
                org = org.parent
            if org is not None:
                return org
    return municipalities(access).first()


def duties(access: Access, action: Action = Action.VIEW) -> QuerySet[Duty]:
    return Duty.objects.filter(owner__in=municipalities(access, action).values("pk")).select_related(
        "owner", "owner_function__group", "owner_function__holder")


def duty_get(access: Access, pk: int, action: Action = Action.VIEW) -> Duty:
    return get_object_or_404(duties(access, action), pk=pk)


def due_soon(access: Access, today: datetime.date, days: int = 30) -> QuerySet[Duty]:
    """Duties not yet done that fall due from today up to `days` days ahead, soonest first."""
    return duties(access).filter(done_on__isnull=True, due__gte=today,
                                 due__lte=today + datetime.timedelta(days=days)).order_by("due", "pk")


def overdue(access: Access, today: datetime.date) -> QuerySet[Duty]:
    """Duties not done whose due date has passed, oldest first."""
    return duties(access).filter(done_on__isnull=True, due__lt=today).order_by("due", "pk")


def municipality_ids(municipality: Organisation) -> set[int]:
    """The municipality and every organisation below it."""
    return trees.descendants([municipality.pk], Organisation.objects.values_list("id", "parent_id"))


def functions_for(municipality: Organisation) -> QuerySet[Function]:
    """The functions a duty of the municipality can be given to: those of the groups it or an organisation below
    it convenes."""
    return (Function.objects.filter(group__owner__in=municipality_ids(municipality))
            .select_related("group", "organisation", "holder").order_by("group__name", "title"))


def rule_of(municipality: Organisation) -> ComplianceRule:
    """The municipality's rule, or the default one (unsaved) when it has set none."""
    rule = ComplianceRule.objects.filter(owner=municipality).first()
    return rule or ComplianceRule(owner=municipality, lagesbild_max_months=LAGESBILD_MAX_MONTHS)


def recipients(duty: Duty) -> list:
    """Who is reminded: the holder of the duty's function (an active account), else the municipality's
    administrators and coordinators."""
    function = duty.owner_function
    if function is not None and function.holder is not None and function.holder.is_active:
        return [function.holder]
    users = get_user_model().objects.filter(
        is_active=True, memberships__organisation=duty.owner, memberships__role__in=[Role.ADMIN, Role.SAMORDNARE])
    return list(users.distinct().order_by("username"))


def reminders_due(today: datetime.date) -> list[tuple[Duty, list]]:
    """Every duty not done that is due within REMIND_DAYS days or overdue, whose reminder for its present due date
    has not been sent, with the people to remind (any organisation: this is the job's read, not a user's)."""
    sent = DutyReminder.objects.filter(duty=OuterRef("pk"), due=OuterRef("due"))
    found = (Duty.objects.filter(done_on__isnull=True, due__lte=today + datetime.timedelta(days=REMIND_DAYS))
             .exclude(Exists(sent)).select_related("owner", "owner_function__holder").order_by("due", "pk"))
    return [(duty, recipients(duty)) for duty in found]
