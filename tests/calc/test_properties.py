"""Properties over random jobs (hypothesis): never negative, monotonic, proportional parts
bounded by the full year's, and the Art. 486 cap (and Art. 485 floor) always applied."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calc import Job, compute, vacation_days
from calc.seniority import service
from calc.types import Reason, Result, Zone
from calc.wages import minimum_wage

salaries = st.decimals(min_value=Decimal(50), max_value=Decimal(20000), places=2)
starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 6, 30))
spans = st.integers(min_value=0, max_value=40 * 366)
reasons = st.sampled_from(["renuncia", "despido", "rescision"])
zones = st.sampled_from(["general", "frontera"])
ON = date(2026, 12, 4)
FAST = settings(max_examples=150, deadline=None)


def _job(salary: Decimal, start: date, span: int, reason: Reason, zone: Zone) -> Job:
    # Endings from 2019 on: the minimum wage table starts there (older ones are an error).
    end = min(max(start + timedelta(days=span), date(2019, 1, 1)), date(2031, 12, 31))
    return Job(daily_salary=salary, start=start, end=end, reason=reason, zone=zone)


def _line(result: Result, prefix: str) -> Decimal:
    return next(
        (line.monto for line in result.items if line.concepto.startswith(prefix) and line.monto),
        Decimal(0),
    )


@FAST
@given(salaries, starts, spans, reasons, zones)
def test_amounts_never_negative(
    salary: Decimal, start: date, span: int, reason: Reason, zone: Zone
) -> None:
    job = _job(salary, start, span, reason, zone)
    for kind in ("vacaciones", "aguinaldo", "finiquito", "liquidacion"):
        if kind == "liquidacion" and reason == "renuncia":
            continue
        result = compute(kind, job, on=max(ON, job.end or ON))
        assert all(line.monto is None or line.monto >= 0 for line in result.items)
        assert all(line.dias is None or line.dias >= 0 for line in result.items)
        assert result.total >= 0


@FAST
@given(salaries, salaries, starts, spans, reasons, zones)
def test_monotonic_in_salary(
    a: Decimal, b: Decimal, start: date, span: int, reason: Reason, zone: Zone
) -> None:
    low, high = sorted((a, b))
    for kind in ("vacaciones", "aguinaldo", "finiquito", "liquidacion"):
        if kind == "liquidacion" and reason == "renuncia":
            continue
        job_low = _job(low, start, span, reason, zone)
        on = max(ON, job_low.end or ON)
        job_high = _job(high, start, span, reason, zone)
        assert compute(kind, job_low, on=on).total <= compute(kind, job_high, on=on).total


@FAST
@given(salaries, starts, st.integers(min_value=1, max_value=3000), zones)
def test_monotonic_in_seniority(salary: Decimal, start: date, earlier_by: int, zone: Zone) -> None:
    end = date(2026, 11, 30)
    start = min(start, end)
    earlier = start - timedelta(days=earlier_by)
    on = date(2026, 12, 4)
    short = Job(daily_salary=salary, start=start, end=end, reason="despido", zone=zone)
    long = Job(daily_salary=salary, start=earlier, end=end, reason="despido", zone=zone)
    for prefix in ("Prima de antigüedad", "Aguinaldo"):
        assert _line(compute("finiquito", short, on=on), prefix) <= _line(
            compute("finiquito", long, on=on), prefix
        )
    for prefix in ("Indemnización de 3 meses", "20 días por año"):
        assert _line(compute("liquidacion", short, on=on), prefix) <= _line(
            compute("liquidacion", long, on=on), prefix
        )


@given(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=60))
def test_vacation_days_monotonic(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert vacation_days(low) <= vacation_days(high)


@FAST
@given(salaries, starts, spans, reasons, zones)
def test_proportional_parts_never_above_the_full_year(
    salary: Decimal, start: date, span: int, reason: Reason, zone: Zone
) -> None:
    job = _job(salary, start, span, reason, zone)
    assert job.end is not None
    result = compute("finiquito", job, on=max(ON, job.end))
    svc = service(start, job.end)
    for line in result.items:
        days = line.dias if line.dias is not None else Decimal(-1)
        if line.concepto.startswith("Aguinaldo"):
            assert 0 <= days <= 15
            assert line.monto is not None
            assert line.monto <= (15 * salary).quantize(Decimal("0.01"))
        if line.concepto == "Vacaciones proporcionales":
            assert 0 <= days <= vacation_days(svc.completed + 1)


@FAST
@given(salaries, starts, spans, zones)
def test_the_cap_and_floor_always_apply(
    salary: Decimal, start: date, span: int, zone: Zone
) -> None:
    job = _job(salary, start, span, "despido", zone)
    assert job.end is not None
    wage = minimum_wage(job.end).for_zone(zone)
    result = compute("liquidacion", job, on=max(ON, job.end))
    years = service(start, job.end).years
    prima = _line(result, "Prima de antigüedad")
    assert prima <= (12 * years * 2 * wage).quantize(Decimal("0.01")) + Decimal("0.01")
    assert prima >= (12 * years * wage).quantize(Decimal("0.01")) - Decimal("0.01")
