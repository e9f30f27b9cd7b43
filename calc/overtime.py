"""Overtime (Arts. 66-68 and the DOF 01-05-2026 transitorios), rest days and holidays worked
(Arts. 73-75) and the Sunday premium (Art. 71), for one week.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.errors import CalcError
from calc.facts import common_notes, pesos, salary_of
from calc.types import Job, Line, Result, cents

DEFAULT_HOURS = Decimal(8)  # Art. 61: the day shift
REFORM = date(2026, 5, 1)  # DOF 01-05-2026, in force that day (transitorio Primero)
# Transitorio Cuarto: overtime hours a week paid double, from January 1 of each year.
DOUBLE_HOURS = {2026: 9, 2027: 9, 2028: 10, 2029: 11, 2030: 12}
# Transitorio Segundo: the weekly cap of the ordinary working time (Art. 59).
WEEKLY_HOURS = {2026: 48, 2027: 46, 2028: 44, 2029: 42, 2030: 40}
SUNDAY_PREMIUM = Decimal("0.25")


def double_hours(on: date) -> int:
    """Overtime hours a week paid double in ``on``'s year: 9 before 2028 (and under the old
    Art. 66), then 10, 11 and 12 from 2030 on."""
    if on.year < 2026:
        return 9
    return DOUBLE_HOURS.get(on.year, 12)


# Art. 68 as reformed: overtime past the double-paid hours may be at most 4 a week (paid triple).
TRIPLE_HOURS = 4


def split_hours(hours: Decimal, *, on: date) -> tuple[Decimal, Decimal]:
    """A week's overtime hours as (paid double, paid triple) in ``on``'s year."""
    doubled = min(hours, Decimal(double_hours(on)))
    return doubled, hours - doubled


def weekly_hours(on: date) -> int:
    if on.year < 2026:
        return 48
    return WEEKLY_HOURS.get(on.year, 40)


def horas_extra(
    job: Job,
    *,
    on: date,
    extra_hours: Decimal | None,
    rest_days: int = 0,
    holidays: int = 0,
    sundays: int = 0,
) -> Result:
    """Pay for ``extra_hours`` of overtime in one week, plus rest days, holidays and Sundays."""
    daily = salary_of(job)
    hours = extra_hours if extra_hours is not None else Decimal(0)
    if hours < 0 or min(rest_days, holidays, sundays) < 0:
        raise CalcError("Las horas y los días no pueden ser negativos.")
    if hours > 168:
        raise CalcError("Una semana tiene 168 horas; revisa las horas extra.")
    if hours == 0 and not (rest_days or holidays or sundays):
        raise CalcError("Dime cuántas horas extra trabajaste en la semana.")
    notes = common_notes(job, on=on)
    shift = job.daily_hours or DEFAULT_HOURS
    if job.daily_hours is None:
        notes.append("Supusimos una jornada de 8 horas diarias (la diurna, Art. 61).")
    hourly = daily / shift
    notes.append(f"Tu hora ordinaria vale {pesos(hourly)} (salario diario ÷ {shift} horas).")
    cap = double_hours(on)
    lines: list[Line] = []
    if hours > 0:
        doubled, tripled = split_hours(hours, on=on)
        lines.append(
            Line(
                f"{doubled} h extra dobles",
                None,
                cents(doubled * 2 * hourly),
                ("66", "67") if on >= REFORM else ("67",),
                f"las primeras {cap} horas de la semana se pagan al doble en {on.year}",
            )
        )
        if tripled > 0:
            lines.append(
                Line(
                    f"{tripled} h extra triples",
                    None,
                    cents(tripled * 3 * hourly),
                    ("68",),
                    f"pasando de {cap} horas a la semana se pagan al triple",
                )
            )
        _limits_note(notes, on=on, hours=hours, cap=cap)
    _rest_lines(lines, daily, rest_days=rest_days, holidays=holidays, sundays=sundays)
    weeks = claimable_weeks(job, on=on) if hours > 0 else None
    return Result("horas-extra", on, tuple(lines), tuple(notes), semanas=weeks)


# Overtime owed prescribes a year after each week (Art. 516): at most this many weeks are owed.
YEAR_WEEKS = 52


def claimable_weeks(job: Job, *, on: date) -> int:
    """The weeks of overtime a worker can still claim: the last year's, or since the start."""
    last = min(job.end or on, on)
    if job.start is None or (last - job.start).days >= 365:
        return YEAR_WEEKS
    return max(1, (last - job.start).days // 7)


def _limits_note(notes: list[str], *, on: date, hours: Decimal, cap: int) -> None:
    if on >= REFORM:
        notes.append(
            f"En {on.year} la jornada máxima es de {weekly_hours(on)} horas a la semana y se "
            f"pagan al doble {cap} horas extra (transitorios Segundo y Cuarto, DOF 01-05-2026)."
        )
        if hours > cap + TRIPLE_HOURS:
            notes.append(
                f"La ley no permite más de {cap + TRIPLE_HOURS} horas extra a la semana (Art. 68), "
                "ni jornadas de más de 12 horas al día; aun así, las que trabajaste se pagan."
            )
    else:
        notes.append(
            "Antes del 1 de mayo de 2026, las primeras 9 horas extra de la semana se pagaban "
            "al doble y las demás al triple (Art. 66-68 de entonces)."
        )


def _rest_lines(
    lines: list[Line], daily: Decimal, *, rest_days: int, holidays: int, sundays: int
) -> None:
    if rest_days:
        days = Decimal(rest_days)
        lines.append(
            Line(
                "Descanso trabajado",
                days,
                cents(days * 2 * daily),
                ("73",),
                "salario doble además del salario del día de descanso",
            )
        )
    if holidays:
        days = Decimal(holidays)
        lines.append(
            Line(
                "Día festivo trabajado",
                days,
                cents(days * 2 * daily),
                ("74", "75"),
                "salario doble además del salario del día de descanso obligatorio",
            )
        )
    if sundays:
        days = Decimal(sundays)
        lines.append(
            Line(
                "Prima dominical",
                days,
                cents(days * daily * SUNDAY_PREMIUM),
                ("71",),
                "25 % del salario por cada domingo trabajado",
            )
        )
