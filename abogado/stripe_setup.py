"""Wiring of Stripe and refunds from the settings: the Checkout/portal/refund client, the
webhook's services, and one ``Refunds`` over every provider that can refund here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from services.refunds import Refunder, Refunds
    from services.settings import Settings
    from services.stripe_payments import StripePayments
    from webhooks.stripe_webhook import StripeServices


def _now() -> datetime:
    return datetime.now(UTC)


def build_stripe_payments(
    settings: Settings, *, sessions: sessionmaker[Session]
) -> StripePayments | None:
    """Checkout, the Customer Portal and refunds; None without ``ABOGADO_STRIPE__API_KEY``."""
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


def build_stripe_webhook(
    settings: Settings, *, sessions: sessionmaker[Session]
) -> StripeServices | None:
    """``POST /webhooks/stripe``; None (not served) without ``ABOGADO_STRIPE__WEBHOOK_SECRET``."""
    from webhooks.stripe_webhook import StripeServices

    if settings.stripe.webhook_secret is None:
        return None
    return StripeServices(sessions=sessions, now=_now)


def build_refunds(
    settings: Settings, *, sessions: sessionmaker[Session], stripe: StripePayments | None
) -> Refunds:
    """Refunds through Stripe and Telegram Stars, each where it is configured."""
    from abogado.purchases import build_stars_refunder
    from services.refunds import Refunds

    by_provider: dict[str, Refunder] = {}
    if stripe is not None:
        by_provider["stripe"] = stripe
    stars = build_stars_refunder(settings, sessions=sessions)
    if stars is not None:
        by_provider["stars"] = stars
    return Refunds(by_provider, sessions=sessions)
