"""Telegram Stars on receipt: the pre-checkout answer and the confirmed payment are handled by the
receiver itself, never queued (Telegram cancels a checkout not answered within 10 seconds, and a
chat's queue may be behind a slow answer). The Bot API calls (invoice links, refunds) are in
``webhooks.stars_api``.

A payment update is read from plain JSON; anything else (or anything malformed) goes the usual
way. Entitlements come only from a ``successful_payment`` Telegram sent to our webhook.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db import notices, payments, plans
from db.handoff_table import HandoffRequest
from db.models import ChatIdentity
from services.payment_effects import grant_for, paid_notice
from webhooks.errors import StoreUnavailable

if TYPE_CHECKING:
    from telegram import Bot

    from services.refunds import Refunder
    from services.settings import Product

log = logging.getLogger(__name__)

STARS = "stars"
XTR = "XTR"
REFUSED = (
    "Este pago ya no es válido: quizá ya se pagó o se preparó otro. Escribe /plan en el chat "
    "para empezar de nuevo."
)


@dataclass(frozen=True)
class PreCheckout:
    query_id: str
    user_id: int
    payload: str
    currency: str
    total: int


@dataclass(frozen=True)
class StarsPaid:
    chat_id: int
    payload: str
    currency: str
    total: int
    charge_id: str
    renewal: bool = False  # a subscription's later month (not its first payment)


def is_payment(body: bytes) -> bool:
    """A cheap look before any parsing: most updates are messages, and stay on their path."""
    return b'"pre_checkout_query"' in body or b'"successful_payment"' in body


def read_payment(data: object) -> PreCheckout | StarsPaid | None:
    """The payment in a decoded update, or None (not a payment, or not readable as one)."""
    if not isinstance(data, dict):
        return None
    query = data.get("pre_checkout_query")
    if isinstance(query, dict):
        sender = query.get("from")
        fields = (query.get("id"), query.get("invoice_payload"), query.get("currency"))
        user_id = sender.get("id") if isinstance(sender, dict) else None
        total = query.get("total_amount")
        if _texts(*fields) and _ints(user_id, total):
            return PreCheckout(fields[0], user_id, fields[1], fields[2], total)  # type: ignore[arg-type]
        return None
    message = data.get("message")
    paid = message.get("successful_payment") if isinstance(message, dict) else None
    if not isinstance(paid, dict) or not isinstance(message, dict):
        return None
    chat = message.get("chat")
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    fields = (
        paid.get("invoice_payload"),
        paid.get("currency"),
        paid.get("telegram_payment_charge_id"),
    )
    total = paid.get("total_amount")
    if not (_texts(*fields) and _ints(chat_id, total)):
        return None
    renewal = bool(paid.get("is_recurring")) and not paid.get("is_first_recurring")
    return StarsPaid(chat_id, fields[0], fields[1], total, fields[2], renewal)  # type: ignore[arg-type]


def _texts(*values: object) -> bool:
    """Strings that fit their columns (Telegram's payloads are at most 128 bytes)."""
    return all(isinstance(v, str) and 0 < len(v) <= 255 for v in values)


def _ints(*values: object) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) and abs(v) < 2**63 for v in values)


@dataclass(frozen=True)
class Recorded:
    """What a ``successful_payment`` did: ``moved`` the payment to paid, and the payment to
    ``give_back`` when what it paid for no longer waits for it."""

    moved: bool
    give_back: int | None = None


class StarsPayments:
    """Checks pre-checkout queries against the stored payment and records confirmed ones."""

    def __init__(
        self,
        *,
        sessions: Callable[[], Session],
        products: Sequence[Product],
        now: Callable[[], datetime],
        refunder: Refunder | None = None,
    ) -> None:
        self._sessions = sessions
        self._products = {p.code: p for p in products}
        self._now = now
        # Gives back Stars paid for a review cancelled between the pre-checkout and the payment.
        self._refunder = refunder

    def refusal(self, query: PreCheckout) -> str | None:
        """None when Telegram may take the Stars; otherwise why not, in Spanish (shown)."""
        with self._sessions() as session:
            payment = payments.find(session, provider=STARS, provider_ref=query.payload)
            if payment is None or payment.state != "created":
                return REFUSED
            if (query.currency, query.total) != (payment.currency, payment.amount):
                return REFUSED
            if chat_of(session, payment.identity_id) != str(query.user_id):
                return REFUSED  # a link forwarded to someone else: pay from your own chat
            product = self._products.get(payment.product)
            live = (
                plans.live_products(session, payment.user_id, self._now())
                if payment.user_id
                else {}
            )
            if product is not None and product.kind == "monthly" and product.code in live:
                return REFUSED  # an older link of a plan bought since: not twice
            if payment.handoff_id is not None:
                request = session.get(HandoffRequest, payment.handoff_id)
                if request is None or request.status != "awaiting_payment":
                    return REFUSED  # the request was cancelled meanwhile: take no Stars for it
        return None

    def record(self, paid: StarsPaid) -> Recorded:
        """Store a confirmed payment once (Telegram may send the update again)."""
        now = self._now()
        with self._sessions() as session, session.begin():
            if not payments.seen_event(session, provider=STARS, event_id=paid.charge_id, now=now):
                return Recorded(moved=False)
            first = payments.find(session, provider=STARS, provider_ref=paid.payload)
            if first is None:
                log.error("a Stars payment for an unknown invoice; refund it by hand")
                return Recorded(moved=False)
            ref = paid.payload
            if paid.renewal:  # each month of a subscription is a payment of its own
                ref = f"{paid.payload}:{paid.charge_id}"[:255]
                payments.create(
                    session,
                    user_id=first.user_id,
                    identity_id=first.identity_id,
                    product=first.product,
                    provider=STARS,
                    provider_ref=ref,
                    amount=paid.total,
                    currency=paid.currency,
                    subscription_ref=paid.payload,
                    now=now,
                )
            product = self._products.get(first.product)
            moved = payments.advance(
                session,
                provider=STARS,
                provider_ref=ref,
                to="paid",
                now=now,
                charge_ref=paid.charge_id,
                method=STARS,
                subscription_ref=paid.payload if product and product.kind == "monthly" else None,
                grant=grant_for(product, now=now) if product else None,
            )
            if moved and first.handoff_id is None and first.identity_id is not None:
                title = product.title if product else first.product
                notices.enqueue(
                    session,
                    identity_id=first.identity_id,
                    kind="payment_paid",
                    text=paid_notice(title, renewal=paid.renewal),
                    now=now,
                )
            request = None
            if first.handoff_id is not None:
                request = session.get(HandoffRequest, first.handoff_id, populate_existing=True)
            if moved and request is not None and request.payment_id != first.id:
                return Recorded(moved=True, give_back=first.id)  # the request was cancelled
            return Recorded(moved=moved)

    async def _record(self, paid: StarsPaid) -> None:
        recorded = await asyncio.to_thread(self.record, paid)
        if recorded.give_back is None:
            return
        if self._refunder is None:  # the AWS receiver has no bot token: the sweep refunds it
            log.warning(
                "stars payment %d is for a cancelled request: the handoff sweep refunds it",
                recorded.give_back,
            )
            return
        reason = "the review was cancelled before its payment arrived"
        await asyncio.to_thread(
            self._refunder.refund, recorded.give_back, reason=reason, actor="stars"
        )

    async def webhook_answer(self, body: bytes) -> dict[str, Any] | None:
        """For a payment update, what the webhook answers (the pre-checkout answer rides on the
        response: no second request, nothing that can lag); None for any other update."""
        payment = read_payment(_decode(body))
        if isinstance(payment, PreCheckout):
            refusal = await asyncio.to_thread(self.refusal, payment)
            return _answer(payment, refusal)
        if isinstance(payment, StarsPaid):
            await self._record(payment)
            return {}
        return None

    async def polled(self, bot: Bot, body: bytes) -> bool:
        """The same for long polling (no response to ride on): True when it was a payment.
        ``StoreUnavailable`` when the database is down (the update is read again)."""
        try:
            return await self._polled(bot, body)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(f"stars payment: {type(exc).__name__}") from exc

    async def _polled(self, bot: Bot, body: bytes) -> bool:
        payment = read_payment(_decode(body))
        if isinstance(payment, PreCheckout):
            refusal = await asyncio.to_thread(self.refusal, payment)
            await bot.answer_pre_checkout_query(
                payment.query_id, ok=refusal is None, error_message=refusal
            )
            return True
        if isinstance(payment, StarsPaid):
            await self._record(payment)
            return True
        return False


def _answer(query: PreCheckout, refusal: str | None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "method": "answerPreCheckoutQuery",
        "pre_checkout_query_id": query.query_id,
        "ok": refusal is None,
    }
    if refusal is not None:
        answer["error_message"] = refusal
    return answer


def _decode(body: bytes) -> object:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def chat_of(session: Session, identity_id: int | None) -> str | None:
    identity = None if identity_id is None else session.get(ChatIdentity, identity_id)
    return None if identity is None or identity.channel != "telegram" else identity.external_id
