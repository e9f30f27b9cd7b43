"""Value types of the calculators: the case facts (``Job``), one line of a result, a result.

Plain frozen dataclasses and money rounding; no I/O, no knowledge of channels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

Reason = Literal["renuncia", "despido", "rescision"]
Zone = Literal["general", "frontera"]

CENT = Decimal("0.01")
ZERO = Decimal(0)


def cents(amount: Decimal) -> Decimal:
    """Round to cents, half up: done once, at the end of each line."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Job:
    """What the case form knows about one job; any field may be missing."""

    daily_salary: Decimal | None = None
    start: date | None = None
    end: date | None = None  # None: still working (compute up to `on`)
    reason: Reason | None = None
    zone: Zone | None = None  # None: unknown (assume general and say so)
    daily_hours: Decimal | None = None
    aguinaldo_days: int = 15  # a contract may give more
    vacation_premium: Decimal = Decimal("0.25")
    vacation_days_taken: int = 0  # of the period earned at the last anniversary
    unpaid_days: int = 0  # salary days owed
    approximate_dates: bool = False  # adds an assumption line
    vacation_days_pending: int | None = None  # earned in earlier years, never taken
    vacations_never_taken: bool = False  # "nunca me han dado vacaciones": every year still owed


@dataclass(frozen=True)
class Line:
    """One concept: days (when it is counted in days), amount, the articles it rests on.

    ``condicional`` lines (owed only if a court or the employer's choice says so) are shown
    but left out of the total; ``nota`` says when they apply.
    """

    concepto: str
    dias: Decimal | None
    monto: Decimal | None
    articulos: tuple[str, ...]
    nota: str = ""
    condicional: bool = False


@dataclass(frozen=True)
class Result:
    """What one calculation gives: its lines, the assumptions made, and a deadline if any."""

    kind: str
    fecha: date
    items: tuple[Line, ...]
    supuestos: tuple[str, ...]
    vence: date | None = None
    semanas: int | None = None  # overtime: the weeks still claimable (Art. 516), when weekly

    @property
    def claimable(self) -> Decimal | None:
        """Overtime: the week's total times the weeks that can still be claimed."""
        return None if self.semanas is None else cents(self.total * self.semanas)

    @property
    def total(self) -> Decimal:
        """Sum of the amounts of the lines that are owed for sure (0 when none)."""
        return sum(
            (line.monto for line in self.items if line.monto is not None and not line.condicional),
            ZERO,
        )

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON shape: amounts as numbers with two decimals, dates ISO."""
        return {
            "kind": self.kind,
            "fecha": self.fecha.isoformat(),
            "total": _number(self.total),
            "vence": self.vence.isoformat() if self.vence else None,
            "items": [
                {
                    "concepto": line.concepto,
                    "dias": _number(line.dias),
                    "monto": _number(line.monto),
                    "articulos": list(line.articulos),
                    "nota": line.nota,
                    "condicional": line.condicional,
                }
                for line in self.items
            ],
            "supuestos": list(self.supuestos),
        } | (
            {} if self.semanas is None
            else {"semanas": self.semanas, "reclamable": _number(self.claimable)}
        )  # fmt: skip


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
