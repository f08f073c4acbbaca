"""Scoped reads of lägesbilder, by the permission resolver's one rule (Access.scope, kind "lagesbilder"):
viewing by the members of the owner and of the organisations above it (roles reach down) and by organisations
the owner shared lägesbilder with for the area; changing by the owner's coordinators and administrators, and
by organisations holding a read-write grant."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action
from samtrygg.sharing.models import DataKind

from .models import Lagesbild, Observation


def lagesbilder(access: Access, action: Action = Action.VIEW) -> QuerySet[Lagesbild]:
    return access.scope(Lagesbild.objects.all(), action=action, kind=DataKind.LAGESBILDER)


def lagesbild_list(access: Access) -> QuerySet[Lagesbild]:
    return lagesbilder(access).select_related("owner", "area")


def lagesbild_get(access: Access, pk: int, action: Action = Action.VIEW) -> Lagesbild:
    """The lägesbild, or 404 when the user may not `action` it (never 403)."""
    return get_object_or_404(lagesbilder(access, action).select_related("owner", "area", "adopted_by"), pk=pk)


def observations(lagesbild: Lagesbild) -> QuerySet[Observation]:
    return lagesbild.observations.select_related("organisation", "author")


def versions(lagesbild: Lagesbild) -> list[Lagesbild]:
    """The lägesbild's earlier versions, newest first."""
    found, current = [], lagesbild.previous
    while current is not None and current not in found:
        found.append(current)
        current = current.previous
    return found
