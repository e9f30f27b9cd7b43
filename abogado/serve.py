"""``abogado serve``: the FastAPI app under uvicorn, with the local worker (and polling) inside.

The local profile's whole runtime in one process: receive → DB-backed queue → worker → send.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from abogado.container import Container

if TYPE_CHECKING:
    from fastapi import FastAPI

    from services.settings import Settings
    from webhooks.ports import QueueItem, RunTurn

log = logging.getLogger(__name__)


def build_local_app(settings: Settings, *, turns: RunTurn | None = None) -> FastAPI:
    """The whole local runtime as one app; ``turns`` replaces the answer pipeline (tests)."""
    return local_app(Container(settings, run_turn=turns))


def local_app(container: Container) -> FastAPI:
    """Receive → DB-backed queue → worker → send, with reminders and (without a public webhook
    URL) Telegram long polling, all in this process."""
    from abogado.handoff_jobs import handoff_job
    from webhooks.app import create_app
    from webhooks.polling import TelegramPoller, should_poll
    from webhooks.reminders import reminder_job
    from webhooks.telegram_channel import build_bot
    from webhooks.worker import LocalWorker

    settings = container.settings
    container.migrate()  # a local process: the schema follows the code

    def wake(_item: QueueItem) -> None:
        worker.wake()

    # A long-lived process: in the local profile the admin pages send in a background thread.
    services = container.app_services(enqueue=wake, send_in_background=True)
    assert services.receiver is not None
    assert services.commits is not None
    # Under a flood of updates the worker leaves the CPU to the acknowledgements.
    worker = LocalWorker(
        container.processor, container.storage.inbox, yield_while=services.commits.flooded
    )
    background: list[Callable[[asyncio.Event], Coroutine[Any, Any, None]]] = [worker.run]
    # Deadline reminders: a pass every minute, beside the worker (AWS: a scheduled Lambda).
    background.append(reminder_job(container.reminder_sender))
    # Notices to the chats every few seconds, the handoff SLA sweep every minute (AWS: Lambda).
    background.append(handoff_job(container.courier, container.handoff_sweep))
    if should_poll(
        has_token=settings.telegram.bot_token is not None,
        has_secret=settings.telegram.webhook_secret is not None,
        public_url=settings.public_url,
    ):
        poller = TelegramPoller(build_bot(settings), services.receiver, stars=services.stars)
        background.append(poller.run)
        log.warning("Telegram: long polling (no public webhook URL configured)")
    elif settings.telegram.bot_token is not None:
        from webhooks.telegram_setup import registration_job

        background.append(registration_job(build_bot(settings), settings))
    return create_app(settings, services, background=background)


def serve(container: Container, *, host: str, port: int) -> None:
    import uvicorn

    app = local_app(container)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    asyncio.run(uvicorn.Server(config).serve())
