"""Storing inbound updates once each: the receiver's write path, one update or a batch.

The receiver's group commit hands over every update waiting and stores them in one
transaction; a duplicate (already stored, or earlier in the same batch) gets the stored row.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.inbound_table import DEAD, QUEUED, ChatKeys, InboundUpdate, inbound_table


@dataclass(frozen=True)
class NewUpdate:
    """An authentic update as the receiver stores it; ``dead_reason`` when it cannot be parsed."""

    channel: str
    platform_id: str
    chat: str
    content_type: str
    payload: str
    dead_reason: str | None = None


def _row(update: NewUpdate, status: str, now: datetime, chat_keys: ChatKeys) -> dict[str, Any]:
    reason = update.dead_reason
    return {
        "channel": update.channel,
        "platform_id": update.platform_id,
        "chat_key": chat_keys(update.channel, update.chat),
        "content_type": update.content_type,
        "payload": update.payload,
        "status": status,
        "attempts": 0,
        "next_attempt_at": now,
        "replies_sent": 0,
        "parts_sent": 0,
        "last_error": reason[:200] if reason else None,
        "received_at": now,
        "updated_at": now,
    }


@dataclass(frozen=True)
class Recorded:
    id: int
    new: bool
    status: str


def record_many(
    sessions: sessionmaker[Session],
    updates: Sequence[NewUpdate],
    *,
    now: datetime,
    chat_keys: ChatKeys,
) -> list[Recorded]:
    """Insert each update once, all in one transaction (the receiver's group commit).

    A duplicate, of a stored row or of one earlier in ``updates``, gets that row with
    ``new=False``. Raises ``SQLAlchemyError`` when nothing could be stored.
    """
    try:
        with sessions.begin() as session:
            return _insert_new(session.connection(), updates, now, chat_keys)
    except IntegrityError:
        if len(updates) > 1:  # another process stored one of them meanwhile: one by one
            return [
                record_many(sessions, [item], now=now, chat_keys=chat_keys)[0] for item in updates
            ]
        with sessions() as session:
            key = (updates[0].channel, updates[0].platform_id)
            found = _stored(session.connection(), [key]).get(key)
        if found is None:
            raise
        return [found]


def _stored(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Recorded]:
    """The stored rows among ``keys`` (channel, platform id), as duplicates (``new=False``)."""
    found: dict[tuple[str, str], Recorded] = {}
    # One query per channel, so the (channel, platform_id) unique index answers it.
    for channel in {channel for channel, _ in keys}:
        ids = [pid for c, pid in keys if c == channel]
        for row in conn.execute(_stored_query(), {"channel": channel, "ids": ids}):
            found[(channel, row.platform_id)] = Recorded(row.id, False, row.status)
    return found


@functools.cache
def _stored_query() -> Select[int, str, str]:
    # Built once: constructing the select (and its IN list) per batch cost more than the inserts.
    return select(InboundUpdate.id, InboundUpdate.platform_id, InboundUpdate.status).where(
        InboundUpdate.channel == bindparam("channel"),
        InboundUpdate.platform_id.in_(bindparam("ids", expanding=True)),
    )


def _insert_new(
    conn: Connection, updates: Sequence[NewUpdate], now: datetime, chat_keys: ChatKeys
) -> list[Recorded]:
    keys = [(item.channel, item.platform_id) for item in updates]
    # One update (the common case) is inserted optimistically: a duplicate raises
    # IntegrityError. Core inserts on the table (cached statements): an ORM flush here cost
    # four times as much.
    seen = _stored(conn, keys) if len(updates) > 1 else {}
    fresh: dict[tuple[str, str], dict[str, Any]] = {}
    for key, item in zip(keys, updates, strict=True):
        if key not in seen and key not in fresh:
            fresh[key] = _row(item, DEAD if item.dead_reason else QUEUED, now, chat_keys)
    if len(fresh) == 1:
        ((key, row),) = fresh.items()
        result = conn.execute(insert(inbound_table()), row)
        (new_id,) = result.inserted_primary_key or (0,)
        seen[key] = Recorded(int(new_id), False, row["status"])
    elif fresh:  # one executemany, then one query for the new ids
        conn.execute(insert(inbound_table()), list(fresh.values()))
        seen.update(_stored(conn, list(fresh)))
    results: list[Recorded] = []
    for key in keys:
        recorded = seen[key]
        if key in fresh:  # the first copy is the new row; later ones are its duplicates
            del fresh[key]
            recorded = Recorded(recorded.id, True, recorded.status)
        results.append(recorded)
    return results
