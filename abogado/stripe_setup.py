"""Wiring of Stripe's webhook from the settings (Checkout, the portal and refunds are built by
``abogado.purchases``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from services.settings import Settings
    from webhooks.stripe_webhook import StripeServices


def _now() -> datetime:
    return datetime.now(UTC)


def build_stripe_webhook(
    settings: Settings, *, sessions: sessionmaker[Session]
) -> StripeServices | None:
    """``POST /webhooks/stripe``; None (not served) without ``ABOGADO_STRIPE__WEBHOOK_SECRET``."""
    from webhooks.stripe_webhook import StripeServices

    if settings.stripe.webhook_secret is None:
        return None
    return StripeServices(sessions=sessions, now=_now)
