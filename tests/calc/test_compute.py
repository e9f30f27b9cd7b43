"""calc.compute and calc.needs: dispatch, the facts to ask for, and bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc import KINDS, CalcError, Job, compute, needs
from tests.calc.conftest import D300, ON

FULL = Job(
    daily_salary=D300,
    start=date(2020, 1, 1),
    end=date(2026, 11, 30),
    reason="despido",
    zone="general",
)


@pytest.mark.parametrize(
    ("kind", "job", "extra", "expected"),
    [
        ("vacaciones", Job(), {}, ("salario", "inicio")),
        ("aguinaldo", Job(daily_salary=D300), {}, ("inicio",)),
        ("finiquito", Job(), {}, ("salario", "inicio", "fin", "motivo")),
        ("finiquito", FULL, {}, ()),
        ("liquidacion", Job(start=date(2020, 1, 1)), {}, ("salario", "fin")),
        ("horas-extra", Job(), {}, ("salario", "jornada", "horas_extra")),
        (
            "horas-extra",
            Job(daily_salary=D300, daily_hours=Decimal(8)),
            {"extra_hours": Decimal(3)},
            (),
        ),
        ("plazo", Job(), {}, ("despido",)),
        ("plazo", Job(), {"dismissed_on": date(2026, 10, 20)}, ()),
        ("plazo", Job(end=date(2026, 10, 20)), {}, ()),
    ],
)
def test_needs(kind: str, job: Job, extra: dict[str, object], expected: tuple[str, ...]) -> None:
    assert needs(kind, job, **extra) == expected  # type: ignore[arg-type]


def test_zone_is_asked_only_when_the_cap_could_bind() -> None:
    high = Job(
        daily_salary=Decimal(1000), start=date(2016, 1, 1), end=date(2025, 12, 31), reason="despido"
    )
    assert needs("liquidacion", high) == ("zona",)
    assert needs("finiquito", high) == ("zona",)
    assert needs("finiquito", Job(**{**high.__dict__, "reason": "renuncia"})) == ()
    assert needs("liquidacion", Job(**{**high.__dict__, "daily_salary": D300})) == ()
    assert needs("liquidacion", Job(**{**high.__dict__, "zone": "frontera"})) == ()
    assert needs("liquidacion", Job(**{**high.__dict__, "end": None})) == ("fin", "zona")
    assert needs("aguinaldo", Job(**{**high.__dict__})) == ()


def test_every_kind_computes_and_carries_the_common_assumptions() -> None:
    for kind in KINDS:
        result = compute(kind, FULL, on=ON, extra_hours=Decimal(4))
        assert result.kind == kind
        assert result.fecha == ON
        assert result.supuestos[0] == "Calculado al 4 de diciembre de 2026."
        assert any("Es un estimado" in note for note in result.supuestos)
        if kind != "plazo":
            assert any("se divide entre 30" in note for note in result.supuestos)
            assert result.total > 0


def test_approximate_dates_add_a_line() -> None:
    job = Job(**{**FULL.__dict__, "approximate_dates": True})
    assert any("aproximadas" in note for note in compute("aguinaldo", job, on=ON).supuestos)


@pytest.mark.parametrize(
    ("job", "kwargs", "message"),
    [
        (Job(**{**FULL.__dict__, "end": date(2019, 1, 1)}), {}, "anterior"),
        (Job(**{**FULL.__dict__, "start": date(2027, 1, 1), "end": None}), {}, "posterior"),
        (FULL, {"on": date(2099, 1, 1)}, "2099"),
        (Job(**{**FULL.__dict__, "start": date(1900, 1, 1)}), {}, "1900"),
        (FULL, {"dismissed_on": date(2099, 1, 1)}, "despido"),
        (Job(**{**FULL.__dict__, "daily_salary": Decimal(0)}), {}, "mayor que cero"),
        (Job(**{**FULL.__dict__, "daily_hours": Decimal(25)}), {}, "24 horas"),
        (Job(**{**FULL.__dict__, "unpaid_days": -1}), {}, "negativos"),
        (Job(**{**FULL.__dict__, "vacation_days_pending": -1}), {}, "negativos"),
        (Job(**{**FULL.__dict__, "vacation_premium": Decimal("-0.1")}), {}, "prima"),
    ],
)
def test_bad_input(job: Job, kwargs: dict[str, date], message: str) -> None:
    args: dict[str, object] = {"on": ON, **kwargs}
    with pytest.raises(CalcError, match=message):
        compute("finiquito", job, **args)  # type: ignore[arg-type]


def test_missing_facts_raise() -> None:
    with pytest.raises(CalcError, match="salario"):
        compute("aguinaldo", Job(start=date(2020, 1, 1)), on=ON)
    with pytest.raises(CalcError, match="entraste"):
        compute("aguinaldo", Job(daily_salary=D300), on=ON)


def test_unknown_kind() -> None:
    with pytest.raises(CalcError, match="propinas"):
        compute("propinas", FULL, on=ON)
    with pytest.raises(CalcError, match="propinas"):
        needs("propinas", FULL)


def test_to_json_shape() -> None:
    result = compute("plazo", Job(), on=ON, dismissed_on=date(2026, 10, 20))
    body = result.to_json()
    assert set(body) == {"kind", "fecha", "total", "vence", "items", "supuestos"}
    assert body["vence"] == "2026-12-20"
    assert body["total"] == 0
    assert body["items"][0]["monto"] is None
    money = compute("aguinaldo", FULL, on=ON).to_json()
    assert money["vence"] is None
    assert money["items"][0]["monto"] == 4117.81  # 15 × 334/365 × 300
    assert set(money["items"][0]) >= {"concepto", "dias", "monto", "articulos"}
    overtime = compute("horas-extra", Job(daily_salary=D300), on=ON, extra_hours=Decimal(2))
    assert overtime.to_json()["semanas"] == 52
    assert overtime.to_json()["reclamable"] == 7800  # 52 weeks × 2 h × 2 × 37.50
