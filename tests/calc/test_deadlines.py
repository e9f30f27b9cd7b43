"""Deadlines: Art. 518 de fecha a fecha (month ends, leap years), 516, 517, 519."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc import CalcError, Job, compute


@pytest.mark.parametrize(
    ("dismissed", "deadline"),
    [
        (date(2026, 10, 20), date(2026, 12, 20)),
        (date(2026, 12, 31), date(2027, 2, 28)),
        (date(2027, 12, 31), date(2028, 2, 29)),
        (date(2025, 12, 30), date(2026, 2, 28)),
        (date(2026, 8, 31), date(2026, 10, 31)),
        (date(2026, 1, 31), date(2026, 3, 31)),
        # A month's last day: the same day number (April 28), the earlier of two readings.
        (date(2026, 2, 28), date(2026, 4, 28)),
    ],
)
def test_article_518(dismissed: date, deadline: date) -> None:
    result = compute("plazo", Job(), on=dismissed, dismissed_on=dismissed)
    assert result.vence == deadline
    first = result.items[0]
    assert first.articulos == ("518", "684-B")
    assert first.dias == Decimal((deadline - dismissed).days)
    assert any("de fecha a fecha" in note for note in result.supuestos)
    assert any("684-B" in note for note in result.supuestos)


def test_the_end_date_of_a_dismissal_serves_as_the_dismissal() -> None:
    job = Job(end=date(2026, 10, 20), reason="despido")
    assert compute("plazo", job, on=date(2026, 11, 1)).vence == date(2026, 12, 20)


def test_unknown_reason_assumes_a_dismissal_and_says_so() -> None:
    result = compute("plazo", Job(end=date(2026, 10, 20)), on=date(2026, 11, 1))
    assert result.vence == date(2026, 12, 20)
    assert any("Supusimos que te despidieron" in note for note in result.supuestos)


def test_resignation_has_the_one_year_rule() -> None:
    result = compute("plazo", Job(end=date(2026, 5, 15), reason="renuncia"), on=date(2026, 6, 1))
    assert result.vence == date(2027, 5, 15)
    assert [line.articulos for line in result.items] == [("516",), ("519",)]


def test_rescission_adds_the_one_month_rule() -> None:
    result = compute("plazo", Job(end=date(2026, 5, 15), reason="rescision"), on=date(2026, 6, 1))
    assert ("517", "52") in [line.articulos for line in result.items]
    assert any("PROFEDET el plazo" in note for note in result.supuestos)


def test_a_deadline_already_past() -> None:
    result = compute("plazo", Job(), on=date(2026, 12, 4), dismissed_on=date(2026, 1, 10))
    assert result.vence == date(2026, 3, 10)
    assert result.items[0].dias is None
    assert any("ya venció" in note for note in result.supuestos)


def test_needs_a_date() -> None:
    with pytest.raises(CalcError, match="fecha"):
        compute("plazo", Job(), on=date(2026, 12, 4))
