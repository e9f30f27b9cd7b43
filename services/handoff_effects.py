"""The turn's handoff effects (``bot.handoff``): the package preview, consent, forwarding,
cancel and rating, on the turn's unit of work; and the review terms the chat offers.

A free review's consent and package are written in the turn's transaction (a crash leaves
nothing; the retried turn writes them once). A paid review's are committed first, in a short
transaction of their own (``NeedOutside``, like a payment), because the payment step that follows
leaves the turn's transaction and the payment must name a request that exists; a retried turn
finds that request by its package instead of making a second one (``db.handoffs.open_request``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy.orm import Session

from bot.conversation import Case, Conversation, HandoffView
from bot.effects import (
    CancelHandoff,
    CheckNotices,
    Event,
    ForwardToLawyer,
    HandoffCancelled,
    HandoffOpened,
    HandoffPreviewed,
    HandoffUnavailable,
    NoticesWaiting,
    OpenHandoff,
    PreviewHandoff,
    RateHandoff,
)
from bot.handoff_package import HandoffPackage
from bot.messages import CHANNELS
from db.handoffs import open_request
from services.payment_effects import NeedOutside, price_text, sold_on
from services.unit_of_work import TurnWork

if TYPE_CHECKING:
    from bot.purchases import PaymentEvent
    from services.settings import Settings

log = logging.getLogger(__name__)

HandoffEffect = (
    PreviewHandoff | OpenHandoff | ForwardToLawyer | CancelHandoff | RateHandoff | CheckNotices
)
HANDOFF_EFFECTS = (
    PreviewHandoff,
    OpenHandoff,
    ForwardToLawyer,
    CancelHandoff,
    RateHandoff,
    CheckNotices,
)


@dataclass(frozen=True)
class ReviewTerms:
    """What the chat offers: ``mode`` "none" | "free" | "paid", and a paid review's price per
    channel (a channel without a price cannot pay, so it offers no review)."""

    mode: str = "none"
    prices: Mapping[str, str] = field(default_factory=dict)

    def apply(self, conv: Conversation) -> Conversation:
        if self.mode == "paid":
            price = self.prices.get(conv.channel)
            if price is None:
                return replace(conv, review="none", review_price="")
            return replace(conv, review="paid", review_price=price)
        return replace(conv, review=self.mode, review_price="")


def review_terms(settings: Settings) -> ReviewTerms:
    """The terms from the settings: a paid review needs its product in ``payments``."""
    mode = settings.handoff_review
    if mode != "paid":
        return ReviewTerms(mode)
    product = settings.payments.product(settings.handoff.review_product)
    if product is None:
        log.warning(
            "handoff.review is paid but product %r is not configured: no review offered",
            settings.handoff.review_product,
        )
        return ReviewTerms("none")
    prices: dict[str, str] = {
        ch: price_text(product, ch) for ch in CHANNELS if sold_on(product, ch)
    }
    return ReviewTerms("paid", prices)


class HandoffEffects:
    """Performs ``bot.handoff``'s effects for ``services.turns.TurnRunner``; ``sessions`` opens
    the short transaction of a paid review's consent."""

    def __init__(
        self,
        *,
        sessions: Callable[[], Session] | None = None,
        terms: ReviewTerms = ReviewTerms(),
    ) -> None:
        self._sessions = sessions
        self.terms = terms

    def perform(
        self,
        work: TurnWork,
        conv: Conversation,
        effect: HandoffEffect,
        *,
        now: datetime,
        today: date,
        done: Mapping[object, object],
    ) -> Event | None:
        user_id = conv.user_id
        identity_id = work.conversations.identity_id(conv.channel, conv.chat_id)
        if isinstance(effect, CheckNotices):  # a bare VER
            waiting = 0 if identity_id is None else work.handoffs.waiting_notices(identity_id)
            return NoticesWaiting(waiting)
        if isinstance(effect, CancelHandoff):  # an unlinked chat may still cancel its own
            outcome = None
            if identity_id is not None:
                outcome = work.handoffs.cancel(
                    request_id=effect.request_id, identity_id=identity_id
                )
            return HandoffCancelled(outcome)  # a paid, unclaimed one: the sweep refunds it
        if user_id is None or identity_id is None:
            return (
                HandoffUnavailable() if isinstance(effect, PreviewHandoff | OpenHandoff) else None
            )
        if isinstance(effect, PreviewHandoff):
            case = _case(conv, effect.case_number)
            return HandoffPreviewed(work.handoffs.package(user_id=user_id, case=case, today=today))
        if isinstance(effect, OpenHandoff):
            return self._open(
                work, conv, effect, user_id, identity_id, now=now, today=today, done=done
            )
        if isinstance(effect, ForwardToLawyer):
            work.handoffs.forward(
                request_id=effect.request_id,
                identity_id=identity_id,
                text=effect.text,
                first=effect.first,
            )
        else:
            work.handoffs.rate(
                request_id=effect.request_id, identity_id=identity_id, rating=effect.rating
            )
        return None

    def _open(
        self,
        work: TurnWork,
        conv: Conversation,
        effect: OpenHandoff,
        user_id: int,
        identity_id: int,
        *,
        now: datetime,
        today: date,
        done: Mapping[object, object],
    ) -> Event:
        case = _case(conv, effect.case_number)
        if not effect.paid:
            return _event(
                *work.handoffs.open(
                    user_id=user_id,
                    identity_id=identity_id,
                    case=case,
                    consent_text=effect.consent_text,
                    digest=effect.digest,
                    paid=False,
                    today=today,
                )
            )
        sessions = self._sessions
        if sessions is None:
            return HandoffUnavailable()  # a paid review needs its own transaction
        key = ("handoff", conv.channel, conv.chat_id, effect)
        if key in done:
            event = done[key]
            assert isinstance(event, HandoffOpened | HandoffPreviewed)
            return event

        def outside() -> Event:
            with sessions() as session, session.begin():
                found = open_request(
                    session,
                    user_id=user_id,
                    identity_id=identity_id,
                    case=case,
                    consent_text=effect.consent_text,
                    digest=effect.digest,
                    paid=True,
                    today=today,
                    now=now,
                )
            return _event(*found)

        raise NeedOutside(key, cast("Callable[[], PaymentEvent]", outside))


def _event(found: HandoffView | HandoffPackage, existed: bool) -> Event:
    if isinstance(found, HandoffPackage):
        return HandoffPreviewed(found, changed=True)
    return HandoffOpened(found, existed)


def _case(conv: Conversation, number: int | None) -> Case | None:
    return next((c for c in conv.cases if c.number == number), None)
