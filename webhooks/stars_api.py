"""The Bot API calls of Telegram Stars: ``createInvoiceLink`` (the turn's invoice links) and
``refundStarPayment`` (``services.refunds``' Stars refunder). Synchronous httpx: both are called
from threads with no transaction open (a turn's ``NeedOutside``, the admin page, the sweep).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy.orm import Session

from db import notices, payments
from services.payment_effects import PaymentUnavailable
from webhooks.telegram_payments import STARS, XTR, chat_of

if TYPE_CHECKING:
    from services.settings import Product

log = logging.getLogger(__name__)

REFUNDED = "Te devolvimos tus {stars} ⭐ de {title}. Ya están de nuevo en tu saldo de Telegram."


class StarsRefunder:
    """``services.refunds.Refunder`` for Stars: ``refundStarPayment``, then "refunded" (Telegram
    sends no event for a refund the bot makes, so its success is the confirmation). Called with
    no transaction open."""

    def __init__(
        self,
        *,
        sessions: Callable[[], Session],
        api_base_url: str,
        token: str,
        now: Callable[[], datetime],
        products: Sequence[Product] = (),
        client: httpx.Client | None = None,
    ) -> None:
        self._sessions = sessions
        self._products = {p.code: p for p in products}
        self._url = f"{api_base_url.rstrip('/')}/bot{token}/refundStarPayment"
        self._now = now
        self._client = client or httpx.Client(timeout=10.0)

    def refund(self, payment_id: int, *, reason: str, actor: str) -> bool:
        with self._sessions() as session:
            payment = payments.get(session, payment_id)
            chat = None if payment is None else chat_of(session, payment.identity_id)
        if payment is None or payment.provider != STARS or payment.state != "paid":
            return False
        if chat is None or not payment.charge_ref:
            log.warning(
                "stars payment %d: no chat or charge to refund (after /borrar?)", payment_id
            )
            return False
        params = {"user_id": int(chat), "telegram_payment_charge_id": payment.charge_ref}
        try:
            answer = self._client.post(self._url, json=params)
        except httpx.HTTPError as exc:
            log.warning("refundStarPayment failed: %s", type(exc).__name__)
            return False
        body = (
            answer.json()
            if answer.headers.get("content-type", "").startswith("application/json")
            else {}
        )
        done = bool(body.get("ok")) or "ALREADY_REFUNDED" in str(body.get("description", ""))
        if not done:
            log.warning(
                "refundStarPayment refused (%d) for payment %d", answer.status_code, payment_id
            )
            return False
        now = self._now()
        with self._sessions() as session, session.begin():
            moved = payments.advance(
                session, provider=STARS, provider_ref=payment.provider_ref, to="refunded", now=now
            )
            if moved and payment.identity_id is not None:
                product = self._products.get(payment.product)
                title = product.title if product else payment.product
                notices.enqueue(
                    session,
                    identity_id=payment.identity_id,
                    kind="refunded",
                    text=REFUNDED.format(stars=payment.amount, title=title),
                    now=now,
                )
        log.info("stars payment %d refunded by %s (%s)", payment_id, actor, reason[:40])
        return True


class TelegramInvoiceLinks:
    """``services.payment_effects.InvoiceLinks`` on the Bot API: ``createInvoiceLink`` in Stars
    (a subscription when ``monthly``: Telegram's only period is 30 days, 2592000 s)."""

    def __init__(
        self, *, api_base_url: str, token: str, client: httpx.Client | None = None
    ) -> None:
        self._url = f"{api_base_url.rstrip('/')}/bot{token}/createInvoiceLink"
        self._client = client or httpx.Client(timeout=10.0)

    def create(
        self, *, title: str, description: str, payload: str, stars: int, monthly: bool
    ) -> str:
        params: dict[str, Any] = {
            "title": title[:32],
            "description": description[:255],
            "payload": payload,
            "provider_token": "",
            "currency": XTR,
            "prices": [{"label": title[:32], "amount": stars}],
        }
        if monthly:
            params["subscription_period"] = 2592000
        try:
            answer = self._client.post(self._url, json=params)
            body = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise PaymentUnavailable(f"createInvoiceLink: {type(exc).__name__}") from exc
        link = body.get("result") if isinstance(body, dict) and body.get("ok") else None
        if not isinstance(link, str):
            raise PaymentUnavailable(f"createInvoiceLink refused ({answer.status_code})")
        return link
