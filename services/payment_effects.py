"""The turn's payment effects (``bot.purchases``): the plan, a checkout to open, the one waiting.

Every one needs a remote call (Telegram's ``createInvoiceLink``, a Stripe Checkout Session or
Customer Portal) or writes a payment that must exist before its link does, so each is done with
the turn's transaction closed (``NeedOutside``, like an answer): its own short transactions,
then the turn runs again with the result remembered. Telegram sells in Stars, WhatsApp through
Stripe (cards, and OXXO for one-off payments); the method follows the channel, never the person.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Hashable, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

from bot.dates import long_spanish
from bot.purchases import (
    Checkout,
    Offer,
    Owned,
    PaymentEffect,
    PaymentEvent,
    PlanShown,
    PlanView,
    PurchaseFailed,
    PurchaseProblem,
    PurchaseReady,
    RepeatPayment,
    ShowPlan,
    StartPurchase,
)
from calc.mexico_time import MEXICO_CITY
from db import payments, plans
from services.catalog import description, grant_for, paid_notice, price_text, sold_on
from services.errors import AbogadoError

if TYPE_CHECKING:
    from services.settings import Product

log = logging.getLogger(__name__)

# What others take from here too (the catalog's rules live in services.catalog).
__all__ = [
    "InvoiceLinks",
    "NeedOutside",
    "PaymentEffects",
    "PaymentUnavailable",
    "StripeCheckouts",
    "grant_for",
    "not_available",
    "paid_notice",
    "price_text",
    "sold_on",
]

# "pagar" alone shows a payment started this recently again; older links are not offered.
WAITING = timedelta(hours=24)


class PaymentUnavailable(AbogadoError):
    """The payment provider could not be reached or refused to open a checkout."""


class InvoiceLinks(Protocol):
    """Telegram's ``createInvoiceLink`` in Stars (``webhooks.telegram_payments``)."""

    def create(
        self, *, title: str, description: str, payload: str, stars: int, monthly: bool
    ) -> str: ...


class StripeLink(Protocol):
    @property
    def url(self) -> str: ...
    @property
    def cash(self) -> bool:
        """OXXO is offered too (a one-off payment)."""
        ...


class StripeCheckouts(Protocol):
    """Stripe Checkout and the Customer Portal (``services.stripe_payments.StripePayments``)."""

    def start(
        self, *, user_id: int, identity_id: int, product: str, handoff_id: int | None = None
    ) -> StripeLink:
        """Store a payment for ``product`` and open its Checkout page."""
        ...

    def portal(self, *, user_id: int) -> str | None:
        """A Customer Portal link for the person's subscription, if they have one."""
        ...


class NeedOutside(Exception):
    """A payment effect must run with the turn's transaction closed; ``call`` does it."""

    def __init__(self, key: Hashable, call: Callable[[], PaymentEvent]) -> None:
        super().__init__("payment effect outside the transaction")
        self.key = key
        self.call = call


@dataclass(frozen=True)
class _Chat:
    channel: str
    chat_id: str
    identity_id: int
    user_id: int


class PaymentEffects:
    """Performs ``bot.purchases``' effects for ``services.turns.TurnRunner``."""

    def __init__(
        self,
        *,
        sessions: Callable[[], Session],
        products: Sequence[Product],
        review_product: str,
        now: Callable[[], datetime],
        invoices: InvoiceLinks | None = None,
        stripe: StripeCheckouts | None = None,
        new_payload: Callable[[], str] = lambda: secrets.token_urlsafe(18),
        support: str = "",
    ) -> None:
        self._sessions = sessions
        self._products = {p.code: p for p in products}
        self._review = review_product
        self._now = now
        self._invoices = invoices
        self._stripe = stripe
        self._payload = new_payload
        self._support = support  # who answers payment problems (/paysupport)

    def perform(
        self,
        effect: PaymentEffect,
        *,
        channel: str,
        chat_id: str,
        done: MutableMapping[Hashable, object],
    ) -> PaymentEvent:
        """The effect's result, from ``done`` (the turn's memo) or by raising ``NeedOutside``."""
        key = ("payment", channel, chat_id, effect)
        if key in done:
            event = done[key]
            assert isinstance(event, PlanShown | PurchaseReady | PurchaseFailed)
            return event
        raise NeedOutside(key, lambda: self.outside(effect, channel=channel, chat_id=chat_id))

    def outside(self, effect: PaymentEffect, *, channel: str, chat_id: str) -> PaymentEvent:
        """Do the effect with no turn transaction open (its own short ones)."""
        handoff_id = effect.handoff_id if isinstance(effect, StartPurchase) else None
        chat = self._chat(channel, chat_id)
        try:
            if chat is None:
                return not_available(effect, "unavailable")
            if isinstance(effect, ShowPlan):
                return PlanShown(self._plan(chat), support=effect.support)
            if isinstance(effect, RepeatPayment):
                return self._repeat(chat)
            return self._start(chat, effect)
        except PaymentUnavailable as exc:
            log.warning("payment not opened: %s", exc)
            return not_available(effect, "unavailable", handoff_id)

    # -- the three effects ------------------------------------------------------------------

    def _plan(self, chat: _Chat) -> PlanView:
        now = self._now()
        with self._sessions() as session:
            live = plans.live_products(session, chat.user_id, now)
        owned = tuple(
            Owned(self._title(code), "" if ends is None else long_spanish(_local(ends)))
            for code, ends in sorted(live.items())
            if code in self._products and self._products[code].grants == "answers"
        )
        offers = tuple(
            Offer(p.code, p.title, price_text(p, chat.channel), p.kind == "monthly")
            for p in self._products.values()
            if p.grants == "answers" and sold_on(p, chat.channel) and p.code not in live
        )
        manage = None
        if self._stripe is not None and chat.channel == "whatsapp" and owned:
            manage = self._stripe.portal(user_id=chat.user_id)
        return PlanView(offers, owned, manage, self._support)

    def _start(self, chat: _Chat, effect: StartPurchase) -> PaymentEvent:
        code = effect.product or self._review
        product = self._products.get(code)
        handoff_id = effect.handoff_id
        if product is None or not sold_on(product, chat.channel):
            return PurchaseFailed("unknown_product", handoff_id)
        if handoff_id is None and product.grants == "lawyer_review":
            return PurchaseFailed("unknown_product")  # a review is paid from its request
        if product.kind == "monthly":
            with self._sessions() as session:
                if code in plans.live_products(session, chat.user_id, self._now()):
                    return PurchaseFailed("already_active")
        return PurchaseReady(self._open(chat, product, handoff_id), handoff_id)

    def _repeat(self, chat: _Chat) -> PaymentEvent:
        with self._sessions() as session:
            waiting = plans.waiting(
                session, identity_id=chat.identity_id, since=self._now() - WAITING
            )
        product = None if waiting is None else self._products.get(waiting.product)
        if waiting is None or product is None or not sold_on(product, chat.channel):
            return PurchaseFailed("nothing_pending")
        if waiting.provider == "stars":
            return PurchaseReady(
                self._stars_link(product, waiting.provider_ref), waiting.handoff_id
            )
        return PurchaseReady(self._open(chat, product, waiting.handoff_id), waiting.handoff_id)

    # -- opening a checkout -----------------------------------------------------------------

    def _open(self, chat: _Chat, product: Product, handoff_id: int | None) -> Checkout:
        """Store the payment ("created"), then make its link: the payment exists before anyone
        can pay it, and a link that failed leaves only a payment nobody can reach."""
        if chat.channel != "telegram":
            if self._stripe is None:
                raise PaymentUnavailable(f"no payment provider for {chat.channel}")
            link = self._stripe.start(
                user_id=chat.user_id,
                identity_id=chat.identity_id,
                product=product.code,
                handoff_id=handoff_id,
            )
            price = price_text(product, chat.channel)
            return Checkout(link.url, product.title, price, "stripe", cash=link.cash)
        if self._invoices is None:
            raise PaymentUnavailable("Telegram invoices are not configured")
        ref = self._payload()
        with self._sessions() as session, session.begin():
            payments.create(
                session,
                user_id=chat.user_id,
                identity_id=chat.identity_id,
                product=product.code,
                provider="stars",
                provider_ref=ref,
                amount=product.stars,
                currency="XTR",
                handoff_id=handoff_id,
                now=self._now(),
            )
        return self._stars_link(product, ref)

    def _stars_link(self, product: Product, payload: str) -> Checkout:
        if self._invoices is None:
            raise PaymentUnavailable("Telegram invoices are not configured")
        url = self._invoices.create(
            title=product.title,
            description=description(product),
            payload=payload,
            stars=product.stars,
            monthly=product.kind == "monthly",
        )
        return Checkout(url, product.title, price_text(product, "telegram"), "stars")

    def _chat(self, channel: str, chat_id: str) -> _Chat | None:
        with self._sessions() as session:
            found = plans.identity(session, channel=channel, chat_id=chat_id)
        if found is None or found[1] is None:
            return None
        return _Chat(channel, chat_id, found[0], found[1])

    def _title(self, code: str) -> str:
        product = self._products.get(code)
        return product.title if product else code


def not_available(
    effect: PaymentEffect, problem: PurchaseProblem = "unavailable", handoff_id: int | None = None
) -> PaymentEvent:
    """The result when payments cannot happen: no plan at all, or a kind failure."""
    if isinstance(effect, ShowPlan):
        return PlanShown(PlanView())
    return PurchaseFailed(problem, handoff_id)


def _local(moment: datetime) -> date:
    return moment.astimezone(MEXICO_CITY).date()
