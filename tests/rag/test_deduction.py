"""What one deduction for a debt to the employer may take (Art. 110-I), in pesos."""

from __future__ import annotations

from datetime import date

import pytest

from rag.deduction import capped_share_fact, deduction_fact

TODAY = date(2026, 12, 6)  # minimum wage $315.04
RETRIEVED = {"110", "97"}


def test_a_lump_sum_past_the_limit_is_a_no_with_the_limit_in_pesos() -> None:
    said = deduction_fact(
        "choque la camioneta y el patron me quiere descontar 8 mil de un jalon, gano 6 mil a la "
        "quincena. puede hacer eso?",
        retrieved=RETRIEVED,
        today=TODAY,
    )
    assert said is not None
    # (400 - 315.04) × 15 days × 30 % = 382.32 a fortnight.
    assert said.startswith("No: por una deuda con tu patrón")
    assert "unos $382.32 por quincena (Art. 110 LFT), no $8,000.00 de un jalón" in said


def test_a_debt_past_the_limit_with_no_word_of_how_is_paid_in_parts() -> None:
    said = deduction_fact(
        "se me perdio un celular de la tienda y me van a descontar 3500, gano 2800 a la semana, "
        "es legal?",
        retrieved=RETRIEVED,
        today=TODAY,
    )
    assert said is not None
    assert not said.startswith(("No", "Sí"))
    assert "unos $178.42 por semana" in said
    assert said.endswith("esos $3,500.00 tendrían que descontártelos en partes.")


def test_past_a_months_pay_the_total_is_capped_too() -> None:
    said = deduction_fact(
        "rompi la maquina y me quieren descontar 20 mil, gano 300 diarios arriba no, gano 400 "
        "diarios",
        retrieved=RETRIEVED,
        today=TODAY,
    )
    assert said is None  # two pays told: none is the worker's for sure
    said = deduction_fact(
        "rompi la maquina y me quieren descontar 20 mil, gano 400 diarios, cuanto me pueden "
        "quitar?",
        retrieved=RETRIEVED,
        today=TODAY,
    )
    assert said is not None
    assert "no pueden cobrarte más de un mes de salario, unos $12,000.00" in said


def test_at_the_minimum_nothing_may_be_deducted() -> None:
    said = deduction_fact(
        "tuve un faltante de 1,800 en el corte y me lo quieren descontar todo, gano 300 al dia. "
        "pueden?",
        retrieved=RETRIEVED,
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("No: por una deuda con tu patrón solo pueden descontarte hasta el 30 %")
    assert "el salario mínimo no se puede descontar por eso (Art. 97 LFT)" in said


@pytest.mark.parametrize(
    ("question", "retrieved"),
    [
        ("choque la camioneta y me quieren descontar 8 mil, gano 6 mil a la quincena", {"97"}),
        ("me descuentan el uniforme, gano 2500 a la semana", RETRIEVED),  # no debt of Art. 110-I
    ],
)
def test_nothing_without_its_article_a_debt_or_the_pay(question: str, retrieved: set[str]) -> None:
    assert deduction_fact(question, retrieved=retrieved, today=TODAY) is None


def test_with_no_pay_told_the_rule_and_the_lump_sum_are_said() -> None:
    said = deduction_fact(
        "se me cayo una charola con vasos y el dueño me va a descontar los 2 mil pesos de un "
        "jalon de mi quincena. puede hacer eso?",
        retrieved=RETRIEVED,
        today=TODAY,
    )
    assert said == (
        "No: por una deuda con tu patrón (pérdidas, averías, errores o anticipos), cada descuento "
        "no puede pasar del 30 % del excedente del salario mínimo (lo que ganas arriba del "
        "mínimo) (Art. 110 LFT), así que no pueden quitarte esos $2,000.00 de un jalón."
    )


def test_a_rent_or_a_fonacot_deduction_is_capped_at_its_share_of_the_pay() -> None:
    rent = capped_share_fact(
        "la empresa me renta una casita. gano 3,500 a la semana, cuanto es lo mas q me pueden "
        "descontar de renta?",
        retrieved=RETRIEVED,
    )
    assert rent == (
        "El descuento por la renta de la vivienda que te da la empresa no puede pasar del 15 % "
        "de tu salario (Art. 110 LFT): con $3,500.00 a la semana, lo más son $525.00 por semana."
    )
    over = capped_share_fact(
        "gano 8 mil a la quincena y me descuentan 2 mil de fonacot cada quincena, se puede?",
        retrieved=RETRIEVED,
    )
    assert over is not None
    assert over.startswith("No: el descuento por un crédito FONACOT no puede pasar del 20 %")
    assert over.endswith("lo más son $1,600.00 por quincena, no $2,000.00.")
    within = capped_share_fact(
        "gano 8 mil a la quincena y me descuentan 1,000 de fonacot, se puede?", retrieved=RETRIEVED
    )
    assert within is not None
    assert within.startswith("Sí: ")
    # Without Art. 110 retrieved, a deduction asked of, or one pay: nothing.
    bare = "gano 3,500 a la semana, cuanto de renta?"
    assert capped_share_fact(bare, retrieved=RETRIEVED) is None
    asked = "gano 3,500 a la semana, cuanto me descuentan de renta?"
    assert capped_share_fact(asked, retrieved={"97"}) is None
