"""Aguinaldo (Art. 87): the whole year, the proportional part, leap years, contracts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc import Job, compute
from tests.calc.conftest import D300, ON


def test_the_issue_worker_march_to_november() -> None:
    # 9,000 a month; 2026-03-01 .. 2026-11-30 = 275 days: 15 × 275/365 × 300 = 3,390.41.
    job = Job(daily_salary=D300, start=date(2026, 3, 1), end=date(2026, 11, 30))
    result = compute("aguinaldo", job, on=ON)
    (line,) = result.items
    assert (line.concepto, line.dias, line.monto) == (
        "Aguinaldo proporcional",
        Decimal("11.30"),
        Decimal("3390.41"),
    )
    assert line.articulos == ("87",)
    assert result.total == Decimal("3390.41")
    assert any("hasta tu salida" in note for note in result.supuestos)


def test_still_working_gets_the_whole_year_due_by_december_20() -> None:
    result = compute("aguinaldo", Job(daily_salary=D300, start=date(2020, 1, 1)), on=ON)
    (line,) = result.items
    assert (line.concepto, line.dias, line.monto) == ("Aguinaldo", Decimal(15), Decimal("4500.00"))
    assert any("antes del 20 de diciembre de 2026" in note for note in result.supuestos)


def test_started_this_year_and_still_working_counts_to_december_31() -> None:
    job = Job(daily_salary=Decimal(200), start=date(2026, 7, 1))
    (line,) = compute("aguinaldo", job, on=ON).items
    assert line.monto == Decimal("1512.33")  # 15 × 184/365 × 200


def test_leap_year() -> None:
    full = Job(daily_salary=Decimal(500), start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert compute("aguinaldo", full, on=ON).items[0].monto == Decimal("7500.00")
    half = Job(daily_salary=Decimal(500), start=date(2024, 7, 1), end=date(2024, 12, 31))
    assert compute("aguinaldo", half, on=ON).items[0].monto == Decimal("3770.49")  # 184/366


def test_contract_days() -> None:
    job = Job(daily_salary=Decimal(200), start=date(2019, 1, 1), aguinaldo_days=30)
    result = compute("aguinaldo", job, on=ON)
    assert result.items[0].monto == Decimal("6000.00")
    assert any("30 días de aguinaldo de tu contrato" in note for note in result.supuestos)
