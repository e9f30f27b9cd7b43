"""Pay as people say it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.salary import Salary, parse_salary


@pytest.mark.parametrize(
    ("text", "amount", "period"),
    [
        ("8,500 al mes", "8500", "mes"),
        ("$350 diarios", "350", "dia"),
        ("4 mil a la quincena", "4000", "quincena"),
        ("1.5 mil semanal", "1500", "semana"),
        ("$2,000.50 por semana", "2000.50", "semana"),
        ("8.500 mensuales", "8500", "mes"),
        ("me pagan 3200 a la catorcena", "3200", "catorcena"),
        ("mil pesos a la semana", "1000", "semana"),
        ("12,000 pesos mensuales", "12000", "mes"),
        # The time worked told beside the pay is no amount (found playing a chat: "$0.29 al día").
        ("trabaje 2 años, ganaba 2800 a la semana", "2800", "semana"),
        ("llevo 3 meses ganando 350 al dia", "350", "dia"),
        ("entre en noviembre del 2023, gano 9 mil al mes", "9000", "mes"),
    ],
)
def test_reads_amount_and_period(text: str, amount: str, period: str) -> None:
    salary = parse_salary(text)
    assert isinstance(salary, Salary)
    assert salary.amount == Decimal(amount)
    assert salary.period == period


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("mucho", "no_amount"),
        ("poquito al mes", "no_amount"),
        ("8500", "no_period"),
        ("entre en noviembre del 2023", "no_amount"),
        ("el 30 de noviembre", "no_amount"),  # a day, not $30
        ("0 al mes", "implausible"),
        ("99999999 diarios", "implausible"),
        # By the hour: the week's pay is asked for (a part-time day is no full day's pay).
        ("60 la hora", "hourly"),
        ("me pagan 70 pesos por hora", "hourly"),
    ],
)
def test_unusable_pay_says_why(text: str, problem: str) -> None:
    assert parse_salary(text) == problem


def test_canonical_round_trip_and_daily_equivalent() -> None:
    salary = parse_salary("8,500 al mes")
    assert isinstance(salary, Salary)
    assert salary.canonical() == "8500.00 mes"
    again = Salary.from_canonical(salary.canonical())
    assert again.daily() == Decimal("283.33")
    assert again.spanish() == "$8,500.00 al mes (unos $283.33 al día)"
