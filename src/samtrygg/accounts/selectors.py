"""Scoped reads of organisations, people and memberships."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action

from .models import Membership, Organisation, OrgType


def organisation_list(access: Access) -> QuerySet[Organisation]:
    return access.organisations().select_related("parent")


def organisation_get(access: Access, pk: int, action: Action = Action.VIEW) -> Organisation:
    """The organisation, or 404 when the user may not `action` it (never a hint that it exists)."""
    org = get_object_or_404(organisation_list(access), pk=pk)
    if action != Action.VIEW and not access.can_in(action, org):
        from django.http import Http404

        raise Http404
    return org


def membership_list(access: Access, organisation: Organisation) -> QuerySet[Membership]:
    if organisation.pk not in access.roles:
        return Membership.objects.none()
    return Membership.objects.filter(organisation=organisation).select_related("user")


def membership_get(access: Access, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.filter(organisation__in=access.orgs_for(Action.MANAGE_ORGANISATION)).select_related(
            "user", "organisation"
        ),
        pk=pk,
    )


def my_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation", "organisation__parent")


def two_factor_required(user) -> bool:
    """True when any of the user's organisations, or one above them, requires two-factor authentication."""
    org_ids = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    access = Access(user)
    return Organisation.objects.filter(pk__in=org_ids | access.ancestors(org_ids), require_2fa=True).exists()


def grantee_choices(access: Access, grantor: Organisation) -> QuerySet[Organisation]:
    """Organisations one may share with: any in the installation outside the grantor's own family."""
    family = access.descendants([grantor.pk]) | access.ancestors([grantor.pk])
    return Organisation.objects.exclude(pk__in=family).exclude(type=OrgType.NAMND).order_by("name")
