"""``POST /webhooks/stripe``: Stripe's events, cheapest refusal first, each event applied once.

Order: a secret configured (else 404), the declared size (64 KiB), the Stripe-Signature header's
shape and age (300 s), the streamed size, then the HMAC (stripe-python's own check; in a thread
past 4 KiB). A forged or stale event gets 400 and changes nothing. An authentic one is applied
in one transaction with its event id (``db.payments.seen_event``): a replay changes nothing, and
a database failure answers 503 so that Stripe retries it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from db import payments
from services import stripe_events
from services.settings import Settings
from webhooks import limits
from webhooks.intake import Checks, RefusalLog, Refused, declared_within, read_body

log = logging.getLogger(__name__)

STRIPE_PATH = "/webhooks/stripe"
SIGNATURE_HEADER = "stripe-signature"
# "t=<digits>" and "<scheme>=<hex>" items, comma-separated: nothing else is Stripe's.
_ITEM = re.compile(r"(t=[0-9]{1,12}|v[01]=[0-9a-f]{64})")
_MAX_ITEMS = 8
_EVENT_ID = re.compile(r"evt_[A-Za-z0-9_]{1,250}")


@dataclass
class StripeServices:
    """What the Stripe webhook needs; built by ``abogado.container`` (or by a test)."""

    sessions: sessionmaker[Session]
    now: Callable[[], datetime]


def signed_at(header: str | None) -> int | None:
    """The timestamp of a Stripe-Signature shaped like Stripe's (one ``t``, a ``v1``), else None."""
    if header is None or len(header) > limits.STRIPE_SIGNATURE_MAX_CHARS:
        return None
    items = header.split(",")
    if len(items) > _MAX_ITEMS or not all(_ITEM.fullmatch(item) for item in items):
        return None
    stamps = [item for item in items if item.startswith("t=")]
    if len(stamps) != 1 or not any(item.startswith("v1=") for item in items):
        return None
    return int(stamps[0][2:])


def signature_ok(body: bytes, header: str, secret: str) -> bool:
    """Stripe's HMAC-SHA256 of "t.payload" (stripe-python's check; its age is checked before)."""
    import stripe

    try:
        stripe.WebhookSignature.verify_header(body, header, secret, tolerance=None)
    except (stripe.SignatureVerificationError, UnicodeDecodeError):
        return False
    return True


def _event(body: bytes) -> Mapping[str, Any] | None:
    """The event's JSON, when it has the shape of one (authentic bodies always do)."""
    try:
        event = json.loads(body)
    except ValueError:
        return None
    if not isinstance(event, dict) or event.get("object") != "event":
        return None
    data = event.get("data")
    ident = event.get("id")
    if not isinstance(ident, str) or not _EVENT_ID.fullmatch(ident):
        return None
    if not isinstance(event.get("type"), str) or not isinstance(data, dict):
        return None
    return event if isinstance(data.get("object"), dict) else None


def build_stripe_router(*, settings: Settings, services: StripeServices) -> APIRouter:
    router = APIRouter()
    refusals = RefusalLog()
    checks = Checks()
    secret = settings.stripe.webhook_secret
    products = settings.payments

    def handle(event: Mapping[str, Any]) -> str:
        now = services.now()
        try:
            with services.sessions.begin() as session:
                if not payments.seen_event(
                    session, provider="stripe", event_id=event["id"], now=now
                ):
                    return "replayed"
                return stripe_events.apply(session, event, products=products, now=now)
        except IntegrityError:
            return "replayed"  # a concurrent delivery of the same event stored it first

    async def verified(request: Request) -> Mapping[str, Any]:
        assert secret is not None
        declared_within(request, cap=limits.STRIPE_MAX_BODY_BYTES, platform="stripe")
        header = request.headers.get(SIGNATURE_HEADER)
        stamp = signed_at(header)
        if stamp is None or header is None:
            raise Refused(400, platform="stripe", reason="signature header")
        age = services.now().timestamp() - stamp
        if abs(age) > limits.STRIPE_TOLERANCE_S:
            raise Refused(400, platform="stripe", reason="timestamp outside the tolerance")
        body = await read_body(request, cap=limits.STRIPE_MAX_BODY_BYTES, platform="stripe")
        check = partial(signature_ok, body, header, secret.get_secret_value())
        if not await checks.run(len(body), check):
            raise Refused(400, platform="stripe", reason="signature")
        event = _event(body)
        if event is None:
            raise Refused(400, platform="stripe", reason="not an event")
        return event

    @router.post(STRIPE_PATH)
    async def stripe_webhook(request: Request) -> Response:
        if secret is None:
            return JSONResponse({"detail": "not found"}, status_code=404)
        try:
            event = await verified(request)
        except Refused as refused:
            return refusals.response(refused)
        try:
            outcome = await run_in_threadpool(handle, event)
        except SQLAlchemyError as exc:
            log.error("stripe event %s not stored: %s", event["id"], type(exc).__name__)
            return JSONResponse({"detail": "try again"}, status_code=503)
        log.info("stripe event %s (%s): %s", event["id"], event["type"], outcome)
        return JSONResponse({"received": True}, status_code=200)

    return router
