"""The calendar samtrygg accepts: days from 1900 to 2999. Far outside it (year 1 or 9999, as a fuzzer or a typo
sends) a local midnight in UTC leaves the calendar, and before 1900 Europe/Stockholm's offset is local mean time
(+01:12:12), which no RFC 3339 date-time can carry. Every stored day and time, every day in a filter, is inside."""

from datetime import date, datetime

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def within(value: date | datetime) -> bool:
    """Whether a day, or a time (by its own calendar day), lies in the calendar samtrygg accepts."""
    day = value.date() if isinstance(value, datetime) else value
    return FIRST_DAY <= day <= LAST_DAY


LONGEST_PERIOD_DAYS = 10 * 366  # a period analysed at once (a lägesbild, the analysis page): ten years at most


def too_long(start: date, end: date) -> bool:
    """Whether the period from `start` to `end` (both included) is longer than a lägesbild or an analysis reads."""
    return (end - start).days + 1 > LONGEST_PERIOD_DAYS
