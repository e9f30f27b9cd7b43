"""Calendar arithmetic the calculators share: months and years "de fecha a fecha", Spanish dates.

Pure functions on ``datetime.date``; a missing day (Feb 29, the 31st) falls to the month's last.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day number ``months`` later; the month's last day when that day is missing."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def days_inclusive(first: date, last: date) -> int:
    """Days from ``first`` to ``last``, both counted (0 when ``last`` is before ``first``)."""
    return max((last - first).days + 1, 0)


def spanish_date(day: date) -> str:
    """``date(2026, 12, 20)`` → ``"20 de diciembre de 2026"``."""
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"
