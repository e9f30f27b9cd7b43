"""Apply one verified Stripe event to the payments, in the caller's transaction.

The webhook (``webhooks.stripe_webhook``) has checked the signature and stored the event id;
this decides what the event means: a Checkout paid now (card) or later (OXXO), a voucher that
failed, a subscription period paid or ended (and the PaymentIntent that paid it), a refund.
Notices to the worker go in the same transaction. It calls no remote API.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from db import notices, payments, refunds_owed
from services.settings import PaymentsSettings
from services.stripe_json import Obj, json_int, json_list, json_map, json_str

log = logging.getLogger(__name__)

PROVIDER = "stripe"
LOCAL_REF = "local:"  # a payment whose Checkout Session is not attached yet
# A month's plan is good until its paid period ends, plus a few days for a late renewal.
GRACE = timedelta(days=3)
FIRST_PERIOD = timedelta(days=31)

PAID = "Recibimos tu pago de {title}. ¡Gracias! Ya lo tienes activo; escribe /plan para verlo."
FAILED = (
    "Tu pago de {title} no se completó (por ejemplo, la ficha de OXXO venció sin pagarse) y no "
    "se te cobró nada. Si todavía lo quieres, escribe pagar."
)
REFUNDED = (
    "Te devolvimos tu pago de {title} ({amount}). El reembolso puede tardar de 5 a 10 días "
    "hábiles en verse en tu cuenta."
)


def apply(session: Session, event: Obj, *, products: PaymentsSettings, now: datetime) -> str:
    """Handle ``event`` (a Stripe event as JSON); what it did, in a word, for the log."""
    kind = str(event.get("type", ""))
    obj = json_map(json_map(event.get("data")).get("object"))
    if kind == "checkout.session.completed":
        return _completed(session, obj, products=products, now=now)
    if kind == "checkout.session.async_payment_succeeded":
        return _settled(session, obj, "paid", products=products, now=now)
    if kind == "checkout.session.async_payment_failed":
        return _settled(session, obj, "failed", products=products, now=now)
    if kind == "checkout.session.expired":
        return _settled(session, obj, "expired", products=products, now=now)
    if kind == "invoice.paid":
        return _invoice_paid(session, obj, products=products, now=now)
    if kind == "customer.subscription.deleted":
        ended = payments.end_subscription(
            session, provider=PROVIDER, subscription_ref=json_str(obj.get("id")) or "", now=now
        )
        return f"subscription ended ({ended})"
    if kind == "charge.refunded":
        return _refunded(session, obj, products=products, now=now)
    if kind == "invoice_payment.paid":
        return _invoice_payment(session, obj, now=now)
    return "ignored"


def _invoice_payment(session: Session, obj: Obj, *, now: datetime) -> str:
    """A plan period's invoice paid by a PaymentIntent (API versions since 2025-03-31 name it
    only here, no longer on the invoice): the payment keeps it, so it can be refunded."""
    payment = json_map(obj.get("payment"))
    charge = json_str(payment.get("payment_intent")) or json_str(payment.get("charge"))
    invoice = json_str(obj.get("invoice"))
    if charge is None or invoice is None or obj.get("status") != "paid":
        return "ignored"
    found = refunds_owed.record_charge(
        session, provider=PROVIDER, invoice_ref=invoice, charge_ref=charge, now=now
    )
    return "charge recorded" if found else "unknown payment"


def _payment(session: Session, obj: Obj, *, now: datetime) -> payments.PaymentView | None:
    """The payment of a Checkout Session: by its id, or by the payment id we put in its
    metadata (when the id was never attached: the process stopped right after creating it)."""
    ref = json_str(obj.get("id")) or ""
    found = payments.find(session, provider=PROVIDER, provider_ref=ref)
    if found is not None:
        return found
    found = _by_metadata(session, json_map(obj.get("metadata")))
    # Only a payment still without a session of its own: never one attached to another.
    if found is None or found.provider_ref.startswith("cs_"):
        return None
    payments.attach_ref(session, found.id, provider_ref=ref, now=now)
    return payments.get(session, found.id)


def _by_metadata(session: Session, metadata: Obj) -> payments.PaymentView | None:
    """The Stripe payment whose id we put in a Checkout Session's (or its subscription's)
    metadata."""
    raw = metadata.get("payment_id")
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) < 10):
        return None
    found = payments.get(session, int(raw))
    return found if found is not None and found.provider == PROVIDER else None


def _grant(
    products: PaymentsSettings, code: str, *, until: datetime | None
) -> payments.Grant | None:
    product = products.product(code)
    if product is None:
        log.warning("a paid payment names a product no longer configured: nothing granted")
        return None
    if product.kind == "monthly":
        return payments.Grant(grants=product.grants, until=until)
    return payments.Grant(grants=product.grants)


def _title(products: PaymentsSettings, code: str) -> str:
    product = products.product(code)
    return product.title if product is not None else code


def _notify(
    session: Session, view: payments.PaymentView, kind: str, text: str, now: datetime
) -> None:
    if view.identity_id is not None:
        notices.enqueue(session, identity_id=view.identity_id, kind=kind, text=text, now=now)


def _completed(session: Session, obj: Obj, *, products: PaymentsSettings, now: datetime) -> str:
    view = _payment(session, obj, now=now)
    if view is None:
        return "unknown payment"
    methods = json_list(obj.get("payment_method_types"))
    status = obj.get("payment_status")
    if status == "unpaid":
        # A cash voucher (OXXO) was issued; async_payment_succeeded or _failed follows.
        payments.advance(
            session,
            provider=PROVIDER,
            provider_ref=view.provider_ref,
            to="pending",
            now=now,
            charge_ref=json_str(obj.get("payment_intent")),
            method="oxxo" if "oxxo" in methods else None,
        )
        return "pending"
    if status not in ("paid", "no_payment_required"):
        return "ignored"
    return _paid(session, view, obj, method="card", products=products, now=now)


def _settled(
    session: Session, obj: Obj, to: str, *, products: PaymentsSettings, now: datetime
) -> str:
    view = _payment(session, obj, now=now)
    if view is None:
        return "unknown payment"
    if to == "paid":  # only an asynchronous method (OXXO) succeeds later
        return _paid(session, view, obj, method="oxxo", products=products, now=now)
    if payments.advance(session, provider=PROVIDER, provider_ref=view.provider_ref, to=to, now=now):
        # A lawyer review's notice comes from the handoff it cancels (db.handoffs).
        if to == "failed" and view.handoff_id is None:
            _notify(
                session,
                view,
                "payment_failed",
                FAILED.format(title=_title(products, view.product)),
                now,
            )
        return to
    return "unchanged"


def _paid(
    session: Session,
    view: payments.PaymentView,
    obj: Obj,
    *,
    method: str,
    products: PaymentsSettings,
    now: datetime,
) -> str:
    moved = payments.advance(
        session,
        provider=PROVIDER,
        provider_ref=view.provider_ref,
        to="paid",
        now=now,
        charge_ref=json_str(obj.get("payment_intent")),
        method=method,
        subscription_ref=json_str(obj.get("subscription")),
        grant=_grant(products, view.product, until=now + FIRST_PERIOD + GRACE),
    )
    if not moved:
        return "unchanged"
    # A lawyer review's notice comes from the handoff it opens (db.handoffs.mark_paid).
    if view.handoff_id is None:
        _notify(
            session, view, "payment_paid", PAID.format(title=_title(products, view.product)), now
        )
    return "paid"


def _invoice_paid(session: Session, obj: Obj, *, products: PaymentsSettings, now: datetime) -> str:
    """A subscription period paid: the first one fixes the plan's end, a renewal is a payment
    of its own (tax records) with its own entitlement for the new period."""
    details = json_map(json_map(obj.get("parent")).get("subscription_details"))
    subscription = json_str(details.get("subscription")) or json_str(obj.get("subscription"))
    if subscription is None:
        return "ignored"
    periods = [
        json_map(json_map(line).get("period"))
        for line in json_list(json_map(obj.get("lines")).get("data"))
    ]
    ends = [end for p in periods if (end := json_int(p.get("end"))) is not None and 0 < end < 2**32]
    until = datetime.fromtimestamp(max(ends), UTC) + GRACE if ends else now + FIRST_PERIOD + GRACE
    first = payments.find(
        session, provider=PROVIDER, subscription_ref=subscription
    ) or _by_metadata(session, json_map(details.get("metadata")))
    if first is None:
        return "unknown payment"
    invoice = json_str(obj.get("id")) or ""
    if obj.get("billing_reason") == "subscription_create" or first.state in ("created", "pending"):
        # The first period (its invoice may come before the Checkout Session's completion).
        if payments.advance(
            session,
            provider=PROVIDER,
            provider_ref=first.provider_ref,
            to="paid",
            now=now,
            subscription_ref=subscription,
            method="card",
            grant=_grant(products, first.product, until=until),
        ):
            _notify(
                session,
                first,
                "payment_paid",
                PAID.format(title=_title(products, first.product)),
                now,
            )
        payments.extend(session, payment_id=first.id, until=until)
        if invoice:
            refunds_owed.record_invoice(session, first.id, invoice_ref=invoice, now=now)
        return "first period"
    if payments.find(session, provider=PROVIDER, provider_ref=invoice) is not None:
        return "unchanged"
    payments.create(
        session,
        user_id=first.user_id,
        identity_id=first.identity_id,
        product=first.product,
        provider=PROVIDER,
        provider_ref=invoice,
        amount=json_int(obj.get("amount_paid")) or 0,
        currency=str(obj.get("currency") or "mxn").upper()[:3],
        now=now,
        subscription_ref=subscription,
    )
    payments.advance(
        session,
        provider=PROVIDER,
        provider_ref=invoice,
        to="paid",
        now=now,
        method="card",
        grant=_grant(products, first.product, until=until),
    )
    if renewal := payments.find(session, provider=PROVIDER, provider_ref=invoice):
        refunds_owed.record_invoice(session, renewal.id, invoice_ref=invoice, now=now)
    return "renewed"


def _refunded(session: Session, obj: Obj, *, products: PaymentsSettings, now: datetime) -> str:
    intent = json_str(obj.get("payment_intent"))
    if intent is None or obj.get("refunded") is not True:
        return "ignored"  # a partial refund changes no entitlement
    view = payments.find(session, provider=PROVIDER, charge_ref=intent)
    if view is None:
        return "unknown payment"
    return refunded(session, view, products=products, now=now)


def refunded(
    session: Session, view: payments.PaymentView, *, products: PaymentsSettings, now: datetime
) -> str:
    """A refund done: the payment moves to "refunded" (its grants revoked) and the worker is
    told, once, whichever comes first: the refund API's answer or ``charge.refunded``."""
    if not payments.advance(
        session, provider=PROVIDER, provider_ref=view.provider_ref, to="refunded", now=now
    ):
        return "unchanged"
    amount = f"${view.amount / 100:,.2f} {view.currency}"
    text = REFUNDED.format(title=_title(products, view.product), amount=amount)
    _notify(session, view, "refunded", text, now)
    return "refunded"
