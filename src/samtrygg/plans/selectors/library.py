"""Scoped reads of the method bank and of medborgarlöften, and the one public read: a municipality's public
promises, for residents who are not signed in."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.lib import trees

from ..models import CitizenPromise, MethodEntry


def methods(access: Access) -> QuerySet[MethodEntry]:
    """The national entries, the shared ones, and those of the user's organisations and the ones above them."""
    own = access.orgs_for(Action.VIEW)
    return MethodEntry.objects.filter(
        Q(owner__isnull=True) | Q(shared=True) | Q(owner__in=own | access.ancestors(own))
    ).select_related("owner")


def method_get(access: Access, pk: int) -> MethodEntry:
    return get_object_or_404(methods(access), pk=pk)


def promises(access: Access, action: Action = Action.VIEW) -> QuerySet[CitizenPromise]:
    """Viewing: the owner's organisations and the partners the promise was given with. Changing: the owner's
    coordinators and administrators."""
    orgs = access.orgs_for(action)
    scope = Q(owner__in=orgs) | Q(partners__in=orgs) if action == Action.VIEW else Q(owner__in=orgs)
    return CitizenPromise.objects.filter(pk__in=CitizenPromise.objects.filter(scope).values("pk"))


def promise_get(access: Access, pk: int, action: Action = Action.VIEW) -> CitizenPromise:
    return get_object_or_404(promises(access, action).select_related("owner", "area"), pk=pk)


def municipality(kommunkod: str) -> Organisation:
    """The municipality with this kommunkod, or 404."""
    return get_object_or_404(Organisation, type=OrgType.KOMMUN, kommunkod=kommunkod)


def public_promises(kommun: Organisation) -> QuerySet[CitizenPromise]:
    """The promises marked public of a municipality and its nämnder/förvaltningar — nothing else, for anyone."""
    owners = trees.descendants([kommun.pk], Organisation.objects.values_list("id", "parent_id"))
    return (CitizenPromise.objects.filter(public=True, owner__in=owners)
            .select_related("area").prefetch_related("activities", "partners").order_by("-period_end", "title"))
