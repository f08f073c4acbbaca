"""Calendar months as integers (year × 12 + month − 1), so a run of months is a range and a month's neighbours
are ± 1: the rolling 12-month counts of goals, the months before and after a measure, the lägesbild's whole
months, and follow-up intervals. Plain Python."""

import calendar
from datetime import date


def index(day: date) -> int:
    """The month `day` falls in."""
    return day.year * 12 + day.month - 1


def first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


def last_day(month: int) -> date:
    first = first_day(month)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add(day: date, months: int) -> date:
    """The same day `months` later (or earlier); the month's last day when it is shorter (31 January + 1 month
    is 28 or 29 February)."""
    month = index(day) + months
    first = first_day(month)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))
