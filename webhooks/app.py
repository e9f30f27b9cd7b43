"""The FastAPI app: ``create_app(settings, services)`` with the platform webhooks and health check.

Each webhook authenticates first, stores the update under its platform id, hands it to the queue
and answers 200 in milliseconds. It never runs a turn or calls a platform API itself. The login
link pages and the admin pages are mounted when their services are given.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from db.deliveries import SqlDeliveryStatus
from db.outbound import SqlOutbound
from webhooks.errors import StoreUnavailable
from webhooks.group_commit import GroupCommit
from webhooks.intake import Checks, RefusalLog, Refused, telegram_body, twilio_form
from webhooks.ports import Enqueue
from webhooks.receive import Receiver, telegram_update
from webhooks.telegram_payments import is_payment

if TYPE_CHECKING:
    from db.inbound import SqlInbox
    from db.receiving import NewUpdate
    from services.refunds import Refunds
    from services.settings import Settings
    from webhooks.admin.routes import AdminServices
    from webhooks.auth.routes import AuthServices
    from webhooks.stripe_webhook import StripeServices
    from webhooks.telegram_payments import StarsPayments

log = logging.getLogger(__name__)

TELEGRAM_PATH = "/webhooks/telegram"
WHATSAPP_PATH = "/webhooks/whatsapp"
WHATSAPP_STATUS_PATH = "/webhooks/whatsapp/status"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@dataclass
class Services:
    """What the HTTP app needs; built by ``abogado.container`` (or by a test)."""

    inbox: SqlInbox
    enqueue: Enqueue
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    # Delivery status stores for Twilio callbacks (replies, broadcasts); by default on the
    # inbox's database.
    outbound: SqlOutbound | None = None
    deliveries: SqlDeliveryStatus | None = None
    # The login-link pages (/link, /auth, and /local-idp in the local profile), when wired.
    auth: AuthServices | None = None
    # The admin pages (/admin), when wired.
    admin: AdminServices | None = None
    # The receiver, when the caller also feeds it (the local poller); by default one of the app's
    # own over ``inbox``, ``enqueue`` and ``now``.
    receiver: Receiver | None = None
    # The receiver's group commit, when the caller also needs it (the local worker watches its
    # load); by default one of the app's own.
    commits: GroupCommit | None = None
    # Telegram Stars' pre-checkout queries and confirmed payments, handled on receipt (never
    # queued: a checkout not answered within 10 s is cancelled); None when nothing is sold.
    stars: StarsPayments | None = None
    # Stripe's webhook and Checkout's return pages (/pagos/…), when Stripe is configured.
    stripe: StripeServices | None = None
    # Refunds for the admin payments page (/admin/pagos); None: the page lists, never refunds.
    refunds: Refunds | None = None
    # False where a process serves one request at a time (the Lambda receiver): each request
    # stores its update itself, on the event loop (bench/group_commit.py, docs/capacity.md).
    group_commit: bool = True


def _unavailable() -> Response:
    return JSONResponse({"detail": "try again"}, status_code=503)


def create_app(
    settings: Settings,
    services: Services,
    *,
    background: Sequence[Callable[[asyncio.Event], Coroutine[Any, Any, None]]] = (),
) -> FastAPI:
    """The app; ``background`` tasks (the local worker, polling) run for the app's lifetime."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        _tune_gc()
        stop = asyncio.Event()
        tasks = [asyncio.create_task(job(stop)) for job in background]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)

    app = FastAPI(
        title="abogado", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    receiver = services.receiver or Receiver(
        inbox=services.inbox, enqueue=services.enqueue, now=services.now
    )
    commits = services.commits or (GroupCommit(receiver.store) if services.group_commit else None)

    async def submit(update: NewUpdate) -> None:
        if commits is not None:
            await commits.submit(update)
            return
        # One request at a time in this process (the Lambda receiver under Mangum): nothing to
        # batch, and no other request to keep the event loop free for, so no thread either.
        [outcome] = receiver.store([update])
        if outcome is not None:
            raise outcome

    outbound = services.outbound or SqlOutbound(services.inbox.sessions)
    deliveries = services.deliveries or SqlDeliveryStatus(services.inbox.sessions)
    refusals = RefusalLog()
    checks = Checks()

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        # On the event loop: a sync route would wait for a thread, behind the large forged
        # forms being checked there.
        return {"status": "ok"}

    @app.post(TELEGRAM_PATH)
    async def telegram_webhook(request: Request) -> Response:
        try:
            body = await telegram_body(request, settings, checks=checks)
        except Refused as refused:
            return refusals.response(refused)
        if services.stars is not None and is_payment(body):
            try:
                answer = await services.stars.webhook_answer(body)
            except SQLAlchemyError as exc:
                log.error("telegram payment not handled: %s", type(exc).__name__)
                return _unavailable()
            if answer is not None:  # the pre-checkout answer rides on the response
                return JSONResponse(answer) if answer else Response(status_code=200)
        # The peek is one json.loads: a large body's goes to a thread, off the event loop.
        update = await checks.run(len(body), partial(telegram_update, body))
        try:
            if update is not None:
                await submit(update)
        except StoreUnavailable as exc:
            log.error("telegram update not stored: %s", exc)
            return _unavailable()
        return Response(status_code=200)

    async def _signed_form(request: Request, path: str) -> list[tuple[str, str]] | Response:
        try:
            return await twilio_form(request, settings, path, checks=checks)
        except Refused as refused:
            return refusals.response(refused)

    @app.post(WHATSAPP_PATH)
    async def whatsapp_webhook(request: Request) -> Response:
        pairs = await _signed_form(request, WHATSAPP_PATH)
        if isinstance(pairs, Response):
            return pairs
        update = receiver.whatsapp_update(pairs)
        try:
            if update is not None:
                await submit(update)
        except StoreUnavailable as exc:
            log.error("whatsapp message not stored: %s", exc)
            return _unavailable()
        return _twiml()

    @app.post(WHATSAPP_STATUS_PATH)
    async def whatsapp_status(request: Request) -> Response:
        pairs = await _signed_form(request, WHATSAPP_STATUS_PATH)
        if isinstance(pairs, Response):
            return pairs
        form = dict(pairs)
        sid = form.get("MessageSid") or form.get("SmsSid") or ""
        status = (form.get("MessageStatus") or form.get("SmsStatus") or "").lower()
        if sid and status:
            error_code = form.get("ErrorCode") or None
            now = services.now()

            def record() -> None:
                # A reply (outbound) or a broadcast delivery; both move forward only, so a
                # retried callback after a 503 changes nothing twice.
                for store in (outbound, deliveries):
                    store.update_status(
                        channel="whatsapp",
                        provider_id=sid[:64],
                        status=status,
                        error_code=error_code,
                        now=now,
                    )

            try:
                await run_in_threadpool(record)
            except SQLAlchemyError:
                return _unavailable()
        return Response(status_code=200)

    if services.auth is not None:
        from webhooks.auth.routes import build_auth_router

        app.include_router(build_auth_router(settings=settings, services=services.auth))
    if services.admin is not None:
        from webhooks.admin.routes import build_admin_router

        app.include_router(build_admin_router(settings=settings, services=services.admin))
        from webhooks.lawyers.routes import build_lawyer_router  # the inbox shares its login

        app.include_router(build_lawyer_router(services=services.admin))
        from webhooks.admin.payments import build_payments_router

        app.include_router(build_payments_router(services=services.admin, refunds=services.refunds))
    if services.stripe is not None:
        from webhooks.payment_pages import build_payment_pages_router
        from webhooks.stripe_webhook import build_stripe_router

        app.include_router(build_stripe_router(settings=settings, services=services.stripe))
        app.include_router(build_payment_pages_router())
    return app


def _tune_gc() -> None:
    """Garbage collection for a long-lived server, set as the app starts serving.

    Everything built so far (routes, engines, models, settings) lives as long as the process:
    frozen, no collection walks it again. Young collections run every 20,000 allocations
    instead of 700: a request allocates hundreds of objects, so at the default the collector ran
    every few requests and a full collection every few hundred, which cost about 8 % of the CPU
    and the slowest acknowledgements under load (bench/webhooks.py, docs/channels.md).
    """
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def _twiml() -> Response:
    return Response(EMPTY_TWIML, status_code=200, media_type="text/xml")
