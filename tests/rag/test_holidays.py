"""Paid holidays (Art. 74) for a day the worker names: fixed, moved to a Monday, or none."""

from __future__ import annotations

from datetime import date

import pytest

from rag.holidays import holiday_fact, named_day, needed_articles, nth_monday

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("el 16 de septiembre me hicieron trabajar", (9, 16)),
        ("el 1o de mayo se descansa?", (5, 1)),
        ("en navidad me toca trabajar", (12, 25)),
        ("el dia de muertos es feriado?", (11, 2)),
        ("me pagan el aguinaldo antes de diciembre?", None),
    ],
)
def test_the_day_named(question: str, day: tuple[int, int] | None) -> None:
    assert named_day(question) == day


def test_the_mondays_of_the_moved_holidays() -> None:
    assert nth_monday(2027, 2, 1) == date(2027, 2, 1)
    assert nth_monday(2027, 3, 3) == date(2027, 3, 15)
    assert nth_monday(2026, 11, 3) == date(2026, 11, 16)


def test_a_fixed_holiday_and_its_pay() -> None:
    said = holiday_fact("en navidad me toca trabajar, me lo pagan doble?", today=TODAY,
                        pay_retrieved=True)  # fmt: skip
    assert said is not None
    assert said.startswith("Sí: el 25 de diciembre es día de descanso obligatorio")
    assert "salario doble (Art. 75 LFT)" in said
    how_much = holiday_fact("el 16 de septiembre me hicieron trabajar cuanto me deben pagar",
                            today=TODAY)  # fmt: skip
    assert how_much == (
        "El 16 de septiembre es día de descanso obligatorio con goce de sueldo (Art. 74 LFT)."
    )


def test_a_day_that_is_not_a_holiday_is_a_plain_no() -> None:
    said = holiday_fact("el 12 de diciembre es dia de descanso obligatorio?", today=TODAY)
    assert said is not None
    assert said.startswith("No: el 12 de diciembre no es día de descanso obligatorio por ley")


def test_a_moved_holiday_gives_the_next_monday_it_falls_on() -> None:
    said = holiday_fact("este año el 5 de febrero cae en jueves, se descansa ese dia o cuando",
                        today=TODAY)  # fmt: skip
    assert said is not None
    assert "primer lunes de febrero (Art. 74 LFT)" in said
    assert "lunes 1 de febrero de 2027" in said
    # Before this year's third Monday of November, it is this year's.
    early = holiday_fact("el 20 de noviembre es feriado?", today=date(2026, 11, 2))
    assert early is not None
    assert "lunes 16 de noviembre de 2026" in early


def test_a_date_without_rest_or_pay_for_working_it_is_no_holiday_question() -> None:
    assert holiday_fact("me pagan el 15 de diciembre el aguinaldo?", today=TODAY) is None
    assert holiday_fact("el 15 de diciembre me lo pagan?", today=TODAY) is None


def test_the_last_day_named_is_the_one_asked_about() -> None:
    assert named_day("el 25 de diciembre me toca trabajar. y el 1 de enero tambien?") == (1, 1)
    assert named_day("me toca trabajar el 16 de septiembre?") == (9, 16)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "el jueves y viernes santo son dias de descanso obligatorio x ley verdad?",
            "No: el jueves y el viernes santo no son días de descanso obligatorio por ley",
        ),
        ("en semana santa nos toca descansar?", "No: la semana santa no es tiempo de descanso"),
        ("el viernes santo me pagan doble?", "No: el viernes santo no es día de descanso"),
    ],
)
def test_feasts_without_a_date_are_not_in_the_list(question: str, opening: str) -> None:
    said = holiday_fact(question, today=TODAY)
    assert said is not None
    assert said.startswith(opening)
    assert "(Art. 74 LFT)" in said


def test_a_day_asked_about_as_a_holiday_fetches_art_74() -> None:
    assert needed_articles("en dia de muertos me pagan doble?") == ("74",)
    assert needed_articles("el jueves santo se descansa?") == ("74",)
    # A day named in a story about something else fetches nothing.
    assert needed_articles("me corrieron el 10 de mayo, cuanto me toca?") == ()
    assert holiday_fact("me corrieron el 10 de mayo, cuanto me toca?", today=TODAY) is None


def test_a_day_before_a_holiday_names_the_holiday_of_those_dates() -> None:
    said = holiday_fact("el 24 de diciembre es dia festivo?", today=TODAY)
    assert said == (
        "No: el 24 de diciembre no es día de descanso obligatorio por ley; el de esas fechas es "
        "el 25 de diciembre (Art. 74 LFT). Solo lo descansas si tu contrato o tu patrón te lo dan."
    )


def test_two_days_of_a_month_are_answered_together() -> None:
    both = holiday_fact("el 24 y el 31 de diciembre son dias feriados verdad?", today=TODAY)
    assert both is not None
    assert both.startswith("No: el 24 y el 31 de diciembre no son días de descanso obligatorio")
    assert "los de esas fechas son el 25 de diciembre y el 1 de enero (Art. 74 LFT)" in both
    mixed = holiday_fact("el 25 y el 26 de diciembre son feriados?", today=TODAY)
    assert mixed == (
        "El 25 de diciembre sí es día de descanso obligatorio con goce de sueldo (Art. 74 LFT); "
        "el 26 no lo es."
    )


def test_the_span_a_job_ran_names_no_day_asked_about() -> None:
    """The case form's dates read as "trabajé del 1 de junio al 31 de octubre": the season's
    end is no question about October 31st."""
    story = "trabaje del 1 de junio al 31 de octubre de 2026. solo me pagaron la ultima semana"
    assert named_day(story) is None
    assert named_day(f"{story}. y el 16 de septiembre q trabaje me lo pagan doble?") == (9, 16)


def test_a_date_in_the_story_is_no_holiday_asked() -> None:
    story = "el 20 de noviembre ya no me dejaron entrar a la fabrica, trabaje 3 años ahi."
    asked = "tengo credito infonavit, q pasa con los pagos?"
    # Read alone, the story's date and "pagos" would ask about the 20th of November.
    assert holiday_fact(f"{story} {asked}", today=TODAY) is not None
    assert holiday_fact(f"{story} {asked}", today=TODAY, asked=asked) is None
    # A day the worker's own question names is still answered.
    own = "y ese dia me lo pagan doble?"
    assert holiday_fact(f"trabaje el 16 de septiembre. {own}", today=TODAY, asked=own) is not None


def test_the_monday_a_moved_holiday_falls_on_is_the_holiday_that_year() -> None:
    said = holiday_fact(
        "el lunes 16 de noviembre me hicieron ir a trabajar al super y me pagaron el dia normal",
        today=TODAY,
        pay_retrieved=True,
    )
    assert said is not None
    assert said.startswith("El 16 de noviembre de 2026 es día de descanso obligatorio")
    assert "tercer lunes de noviembre" in said
    assert "salario doble (Art. 75 LFT)" in said
    asked = holiday_fact("el 16 de noviembre es festivo?", today=TODAY)
    assert asked is not None
    assert asked.startswith("Sí: ")
    # The next year the third Monday is the 15th: the 16th is a plain day then.
    later = holiday_fact("el 16 de noviembre es festivo?", today=date(2027, 1, 10))
    assert later is not None
    assert later.startswith("No: el 16 de noviembre no es día de descanso")


def test_a_day_told_as_another_event_is_no_holiday_asked() -> None:
    # "mi bebé nace como el 20 de enero… ¿me quedo sin sueldo?" asks a maternity leave's pay.
    question = (
        "entre a trabajar a una tienda el 1 de julio y mi bebe nace como el 20 de enero. el imss "
        "no me va a pagar la incapacidad, me quedo sin sueldo?"
    )
    assert holiday_fact(question, today=TODAY) is None
    assert needed_articles(question) == ()
    worked = holiday_fact(
        "me hicieron trabajar el 16 de septiembre, me lo pagan doble?", today=TODAY
    )
    assert worked is not None


def test_a_dismissal_dated_is_no_holiday_even_read_alone() -> None:
    story = "me corrieron de la fabrica el 20 de noviembre, trabaje 3 años ahi."
    assert (
        holiday_fact(f"{story} tengo credito infonavit, q pasa con los pagos?", today=TODAY) is None
    )
