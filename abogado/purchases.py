"""Wiring of what is sold in the chat: the turn's payment effects and Telegram Stars' receipt
and refunds, built from ``settings.payments`` (no products: none of it, and nothing is sold)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from services.payment_effects import PaymentEffects, StripeCheckouts
    from services.settings import Settings
    from webhooks.telegram_payments import StarsPayments, StarsRefunder


def _now() -> datetime:
    return datetime.now(UTC)


def sells_stars(settings: Settings) -> bool:
    """Something is priced in Stars and the Telegram bot is configured."""
    products = settings.payments.products
    return settings.telegram.bot_token is not None and any(p.stars > 0 for p in products)


def build_payment_effects(
    settings: Settings,
    *,
    sessions: Callable[[], Session],
    stripe: StripeCheckouts | None = None,
) -> PaymentEffects | None:
    """The turn's ``/plan`` and ``pagar``; None without products (the chat sells nothing)."""
    from services.payment_effects import PaymentEffects
    from webhooks.telegram_payments import TelegramInvoiceLinks

    if not settings.payments.products:
        return None
    invoices = None
    token = settings.telegram.bot_token
    if token is not None and sells_stars(settings):
        invoices = TelegramInvoiceLinks(
            api_base_url=settings.telegram.api_base_url, token=token.get_secret_value()
        )
    return PaymentEffects(
        sessions=sessions,
        products=settings.payments.products,
        review_product=settings.handoff.review_product,
        now=_now,
        invoices=invoices,
        stripe=stripe,
    )


def build_stars(settings: Settings, *, sessions: Callable[[], Session]) -> StarsPayments | None:
    """The receiver's Stars handling; None when nothing is sold in Stars."""
    from webhooks.telegram_payments import StarsPayments

    if not sells_stars(settings):
        return None
    return StarsPayments(sessions=sessions, products=settings.payments.products, now=_now)


def build_stars_refunder(
    settings: Settings, *, sessions: Callable[[], Session]
) -> StarsRefunder | None:
    """``refundStarPayment`` for ``services.refunds``; None without a Telegram bot."""
    from webhooks.telegram_payments import StarsRefunder

    token = settings.telegram.bot_token
    if token is None:
        return None
    return StarsRefunder(
        sessions=sessions,
        api_base_url=settings.telegram.api_base_url,
        token=token.get_secret_value(),
        now=_now,
    )
