"""Authentic update → stored row → queue: the receive path shared by the webhooks and polling.

Synchronous (runs in a thread): parse enough to know the chat, record under the platform id,
enqueue when new or still pending. Raises ``StoreUnavailable`` when the platform must retry.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from sqlalchemy.exc import SQLAlchemyError

from db.inbound import QUEUED, chat_key
from webhooks.errors import StoreUnavailable, UnparseableUpdate
from webhooks.parse import (
    Ignored,
    parse_whatsapp,
    peek_telegram,
    telegram_update_id,
    whatsapp_chat_id,
)
from webhooks.ports import Enqueue, QueueItem

if TYPE_CHECKING:
    from db.inbound import SqlInbox

log = logging.getLogger(__name__)


class Receiver:
    def __init__(self, *, inbox: SqlInbox, enqueue: Enqueue, now: Callable[[], datetime]) -> None:
        self._inbox = inbox
        self._enqueue = enqueue
        self._now = now

    def telegram(self, body: bytes) -> None:
        """Store a Telegram update. Only a JSON peek here; the worker parses it with PTB."""
        dead: str | None = None
        chat = ""
        platform_id = ""
        try:
            peek = peek_telegram(body)
        except UnparseableUpdate as exc:
            dead = str(exc)
        else:
            if isinstance(peek, Ignored):
                return
            chat, platform_id = peek.chat_id, peek.update_id
        platform_id = (
            platform_id
            or telegram_update_id(body)
            or "sha256:" + hashlib.sha256(body).hexdigest()[:56]
        )
        payload = body.decode("utf-8", "replace")
        self._store("telegram", platform_id, chat, "json", payload, dead)

    def whatsapp(self, pairs: Sequence[tuple[str, str]]) -> None:
        fields = dict(pairs)
        dead: str | None = None
        chat = whatsapp_chat_id(fields.get("From", ""))
        try:
            parsed = parse_whatsapp(fields, received_at=self._now())
        except UnparseableUpdate as exc:
            dead = str(exc)
        else:
            if isinstance(parsed, Ignored):
                return
            chat = parsed.chat_id
        sid = (fields.get("MessageSid") or fields.get("SmsMessageSid") or "")[:80]
        if not sid:
            digest = hashlib.sha256(urlencode(sorted(pairs)).encode()).hexdigest()
            sid = "sha256:" + digest[:56]
        self._store("whatsapp", sid, chat, "form", urlencode(list(pairs)), dead)

    def _store(
        self, channel: str, platform_id: str, chat: str, ctype: str, payload: str, dead: str | None
    ) -> None:
        try:
            recorded = self._inbox.record(
                channel=channel,
                platform_id=platform_id,
                chat=chat,
                content_type=ctype,
                payload=payload,
                now=self._now(),
                dead_reason=dead,
            )
        except SQLAlchemyError as exc:
            raise StoreUnavailable(f"inbound store: {type(exc).__name__}") from exc
        if dead is not None:
            if recorded.new:
                log.error("dead-lettered an unparseable %s update: %s", channel, dead)
            return
        if recorded.status != QUEUED:
            return  # a duplicate of an update already handled: acknowledge only
        try:
            self._enqueue(QueueItem(recorded.id, channel, chat_key(channel, chat), platform_id))
        except Exception as exc:  # any queue failure: the platform must re-deliver
            raise StoreUnavailable(f"queue: {type(exc).__name__}") from exc
