"""The state machine: (state, input) → (next state, replies, effects), and whole conversations."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.conversation import Case, Conversation, State
from bot.effects import (
    AskAnswerer,
    CancelReminders,
    CheckLinkCode,
    DeleteEverything,
    ExportData,
    IssueLoginLink,
    RecordMessage,
    SaveCase,
    SetOptOut,
)
from bot.machine import MAX_TEXT, consistent, step
from bot.messages import MEDIA_KINDS, Inbound
from tests.bot.driver import TODAY, Driver, answer_text, fresh, linked_with_case, media, text

READY = replace(linked_with_case(), state=State.READY)


def _form(field: str, **fields: str) -> Conversation:
    case = Case(number=1, opened_on=TODAY, fields=fields)
    return fresh(user_id=7, cases=(case,), current=1, state=State.FORM, form_field=field)


# (start, message, next state, a phrase of the reply, effect types)
TABLE = [
    (fresh(), "hola", State.AWAIT_LINK, "Soy abogado", {IssueLoginLink}),
    (fresh(user_id=7), "hola", State.FORM, "Cuéntame con tus palabras", {SaveCase}),
    (replace(fresh(), state=State.AWAIT_LINK), "123 456", State.AWAIT_LINK, "", {CheckLinkCode}),
    (replace(fresh(), state=State.AWAIT_LINK), "¿me pagan?", State.AWAIT_LINK, "inicia", set()),
    (
        replace(fresh(), state=State.AWAIT_LINK, anonymous_allowed=1),
        "¿me pagan?",
        State.AWAIT_LINK,
        "",
        {AskAnswerer},
    ),
    (_form("tema"), "1", State.FORM, "¿Cuándo terminó", {SaveCase}),
    # The topic is never a wall: what cannot be placed is "otro".
    (_form("tema"), "azul", State.READY, "Ya tengo lo necesario", {SaveCase}),
    (_form("tema"), "saltar", State.READY, "Ya tengo lo necesario", {SaveCase}),
    (_form("contrato", tema="embarazo o maternidad"), "azul", State.FORM, "No te entendí", set()),
    (_form("puesto"), "saltar", State.FORM, "lo dejamos en blanco", {SaveCase}),
    (_form("salario"), "mucho", State.FORM, "No encontré la cantidad", set()),
    (
        _form("fecha de fin", **{"fecha de inicio": "2021-03"}),
        "2019",
        State.FORM,
        "anterior",
        set(),
    ),
    (
        _form("fecha de inicio", tema="despido"),
        "como 3 años",
        State.FORM,
        "¿Cuándo terminó",
        {SaveCase},
    ),
    (_form("salario"), "¿cuánto es lo mínimo?", State.FORM, "", {AskAnswerer, RecordMessage}),
    (_form("descripción"), "me corrieron", State.FORM, "¿Cuándo terminó", {SaveCase}),
    # Answered first; then the form asks what the topic still needs.
    (READY, "¿me pueden despedir?", State.FORM, "", {AskAnswerer, RecordMessage}),
    (READY, "gracias", State.READY, "Con gusto", set()),
    (READY, "/borrar", State.CONFIRM_DELETE, "¿Seguro", set()),
    (
        replace(READY, state=State.CONFIRM_DELETE, resume=State.READY),
        "1",
        State.CONFIRM_DELETE,
        "",
        {DeleteEverything},
    ),
    (
        replace(READY, state=State.CONFIRM_DELETE, resume=State.READY),
        "no",
        State.READY,
        "No borré nada",
        set(),
    ),
    (READY, "/mis_datos", State.READY, "", {ExportData}),
    (
        replace(READY, state=State.CONFIRM_DELETE, resume=State.READY),
        "Sí, borrar todo",  # what a button sends
        State.CONFIRM_DELETE,
        "",
        {DeleteEverything},
    ),
    (
        _form("contrato", tema="jornada u horas extra"),
        "no sé",
        State.FORM,
        "¿Cuál es tu horario",
        {SaveCase},
    ),
    (_form("tema"), "no sé", State.READY, "Ya tengo lo necesario", {SaveCase}),
    (READY, "/casos", State.PICK_CASE, "Caso 1: despido", set()),
    (replace(READY, state=State.PICK_CASE, resume=State.READY), "1", State.READY, "caso 1", set()),
    (READY, "/caso 5", State.READY, "No encontré el caso 5", set()),
    (READY, "/editar", State.PICK_FIELD, "¿Qué dato", set()),
    (
        replace(READY, state=State.PICK_FIELD, resume=State.READY),
        "7",
        State.FORM,
        "¿Cuánto te pagan",
        set(),
    ),
    (READY, "/cerrar", State.READY, "Cerré tu caso 1", {SaveCase, CancelReminders}),
    (READY, "/nuevo", State.FORM, "caso 2", {SaveCase}),
    # A case whose form has no answers yet is started over, not left empty behind a new one.
    (_form("descripción"), "/nuevo", State.FORM, "tu caso 1", set()),
    (_form("patrón", tema="despido"), "/nuevo", State.FORM, "tu caso 2", {SaveCase}),
    (READY, "BAJA", State.READY, "Ya no te mandaré avisos", {SetOptOut, CancelReminders}),
    (READY, "/volar", State.READY, "No conozco ese comando", set()),
    (_form("horario"), "/cancelar", State.READY, "lo dejamos", {SaveCase}),
    (READY, "/cancelar", State.READY, "No hay nada que cancelar", set()),
    (fresh(), "/nuevo", State.AWAIT_LINK, "Soy abogado", {IssueLoginLink}),
    (fresh(), "/privacidad", State.AWAIT_LINK, "Aviso de privacidad", set()),
]


@pytest.mark.parametrize(("start", "message", "state", "phrase", "effects"), TABLE)
def test_transition(
    start: Conversation, message: str, state: State, phrase: str, effects: set[type]
) -> None:
    result = step(start, text(message))
    assert result.conversation.state == state
    assert phrase in "\n".join(r.as_text() for r in result.replies)
    assert {type(e) for e in result.effects} == effects


def _every_state() -> list[Conversation]:
    linked = linked_with_case(**{"tema": "despido", "salario": "8500.00 mes"})
    out = [replace(fresh(), state=s) for s in State]
    out += [replace(linked, state=s, resume=State.READY) for s in State]
    out += [_form(f.name) for f in __import__("bot.form", fromlist=["FIELDS"]).FIELDS]
    out.append(replace(fresh(channel="whatsapp"), state=State.AWAIT_LINK))
    return out


def _every_input() -> list[Inbound]:
    typed = ["hola", "¿me pueden correr?", "1", "99", "123456", "atrás", "saltar", "sí", "no"]
    typed += ["/start", "/ayuda", "/nuevo", "/casos", "/caso 1", "/caso x", "/editar", "/cerrar"]
    typed += ["/privacidad", "/mis_datos", "/borrar", "/cancelar", "/vincular", "/desvincular"]
    typed += ["/baja", "/alta", "/zzz", "ayuda", "casos", "", "   ", "x" * 10_000, "🙂" * 50]
    inputs = [text(t) for t in typed] + [text(t, "whatsapp") for t in ("ayuda", "caso 1", "borrar")]
    inputs += [media(kind) for kind in MEDIA_KINDS]
    inputs.append(replace(text("?"), kind="unsupported", text=""))
    return inputs


@pytest.mark.parametrize("start", _every_state(), ids=lambda c: f"{c.state}-{c.form_field}")
def test_every_state_handles_every_input(start: Conversation) -> None:
    for inbound in _every_input():
        driver = Driver(start)
        turn = driver.send(inbound)
        assert turn.replies or any(isinstance(e, (AskAnswerer,)) for e in turn.effects), inbound
        assert all(r.text.strip() for r in turn.replies)
        assert turn.conversation.state in State
        unusable = inbound.kind in ("media", "empty", "unsupported")
        if unusable and start.state not in (State.NEW, State.GONE):
            assert turn.conversation.state == consistent(start).state
            assert not turn.effects


@pytest.mark.parametrize("kind", MEDIA_KINDS)
def test_media_gets_a_kind_reply_and_the_form_resumes(kind: str) -> None:
    turn = Driver(_form("salario")).send(media(kind))  # type: ignore[arg-type]
    assert "Escríbeme tu pregunta" in turn.text
    assert turn.text.rstrip().endswith("«4 mil a la quincena».")
    assert turn.effects == []


def test_empty_and_huge_messages_get_kind_replies() -> None:
    assert "No me llegó ningún texto" in Driver(READY).send("   ").text
    huge = Driver(READY).send("a" * 10_000)
    assert f"más de {MAX_TEXT} letras" in huge.text
    assert huge.effects == []


def test_dismissal_from_first_contact_to_an_answer() -> None:
    driver = Driver()
    first = driver.send("hola")
    assert "no soy un abogado" in first.text
    assert "/privacidad" in first.text
    assert "https://abogado.example/link/abc" in first.text
    linked = driver.send("123456")
    assert "Tu chat ya está vinculado" in linked.text
    assert "Cuéntame con tus palabras" in linked.text
    story = driver.send("me despidieron de abarrotes la esperanza, era cajera, sin contrato")
    assert "Anoté:" in story.text
    assert "Art. 26" in story.text
    assert "¿Cuándo terminó" in story.text
    driver.send("el lunes pasado")
    driver.send("15/03/2021")
    done = driver.send("8,500 al mes")
    assert "Ya tengo lo necesario de tu caso 1" in done.text
    assert "Tu liquidación sería de unos $" in done.text  # the figure, without being asked
    final = driver.send("¿Me tienen que pagar algo si me despidieron sin motivo?")
    # The figure first: the table was shown a turn ago, so one line that points back to it.
    assert final.text.startswith(
        "Con lo que me dijiste, es la misma cuenta que te hice arriba: liquidación por despido"
    )
    assert "Art. 47 y 48" in final.text  # then the law's answer
    ask = driver.asked[-1]
    assert ask.context["tema"] == "despido"
    assert ask.context["fecha de inicio"] == "15/03/2021"
    assert ask.context["fecha de fin"] == "23/11/2026"
    assert ask.context["contrato"] == "sin contrato escrito"
    recorded = [e for e in final.effects if isinstance(e, RecordMessage)]
    assert [r.role for r in recorded] == ["user", "assistant", "assistant"]
    assert "48" in recorded[1].articles
    assert recorded[2].articles == ("47", "48")


def test_question_mid_form_is_answered_and_the_form_resumes() -> None:
    driver = Driver(_form("salario", tema="despido"))
    turn = driver.send("¿cuánto es el salario mínimo?")
    assert "Respuesta sobre «¿cuánto es el salario mínimo?»" in turn.text
    assert "Sigamos con tu caso" in turn.text
    assert turn.conversation.form_field == "fecha de fin"  # what the topic needs first
    assert driver.asked[-1].context == {"tema": "despido"}
    assert driver.send("ayer").conversation.form_field == "fecha de inicio"


def test_a_form_question_answered_twice_with_questions_waits_for_editar() -> None:
    driver = Driver(_form("salario", tema="despido"))
    first = driver.send("¿cuánto es el salario mínimo?")
    assert "Sigamos con tu caso" in first.text
    field = first.conversation.form_field
    # Asked again after the answer, and answered with another question: the form waits.
    second = driver.send("¿y el aguinaldo cuándo me lo pagan?")
    assert "Sigamos con tu caso" not in second.text
    assert "Dejo los datos de tu caso para después" in second.text
    assert "/editar" in second.text
    assert second.conversation.state == State.READY
    assert second.conversation.form_field is None
    # What the form had is kept; the next question is answered with it.
    assert second.conversation.case is not None
    assert second.conversation.case.fields.get("tema") == "despido"
    third = driver.send("¿me pueden correr sin carta?")
    assert "Respuesta sobre «¿me pueden correr sin carta?»" in third.text
    assert "Dejo los datos" not in third.text
    assert field is not None
    # An answer to the form question in between starts the count again.
    other = Driver(_form("salario", tema="despido"))
    other.send("¿cuánto es el salario mínimo?")
    other.send("ayer")
    assert "Sigamos con tu caso" in other.send("¿me pueden correr sin carta?").text


def test_the_form_pause_survives_the_store() -> None:
    conv = fresh(user_id=7)
    saved = replace(conv, form_reasked="salario").state_dict()
    assert saved["form_reasked"] == "salario"
    assert conv.with_state_dict(saved).form_reasked == "salario"
    assert conv.with_state_dict({**saved, "form_reasked": 3}).form_reasked is None


def test_atras_goes_back_and_keeps_going() -> None:
    driver = Driver(fresh(user_id=7))
    driver.send("hola")
    driver.send("pues tengo un problema")
    assert driver.conversation.form_field == "tema"
    driver.send("1")
    assert driver.conversation.form_field == "fecha de fin"
    assert driver.send("atrás").conversation.form_field == "tema"
    assert driver.send("atrás").conversation.form_field == "descripción"
    assert "no hay una anterior" in driver.send("atrás").text
    driver.send("me deben vacaciones")
    assert driver.conversation.case is not None
    assert driver.conversation.case.fields["descripción"] == "me deben vacaciones"
    assert driver.conversation.case.fields["tema"] == "despido"  # kept: /editar changes it
    # "me deben vacaciones" asks for a figure: its calculation needs the start date.
    assert driver.conversation.calc_kind == "vacaciones"
    assert driver.conversation.form_field == "fecha de inicio"


def test_borrar_asks_then_deletes_and_forgets() -> None:
    driver = Driver(READY)
    assert driver.send("/borrar").effects == []
    turn = driver.send("1")
    assert [type(e) for e in turn.effects] == [DeleteEverything]
    assert "borré tu cuenta" in turn.text
    assert turn.conversation.state == State.GONE
    assert turn.conversation.cases == ()
    assert turn.conversation.user_id is None
    again = driver.send("hola")
    assert "Soy abogado" in again.text  # a new first contact


def test_whatsapp_numbered_menus_and_words() -> None:
    driver = Driver(fresh(channel="whatsapp", user_id=7))
    first = driver.send("hola")
    assert "privacidad ·" in first.text
    assert "/privacidad" not in first.text
    topics = driver.send("tengo un problema en mi trabajo")
    assert "\n1. despido\n" in topics.text
    driver.send("1")
    assert driver.send("casos").conversation.state == State.PICK_CASE
    assert driver.send("1").conversation.state == State.READY


def test_link_code_rejected_then_accepted() -> None:
    driver = Driver(replace(fresh(), state=State.AWAIT_LINK))
    assert "no coincide" in driver.send("111111").text
    assert driver.send("123456").conversation.linked


def test_mis_datos_lists_the_cases() -> None:
    driver = Driver(linked_with_case(tema="despido", salario="8500.00 mes"))
    turn = driver.send("/mis_datos")
    assert "a@b.mx" in turn.text
    assert "salario: $8,500.00 al mes" in turn.text


def test_state_json_round_trip() -> None:
    conv = replace(_form("salario"), form_trail=("tema", "patrón"), resume=State.READY)
    restored = fresh().with_state_dict(conv.state_dict())
    assert restored.state_dict() == conv.state_dict()
    assert fresh().with_state_dict({"state": "nonsense", "resume": 5}).state == State.NEW


def test_step_is_pure() -> None:
    start = _form("salario")
    inbound = text("8,500 al mes")
    assert step(start, inbound) == step(start, inbound)
    assert start.form_field == "salario"


def test_menus_accept_the_option_words_a_button_sends() -> None:
    driver = Driver(READY)
    listing = driver.send("/casos")
    label = listing.replies[-1].options[0]
    assert driver.send(label).conversation.state == State.READY
    driver.send("/editar")
    turn = driver.send("tema: despido")
    assert turn.conversation.state == State.FORM
    assert turn.conversation.form_field == "tema"


def test_a_question_asked_with_no_free_answer_left_is_answered_after_linking() -> None:
    driver = Driver()
    first = driver.send("me corrieron sin carta, me tienen que pagar?")
    assert "Guardé tu pregunta" in first.text
    assert driver.asked == []
    driver.send("hola")  # a greeting never replaces the held question
    later = driver.send("y el aguinaldo??")  # the newest question is the one kept
    assert "Guardé tu pregunta" in later.text
    assert driver.conversation.held_question == "y el aguinaldo??"
    mine = driver.send("/mis_datos")
    assert "«y el aguinaldo??»" in mine.text

    linked = driver.send("123456")
    assert "¡Listo!" in linked.text
    assert "te contesto lo que me preguntaste antes" in linked.text
    assert [a.question for a in driver.asked] == ["y el aguinaldo??"]
    assert answer_text("y el aguinaldo??") in linked.text
    assert driver.conversation.held_question is None
    assert driver.conversation.state == State.FORM  # and the context form starts as usual
    again = driver.send("1")
    assert "te contesto lo que me preguntaste antes" not in again.text
    assert len(driver.asked) == 1


def test_the_held_question_survives_the_store_and_a_wrong_code() -> None:
    held = replace(fresh(), state=State.AWAIT_LINK, held_question="¿me pagan el domingo?")
    restored = fresh().with_state_dict(held.state_dict())
    assert restored.held_question == "¿me pagan el domingo?"
    assert fresh().with_state_dict({"held_question": 7}).held_question is None
    driver = Driver(conversation=restored)
    wrong = driver.send("000000")
    assert "no coincide" in wrong.text
    assert driver.conversation.held_question == "¿me pagan el domingo?"
    assert driver.asked == []


def test_a_free_answer_is_used_before_anything_is_held() -> None:
    driver = Driver(conversation=replace(fresh(), state=State.AWAIT_LINK, anonymous_allowed=1))
    turn = driver.send("¿me pagan?")
    assert "Guardé tu pregunta" not in turn.text
    assert driver.conversation.held_question is None
    assert [a.question for a in driver.asked] == ["¿me pagan?"]


def test_a_bare_reply_to_the_question_let_go_still_answers_it() -> None:
    # Found playing a pregnant cashier's chat: asked her contract, she asked two things, the form
    # waited, and her "1" got "Escríbeme tu duda…".
    driver = Driver(_form("contrato", tema="embarazo o maternidad"))
    driver.send("¿el imss me va a pagar la incapacidad?")
    paused = driver.send("¿y si no me la paga el imss quien?")
    assert "Dejo los datos de tu caso para después" in paused.text
    assert paused.conversation.form_paused == "contrato"
    answered = driver.send("1")
    case = answered.conversation.case
    assert case is not None
    assert case.fields.get("contrato") == "indefinido"
    assert answered.conversation.form_paused is None
    assert "Escríbeme tu duda" not in answered.text
    # It survives the store: the state kept as JSON brings it back.
    restored = paused.conversation.with_state_dict(paused.conversation.state_dict())
    assert restored.form_paused == "contrato"


def test_a_question_let_go_is_forgotten_with_its_case() -> None:
    driver = Driver(_form("contrato", tema="embarazo o maternidad"))
    driver.send("¿el imss me va a pagar la incapacidad?")
    assert driver.send("¿y si no me la paga el imss quien?").conversation.form_paused == "contrato"
    # A new case asks its own questions: the other case's paused one is no longer waiting.
    assert driver.send("/nuevo").conversation.form_paused is None
