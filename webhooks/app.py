"""The FastAPI app: ``create_app(settings, services)`` with the platform webhooks and health check.

Each webhook authenticates first, stores the update under its platform id, hands it to the queue
and answers 200 in milliseconds. It never runs a turn or calls a platform API itself.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from bot.messages import Inbound
from db.inbound import chat_key
from webhooks import limits
from webhooks.errors import StoreUnavailable, UnparseableUpdate
from webhooks.parse import (
    ChatStatus,
    Ignored,
    parse_telegram,
    parse_whatsapp,
    telegram_update_id,
    whatsapp_chat_id,
)
from webhooks.ports import Enqueue, QueueItem
from webhooks.verify import (
    TELEGRAM_SECRET_HEADER,
    TWILIO_SIGNATURE_HEADER,
    public_request_url,
    telegram_secret_ok,
    twilio_signature_ok,
)

if TYPE_CHECKING:
    from abogado.settings import Settings
    from db.inbound import SqlInbox

log = logging.getLogger(__name__)

TELEGRAM_PATH = "/webhooks/telegram"
WHATSAPP_PATH = "/webhooks/whatsapp"
WHATSAPP_STATUS_PATH = "/webhooks/whatsapp/status"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@dataclass
class Services:
    """What the HTTP app needs; built by ``webhooks.wiring`` (or by a test)."""

    inbox: SqlInbox
    enqueue: Enqueue
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    # webhooks.auth.routes.AuthServices, when the login-link pages are wired.
    auth: Any = None


class _TooLarge(Exception):
    pass


async def _read_capped(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limits.MAX_BODY_BYTES:
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limits.MAX_BODY_BYTES:
            raise _TooLarge
    return bytes(body)


def _too_large() -> Response:
    return JSONResponse({"detail": "body too large"}, status_code=413)


def _forbidden(platform: str) -> Response:
    # Nothing about the request (body, headers, caller) goes to the log.
    log.warning("rejected an unauthenticated %s webhook", platform)
    return JSONResponse({"detail": "forbidden"}, status_code=403)


def _unavailable() -> Response:
    return JSONResponse({"detail": "try again"}, status_code=503)


def create_app(settings: Settings, services: Services) -> FastAPI:
    app = FastAPI(title="abogado", docs_url=None, redoc_url=None, openapi_url=None)
    inbox = services.inbox

    def store(
        *, channel: str, platform_id: str, chat: str, ctype: str, payload: str, dead: str | None
    ) -> None:
        """Record, then enqueue a new (or still pending) update; raises StoreUnavailable."""
        try:
            recorded = inbox.record(
                channel=channel,
                platform_id=platform_id,
                chat=chat,
                content_type=ctype,
                payload=payload,
                now=services.now(),
                dead_reason=dead,
            )
        except SQLAlchemyError as exc:
            raise StoreUnavailable(f"inbound store: {type(exc).__name__}") from exc
        if dead is not None:
            log.error("dead-lettered an unparseable %s update: %s", channel, dead)
            return
        if recorded.status != "queued":
            return  # a duplicate of an update already processed (or dead): acknowledge only
        try:
            services.enqueue(QueueItem(recorded.id, channel, chat_key(channel, chat), platform_id))
        except Exception as exc:  # any queue failure: the platform must re-deliver
            raise StoreUnavailable(f"queue: {type(exc).__name__}") from exc

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post(TELEGRAM_PATH)
    async def telegram_webhook(request: Request) -> Response:
        secret = request.headers.get(TELEGRAM_SECRET_HEADER)
        if not telegram_secret_ok(settings.telegram.webhook_secret, secret):
            return _forbidden("telegram")
        try:
            body = await _read_capped(request)
        except _TooLarge:
            return _too_large()
        update_id = telegram_update_id(body)
        dead: str | None = None
        chat = ""
        try:
            parsed = parse_telegram(body, received_at=services.now())
        except UnparseableUpdate as exc:
            dead = str(exc)
        else:
            if isinstance(parsed, Ignored):
                return Response(status_code=200)
            chat = parsed.chat_id
        platform_id = update_id or "sha256:" + hashlib.sha256(body).hexdigest()[:56]
        try:
            await run_in_threadpool(
                store,
                channel="telegram",
                platform_id=platform_id,
                chat=chat,
                ctype="json",
                payload=body.decode("utf-8", "replace"),
                dead=dead,
            )
        except StoreUnavailable as exc:
            log.error("telegram update not stored: %s", exc)
            return _unavailable()
        return Response(status_code=200)

    async def _signed_form(request: Request, path: str) -> FormData | Response:
        try:
            body = await _read_capped(request)
        except _TooLarge:
            return _too_large()
        try:
            pairs: list[tuple[str, str | UploadFile]] = list(
                parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            )
        except (UnicodeDecodeError, ValueError):
            return _forbidden("twilio")
        form = FormData(pairs)
        url = public_request_url(settings.public_url, path, request.url.query)
        signature = request.headers.get(TWILIO_SIGNATURE_HEADER)
        if not twilio_signature_ok(settings.twilio.auth_token, url, form, signature):
            return _forbidden("twilio")
        return form

    @app.post(WHATSAPP_PATH)
    async def whatsapp_webhook(request: Request) -> Response:
        form = await _signed_form(request, WHATSAPP_PATH)
        if isinstance(form, Response):
            return form
        fields = {k: str(v) for k, v in form.items()}
        dead: str | None = None
        chat = whatsapp_chat_id(fields.get("From", ""))
        try:
            parsed = parse_whatsapp(fields, received_at=services.now())
        except UnparseableUpdate as exc:
            dead = str(exc)
        else:
            if isinstance(parsed, Ignored):
                return _twiml()
            chat = parsed.chat_id if isinstance(parsed, Inbound | ChatStatus) else chat
        sid = fields.get("MessageSid") or fields.get("SmsMessageSid") or ""
        platform_id = (
            sid[:80]
            or "sha256:" + hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()[:56]
        )
        try:
            await run_in_threadpool(
                store,
                channel="whatsapp",
                platform_id=platform_id,
                chat=chat,
                ctype="form",
                payload=urlencode(list(form.multi_items())),
                dead=dead,
            )
        except StoreUnavailable as exc:
            log.error("whatsapp message not stored: %s", exc)
            return _unavailable()
        return _twiml()

    @app.post(WHATSAPP_STATUS_PATH)
    async def whatsapp_status(request: Request) -> Response:
        form = await _signed_form(request, WHATSAPP_STATUS_PATH)
        if isinstance(form, Response):
            return form
        sid = str(form.get("MessageSid") or form.get("SmsSid") or "")
        status = str(form.get("MessageStatus") or form.get("SmsStatus") or "").lower()
        if sid and status:
            try:
                await run_in_threadpool(
                    inbox.update_status,
                    channel="whatsapp",
                    provider_id=sid[:64],
                    status=status,
                    error_code=str(form.get("ErrorCode") or "") or None,
                    now=services.now(),
                )
            except SQLAlchemyError:
                return _unavailable()
        return Response(status_code=200)

    if services.auth is not None:
        from webhooks.auth.routes import build_auth_router

        app.include_router(build_auth_router(settings=settings, services=services.auth))
    return app


def _twiml() -> Response:
    return Response(EMPTY_TWIML, status_code=200, media_type="text/xml")
