"""The local runtime: long polling into the queue, and the app with its in-process worker."""

from __future__ import annotations

import asyncio
import copy
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from telegram import Bot

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks import payloads
from tests.webhooks.rig import SECRET, Rig
from webhooks.app import Services, create_app
from webhooks.polling import TelegramPoller, should_poll
from webhooks.receive import Receiver
from webhooks.worker import LocalWorker


@pytest.mark.parametrize(
    ("token", "secret", "url", "poll"),
    [
        (True, False, "https://abogado.example.mx", True),
        (True, True, "http://127.0.0.1:8000", True),
        (True, True, "https://localhost:8443", True),
        (True, True, "https://abogado.example.mx", False),
        (False, False, "http://127.0.0.1:8000", False),
    ],
)
def test_should_poll(token: bool, secret: bool, url: str, poll: bool) -> None:
    assert should_poll(has_token=token, has_secret=secret, public_url=url) is poll


def test_polling_stores_updates_and_moves_the_offset(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    for uid in (41, 42):
        update = copy.deepcopy(payloads.telegram("text"))
        update["update_id"] = uid
        fake_telegram.push_update(update)
    enqueued: list[object] = []
    receiver = Receiver(inbox=rig.storage.inbox, enqueue=enqueued.append, now=_now)
    poller = TelegramPoller(Bot(fake_telegram.token, base_url=fake_telegram.base_url), receiver)

    async def twice() -> tuple[int, int]:
        return await poller.poll_once(), await poller.poll_once()

    assert asyncio.run(twice()) == (2, 0)
    assert rig.storage.inbox.counts() == {"queued": 2}
    assert len(enqueued) == 2
    calls = [c for c in fake_telegram.calls if c.method == "getUpdates"]
    assert [c.params["offset"] for c in calls] == ["0", "43"]
    assert "my_chat_member" in calls[0].params["allowed_updates"]


def test_poller_deletes_the_webhook_and_stops(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    receiver = Receiver(inbox=rig.storage.inbox, enqueue=lambda _item: None, now=_now)
    poller = TelegramPoller(
        Bot(fake_telegram.token, base_url=fake_telegram.base_url), receiver, timeout=0
    )

    async def briefly() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(poller.run(stop))
        await asyncio.to_thread(fake_telegram.wait_for, "getUpdates", 2)
        stop.set()
        await asyncio.wait_for(task, timeout=5)

    asyncio.run(briefly())
    assert fake_telegram.calls[0].method == "deleteWebhook"


def test_app_with_worker_answers_end_to_end(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    processor = rig.processor()
    worker = LocalWorker(processor, rig.storage.inbox, poll_interval=0.05)
    services = Services(
        inbox=rig.storage.inbox, outbound=rig.storage.outbound, enqueue=lambda _item: worker.wake()
    )
    app = create_app(rig.settings, services, background=[worker.run])
    with TestClient(app) as client:
        response = client.post(
            "/webhooks/telegram",
            json=payloads.telegram("text"),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        assert response.status_code == 200
        fake_telegram.wait_for("sendMessage", 1, timeout=20)
    assert rig.answerer.questions == [payloads.telegram("text")["message"]["text"]]


def _now() -> datetime:
    return datetime.now(UTC)


def test_serve_command_help(capsys: pytest.CaptureFixture[str]) -> None:
    from abogado.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--host" in out
    assert "--port" in out


def test_serve_without_an_index_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from abogado.cli import main

    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    assert main(["serve", "--port", "0"]) == 1
    assert "abogado ingest" in capsys.readouterr().err
