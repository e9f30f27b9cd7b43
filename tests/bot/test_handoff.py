"""A lawyer's review, the worker's side, as pure steps: offer, preview and consent, forwarding,
cancel, the rating after close, and the hint after an answer the law does not settle."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot import handoff_wording as words
from bot.conversation import Conversation, HandoffView, State
from bot.effects import (
    AnswerReady,
    CancelHandoff,
    CheckNotices,
    ForwardToLawyer,
    OpenHandoff,
    PreviewHandoff,
    RateHandoff,
)
from bot.free_help import CONTACTS, free_route_text
from bot.handoff_package import MAX_MESSAGE_CHARS, MAX_MESSAGES, HandoffPackage, build, preview
from bot.machine import step
from bot.purchases import StartPurchase
from tests.bot.driver import TODAY, Driver, fresh, linked_with_case, text

READY = replace(linked_with_case(), state=State.READY, review="free")
OPEN = HandoffView(5, "open")


def _said(driver: Driver, body: str) -> str:
    return driver.send(body).text


def test_abogado_offers_the_free_route_always_and_no_review_when_none_is_configured() -> None:
    turn = Driver(replace(READY, review="none")).send("/abogado")
    assert "800 911 7877" in turn.text
    assert "Centro de Conciliación" in turn.text
    assert "revise tu caso" not in turn.text
    assert turn.conversation.state == State.READY


@pytest.mark.parametrize("typed", ["/abogado", "quiero hablar con un abogado", "abogado"])
def test_the_offer_answers_its_names_on_every_channel(typed: str) -> None:
    driver = Driver(replace(READY, channel="whatsapp"))
    turn = driver.send(text(typed, "whatsapp"))
    assert turn.replies[-1].options == (words.OFFER_REVIEW_FREE, words.OFFER_FREE_ONLY)
    assert turn.conversation.state == State.HANDOFF_OFFER


def test_a_paid_review_shows_its_price() -> None:
    turn = Driver(replace(READY, review="paid", review_price="150 ⭐")).send("/abogado")
    assert "Sí, que un abogado revise mi caso (150 ⭐)" in turn.replies[-1].options


def test_an_unlinked_chat_is_told_to_sign_in_first() -> None:
    turn = Driver(replace(fresh(), state=State.AWAIT_LINK, review="free")).send("/abogado")
    assert "inicies sesión" in turn.text
    assert turn.conversation.state == State.AWAIT_LINK
    assert not turn.effects


def test_preview_shows_the_package_then_yes_opens_one_request() -> None:
    driver = Driver(READY)
    driver.send("/abogado")
    turn = driver.send("1")
    assert [type(e) for e in turn.effects] == [PreviewHandoff]
    assert "exactamente lo que vería el abogado" in turn.text
    assert "«me corrieron»" in turn.text
    assert "47" in turn.text
    assert turn.replies[-1].options == (words.CONSENT_YES, words.CONSENT_NO)
    assert words.RECIPIENT in turn.replies[-1].text
    assert turn.conversation.state == State.HANDOFF_CONSENT
    assert turn.conversation.consent_digest
    turn = driver.send("sí")
    opened = [e for e in turn.effects if isinstance(e, OpenHandoff)]
    assert len(opened) == 1
    assert not opened[0].paid
    assert opened[0].consent_text.startswith(words.CONSENT.split("{")[0])
    assert "Respuesta: «sí»" in opened[0].consent_text
    assert "envié tu caso" in turn.text
    assert turn.conversation.state == State.READY
    assert turn.conversation.handoff == HandoffView(1, "open")


@pytest.mark.parametrize("answer", ["no", "2", "mejor no"])
def test_no_stores_nothing_and_goes_back(answer: str) -> None:
    driver = Driver(READY)
    driver.send("/abogado")
    driver.send("1")
    turn = driver.send(answer)
    assert words.NOT_SENT in turn.text
    assert not [e for e in turn.effects if isinstance(e, OpenHandoff)]
    assert turn.conversation.state == State.READY
    assert turn.conversation.consent_digest is None


def test_something_else_at_consent_sends_nothing_and_is_handled_as_usual() -> None:
    driver = Driver(READY)
    driver.send("/abogado")
    driver.send("1")
    turn = driver.send("¿me pueden correr sin carta?")
    assert words.NOT_SENT in turn.text
    assert not [e for e in turn.effects if isinstance(e, OpenHandoff)]
    assert driver.asked[-1].question == "¿me pueden correr sin carta?"


def test_cancelar_at_the_offer_or_consent_sends_nothing() -> None:
    driver = Driver(READY)
    driver.send("/abogado")
    turn = driver.send("/cancelar")
    assert words.NOT_SENT in turn.text
    assert turn.conversation.state == State.READY
    driver.send("/abogado")
    driver.send("1")
    turn = driver.send("/cancelar")
    assert words.NOT_SENT in turn.text
    assert turn.conversation.state == State.READY


def test_free_help_only_goes_back() -> None:
    driver = Driver(READY)
    driver.send("/abogado")
    turn = driver.send("2")
    assert "Si cambias de opinión" in turn.text
    assert turn.conversation.state == State.READY
    assert not turn.effects


def test_a_changed_package_is_shown_again_before_anything_is_sent() -> None:
    conv = replace(READY, state=State.HANDOFF_CONSENT, resume=State.READY, consent_digest="x")
    driver = Driver(conv)
    turn = driver.send("sí")  # the driver's package no longer has digest "x"
    assert words.PREVIEW_CHANGED in turn.text
    assert turn.conversation.state == State.HANDOFF_CONSENT
    assert turn.conversation.handoff is None


def test_a_paid_review_waits_for_its_payment_and_asks_for_it() -> None:
    driver = Driver(replace(READY, review="paid", review_price="$199 MXN"))
    driver.send("/abogado")
    driver.send("1")
    turn = driver.send("sí")
    assert next(e for e in turn.effects if isinstance(e, OpenHandoff)).paid
    assert StartPurchase(None, handoff_id=1) in turn.effects
    assert "se confirme tu pago" in turn.text
    assert turn.conversation.handoff == HandoffView(1, "awaiting_payment")


def test_while_open_messages_go_to_the_lawyer_and_the_bot_says_so_once() -> None:
    driver = Driver(replace(READY, handoff=OPEN))
    first = driver.send("mi patrón no me quiere dar la carta")
    assert first.effects == [ForwardToLawyer(5, "mi patrón no me quiere dar la carta", True)]
    assert "Se lo pasé a tu abogado" in first.text
    second = driver.send("ya le pregunté otra vez")
    assert second.effects == [ForwardToLawyer(5, "ya le pregunté otra vez", False)]
    assert second.replies == []
    assert not driver.asked  # nothing went to the answerer


def test_commands_still_work_while_open_and_cancelar_ends_the_request() -> None:
    driver = Driver(replace(READY, handoff=replace(OPEN, notified_forwarding=True)))
    assert "Esto es lo que puedo hacer" in _said(driver, "/ayuda")
    turn = driver.send("/cancelar")
    assert turn.effects == [CancelHandoff(5)]
    assert "Cancelé tu solicitud" in turn.text
    turn = driver.send("¿y el aguinaldo?")
    assert not [e for e in turn.effects if isinstance(e, ForwardToLawyer)]
    assert driver.asked[-1].question == "¿y el aguinaldo?"


def test_abogado_while_open_says_it_is_open_and_offers_nothing_new() -> None:
    turn = Driver(replace(READY, handoff=replace(OPEN, status="claimed"))).send("/abogado")
    assert "un abogado la está atendiendo" in turn.text
    assert turn.conversation.state == State.READY
    assert not turn.replies[-1].options


def test_awaiting_payment_reminds_how_to_pay_after_the_answer() -> None:
    driver = Driver(replace(READY, handoff=HandoffView(5, "awaiting_payment")))
    turn = driver.send("¿me pueden correr?")
    assert driver.asked
    texts = [r.text for r in turn.replies]
    answer = next(i for i, t in enumerate(texts) if t.startswith("Respuesta sobre"))
    assert any("espera tu pago" in t for t in texts[answer:])
    again = driver.send("/abogado")
    assert StartPurchase(None, handoff_id=5) in again.effects


def test_after_close_the_next_message_asks_for_a_rating_once_and_a_digit_is_stored() -> None:
    closed = replace(READY, handoff=HandoffView(5, "closed"))
    driver = Driver(closed)
    turn = driver.send("¿y ahora qué hago?")
    assert driver.asked  # handled as usual
    asked = [r for r in turn.replies if r.text == words.RATE]
    assert len(asked) == 1
    assert asked[0].options == words.RATE_OPTIONS
    assert turn.replies.index(asked[0]) > 0  # after the answer
    turn = driver.send("4")
    assert turn.effects == [RateHandoff(5, 4)]
    assert words.RATED in turn.text
    turn = driver.send("5")
    assert not [e for e in turn.effects if isinstance(e, RateHandoff)]


def test_a_rating_is_asked_once_anything_else_goes_on_normally() -> None:
    driver = Driver(replace(READY, handoff=HandoffView(5, "closed")))
    driver.send("gracias")
    turn = driver.send("¿cuánto es el aguinaldo?")
    assert not [e for e in turn.effects if isinstance(e, RateHandoff)]
    assert words.RATE not in turn.text
    turn = driver.send("3")
    assert not [e for e in turn.effects if isinstance(e, RateHandoff)]


def test_the_close_notice_asked_already_so_a_first_digit_is_the_rating() -> None:
    turn = Driver(replace(READY, handoff=HandoffView(5, "closed"))).send("5")
    assert turn.effects == [RateHandoff(5, 5)]


def test_an_answer_without_articles_offers_a_person() -> None:
    nothing = "No encontré en la Ley Federal del Trabajo un artículo… PROFEDET al 800 911 7877."
    turn = step(READY, AnswerReady("¿x?", nothing, ()))
    assert "abogado" in turn.replies[1].text
    cited = step(READY, AnswerReady("¿x?", "Art. 48 … PROFEDET", ("48",)))
    assert all("/abogado" not in r.text for r in cited.replies)


def test_the_state_survives_its_json() -> None:
    conv = replace(READY, state=State.HANDOFF_CONSENT, consent_digest="abc", rating_asked=3)
    back = fresh().with_state_dict(conv.state_dict())
    assert (back.state, back.consent_digest, back.rating_asked) == (State.HANDOFF_CONSENT, "abc", 3)


def test_package_keeps_the_last_messages_trimmed_and_hides_nothing_in_the_preview() -> None:
    case = linked_with_case(tema="despido", motivo="despido").case
    many = [f"mensaje {i} " + "x" * 400 for i in range(30)]
    package = build(case, today=TODAY, messages=many, articles=("47", "47", "48"))
    assert len(package.messages) == MAX_MESSAGES
    assert package.messages[0].startswith("mensaje 10 ")
    assert all(len(m) <= MAX_MESSAGE_CHARS for m in package.messages)
    assert package.articles == ("47", "48")
    shown = "\n".join(preview(package))
    for message in package.messages:
        assert message in shown
    assert all(len(part) <= 1600 for part in preview(package))
    assert HandoffPackage.from_json(package.as_json()) == package


def test_package_has_the_case_figures_and_deadline_when_the_case_shows_them() -> None:
    case = linked_with_case(
        tema="despido",
        motivo="despido",
        **{"fecha de inicio": "2021-03-15", "fecha de fin": "2026-11-20"},
        salario="9000 mes",
    ).case
    package = build(case, today=date(2026, 11, 26), messages=(), articles=())
    assert package.deadline is not None
    assert any("liquidación" in line.lower() for line in package.figures)


def test_free_help_is_dated_and_sourced_and_names_profedets_number() -> None:
    assert all(c.source and c.noted_on for c in CONTACTS)
    assert "800 911 7877" in free_route_text()
    assert "Datos anotados el" in free_route_text()


def test_every_state_survives_a_handoff_view() -> None:
    for state in State:
        conv: Conversation = replace(READY, state=state, resume=State.READY, handoff=OPEN)
        turn = Driver(conv).send("hola")
        assert turn.replies or turn.effects


def test_a_groups_deep_link_opens_the_offer_in_the_private_chat() -> None:
    turn = Driver(READY).send("/start abogado")
    assert turn.conversation.state == State.HANDOFF_OFFER
    assert "800 911 7877" in turn.text


def test_the_privacy_notice_says_a_case_is_shared_only_with_consent() -> None:
    said = Driver(READY).send("/privacidad").text
    assert "salvo que tú aceptes enviar un caso a un abogado" in said


@pytest.mark.parametrize("typed", ["VER", "ver.", " Ver "])
def test_ver_opens_whatsapps_window_and_is_not_passed_to_the_lawyer(typed: str) -> None:
    driver = Driver(replace(READY, channel="whatsapp", handoff=OPEN), notices=2)
    turn = driver.send(text(typed, "whatsapp"))
    assert turn.effects == [CheckNotices()]
    assert words.VER_WAITING in turn.text
    assert not driver.asked


@pytest.mark.parametrize(
    ("view", "said"),
    [
        (None, words.VER_NOTHING),
        (OPEN, words.VER_NOTHING_YET),
        (replace(OPEN, status="claimed"), words.VER_NOTHING_YET),
        (HandoffView(5, "awaiting_payment"), words.VER_AWAITING_PAYMENT.format(c="/")),
        (HandoffView(5, "closed"), words.VER_CLOSED),
        (HandoffView(5, "closed", rating=4), words.VER_NOTHING),
        (HandoffView(5, "cancelled"), words.VER_NOTHING),
    ],
)
def test_a_bare_ver_with_nothing_waiting_says_so_in_every_state(
    view: HandoffView | None, said: str
) -> None:
    driver = Driver(replace(READY, handoff=view))
    turn = driver.send("VER")
    assert turn.replies[0].text == said
    assert [type(e) for e in turn.effects] == [CheckNotices]  # nothing forwarded or stored
    assert not driver.asked  # never answered as a legal question
    if view is not None and view.awaiting_rating:
        assert "Gracias por calificar" in driver.send("5").text


def test_a_form_question_waits_while_a_review_is_under_way() -> None:
    """A command's 'Sigamos con tu caso' would ask a form question whose answer then goes to the
    lawyer; once the review is cancelled the question comes back."""
    in_form = replace(READY, state=State.FORM, form_field="fecha de fin", handoff=OPEN)
    driver = Driver(replace(in_form, handoff=replace(OPEN, notified_forwarding=True)))
    assert "Sigamos con tu caso" not in _said(driver, "/ayuda")
    assert "Sigamos con tu caso" in Driver(replace(in_form, handoff=None)).send("/ayuda").text


def test_borrar_with_a_paid_review_nobody_claimed_says_what_happens_to_the_money() -> None:
    """The refund outlives /borrar for a card or OXXO; Stars need /cancelar first. Not said when
    the review is free, claimed, or there is none."""
    paid = Driver(replace(READY, handoff=HandoffView(5, "open", paid=True))).send("/borrar")
    assert "ningún abogado ha tomado" in paid.text
    assert "/cancelar" in paid.text
    assert "¿Seguro que quieres borrar" in paid.text
    for view in (None, OPEN, HandoffView(5, "claimed", paid=True)):
        plain = Driver(replace(READY, handoff=view)).send("/borrar")
        assert "ningún abogado" not in plain.text
        assert "¿Seguro que quieres borrar" in plain.text
