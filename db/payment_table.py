"""The ``payments``, ``payment_events`` and ``entitlements`` tables. Nothing about cards: a
payment keeps the provider's references, the amount and a forward-only state. A payment outlives
``/borrar`` for tax law (its user and chat links are set to NULL); entitlements do not.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import MYSQL_TABLE, Base, UTCDateTime

# created → pending (OXXO voucher issued) → paid → refunded; created|pending → failed|expired.
PAYMENT_STATES = ("created", "pending", "paid", "refunded", "failed", "expired")


class PaymentRow(Base):
    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("provider", "provider_ref"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="SET NULL")
    )
    product: Mapped[str] = mapped_column(String(32))
    provider: Mapped[str] = mapped_column(String(16))  # "stripe" | "stars"
    # The Checkout Session id, or the Telegram invoice payload.
    provider_ref: Mapped[str] = mapped_column(String(255))
    # What a refund needs: the PaymentIntent id, or Telegram's telegram_payment_charge_id.
    charge_ref: Mapped[str | None] = mapped_column(String(255))
    subscription_ref: Mapped[str | None] = mapped_column(String(255))
    method: Mapped[str | None] = mapped_column(String(16))  # "card" | "oxxo" | "stars"
    amount: Mapped[int] = mapped_column(Integer)  # centavos (MXN) or Stars (XTR)
    currency: Mapped[str] = mapped_column(String(3))
    state: Mapped[str] = mapped_column(String(16), default="created")
    handoff_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A refund the provider accepted but has not finished (an OXXO refund waits for the
    # customer's bank details): not asked again; "refunded" comes with ``charge.refunded``.
    refund_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A refund owed with no handoff request left to show it (/borrar of a paid, unclaimed review).
    refund_owed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A plan period's Stripe invoice: ``invoice_payment.paid`` names it with its PaymentIntent.
    invoice_ref: Mapped[str | None] = mapped_column(String(255), index=True)


class PaymentEvent(Base):
    """A provider's event already handled (Stripe retries; Telegram may resend an update)."""

    __tablename__ = "payment_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    provider: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Entitlement(Base):
    """What a verified payment grants a user, and until when."""

    __tablename__ = "entitlements"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    product: Mapped[str] = mapped_column(String(32))
    grants: Mapped[str] = mapped_column(String(32))  # "lawyer_review" | "answers"
    payment_id: Mapped[int] = mapped_column(Integer, index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
