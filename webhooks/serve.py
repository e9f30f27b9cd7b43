"""``abogado serve``: the FastAPI app under uvicorn, with the local worker (and polling) inside.

The local profile's whole runtime in one process: receive → DB-backed queue → worker → send.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from services.settings import Settings
    from webhooks.ports import QueueItem, RunTurn

log = logging.getLogger(__name__)


def build_local_app(settings: Settings, *, turns: RunTurn | None = None) -> FastAPI:
    """The whole local runtime as one app; ``turns`` replaces the answer pipeline (tests)."""
    from webhooks.app import create_app
    from webhooks.group_commit import GroupCommit
    from webhooks.polling import TelegramPoller, should_poll
    from webhooks.receive import Receiver
    from webhooks.reminders import build_reminder_sender, reminder_job
    from webhooks.telegram_channel import build_bot
    from webhooks.wiring import build_processor, build_services, build_storage
    from webhooks.worker import LocalWorker

    storage = build_storage(settings)
    processor = build_processor(settings, storage, turns=turns)

    def now() -> datetime:
        return datetime.now(UTC)

    def wake(_item: QueueItem) -> None:
        worker.wake()

    receiver = Receiver(inbox=storage.inbox, enqueue=wake, now=now)
    commits = GroupCommit(receiver.store)
    # Under a flood of updates the worker leaves the CPU to the acknowledgements.
    worker = LocalWorker(processor, storage.inbox, yield_while=commits.flooded)
    # A long-lived process: in the local profile the admin pages send in a background thread.
    services = build_services(settings, storage, enqueue=wake, now=now)
    services.commits = commits
    background: list[Callable[[asyncio.Event], Coroutine[Any, Any, None]]] = [worker.run]
    # Deadline reminders: a pass every minute, beside the worker (AWS: a scheduled Lambda).
    background.append(reminder_job(build_reminder_sender(settings, sessions=storage.sessions)))
    if should_poll(
        has_token=settings.telegram.bot_token is not None,
        has_secret=settings.telegram.webhook_secret is not None,
        public_url=settings.public_url,
    ):
        background.append(TelegramPoller(build_bot(settings), receiver).run)
        log.warning("Telegram: long polling (no public webhook URL configured)")
    elif settings.telegram.bot_token is not None:
        from webhooks.telegram_setup import registration_job

        background.append(registration_job(build_bot(settings), settings))
    return create_app(settings, services, background=background)


def serve(settings: Settings, *, host: str, port: int) -> None:
    import uvicorn

    app = build_local_app(settings)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    asyncio.run(uvicorn.Server(config).serve())
