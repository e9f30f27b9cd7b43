"""The finiquito: what is owed whenever a job ends, and the prima de antigüedad (Art. 162).

Salary days owed, proportional aguinaldo and vacations, and the prima when the reason allows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calc.aguinaldo import aguinaldo_line
from calc.dates import spanish_date
from calc.facts import common_notes, pesos, salary_of, start_of, zone_of
from calc.salary import seniority_base
from calc.seniority import Service, service
from calc.types import Job, Line, Result, cents
from calc.vacations import ended_lines
from calc.wages import LAST_YEAR, minimum_wage

ZONE_WORDS = {"general": "general", "frontera": "de la Zona Libre de la Frontera Norte"}


@dataclass(frozen=True)
class Ending:
    """The lines every ending shares, and what the later lines need."""

    daily: Decimal
    svc: Service
    lines: list[Line]
    notes: list[str]


def ending_lines(job: Job, *, on: date) -> Ending:
    """Salary owed, aguinaldo and vacations up to the last day (``job.end``, else ``on``)."""
    daily = salary_of(job)
    start = start_of(job)
    notes = common_notes(job, on=on)
    if job.end is None:
        last_day = on
        notes.append(
            f"No me diste fecha de salida: calculé como si tu último día fuera el "
            f"{spanish_date(on)}."
        )
    else:
        last_day = job.end
    svc = service(start, last_day)
    lines: list[Line] = []
    if job.unpaid_days:
        days = Decimal(job.unpaid_days)
        lines.append(Line("Salario pendiente", days, cents(days * daily), ("82", "88")))
    lines.append(aguinaldo_line(job, daily=daily, start=start, last_day=last_day))
    if last_day >= date(last_day.year, 12, 20):
        notes.append(
            f"Si ya te pagaron el aguinaldo de {last_day.year}, no se suma (se paga antes del "
            "20 de diciembre, Art. 87)."
        )
    lines.extend(ended_lines(job, svc, daily, notes))
    return Ending(daily=daily, svc=svc, lines=lines, notes=notes)


def seniority_line(job: Job, end: Ending) -> Line:
    """Art. 162: 12 days per year of service (the year in course in proportion), on the
    salary of Arts. 485-486 for the area, with the minimum wage of the year the job ended."""
    svc = end.svc
    wage = minimum_wage(svc.last_day)
    zone = zone_of(job, end.notes)
    base = seniority_base(end.daily, wage=wage, zone=zone)
    end.notes.append(
        f"Salario mínimo {ZONE_WORDS[zone]} de {wage.year}: {pesos(base.minimum)} al día "
        f"({wage.source})."
    )
    if svc.last_day.year > LAST_YEAR:
        end.notes.append(
            f"Aún no tenemos el salario mínimo de {svc.last_day.year}; usamos el de {LAST_YEAR}."
        )
    days = 12 * svc.years
    nota = f"12 días × {svc.years:.2f} años × {pesos(base.daily)}"
    if base.capped:
        nota += f" (tope: el doble del mínimo, Art. 486; tu salario es {pesos(end.daily)})"
    elif base.floored and base.daily != end.daily:
        nota += " (nunca menos que el salario mínimo, Art. 485)"
    shown = days.quantize(Decimal("0.01"))
    return Line("Prima de antigüedad", shown, cents(days * base.daily), ("162", "485", "486"), nota)


def finiquito(job: Job, *, on: date) -> Result:
    """What is owed on any ending; the prima de antigüedad when Art. 162-III gives it."""
    end = ending_lines(job, on=on)
    reason = job.reason
    if reason is None:
        reason = "renuncia"
        end.notes.append(
            "Supusimos que renunciaste. Si te despidieron, también te toca la prima de "
            "antigüedad y quizá una indemnización: calcula la liquidación."
        )
    if reason != "renuncia" or end.svc.completed >= 15:
        end.lines.append(seniority_line(job, end))
        end.notes.append("La prima de antigüedad es para trabajadores de planta (Art. 162).")
    else:
        end.notes.append(
            "Al renunciar, la prima de antigüedad solo se paga con 15 años de servicio o más "
            f"(Art. 162-III); llevas {end.svc.completed}."
        )
    if reason == "despido":
        end.notes.append(
            "Si el despido fue injustificado, además te toca una indemnización: calcula la "
            "liquidación (Art. 48 y 50)."
        )
    elif reason == "rescision":
        end.notes.append(
            "Si te separaste por culpa del patrón (Art. 51), además te toca la indemnización "
            "del Art. 50: calcula la liquidación (Art. 52)."
        )
    return Result("finiquito", on, tuple(end.lines), tuple(end.notes))
