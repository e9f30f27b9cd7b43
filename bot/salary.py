"""Pay as people say it: "8,500 al mes", "$350 diarios", "4 mil a la quincena".

Pure parsing into an amount and a period; the canonical form is ``"8500.00 mes"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from bot.facts_schedule import PART_TIME_DAYS, days_a_week
from calc.dates import MONTHS
from calc.text import fold

Period = Literal["dia", "semana", "catorcena", "quincena", "mes"]
SalaryProblem = Literal["no_amount", "no_period", "implausible", "hourly"]

PERIOD_DAYS: dict[str, int] = {"dia": 1, "semana": 7, "catorcena": 14, "quincena": 15, "mes": 30}
PERIOD_WORDS: dict[str, str] = {
    "dia": "al día",
    "semana": "a la semana",
    "catorcena": "a la catorcena",
    "quincena": "a la quincena",
    "mes": "al mes",
}
_PERIOD_PATTERNS: tuple[tuple[str, Period], ...] = (
    (r"\b(diari[oa]s?|al dia|por dia|el dia|cada dia|x dia)\b", "dia"),
    (r"\b(semana|semanal(es)?|semanales)\b", "semana"),
    (r"\b(catorcena|catorcenal(es)?)\b", "catorcena"),
    (r"\b(quincena|quincenal(es)?)\b", "quincena"),
    (r"\b(mes|mensual(es)?|al mes|mensuales)\b", "mes"),
)
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(mil|k)\b)?")
# Anything above this a day is not a wage a worker would type; ask again instead.
_MAX_DAILY = Decimal(100_000)


@dataclass(frozen=True)
class Salary:
    amount: Decimal
    period: Period

    def canonical(self) -> str:
        return f"{self.amount.quantize(Decimal('0.01'))} {self.period}"

    @classmethod
    def from_canonical(cls, text: str) -> Salary:
        amount, period = text.split()
        if period not in PERIOD_DAYS:
            raise ValueError(f"unknown pay period {period!r}")
        return cls(Decimal(amount), period)  # type: ignore[arg-type]  # checked just above

    def daily(self) -> Decimal:
        days = Decimal(PERIOD_DAYS[self.period])
        return (self.amount / days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def spanish(self) -> str:
        text = f"${self.amount:,.2f} {PERIOD_WORDS[self.period]}"
        if self.period != "dia":
            text += f" (unos ${self.daily():,.2f} al día)"
        return text


def part_time_days(schedule: str | None) -> int | None:
    """The days worked a week of a part-time schedule ("3 días a la semana"), else None."""
    days = days_a_week(fold(schedule)) if schedule else None
    return days if days is not None and 1 <= days <= PART_TIME_DAYS else None


def part_time_week(salary: str | None, schedule: str | None) -> tuple[Salary, int] | None:
    """Pay by the day worked, a few days a week ("400 por día", "3 días a la semana"): the week's
    pay and the days, so that the daily salary is the week's divided by seven (Art. 89), not the
    day's pay. ``salary`` is canonical, ``schedule`` the stored schedule."""
    days = part_time_days(schedule)
    if not salary or days is None:
        return None
    pay = Salary.from_canonical(salary)
    return (Salary(pay.amount * days, "semana"), days) if pay.period == "dia" else None


def _amount(text: str) -> Decimal | None:
    m = _NUMBER.search(text)
    if m is None:
        if re.search(r"\bmil\b", text):
            return Decimal(1000)
        return None
    whole = m[1].replace(",", "")
    decimals = m[2]
    try:
        if decimals is not None and len(decimals) == 3 and not m[3]:
            value = Decimal(whole + decimals)  # "8.500": a thousands dot
        else:
            value = Decimal(whole + ("." + decimals if decimals else ""))
    except InvalidOperation:
        return None
    if m[3]:
        value *= 1000
    return value


# A time told beside the pay ("trabajé 2 años, ganaba 2800 a la semana") is no amount, nor a
# date ("entré en noviembre del 2023", "el 15/03/2021").
_NOT_PAY = re.compile(
    r"\b\d+\s*(?:anos|años|meses|mes|semanas|dias|horas|hrs)\b|"
    r"\b(?:del?|en|ano|año)\s+(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    # "el 30 de noviembre": a day of a month.
    rf"\b\d{{1,2}}\s+de\s+(?:{'|'.join(MONTHS)}|setiembre)\b"
)


_HOURLY = re.compile(r"\b(?:la|por|x|cada|a la) hora\b(?!s? extra)")


def parse_salary(text: str) -> Salary | SalaryProblem:
    folded = fold(text)
    amount = _amount(_NOT_PAY.sub(" ", folded))
    if amount is None:
        return "no_amount"
    # "60 la hora": the hours worked a week are what makes it a day's pay (a worker three days
    # a week earns no full day's pay every day), so the week's pay is asked for.
    if _HOURLY.search(folded):
        return "hourly"
    period: Period | None = None
    for pattern, name in _PERIOD_PATTERNS:
        if re.search(pattern, folded):
            period = name
            break
    if period is None:
        return "no_period"
    salary = Salary(amount, period)
    if amount <= 0 or salary.daily() > _MAX_DAILY:
        return "implausible"
    return salary
