"""Calendar months as integers (lib/months.py)."""

from datetime import date

import pytest

from samtrygg.lib import months


def test_a_month_and_its_neighbours():
    january = months.index(date(2025, 1, 31))
    assert months.first_day(january) == date(2025, 1, 1) and months.last_day(january) == date(2025, 1, 31)
    assert months.first_day(january - 1) == date(2024, 12, 1)
    assert months.last_day(january + 1) == date(2025, 2, 28) and months.last_day(january - 11) == date(2024, 2, 29)


@pytest.mark.parametrize(("day", "n", "expected"), [
    (date(2025, 1, 31), 1, date(2025, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2025, 11, 15), 3, date(2026, 2, 15)), (date(2025, 3, 31), -1, date(2025, 2, 28)),
    (date(2025, 8, 31), 6, date(2026, 2, 28)), (date(2025, 5, 10), 0, date(2025, 5, 10)),
])
def test_adding_months_keeps_the_day_or_the_months_last(day, n, expected):
    assert months.add(day, n) == expected
