"""The receiver's write path through the app: concurrent requests share a commit (group commit)
unless ``Services.group_commit`` is off, as on the Lambda receiver (one request per process,
stored on the event loop)."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, event, text

from abogado.lambda_handlers import build_http
from db.engine import make_engine, make_sessionmaker
from db.inbound import SqlInbox
from db.migrate import upgrade
from tests.webhooks.rig import SECRET, Rig, make_settings
from tests.webhooks.test_lambda_handlers import api_event, aws_settings, sqs
from webhooks.app import Services, create_app
from webhooks.ports import QueueItem

REQUESTS = 30
__all__ = ["sqs"]  # the moto SQS fixture of the Lambda handler tests


def _update(n: int) -> bytes:
    chat = {"id": 500 + n % 4, "type": "private", "first_name": "Ana"}
    message = {"message_id": n, "from": {**chat, "is_bot": False}, "chat": chat, "date": 1}
    return json.dumps({"update_id": 7000 + n, "message": {**message, "text": "hola"}}).encode()


def _commits(engine: Engine) -> list[int]:
    """Counts the transactions the engine commits (an observer, not a patch)."""
    seen: list[int] = []
    event.listen(engine, "commit", lambda _conn: seen.append(1))
    return seen


def _hold_the_write_lock(engine: Engine, release: threading.Event) -> threading.Thread:
    """Another writer (the worker, say) holds SQLite's write lock until ``release``."""
    started = threading.Event()

    def hold() -> None:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM inbound_updates WHERE id < 0"))
            started.set()
            release.wait(timeout=10)

    thread = threading.Thread(target=hold)
    thread.start()
    assert started.wait(timeout=5)
    return thread


def _post_concurrently(tmp_path: Path, *, group_commit: bool) -> tuple[list[int], int, SqlInbox]:
    """``REQUESTS`` concurrent webhook requests while the write lock is held a moment; returns
    the statuses, the commits the receiver made and the inbox."""
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    upgrade(url)
    engine = make_engine(url)
    inbox = SqlInbox(make_sessionmaker(engine))
    enqueued: list[QueueItem] = []
    services = Services(inbox=inbox, enqueue=enqueued.append, group_commit=group_commit)
    app = create_app(make_settings(tmp_path), services)
    release = threading.Event()
    holder = _hold_the_write_lock(engine, release)
    commits = _commits(engine)

    async def main() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:

            async def post(n: int) -> Any:
                return await client.post("/webhooks/telegram", content=_update(n), headers=headers)

            # Released from another thread: without group commit the store blocks the loop.
            threading.Timer(0.3, release.set).start()
            requests = [asyncio.create_task(post(n)) for n in range(REQUESTS)]
            return [response.status_code for response in await asyncio.gather(*requests)]

    statuses = asyncio.run(main())
    holder.join(timeout=10)
    assert len(enqueued) == REQUESTS
    return statuses, len(commits) - 1, inbox  # less the other writer's own commit


def test_concurrent_requests_share_a_commit(tmp_path: Path) -> None:
    statuses, commits, inbox = _post_concurrently(tmp_path, group_commit=True)
    assert statuses == [200] * REQUESTS
    assert inbox.counts() == {"queued": REQUESTS}
    # The first batch waited for the lock; everything that came meanwhile went in the next.
    assert commits <= 3


def _writers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "receiver-group-commit"}


def test_without_group_commit_each_request_commits_its_own_update(tmp_path: Path) -> None:
    before = _writers()  # an earlier test's writer may still be waiting for work
    statuses, commits, inbox = _post_concurrently(tmp_path, group_commit=False)
    assert statuses == [200] * REQUESTS
    assert inbox.counts() == {"queued": REQUESTS}
    assert commits == REQUESTS
    assert _writers() <= before  # no writer thread of its own


@pytest.mark.parametrize("group_commit", [True, False])
def test_a_store_that_fails_answers_503_either_way(tmp_path: Path, group_commit: bool) -> None:
    # A MySQL nobody listens on: every store fails to connect, and the platform must retry.
    down = make_engine("mysql+pymysql://a:x@127.0.0.1:1/a", connect_args={"connect_timeout": 2})
    services = Services(
        inbox=SqlInbox(make_sessionmaker(down)), enqueue=lambda _i: None, group_commit=group_commit
    )
    app = create_app(make_settings(tmp_path), services)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    async def main() -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.post("/webhooks/telegram", content=_update(1), headers=headers)
            return response.status_code

    assert asyncio.run(main()) == 503


def test_the_lambda_receiver_stores_each_request_without_a_writer_thread(
    rig: Rig, sqs: tuple[Any, str]
) -> None:
    client, url = sqs
    before = _writers()
    handler = build_http(aws_settings(rig, url), sqs=client)
    headers = {"content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET}
    for n in range(3):
        assert (
            handler(api_event("/webhooks/telegram", _update(n), headers), None)["statusCode"] == 200
        )
    assert rig.storage.inbox.counts() == {"queued": 3}
    assert _writers() <= before  # a batch of one in a thread would buy nothing here
