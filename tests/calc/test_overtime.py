"""Overtime by year (transitorio Cuarto, DOF 01-05-2026), rest days, holidays, Sundays."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc import CalcError, Job, compute
from calc.overtime import double_hours, weekly_hours
from tests.calc.conftest import D300

SHIFT8 = Job(daily_salary=D300, daily_hours=Decimal(8))  # 37.50 an hour


@pytest.mark.parametrize(
    ("year", "doubled", "weekly"),
    [
        (2025, 9, 48),
        (2026, 9, 48),
        (2027, 9, 46),
        (2028, 10, 44),
        (2029, 11, 42),
        (2030, 12, 40),
        (2031, 12, 40),
    ],
)
def test_schedule(year: int, doubled: int, weekly: int) -> None:
    assert double_hours(date(year, 6, 1)) == doubled
    assert weekly_hours(date(year, 6, 1)) == weekly


@pytest.mark.parametrize(
    ("on", "total"),
    [
        (date(2026, 12, 4), Decimal("1012.50")),  # 9 × 75 + 3 × 112.50
        (date(2028, 6, 1), Decimal("975.00")),  # 10 × 75 + 2 × 112.50
        (date(2030, 6, 1), Decimal("900.00")),  # 12 × 75
        (date(2025, 6, 1), Decimal("1012.50")),  # the old Arts. 66-68
    ],
)
def test_twelve_hours_by_year(on: date, total: Decimal) -> None:
    result = compute("horas-extra", SHIFT8, on=on, extra_hours=Decimal(12))
    assert result.total == total


def test_2026_versus_2028_lines() -> None:
    in_2026 = compute("horas-extra", SHIFT8, on=date(2026, 12, 4), extra_hours=Decimal(10))
    assert [(i.concepto, i.monto) for i in in_2026.items] == [
        ("9 h extra dobles", Decimal("675.00")),
        ("1 h extra triples", Decimal("112.50")),
    ]
    assert in_2026.items[1].articulos == ("68",)
    in_2028 = compute("horas-extra", SHIFT8, on=date(2028, 3, 1), extra_hours=Decimal(10))
    assert [(i.concepto, i.monto) for i in in_2028.items] == [
        ("10 h extra dobles", Decimal("750.00"))
    ]


def test_beyond_what_the_law_allows_is_still_paid_and_said() -> None:
    result = compute("horas-extra", SHIFT8, on=date(2026, 12, 4), extra_hours=Decimal(15))
    assert result.total == Decimal("1350.00")  # 9 × 75 + 6 × 112.50
    assert any("no permite más de 13 horas" in note for note in result.supuestos)


def test_default_shift_is_eight_hours() -> None:
    result = compute(
        "horas-extra", Job(daily_salary=D300), on=date(2026, 12, 4), extra_hours=Decimal(2)
    )
    assert result.total == Decimal("150.00")
    assert any("8 horas diarias" in note for note in result.supuestos)


def test_rest_days_holidays_and_sundays() -> None:
    result = compute(
        "horas-extra",
        Job(daily_salary=Decimal(400)),
        on=date(2026, 12, 4),
        rest_days=1,
        holidays=1,
        sundays=2,
    )
    assert [(i.concepto, i.monto, i.articulos) for i in result.items] == [
        ("Descanso trabajado", Decimal("800.00"), ("73",)),
        ("Día festivo trabajado", Decimal("800.00"), ("74", "75")),
        ("Prima dominical", Decimal("200.00"), ("71",)),
    ]


@pytest.mark.parametrize(
    ("hours", "rest", "message"),
    [
        (None, 0, "cuántas horas"),
        (Decimal(-1), 0, "negativos"),
        (Decimal(0), -1, "negativos"),
        (Decimal(200), 0, "168"),
    ],
)
def test_bad_overtime_input(hours: Decimal | None, rest: int, message: str) -> None:
    with pytest.raises(CalcError, match=message):
        compute("horas-extra", SHIFT8, on=date(2026, 12, 4), extra_hours=hours, rest_days=rest)
