"""The courier: delivers ``notices`` (a lawyer's reply, a claim, a close, an escalation, a payment
confirmed by a webhook) to the worker's chat outside any turn, each at most once.

Per notice: claim (pending → sending, committed) → one network call → mark (committed), like
the reminder sender. A dead courier's claims become "unknown" and are never resent. Telegram
takes any notice at any time. WhatsApp takes free text only inside the 24-hour window; outside
it, a notice marked with a template kind gets the approved template "Tu abogado te respondió:
escribe VER" (``twilio.handoff_template_sid``, no variables) once per chat, and its text waits:
when the worker writes (VER or anything), the window is open and the next pass sends the text.
Without a template the text just waits for the worker's next message. Never logs a chat id or
a text.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.ports import Clock
from db import deliveries
from db import notice_delivery as repo
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.providers import Message, Result
from webhooks.broadcast.sender import Broadcaster, paced_send
from webhooks.redact import reason_code
from webhooks.reminders import Job, periodic_job
from webhooks.whatsapp_channel import within_window

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=10)  # longer than any one send, however slow
MAX_ATTEMPTS = 5
INTERVAL_S = 10.0  # how often ``abogado serve`` delivers notices


def due(
    candidates: list[repo.Candidate], *, now: datetime, template: bool
) -> list[tuple[int, bool]]:
    """Which pending notices to send now, as (notice id, as the template): every Telegram one,
    WhatsApp ones inside the window; outside it, one template per chat (its oldest notice with
    a template kind) unless one already went since the worker last wrote."""
    chosen: list[tuple[int, bool]] = []
    nudged: set[int] = set()
    for c in candidates:
        if c.channel != "whatsapp" or within_window(c.last_inbound_at, now):
            chosen.append((c.notice_id, False))
            continue
        waiting = c.template_sent_at is not None and (
            c.last_inbound_at is None or c.template_sent_at > c.last_inbound_at
        )
        if waiting:
            nudged.add(c.identity_id)
    for c in candidates:
        if c.channel != "whatsapp" or within_window(c.last_inbound_at, now):
            continue
        if template and c.whatsapp_template and c.identity_id not in nudged:
            nudged.add(c.identity_id)
            chosen.append((c.notice_id, True))
    return sorted(chosen)


@dataclass
class Courier:
    sessions: sessionmaker[Session]
    broadcasters: Mapping[str, Broadcaster]
    clock: Clock
    pacers: Mapping[str, Pacer]  # by channel name (the channel's own limits)
    template_sid: str | None = None  # WhatsApp, outside the 24-hour window
    lease: timedelta = DEFAULT_LEASE
    max_attempts: int = MAX_ATTEMPTS
    batch: int = 500
    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Only these chats' notices (``abogado chat`` delivers its own terminal chat's); None: all.
    identities: frozenset[int] | None = None

    async def run_once(self, *, budget_s: float | None = None) -> dict[str, int]:
        """Deliver what is due now; how many ended in each status ("template": the template
        went and the text waits; "retry": given back). With ``budget_s``, claims nothing more
        once that many seconds have passed (a Lambda stops before its timeout)."""
        started = time.monotonic()
        found = await asyncio.to_thread(self._recover)
        if found:
            log.warning("%d notices in doubt after a crash: not resent", found)
        totals: Counter[str] = Counter()
        for notice_id, as_template in await asyncio.to_thread(self._due):
            if budget_s is not None and time.monotonic() - started >= budget_s:
                log.info("courier: out of time, the next pass sends the rest")
                break
            claimed = await asyncio.to_thread(self._claim, notice_id)
            if claimed is not None:  # else another courier has it
                totals[await self._deliver(claimed, as_template=as_template)] += 1
        if totals:
            log.info("courier: %s", dict(totals))
        return dict(totals)

    async def close(self) -> None:
        for broadcaster in self.broadcasters.values():
            await broadcaster.close()

    def _recover(self) -> int:
        with self.sessions.begin() as session:
            return repo.recover(session, now=self.clock.now(), lease=self.lease)

    def _due(self) -> list[tuple[int, bool]]:
        with self.sessions() as session:
            # A channel not configured in this process: its notices wait (not claimed, not
            # lost). Both filters are in the query: a backlog of others never hides ours.
            candidates = repo.pending(
                session,
                limit=self.batch,
                channels=frozenset(self.broadcasters),
                identities=self.identities,
            )
        return due(candidates, now=self.clock.now(), template=bool(self.template_sid))

    def _claim(self, notice_id: int) -> repo.Claimed | None:
        with self.sessions.begin() as session:
            return repo.claim(session, notice_id, owner=self.owner, now=self.clock.now())

    async def _deliver(self, claimed: repo.Claimed, *, as_template: bool) -> str:
        broadcaster = self.broadcasters[claimed.channel]
        if as_template:
            message = Message("", self.template_sid, None)
            result = await self._send(broadcaster, claimed, message)
        else:
            result = await self._send(broadcaster, claimed, Message(claimed.text))
        status, shown = self._outcome(claimed, result, as_template=as_template)
        await asyncio.to_thread(
            self._mark, claimed, status, template=shown == "template", result=result
        )
        reason = reason_code(result.reason) if result.reason else "-"
        log.info("notice %d (%s): %s (%s)", claimed.notice_id, claimed.kind, shown, reason)
        return shown

    def _outcome(
        self, claimed: repo.Claimed, result: Result, *, as_template: bool
    ) -> tuple[str, str]:
        """(the row's new status, what to count): a template that went (or may have) leaves
        the text pending; a retry or a window our clock misjudged gives the row back."""
        if as_template and result.status in ("sent", "unknown"):
            return "pending", "template"
        if result.status == "retry" or (result.status == "skipped" and not result.blocked):
            if claimed.attempts < self.max_attempts:
                return "pending", "retry"
            return "failed", "failed"
        if result.status == "skipped":
            return "failed", "failed"
        return result.status, result.status

    async def _send(
        self, broadcaster: Broadcaster, claimed: repo.Claimed, message: Message
    ) -> Result:
        return await paced_send(
            self.pacers.get(claimed.channel),
            broadcaster,
            chat_id=claimed.chat_id,
            message=message,
            last_inbound_at=claimed.last_inbound_at,
            what="notice",
        )

    def _mark(self, claimed: repo.Claimed, status: str, *, template: bool, result: Result) -> None:
        with self.sessions.begin() as session:
            repo.mark(
                session,
                claimed.notice_id,
                owner=self.owner,
                status=status,
                now=self.clock.now(),
                template_sent=template,
            )
            if result.blocked or result.opted_out:  # as broadcasts and reminders record it
                deliveries.mark_identity(
                    session, claimed.identity_id, blocked=result.blocked, opted_out=result.opted_out
                )


def courier_job(courier: Courier, *, interval_s: float = INTERVAL_S) -> Job:
    """``abogado serve``'s notices: a pass now, then one every ``interval_s``."""
    return periodic_job("courier", courier.run_once, courier.close, interval_s=interval_s)
