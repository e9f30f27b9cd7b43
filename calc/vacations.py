"""Vacations (Art. 76 as reformed DOF 27-12-2022; Arts. 78, 79, 81) and their premium (Art. 80).

Days per year of service, the period earned at the last anniversary, the proportional part.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from calc.dates import add_months, add_years, spanish_date
from calc.errors import CalcError
from calc.facts import common_notes, start_of
from calc.seniority import Service, service
from calc.types import Job, Line, Result, cents

ROUND_DAYS = Decimal("0.01")


def vacation_days(year_of_service: int) -> int:
    """Art. 76: 12, 14, 16, 18, 20 for years 1-5, then 2 more for each five years (22 for 6-10)."""
    if year_of_service < 1:
        raise CalcError("El año de servicio empieza en 1.")
    if year_of_service <= 5:
        return 10 + 2 * year_of_service
    return 20 + 2 * ((year_of_service - 6) // 5 + 1)


def _days(value: Decimal) -> Decimal:
    return value.quantize(ROUND_DAYS) if value != value.to_integral_value() else value


def _line(concepto: str, days: Decimal, daily: Decimal | None, articulos: tuple[str, ...]) -> Line:
    monto = cents(days * daily) if daily is not None else None
    return Line(concepto, _days(days), monto, articulos)


def premium_line(days: Decimal, job: Job, daily: Decimal | None) -> Line | None:
    """Art. 80: the premium on the salary of the vacation ``days`` (25 % at least)."""
    if days == 0:
        return None
    share = f"{job.vacation_premium * 100:.0f} %"
    if daily is None:  # without the pay, the premium in days of salary ("5.5 días")
        return Line(f"Prima vacacional ({share})", days * job.vacation_premium, None, ("80",))
    monto = cents(days * daily * job.vacation_premium)
    return Line(f"Prima vacacional ({share})", None, monto, ("80",))


def ended_lines(job: Job, svc: Service, daily: Decimal | None, notes: list[str]) -> list[Line]:
    """When the job ends: the proportional part of the year in course (Art. 79) and what is
    still owed from earlier years, with their premium."""
    in_course = vacation_days(svc.completed + 1)
    accrued = in_course * svc.fraction
    lines: list[Line] = []
    if accrued > 0:
        lines.append(_line("Vacaciones proporcionales", accrued, daily, ("76", "79")))
    pending = _pending_days(job, svc, notes)
    if pending > 0:
        lines.append(_line("Vacaciones no disfrutadas", Decimal(pending), daily, ("76", "81")))
    premium = premium_line(accrued + pending, job, daily)
    if premium is not None:
        lines.append(premium)
    return lines


# Art. 81 gives the employer six months after each anniversary to grant the period; the claim
# prescribes a year after that (Art. 516).
CLAIMABLE_MONTHS = 6 + 12


def never_taken_days(job: Job, svc: Service, *, years: int, on: date, notes: list[str]) -> int:
    """The days of the first ``years`` years of service that were never granted and can still
    be claimed on ``on`` (a period whose claim prescribed is left out, and said so)."""
    claimable = [
        year
        for year in range(1, years + 1)
        if on < add_months(add_years(svc.start, year), CLAIMABLE_MONTHS)
    ]
    if len(claimable) < years:
        notes.append(
            f"Las vacaciones de {years - len(claimable)} año(s) más antiguos ya no se pueden "
            "reclamar: el plazo es de un año después de los 6 meses para darlas (Art. 81 y 516)."
        )
    return sum(vacation_days(year) for year in claimable)


def _pending_days(job: Job, svc: Service, notes: list[str]) -> int:
    if job.vacation_days_pending is not None:
        return job.vacation_days_pending
    if svc.completed == 0:
        return 0
    if job.vacations_never_taken:
        notes.append("Sumé las vacaciones que dices que nunca te dieron (Art. 76, 81).")
        return never_taken_days(job, svc, years=svc.completed, on=svc.last_day, notes=notes)
    earned = vacation_days(svc.completed)
    # Art. 81: the employer has six months after the anniversary to grant them; within that
    # window the period is likely still owed, after it we cannot tell.
    if svc.last_day < add_months(svc.last_anniversary, 6):
        left = max(earned - job.vacation_days_taken, 0)
        when = f"tu último aniversario ({spanish_date(svc.last_anniversary)})"
        if job.vacation_days_taken:
            notes.append(
                f"De los {earned} días de vacaciones de {when} restamos los "
                f"{job.vacation_days_taken} que ya tomaste."
            )
        else:
            notes.append(
                f"Supusimos que aún no tomabas los {earned} días de vacaciones de {when}; "
                "si ya los tomaste, réstalos."
            )
        return left
    notes.append(
        "Supusimos que ya disfrutaste las vacaciones de años anteriores; si te deben algunas, "
        "dime cuántos días y las sumo (Art. 76, 81)."
    )
    return 0


def vacaciones(job: Job, *, on: date) -> Result:
    """The vacation period of the last completed year (or, if the job ended, what it owes)."""
    start = start_of(job)
    notes = common_notes(job, on=on)
    daily = job.daily_salary
    if job.end is not None:
        svc = service(start, job.end)
        lines = ended_lines(job, svc, daily, notes)
        return Result("vacaciones", on, tuple(lines), tuple(notes))
    svc = service(start, on)
    lines = []
    if svc.completed >= 1:
        earned = vacation_days(svc.completed)
        days = Decimal(max(earned - job.vacation_days_taken, 0))
        lines.append(
            replace(
                _line(f"Vacaciones del año {svc.completed}", days, daily, ("76", "78")),
                nota=f"{earned} días por {svc.completed} año(s) cumplido(s); al menos 12 seguidos, "
                "el resto como prefieras (Art. 78), dentro de los 6 meses después del "
                "aniversario (Art. 81)",
            )
        )
        if job.vacation_days_taken:
            notes.append(f"Restamos los {job.vacation_days_taken} días que ya tomaste.")
        earlier = (
            never_taken_days(job, svc, years=svc.completed - 1, on=on, notes=notes)
            if job.vacations_never_taken
            else job.vacation_days_pending or 0
        )
        if earlier:
            lines.append(
                _line("Vacaciones de años anteriores", Decimal(earlier), daily, ("76", "81"))
            )
            days += earlier
    else:
        days = vacation_days(1) * svc.fraction
        lines.append(
            replace(
                _line("Vacaciones acumuladas", days, daily, ("76", "79")),
                nota="aún no cumples un año: se disfrutan al cumplirlo, o se pagan si la "
                "relación termina antes (Art. 79)",
            )
        )
    premium = premium_line(days, job, daily)
    if premium is not None:
        lines.append(premium)
    notes.append(
        f"Al cumplir {svc.completed + 1} año(s) te tocarán "
        f"{vacation_days(svc.completed + 1)} días (Art. 76)."
    )
    if daily is None:
        notes.append("Sin tu salario solo puedo darte los días, no el monto.")
    return Result("vacaciones", on, tuple(lines), tuple(notes))
