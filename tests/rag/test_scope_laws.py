"""Scope with the related laws: IMSS, INFONAVIT and ISR withheld from a salary are labor
questions; income tax on one's own rental, a passport or a recipe is refused kindly."""

from __future__ import annotations

import pytest

from rag.scope import REFUSAL_OUT_OF_SCOPE, check_scope


@pytest.mark.parametrize(
    "question",
    [
        "no me dieron de alta en el seguro social",
        "cuantas semanas cotizadas necesito para pensionarme",
        "como uso mi credito infonavit",
        "cuanto isr me retienen de mi salario",
        "cuanto me retienen de isr cada quincena",
        "mi patron me descuenta ISR de mas, es legal?",
        "soy burocrata y me quieren correr",
        "trabajo en el issste y no me pagan",
        "el imss no me quiere pagar la incapacidad",
    ],
)
def test_social_security_housing_and_salary_tax_are_in_scope(question: str) -> None:
    assert check_scope(question).in_scope


@pytest.mark.parametrize(
    "question",
    [
        "cuanto ISR tengo que pagar por mi casa que rente",
        "cuanto isr pago si rento mi depa",
        "le rento un cuarto a un inquilino que no paga",
        "¿Cómo saco mi pasaporte?",
        "dame una receta de tamales",
    ],
)
def test_other_taxes_passports_and_recipes_are_refused_kindly(question: str) -> None:
    result = check_scope(question)
    assert result.verdict == "out_of_scope"
    assert result.reply == REFUSAL_OUT_OF_SCOPE
    assert "IMSS" in result.reply
    assert "INFONAVIT" in result.reply
    assert result.reply.startswith("Perdón")
