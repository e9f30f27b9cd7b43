"""Wiring of what is sold in the chat: the turn's payment effects and Telegram Stars' receipt
and refunds, built from ``settings.payments`` (no products: none of it, and nothing is sold)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from services.payment_effects import PaymentEffects
    from services.refunds import Refunds
    from services.settings import Settings
    from services.stripe_payments import StripePayments
    from webhooks.stars_api import StarsRefunder
    from webhooks.telegram_payments import StarsPayments


def _now() -> datetime:
    return datetime.now(UTC)


def sells_stars(settings: Settings) -> bool:
    """Something is priced in Stars and Telegram reaches this process: its bot token (the worker,
    polling) or only its webhook secret (the AWS receiver, which answers a pre-checkout on the
    webhook's response and so needs no token)."""
    telegram = settings.telegram
    reached = telegram.bot_token is not None or telegram.webhook_secret is not None
    return reached and any(p.stars > 0 for p in settings.payments.products)


def build_stripe(settings: Settings, *, sessions: sessionmaker[Session]) -> StripePayments | None:
    """Stripe Checkout, the portal and card refunds; None without a Stripe API key."""
    from services.stripe_payments import StripePayments, stripe_client

    client = stripe_client(settings)
    if client is None:
        return None
    return StripePayments(
        client=client,
        sessions=sessions,
        public_url=settings.public_url,
        products=settings.payments,
        now=_now,
    )


def build_payment_effects(
    settings: Settings, *, sessions: sessionmaker[Session]
) -> PaymentEffects | None:
    """The turn's ``/plan`` and ``pagar``; None without products (the chat sells nothing).
    Telegram sells in Stars, WhatsApp through Stripe (when its key is set)."""
    from services.payment_effects import PaymentEffects
    from webhooks.stars_api import TelegramInvoiceLinks

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
        stripe=build_stripe(settings, sessions=sessions),
        support=settings.payments.support,
    )


def build_stars(settings: Settings, *, sessions: Callable[[], Session]) -> StarsPayments | None:
    """The receiver's Stars handling; None when nothing is sold in Stars."""
    from webhooks.telegram_payments import StarsPayments

    if not sells_stars(settings):
        return None
    return StarsPayments(
        sessions=sessions,
        products=settings.payments.products,
        now=_now,
        refunder=build_stars_refunder(settings, sessions=sessions),
    )


def build_stars_refunder(
    settings: Settings, *, sessions: Callable[[], Session]
) -> StarsRefunder | None:
    """``refundStarPayment`` for ``services.refunds``; None without a Telegram bot."""
    from webhooks.stars_api import StarsRefunder

    token = settings.telegram.bot_token
    if token is None:
        return None
    return StarsRefunder(
        sessions=sessions,
        api_base_url=settings.telegram.api_base_url,
        token=token.get_secret_value(),
        now=_now,
        products=settings.payments.products,
    )


def build_refunds(settings: Settings, *, sessions: sessionmaker[Session]) -> Refunds:
    """Refunds by provider: Stripe's (with a key) and Stars' (with a Telegram bot)."""
    from services.refunds import Refunder, Refunds

    by_provider: dict[str, Refunder] = {}
    stripe = build_stripe(settings, sessions=sessions)
    if stripe is not None:
        by_provider["stripe"] = stripe
    stars = build_stars_refunder(settings, sessions=sessions)
    if stars is not None:
        by_provider["stars"] = stars
    return Refunds(by_provider, sessions=sessions)
