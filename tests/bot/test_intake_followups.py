"""Seen in chat plays: a question that opened the case is not answered twice when the form
completes, and a bare "cuanto me toca" computes the figure of what was asked before."""

from __future__ import annotations

from bot import calculate, wording
from bot.conversation import Case
from tests.bot.driver import TODAY, Driver, fresh

QUESTION = "me quieren pagar el aguinaldo en enero es legal??"


def _asked_about_aguinaldo() -> Driver:
    driver = Driver(fresh(user_id=7))
    driver.send(QUESTION)
    return driver


def test_the_question_that_opened_the_case_is_answered_once() -> None:
    driver = _asked_about_aguinaldo()
    assert [a.question for a in driver.asked] == [QUESTION]
    for _ in range(4):  # answer what the form asks until it is done
        turn = driver.send("gano 8000 al mes, entré en marzo")
        if wording.FORM_DONE.format(n=1) in turn.text:
            break
    else:
        raise AssertionError("the form never finished")
    assert [a.question for a in driver.asked] == [QUESTION]
    assert wording.STORY_ANSWER not in turn.text


def test_a_story_that_asked_nothing_is_still_answered_with_the_form() -> None:
    driver = Driver(fresh(user_id=7))
    driver.send("me corrieron de la fabrica, ganaba 9 mil al mes")
    for _ in range(5):
        driver.send("entré en marzo del 2020 y me corrieron el 1 de diciembre")
        if driver.asked:
            break
    assert driver.asked, "the story is answered once the form is done"


def test_a_bare_how_much_follow_up_computes_the_concept_asked_before() -> None:
    driver = _asked_about_aguinaldo()
    driver.send("gano 8000 al mes, entré en marzo")
    turn = driver.send("cuanto me toca")
    assert "de aguinaldo" in turn.text
    assert "$" in turn.text


def test_only_a_bare_follow_up_borrows_the_concept() -> None:
    case = Case(number=1, opened_on=TODAY, fields={"tema": "salario o prestaciones"})
    before = "¿cuando me tienen que pagar el aguinaldo?"
    assert calculate.intent("¿y cuánto me toca?", case, previous=before) == "aguinaldo"
    assert calculate.intent("cuanto seria mas o menos", case, previous=before) == "aguinaldo"
    vacations = "tengo derecho a vacaciones si entre en enero?"
    assert calculate.intent("y cuantos dias me tocan", case, previous=vacations) == "vacaciones"
    # Its own words say what it is about: nothing is borrowed.
    assert calculate.intent("cuanto dura la incapacidad", case, previous=before) is None
    assert calculate.intent("cuanto me toca", case, previous="me corrieron, es legal?") is None
    fired = Case(number=1, opened_on=TODAY, fields={"tema": "despido"})
    assert calculate.intent("cuanto me tienen q dar?", fired) == "liquidacion"


def test_a_claim_to_confirm_goes_to_the_answer_not_to_a_calculation() -> None:
    claim = "si renuncio me tienen q dar mi liquidacion con los 3 meses verdad?"
    assert calculate.intent(claim, None) is None
    told = "el supervisor dice q si me corren no me toca nada. es cierto?"
    assert calculate.intent(told, None) is None
    assert calculate.intent("me corieron y dise q no me toca nada es sierto??", None) is None
    # Asking the figure still computes it.
    assert calculate.intent("me corrieron, cuanto seria mi liquidacion, verdad?", None) == (
        "liquidacion"
    )


def test_the_dismissal_deadline_is_said_when_known_not_on_every_turn_of_the_form() -> None:
    driver = Driver(fresh(user_id=7))
    first = driver.send("me corrieron ayer sin razon, llevaba 4 años de cajera en un super")
    assert "Para reclamar tu despido tienes hasta" in first.text
    middle = driver.send("cuanto me toca?")  # the form still asks the salary
    assert "Para reclamar tu despido tienes hasta" not in middle.text


def _resigned_with_a_finiquito() -> Driver:
    driver = Driver(fresh(user_id=7))
    driver.send("renuncie la semana pasada despues de 6 años en una tienda de abarrotes")
    driver.send("me pagaban 1900 a la semana")
    turn = driver.send("q me tienen q dar?")
    assert "finiquito" in turn.text
    return driver


def test_a_yes_or_no_about_one_item_of_a_calculation_shown_is_answered_by_the_law() -> None:
    driver = _resigned_with_a_finiquito()
    before = len(driver.asked)
    asked = "y la prima de antiguedad si me toca aunque yo renuncie?"
    driver.send(asked)
    # Not only "es la misma cuenta que te hice arriba": the law's yes or no too.
    assert [a.question for a in driver.asked[before:]] == [asked]


def test_a_claim_told_with_a_calculation_is_weighed_by_the_law_too() -> None:
    driver = Driver(fresh(user_id=7))
    driver.send("trabajo limpiando casas con la misma señora desde hace 4 años")
    driver.send("me paga 400 por dia")
    before = len(driver.asked)
    claim = "me toca aguinaldo? ella dice q como no es diario no"
    turn = driver.send(claim)
    assert "de aguinaldo" in turn.text  # the figure
    assert [a.question for a in driver.asked[before:]] == [claim]


def test_what_the_imss_pays_is_no_employers_calculation() -> None:
    # Found playing a factory worker's chat: "¿cuánto me pagaría el IMSS?" after "¿me pueden
    # correr si falto?" started the liquidación's calculation.
    fired = Case(number=1, opened_on=TODAY, fields={"tema": "despido"})
    assert calculate.intent("cuanto me pagaria el imss?", fired) is None
    assert calculate.intent("cuanto me tienen q pagar?", fired) == "liquidacion"
