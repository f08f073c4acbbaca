"""The incident filters, one definition for the list page, the map, exports and the API (django-filter).
Every filter narrows an already scoped queryset (selectors.incidents); none widens it."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.areas.models import Area

from . import selectors
from .models import Category, Incident, Source, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the browser's date picker, ISO in the URL


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _descendant_ids(model, root_ids: set[int]) -> set[int]:
    found, todo = set(root_ids), set(root_ids)
    while todo:
        todo = set(model.objects.filter(parent__in=todo).values_list("id", flat=True)) - found
        found |= todo
    return found


class IncidentFilter(django_filters.FilterSet):
    period_from = django_filters.DateFilter(method="filter_period_from", label=_("From"), widget=DATE)
    period_to = django_filters.DateFilter(method="filter_period_to", label=_("To"), widget=DATE)
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

    class Meta:
        model = Incident
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, access, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["category"].queryset = selectors.categories_visible(access)
        self.filters["area"].queryset = access.areas()
        self.filters["organisation"].queryset = access.organisations()

    # The period compares times with the start of local days (Europe/Stockholm), not the local date of each
    # row, so the (occurred_from, …) indexes serve it.
    def filter_period_from(self, queryset, name, value):
        return queryset.filter(occurred_from__gte=_local_midnight(value))

    def filter_period_to(self, queryset, name, value):
        return queryset.filter(occurred_from__lt=_local_midnight(value + timedelta(days=1)))

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
