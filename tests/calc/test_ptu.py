"""PTU (Art. 127): who takes part, the eventual and platform thresholds, the cap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc import CalcError, Job
from calc.ptu import ptu

ON = date(2026, 5, 1)
JOB = Job(daily_salary=Decimal(300))


@pytest.mark.parametrize(("worker", "fraction"), [("direccion", "127-I"), ("hogar", "127-VI")])
def test_excluded(worker: str, fraction: str) -> None:
    (line,) = ptu(JOB, on=ON, worker=worker).items  # type: ignore[arg-type]
    assert line.concepto == "Sin PTU"
    assert fraction in line.nota


def test_eventual_workers_need_sixty_days() -> None:
    assert ptu(JOB, on=ON, worker="eventual", days_worked=59).items[0].concepto == "Sin PTU"
    assert (
        ptu(JOB, on=ON, worker="eventual", days_worked=60).items[0].concepto
        == "Participas en la PTU"
    )
    with pytest.raises(CalcError):
        ptu(JOB, on=ON, worker="eventual")


def test_platform_workers_need_more_than_288_hours() -> None:
    assert (
        ptu(JOB, on=ON, worker="plataforma", platform_hours=Decimal(288)).items[0].concepto
        == "Sin PTU"
    )
    yes = ptu(JOB, on=ON, worker="plataforma", platform_hours=Decimal(289))
    assert yes.items[0].concepto == "Participas en la PTU"
    with pytest.raises(CalcError):
        ptu(JOB, on=ON, worker="plataforma")


def test_cap_is_three_months_or_the_three_year_average() -> None:
    cap = ptu(JOB, on=ON).items[1]
    assert (cap.dias, cap.monto, cap.condicional) == (Decimal(90), Decimal("27000.00"), True)
    higher = ptu(JOB, on=ON, average_last_three=Decimal("30000")).items[1]
    assert (higher.dias, higher.monto) == (None, Decimal("30000.00"))


def test_trust_workers_and_unknown_salary() -> None:
    result = ptu(Job(), on=ON, worker="confianza")
    assert len(result.items) == 1
    assert any("127-II" in note for note in result.supuestos)
