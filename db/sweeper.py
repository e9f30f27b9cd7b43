"""Find inbound updates the queue has lost and hand them back, or give up on them with a reason.

On AWS, SQS moves a message to its dead-letter queue after a few failed receives while the row
stays ``queued`` (or ``processing`` with a lease long gone): nothing would ever answer or purge
it. ``sweep`` re-enqueues such rows (through a callable, so ``db`` knows nothing of SQS) and
dead-letters them after ``max_sweeps`` re-enqueues or once older than ``max_age``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, sessionmaker

from db.inbound_table import DEAD, PROCESSING, QUEUED, InboundUpdate

log = logging.getLogger(__name__)

_SWEPT = re.compile(r"^swept (\d+): ")


@dataclass(frozen=True)
class SweepBounds:
    """When a row counts as lost, and when to stop handing it back."""

    # Longer than SQS's own redeliveries (5 receives x a 6-minute visibility timeout).
    stale_after: timedelta = timedelta(hours=1)
    max_sweeps: int = 3
    # Telegram drops undelivered updates after a day; an answer later than that helps no one.
    max_age: timedelta = timedelta(hours=24)
    # Rows handled per run, so a huge backlog is worked through over several runs.
    limit: int = 500


@dataclass(frozen=True)
class LostUpdate:
    """What a re-enqueue needs; ``sweep`` is 1 for the first re-enqueue of this row."""

    id: int
    channel: str
    chat_key: str
    platform_id: str
    sweep: int


@dataclass(frozen=True)
class SweepReport:
    requeued: int = 0
    dead: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"requeued": self.requeued, "dead": self.dead, "failed": self.failed}


def sweeps_so_far(last_error: str | None) -> int:
    """How many times the sweeper has re-enqueued the row (it writes ``swept N`` first)."""
    found = _SWEPT.match(last_error or "")
    return int(found.group(1)) if found else 0


def sweep(
    sessions: sessionmaker[Session],
    *,
    now: datetime,
    requeue: Callable[[LostUpdate], None],
    bounds: SweepBounds | None = None,
) -> SweepReport:
    """One pass: each lost row is claimed by a conditional update, then re-enqueued or dead.

    A row whose re-enqueue raises stays claimed (``updated_at`` is now), so the next pass, one
    ``stale_after`` later, tries again; the failure is counted and logged by type only.
    """
    bounds = bounds or SweepBounds()
    cutoff = now - bounds.stale_after
    lost = or_(
        (InboundUpdate.status == QUEUED) & (InboundUpdate.updated_at < cutoff),
        (InboundUpdate.status == PROCESSING) & (InboundUpdate.locked_until < cutoff),
    )
    with sessions() as session:
        rows = session.execute(
            select(
                InboundUpdate.id,
                InboundUpdate.channel,
                InboundUpdate.chat_key,
                InboundUpdate.platform_id,
                InboundUpdate.received_at,
                InboundUpdate.last_error,
            )
            .where(lost)
            .order_by(InboundUpdate.id)
            .limit(bounds.limit)
        ).all()
    requeued = dead = failed = 0
    for row in rows:
        swept = sweeps_so_far(row.last_error)
        if swept >= bounds.max_sweeps or row.received_at < now - bounds.max_age:
            reason = f"lost in the queue: gave up after {swept} re-enqueues"
            if _claim(sessions, row.id, lost=lost, now=now, status=DEAD, note=reason):
                dead += 1
            continue
        cause = _SWEPT.sub("", row.last_error or "") or "never finished"
        note = f"swept {swept + 1}: {cause}"
        if not _claim(sessions, row.id, lost=lost, now=now, status=QUEUED, note=note):
            continue  # a worker or another sweeper got there first
        try:
            requeue(LostUpdate(row.id, row.channel, row.chat_key, row.platform_id, swept + 1))
        except Exception as exc:  # the queue is down: the next pass tries again
            log.warning("re-enqueue of update %d failed: %s", row.id, type(exc).__name__)
            failed += 1
            continue
        requeued += 1
    if requeued or dead or failed:
        log.warning("sweeper: %d re-enqueued, %d dead-lettered, %d failed", requeued, dead, failed)
    return SweepReport(requeued=requeued, dead=dead, failed=failed)


def _claim(
    sessions: sessionmaker[Session],
    update_id: int,
    *,
    lost: Any,
    now: datetime,
    status: str,
    note: str,
) -> bool:
    """Move one still-lost row to ``status``; False when it is no longer lost."""
    values: dict[str, object] = {
        "status": status,
        "locked_until": None,
        "last_error": note[:200],
        "updated_at": now,
    }
    if status == QUEUED:
        values["next_attempt_at"] = now
    with sessions.begin() as session:
        result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(InboundUpdate)
            .where(InboundUpdate.id == update_id, lost)
            .values(values)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1
