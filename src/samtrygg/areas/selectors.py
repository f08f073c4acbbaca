"""Scoped reads of areas."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action

from .models import Area


def area_list(access: Access, *, action: Action = Action.VIEW, q: str = "", kind: str = "") -> QuerySet[Area]:
    areas = access.areas(action).select_related("owner", "parent")
    if q:
        areas = areas.filter(Q(name__icontains=q) | Q(parent__name__icontains=q))
    if kind:
        areas = areas.filter(kind=kind)
    return areas.defer("geometry")


def area_get(access: Access, pk: int, action: Action = Action.VIEW) -> Area:
    return get_object_or_404(access.areas(action).select_related("owner", "parent"), pk=pk)
