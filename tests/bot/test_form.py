"""The context form: each field's answers, skips, "atrás" words and mid-form questions."""

from __future__ import annotations

from datetime import date

import pytest

from bot.form import (
    FIELD_NAMES,
    Accepted,
    Rejected,
    context,
    display,
    is_back,
    is_skip,
    looks_like_question,
    next_field,
    parse_answer,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("tema", "1", "despido"),
        ("tema", "me despidieron", "despido"),
        ("tema", "no me pagan las horas extra", "jornada u horas extra"),
        ("tema", "Vacaciones", "vacaciones"),
        ("tema", "estoy embarazada", "embarazo o maternidad"),
        ("contrato", "4", "sin contrato escrito"),
        ("contrato", "nunca firmé nada", "sin contrato escrito"),
        ("contrato", "de planta", "indefinido"),
        ("contrato", "no sé", "no sé"),
        ("fecha de inicio", "marzo del 2021", "2021-03"),
        ("fecha de fin", "sigo trabajando", "sigue"),
        ("fecha de fin", "el lunes pasado", "2026-11-23"),
        ("salario", "4 mil a la quincena", "4000.00 quincena"),
        ("puesto", "  cajera   de   tienda ", "cajera de tienda"),
    ],
)
def test_accepted_answers(field: str, text: str, value: str) -> None:
    assert parse_answer(field, text, today=TODAY, fields={}) == Accepted(value)


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("tema", "9", "option"),
        ("tema", "azul", "option"),
        ("fecha de inicio", "mañana", "unreadable"),
        ("fecha de inicio", "15/03/2031", "future"),
        ("salario", "mucho", "no_amount"),
        ("salario", "8500", "no_period"),
        ("salario", "60 la hora", "hourly"),
        ("puesto", "x" * 201, "too_long"),
        ("horario", "   ", "blank"),
    ],
)
def test_rejected_answers(field: str, text: str, reason: str) -> None:
    result = parse_answer(field, text, today=TODAY, fields={})
    assert isinstance(result, Rejected)
    assert result.reason == reason


def test_end_before_start_is_rejected_with_the_start_date() -> None:
    result = parse_answer(
        "fecha de fin", "01/01/2020", today=TODAY, fields={"fecha de inicio": "2021-03"}
    )
    assert result == Rejected("end_before_start", {"start": "marzo de 2021"})
    same_month = parse_answer(
        "fecha de fin", "marzo 2021", today=TODAY, fields={"fecha de inicio": "2021-03-15"}
    )
    assert same_month == Accepted("2021-03")


@pytest.mark.parametrize("text", ["saltar", "no sé", "No se.", "paso", "prefiero no decirlo"])
def test_skip_words(text: str) -> None:
    assert is_skip(text)


@pytest.mark.parametrize("text", ["atrás", "Atras", "regresar", "la anterior"])
def test_back_words(text: str) -> None:
    assert is_back(text)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("¿me pueden correr?", True),
        ("cuánto me toca de finiquito", True),
        ("tengo derecho a vacaciones si soy eventual", True),
        ("cajera", False),
        ("15/03/2021", False),
        ("como cajera", False),
        ("y cuantas semanas de incapacidad me dan", True),
        ("oye, puedo pedir mis vacaciones ya", True),
        # A claim told is put up to be weighed; a short "dice que sí" answers the form.
        ("la señora dice q como no es diario no me toca nada", True),
        ("el dice que si", False),
        # What they will (not) pay or give is a claim too; being let go is a story.
        ("mi supervisor me dice q cuando me alivie solo me van a dar 1 mes de incapacidad", True),
        ("el ingeniero dice q como no tengo seguro no me va a pagar nada", True),
        ("me dijeron q me van a dar de baja", False),
    ],
)
def test_questions_mid_form(text: str, question: bool) -> None:
    assert looks_like_question(text) is question


def test_field_order_and_context_for_the_answerer() -> None:
    assert next_field(None) == "tema"
    assert next_field(FIELD_NAMES[-1]) is None
    ctx = context({"salario": "8500.00 mes", "tema": "despido", "fecha de fin": "sigue"})
    assert list(ctx) == ["tema", "fecha de fin", "salario"]
    assert ctx["salario"].startswith("$8,500.00 al mes")
    assert display("fecha de fin", "sigue") == "sigue trabajando ahí"
