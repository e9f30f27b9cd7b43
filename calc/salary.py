"""Daily salary from pay as agreed, the integrated salary (Arts. 84, 89), the Art. 485-486 base.

Amounts stay unrounded here; lines round once, at their end.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calc.errors import CalcError
from calc.types import Zone
from calc.wages import MinimumWage

# Art. 89: a weekly salary is divided by seven and a monthly one by thirty; the fortnight and
# the 14-day period follow the same rule (their days), as the official calculator does.
PERIOD_DAYS: dict[str, int] = {"dia": 1, "semana": 7, "catorcena": 14, "quincena": 15, "mes": 30}
YEAR_DAYS = Decimal(365)


def daily_salary(amount: Decimal, period: str) -> Decimal:
    """Pay per ``period`` (dia, semana, catorcena, quincena, mes) → pay per day (mes ÷ 30)."""
    if period not in PERIOD_DAYS:
        raise CalcError(f"No conozco el periodo de pago «{period}».")
    if amount <= 0:
        raise CalcError("El salario tiene que ser mayor que cero.")
    return amount / PERIOD_DAYS[period]


def integrated_daily(
    daily: Decimal, *, aguinaldo_days: int, vacation_days: int, premium: Decimal
) -> Decimal:
    """Art. 84 and 89: the daily salary plus its share of aguinaldo and prima vacacional."""
    return daily * (1 + (aguinaldo_days + vacation_days * premium) / YEAR_DAYS)


@dataclass(frozen=True)
class SeniorityBase:
    """The salary for the prima de antigüedad after Art. 485 (floor) and 486 (cap)."""

    daily: Decimal
    minimum: Decimal
    cap: Decimal

    @property
    def capped(self) -> bool:
        return self.daily == self.cap and self.cap != self.minimum

    @property
    def floored(self) -> bool:
        return self.daily == self.minimum


def seniority_base(daily: Decimal, *, wage: MinimumWage, zone: Zone) -> SeniorityBase:
    """Arts. 162-II, 485, 486: no less than the minimum wage, no more than twice the area's."""
    minimum = wage.for_zone(zone)
    cap = 2 * minimum
    return SeniorityBase(daily=min(max(daily, minimum), cap), minimum=minimum, cap=cap)
