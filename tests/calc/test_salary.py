"""calc.salary: daily salary by period (Art. 89), integrated salary, the Art. 485-486 base."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calc import daily_salary
from calc.errors import CalcError
from calc.salary import integrated_daily, seniority_base
from calc.wages import MINIMUM_WAGES


@pytest.mark.parametrize(
    ("amount", "period", "daily"),
    [
        ("9000", "mes", "300"),
        ("4500", "quincena", "300"),
        ("2100", "semana", "300"),
        ("4200", "catorcena", "300"),
        ("350", "dia", "350"),
    ],
)
def test_daily_salary(amount: str, period: str, daily: str) -> None:
    assert daily_salary(Decimal(amount), period) == Decimal(daily)


def test_daily_salary_keeps_full_precision() -> None:
    assert daily_salary(Decimal(3000), "semana") * 7 == Decimal(3000)


@pytest.mark.parametrize(("amount", "period"), [("9000", "año"), ("0", "mes"), ("-5", "dia")])
def test_bad_salary(amount: str, period: str) -> None:
    with pytest.raises(CalcError):
        daily_salary(Decimal(amount), period)


def test_integrated_salary_adds_aguinaldo_and_premium_shares() -> None:
    # 300 × (1 + (15 + 18 × 0.25) / 365)
    value = integrated_daily(
        Decimal(300), aguinaldo_days=15, vacation_days=18, premium=Decimal("0.25")
    )
    assert value == Decimal(300) * (1 + Decimal("19.5") / 365)


def test_seniority_base_cap_and_floor() -> None:
    wage = MINIMUM_WAGES[-1]  # 2026
    capped = seniority_base(Decimal(1000), wage=wage, zone="general")
    assert capped.daily == Decimal("630.08")
    assert capped.capped
    assert not capped.floored
    border = seniority_base(Decimal(1000), wage=wage, zone="frontera")
    assert border.daily == Decimal("881.74")
    floored = seniority_base(Decimal(200), wage=wage, zone="general")
    assert floored.daily == Decimal("315.04")
    assert floored.floored
    assert not floored.capped
    plain = seniority_base(Decimal(400), wage=wage, zone="general")
    assert plain.daily == Decimal(400)
    assert not plain.capped
    assert not plain.floored
