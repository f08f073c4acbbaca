"""Scoped reads of areas."""

import shapely
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action

from .models import Area, AreaKind, subtree_ids


def area_list(access: Access, *, action: Action = Action.VIEW, q: str = "", kind: str = "") -> QuerySet[Area]:
    areas = access.areas(action).select_related("owner", "parent")
    if q:
        areas = areas.filter(Q(name__icontains=q) | Q(parent__name__icontains=q))
    if kind:
        areas = areas.filter(kind=kind)
    return areas.defer("geometry")


def area_get(access: Access, pk: int, action: Action = Action.VIEW) -> Area:
    return get_object_or_404(access.areas(action).select_related("owner", "parent"), pk=pk)


def population_of(area: Area) -> int | None:
    """The area's residents: its own population, else the sum over the DeSO areas below it (linked as sub-areas,
    e.g. a municipality > RegSO > DeSO) when every one of them has a population; None when neither is known."""
    if area.population is not None:
        return area.population
    below = Area.objects.filter(pk__in=subtree_ids({area.pk}) - {area.pk}, kind=AreaKind.DESO)
    populations = list(below.values_list("population", flat=True))
    if not populations or None in populations:
        return None
    return sum(populations)


def statistical_areas_within(area: Area) -> list[Area]:
    """SCB's small areas of the area's owner with a population that lie in the area (their representative point
    inside it): its DeSO areas, else its RegSO areas; [] for a DeSO itself or when there are none."""
    if area.kind == AreaKind.DESO:
        return []
    shape = area.shape
    shapely.prepare(shape)
    kinds = [AreaKind.DESO] if area.kind == AreaKind.REGSO else [AreaKind.DESO, AreaKind.REGSO]
    for kind in kinds:
        candidates = Area.objects.filter(
            owner_id=area.owner_id, kind=kind, population__isnull=False, max_lon__gte=area.min_lon,
            min_lon__lte=area.max_lon, max_lat__gte=area.min_lat, min_lat__lte=area.max_lat,
        ).exclude(pk=area.pk).order_by("code", "name")
        found = [a for a in candidates if shapely.contains(shape, a.shape.representative_point())]
        if found:
            return found
    return []
