"""Dates as Mexicans write them, resolved against a given ``today``."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dates import PartialDate, parse_date

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2021", "2021-03-15"),
        ("15-3-21", "2021-03-15"),
        ("entré el 1.2.2019", "2019-02-01"),
        ("2021-03-15", "2021-03-15"),
        ("15 de marzo de 2021", "2021-03-15"),
        ("15 de marzo del 2021", "2021-03-15"),
        ("marzo del 2021", "2021-03"),
        ("Marzo de 2021", "2021-03"),
        ("sept 2020", "2020-09"),
        ("03/2021", "2021-03"),
        ("en 2019", "2019"),
        ("desde mayo", "2026-05"),
        ("en diciembre", "2025-12"),
        ("hace 3 años", "2023-11"),
        ("hace tres años", "2023-11"),
        ("hace un año y medio", "2025-05"),
        ("hace 6 meses", "2026-05"),
        ("hace dos semanas", "2026-11-12"),
        ("hace 10 días", "2026-11-16"),
        ("ayer", "2026-11-25"),
        ("antier", "2026-11-24"),
        ("hoy", "2026-11-26"),
        ("el lunes pasado", "2026-11-23"),
        ("el jueves", "2026-11-19"),
        ("la semana pasada", "2026-11-19"),
        ("el mes pasado", "2026-10"),
        ("el año pasado", "2025"),
    ],
)
def test_reads_dates(text: str, expected: str) -> None:
    found = parse_date(text, today=TODAY)
    assert isinstance(found, PartialDate)
    assert found.iso() == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("mucho", "unreadable"),
        ("no me acuerdo", "unreadable"),
        ("31/02/2021", "unreadable"),
        ("15/03/2030", "future"),
        ("diciembre de 2026", "future"),
        ("1940", "too_old"),
        # Found by hypothesis: a year count past any working life overflowed date arithmetic.
        ("hace 2030 años", "too_old"),
        ("hace 99999999999 semanas", "too_old"),
    ],
)
def test_impossible_dates_say_why(text: str, problem: str) -> None:
    assert parse_date(text, today=TODAY) == problem


def test_relative_dates_depend_on_today() -> None:
    a = parse_date("hace 3 años", today=date(2026, 1, 10))
    b = parse_date("hace 3 años", today=date(2024, 1, 10))
    assert isinstance(a, PartialDate)
    assert isinstance(b, PartialDate)
    assert (a.iso(), b.iso()) == ("2023-01", "2021-01")


@pytest.mark.parametrize(
    ("iso", "spanish"),
    [("2021-03-15", "15/03/2021"), ("2021-03", "marzo de 2021"), ("2021", "2021")],
)
def test_spanish_rendering(iso: str, spanish: str) -> None:
    assert PartialDate.from_iso(iso).spanish() == spanish


def test_partial_dates_span_their_period() -> None:
    month = PartialDate(2024, 2)
    assert (month.earliest(), month.latest()) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize("year", ["año", "ano", "AÑO"])
@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("hace un {} y medio", "2025-05"), ("el {} pasado", "2025"), ("hace 2 {}s", "2024-11")],
)
def test_a_year_reads_with_or_without_its_enye(year: str, phrase: str, expected: str) -> None:
    found = parse_date(phrase.format(year), today=TODAY)
    assert isinstance(found, PartialDate)
    assert found.iso() == expected


@pytest.mark.parametrize("pay", ["280 diarios", "400 semanales", "9 mensuales"])
def test_a_pay_rate_is_no_date(pay: str) -> None:
    # "280 diarios" given to the end-date question once read as "280 días ago".
    assert parse_date(pay, today=TODAY) == "unreadable"
