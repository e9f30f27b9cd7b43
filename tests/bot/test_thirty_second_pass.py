"""What the thirty-second pass's chat plays found the conversation getting wrong (#13)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot import facts, wording
from bot.facts_words import contract, ended_how
from calc.overtime_said import weekly_overtime
from calc.shifts import hour_ranges
from tests.bot.driver import Driver, fresh

TODAY = date(2026, 12, 7)


def _new() -> Driver:
    return Driver(fresh(user_id=7))


def test_being_told_to_resign_is_no_resignation() -> None:
    # "mi jefa me dijo q mejor renuncie" was noted as "renuncié", and "¿cuántas semanas me dan de
    # incapacidad?" was then answered with a resignation's finiquito.
    assert ended_how("toy embarazada de 5 meses y mi jefa me dijo q mejor renuncie") is None
    assert ended_how("quiere que renuncie") is None
    assert ended_how("renuncie el viernes") == "renuncia"
    assert ended_how("me dijo que renuncie y renuncie") == "renuncia"


def test_a_contract_the_boss_claims_is_not_noted_as_the_workers() -> None:
    assert contract("y si el ingeniero dice q como era por obra no me toca nada?") is None
    assert contract("era por obra") == "por obra"
    # A renewal refused tells the contract (a fact, not the boss's label).
    told = "mi jefa me dijo que ya no me van a renovar el contrato"
    assert contract(told) == "temporal"


def test_staying_past_the_shift_every_day_is_overtime_not_the_schedule() -> None:
    told = facts.extract(
        "oiga me hacen quedarme 2 horas diario despues de mi turno y no me las pagan", today=TODAY
    )
    assert told.topic == "jornada u horas extra"
    assert "horas_extra_sin_pago" in told.flags
    assert told.schedule is None  # not "2 horas al día"
    assert told.overtime_hours == Decimal(12)  # 2 a day, six days guessed


def test_a_shift_told_without_a_and_and_the_hour_stayed_until() -> None:
    assert [(s.start, s.minutes) for s in hour_ranges("entro 7 salgo 3 pero")] == [(420, 480)]
    week = weekly_overtime("soy operador, entro 7 salgo 3 pero me quedo hasta las 5")
    assert week is not None
    assert week.hours == Decimal(12)
    assert week.guessed
    # Named days still count only those days.
    named = weekly_overtime("de 7 a 15, martes y jueves me quedo hasta las 18")
    assert named is not None
    assert named.hours == Decimal(6)


def test_unpaid_overtime_told_first_gets_its_figure_when_the_form_is_done() -> None:
    driver = _new()
    driver.send("me hacen quedarme 2 horas diario despues de mi turno y no me las pagan")
    driver.send("soy operador en una fabrica, entro 7 salgo 3")
    turn = driver.send("gano 2100 semanales")
    assert wording.FORM_DONE.format(n=1) in turn.text
    # 300 a day, 37.50 an hour: 9 hours double (675) and 3 triple (337.50) a week.
    assert "$1,012.50" in turn.text
    assert "$4,339.29 al mes" in turn.text
    later = driver.send("cuanto me deben de un mes?")
    assert "$1,012.50" in later.text


def test_how_much_after_the_liquidacion_is_the_same_figure() -> None:
    driver = _new()
    driver.send("me corrieron ayer de la obra sin decirme nada, era albañil")
    driver.send("cobraba 2800 a la semana")
    shown = driver.send("entre en marzo del 2023")
    assert "Tu liquidación sería de unos $" in shown.text
    total = shown.text.split("Tu liquidación sería de unos ", 1)[1].split(".\n", 1)[0]
    again = driver.send("cuanto seria?")
    assert total in again.text
    assert "Art. 48" not in again.text.split(total, 1)[0]  # no other reckoning before it


def test_a_claim_right_after_the_table_is_answered_not_the_table_again() -> None:
    driver = _new()
    driver.send("me corrieron ayer de la obra sin decirme nada, era albañil")
    driver.send("cobraba 2800 a la semana")
    driver.send("entre en marzo del 2023")
    turn = driver.send("y si el ingeniero dice q como era por obra no me toca nada?")
    assert "es la misma cuenta" not in turn.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields.get("contrato") != "por obra"
    assert driver.asked[-1].question.startswith("y si el ingeniero")


def test_one_item_of_the_finiquito_asked_alone_is_its_figure() -> None:
    driver = _new()
    driver.send("renuncie el viernes y no me quieren dar mi finiquito")
    driver.send("trabaje 2 años 4 meses de recepcionista en un hotel")
    driver.send("ganaba 11,500 mensuales")
    driver.send("cuanto me toca de finiquito?")
    turn = driver.send("y de aguinaldo proporcional?")
    assert "de aguinaldo proporcional." in turn.text.split("\n", 1)[0]
    assert driver.conversation.calc_kind is None or driver.conversation.calc_kind == "aguinaldo"


def test_a_claim_told_first_is_not_answered_twice_when_the_form_ends() -> None:
    driver = _new()
    driver.send("toy embarazada de 5 meses y mi jefa me dijo q mejor renuncie")
    driver.send("trabajo en una tienda de ropa de cajera")
    turn = driver.send("gano 9000 al mes")
    assert wording.FORM_DONE.format(n=1) in turn.text
    assert wording.STORY_ANSWER not in turn.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields.get("motivo") != "renuncia"


def test_a_change_of_shift_is_a_working_hours_case() -> None:
    told = facts.extract(
        "mi patron me quiere cambiar de turno a la noche y yo no puedo x mis hijos", today=TODAY
    )
    assert told.topic == "jornada u horas extra"


def test_a_guards_24_by_24_is_a_working_hours_case() -> None:
    told = facts.extract("soy guardia de seguridad, trabajo 24 por 24", today=TODAY)
    assert told.topic == "jornada u horas extra"


def test_years_worked_for_someone_and_a_past_schedule_are_heard() -> None:
    told = facts.extract("trabaje con ella 7 años, me pagaba 1500 a la semana", today=TODAY)
    assert told.served_months == 84
    assert facts.extract("entraba a las 8 y salia a las 6", today=TODAY).schedule == "8:00 a 18:00"


def test_a_dismissal_told_first_is_answered_once_around_its_figure() -> None:
    driver = _new()
    driver.send("buenas soy trabajadora del hogar, la señora me dijo q ya no vaya desde el lunes")
    turn = driver.send("trabaje con ella 7 años, me pagaba 1500 a la semana")
    assert "Tu liquidación sería de unos $" in turn.text
    # The story was answered when it came: no second answer of it after the figure.
    told = [a for a in driver.asked if a.question.startswith("buenas soy trabajadora")]
    assert len(told) == 1


def test_the_same_overtime_asked_again_gives_its_month() -> None:
    driver = _new()
    driver.send("me hacen quedarme 2 horas diario despues de mi turno y no me las pagan")
    driver.send("soy operador en una fabrica, entro 7 salgo 3")
    driver.send("gano 2100 semanales")
    again = driver.send("cuanto me deben de un mes?")
    assert "$4,339.29 al mes" in again.text
    assert wording.CALC_SAME_AGAIN in again.text
