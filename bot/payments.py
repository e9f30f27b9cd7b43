"""Buying in the chat: ``/plan`` (what can be bought, the plan you have), ``pagar`` and the
payment step of a paid lawyer review. Pure: the shell answers ``bot.purchases``' effects.

Without products configured the shell answers ``/plan`` with no offers and nothing owned, and
the chat says it does not know the command: nothing mentions payments.
"""

from __future__ import annotations

from datetime import date

from bot import wording
from bot.commands import Command, prefix
from bot.conversation import Conversation
from bot.dates import long_spanish
from bot.out import Out, say
from bot.purchases import (
    Checkout,
    PaymentEvent,
    PlanShown,
    PlanView,
    PurchaseReady,
    RepeatPayment,
    ShowPlan,
    StartPurchase,
)

PLAN_NONE = "Ahora usas abogado gratis."
PLAN_OWNED = "Tienes activo: {items}."
PLAN_OFFERS = "Puedes comprar:"
PLAN_OFFER = "• {title}: {price}. Escribe {c}pagar {code}"
PLAN_MANAGE = "Para cancelar tu plan o cambiar tu tarjeta entra aquí: {url}"
PLAN_MANAGE_STARS = (
    "Tu plan se renueva cada mes con tus estrellas. Puedes cancelar la renovación cuando quieras "
    "desde tus suscripciones de Telegram Stars, en los ajustes de Telegram."
)
PAY_STARS = (
    "Para pagar {title} ({price}) abre este enlace: {url}\n"
    "Telegram te pide confirmar el pago con tus estrellas. Cuando llegue te aviso aquí."
)
PAY_CARD = (
    "Para pagar {title} ({price}) abre esta página segura: {url}\n"
    "Puedes pagar con tarjeta de débito o crédito. Cuando el pago llegue te aviso aquí."
)
PAY_CASH = (
    "Para pagar {title} ({price}) abre esta página segura: {url}\n"
    "Puedes pagar con tarjeta o en efectivo en un OXXO. Con OXXO el pago puede tardar hasta "
    "un día en confirmarse; cuando llegue te aviso aquí."
)
PAY_REVIEW = "Tu caso queda listo para el abogado en cuanto se confirme el pago."
SUPPORT = (
    "¿Algo salió mal con un pago? Esto puedes hacer:\n"
    "• Si ya pagaste y no ves tu compra, espera unos minutos y escribe {c}plan.\n"
    "• Si el pago no se completó, escribe {c}pagar y te mando el enlace otra vez.\n"
    "• Si pagaste una revisión y ningún abogado toma tu caso a tiempo, te devolvemos tu pago "
    "sin que lo pidas.\n"
    "• En {c}mis_datos ves tus pagos y su estado."
)
SUPPORT_CONTACT = "Para un reembolso o cualquier otro problema con un pago escribe a {contact}."
PAY_AGAIN = "Si el enlace se pierde, escribe {c}pagar y te lo mando otra vez."
PROBLEMS = {
    "unknown_product": "No encontré ese producto. Escribe {c}plan para ver lo que puedes comprar.",
    "unavailable": (
        "No pude preparar el pago en este momento. Intenta de nuevo en unos minutos con {c}pagar."
    ),
    "nothing_pending": "No tienes ningún pago pendiente. Escribe {c}plan para ver tu plan.",
    "already_active": "Ese plan ya está activo. Escribe {c}plan para ver hasta cuándo.",
}


def command(conv: Conversation, cmd: Command, out: Out) -> Conversation:
    """``/plan`` and ``/pagar [código]``; both need an account (what is bought is the
    person's, on every chat they link)."""
    if not conv.linked:
        say(conv, out, wording.LINK_REMINDER)
        return conv
    if cmd.name in ("plan", "paysupport"):
        out.effects.append(ShowPlan(support=cmd.name == "paysupport"))
    elif cmd.arg.strip():
        out.effects.append(StartPurchase(cmd.arg.strip().lower()))
    else:
        out.effects.append(RepeatPayment())
    return conv


def pay_for_review(out: Out, *, handoff_id: int) -> None:
    """The payment step after a paid review's consent (``bot.handoff`` calls it once the
    request is stored awaiting payment): the shell opens the review product's checkout."""
    out.effects.append(StartPurchase(None, handoff_id=handoff_id))


def result(conv: Conversation, event: PaymentEvent, out: Out) -> Conversation:
    if isinstance(event, PlanShown):
        _plan(conv, event, out)
    elif isinstance(event, PurchaseReady):
        _checkout(conv, event.checkout, out, review=event.handoff_id is not None)
    elif event.problem == "not_sold":
        _unknown(conv, out)
    else:
        say(conv, out, PROBLEMS[event.problem])
    return conv


def _unknown(conv: Conversation, out: Out) -> None:
    say(conv, out, wording.UNKNOWN_COMMAND)
    say(conv, out, wording.HELP)


def _plan(conv: Conversation, event: PlanShown, out: Out) -> None:
    plan = event.plan
    if not plan.offers and not plan.owned:
        _unknown(conv, out)
        return
    if event.support:
        _support(conv, plan, out)
        return
    c = prefix(conv.channel)
    owned = [f"{o.title} (hasta el {o.until})" if o.until else o.title for o in plan.owned]
    lines = [PLAN_OWNED.format(items=", ".join(owned)) if owned else PLAN_NONE]
    if plan.offers:
        lines.append("")
        lines.append(PLAN_OFFERS)
        lines.extend(
            PLAN_OFFER.format(title=o.title, price=o.price, code=o.code, c=c) for o in plan.offers
        )
    if plan.manage_url:
        lines.append("")
        lines.append(PLAN_MANAGE.format(url=plan.manage_url))
    elif conv.channel == "telegram" and any(o.until for o in plan.owned):
        lines.append("")
        lines.append(PLAN_MANAGE_STARS)
    say(conv, out, _escape("\n".join(lines)))


def _checkout(conv: Conversation, checkout: Checkout, out: Out, *, review: bool) -> None:
    card = PAY_CASH if checkout.cash else PAY_CARD
    template = PAY_STARS if checkout.method == "stars" else card
    text = template.format(title=checkout.title, price=checkout.price, url=checkout.url)
    parts = [_escape(text)]
    if review:
        parts.append(PAY_REVIEW)
    parts.append(PAY_AGAIN)
    say(conv, out, "\n\n".join(parts))


STATES = {
    "created": "sin pagar",
    "pending": "esperando tu pago en OXXO",
    "paid": "pagado",
    "refunded": "devuelto",
    "failed": "no se completó",
    "expired": "venció sin pagarse",
}
KEPT = (
    "Los pagos se guardan aunque borres tus datos (sin tu nombre ni tu chat): la ley fiscal "
    "pide conservarlos 5 años. Nunca guardamos datos de tarjetas."
)


def _support(conv: Conversation, plan: PlanView, out: Out) -> None:
    lines = [SUPPORT]
    if plan.support:
        lines.append(SUPPORT_CONTACT.format(contact=plan.support))
    say(conv, out, _escape("\n".join(lines)).replace("{{c}}", "{c}"))


def my_data_lines(paid: tuple[tuple[str, int, str, str, date], ...]) -> list[str]:
    """``/mis_datos``' lines for the person's payments, newest first, and what ``/borrar``
    keeps of them."""
    lines = [
        f"• Pago de {product}: {_amount(amount, currency)}, {STATES.get(state, state)} "
        f"({long_spanish(day)})"
        for product, amount, currency, state, day in paid
    ]
    return [*lines, KEPT] if lines else []


def _amount(amount: int, currency: str) -> str:
    return f"{amount} ⭐" if currency == "XTR" else f"${amount / 100:,.2f} {currency}"


def _escape(text: str) -> str:
    """Text from the shell (titles, URLs) must not be read as ``say``'s format fields."""
    return text.replace("{", "{{").replace("}", "}}")
