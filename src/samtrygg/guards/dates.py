"""The calendar rule on every write: a stored day or time lies in the calendar samtrygg accepts (lib.days, 1900
to 2999), whatever path it came by. Checked with the privacy guard (apps.py, screen_instances); the refusal names
the field and the range."""

from datetime import datetime
from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from samtrygg.lib import days

# Models whose times are written by their own code, not by a person, with sentinels outside the calendar.
OWN_CALENDAR: dict[str, str] = {
    "django_tasks_database.DBTaskResult": "the task queue writes 'run whenever' as the largest datetime (year 9999)",
}


@cache
def _date_fields(model) -> tuple[models.Field, ...]:
    if model._meta.label in OWN_CALENDAR:
        return ()
    return tuple(field for field in model._meta.concrete_fields if isinstance(field, models.DateField))


def outside_message(value) -> str:
    if isinstance(value, datetime):
        return _("Give a time from %(first)s to %(last)s.") % {
            "first": days.FIRST_DAY.year, "last": days.LAST_DAY.year}
    return _("Give a day from %(first)s to %(last)s.") % {
        "first": days.FIRST_DAY.isoformat(), "last": days.LAST_DAY.isoformat()}


def within_calendar(value) -> None:
    """A form field's validator: the same rule and message before anything is worked out from the value (a
    duplicate search reaching three hours beyond year 9999 overflows)."""
    if value is not None and not days.within(value):
        raise ValidationError(outside_message(value), code="day_range")


def check_dates(instance) -> None:
    """ValidationError {field: [message]} for each day or time of the row outside the calendar."""
    errors = {
        field.name: [outside_message(value)]
        for field in _date_fields(type(instance))
        if (value := getattr(instance, field.attname)) is not None and not days.within(value)
    }
    if errors:
        raise ValidationError(errors, code="day_range")
