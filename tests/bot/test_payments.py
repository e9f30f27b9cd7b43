"""``/plan``, ``pagar`` and the review's payment step: pure calls and asserts (bot.payments)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from bot.commands import parse_command
from bot.conversation import State
from bot.effects import DataExported, UserData
from bot.machine import step
from bot.out import Out
from bot.payments import pay_for_review
from bot.purchases import (
    Checkout,
    Offer,
    Owned,
    PlanShown,
    PlanView,
    PurchaseFailed,
    PurchaseReady,
    RepeatPayment,
    ShowPlan,
    StartPurchase,
)
from tests.bot.driver import fresh, linked_with_case, text

READY = replace(linked_with_case(), state=State.READY)
STARS = Checkout("https://t.me/$abc", "Plan mensual", "150 ⭐ al mes", "stars")
CARD = Checkout("https://checkout.stripe.com/c/pay/cs_1", "Revisión", "$199 MXN", "stripe")


@pytest.mark.parametrize(
    ("typed", "name", "arg"),
    [
        ("/plan", "plan", ""),
        ("plan", "plan", ""),
        ("mi plan", "plan", ""),
        ("/pagar", "pagar", ""),
        ("pagar", "pagar", ""),
        ("/pagar mensual", "pagar", "mensual"),
        ("Pagar Mensual", "pagar", "mensual"),
    ],
)
def test_plan_and_pagar_are_commands_with_or_without_the_slash(
    typed: str, name: str, arg: str
) -> None:
    command = parse_command(text(typed, "whatsapp"))
    assert command is not None
    assert (command.name, command.arg) == (name, arg)


def test_plan_asks_the_shell_for_the_plan() -> None:
    result = step(READY, text("/plan"))
    assert result.effects == (ShowPlan(),)
    assert result.replies == ()


def test_pagar_with_a_code_starts_that_purchase_and_alone_repeats_the_pending_one() -> None:
    assert step(READY, text("/pagar Mensual")).effects == (StartPurchase("mensual"),)
    assert step(READY, text("pagar")).effects == (RepeatPayment(),)


def test_an_unlinked_chat_is_asked_to_log_in_first() -> None:
    unlinked = replace(fresh(), state=State.AWAIT_LINK)
    result = step(unlinked, text("/plan"))
    assert result.effects == ()
    assert "iniciado sesión" in result.replies[0].text


def test_without_products_plan_is_an_unknown_command_and_nothing_mentions_payments() -> None:
    result = step(READY, PlanShown(PlanView()))
    said = " ".join(r.text for r in result.replies).lower()
    assert "no conozco ese comando" in said
    for word in ("pagar", "pago", "plan", "estrellas", "oxxo", "precio", "comprar"):
        assert re.search(rf"\b{word}\b", said) is None, word
    assert "⭐" not in said


def test_the_plan_lists_what_is_owned_and_what_can_be_bought_with_the_channel_prefix() -> None:
    plan = PlanView(
        offers=(Offer("revision", "Revisión de tu caso", "$199 MXN"),),
        owned=(Owned("Plan mensual", "3 de enero de 2027"),),
        manage_url="https://billing.stripe.com/p/session/x{y}",
    )
    [reply] = step(replace(READY, channel="whatsapp"), PlanShown(plan)).replies
    assert "Tienes activo: Plan mensual (hasta el 3 de enero de 2027)" in reply.text
    assert "• Revisión de tu caso: $199 MXN. Escribe pagar revision" in reply.text
    assert "https://billing.stripe.com/p/session/x{y}" in reply.text  # braces kept as they are
    [telegram] = step(READY, PlanShown(PlanView(offers=plan.offers))).replies
    assert "Ahora usas abogado gratis." in telegram.text
    assert "Escribe /pagar revision" in telegram.text
    assert "cancelar la renovación" not in telegram.text
    [stars] = step(READY, PlanShown(PlanView(owned=plan.owned))).replies
    assert "cancelar la renovación" in stars.text  # a Stars subscription is Telegram's


def test_a_stars_checkout_is_a_link_and_a_stripe_one_says_oxxo_may_take_a_day() -> None:
    [stars] = step(READY, PurchaseReady(STARS)).replies
    assert STARS.url in stars.text
    assert "estrellas" in stars.text
    assert "OXXO" not in stars.text
    cash = replace(CARD, cash=True)
    [oxxo] = step(replace(READY, channel="whatsapp"), PurchaseReady(cash)).replies
    assert CARD.url in oxxo.text
    assert "OXXO" in oxxo.text
    assert "hasta un día" in oxxo.text
    [card] = step(replace(READY, channel="whatsapp"), PurchaseReady(CARD)).replies
    assert "OXXO" not in card.text
    assert "escribe pagar" in card.text  # WhatsApp: no slash


def test_the_review_payment_step_opens_the_review_product_and_says_what_happens_next() -> None:
    out = Out()
    pay_for_review(out, handoff_id=12)
    assert out.effects == [StartPurchase(None, handoff_id=12)]
    [reply] = step(READY, PurchaseReady(STARS, handoff_id=12)).replies
    assert "listo para el abogado en cuanto se confirme el pago" in reply.text


@pytest.mark.parametrize(
    ("problem", "phrase"),
    [
        ("unknown_product", "No encontré ese producto"),
        ("unavailable", "No pude preparar el pago"),
        ("nothing_pending", "No tienes ningún pago pendiente"),
        ("already_active", "ya está activo"),
    ],
)
def test_each_problem_gets_a_kind_reply(problem: str, phrase: str) -> None:
    [reply] = step(READY, PurchaseFailed(problem)).replies  # type: ignore[arg-type]
    assert phrase in reply.text


def test_my_data_lists_payments_and_says_what_borrar_keeps() -> None:
    data = UserData(
        ("telegram",),
        "ana@example.com",
        None,
        (),
        3,
        False,
        payments=(
            ("mensual", 150, "XTR", "paid", date(2026, 12, 4)),
            ("revision", 19900, "MXN", "pending", date(2026, 12, 1)),
        ),
    )
    [reply] = step(READY, DataExported(data)).replies
    assert "• Pago de mensual: 150 ⭐, pagado (4 de diciembre de 2026)" in reply.text
    assert "• Pago de revision: $199.00 MXN, esperando tu pago en OXXO" in reply.text
    assert "5 años" in reply.text
    bare = replace(data, payments=())
    [plain] = step(READY, DataExported(bare)).replies
    assert "Pago" not in plain.text
    assert "5 años" not in plain.text


def test_paysupport_says_what_to_do_and_who_answers_and_is_unknown_when_nothing_is_sold() -> None:
    assert step(READY, text("/paysupport")).effects == (ShowPlan(support=True),)
    assert step(READY, text("ayuda con mi pago")).effects == (ShowPlan(support=True),)
    offers = (Offer("mensual", "Plan mensual", "150 ⭐ al mes"),)
    plan = PlanView(offers=offers, support="pagos@abogado.mx")
    [reply] = step(READY, PlanShown(plan, support=True)).replies
    assert "¿Algo salió mal con un pago?" in reply.text
    assert "escribe /plan" in reply.text
    assert "escribe a pagos@abogado.mx" in reply.text
    [bare] = step(READY, PlanShown(PlanView(offers=offers), support=True)).replies
    assert "escribe a" not in bare.text
    said = " ".join(r.text for r in step(READY, PlanShown(PlanView(), support=True)).replies)
    assert "No conozco ese comando" in said
