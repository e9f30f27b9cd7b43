"""A conversation that listens: answer first, keep what was said, ask only what matters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot import form_wording, wording
from bot.conversation import Case, State
from bot.effects import (
    AskAnswerer,
    CancelReminders,
    ExportData,
    RecordMessage,
    SaveCase,
    ScheduleReminders,
)
from bot.form import STILL_WORKING
from bot.intake import wanted
from rag.scope import REFUSAL_OUT_OF_SCOPE
from tests.bot.driver import TODAY, Driver, answer_text, fresh, linked_with_case

QUESTION_TEXTS = tuple(form_wording.QUESTIONS.values())


def _asked(replies_text: str) -> list[str]:
    """The form questions that appear in a turn's replies."""
    return [q for q in QUESTION_TEXTS if q in replies_text]


def _linked_new() -> Driver:
    return Driver(fresh(user_id=7))


def _ready(**fields: str) -> Driver:
    return Driver(replace(linked_with_case(**fields), state=State.READY))


def test_a_greeting_gets_the_welcome_and_the_story_question_not_an_error() -> None:
    turn = _linked_new().send("hola buenas")
    assert "Soy abogado" in turn.text
    assert form_wording.QUESTIONS["descripción"] in turn.text
    assert "No te entendí" not in turn.text
    assert "Elige" not in turn.text


def test_a_first_story_is_kept_and_nothing_said_is_asked_again() -> None:
    driver = _linked_new()
    turn = driver.send(
        "buenas, ayer me corrieron del oxxo donde era cajero, entre hace como 3 años y "
        "ganaba 9 mil al mes"
    )
    case = driver.conversation.case
    assert case is not None
    assert case.fields["tema"] == "despido"
    assert case.fields["salario"] == "9000.00 mes"
    assert case.fields["fecha de fin"] == "2026-11-25"
    assert "Anoté:" in turn.text
    for name in ("salario", "fecha de inicio", "fecha de fin", "tema"):
        assert form_wording.QUESTIONS[name] not in turn.text
    # A dismissal with its date, start and pay is enough: the worker gets the figure and the
    # deadline at once, with a reminder offered.
    assert "$" in turn.text
    assert "tienes hasta el 25 de enero de 2027" in turn.text
    assert driver.conversation.offer == "recordatorio"


def test_a_question_right_after_nuevo_is_answered_and_its_facts_kept() -> None:
    driver = _ready()
    driver.send("/nuevo")
    turn = driver.send("cuanto me toca de aguinaldo si gano 9 mil al mes y entre en marzo")
    case = driver.conversation.case
    assert case is not None
    assert case.number == 2
    assert case.fields["salario"] == "9000.00 mes"
    assert case.fields["fecha de inicio"].startswith("2026-03")
    assert "aguinaldo" in turn.text.lower()
    assert "$" in turn.text
    assert case.fields.get("tema") != "cuanto me toca de aguinaldo"
    assert any(
        isinstance(e, RecordMessage) and e.role == "assistant" and "87" in e.articles
        for e in turn.effects
    )


def test_the_topic_question_takes_plain_words_and_never_walls() -> None:
    for story, topic in (
        ("me hacen quedar horas de mas y no me las pagan", "jornada u horas extra"),
        ("mi jefe me acosa", "acoso o discriminación"),
        # A dismissal asked of, not told: the overtime refused is the topic.
        ("y si me niego a quedarme me pueden correr?", "jornada u horas extra"),
    ):
        driver = _ready()
        driver.send("/nuevo")
        driver.send(story)
        case = driver.conversation.case
        assert case is not None
        assert case.fields["tema"] == topic, story
    driver = _ready()
    driver.send("/nuevo")
    driver.send("pues no se que poner")
    driver.send("azul")  # not a topic either: "otro", and the conversation goes on
    case = driver.conversation.case
    assert case is not None
    assert case.fields.get("tema") == "otro"


def test_no_written_contract_is_understood_and_the_worker_is_told_it_costs_nothing() -> None:
    driver = _ready(tema="embarazo o maternidad")
    driver.conversation = replace(driver.conversation, state=State.FORM, form_field="contrato")
    turn = driver.send("no hay contrato")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["contrato"] == "sin contrato escrito"
    assert "Art. 26" in turn.text
    again = driver.send("no hay contrato")  # said once per case
    assert "Art. 26" not in again.text


def test_an_amount_then_its_period_in_two_messages_is_one_salary() -> None:
    driver = _ready(tema="salario o prestaciones")
    driver.conversation = replace(driver.conversation, state=State.FORM, form_field="salario")
    driver.send("2800")
    driver.send("semanal")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["salario"] == "2800.00 semana"
    assert "monto sin periodo" not in case.fields


def test_a_schedule_is_never_taken_for_a_start_date() -> None:
    driver = _ready(tema="jornada u horas extra")
    driver.conversation = replace(driver.conversation, state=State.FORM, form_field="horario")
    turn = driver.send("de 7 a 6 de lunes a sabado")
    case = driver.conversation.case
    assert case is not None
    assert "fecha de inicio" not in case.fields
    assert case.fields.get("horario")
    assert "66" in case.fields.get("horas a la semana", "")
    assert "máximo de 48 horas" in turn.text  # 66 hours a week in 2026


def test_small_talk_never_gets_the_law() -> None:
    driver = _ready()
    for message in ("gracias", "ok muchas gracias", "👍", "sale gracias!!"):
        turn = driver.send(message)
        assert not any(isinstance(e, AskAnswerer) for e in turn.effects), message
        assert wording.THANKS in turn.text


def test_not_knowing_after_an_answer_gets_a_prompt_not_the_answer_again() -> None:
    driver = _ready()
    for message in ("no se", "nose", "ni idea"):
        turn = driver.send(message)
        assert not any(isinstance(e, AskAnswerer) for e in turn.effects), message
        assert wording.UNSURE in turn.text
    # In the form, "no sé" answers the question asked (it is not small talk there).
    driver.conversation = replace(driver.conversation, state=State.FORM, form_field="salario")
    assert wording.UNSURE not in driver.send("no se").text


def test_bare_command_words_work_on_telegram() -> None:
    driver = _ready()
    assert any(isinstance(e, ExportData) for e in driver.send("mis datos").effects)
    assert "Esto es lo que puedo hacer" in driver.send("menu").text


def test_my_data_says_when_a_case_has_nothing_yet() -> None:
    driver = Driver(fresh(user_id=7, cases=(Case(1, TODAY),), current=1, state=State.READY))
    turn = driver.send("/mis_datos")
    assert "Caso 1 (abierto):" in turn.text
    assert wording.MY_DATA_EMPTY_CASE in turn.text


def _dismissed_yesterday() -> Driver:
    driver = _ready(
        tema="despido",
        motivo="despido",
        **{"fecha de fin": "2026-11-25", "fecha de inicio": "2023-11", "salario": "9000.00 mes"},
    )
    driver.send("cuanto me toca de liquidacion?")
    assert driver.conversation.offer == "recordatorio"
    return driver


def test_yes_schedules_reminders_before_the_deadline() -> None:
    driver = _dismissed_yesterday()
    turn = driver.send("si porfa")
    [effect] = [e for e in turn.effects if isinstance(e, ScheduleReminders)]
    assert effect.deadline == date(2027, 1, 25)
    assert effect.remind_on == (date(2027, 1, 11), date(2027, 1, 22))
    assert driver.conversation.offer is None
    case = driver.conversation.case
    assert case is not None
    assert case.fields["recordatorio"] == "sí"


def test_no_declines_and_is_not_asked_again_in_that_case() -> None:
    driver = _dismissed_yesterday()
    turn = driver.send("no gracias")
    assert not any(isinstance(e, ScheduleReminders) for e in turn.effects)
    again = driver.send("y cuanto de liquidacion me toca?")
    assert wording.REMINDER_OFFER not in again.text
    assert "tienes hasta el 25 de enero de 2027" in again.text


def test_closing_a_case_and_baja_cancel_reminders() -> None:
    driver = _dismissed_yesterday()
    assert CancelReminders(None) in driver.send("BAJA").effects
    assert CancelReminders(1) in driver.send("/cerrar").effects


def test_a_calculation_asks_only_the_missing_fact_then_computes() -> None:
    driver = _ready(tema="vacaciones")
    turn = driver.send("cuantos dias de vacaciones me tocan?")
    assert _asked(turn.text) == [form_wording.QUESTIONS["fecha de inicio"]]
    turn = driver.send("entre en enero del 2020")
    assert "22 días" in turn.text or "22 dias" in turn.text
    assert driver.conversation.calc_kind is None


def test_a_follow_up_naming_another_payment_asks_its_figure_too() -> None:
    driver = _dismissed_yesterday()
    driver.send("no gracias")
    first = driver.send("y cuanto me toca de aguinaldo?")
    assert "de aguinaldo proporcional" in first.text
    turn = driver.send("y de vacaciones?")
    assert "de prima vacacional" in turn.text
    assert not any(isinstance(e, AskAnswerer) for e in turn.effects)
    # Not after a question that asked no figure: "¿y de vacaciones?" is then the law's.
    driver = _ready(tema="salario o prestaciones", **{"fecha de inicio": "2020-01"})
    driver.send("es legal que no me paguen el aguinaldo?")
    turn = driver.send("y de vacaciones?")
    assert any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_a_day_sent_alone_ends_a_dismissal_and_a_job_title_alone_is_the_job() -> None:
    # Found playing a rescinded factory worker: "el 30 de noviembre" sent while the pay was asked
    # was read as $30 with no period, and "operador de máquina" was answered as a question.
    driver = _ready(tema="despido", motivo="despido", salario="380.00 dia")
    turn = driver.send("el 20 de noviembre")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de fin"] == "2026-11-20"
    assert "cada cuándo" not in turn.text
    turn = driver.send("operador de maquina")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["puesto"] == "operador de maquina"
    assert not any(isinstance(e, AskAnswerer) for e in turn.effects)
    # A case still going on: a day alone is no end.
    driver = _ready(tema="salario o prestaciones")
    driver.send("el 20 de noviembre")
    case = driver.conversation.case
    assert case is not None
    assert "fecha de fin" not in case.fields


def test_still_working_told_again_after_the_form_is_no_question() -> None:
    driver = _ready(tema="salario o prestaciones", **{"fecha de fin": STILL_WORKING})
    turn = driver.send("sigo trabajando")
    assert "Ya lo tenía anotado: sigues trabajando ahí" in turn.text
    assert not any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_skipping_a_fact_a_calculation_needs_explains_the_law_instead() -> None:
    driver = _ready(tema="vacaciones")
    driver.send("cuantos dias de vacaciones me tocan?")
    turn = driver.send("saltar")
    assert wording.CALC_CANT.format(c="/") in turn.text
    assert any(isinstance(e, AskAnswerer) for e in turn.effects)
    case = driver.conversation.case
    assert case is not None
    assert "fecha de inicio" in case.fields["omitidos"]


def test_a_question_in_the_form_is_answered_first_then_the_form_goes_on() -> None:
    driver = _ready(tema="despido")
    driver.conversation = replace(driver.conversation, state=State.FORM, form_field="fecha de fin")
    turn = driver.send("¿me pueden correr sin darme carta?")
    assert [e.question for e in turn.effects if isinstance(e, AskAnswerer)] == [
        "¿me pueden correr sin darme carta?"
    ]
    answer_at = turn.text.index("Respuesta sobre")
    assert turn.text.index(form_wording.QUESTIONS["fecha de fin"]) > answer_at
    case = driver.conversation.case
    assert case is not None
    assert "fecha de fin" not in case.fields


def test_questions_before_a_case_is_complete_stay_few() -> None:
    stories = {
        "me corrieron el lunes pasado, trabajaba de mesera": 2,
        "no me quieren pagar las vacaciones": 1,
        "estoy embarazada y me quieren correr": 1,
    }
    for story, most in stories.items():
        driver = _ready()
        asked = _asked(driver.send("/nuevo").text)
        turn = driver.send(story)
        asked += _asked(turn.text)
        while driver.conversation.state == State.FORM and len(asked) < 10:
            turn = driver.send("saltar")
            asked += _asked(turn.text)
        assert len(asked) - 1 <= most, (story, asked)  # the story question itself not counted
        assert wanted(driver.conversation) is None
        assert any(isinstance(e, SaveCase) for e in turn.effects) or asked


def test_a_short_statement_in_a_finished_case_corrects_it() -> None:
    driver = _ready(tema="vacaciones", **{"fecha de inicio": "2023-12"})
    turn = driver.send("desde marzo del 2023")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de inicio"] == "2023-03"
    assert "Corregí tu caso: desde marzo de 2023" in turn.text
    assert not any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_cancelling_the_form_stops_its_questions_but_questions_are_still_answered() -> None:
    driver = _linked_new()
    driver.send("hola")
    driver.send("/cancelar")
    case = driver.conversation.case
    assert case is not None
    assert set(case.fields["omitidos"].split(",")) == {"descripción", "formulario"}
    turn = driver.send("¿me pueden correr sin aviso?")
    assert [e.question for e in turn.effects if isinstance(e, AskAnswerer)] == [
        "¿me pueden correr sin aviso?"
    ]
    assert _asked(turn.text) == []
    assert driver.conversation.state == State.READY


def test_a_whatsapp_figure_fits_one_message_and_telegram_gets_a_table() -> None:
    fields = {
        "tema": "despido",
        "motivo": "despido",
        "fecha de fin": "2026-11-25",
        "fecha de inicio": "2021-03",
        "salario": "9000.00 mes",
    }
    for channel, limit in (("whatsapp", 1600), ("telegram", 4096)):
        case = Case(1, TODAY, fields)
        driver = Driver(fresh(channel=channel, user_id=7, cases=(case,), current=1))
        driver.conversation = replace(driver.conversation, state=State.READY)
        turn = driver.send("cuanto me toca de liquidacion?")
        figure = turn.replies[0].text
        assert figure.startswith("Tu liquidación sería de unos $")
        assert len(figure) <= limit
        assert ("```" in figure) == (channel == "telegram")


def test_mas_asks_for_the_long_form_of_the_last_answer() -> None:
    driver = _ready(tema="acoso o discriminación")
    assert wording.NO_LAST_QUESTION in driver.send("más").text
    driver.send("¿me pueden gritar en el trabajo?")
    turn = driver.send("más")
    [ask] = [e for e in turn.effects if isinstance(e, AskAnswerer)]
    assert (ask.question, ask.detail) == ("¿me pueden gritar en el trabajo?", True)
    assert not any(isinstance(e, RecordMessage) and e.role == "user" for e in turn.effects)


def test_a_yes_no_question_with_a_figure_gives_the_answerer_the_figures() -> None:
    driver = _dismissed_yesterday()
    turn = driver.send("¿me tienen que pagar mi liquidacion?")
    [ask] = [e for e in turn.effects if isinstance(e, AskAnswerer)]
    assert ask.facts[0].startswith("Tu liquidación sería de unos $")
    assert any(fact.startswith("Indemnización de 3 meses: $") for fact in ask.facts)


def test_a_contract_that_gives_more_aguinaldo_is_used() -> None:
    driver = _ready(tema="salario o prestaciones", **{"fecha de inicio": "2020-01"})
    noted = driver.send("en mi trabajo nos dan 30 dias de aguinaldo y gano 12 mil al mes")
    assert "30 días de aguinaldo" in noted.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields["días de aguinaldo"] == "30"
    turn = driver.send("¿cuanto me toca de aguinaldo?")
    assert "Te tocan unos $12,000.00 de aguinaldo" in turn.text  # 30 days of $400


def test_pay_by_the_day_worked_a_few_days_a_week_is_divided_over_the_week() -> None:
    driver = _ready(tema="salario o prestaciones", **{"fecha de inicio": "2020-01"})
    told = driver.send("le limpio la casa a una señora 3 dias a la semana, me paga 400 por dia")
    turn = driver.send("¿cuanto me toca de aguinaldo?")
    # $1,200 a week is $171.43 a day (Art. 89): 15 days are $2,571.43, not 15 × $400.
    assert "Te tocan unos $2,571.43 de aguinaldo" in turn.text
    assert "Trabajas 3 días a la semana" in turn.text
    # $400 for each day worked is above the minimum: no warning about it.
    assert "menos que el salario mínimo" not in told.text + turn.text


def test_a_week_paid_for_a_few_days_is_weighed_per_day_worked_against_the_minimum() -> None:
    driver = _ready(tema="salario o prestaciones")
    low = driver.send("voy 2 dias a la semana y me pagan 500 a la semana")
    assert "Ojo: $250.00 al día es menos que el salario mínimo" in low.text


def test_a_story_without_a_topic_word_gets_one_from_what_it_tells() -> None:
    driver = _ready()
    driver.send("/nuevo")
    turn = driver.send(
        "trabajo de planta en una casa haciendo limpieza, me pagan 1500 a la semana y no me "
        "tienen en el seguro"
    )
    case = driver.conversation.case
    assert case is not None
    assert case.fields["tema"] == "salario o prestaciones"
    assert "domestica" in case.fields["situación"]
    assert case.fields.get("contrato") != "indefinido"  # "de planta" there means living in
    assert "IMSS" in turn.text
    assert form_wording.QUESTIONS["tema"] not in turn.text


def test_a_company_closing_is_the_end_of_the_job_not_a_topic_to_ask() -> None:
    # Found playing a maquila worker's chat: "nos van a cerrar la planta" got "¿De qué se trata
    # tu problema?" three times.
    driver = _ready()
    driver.send("/nuevo")
    turn = driver.send("trabajo en una maquiladora hace 8 años, nos van a cerrar la planta")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["tema"] == "despido"
    assert form_wording.QUESTIONS["tema"] not in turn.text


def test_a_form_answer_that_tells_more_joins_the_story() -> None:
    # Found playing a driver's chat: "la app me desactivó la cuenta", said to "¿De qué se
    # trata?", never reached the answers, which read only "hola soy chofer de uber".
    driver = _ready()
    driver.send("/nuevo")
    driver.send("hola soy chofer de uber")
    assert driver.conversation.form_field == "tema"
    driver.send("la app me desactivo la cuenta sin decirme porq")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["descripción"] == (
        "hola soy chofer de uber la app me desactivo la cuenta sin decirme porq"
    )
    # "Llevo 2 años" after it is how long the job lasted, not that it goes on.
    driver.send("llevo 2 años")
    case = driver.conversation.case
    assert case is not None
    assert case.fields.get("fecha de fin") != "sigue"
    assert case.fields["descripción"].endswith("sin decirme porq")  # short answers stay out


def test_a_start_date_given_when_the_end_was_asked_is_kept_as_the_start() -> None:
    # Found playing a seamstress's chat: "entré hace 2 años" answering "¿Cuándo terminó…?" was
    # stored as the end date too, and her deadline "had passed" two years ago.
    driver = _linked_new()
    driver.send("buenas, me corrieron de la maquila porque dicen que falte 3 dias este mes")
    assert driver.conversation.form_field == "fecha de fin"
    turn = driver.send("entre hace 2 años, ganaba 2500 a la semana")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de inicio"].startswith("2024-11")  # two years before TODAY
    assert "fecha de fin" not in case.fields
    assert form_wording.QUESTIONS["fecha de fin"] in turn.text
    assert "venció" not in turn.text


def test_if_i_resign_is_a_finiquito_for_today_finished_by_the_pay_given_with_a_question() -> None:
    # Found playing a driver's chat: "si renuncio me toca prima de antigüedad?" started a
    # dismissal's liquidación, and "¿y cuánto sería? gano 12 mil al mes" was answered with the
    # law while the calculation waited for ever.
    driver = _linked_new()
    driver.send("hola ya me quiero salir de la empresa, llevo 16 años de chofer")
    asked = driver.send("si renuncio me toca prima de antiguedad?")
    assert driver.conversation.calc_kind == "finiquito"
    assert wording.calc_needs("finiquito") == "Para calcular tu finiquito me falta un dato."
    assert wording.calc_needs("finiquito") in asked.text
    turn = driver.send("y cuanto seria? gano 12 mil al mes")
    assert "Tu finiquito sería de unos $" in turn.text
    assert wording.CALC_IF_RESIGN in turn.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de fin"] == "sigue"  # the supposed resignation is not stored
    assert "motivo" not in case.fields


@pytest.mark.parametrize(
    ("told", "asked", "headline", "note"),
    [
        # Found playing a shop worker's chat: after her aguinaldo, "y si me corren cuanto me
        # tocaria?" was answered with the aguinaldo's article again, with no figure.
        (
            (
                "gano 400 al dia en una tienda, cuanto me toca de aguinaldo?",
                "entre en marzo del 2020",
            ),
            "y si me corren cuanto me tocaria?",
            "Tu liquidación sería de unos $",
            wording.CALC_IF_DISMISSED,
        ),
        # Found playing a warehouse worker's chat: after "me grita y me humilla", "y si me salgo
        # cuanto me toca?" computed a resignation's finiquito, without Art. 52's indemnity.
        (
            (
                "mi supervisor me grita y me humilla enfrente de todos en la bodega",
                "llevo 4 años, gano 2800 a la semana",
            ),
            "y si me salgo cuanto me toca?",
            "Tu liquidación sería de unos $",
            wording.CALC_IF_RESCIND,
        ),
        # Without a fault told, leaving is a resignation.
        (
            ("trabajo en una tienda desde hace 4 años, gano 2800 a la semana",),
            "y si me salgo cuanto me toca?",
            "Tu finiquito sería de unos $",
            wording.CALC_IF_RESIGN,
        ),
    ],
)
def test_a_supposed_end_is_computed_for_today_and_nothing_is_stored(
    told: tuple[str, ...], asked: str, headline: str, note: str
) -> None:
    driver = _linked_new()
    for text in told:
        driver.send(text)
    turn = driver.send(asked)
    assert headline in turn.text
    assert note in turn.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields.get("fecha de fin") in (None, "sigue")  # the supposed end: not stored
    assert "motivo" not in case.fields


def test_a_deadline_asked_while_still_working_says_none_runs_yet() -> None:
    # Found playing a pregnant seamstress's chat: "¿todavía puedo demandar?" from a worker whose
    # case says she still works there got "No pude hacer esa cuenta".
    driver = _ready(tema="embarazo o maternidad", **{"fecha de fin": "sigue"})
    turn = driver.send("y si me corren todavia puedo demandar?")
    assert wording.DEADLINE_STILL_WORKING.format(c="/") in turn.text
    assert "No pude hacer esa cuenta" not in turn.text


def test_an_app_worker_asking_for_aguinaldo_gets_the_law_not_a_calculation() -> None:
    # Art. 291-F: an app's pay per service already includes the aguinaldo; found playing a
    # courier's chat, which asked for his salary to compute it.
    driver = _ready(tema="salario o prestaciones", situación="plataforma")
    turn = driver.send("y me toca aguinaldo?")
    assert driver.conversation.calc_kind is None
    assert "me falta un dato" not in turn.text
    assert any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_a_past_duration_counts_back_from_the_end_already_known() -> None:
    # Found playing a builder's chat: "llevaba 1 año" after "me corrieron ayer" was not heard,
    # and the start date was asked again.
    driver = _linked_new()
    driver.send("me corrieron ayer de la obra sin pagarme la semana, q hago")
    case = driver.conversation.case
    assert case is not None
    assert "fecha de fin" in case.fields
    turn = driver.send("ganaba 2800 a la semana, llevaba 1 año")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de inicio"].startswith("2025-11")  # a year before TODAY's eve
    assert form_wording.QUESTIONS["fecha de inicio"] not in turn.text


def test_a_guard_on_24_hour_shifts_gets_the_overtime_owed_for_a_year() -> None:
    # Found playing a guard's chat: "turnos de 24x24" was not read as a schedule, and "¿cuánto me
    # tocaría de las extras?" repeated the answer instead of the figure.
    driver = _linked_new()
    driver.send("soy guardia de seguridad, hago turnos de 24x24 y nunca me pagan horas extra")
    driver.send("gano 2800 a la semana")
    turn = driver.send("y si los demando cuanto me tocaria de las extras?")
    assert "te deben unos $4,950.00 de esa semana" in turn.text  # 9 h doubled, 27 tripled
    assert "unos $257,400.00 en el último año" in turn.text  # 52 weeks (Art. 516)


def test_an_offer_below_the_law_is_weighed_against_the_liquidacion() -> None:
    # Found playing a call-centre worker's chat: "me quieren dar 5 mil de finiquito y que
    # firme, ¿lo firmo?" after a dismissal got the finiquito ($8,718.73), without the
    # indemnity, and no word on the offer.
    driver = _linked_new()
    first = driver.send(
        "me corrieron ayer del call center sin decirme nada, llevaba 8 meses, ganaba 9 mil al mes"
    )
    assert "Tu liquidación sería de unos $" in first.text
    turn = driver.send("me quieren dar 5 mil de finiquito y q firme, lo firmo?")
    assert "Tu finiquito" not in turn.text
    assert (
        "Te ofrecen $5,000.00; con lo que me dijiste, lo que marca la ley es de unos $" in turn.text
    )
    assert "(Art. 33)" in turn.text
    # The table was shown a turn ago and nothing changed: not a second time.
    assert "Concepto" not in turn.text
    assert "Tu liquidación sería" not in turn.text


def test_the_same_calculation_asked_again_is_one_line_and_calcular_shows_it_whole() -> None:
    """A domestic worker's "¿y ahora qué me toca?" right after her table: one line, not the
    table again; /calcular liquidacion shows it whole; a new salary is a new table."""
    driver = _linked_new()
    first = driver.send(
        "trabajo de planta en una casa desde hace 4 años, la señora me corrio ayer, me pagaba "
        "2500 a la semana"
    )
    assert first.text.count("Concepto") == 1
    again = driver.send("y ahora q me toca o q?")
    assert "Concepto" not in again.text
    assert "es la misma cuenta que te hice arriba: liquidación por despido injustificado" in (
        again.text
    )
    whole = driver.send("/calcular liquidacion")
    assert whole.text.count("Concepto") == 1
    # A correction told with a question is taken, and the new figure is a new table.
    more = driver.send("perdon, me pagaba 3000 a la semana. cuanto me toca?")
    assert driver.conversation.case is not None
    assert driver.conversation.case.fields["salario"].startswith("3000")
    assert more.text.count("Concepto") == 1


def test_a_form_question_passed_over_twice_is_let_go() -> None:
    # Found playing a pregnant worker's chat: she told her dates and pay instead of her
    # contract, and "¿Qué contrato tienes?" came four times; "que ya no me presentara el lunes
    # pasado" was not heard as the end.
    driver = _linked_new()
    driver.send("me corrieron xq estoy embarazada, trabajaba en una tienda de ropa")
    assert driver.conversation.form_field == "contrato"
    driver.send("me dijeron q ya no me presentara el lunes pasado")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de fin"] == "2026-11-23"  # TODAY's Monday before (2026-11-26)
    assert driver.conversation.form_field == "contrato"  # asked once more
    turn = driver.send("ganaba 2100 a la semana, entre en enero del 2025")
    case = driver.conversation.case
    assert case is not None
    assert "contrato" in case.fields["omitidos"].split(",")
    assert form_wording.QUESTIONS["contrato"] not in turn.text
    # Restored from storage, the count goes on.
    restored = driver.conversation.with_state_dict(driver.conversation.state_dict())
    assert restored.form_passed == driver.conversation.form_passed


def test_a_message_that_only_adds_the_cases_data_is_noted_not_answered() -> None:
    # Found playing a builder's chat: "trabajo en una constructora de ayudante, gano 2300 a la
    # semana", once the case was ready, was answered with a domestic worker's rest days.
    driver = _linked_new()
    driver.send("mi jefe me grita y me insulta enfrente de todos")
    turn = driver.send("trabajo en una constructora de ayudante, gano 2300 a la semana")
    assert "Anoté:" in turn.text
    assert not any(isinstance(e, AskAnswerer) for e in turn.effects)
    # What happened still is: a story told after the form is weighed.
    turn = driver.send("y ayer me corrieron sin darme nada de papel")
    assert any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_a_job_or_sigo_sent_alone_is_noted_not_answered() -> None:
    # Found playing a builder's chat: "albañil" and "sigo", sent as the answers to questions the
    # form no longer asked, were each answered with the story's articles again.
    driver = _linked_new()
    driver.send("me mande quitar del trabajo, el jefe me grita y me insulta enfrente de todos")
    for said, noted in (("albañil", "Anoté: albañil"), ("sigo", "Anoté: sigues trabajando ahí")):
        turn = driver.send(said)
        assert noted in turn.text
        assert not any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_vacations_never_granted_are_all_counted() -> None:
    # Found playing a chat: "nunca me han dado vacaciones" after 2 years got 14 days, not 26.
    driver = _linked_new()
    driver.send("tengo 2 años en una fabrica y nunca me han dado vacaciones")
    driver.send("gano 350 al dia")
    driver.send("entre en octubre del 2024")
    turn = driver.send("cuantos dias me deben entonces?")
    assert "Te tocan 26 días de vacaciones" in turn.text


def test_a_past_duration_told_before_the_end_counts_back_once_the_end_is_said() -> None:
    # Found playing a domestic worker's chat: "trabajé 5 años… ya no me necesita" and then "a
    # mediados de noviembre" for the end; the start was asked twice and "¿me toca algo?" got
    # "me falta un dato".
    driver = _linked_new()
    driver.send("trabaje 5 años de planta en una casa haciendo limpieza y la señora me corrio")
    case = driver.conversation.case
    assert case is not None
    assert "fecha de inicio" not in case.fields
    assert "domestica" in case.fields["situación"].split(",")
    turn = driver.send("no se la fecha, fue a mediados de noviembre")
    assert form_wording.QUESTIONS["fecha de inicio"] not in turn.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de fin"] == "2026-11"
    assert case.fields["fecha de inicio"] == "2021-11"
    assert "fecha de inicio" in case.fields["aproximadas"].split(",")


def test_a_past_duration_does_not_replace_a_start_already_told() -> None:
    driver = _linked_new()
    driver.send("me corrieron de la tienda, entre en marzo del 2019")
    driver.send("estuve 3 años ahi")
    driver.send("el 2 de noviembre")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de inicio"] == "2019-03"


@pytest.mark.parametrize(
    "said", ["me quieren poner en otro puesto, que onda", "y lo de las propinas como queda eso"]
)
def test_a_question_without_a_question_mark_during_the_form_is_answered(said: str) -> None:
    # Found playing a chat: "…, que onda" while the form asked for the contract got "No te
    # entendí" and the contract question again.
    driver = _linked_new()
    driver.send("regrese de mi incapacidad de maternidad hace una semana, trabajo de cajera")
    turn = driver.send(said)
    assert "No te entendí" not in turn.text
    assert any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_a_topic_answer_that_tells_more_is_kept_in_the_story() -> None:
    # Found playing a chat: "dice q hasta q acabemos la obra" answered "¿De qué se trata?", was
    # filed as "otro" and lost, so "¿eso se puede?" was answered without it.
    driver = _linked_new()
    driver.send("q onda, soy albañil y el maestro de obra no me quiere pagar la semana pasada")
    driver.send("dice q hasta q acabemos la obra")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["tema"] == "otro"
    assert "hasta q acabemos la obra" in case.fields["descripción"]


def test_a_first_story_that_reports_the_employers_claim_is_weighed_at_once() -> None:
    """ "El patrón dice que me va a pagar en pan, que al cabo es lo mismo" (no "?"): the claim is
    answered now, and the story is kept as the case's description and topic."""
    driver = _linked_new()
    driver.send("hola")
    story = (
        "el patron de la panaderia dise q la mitad de la raya me la va a pagar en pan, q al cabo "
        "es lo mismo"
    )
    turn = driver.send(story)
    assert [e.question for e in turn.effects if isinstance(e, AskAnswerer)] == [story]
    case = driver.conversation.case
    assert case is not None
    assert case.fields["tema"] == "salario o prestaciones"
    # A plain story with no claim and no question goes on with the form.
    plain = _linked_new()
    plain.send("hola")
    told = plain.send("trabajo en una panaderia desde hace 2 años y me pagan cada semana")
    assert not any(isinstance(e, AskAnswerer) for e in told.effects)


def test_a_calculation_missing_a_fact_answers_from_the_law_first_then_asks_it_once() -> None:
    # Found playing a shop clerk's chat: "¿hasta cuándo puedo demandar?" with no end date got
    # only "Para calcular tu plazo me falta un dato", and then the same question twice.
    driver = _ready(tema="despido", motivo="despido")
    turn = driver.send("hasta cuando puedo demandar?")
    assert driver.conversation.calc_kind == "plazo"
    texts = [r.as_text() for r in turn.replies]
    answered = texts.index(answer_text("hasta cuando puedo demandar?"))
    needs = texts.index(wording.calc_needs("plazo"))
    assert answered < needs
    assert turn.text.count(form_wording.QUESTIONS["fecha de fin"]) == 1
    # The date given then finishes the calculation.
    done = driver.send("el lunes pasado")
    assert "Para reclamar tu despido tienes hasta" in done.text


def test_a_claim_told_as_the_topic_is_answered_kept_and_its_figure_computed_later() -> None:
    # Found playing a domestic worker's chat: "la señora no me quiere dar aguinaldo porque dice q
    # no soy de planta", given as the topic, was filed as "salario o prestaciones" and lost;
    # "¿me toca?" was then answered about rest days and "¿cuánto sería? me paga 450 el día y
    # empecé en febrero" with no calculation.
    driver = _linked_new()
    driver.send("soy trabajadora del hogar de entrada por salida, 3 dias a la semana")
    claim = "la señora no me quiere dar aguinaldo porque dice q no soy de planta"
    turn = driver.send(claim)
    assert answer_text(claim) in turn.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields["tema"] == "salario o prestaciones"
    assert "aguinaldo" in case.fields["descripción"]
    driver.send("me toca?")
    turn = driver.send("cuanto seria? me paga 450 el dia y empece en febrero")
    assert "de aguinaldo proporcional" in turn.text


def test_an_offer_after_a_dismissal_is_weighed_against_the_liquidation_first() -> None:
    # Found playing a maquila worker's chat: "me quieren dar 20 mil y ya, lo acepto?" was
    # answered with Art. 97's INFONAVIT deductions.
    driver = _linked_new()
    first = driver.send("me corrieron ayer de la maquila, llevaba 5 años y ganaba 2800 a la semana")
    assert "Tu liquidación sería de unos" in first.text
    turn = driver.send("me quieren dar 20 mil y ya, lo acepto?")
    assert turn.replies[0].as_text().startswith("Te ofrecen $20,000.00")
    assert "Tu liquidación sería" not in turn.text  # shown a turn ago, unchanged


@pytest.mark.parametrize("asked", ["me puedo salir y q me paguen?", "me puedo ir y q me paguen?"])
def test_the_facts_given_after_asking_what_leaving_pays_bring_the_figure(asked: str) -> None:
    # Found playing a mechanic's chat: unpaid for 3 weeks, he asked "¿me puedo salir y que me
    # paguen?", then gave his pay and years; they were answered with the vacation table.
    driver = _linked_new()
    for said in (
        "buenas, mi patron no me a pagado 3 semanas",
        "trabajo en un taller mecanico",
        asked,
    ):
        driver.send(said)
    turn = driver.send("gano 2000 a la semana y llevo 4 años")
    assert "Tu liquidación sería de unos" in turn.text
    assert "por culpa del patrón" in turn.text  # a rescission (Art. 52), not a resignation
    assert not any(isinstance(e, AskAnswerer) for e in turn.effects)


def test_the_end_date_told_after_the_form_let_it_go_is_kept() -> None:
    # Found playing a shop clerk's chat: asked twice when the job ended, he answered other
    # things; "me dijo el lunes pasado" told after the form was answered with the law again and
    # "¿cuánto me toca?" asked for the date once more.
    driver = _linked_new()
    for said in (
        "trabajo en una tienda de abarrotes, el dueño me dijo q ya no fuera, no me dio nada",
        "soy despachador",
        "entre en marzo del 2023",
        "gano 2100 a la semana",
    ):
        driver.send(said)
    turn = driver.send("me dijo el lunes pasado")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de fin"] == "2026-11-23"  # the last Monday before Thu 26 Nov
    assert not any(isinstance(e, AskAnswerer) for e in turn.effects)
    assert "Tu liquidación sería de unos" in driver.send("cuanto me toca?").text


def test_a_refused_first_message_keeps_no_story_and_asks_nothing_after_it() -> None:
    """ "¿Cómo hago pozole?" is refused kindly; no case question follows, and the message is
    not kept as the case's story: the next message, about work, is."""
    driver = Driver(fresh(user_id=7), scoped=True)
    turn = driver.send("como hago pozole rojo?")
    assert REFUSAL_OUT_OF_SCOPE in turn.text
    assert _asked(turn.text) == []
    case = driver.conversation.case
    assert case is None or "descripción" not in case.fields
    saved = [e.case for e in turn.effects if isinstance(e, SaveCase)]
    assert all("pozole" not in str(c.fields) for c in saved[-1:])
    turn = driver.send("me corrieron ayer del oxxo donde era cajero, que hago?")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["descripción"] == "me corrieron ayer del oxxo donde era cajero, que hago?"
    assert case.fields["tema"] == "despido"
    assert "pozole" not in str(case.fields)


def test_a_refusal_in_a_case_with_its_own_story_leaves_the_case_alone() -> None:
    driver = _ready(tema="despido", descripción="me corrieron sin carta")
    driver.scoped = True
    turn = driver.send("y como hago pozole verde?")
    assert REFUSAL_OUT_OF_SCOPE in turn.text
    case = driver.conversation.case
    assert case is not None
    assert case.fields["descripción"] == "me corrieron sin carta"


def test_overtime_hours_told_are_priced_without_asking_the_day_shift() -> None:
    """ "3 horas extra el lunes y 2 el miércoles" are noted; the calculator takes the legal day
    shift of 8 hours (and says so) instead of asking "¿cuántas horas dura tu jornada?"."""
    driver = _linked_new()
    turn = driver.send(
        "esta semana me quede 3 horas extra el lunes y 2 el miercoles, gano 2800 a la semana, "
        "cuanto me deben?"
    )
    case = driver.conversation.case
    assert case is not None
    assert case.fields["horas extra"] == "5"
    # $2,800 / 7 = $400 a day, $50 an hour, doubled: 5 × $100.
    assert "$500.00" in turn.text
    assert "Supuse una jornada normal de 8 horas" in turn.text
    assert form_wording.QUESTIONS["jornada"] not in turn.text


def test_a_sum_already_paid_in_the_story_is_weighed_against_the_liquidation() -> None:
    # Found playing a shop worker's chat: "me dieron 15 mil y me hicieron firmar una renuncia"
    # after 7 years; the liquidation ($77k) came with no word on the 15 thousand paid.
    driver = _linked_new()
    driver.send(
        "me despidieron ayer de la tienda despues de 7 años, me dieron 15 mil y me hicieron "
        "firmar una renuncia"
    )
    turn = driver.send("ganaba 350 diarios")
    assert "Tu liquidación sería de unos $" in turn.text
    said = next(r.as_text() for r in turn.replies if r.as_text().startswith("Te dieron"))
    assert said.startswith("Te dieron $15,000.00; con lo que me dijiste, lo que marca la ley es")
    assert "te faltarían unos $" in said
    assert "(Art. 33)" in said


@pytest.mark.parametrize(
    ("asked", "field"),
    [
        # A menu read from loose words: "no tengo…" is not "sin contrato escrito".
        (
            "mi jefa dice q no me van a dar la incapacidad x q no tengo suficientes semanas "
            "cotizadas",
            "contrato",
        ),
        ("a quien le reclamo si no me pagan", None),
    ],
)
def test_a_question_or_a_claim_told_while_a_menu_waits_is_answered(
    asked: str, field: str | None
) -> None:
    # Found playing a pregnant nurse's chat (the claim was filed as "sin contrato escrito" and
    # never answered) and a cleaner's ("¿a quién le reclamo?" was taken as the topic, unanswered).
    driver = _linked_new()
    if field == "contrato":
        driver.send("ola soy enfermera en una clinica particular tengo 5 meses de embarazo")
        assert driver.conversation.form_field == "contrato"
    else:
        driver.send(
            "buenas, trabajo en una empresa de limpieza que me manda a un banco, el banco dice "
            "que no es mi patron"
        )
    turn = driver.send(asked)
    assert answer_text(asked) in turn.text
    case = driver.conversation.case
    assert case is not None
    if field is not None:
        assert field not in case.fields
        assert driver.conversation.form_field == field  # its menu is asked again


def test_a_work_risk_asked_if_it_is_still_in_time_gets_the_law_not_a_dismissal_deadline() -> None:
    # Found playing a builder's chat: "todavía puedo reclamar?" after a work accident asked for
    # the end of the job, to count a dismissal's two months.
    driver = _linked_new()
    driver.send("hace 2 años me accidente en la obra y me quedo mal la mano, nunca me dieron nada")
    turn = driver.send("todavia puedo reclamar?")
    assert answer_text("todavia puedo reclamar?") in turn.text
    assert form_wording.QUESTIONS["fecha de fin"] not in turn.text


def test_a_resignation_whose_pay_is_withheld_gets_its_finiquito_once_the_form_is_done() -> None:
    # Found playing a chat: "renuncié el viernes y no me quieren pagar la última semana" got
    # the law's answer twice and no figure once the dates and the pay were known.
    driver = _linked_new()
    driver.send("renuncie el viernes y no me quieren pagar la ultima semana ni las vacaciones")
    driver.send("tengo derecho?")
    turn = driver.send("trabaje 1 año y medio, ganaba 8500 quincenal")
    assert "Tu finiquito sería de unos $" in turn.text
    assert "Indemnización" not in turn.text


def test_a_dismissal_told_after_a_job_noted_as_going_on_ends_it() -> None:
    # Found playing a purifier worker's chat: "trabajo en una purificadora desde hace 4 años",
    # then "me corrieron ayer": the case kept "sigues trabajando" and the liquidation counted
    # to today, with no deadline.
    driver = _linked_new()
    driver.send("ola, trabajo en una purificadora de agua desde hace 4 años, gano 2500 a la semana")
    turn = driver.send("me corrieron ayer sin decirme x q")
    case = driver.conversation.case
    assert case is not None
    assert case.fields["fecha de fin"] == "2026-11-25"
    assert "Para reclamar tu despido tienes hasta el 25 de enero de 2027" in turn.text


def test_a_count_shown_in_days_is_shown_in_pesos_once_the_pay_is_told() -> None:
    # Found playing a chat: "¿y la prima vacacional cuánto es?" got "de unos $0.00" and "gano
    # 12 mil al mes" next was only noted.
    driver = _linked_new()
    driver.send("cuantos dias de vacaciones me tocan si llevo 5 años")
    again = driver.send("y la prima vacacional cuanto es?")
    assert "$0.00" not in again.text
    assert "sin tu salario solo tengo los días" in again.text
    turn = driver.send("gano 12 mil al mes")
    assert "más $2,000.00 de prima vacacional" in turn.text


def test_que_hago_typed_short_while_a_menu_waits_is_answered() -> None:
    # Found playing a pregnant beautician's chat: "q ago" got "No te entendí. Elige un número".
    driver = _linked_new()
    driver.send("oye me kieren korrer x q me embaraze")
    assert driver.conversation.form_field == "contrato"
    turn = driver.send("q ago")
    assert answer_text("q ago") in turn.text
    assert "No te entendí" not in turn.text


def test_a_doubt_about_the_aguinaldo_gets_its_figure_once_the_form_holds_the_facts() -> None:
    # Found playing a chat: "tengo una duda sobre mi aginaldo", the start and the pay told, and
    # the form's end answered with the article only; the figure came when asked again.
    driver = _linked_new()
    driver.send("hola")
    driver.send("tengo una duda sobre mi aginaldo")
    driver.send("entre en marzo")
    turn = driver.send("gano como 9 mil al mes")
    assert "de aguinaldo proporcional" in turn.text


def test_a_hypothetical_or_a_question_at_the_end_while_a_menu_waits_is_answered() -> None:
    # Found playing a builder's chat: "y si me caigo de la obra quien me paga" was taken as the
    # topic ("salario") and never answered.
    driver = _linked_new()
    driver.send(
        "soy albañil y el maestro de obra me paga 500 diarios pero no me da de alta en el imss"
    )
    asked = "y si me caigo de la obra quien me paga"
    turn = driver.send(asked)
    assert answer_text(asked) in turn.text


def test_a_money_question_asked_before_the_pay_is_answered_again_once_the_form_has_it() -> None:
    # Found playing a chat: "¿cuánto es la prima dominical?", then the pay; the figure never came.
    driver = _linked_new()
    driver.send("cuanto es la prima dominical?")
    driver.send("gano 400 diarios y trabajo todos los domingos")
    turn = driver.send("hace 2 años")
    assert form_wording.QUESTIONS["fecha de inicio"] not in turn.text
    assert answer_text("cuanto es la prima dominical?") in turn.text


def test_the_form_question_let_go_is_not_asked_again_after_the_next_answer() -> None:
    # Found playing a pregnant nurse's chat: "Dejo los datos de tu caso para después", and the
    # next question's answer came with "Sigamos con tu caso: ¿Qué contrato tienes?" again.
    driver = _linked_new()
    driver.send("ola soy enfermera en una clinica particular tengo 5 meses de embarazo")
    driver.send("mi jefa dice q no me van a dar la incapacidad x q no tengo suficientes semanas")
    let_go = driver.send("cuantas semanas necesito")
    assert wording.FORM_PAUSED.split(";")[0] in let_go.text
    turn = driver.send("y si no las tengo quien me paga")
    assert answer_text("y si no las tengo quien me paga") in turn.text
    assert form_wording.QUESTIONS["contrato"] not in turn.text
    # A bare answer to it later still answers it.
    driver.send("indefinido")
    case = driver.conversation.case
    assert case is not None
    assert case.fields.get("contrato") == "indefinido"


def test_more_of_the_story_while_a_menu_waits_is_noted_without_scolding() -> None:
    # Found playing a pregnant pharmacy worker's chat: "nomas me dijeron ya no vengas" after the
    # dismissal got "No te entendí. Elige un número de la lista".
    driver = _linked_new()
    driver.send("estoy embarazada de 5 meses y me corrieron de la farmacia donde trabajaba")
    assert driver.conversation.form_field == "contrato"
    turn = driver.send("nomas me dijeron ya no vengas")
    assert "No te entendí" not in turn.text
    assert "Gracias, lo anoté en tu caso." in turn.text
    assert driver.conversation.form_field == "contrato"
    assert "ya no vengas" in (driver.conversation.case.fields.get("descripción") or "")
    # A word that is no option and tells nothing still gets the plain "no te entendí".
    turn = driver.send("azul")
    assert "No te entendí" in turn.text


def test_a_start_told_in_a_compound_tense_is_noted() -> None:
    # Found playing a chat: "había entrado el 1 de junio de este año" was asked for again.
    driver = _linked_new()
    turn = driver.send("renuncie el 15 de noviembre, habia entrado el 1 de junio de este año")
    assert "desde 01/06/2026" in turn.text


def test_the_minimum_wage_told_as_the_pay_is_noted() -> None:
    # Found playing a cashier's chat: "gano el minimo" got "No encontré la cantidad".
    driver = _linked_new()
    driver.send("soy cajera en un oxxo y me descontaron 800 pesos x un faltante")
    assert driver.conversation.form_field == "salario"
    turn = driver.send("gano el minimo")
    assert "No encontré la cantidad" not in turn.text
    assert driver.conversation.case.fields.get("salario", "").endswith(" dia")


def test_a_dismissal_threatened_typed_with_k_is_still_a_job() -> None:
    # Found playing a chat: "me kieren korrer x q me enferme" was read as nothing, and "me
    # quieren correr" as a dismissal done (its end date asked); "tengo incapacidad del imss"
    # next got "No entendí esa fecha".
    driver = _linked_new()
    turn = driver.send("me kieren korrer x q me enferme de covid y falte una semana")
    assert "sigues trabajando" in turn.text
    assert driver.conversation.form_field != "fecha de fin"
    turn = driver.send("tengo incapacidad del imss")
    assert "No entendí" not in turn.text
    assert "Gracias, lo anoté en tu caso." in turn.text


def test_the_years_a_job_lasted_told_after_its_end_are_its_start() -> None:
    # Found playing a shop worker's chat: "tenía 3 años y ganaba 400 diarios" after "me
    # corrieron el 30 de septiembre" noted the pay and asked when the job began.
    driver = _linked_new()
    driver.send("buenas, me corrieron de la tienda el 15 de septiembre")
    turn = driver.send("tenia 3 años y ganaba 400 diarios")
    assert driver.conversation.case.fields.get("fecha de inicio", "").startswith("2023-09")
    assert "¿Cuándo empezaste" not in turn.text
