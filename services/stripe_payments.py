"""Stripe's remote side: Checkout Sessions, Customer Portal sessions and refunds (stripe-python's
``StripeClient``, its base address from ``ABOGADO_STRIPE__API_BASE_URL``).

Each call runs with no transaction open: the payment row is committed first, the session is
created with an Idempotency-Key derived from that row (a retry gets the same session), and its id
attached after. Entitlements never come from here: only from verified events (or a refund the
API reports done). Nothing about cards passes through abogado.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session, sessionmaker

from db import payments, refunds_owed
from services import stripe_events
from services.payment_effects import PaymentUnavailable
from services.settings import PaymentsSettings, Product, Settings

if TYPE_CHECKING:
    import stripe

log = logging.getLogger(__name__)

TIMEOUT_S = 10.0
RETRIES = 2  # stripe-python retries connection errors and 409/5xx, with the same key
OXXO_DAYS = 3  # days a cash voucher stays payable (Stripe allows 1-7)
LOCALE = "es-419"  # Checkout in Latin American Spanish


@dataclass(frozen=True)
class CheckoutLink:
    """A Checkout page to send the worker: ``cash`` when OXXO is offered too."""

    payment_id: int
    url: str
    cash: bool


def stripe_client(settings: Settings) -> stripe.StripeClient | None:
    """The client for ``settings`` (None without an API key); built by the composition root."""
    key = settings.stripe.api_key
    if key is None:
        return None
    import stripe

    return stripe.StripeClient(
        key.get_secret_value(),
        base_addresses={"api": settings.stripe.api_base_url.rstrip("/")},
        max_network_retries=RETRIES,
        http_client=stripe.RequestsClient(timeout=TIMEOUT_S),
    )


class StripePayments:
    """Open Checkout and portal sessions for workers; refund a paid Stripe payment."""

    def __init__(
        self,
        *,
        client: stripe.StripeClient,
        sessions: sessionmaker[Session],
        public_url: str,
        products: PaymentsSettings,
        now: Callable[[], datetime],
    ) -> None:
        self._client = client
        self._sessions = sessions
        self._public = public_url.rstrip("/")
        self._products = products
        self._now = now

    def start(
        self,
        *,
        user_id: int,
        identity_id: int,
        product: str,
        handoff_id: int | None = None,
    ) -> CheckoutLink:
        """Store a payment for ``product`` and open its Checkout page (the session's id attached
        to the payment). Raises ``PaymentUnavailable``."""
        item = self._products.product(product)
        if item is None:
            raise PaymentUnavailable(f"product {product!r} is not sold through Stripe")
        with self._sessions.begin() as session:
            payment_id = payments.create(
                session,
                user_id=user_id,
                identity_id=identity_id,
                product=item.code,
                provider="stripe",
                provider_ref=f"{stripe_events.LOCAL_REF}{uuid.uuid4().hex}",
                amount=item.price_mxn * 100,
                currency="MXN",
                handoff_id=handoff_id,
                now=self._now(),
            )
        session_id, url = self.checkout(
            payment_id=payment_id, product=item, identity_id=identity_id
        )
        with self._sessions.begin() as session:
            payments.attach_ref(session, payment_id, provider_ref=session_id, now=self._now())
        return CheckoutLink(payment_id=payment_id, url=url, cash=item.kind == "one_off")

    def checkout(self, *, payment_id: int, product: Product, identity_id: int) -> tuple[str, str]:
        """A Checkout Session for the stored payment ``payment_id``: (its id, its URL). Card and
        OXXO for a one-off, card for a monthly plan (Stripe allows no OXXO in subscriptions).
        The caller attaches the id to the payment. Raises ``PaymentUnavailable``."""
        import stripe

        if product.kind == "monthly" and not product.stripe_price_id:
            raise PaymentUnavailable(f"product {product.code!r} has no Stripe price")
        if product.kind == "one_off" and product.price_mxn <= 0:
            raise PaymentUnavailable(f"product {product.code!r} has no price in pesos")
        with self._sessions() as session:
            stored = payments.get(session, payment_id)
        if stored is None:
            raise PaymentUnavailable(f"payment {payment_id} does not exist")
        metadata = {
            "payment_id": str(payment_id),
            "identity": str(identity_id),
            "product": product.code,
            "handoff_id": str(stored.handoff_id or ""),
        }
        params: dict[str, Any] = {
            "client_reference_id": str(identity_id),
            "metadata": metadata,
            "locale": LOCALE,
            "success_url": f"{self._public}/pagos/listo",
            "cancel_url": f"{self._public}/pagos/cancelado",
        }
        if product.kind == "one_off":
            params |= {
                "mode": "payment",
                "payment_method_types": ["card", "oxxo"],
                "payment_method_options": {"oxxo": {"expires_after_days": OXXO_DAYS}},
                "payment_intent_data": {"metadata": metadata},
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "mxn",
                            "unit_amount": product.price_mxn * 100,
                            "product_data": {"name": product.title},
                        },
                    }
                ],
            }
        else:
            params |= {
                "mode": "subscription",
                "payment_method_types": ["card"],
                "subscription_data": {"metadata": metadata},
                "line_items": [{"quantity": 1, "price": product.stripe_price_id}],
            }
        try:
            created = self._client.v1.checkout.sessions.create(
                params,  # type: ignore[arg-type]  # a plain dict of SessionCreateParams' shape
                {"idempotency_key": f"abogado-checkout-{payment_id}"},
            )
        except stripe.StripeError as exc:
            log.warning("stripe: checkout session not created (%s)", type(exc).__name__)
            raise PaymentUnavailable("Stripe did not create the Checkout Session") from exc
        return created.id, str(created.url)

    def portal(self, *, user_id: int) -> str | None:
        """The Customer Portal (cancel the plan, change the card) of the user's latest
        subscription; None when they have none. Raises ``PaymentUnavailable``."""
        import stripe

        with self._sessions() as session:
            subscription = next(
                (
                    p.subscription_ref
                    for p in payments.for_user(session, user_id)
                    if p.provider == "stripe" and p.subscription_ref and p.state == "paid"
                ),
                None,
            )
        if subscription is None:
            return None
        try:
            found = self._client.v1.subscriptions.retrieve(subscription)
            customer = found.customer if isinstance(found.customer, str) else found.customer.id
            portal = self._client.v1.billing_portal.sessions.create(
                {"customer": customer, "return_url": f"{self._public}/pagos/listo"}
            )
        except stripe.StripeError as exc:
            log.warning("stripe: portal session not created (%s)", type(exc).__name__)
            raise PaymentUnavailable("Stripe did not create the portal session") from exc
        return str(portal.url)

    def refund(self, payment_id: int, *, reason: str, actor: str) -> bool:
        """Refund a paid Stripe payment in full; True when Stripe accepted it.

        A card refund Stripe reports "succeeded" moves the payment to "refunded" now (revoking
        what it granted, with a notice to the worker); one still in progress (OXXO refunds wait
        for the customer's bank details) is recorded as requested, never asked again, and moves
        when ``charge.refunded`` arrives.
        """
        import stripe

        with self._sessions() as session:
            view = payments.get(session, payment_id)
        if view is None or view.provider != "stripe" or view.state != "paid":
            return False
        if view.refund_requested_at is not None:
            return True  # accepted already and in progress: ``charge.refunded`` finishes it
        if view.charge_ref is None and view.invoice_ref is not None:
            view = self._invoice_charge(view)
        if view.charge_ref is None:
            log.warning("stripe: payment %d has no PaymentIntent to refund", payment_id)
            return False
        try:
            refund = self._client.v1.refunds.create(
                {
                    "payment_intent": view.charge_ref,
                    "reason": "requested_by_customer",
                    "metadata": {"payment_id": str(payment_id), "why": reason[:200]},
                },
                {"idempotency_key": f"abogado-refund-{payment_id}"},
            )
        except stripe.InvalidRequestError as exc:
            if exc.code != "charge_already_refunded":
                log.warning("stripe: refund of payment %d refused (%s)", payment_id, exc.code)
                return False
        except stripe.StripeError as exc:
            log.warning("stripe: refund of payment %d failed (%s)", payment_id, type(exc).__name__)
            raise PaymentUnavailable("Stripe did not take the refund") from exc
        else:
            if refund.status != "succeeded":
                log.info("stripe: refund of payment %d is %s", payment_id, refund.status)
                with self._sessions.begin() as session:  # never asked again; the event ends it
                    refunds_owed.requested(session, payment_id, now=self._now())
                return True
        log.info("stripe: payment %d refunded (%s)", payment_id, "admin" if "@" in actor else actor)
        with self._sessions.begin() as session:
            stripe_events.refunded(session, view, products=self._products, now=self._now())
        return True

    def _invoice_charge(self, view: payments.PaymentView) -> payments.PaymentView:
        """A plan period whose ``invoice_payment.paid`` has not arrived (Stripe does not order
        events): ask Stripe which PaymentIntent paid its invoice, and keep it."""
        import stripe

        assert view.invoice_ref is not None
        try:
            found = self._client.v1.invoice_payments.list(
                {"invoice": view.invoice_ref, "status": "paid"}
            )
        except stripe.StripeError as exc:
            log.warning("stripe: invoice payments not listed (%s)", type(exc).__name__)
            raise PaymentUnavailable("Stripe did not list the invoice's payments") from exc
        intents = [p.payment.payment_intent for p in found.data if p.payment.payment_intent]
        if not intents:
            return view
        intent = intents[0] if isinstance(intents[0], str) else intents[0].id
        with self._sessions.begin() as session:
            refunds_owed.record_charge(
                session,
                provider="stripe",
                invoice_ref=view.invoice_ref,
                charge_ref=intent,
                now=self._now(),
            )
        return replace(view, charge_ref=intent)
