"""calc.render: the lead sentence, the 40-column table and the WhatsApp short lines."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from calc import KINDS, Job, Line, Result, compute
from calc.render import WIDTH, headline, report, short_lines, table
from tests.calc.conftest import D300, ON

BIG = Job(
    daily_salary=Decimal(1333),
    start=date(2006, 1, 1),
    end=date(2026, 1, 1),
    reason="despido",
    zone="frontera",
)


def test_headlines_lead_with_the_amount_or_the_date() -> None:
    ag = compute(
        "aguinaldo", Job(daily_salary=D300, start=date(2026, 3, 1), end=date(2026, 11, 30)), on=ON
    )
    assert headline(ag) == "Te tocan unos $3,390.41 de aguinaldo proporcional."
    full = compute("aguinaldo", Job(daily_salary=D300, start=date(2020, 3, 1)), on=ON)
    assert headline(full) == "Te tocan unos $4,500.00 de aguinaldo."
    vac = compute("vacaciones", Job(daily_salary=D300, start=date(2023, 6, 1)), on=ON)
    assert headline(vac) == (
        "Te tocan 16 días de vacaciones: unos $4,800.00, más $1,200.00 de prima vacacional; en "
        "total $6,000.00."
    )
    days_only = compute("vacaciones", Job(start=date(2023, 6, 1)), on=ON)
    assert headline(days_only) == (
        "Te tocan 16 días de vacaciones, más 4 días de salario de prima vacacional."
    )
    fin = compute("finiquito", BIG, on=ON)
    assert headline(fin).startswith("Tu finiquito sería de unos $")
    liq = compute("liquidacion", BIG, on=ON)
    assert headline(liq).startswith("Tu liquidación sería de unos $")
    he = compute("horas-extra", Job(daily_salary=D300), on=ON, extra_hours=Decimal(2))
    assert headline(he) == (
        "Por esas horas y días te deben unos $150.00 de esa semana. Si fue así cada semana, son "
        "unos $642.86 al mes y unos $7,800.00 en el último año: puedes reclamar hasta un año "
        "atrás (Art. 516)."
    )
    # A job of 10 weeks owes 10 weeks, not a year's; a week's rest days alone are one week.
    young = Job(daily_salary=D300, start=ON - timedelta(days=70))
    he10 = compute("horas-extra", young, on=ON, extra_hours=Decimal(2))
    assert headline(he10).endswith("en tus 10 semanas son unos $1,500.00.")
    rest = compute("horas-extra", Job(daily_salary=D300), on=ON, extra_hours=None, rest_days=1)
    assert headline(rest) == "Por esas horas y días te deben unos $600.00 de esa semana."
    plazo = compute("plazo", Job(), on=date(2026, 10, 21), dismissed_on=date(2026, 10, 20))
    assert headline(plazo) == (
        "Tienes hasta el 20 de diciembre de 2026 para presentar tu solicitud ante el Centro de "
        "Conciliación."
    )
    resigned = compute("plazo", Job(end=date(2026, 5, 15), reason="renuncia"), on=ON)
    assert headline(resigned) == "Tienes hasta el 15 de mayo de 2027 para reclamar lo que te deben."
    # (Both terms gone: the dismissal's and the finiquito's year.)
    late = compute("plazo", Job(), on=ON, dismissed_on=date(2025, 1, 10))
    assert headline(late) == "El plazo venció el 10 de marzo de 2025; aun así, acude a la PROFEDET."


def test_headline_of_another_kind() -> None:
    other = Result("ptu", ON, (Line("Tope", None, Decimal(5), ("127",)),), ())
    assert headline(other) == "Te tocan unos $5.00."


@pytest.mark.parametrize("kind", KINDS)
def test_table_fits_forty_columns_and_shows_every_line(kind: str) -> None:
    result = compute(
        kind,
        BIG,
        on=date(2027, 6, 30),
        extra_hours=Decimal(20),
        rest_days=1,
        dismissed_on=date(2027, 6, 1),
    )
    text = table(result)
    assert max(len(row) for row in text.splitlines()) <= WIDTH
    for item in result.items:
        assert item.concepto.split()[0] in text
        if item.monto is not None:
            assert f"{item.monto:,.2f}" in text
    assert ("Total" in text) == (kind != "plazo")
    assert ("* Solo en ciertos casos" in text) == any(i.condicional for i in result.items)


def test_table_without_amounts_has_no_total() -> None:
    text = table(compute("vacaciones", Job(start=date(2020, 1, 10)), on=ON))
    assert "Total" not in text
    assert "76,78" in text


def test_short_lines_fit_whatsapp() -> None:
    result = compute("liquidacion", BIG, on=date(2027, 6, 30))
    text = short_lines(result)
    assert len(text) < 1600
    assert text.splitlines()[-1] == f"Total: ${result.total:,.2f}"
    assert "• Prima de antigüedad (Art. 162, 485, 486): 240.03 días, $" in text
    assert "— solo si el patrón se niega a reinstalarte" in text
    assert "|" not in text


def test_short_lines_for_a_deadline_carry_the_dates() -> None:
    result = compute("plazo", Job(), on=ON, dismissed_on=date(2026, 10, 20))
    text = short_lines(result)
    assert (
        "• Reclamar el despido (Art. 518, 684-B) — solicitud de conciliación hasta el "
        "20 de diciembre de 2026" in text
    )
    assert "Total" not in text


def test_short_line_without_days_or_amount() -> None:
    result = Result("x", ON, (Line("Algo", None, None, ("1",)),), ())
    assert short_lines(result) == "• Algo (Art. 1)\nTotal: $0.00"


def test_report_has_headline_table_and_assumptions() -> None:
    result = compute("aguinaldo", Job(daily_salary=D300, start=date(2020, 1, 1)), on=ON)
    text = report(result)
    assert text.startswith(headline(result) + "\n\n" + table(result))
    assert "Supuestos:\n- Calculado al 4 de diciembre de 2026." in text


def test_a_dismissal_term_gone_says_what_can_still_be_claimed() -> None:
    # Found playing a chat: "me corrieron hace 2 meses y medio, ¿todavía puedo demandar?" got
    # "El plazo venció…" alone, though the finiquito's year was still running.
    late = compute("plazo", Job(), on=date(2026, 12, 7), dismissed_on=date(2026, 9, 20))
    assert headline(late) == (
        "El plazo para reclamar el despido venció el 20 de noviembre de 2026, pero todavía puedes "
        "cobrar tu finiquito y tus prestaciones: tienes hasta el 20 de septiembre de 2027 (Art. "
        "516). Acude cuanto antes a la PROFEDET."
    )
