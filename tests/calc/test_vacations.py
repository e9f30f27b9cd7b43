"""Vacations: the Art. 76 table, the period of the last anniversary, the proportional part."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc import Job, compute, vacation_days
from calc.errors import CalcError
from tests.calc.conftest import D300, ON


@pytest.mark.parametrize(
    ("year", "days"),
    [
        (1, 12),
        (2, 14),
        (3, 16),
        (4, 18),
        (5, 20),
        (6, 22),
        (10, 22),
        (11, 24),
        (15, 24),
        (16, 26),
        (21, 28),
        (26, 30),
        (31, 32),
    ],
)
def test_article_76_table(year: int, days: int) -> None:
    assert vacation_days(year) == days


def test_year_zero_is_an_error() -> None:
    with pytest.raises(CalcError):
        vacation_days(0)


def test_still_working_gets_the_period_of_the_last_anniversary() -> None:
    result = compute("vacaciones", Job(daily_salary=D300, start=date(2023, 6, 1)), on=ON)
    first, premium = result.items
    assert (first.concepto, first.dias, first.monto) == (
        "Vacaciones del año 3",
        Decimal(16),
        Decimal("4800.00"),
    )
    assert premium.monto == Decimal("1200.00")
    assert any("te tocarán 18 días" in note for note in result.supuestos)


def test_years_never_granted_are_owed_while_their_claim_lasts() -> None:
    # Found playing a chat: "nunca me han dado vacaciones" after 2 years got the second year's
    # 14 days only, not the first year's 12 as well.
    job = Job(daily_salary=D300, start=date(2024, 10, 1), vacations_never_taken=True)
    result = compute("vacaciones", job, on=date(2026, 12, 6))
    assert [(line.concepto, line.dias) for line in result.items[:2]] == [
        ("Vacaciones del año 2", Decimal(14)),
        ("Vacaciones de años anteriores", Decimal(12)),
    ]
    assert result.total == Decimal("9750.00")  # 26 days and their 25 % premium
    # After 6 years, the periods whose claim prescribed (a year after the 6 months of Art. 81)
    # are left out and said to be: year 5 (20 days) and year 6 (22) remain.
    older = Job(daily_salary=D300, start=date(2020, 10, 1), vacations_never_taken=True)
    late = compute("vacaciones", older, on=date(2026, 12, 6))
    assert sum(line.dias or 0 for line in late.items) == 42
    assert any("4 año(s) más antiguos ya no se pueden reclamar" in n for n in late.supuestos)
    # When the job ended, the same periods are what is owed beside the proportional part.
    ended = compute(
        "vacaciones", Job(daily_salary=D300, start=date(2024, 10, 1), end=date(2026, 11, 30),
                          vacations_never_taken=True), on=date(2026, 12, 6)
    )  # fmt: skip
    pending = next(line for line in ended.items if line.concepto == "Vacaciones no disfrutadas")
    assert pending.dias == 26


def test_days_already_taken_are_subtracted() -> None:
    job = Job(daily_salary=D300, start=date(2023, 6, 1), vacation_days_taken=6)
    result = compute("vacaciones", job, on=ON)
    assert result.items[0].dias == 10
    assert result.items[0].monto == Decimal("3000.00")
    assert any("Restamos los 6" in note for note in result.supuestos)


def test_taking_more_than_the_period_never_goes_negative() -> None:
    job = Job(daily_salary=D300, start=date(2023, 6, 1), vacation_days_taken=40)
    result = compute("vacaciones", job, on=ON)
    assert result.items[0].dias == 0
    assert len(result.items) == 1  # no premium on zero days


def test_less_than_a_year_accrues_in_proportion() -> None:
    job = Job(daily_salary=D300, start=date(2026, 6, 1))
    line, premium = compute("vacaciones", job, on=ON).items
    # 2026-06-01 .. 2026-12-04 = 187 days; 12 × 187/365 = 6.1479 days.
    assert line.concepto == "Vacaciones acumuladas"
    assert line.dias == Decimal("6.15")
    assert line.monto == Decimal("1844.38")
    assert premium.monto == Decimal("461.10")  # from the unrounded days


def test_without_salary_only_days() -> None:
    result = compute("vacaciones", Job(start=date(2020, 1, 10)), on=ON)
    # The premium too, in days of salary: 25 % of 22 days.
    assert [(line.dias, line.monto) for line in result.items] == [
        (Decimal(22), None),
        (Decimal("5.50"), None),
    ]
    assert result.total == 0
    assert any("Sin tu salario" in note for note in result.supuestos)


def test_an_ended_job_gets_the_proportional_part() -> None:
    job = Job(daily_salary=D300, start=date(2024, 3, 1), end=date(2026, 9, 15))
    result = compute("vacaciones", job, on=ON)
    assert [line.concepto for line in result.items] == [
        "Vacaciones proporcionales",
        "Prima vacacional (25 %)",
    ]
    assert result.items[0].monto == Decimal("2616.99")
    assert any("ya disfrutaste" in note for note in result.supuestos)


def test_pending_days_given_explicitly() -> None:
    job = Job(
        daily_salary=D300, start=date(2024, 3, 1), end=date(2026, 9, 15), vacation_days_pending=5
    )
    result = compute("vacaciones", job, on=ON)
    pending = next(line for line in result.items if line.concepto == "Vacaciones no disfrutadas")
    assert pending.monto == Decimal("1500.00")


def test_recent_anniversary_with_some_days_taken() -> None:
    # Anniversary 2026-03-01, job ends 2026-04-30: within six months (Art. 81).
    job = Job(
        daily_salary=D300, start=date(2024, 3, 1), end=date(2026, 4, 30), vacation_days_taken=4
    )
    result = compute("vacaciones", job, on=ON)
    pending = next(line for line in result.items if line.concepto == "Vacaciones no disfrutadas")
    assert pending.dias == 10  # 14 days of year 2, 4 taken
    assert any("restamos los 4" in note for note in result.supuestos)


def test_an_ended_job_without_salary_gets_days_and_the_premium_in_days() -> None:
    job = Job(start=date(2024, 3, 1), end=date(2026, 9, 15))
    result = compute("vacaciones", job, on=ON)
    assert [(line.concepto, line.monto) for line in result.items] == [
        ("Vacaciones proporcionales", None),
        ("Prima vacacional (25 %)", None),
    ]
    assert result.items[0].dias == Decimal("8.72")  # 16 × 199/365
