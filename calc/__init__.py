"""Labor calculators: what the LFT gives a worker, in pesos and dates. Pure: no I/O.

``compute(kind, job, on=...)`` returns a ``Result`` (lines with days, amounts and articles, and
the assumptions in Spanish); ``needs`` says which facts to ask first. Bad input raises
``CalcError``, whose message is one Spanish line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.aguinaldo import aguinaldo
from calc.deadlines import plazo
from calc.dismissal import liquidacion
from calc.ending import finiquito
from calc.errors import CalcError
from calc.facts import check_job
from calc.overtime import horas_extra
from calc.salary import daily_salary
from calc.types import Job, Line, Reason, Result, Zone
from calc.vacations import vacaciones, vacation_days
from calc.wages import LAST_YEAR, minimum_wage

__all__ = [
    "KINDS",
    "CalcError",
    "Job",
    "Line",
    "Reason",
    "Result",
    "Zone",
    "compute",
    "daily_salary",
    "needs",
    "vacation_days",
]

KINDS = ("vacaciones", "aguinaldo", "finiquito", "liquidacion", "horas-extra", "plazo")


def _zone_matters(kind: str, job: Job) -> bool:
    """The area changes the figure only through the Art. 486 cap on the prima de antigüedad."""
    if job.zone is not None or job.daily_salary is None or kind not in ("finiquito", "liquidacion"):
        return False
    if kind == "finiquito" and job.reason == "renuncia":
        return False
    year = job.end.year if job.end is not None else LAST_YEAR
    wage = minimum_wage(date(max(year, 2019), 1, 1))
    return job.daily_salary > 2 * wage.general


def needs(
    kind: str,
    job: Job,
    *,
    extra_hours: Decimal | None = None,
    dismissed_on: date | None = None,
) -> tuple[str, ...]:
    """The facts still missing for ``kind``, in the order to ask them.

    Names: "salario", "inicio", "fin", "motivo", "zona", "jornada", "horas_extra", "despido".
    """
    if kind not in KINDS:
        raise CalcError(_unknown(kind))
    missing: list[str] = []
    if kind == "plazo":
        return () if (dismissed_on or job.end) else ("despido",)
    if job.daily_salary is None:
        missing.append("salario")
    if kind == "horas-extra":
        if job.daily_hours is None:
            missing.append("jornada")
        if extra_hours is None:
            missing.append("horas_extra")
        return tuple(missing)
    if job.start is None:
        missing.append("inicio")
    if kind in ("finiquito", "liquidacion"):
        if job.end is None:
            missing.append("fin")
        if kind == "finiquito" and job.reason is None:
            missing.append("motivo")
        if _zone_matters(kind, job):
            missing.append("zona")
    return tuple(missing)


def compute(
    kind: str,
    job: Job,
    *,
    on: date,
    extra_hours: Decimal | None = None,
    dismissed_on: date | None = None,
    rest_days: int = 0,
    holidays: int = 0,
    sundays: int = 0,
) -> Result:
    """Compute ``kind`` for ``job`` as of ``on``; raises ``CalcError`` on bad input."""
    if kind not in KINDS:
        raise CalcError(_unknown(kind))
    check_job(job, on=on, dismissed_on=dismissed_on)
    if kind == "vacaciones":
        return vacaciones(job, on=on)
    if kind == "aguinaldo":
        return aguinaldo(job, on=on)
    if kind == "finiquito":
        return finiquito(job, on=on)
    if kind == "liquidacion":
        return liquidacion(job, on=on)
    if kind == "horas-extra":
        return horas_extra(
            job,
            on=on,
            extra_hours=extra_hours,
            rest_days=rest_days,
            holidays=holidays,
            sundays=sundays,
        )
    return plazo(job, on=on, dismissed_on=dismissed_on)


def _unknown(kind: str) -> str:
    return f"No conozco el cálculo «{kind}»; puede ser: {', '.join(KINDS)}."
