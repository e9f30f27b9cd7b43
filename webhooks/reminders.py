"""Deadline reminders from the database to the chats: one pass claims each due reminder, checks
it still applies, renders it in Spanish and sends it through the broadcast channels, once.

Per reminder: claim (pending → sending, committed) → checks → one network call → mark
(committed). A second sender cannot claim the same row; a dead sender's claims become "unknown"
and are never resent (``db.reminders.recover``). Never logs a chat id or a message text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot import wording
from bot.dates import long_spanish
from bot.ports import Clock
from db import deliveries, reminders
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.providers import Message, Result
from webhooks.broadcast.sender import Broadcaster, paced_send
from webhooks.redact import describe, reason_code

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=10)  # longer than any one send, however slow
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=5)
INTERVAL_S = 60.0  # how often ``abogado serve`` looks for due reminders
Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


def render(*, case_number: int, deadline: date, what: str, today: date) -> str:
    """The reminder as the worker reads it (``bot.wording``), counted from ``today``."""
    days = (deadline - today).days
    if days <= 0:
        return wording.REMINDER_LAST_DAY.format(n=case_number, what=what)
    template = wording.REMINDER_TOMORROW if days == 1 else wording.REMINDER
    return template.format(n=case_number, deadline=long_spanish(deadline), what=what, days=days)


def template_variables(*, case_number: int, deadline: date, what: str) -> dict[str, str]:
    """The WhatsApp template's {{1}} case, {{2}} deadline, {{3}} what (no day count: a template
    is approved once and cannot pick singular or plural)."""
    return {"1": str(case_number), "2": long_spanish(deadline), "3": what}


@dataclass
class ReminderSender:
    sessions: sessionmaker[Session]
    broadcasters: Mapping[str, Broadcaster]
    clock: Clock
    pacers: Mapping[str, Pacer]  # by channel name (the channel's own limits)
    template_sid: str | None = None  # WhatsApp, outside the 24-hour window
    lease: timedelta = DEFAULT_LEASE
    max_attempts: int = MAX_ATTEMPTS
    batch: int = 100
    owner: str = field(default_factory=lambda: uuid.uuid4().hex)

    async def run_once(self, *, budget_s: float | None = None) -> dict[str, int]:
        """Send every reminder due now; returns how many ended in each status ("retry": given
        back for a later pass). With ``budget_s``, claims nothing more once that many seconds
        have passed (a Lambda stops before its timeout; the next pass sends the rest)."""
        started = time.monotonic()
        found = await asyncio.to_thread(self._recover)
        if found:
            log.warning("%d reminders in doubt after a crash: not resent", found)
        totals: Counter[str] = Counter()
        seen: set[int] = set()
        while True:
            ids = [i for i in await asyncio.to_thread(self._due) if i not in seen]
            if not ids:
                break
            seen.update(ids)
            for reminder_id in ids:
                if budget_s is not None and time.monotonic() - started >= budget_s:
                    log.info("reminders: out of time, the next pass sends the rest")
                    return dict(totals)
                claimed = await asyncio.to_thread(self._claim, reminder_id)
                if claimed is not None:  # else another sender has it
                    totals[await self._deliver(claimed)] += 1
        if totals:
            log.info("reminders: %s", dict(totals))
        return dict(totals)

    async def close(self) -> None:
        for broadcaster in self.broadcasters.values():
            await broadcaster.close()

    def _recover(self) -> int:
        with self.sessions.begin() as session:
            return reminders.recover(session, now=self.clock.now(), lease=self.lease)

    def _due(self) -> list[int]:
        with self.sessions() as session:
            return reminders.due(session, now=self.clock.now(), limit=self.batch)

    def _claim(self, reminder_id: int) -> reminders.Claimed | None:
        with self.sessions.begin() as session:
            return reminders.claim(session, reminder_id, owner=self.owner, now=self.clock.now())

    async def _deliver(self, claimed: reminders.Claimed) -> str:
        stale = _stale(claimed, today=self.clock.today())
        if stale is not None:
            status, result = stale[0], Result("skipped", stale[1])  # nothing was sent
        else:
            result = await self._send(claimed)
            status = result.status
        retry_at = None
        if status == "retry":
            if claimed.attempts < self.max_attempts:
                status, retry_at = "pending", self.clock.now() + RETRY_AFTER
            else:
                status = "failed"
        await asyncio.to_thread(self._mark, claimed, status, result, retry_at)
        reason = reason_code(result.reason) if result.reason else "-"
        log.info("reminder %d: %s (%s)", claimed.reminder_id, status, reason)
        return "retry" if status == "pending" else status

    async def _send(self, claimed: reminders.Claimed) -> Result:
        broadcaster = self.broadcasters.get(claimed.channel)
        if broadcaster is None:
            return Result("skipped", "channel_not_configured")
        text = render(
            case_number=claimed.case_number,
            deadline=claimed.deadline,
            what=claimed.what,
            today=self.clock.today(),
        )
        variables = template_variables(
            case_number=claimed.case_number, deadline=claimed.deadline, what=claimed.what
        )
        message = Message(text, self.template_sid or None, variables)
        return await paced_send(
            self.pacers.get(claimed.channel),
            broadcaster,
            chat_id=claimed.chat_id,
            message=message,
            last_inbound_at=claimed.last_inbound_at,
            what="reminder",
        )

    def _mark(
        self,
        claimed: reminders.Claimed,
        status: str,
        result: Result,
        retry_at: datetime | None,
    ) -> None:
        now = self.clock.now()
        with self.sessions.begin() as session:
            reminders.mark(
                session,
                claimed.reminder_id,
                owner=self.owner,
                status=status,
                reason=result.reason,
                retry_at=retry_at,
                now=now,
            )
            if result.blocked or result.opted_out:
                deliveries.mark_identity(
                    session, claimed.identity_id, blocked=result.blocked, opted_out=result.opted_out
                )
            if result.opted_out or result.reason == "opted_out":
                # BAJA (or the platform's own opt-out) stops this chat's other reminders too.
                reminders.cancel(
                    session,
                    user_id=None,
                    identity_id=claimed.identity_id,
                    case_number=None,
                    reason="opted_out",
                    now=now,
                )


def _stale(claimed: reminders.Claimed, *, today: date) -> tuple[str, str] | None:
    """Why this reminder must not go out any more, as (status, reason); None when it may."""
    if claimed.opted_out:
        return "cancelled", "opted_out"
    if claimed.identity_user_id != claimed.user_id:
        return "cancelled", "unlinked"
    if claimed.case_status != "abierto":
        return "cancelled", "case_closed"
    if claimed.blocked:
        return "skipped", "blocked"
    if claimed.deadline < today:
        return "skipped", "deadline_passed"
    return None


def periodic_job(
    what: str,
    run_once: Callable[[], Coroutine[Any, Any, object]],
    close: Callable[[], Coroutine[Any, Any, None]],
    *,
    interval_s: float,
) -> Job:
    """A background task for ``abogado serve``: a pass now, then one every ``interval_s``; a
    failed pass is logged (the database may be down for a moment) and tried again next time."""

    async def run(stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                try:
                    await run_once()
                except Exception as exc:
                    log.error("%s pass failed: %s", what, describe(exc))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=interval_s)
        finally:
            await close()

    return run


def reminder_job(sender: ReminderSender, *, interval_s: float = INTERVAL_S) -> Job:
    """``abogado serve``'s reminders: a pass now, then one every ``interval_s``."""
    return periodic_job("reminder", sender.run_once, sender.close, interval_s=interval_s)
