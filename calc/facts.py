"""The facts every calculator checks the same way, and the assumption lines every result carries.

Dates in range, salary and start present, zone assumed when unknown, pesos written out.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.dates import spanish_date
from calc.errors import CalcError
from calc.types import Job, Zone, cents

EARLIEST = date(1940, 1, 1)
# The law text is dated 2026-05-01 and its transitorios run to 2030: a year past that is the
# furthest a computation still means something.
LATEST = date(2031, 12, 31)
ESTIMATE = (
    "Es un estimado: los registros de tu patrón, tu contrato o un convenio pueden cambiar "
    "las cifras."
)


def pesos(amount: Decimal) -> str:
    """``Decimal("3390.4")`` → ``"$3,390.40"``."""
    return f"${cents(amount):,.2f}"


def plain(value: Decimal) -> str:
    """ "7.5", "5": Mexico writes decimals with a point."""
    return f"{value.quantize(Decimal('0.01')).normalize():f}"


def check_date(day: date, what: str) -> None:
    if not EARLIEST <= day <= LATEST:
        raise CalcError(
            f"La fecha {what} ({day.isoformat()}) está fuera de lo que podemos calcular "
            f"({EARLIEST.year} a {LATEST.year})."
        )


def check_job(job: Job, *, on: date, dismissed_on: date | None = None) -> None:
    """Every date in range, the start not after the end nor after the computation date."""
    check_date(on, "del cálculo")
    for day, what in (
        (job.start, "de entrada"),
        (job.end, "de salida"),
        (dismissed_on, "del despido"),
    ):
        if day is not None:
            check_date(day, what)
    if job.start is not None and job.end is not None and job.end < job.start:
        raise CalcError("La fecha de salida no puede ser anterior a la fecha de entrada.")
    if job.start is not None and job.start > on:
        raise CalcError("La fecha de entrada es posterior a la fecha del cálculo.")
    if job.daily_salary is not None and job.daily_salary <= 0:
        raise CalcError("El salario tiene que ser mayor que cero.")
    if job.daily_hours is not None and not 0 < job.daily_hours <= 24:
        raise CalcError("La jornada diaria tiene que ser de más de 0 y hasta 24 horas.")
    if min(job.aguinaldo_days, job.vacation_days_taken, job.unpaid_days) < 0 or (
        job.vacation_days_pending is not None and job.vacation_days_pending < 0
    ):
        raise CalcError("Los días no pueden ser negativos.")
    if job.vacation_premium < 0:
        raise CalcError("La prima vacacional no puede ser negativa.")


def salary_of(job: Job) -> Decimal:
    if job.daily_salary is None:
        raise CalcError("Necesito tu salario para calcularlo.")
    return job.daily_salary


def start_of(job: Job) -> date:
    if job.start is None:
        raise CalcError("Necesito la fecha en que entraste a trabajar.")
    return job.start


def zone_of(job: Job, notes: list[str]) -> Zone:
    if job.zone is None:
        notes.append(
            "Supusimos que trabajas fuera de la Zona Libre de la Frontera Norte (salario mínimo "
            "general); si es en la frontera, dímelo y lo ajusto."
        )
        return "general"
    return job.zone


def common_notes(job: Job, *, on: date) -> list[str]:
    """The date computed for, the salary convention, the counting rule and the estimate."""
    notes = [f"Calculado al {spanish_date(on)}."]
    if job.daily_salary is not None:
        notes.append(
            f"Salario diario: {pesos(job.daily_salary)} (el mensual se divide entre 30, el "
            "semanal entre 7, como en el Art. 89 y la calculadora oficial)."
        )
    if job.start is not None:
        notes.append("Contamos el día de entrada y el último día trabajado, los dos completos.")
    if job.approximate_dates:
        notes.append("Las fechas son aproximadas: con las exactas la cifra puede cambiar un poco.")
    notes.append(ESTIMATE)
    return notes
