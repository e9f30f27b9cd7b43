"""The case form's dates as the time worked, said as a worker says it."""

from __future__ import annotations

from datetime import date

import pytest

from rag.answer_case import served

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("context", "said"),
    [
        (
            {"fecha de inicio": "noviembre de 2010", "fecha de fin": "sigue trabajando ahí"},
            "llevo 16 años de antigüedad.",
        ),
        (
            {"fecha de inicio": "15/03/2021", "fecha de fin": "14/03/2025"},
            "llevo 3 años de antigüedad.",
        ),
        (
            {"fecha de inicio": "15/03/2021", "fecha de fin": "15/03/2022"},
            "llevo 1 año de antigüedad.",
        ),
        # A start this year is said too, for the aguinaldo's part; a month names no day.
        (
            {"fecha de inicio": "junio de 2026"},
            "llevo 6 meses de antigüedad. entré en junio de 2026.",
        ),
        (
            {"fecha de inicio": "01/07/2026"},
            "llevo 5 meses de antigüedad. entré el 1 de julio de 2026.",
        ),
        ({"fecha de inicio": "2020", "fecha de fin": "2019"}, ""),  # an end before the start
        ({"fecha de inicio": "hace mucho"}, ""),
        ({}, ""),
        # No start date: the worker's own story says it; an age is not a time worked.
        (
            {"descripción": "soy operador, llevo trabajando 9 años cumplidos"},
            "llevo 9 años de antigüedad.",
        ),
        ({"descripción": "tengo 30 años cumplidos y soy cajera"}, ""),
        # Under a year is said in months: 8 months are no year of seniority.
        ({"descripción": "manejo uber desde hace 8 meses"}, "llevo 8 meses de antigüedad."),
        # The form's pay, as the form shows it, without its daily equivalent in brackets.
        (
            {
                "fecha de inicio": "marzo de 2020",
                "salario": "$9,000.00 al mes (unos $300.00 al día)",
            },
            "llevo 6 años de antigüedad. gano $9,000.00 al mes.",
        ),
        ({"salario": "$400.00 al día"}, "gano $400.00 al día."),
        # An end this year bounds the year's share (the aguinaldo left out of a finiquito).
        (
            {"fecha de inicio": "01/03/2023", "fecha de fin": "30/06/2026"},
            "llevo 3 años de antigüedad. trabajé de enero a junio de 2026.",
        ),
        (
            {"fecha de inicio": "01/03/2026", "fecha de fin": "30/06/2026"},
            "llevo 3 meses de antigüedad. entré el 1 de marzo de 2026. trabajé del 1 de marzo al "
            "30 de junio de 2026.",
        ),
        # How the job ended, in the worker's words: the form's reasons, or the words told.
        ({"motivo": "despido"}, "me despidieron."),
        ({"motivo": "rescision"}, "me fui por culpa del patrón."),
        ({"motivo": "me dijeron que ya no fuera"}, "me despidieron."),
        ({"motivo": "renuncie porque me cambie de ciudad"}, "renuncié."),
        # Another reason in the worker's words is told as it was written.
        ({"motivo": "cerraron la tienda"}, "cerraron la tienda."),
        # The employer's rescission is a dismissal; one still to come ended nothing yet.
        ({"motivo": "me rescindieron el contrato"}, "me despidieron."),
        ({"motivo": "me quieren rescindir por llegar tarde"}, ""),
        # When it ended, told as the days gone by: "¿hasta cuándo puedo demandar?" weighs them.
        (
            {"fecha de inicio": "2022-06-01", "fecha de fin": "2026-10-15", "motivo": "despido"},
            f"llevo 4 años de antigüedad. trabajé de enero a octubre de 2026. me despidieron hace "
            f"{(TODAY - date(2026, 10, 15)).days} días.",
        ),
        # A date kept as "2004-03-01" reads as the form's "01/03/2004".
        ({"fecha de inicio": "2004-03-01"}, "llevo 22 años de antigüedad."),
        # Both ends without a day: whole months.
        (
            {"fecha de inicio": "marzo de 2026", "fecha de fin": "junio de 2026"},
            "llevo 3 meses de antigüedad. entré en marzo de 2026. trabajé de marzo a junio "
            "de 2026.",
        ),
    ],
)
def test_the_time_worked(context: dict[str, str], said: str) -> None:
    assert served(context, today=TODAY) == said


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        # The form's value first, then the worker's words: a letter of rescission handed to the
        # worker is the employer's rescission, a dismissal.
        ("despido; me dieron carta de rescisión por supuestas faltas", "me despidieron"),
        ("me dieron carta de rescisión", "me despidieron"),
        ("rescisión: me fui porque no me pagaban", "me fui por culpa del patrón"),
        ("renuncia (me cambié de ciudad)", "renuncié"),
    ],
)
def test_how_the_job_ended_reads_the_forms_value_before_the_words(reason: str, said: str) -> None:
    told = served({"motivo": reason, "fecha de fin": "2026-10-09"}, today=TODAY)
    assert f"{said} hace {(TODAY - date(2026, 10, 9)).days} días." in told


def test_a_reason_in_the_workers_own_words_is_part_of_the_story() -> None:
    told = served({"motivo": "perdí la vista de un ojo por la diabetes"}, today=TODAY)
    assert told == "perdí la vista de un ojo por la diabetes."
    # A reason the form knows is said its own way.
    assert served({"motivo": "despido"}, today=TODAY) == "me despidieron."
