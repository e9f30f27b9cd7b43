"""PTU (reparto de utilidades, Art. 127): who takes part, and the cap on what one worker gets.

Eligibility and the cap only: the share itself depends on the company's taxable profit.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from calc.errors import CalcError
from calc.facts import common_notes, pesos
from calc.types import Job, Line, Result, cents

Worker = Literal["planta", "eventual", "plataforma", "direccion", "hogar", "confianza"]
EVENTUAL_DAYS = 60  # Art. 127-VII
PLATFORM_HOURS = 288  # Art. 127-IX
CAP_DAYS = 90  # Art. 127-VIII: three months of salary


def ptu(
    job: Job,
    *,
    on: date,
    worker: Worker = "planta",
    days_worked: int | None = None,
    platform_hours: Decimal | None = None,
    average_last_three: Decimal | None = None,
) -> Result:
    """Whether the worker takes part in the PTU and, if so, the most it can be (Art. 127-VIII)."""
    notes = common_notes(job, on=on)
    if worker in ("direccion", "hogar"):
        why = (
            "directores, administradores y gerentes generales"
            if worker == "direccion"
            else ("las personas trabajadoras del hogar")
        )
        fraction = "I" if worker == "direccion" else "VI"
        line = Line("Sin PTU", None, None, ("127",), f"{why} no participan (Art. 127-{fraction})")
        return Result("ptu", on, (line,), tuple(notes))
    if worker == "eventual":
        if days_worked is None:
            raise CalcError("Necesito cuántos días trabajaste en el año.")
        if days_worked < EVENTUAL_DAYS:
            line = Line(
                "Sin PTU", None, None, ("127",), "eventuales: con 60 días o más en el año (127-VII)"
            )
            return Result("ptu", on, (line,), tuple(notes))
    if worker == "plataforma":
        if platform_hours is None:
            raise CalcError("Necesito cuántas horas trabajaste en la plataforma en el año.")
        if platform_hours <= PLATFORM_HOURS:
            line = Line(
                "Sin PTU",
                None,
                None,
                ("127", "291-D"),
                "plataformas: más de 288 horas al año (127-IX)",
            )
            return Result("ptu", on, (line,), tuple(notes))
    if worker == "confianza":
        notes.append(
            "Si eres de confianza y ganas más que el trabajador sindicalizado o de planta de más "
            "alto salario, se usa ese salario más 20 % (Art. 127-II)."
        )
    lines = [
        Line(
            "Participas en la PTU", None, None, ("117", "127"), "el monto depende de las utilidades"
        )
    ]
    if job.daily_salary is not None:
        three_months = cents(CAP_DAYS * job.daily_salary)
        cap = max(three_months, cents(average_last_three or Decimal(0)))
        lines.append(
            Line(
                "Tope de la PTU",
                Decimal(CAP_DAYS) if cap == three_months else None,
                cap,
                ("127",),
                "tres meses de salario o el promedio de los últimos 3 años, lo que sea mayor",
                condicional=True,
            )
        )
        notes.append(f"Tres meses de tu salario son {pesos(three_months)} (Art. 127-VIII).")
    return Result("ptu", on, tuple(lines), tuple(notes))
