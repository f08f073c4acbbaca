"""Scoped reads of sharing grants."""

from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action

from .models import Grant


def grant_list(access: Access) -> QuerySet[Grant]:
    own = set(access.roles)
    return (
        Grant.objects.filter(Q(grantor__in=own) | Q(grantee__in=own))
        .select_related("grantor", "grantee", "created_by", "revoked_by")
        .prefetch_related("areas")
    )


def grants_version(organisation_ids) -> tuple[int, int]:
    """A key that changes when a grant to or from one of `organisation_ids` is made or revoked (grants are never
    edited otherwise): the highest id and the number revoked. Their end dates pass with the day, not with a write."""
    found = Grant.objects.filter(Q(grantor__in=organisation_ids) | Q(grantee__in=organisation_ids)).aggregate(
        latest=Max("id"), revoked=Count("revoked_at"))
    return found["latest"] or 0, found["revoked"]


def grant_get(access: Access, pk: int, action: Action = Action.VIEW) -> Grant:
    grant = get_object_or_404(grant_list(access), pk=pk)
    if action != Action.VIEW and not access.can(action, grant):
        from django.http import Http404

        raise Http404
    return grant
