"""What buying looks like to the conversation: the offers, the plan, a checkout to open.

Values, effects and result events only (``bot.payments`` decides with them); the shell fills
them in from the configured products and the stored payments. No platform or price rules here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PurchaseProblem = Literal[
    "unknown_product",  # no product with that code is sold on this channel
    "unavailable",  # the payment provider could not be reached, or payments are not set up
    "nothing_pending",  # "pagar" alone, with no payment waiting
    "already_active",  # the plan is already active
    "not_sold",  # nothing is sold in this deployment: the command does not exist
]


@dataclass(frozen=True)
class Offer:
    """One product this chat can buy: ``price`` is already written for people ("150 ⭐")."""

    code: str
    title: str
    price: str
    monthly: bool = False


@dataclass(frozen=True)
class Owned:
    """A product the person has now, and until when (a Spanish date; "" when it does not end)."""

    title: str
    until: str = ""


@dataclass(frozen=True)
class PlanView:
    """``/plan``: what can be bought here, what is active, and where a subscription is managed."""

    offers: tuple[Offer, ...] = ()
    owned: tuple[Owned, ...] = ()
    manage_url: str | None = None  # Stripe's Customer Portal (WhatsApp subscriptions)
    support: str = ""  # where a person answers payment problems (/paysupport)


@dataclass(frozen=True)
class Checkout:
    """Where to pay one product: a Telegram Stars invoice link or a Stripe Checkout page."""

    url: str
    title: str
    price: str
    method: Literal["stars", "stripe"]
    cash: bool = False  # OXXO offered too (a one-off Stripe payment): it may take a day


# --- effects (bot → shell) ---------------------------------------------------------------


@dataclass(frozen=True)
class ShowPlan:
    """Collect the offers and the active plan; feed back ``PlanShown``. ``support``: for
    ``/paysupport`` (help with a payment) rather than ``/plan``."""

    support: bool = False


@dataclass(frozen=True)
class StartPurchase:
    """Open a payment for ``product`` (None: the lawyer review of ``handoff_id``); feed back
    ``PurchaseReady`` or ``PurchaseFailed``."""

    product: str | None
    handoff_id: int | None = None


@dataclass(frozen=True)
class RepeatPayment:
    """ "pagar" alone: the checkout of the payment still waiting, if any."""


# --- events (shell → bot) ----------------------------------------------------------------


@dataclass(frozen=True)
class PlanShown:
    plan: PlanView
    support: bool = False


@dataclass(frozen=True)
class PurchaseReady:
    checkout: Checkout
    handoff_id: int | None = None


@dataclass(frozen=True)
class PurchaseFailed:
    problem: PurchaseProblem
    handoff_id: int | None = None


PaymentEffect = ShowPlan | StartPurchase | RepeatPayment
PaymentEvent = PlanShown | PurchaseReady | PurchaseFailed
PAYMENT_EFFECTS = (ShowPlan, StartPurchase, RepeatPayment)
PAYMENT_EVENTS = (PlanShown, PurchaseReady, PurchaseFailed)
