"""The finiquito: lines owed on any ending, and the prima de antigüedad of Art. 162."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc import Job, compute
from calc.types import Line, Result
from tests.calc.conftest import D300, ON


def line(result: Result, concept: str) -> Line:
    return next(item for item in result.items if item.concepto.startswith(concept))


def concepts(result: Result) -> list[str]:
    return [item.concepto for item in result.items]


def test_short_resignation() -> None:
    job = Job(daily_salary=D300, start=date(2024, 3, 1), end=date(2026, 9, 15), reason="renuncia")
    result = compute("finiquito", job, on=ON)
    assert concepts(result) == [
        "Aguinaldo proporcional",
        "Vacaciones proporcionales",
        "Prima vacacional (25 %)",
    ]
    # 3,180.82 + 2,616.99 + 654.25
    assert result.total == Decimal("6452.06")
    assert any("llevas 2" in note for note in result.supuestos)


def test_exactly_fifteen_years_on_resignation_gets_the_prima() -> None:
    job = Job(
        daily_salary=Decimal(400), start=date(2011, 6, 1), end=date(2026, 5, 31), reason="renuncia"
    )
    prima = line(compute("finiquito", job, on=ON), "Prima de antigüedad")
    assert (prima.dias, prima.monto) == (Decimal("180.00"), Decimal("72000.00"))
    assert prima.articulos == ("162", "485", "486")


def test_one_day_short_of_fifteen_years_does_not() -> None:
    job = Job(
        daily_salary=Decimal(400), start=date(2011, 6, 2), end=date(2026, 5, 31), reason="renuncia"
    )
    assert "Prima de antigüedad" not in concepts(compute("finiquito", job, on=ON))


def test_dismissal_gets_the_prima_and_points_to_the_liquidacion() -> None:
    job = Job(daily_salary=D300, start=date(2023, 1, 1), end=date(2025, 12, 31), reason="despido")
    result = compute("finiquito", job, on=ON)
    assert line(result, "Prima de antigüedad").monto == Decimal("10800.00")
    assert line(result, "Aguinaldo").monto == Decimal("4500.00")  # dismissed on December 31
    assert any("calcula la liquidación (Art. 48 y 50)" in note for note in result.supuestos)
    assert any("ya te pagaron el aguinaldo de 2025" in note for note in result.supuestos)


def test_rescission_points_to_the_liquidacion_too() -> None:
    job = Job(daily_salary=D300, start=date(2023, 1, 1), end=date(2025, 12, 31), reason="rescision")
    result = compute("finiquito", job, on=ON)
    assert line(result, "Prima de antigüedad").monto == Decimal("10800.00")
    assert any("(Art. 52)" in note for note in result.supuestos)


def test_the_cap_in_both_areas() -> None:
    base = Job(
        daily_salary=Decimal(1000), start=date(2016, 1, 1), end=date(2025, 12, 31), reason="despido"
    )
    general = line(compute("finiquito", base, on=ON), "Prima de antigüedad")
    assert general.monto == Decimal("66912.00")  # 12 × 10 × 2 × 278.80
    assert "Art. 486" in general.nota
    frontera = Job(**{**base.__dict__, "zone": "frontera"})
    border = line(compute("finiquito", frontera, on=ON), "Prima de antigüedad")
    assert border.monto == Decimal("100771.20")  # 12 × 10 × 2 × 419.88


def test_the_floor_of_article_485() -> None:
    job = Job(
        daily_salary=Decimal(200),
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
        reason="despido",
        zone="general",
    )
    prima = line(compute("finiquito", job, on=ON), "Prima de antigüedad")
    assert prima.monto == Decimal("6691.20")  # 12 × 2 × 278.80
    assert "Art. 485" in prima.nota


def test_unknown_reason_assumes_resignation_and_says_so() -> None:
    job = Job(daily_salary=D300, start=date(2024, 3, 1), end=date(2026, 9, 15))
    result = compute("finiquito", job, on=ON)
    assert "Prima de antigüedad" not in concepts(result)
    assert any("Supusimos que renunciaste" in note for note in result.supuestos)


def test_unpaid_days_and_no_end_date() -> None:
    job = Job(daily_salary=D300, start=date(2024, 3, 1), unpaid_days=5, reason="renuncia")
    result = compute("finiquito", job, on=ON)
    assert line(result, "Salario pendiente").monto == Decimal("1500.00")
    assert any("No me diste fecha de salida" in note for note in result.supuestos)


def test_leap_day_ending() -> None:
    job = Job(daily_salary=D300, start=date(2023, 3, 1), end=date(2024, 2, 29), reason="renuncia")
    result = compute("finiquito", job, on=ON)
    assert line(result, "Aguinaldo").monto == Decimal("737.70")  # 15 × 60/366 × 300
    assert line(result, "Vacaciones no disfrutadas").dias == 12
    assert result.total == Decimal("5237.70")


def test_a_year_past_the_wage_table_uses_the_last_one() -> None:
    job = Job(daily_salary=D300, start=date(2020, 1, 1), end=date(2028, 6, 30), reason="despido")
    result = compute("finiquito", job, on=date(2028, 7, 1))
    assert any("Aún no tenemos el salario mínimo de 2028" in note for note in result.supuestos)
