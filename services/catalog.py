"""What is sold, as the chat says it: prices per channel, which channel sells what, what a
payment grants, and the words of a payment's notice. Pure rules over ``settings.Product``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from db.payments import Grant

if TYPE_CHECKING:
    from services.settings import Product

MONTH = timedelta(days=30)  # Telegram's only subscription period (2592000 s)


def grant_for(product: Product, *, now: datetime) -> Grant:
    """What paying for ``product`` grants: a monthly plan for its 30-day period."""
    until = now + MONTH if product.kind == "monthly" else None
    return Grant(product.grants, until)


def paid_notice(title: str, *, renewal: bool = False) -> str:
    """What the worker is told once a payment is confirmed (a notice, outside any turn)."""
    if renewal:
        return f"Se renovó tu {title}. ¡Gracias! Sigue preguntándome lo que necesites."
    return f"¡Listo! Recibimos tu pago de {title}. Ya puedes usarlo: pregúntame lo que necesites."


def price_text(product: Product, channel: str) -> str:
    """The price as people read it on this channel ("150 ⭐ al mes", "$199 MXN")."""
    money = f"{product.stars} ⭐" if channel == "telegram" else f"${product.price_mxn:,} MXN"
    return money + (" al mes" if product.kind == "monthly" else "")


def sold_on(product: Product, channel: str) -> bool:
    """Telegram sells what has a Stars price; WhatsApp (Stripe) what has a peso price, and a
    monthly plan only with its Stripe Price."""
    if channel == "telegram":
        return product.stars > 0
    if channel == "whatsapp":
        return product.price_mxn > 0 and (
            product.kind == "one_off" or bool(product.stripe_price_id)
        )
    return False


def description(product: Product) -> str:
    """The invoice's description (Telegram shows it on the payment sheet)."""
    if product.grants == "answers":
        extra = f" ({product.answers_per_month} al mes)" if product.answers_per_month else ""
        return f"Más respuestas explicadas por el asistente de abogado{extra}."
    return "Un abogado revisa tu caso y te responde en este chat."
