"""The incident filters, one definition for the list page, the map, exports and the API (django-filter), and the
police events' filter (map layer and API). Every filter narrows an already scoped queryset (selectors.incidents);
none widens it. Periods are local days compared as time ranges and map extents as coordinate ranges, so the
indexes serve both."""

import math
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.areas.models import Area
from samtrygg.lib import trees

from . import selectors
from .models import Category, Incident, PoliceEvent, Source, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the browser's date picker, ISO in the URL


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class LocalDayFilter(django_filters.DateFilter):
    """A day in Swedish time against a stored (UTC) time: from the start of the day on, or (`until=True`) up to
    the end of the day — compared with local midnights, not each row's local date."""

    def __init__(self, *args, until: bool = False, **kwargs):
        self.until = until
        kwargs.setdefault("widget", DATE)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.until:
            return qs.filter(**{f"{self.field_name}__lt": _local_midnight(value + timedelta(days=1))})
        return qs.filter(**{f"{self.field_name}__gte": _local_midnight(value)})


def parse_bbox(value: str) -> tuple[float, float, float, float] | None:
    """(min_lon, min_lat, max_lon, max_lat) from "min_lon,min_lat,max_lon,max_lat" (WGS 84), or None."""
    try:
        box = tuple(float(part) for part in value.split(","))
    except (AttributeError, ValueError):
        return None
    if len(box) != 4 or not all(math.isfinite(v) for v in box) or box[0] > box[2] or box[1] > box[3]:
        return None
    return box


class BBoxField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        box = parse_bbox(value)
        if box is None:
            raise forms.ValidationError(_("Give bbox as min_lon,min_lat,max_lon,max_lat (WGS 84), minimum first."),
                                        code="bbox")
        return box


class BBoxFilter(django_filters.CharFilter):
    """The map extent: rows whose point lies in it (rows without a point never do). A CharFilter, so the API
    schema shows it as a string."""

    field_class = BBoxField

    def filter(self, qs, value):
        if value is None:
            return qs
        min_lon, min_lat, max_lon, max_lat = value
        return qs.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)


def _descendant_ids(model, root_ids: set[int]) -> set[int]:
    """The rows `root_ids` of a model with a `parent` (categories, areas) and every row below them."""
    return trees.descendants(root_ids, model.objects.filter(parent__isnull=False).values_list("id", "parent_id"))


FILTER_PARAMS = ("period_from", "period_to", "category", "area", "organisation", "source", "status", "q")


def filter_query(params) -> str:
    """The incident filters among `params` (a QueryDict) as a query string, to keep them in links and forms."""
    return urlencode([(key, value) for key in FILTER_PARAMS for value in params.getlist(key) if value])


class IncidentFilter(django_filters.FilterSet):
    period_from = LocalDayFilter(field_name="occurred_from", label=_("From"))
    period_to = LocalDayFilter(field_name="occurred_from", until=True, label=_("To"))
    category = django_filters.ModelMultipleChoiceFilter(
        queryset=None, method="filter_category", label=_("Category")
    )
    area = django_filters.ModelMultipleChoiceFilter(queryset=None, method="filter_area", label=_("Area"))
    organisation = django_filters.ModelMultipleChoiceFilter(
        field_name="owner", queryset=None, label=_("Reporting organisation")
    )
    source = django_filters.MultipleChoiceFilter(choices=Source.choices, label=_("Source"))
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"))
    q = django_filters.CharFilter(method="filter_text", label=_("Text"))
    bbox = BBoxFilter(label=_("Map extent: min_lon,min_lat,max_lon,max_lat"))

    class Meta:
        model = Incident
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, access, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["category"].queryset = selectors.categories_visible(access)
        self.filters["area"].queryset = access.areas()
        self.filters["organisation"].queryset = access.organisations()

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        ids = _descendant_ids(Category, {c.pk for c in value})
        return queryset.filter(category__in=ids)

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(area__in=_descendant_ids(Area, {a.pk for a in value}))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(description__icontains=value) | Q(category__name__icontains=value))


class PoliceEventFilter(django_filters.FilterSet):
    """The police's public events: for the map's police layer and the API."""

    period_from = LocalDayFilter(field_name="occurred_at", label=_("From"))
    period_to = LocalDayFilter(field_name="occurred_at", until=True, label=_("To"))
    kommunkod = django_filters.CharFilter(field_name="kommunkod", label=_("Municipality code"))
    bbox = BBoxFilter(label=_("Map extent: min_lon,min_lat,max_lon,max_lat"))
    type = django_filters.CharFilter(field_name="type", label=_("Event type"))

    class Meta:
        model = PoliceEvent
        fields: list[str] = []
