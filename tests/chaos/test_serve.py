"""``abogado serve``'s own app (receiver, in-process worker, reminders) while its MariaDB is
killed and restarted: it keeps answering /healthz, refuses updates it cannot store (503), and
answers again once the database is back."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from abogado.serve import build_local_app
from db.engine import make_engine, make_sessionmaker
from db.unit_of_work import SqlTurnWorks
from services.settings import DatabaseSettings
from services.turns import TurnRunner
from tests.chaos.mariadb import ThrowawayMariaDB
from tests.chaos.rig import ScriptedAnswerer
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks import payloads
from tests.webhooks.rig import SECRET, FixedClock, make_settings


def question(client: TestClient, update_id: int, chat: int) -> int:
    data = payloads.telegram("text")
    data["update_id"] = update_id
    data["message"]["chat"]["id"] = chat
    data["message"]["from"]["id"] = chat
    data["message"]["text"] = f"me corrieron sin carta ({update_id})"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    return int(client.post("/webhooks/telegram", json=data, headers=headers).status_code)


def wait_answered(fake: FakeTelegramAPI, chat: int, timeout: float = 20.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = [c.text for c in fake.delivered(str(chat))]
        if any("artículo 47" in t for t in texts):
            return texts
        time.sleep(0.1)
    raise AssertionError(f"chat {chat} not answered in {timeout} s")


def test_serve_outlives_its_database(
    tmp_path: Path,
    mariadb: ThrowawayMariaDB,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
) -> None:
    settings = make_settings(tmp_path, fake_telegram, fake_twilio)
    settings = settings.model_copy(update={"database": DatabaseSettings(url=mariadb.url)})
    engine = make_engine(mariadb.url)
    runner = TurnRunner(
        work=SqlTurnWorks(make_sessionmaker(engine)),
        answerer=ScriptedAnswerer(),
        clock=FixedClock(),
        anonymous_questions=100,
    )
    app = build_local_app(settings, turns=lambda inbound: runner.handle(inbound).replies)
    try:
        with TestClient(app) as client:
            assert question(client, 1, 601) == 200
            wait_answered(fake_telegram, 601)
            mariadb.kill()
            time.sleep(1.5)  # the worker's claims meet the dead server (it polls every 0.5 s)
            assert client.get("/healthz").status_code == 200
            assert question(client, 2, 602) == 503  # not stored: Telegram delivers it again
            mariadb.start()
            assert question(client, 2, 602) == 200
            wait_answered(fake_telegram, 602)
        for chat in ("601", "602"):
            texts = [c.text for c in fake_telegram.delivered(chat)]
            assert len(texts) == len(set(texts))  # answered once
    finally:
        engine.dispose()
