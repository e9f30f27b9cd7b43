"""Authentic update → stored row → queue: the receive path shared by the webhooks and polling.

Parse enough to know the chat (on the event loop), then record under the platform id and
enqueue when new or still pending (in a thread: ``store``, or ``webhooks.group_commit`` for many
requests at once). ``StoreUnavailable`` means the platform must retry.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from sqlalchemy.exc import SQLAlchemyError

from db.inbound_table import QUEUED
from db.receiving import NewUpdate, Recorded
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
        """Parse and store one Telegram update, in the calling thread (polling, tests)."""
        update = telegram_update(body)
        if update is not None:
            [outcome] = self.store([update])
            if outcome is not None:
                raise outcome

    def whatsapp_update(self, pairs: Sequence[tuple[str, str]]) -> NewUpdate | None:
        """What to store for a Twilio message; ``None`` when there is nothing to keep."""
        fields = dict(pairs)
        dead: str | None = None
        chat = whatsapp_chat_id(fields.get("From", ""))
        try:
            parsed = parse_whatsapp(fields, received_at=self._now())
        except UnparseableUpdate as exc:
            dead = str(exc)
        else:
            if isinstance(parsed, Ignored):
                return None
            chat = parsed.chat_id
        sid = (fields.get("MessageSid") or fields.get("SmsMessageSid") or "")[:80]
        if not sid:
            digest = hashlib.sha256(urlencode(sorted(pairs)).encode()).hexdigest()
            sid = "sha256:" + digest[:56]
        return NewUpdate("whatsapp", sid, chat, "form", urlencode(list(pairs)), dead)

    def store(self, updates: Sequence[NewUpdate]) -> list[StoreUnavailable | None]:
        """Record the updates in one transaction, then enqueue the new ones.

        One outcome per update: ``None`` when it is stored (or was already), a
        ``StoreUnavailable`` when the platform must deliver it again.
        """
        try:
            recorded = self._inbox.record_many(updates, now=self._now())
        except SQLAlchemyError as exc:
            failed = StoreUnavailable(f"inbound store: {type(exc).__name__}")
            return [failed] * len(updates)
        return [self._hand_over(u, r) for u, r in zip(updates, recorded, strict=True)]

    def _hand_over(self, update: NewUpdate, recorded: Recorded) -> StoreUnavailable | None:
        if update.dead_reason is not None:
            if recorded.new:
                log.error(
                    "dead-lettered an unparseable %s update: %s", update.channel, update.dead_reason
                )
            return None
        if recorded.status != QUEUED:
            return None  # a duplicate of an update already handled: acknowledge only
        key = self._inbox.chat_key(update.channel, update.chat)
        try:
            self._enqueue(QueueItem(recorded.id, update.channel, key, update.platform_id))
        except Exception as exc:  # any queue failure: the platform must re-deliver
            return StoreUnavailable(f"queue: {type(exc).__name__}")
        return None


def telegram_update(body: bytes) -> NewUpdate | None:
    """What to store for a Telegram update (only a JSON peek: the worker parses it with PTB);
    ``None`` when there is nothing to keep."""
    dead: str | None = None
    chat = ""
    platform_id = ""
    try:
        peek = peek_telegram(body)
    except UnparseableUpdate as exc:
        dead = str(exc)
    else:
        if isinstance(peek, Ignored):
            return None
        chat, platform_id = peek.chat_id, peek.update_id
    platform_id = (
        platform_id or telegram_update_id(body) or "sha256:" + hashlib.sha256(body).hexdigest()[:56]
    )
    return NewUpdate("telegram", platform_id, chat, "json", body.decode("utf-8", "replace"), dead)
