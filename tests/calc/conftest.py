"""Shared values for the calculator tests: a computation date and a few jobs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

ON = date(2026, 12, 4)
D300 = Decimal(300)  # 9,000 a month ÷ 30


def d(value: str | int) -> Decimal:
    return Decimal(value)
