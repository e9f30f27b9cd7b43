"""Aguinaldo (Art. 87): 15 days of salary a year at least, proportional to the time worked.

Counted per calendar year; a leap year has 366 days, so a full year always gives the full days.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.dates import days_in_year, days_inclusive, spanish_date
from calc.facts import common_notes, salary_of, start_of
from calc.types import Job, Line, Result, cents

ROUND_DAYS = Decimal("0.01")


def aguinaldo_line(job: Job, *, daily: Decimal, start: date, last_day: date) -> Line:
    """The aguinaldo of ``last_day``'s calendar year, for the days worked in it."""
    year = last_day.year
    first = max(start, date(year, 1, 1))
    worked = days_inclusive(first, last_day)
    length = days_in_year(year)
    days = Decimal(job.aguinaldo_days) * worked / length
    full = worked == length
    concepto = "Aguinaldo" if full else "Aguinaldo proporcional"
    shown = days if full else days.quantize(ROUND_DAYS)
    nota = f"{job.aguinaldo_days} días al año" + ("" if full else f" × {worked}/{length} días")
    return Line(concepto, shown, cents(days * daily), ("87",), nota)


def aguinaldo(job: Job, *, on: date) -> Result:
    """Proportional to the end when the job ended, else ``on``'s whole year (due by Dec 20)."""
    daily = salary_of(job)
    start = start_of(job)
    notes = common_notes(job, on=on)
    if job.end is not None:
        last_day = job.end
        notes.append(
            f"Es la parte del aguinaldo de {last_day.year} hasta tu salida "
            f"({spanish_date(last_day)}); si ya te lo pagaron, no se suma."
        )
    else:
        last_day = date(on.year, 12, 31)
        notes.append(
            f"Es el aguinaldo de {on.year} si sigues trabajando hasta el 31 de diciembre; "
            f"se paga antes del 20 de diciembre de {on.year} (Art. 87)."
        )
    if job.aguinaldo_days > 15:
        notes.append(f"Usamos los {job.aguinaldo_days} días de aguinaldo de tu contrato.")
    line = aguinaldo_line(job, daily=daily, start=start, last_day=last_day)
    return Result("aguinaldo", on, (line,), tuple(notes))
