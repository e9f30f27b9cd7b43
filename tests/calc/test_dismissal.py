"""The liquidación: three months, the conditional 20 days a year, salarios vencidos, interest."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc import CalcError, Job, compute
from tests.calc.conftest import D300
from tests.calc.test_ending import concepts, line

DISMISSED = Job(daily_salary=D300, start=date(2023, 1, 1), end=date(2025, 12, 31), reason="despido")
# 300 × (1 + (15 + 18 × 0.25)/365): 18 vacation days in the fourth year of service.
INTEGRATED = Decimal(300) * (1 + Decimal("19.5") / 365)


def test_three_months_on_the_integrated_salary() -> None:
    result = compute("liquidacion", DISMISSED, on=date(2025, 12, 31))
    three = line(result, "Indemnización de 3 meses")
    assert (three.dias, three.monto) == (Decimal(90), Decimal("28442.47"))
    assert three.articulos == ("48", "50")
    assert any("$316.03 al día" in note for note in result.supuestos)


def test_the_total_leaves_out_what_is_conditional() -> None:
    result = compute("liquidacion", DISMISSED, on=date(2025, 12, 31))
    twenty = line(result, "20 días por año")
    assert twenty.condicional
    assert twenty.monto == Decimal("18961.64")
    assert "Art. 49" in twenty.nota
    back_pay = line(result, "Salarios vencidos")
    assert back_pay.condicional
    assert back_pay.monto is None  # computed for the dismissal day itself
    # 4,500 + 4,800 + 1,200 + 10,800 + 28,442.47
    assert result.total == Decimal("49742.47")


def test_rescission_by_the_worker_owes_the_twenty_days() -> None:
    job = Job(**{**DISMISSED.__dict__, "reason": "rescision"})
    result = compute("liquidacion", job, on=date(2025, 12, 31))
    twenty = line(result, "20 días por año")
    assert not twenty.condicional
    assert twenty.articulos == ("50", "52")
    assert result.total == Decimal("68704.11")


def test_salarios_vencidos_and_interest() -> None:
    three_months = compute("liquidacion", DISMISSED, on=date(2026, 3, 31))
    back_pay = line(three_months, "Salarios vencidos")
    assert (back_pay.dias, back_pay.monto) == (Decimal(90), Decimal("28442.47"))
    assert "Intereses (2 % mensual)" not in concepts(three_months)
    later = compute("liquidacion", DISMISSED, on=date(2027, 3, 31))
    assert line(later, "Salarios vencidos").dias == 365  # twelve months at most
    assert line(later, "Salarios vencidos").monto == Decimal("115350.00")
    interest = line(later, "Intereses")
    # 450 days × 316.0274 × 2 % × 3 months
    assert interest.monto == Decimal("8532.74")
    assert interest.condicional


def test_less_than_a_year() -> None:
    job = Job(
        daily_salary=Decimal(400), start=date(2026, 1, 1), end=date(2026, 6, 30), reason="despido"
    )
    result = compute("liquidacion", job, on=date(2026, 6, 30))
    assert result.total == Decimal("46106.29")
    assert any("Art. 49-I" in note for note in result.supuestos)


def test_unknown_reason_is_taken_as_a_dismissal() -> None:
    job = Job(daily_salary=D300, start=date(2023, 1, 1), end=date(2025, 12, 31))
    result = compute("liquidacion", job, on=date(2025, 12, 31))
    assert result.total == Decimal("49742.47")
    assert any("sin causa justificada" in note for note in result.supuestos)


def test_resignation_has_no_severance() -> None:
    job = Job(**{**DISMISSED.__dict__, "reason": "renuncia"})
    with pytest.raises(CalcError, match="finiquito"):
        compute("liquidacion", job, on=date(2025, 12, 31))


def test_border_cap_in_2019() -> None:
    job = Job(
        daily_salary=Decimal(1000),
        start=date(2009, 1, 1),
        end=date(2019, 6, 30),
        reason="despido",
        zone="frontera",
    )
    prima = line(compute("liquidacion", job, on=date(2019, 6, 30)), "Prima de antigüedad")
    assert prima.monto == Decimal("44516.01")  # 12 × (10 + 181/365) × 2 × 176.72
