"""calc.dates: months and years de fecha a fecha, inclusive day counts, Spanish dates."""

from __future__ import annotations

from datetime import date

import pytest

from calc.dates import add_months, add_years, days_in_year, days_inclusive, spanish_date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 10, 20), 2, date(2026, 12, 20)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),  # no Feb 31: the month's last day
        (date(2027, 12, 31), 2, date(2028, 2, 29)),  # leap February
        (date(2026, 8, 31), 2, date(2026, 10, 31)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),  # across the year end
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 1), 12, date(2027, 1, 1)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_add_years_from_a_leap_day_falls_to_february_28() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_days_in_year_and_inclusive_counts() -> None:
    assert days_in_year(2024) == 366
    assert days_in_year(2026) == 365
    assert days_inclusive(date(2026, 7, 1), date(2026, 12, 31)) == 184
    assert days_inclusive(date(2026, 7, 1), date(2026, 7, 1)) == 1
    assert days_inclusive(date(2026, 7, 2), date(2026, 7, 1)) == 0


def test_spanish_date() -> None:
    assert spanish_date(date(2026, 12, 20)) == "20 de diciembre de 2026"
    assert spanish_date(date(2027, 1, 1)) == "1 de enero de 2027"
