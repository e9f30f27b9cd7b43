"""Builds the handoff pieces that run outside turns from settings: the courier (notices to the
workers' chats) and the SLA sweep (escalation and refunds), and ``abogado serve``'s background
job that runs both. The Lambda ``sweep_handoffs`` and ``abogado handoffs sweep`` use them too."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from bot.ports import Clock
    from services.handoff_sweep import HandoffSweep
    from services.refunds import Refunder
    from services.settings import Settings
    from webhooks.courier import Courier
    from webhooks.reminders import Job

log = logging.getLogger(__name__)

SWEEP_EVERY_S = 60.0  # serve: the sweep runs every minute, the courier every ``INTERVAL_S``


def build_courier(settings: Settings, *, sessions: sessionmaker[Session], clock: Clock) -> Courier:
    """A courier over channel clients of its own (it closes them when done)."""
    from abogado.container import configured_channels
    from webhooks.courier import Courier

    channels = configured_channels(settings)
    return Courier(
        sessions=sessions,
        broadcasters=channels.broadcasters(),
        pacers=channels.pacers({}),
        clock=clock,
        template_sid=settings.twilio.handoff_template_sid,
    )


def build_sweep(
    settings: Settings,
    *,
    sessions: sessionmaker[Session],
    refunds: Refunder | None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> HandoffSweep:
    """The sweep with the configured refunds (``Container.refunds``: Stripe, Stars)."""
    from services.handoff_sweep import HandoffSweep

    return HandoffSweep(
        sessions=sessions,
        refunds=refunds,
        claim_within=timedelta(minutes=settings.handoff.claim_within_minutes),
        now=now,
    )


def handoff_job(
    courier: Courier, sweep: HandoffSweep, *, sweep_every_s: float = SWEEP_EVERY_S
) -> Job:
    """``abogado serve``'s task: the courier every few seconds (a lawyer's reply arrives in
    seconds), the sweep every minute (in a thread: refunds are blocking remote calls)."""
    from webhooks.courier import INTERVAL_S
    from webhooks.redact import describe

    async def run(stop: asyncio.Event) -> None:
        last_sweep = float("-inf")
        loop = asyncio.get_running_loop()
        try:
            while not stop.is_set():
                try:
                    if loop.time() - last_sweep >= sweep_every_s:
                        last_sweep = loop.time()
                        await asyncio.to_thread(sweep.run_once)
                    await courier.run_once()
                except Exception as exc:  # the database may be down for a moment: try next time
                    log.error("handoff pass failed: %s", describe(exc))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=INTERVAL_S)
        finally:
            await courier.close()

    return run
