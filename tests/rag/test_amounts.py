"""Figures in Spanish text, as the law writes them and as workers and models do."""

from __future__ import annotations

import pytest

from rag.amounts import Quantity, figures, quantities, same_amount, spoken_value, stated_in


def pairs(text: str) -> list[tuple[float, str]]:
    return [(q.value, q.unit) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("equivalente a quince días de salario", [(15, "dia")]),
        ("una prima no menor de veinticinco por ciento", [(25, "%")]),
        ("un cien por ciento más", [(100, "%")]),
        ("un doscientos por ciento más", [(200, "%")]),
        ("siete horas y media la mixta", [(7.5, "hora")]),
        ("un descanso de media hora", [(0.5, "hora")]),
        ("ciento ochenta días", [(180, "dia")]),
        ("treinta y cinco días", [(35, "dia")]),
        ("veintidós días", [(22, "dia")]),
        ("te tocan 16 días", [(16, "dia")]),
        ("gana $315.04 diarios", [(315.04, "peso")]),
        ("dos mil pesos", [(2000, "peso")]),
        ("un mes de sueldo", [(1, "mes")]),
        ("3 años", [(3, "ano")]),
        ("7.5 horas", [(7.5, "hora")]),
    ],
)
def test_quantities(text: str, expected: list[tuple[float, str]]) -> None:
    assert pairs(text) == expected


def test_an_article_alone_is_not_a_figure() -> None:
    assert pairs("una persona y un patrón") == []
    assert pairs("hasta llegar a veinte") == [(20, "")]


def test_the_text_keeps_its_accents() -> None:
    assert [q.text for q in quantities("después de 3 años y veintidós días")] == [
        "3 años",
        "veintidós días",
    ]


def test_figures_skip_articles_phones_and_bare_numbers() -> None:
    text = "Te tocan 16 días (Art. 76 LFT); llama al 800 911 7877 antes del 20 de diciembre."
    assert [(f.value, f.unit) for f in figures(text)] == [(16, "dia")]


def test_spoken_values() -> None:
    assert spoken_value("ciento veinte") == 120
    assert spoken_value("mil quinientos") == 1500
    assert spoken_value("muchos") is None


def test_durations_compare_in_days() -> None:
    month = Quantity(1, "mes", "un mes")
    assert same_amount(month, Quantity(30, "dia", "30 días"))
    assert not same_amount(month, Quantity(15, "dia", "15 días"))
    assert not same_amount(Quantity(25, "%", ""), Quantity(25, "dia", ""))
    # "hasta llegar a veinte" backs "20 días" once the unit was said before.
    assert stated_in(Quantity(20, "dia", "20 días"), quantities("hasta llegar a veinte"))


def test_a_time_of_day_is_not_a_duration() -> None:
    # Art. 60 sets the shifts by the clock; "8 horas" of a shift is a duration.
    text = "entre las seis y las veinte horas; a las 22 horas salgo, tras 8 horas de trabajo"
    assert [(q.value, q.unit) for q in figures(text)] == [(8.0, "hora")]
