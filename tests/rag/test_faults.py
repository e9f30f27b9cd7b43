"""The employer's faults a worker tells, and a fault told in an earlier turn carried to the
question that follows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from calc.text import fold
from rag.answer import AnswerPipeline
from rag.faults import WORK_RISK, cause_of, earlier_fault, unpaid_after_leaving
from rag.grounding import check_grounding
from tests.rag.answer_fakes import FakeRetrieval, read_articles


def test_the_usual_causes_are_told_apart() -> None:
    assert (
        cause_of(fold("mi jefa me bajo el sueldo de 400 a 300")) == "si tu patrón te baja el sueldo"
    )
    assert cause_of(fold("ya van 3 quincenas q no nos pagan")) is not None
    assert cause_of(fold("me grita y me insulta diario")) is not None
    # Harassment told by what was sent, however it is abbreviated.
    assert cause_of(fold("el supervisor me manda msjs de doble sentido")) is not None
    assert cause_of(fold("me manda mensajitos cochinos")) is not None
    assert cause_of(fold("me cambiaron de turno")) is None
    # Harassment told as it happens, not named; "me toca" of a turn is none.
    harassed = "si tu patrón o tus jefes te acosan o te hostigan"
    assert cause_of(fold("mi supervisor me anda tocando")) == harassed
    assert cause_of(fold("me manda mensajes con insinuaciones")) == harassed
    assert cause_of(fold("me toca las piernas cuando pasa")) == harassed
    assert cause_of(fold("el gerente me manda mensajes y me agarra cuando pasa")) == harassed
    assert cause_of(fold("me toca el turno de noche el domingo")) is None


def test_a_fault_told_before_is_found_unless_the_question_tells_one() -> None:
    history = [
        ("user", "mi jefa me bajo el sueldo sin decirme nada"),
        ("assistant", "¿De qué se trata tu problema?"),
        ("user", "salario"),
    ]
    question = "me puedo ir y q me paguen?"
    assert earlier_fault(question, history) == "mi jefa me bajo el sueldo sin decirme nada"
    assert earlier_fault("no me pagan, me puedo ir?", history) == ""  # its own fault
    assert earlier_fault(question, [("user", "hola")]) == ""
    # The case form's story counts when no turn told it.
    assert earlier_fault(question, (), story="me grita enfrente de todos") == (
        "me grita enfrente de todos"
    )


def test_the_pipeline_answers_the_follow_up_with_the_fault_told_before(lft_md: Path) -> None:
    texts = read_articles(lft_md, ("51", "52", "50", "517", "162", "201"))
    retrieval = FakeRetrieval(texts, ranking=["201"])
    history = [("user", "mi jefa me bajo el sueldo de 400 a 300 sin decirme nada")]
    answer = AnswerPipeline(retrieval, None, today=date(2026, 12, 5)).answer(
        "me puedo ir y q me paguen?", history=history
    )
    assert answer.text.startswith("Sí: si tu patrón te baja el sueldo, puedes dejar el trabajo")
    # The quote is the fault's own fraction of Art. 51.
    assert "Reducir el patrón el salario" in answer.text.split("Lo que dice la ley")[1]
    assert check_grounding(answer.text, answer.passages).clean


def test_an_injury_told_in_everyday_words_is_a_work_risk() -> None:
    for said in (
        "me salpico acido en las manos haciendo una practica",
        "me intoxique con los quimicos de la limpieza",
        "una quemadura de aceite en la freidora",
    ):
        assert WORK_RISK.search(fold(said)), said


def test_sexual_harassment_told_as_acts_is_the_employers_fault() -> None:
    harassment = "si tu patrón o tus jefes te acosan o te hostigan"
    for story in (
        "mi supervisor me anda mandando mensajes feos y el otro dia me quiso agarrar",
        "el gerente me toca cuando estoy sola limpiando los cuartos",
        "el otro dia me agarro de la cintura en el almacen",
        "mi supervisor me manda mensajes raros en la noche",
    ):
        assert cause_of(fold(story)) == harassment, story
    # "¿Qué me toca cuando me corren?" tells no harassment.
    assert cause_of(fold("que me toca cuando me corren?")) is None


def test_a_dismissal_for_refusing_a_date_is_harassment() -> None:
    assert cause_of(fold("me corrieron x no querer salir con el licenciado")) is not None
    assert cause_of(fold("no quiero salir con mis amigos el domingo")) is None


def test_a_threat_on_the_workers_own_act_is_no_fault_told() -> None:
    threat = (
        "me voy a salir, la dueña dice q si no le aviso con 15 dias no me paga la ultima semana"
    )
    assert cause_of(fold(threat)) is None
    assert cause_of(fold("ya van 3 semanas q no me paga la dueña")) is not None
    elliptic = "la señora dice q tengo q avisarle con un mes de anticipacion si no, no me paga"
    assert cause_of(fold(elliptic)) is None


def test_the_final_pay_withheld_after_resigning_is_no_fault_to_leave_for() -> None:
    after = fold("renuncie el viernes y no me quieren pagar la ultima semana ni las vacaciones")
    assert unpaid_after_leaving(after)
    assert cause_of(after) is None
    # Unpaid first, or the reason for leaving: the fault stands.
    for told in (
        "renuncie porque no me pagan la quincena",
        "no me pagan desde hace un mes y renuncie",
    ):
        assert not unpaid_after_leaving(fold(told)), told
        assert cause_of(fold(told)) is not None, told


def test_a_finiquito_unpaid_is_no_fault_to_leave_for() -> None:
    told = fold("si el patron no me quiere pagar mi finiquito a donde voy?")
    assert unpaid_after_leaving(told)
    assert cause_of(told) is None
