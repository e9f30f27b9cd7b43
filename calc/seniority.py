"""Time of service: whole years counted by anniversaries, and the share of the year in course.

The start and the last day are both counted; a year runs from one anniversary to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calc.dates import ONE_DAY, add_years
from calc.errors import CalcError


@dataclass(frozen=True)
class Service:
    """``completed`` whole years, then ``extra_days`` of a year of ``year_length`` days."""

    start: date
    last_day: date
    completed: int
    extra_days: int
    year_length: int

    @property
    def fraction(self) -> Decimal:
        """Share of the year in course already worked (0 ≤ fraction < 1)."""
        return Decimal(self.extra_days) / self.year_length

    @property
    def years(self) -> Decimal:
        return self.completed + self.fraction

    @property
    def last_anniversary(self) -> date:
        return add_years(self.start, self.completed)


def service(start: date, last_day: date) -> Service:
    """Service from ``start`` through ``last_day`` (both worked)."""
    if last_day < start:
        raise CalcError("La fecha de salida no puede ser anterior a la fecha de entrada.")
    after = last_day + ONE_DAY
    completed = after.year - start.year
    while add_years(start, completed) > after:
        completed -= 1
    anniversary = add_years(start, completed)
    next_anniversary = add_years(start, completed + 1)
    return Service(
        start=start,
        last_day=last_day,
        completed=completed,
        extra_days=(after - anniversary).days,
        year_length=(next_anniversary - anniversary).days,
    )
