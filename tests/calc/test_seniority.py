"""calc.seniority: whole years by anniversaries, the share of the year in course."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc.errors import CalcError
from calc.seniority import service


def test_one_full_year_is_start_through_the_day_before_the_anniversary() -> None:
    svc = service(date(2025, 12, 4), date(2026, 12, 3))
    assert (svc.completed, svc.extra_days, svc.year_length) == (1, 0, 365)
    assert svc.years == 1
    assert svc.last_anniversary == date(2026, 12, 4)


def test_fraction_of_the_year_in_course() -> None:
    svc = service(date(2024, 3, 1), date(2026, 9, 15))
    # 2026-03-01 .. 2026-09-15 are 199 days of a 365-day service year.
    assert (svc.completed, svc.extra_days, svc.year_length) == (2, 199, 365)
    assert svc.fraction == Decimal(199) / 365


def test_a_service_year_that_holds_february_29_has_366_days() -> None:
    svc = service(date(2023, 6, 1), date(2024, 1, 31))
    assert (svc.completed, svc.extra_days, svc.year_length) == (0, 245, 366)


def test_a_single_day() -> None:
    svc = service(date(2026, 5, 4), date(2026, 5, 4))
    assert (svc.completed, svc.extra_days) == (0, 1)


def test_end_before_start_is_an_error() -> None:
    with pytest.raises(CalcError, match="anterior"):
        service(date(2026, 5, 4), date(2026, 5, 3))
