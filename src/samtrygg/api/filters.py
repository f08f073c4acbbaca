"""Query parameters of the API. Incidents use the UI's IncidentFilter (samtrygg.incidents.filters), built with the
request's Access; police events have their own small filter (period, kommunkod, map extent)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from samtrygg.access import for_request
from samtrygg.incidents.models import PoliceEvent


class ScopedFilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend for filter sets that take the user's Access (IncidentFilter). Without any of the
    filter's parameters the queryset passes untouched (no choice lists are built, so aggregates stay thin)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if "access" in getattr(view, "filterset_kwargs", ()):
            kwargs["access"] = for_request(request)
        return kwargs

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = set(filterset_class.base_filters)
        if not any(key in names for key in request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
    except ValueError:
        raise ValidationError({"bbox": [_("Give bbox as min_lon,min_lat,max_lon,max_lat (WGS 84).")]}) from None
    if min_lon > max_lon or min_lat > max_lat:
        raise ValidationError({"bbox": [_("The bbox's minimum lies above its maximum.")]})
    return min_lon, min_lat, max_lon, max_lat


class PoliceEventFilter(django_filters.FilterSet):
    period_from = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__gte", label=_("From"))
    period_to = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__lte", label=_("To"))
    kommunkod = django_filters.CharFilter(field_name="kommunkod", label=_("Municipality code"))
    bbox = django_filters.CharFilter(method="filter_bbox", label=_("Map extent: min_lon,min_lat,max_lon,max_lat"))
    type = django_filters.CharFilter(field_name="type", label=_("Event type"))

    class Meta:
        model = PoliceEvent
        fields: list[str] = []

    def filter_bbox(self, queryset, name, value):
        min_lon, min_lat, max_lon, max_lat = _bbox(value)
        return queryset.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)
