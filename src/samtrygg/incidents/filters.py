"""The incident filters, one definition for the list page, the map, exports and the API (django-filter), and the
police events' filter (map layer and API). Every filter narrows an already scoped queryset (selectors.incidents);
none widens it; the narrowing itself is query.py's, shared with every other reader of incidents. Periods are
local days compared as time ranges and map extents as coordinate ranges, so the indexes serve both."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samtrygg.lib.days import FIRST_DAY, LAST_DAY
from samtrygg.ui.forms import CHIPS, DATE, ModelChoices

from . import selectors
from .fields import CategoriesField
from .models import Incident, PoliceEvent, Source, Status
from .query import IncidentQuery, Period, in_areas, in_box, in_categories, local_midnight, occurred_between


def day_in_range(value: date) -> None:
    """Days far outside any incident's (year 1 or 9999) would overflow the midnight arithmetic: a form error."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(_("Give a day from %(first)s to %(last)s."), code="day_range",
                              params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()})


class LocalDayFilter(django_filters.DateFilter):
    """A day in Swedish time against a stored (UTC) time: from the start of the day on, or (`until=True`) up to
    the end of the day — compared with local midnights, not each row's local date."""

    def __init__(self, *args, until: bool = False, **kwargs):
        self.until = until
        kwargs.setdefault("widget", DATE)
        kwargs.setdefault("validators", [day_in_range])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.until:
            return occurred_between(qs, end=local_midnight(value + timedelta(days=1)), field=self.field_name)
        return occurred_between(qs, start=local_midnight(value), field=self.field_name)


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
        return qs if value is None else in_box(qs, value)


FILTER_PARAMS = ("period_from", "period_to", "category", "area", "organisation", "source", "status", "q")


def filter_query(params) -> str:
    """The incident filters among `params` (a QueryDict) as a query string, to keep them in links and forms."""
    return urlencode([(key, value) for key in FILTER_PARAMS for value in params.getlist(key) if value])


class ChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelChoices  # keys beyond any database integer are choices that do not exist


class CategoryFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CategoriesField


@dataclass(frozen=True)
class Chosen:
    """One active filter value, as the summary above the results shows it: what, which, and the query string of
    the same filters without it (the link that removes it)."""

    label: str
    value: str
    without: str


def chosen_filters(filterset) -> list[Chosen]:
    """The active filters of a valid, bound IncidentFilter, one per chosen value, in the form's order."""
    form = filterset.form
    if not filterset.is_bound or not form.is_valid():
        return []
    pairs = [(key, value) for key in FILTER_PARAMS for value in filterset.data.getlist(key) if value.strip()]
    chosen = []
    for key, value in pairs:
        cleaned = form.cleaned_data.get(key)
        if key in ("period_from", "period_to"):
            shown = cleaned.isoformat() if cleaned else None
        elif key == "q":
            shown = value.strip()
        elif isinstance(form.fields[key], forms.ModelMultipleChoiceField):  # the chosen rows
            shown = next((form.fields[key].label_from_instance(row) for row in cleaned if str(row.pk) == value),
                         None)
        else:
            shown = str(dict(form.fields[key].choices).get(value, "")) or None
        if shown:
            chosen.append(Chosen(str(form.fields[key].label), shown,
                                 urlencode([pair for pair in pairs if pair != (key, value)])))
    return chosen


class IncidentFilter(django_filters.FilterSet):
    period_from = LocalDayFilter(field_name="occurred_from", label=_("From"))
    period_to = LocalDayFilter(field_name="occurred_from", until=True, label=_("To"))
    category = CategoryFilter(queryset=None, method="filter_category", label=_("Category"))
    area = ChoicesFilter(queryset=None, method="filter_area", label=_("Area"), widget=CHIPS)
    organisation = ChoicesFilter(
        field_name="owner", queryset=None, label=_("Reporting organisation"), widget=CHIPS
    )
    source = django_filters.MultipleChoiceFilter(choices=Source.choices, label=_("Source"), widget=CHIPS)
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"), widget=CHIPS)
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
        return in_categories(queryset, [c.pk for c in value or ()])

    def filter_area(self, queryset, name, value):
        return in_areas(queryset, [a.pk for a in value or ()])

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(description__icontains=value) | Q(category__name__icontains=value))


# The filters an IncidentQuery has too (so a tally can count what they choose); others need the incidents' rows.
QUERY_FILTERS = ("period_from", "period_to", "category", "area", "organisation")


def incident_query(params, access, *, besides: tuple[str, ...] = ()) -> IncidentQuery | None:
    """The incident filters among `params` as the one incident query, or None when they are invalid or choose by
    something it has not (text, source, status, a map extent unless named in `besides`)."""
    if not any(value.strip() for name in IncidentFilter.base_filters if name not in besides
               for value in params.getlist(name)):
        return IncidentQuery(access)  # nothing chosen: the whole scope (and no choice lists built to say so)
    filterset = IncidentFilter(params, queryset=Incident.objects.none(), access=access)
    if not filterset.is_valid():
        return None
    data = filterset.form.cleaned_data
    if any(data.get(name) for name in data if name not in QUERY_FILTERS + besides):
        return None
    first, last = data.get("period_from"), data.get("period_to")
    period = Period(first or FIRST_DAY, last or LAST_DAY) if first or last else None
    return IncidentQuery(access, period, areas=[a.pk for a in data.get("area") or ()],
                         categories=[c.pk for c in data.get("category") or ()],
                         owners=[o.pk for o in data.get("organisation") or ()])


class PoliceEventFilter(django_filters.FilterSet):
    """The police's public events: for the map's police layer and the API. The narrowing is
    selectors.police_events_in, the lägesbild's too, so the map and the lägesbild count the same events."""

    period_from = LocalDayFilter(field_name="occurred_at", label=_("From"))
    period_to = LocalDayFilter(field_name="occurred_at", until=True, label=_("To"))
    kommunkod = django_filters.CharFilter(field_name="kommunkod", label=_("Municipality code"))
    county_level = django_filters.BooleanFilter(field_name="county_level", label=_("County-level events"))
    bbox = BBoxFilter(label=_("Map extent: min_lon,min_lat,max_lon,max_lat"))
    type = django_filters.CharFilter(field_name="type", label=_("Event type"))

    class Meta:
        model = PoliceEvent
        fields: list[str] = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        first, last = data.get("period_from"), data.get("period_to")
        events = selectors.police_events_in(
            kommunkod=data.get("kommunkod") or "", county_level=data.get("county_level"), bbox=data.get("bbox"),
            start=local_midnight(first) if first else None,
            end=local_midnight(last + timedelta(days=1)) if last else None, events=queryset)
        return events.filter(type=data["type"]) if data.get("type") else events
