"""Query parameters of the API: the UI's filters (samtrygg.incidents.filters: IncidentFilter, built with the
request's Access, and PoliceEventFilter), and ids in query parameters. Whatever a client sends answers 400 or
a result, never 500: ids beyond the database's 64-bit integers (which SQLite cannot even compare) and days so far
off that a day's end in UTC leaves the calendar are refused, naming the parameter."""

import datetime

from django.utils.translation import gettext as _
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework.exceptions import ValidationError

from samtrygg.access import for_request
from samtrygg.lib.days import FIRST_DAY, LAST_DAY

MAX_ID = 2**63 - 1


def as_id(raw) -> int | None:
    """A database id from text ("42"), or None: ASCII digits only, within a 64-bit integer."""
    text = str(raw)
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        return None
    return int(text)


def id_param(request, name: str, message: str) -> int | None:
    """The id in query parameter `name`, None when it is not given; 400 with `message` when it is not an id."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    value = as_id(raw)
    if value is None:
        raise ValidationError({name: [message]})
    return value


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
        _refuse_huge_ids(request, filterset_class)  # before the form looks them up
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        _refuse_far_days(filterset.form.cleaned_data)
        return filterset.qs


def _refuse_huge_ids(request, filterset_class) -> None:
    errors = {}
    for name, definition in filterset_class.base_filters.items():
        if not isinstance(definition, ModelChoiceFilter | ModelMultipleChoiceFilter):
            continue
        for raw in request.query_params.getlist(name):
            digits = raw.strip().lstrip("+-")
            if digits.isascii() and digits.isdigit() and int(digits) > MAX_ID:
                errors[name] = [_("Select a valid choice. %(value)s is not one of the available choices.")
                                % {"value": raw}]
    if errors:
        raise ValidationError(errors)


def _refuse_far_days(cleaned: dict) -> None:
    errors = {
        name: [_("Give a day from %(first)s to %(last)s.") % {"first": FIRST_DAY, "last": LAST_DAY}]
        for name, value in cleaned.items()
        if isinstance(value, datetime.date) and not FIRST_DAY <= value <= LAST_DAY
    }
    if errors:
        raise ValidationError(errors)
