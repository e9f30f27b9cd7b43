"""End to end on the local profile: webhook → worker → login link → page → local provider →
callback → code typed in the chat → linked → the context form starts. Telegram and WhatsApp.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from abogado.container import Container, Storage, configured_channels
from abogado.logins import build_auth_services
from bot.conversation import State
from db.conversations import SqlConversationStore, find_identity
from db.unit_of_work import SqlTurnWorks
from services.settings import Settings
from services.turns import TurnRunner
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks.payloads import telegram as telegram_payload
from tests.webhooks.payloads import twilio as twilio_payload
from tests.webhooks.rig import SECRET, FakeAnswerer, make_settings
from webhooks.app import Services, create_app
from webhooks.channels import ChannelRegistry
from webhooks.ports import QueueItem
from webhooks.telegram_channel import TelegramChannel, build_bot
from webhooks.worker import LocalWorker, Processor

BASE = "http://testserver"
CHEAP = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
_ids = itertools.count(918_300_000)


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date(2026, 5, 1)


@dataclass
class World:
    settings: Settings
    storage: Storage
    app_client: TestClient
    telegram_api: FakeTelegramAPI
    twilio_api: FakeTwilioAPI

    def telegram(self, chat: int, text: str) -> None:
        update = copy.deepcopy(telegram_payload("text"))
        update["update_id"] = next(_ids)
        update["message"]["message_id"] = next(_ids)
        update["message"]["chat"]["id"] = chat
        update["message"]["from"]["id"] = chat
        update["message"]["text"] = text
        answer = self.app_client.post(
            "/webhooks/telegram",
            content=json.dumps(update).encode(),
            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        assert answer.status_code == 200
        self.drain()

    def whatsapp(self, number: str, text: str) -> None:
        form = dict(twilio_payload("text"))
        sid = f"SM{next(_ids):032d}"
        form.update(
            Body=text, From=f"whatsapp:{number}", WaId=number[1:], MessageSid=sid, SmsSid=sid
        )
        token = self.settings.twilio.auth_token
        assert token is not None
        signature = RequestValidator(token.get_secret_value()).compute_signature(
            BASE + "/webhooks/whatsapp", form
        )
        answer = self.app_client.post(
            "/webhooks/whatsapp",
            content=urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": str(signature),
            },
        )
        assert answer.status_code == 200
        self.drain()

    def drain(self) -> None:
        runner = TurnRunner(
            work=SqlTurnWorks(self.storage.sessions, public_url=BASE),
            answerer=FakeAnswerer(),
            clock=Clock(),
        )
        unpaced = TelegramChannel(build_bot(self.settings), per_chat_interval=0.0)
        channels = ChannelRegistry({**configured_channels(self.settings), "telegram": unpaced})
        processor = Processor(
            inbox=self.storage.inbox,
            turns=lambda inbound: runner.handle(inbound).replies,
            identities=self.storage.identities,
            outbound=self.storage.outbound,
            channels=channels,
        )
        asyncio.run(LocalWorker(processor, self.storage.inbox).drain())

    def log_in(self, link: str, email: str) -> str:
        """A browser opens the link, signs up (or in) at the local provider; returns the code."""
        browser = TestClient(self.app_client.app, base_url=BASE, follow_redirects=False)
        path = urlsplit(link).path
        assert browser.get(path).status_code == 200
        authorize = browser.post(path).headers["location"]
        form = {k: v[0] for k, v in parse_qs(urlsplit(authorize).query).items()}
        for mode in ("signup", "signin"):
            answer = browser.post(
                "/local-idp/oauth2/authorize",
                data={**form, "mode": mode, "email": email, "password": "segura123"},
            )
            if answer.status_code == 303:
                break
        page = browser.get(answer.headers["location"])
        assert page.status_code == 200, page.text
        found = re.search(r'id="link-code">(\d{3}) (\d{3})<', page.text)
        assert found
        return found[1] + found[2]

    def state(self, channel: str, chat: str) -> tuple[State, int | None]:
        with self.storage.sessions() as session:
            conv = SqlConversationStore(session, now=datetime.now(UTC)).load(
                channel=channel,  # type: ignore[arg-type]
                chat_id=chat,
                today=date(2026, 5, 1),
            )
            identity = find_identity(session, channel, chat)
            return conv.state, identity.user_id if identity else None


@pytest.fixture
def world(
    tmp_path: Path, fake_telegram: FakeTelegramAPI, fake_twilio: FakeTwilioAPI
) -> Iterator[World]:
    settings = make_settings(tmp_path, fake_telegram, fake_twilio).model_copy(
        update={"public_url": BASE}
    )
    storage = Container(settings).storage
    enqueued: list[QueueItem] = []
    services = Services(inbox=storage.inbox, enqueue=enqueued.append)
    apps: list[FastAPI] = []

    async def the_app(scope: Any, receive: Any, send: Any) -> None:
        await apps[0](scope, receive, send)

    # The server reaches its own /local-idp/ over HTTP, as `abogado serve` does.
    services.auth = build_auth_services(
        settings, sessions=storage.sessions, http=TestClient(the_app, base_url=BASE)
    )
    assert services.auth.local_idp is not None
    services.auth.local_idp.hasher = CHEAP
    app = create_app(settings, services)
    apps.append(app)
    yield World(settings, storage, TestClient(app, base_url=BASE), fake_telegram, fake_twilio)
    storage.engine.dispose()


def _link_in(text: str) -> str:
    found = re.search(rf"{re.escape(BASE)}/link/[A-Za-z0-9_-]+", text)
    assert found, text
    return found[0]


def test_telegram_link_code_and_form(world: World) -> None:
    world.telegram(111, "Hola, me despidieron")
    sent = world.telegram_api.sent("111")
    link = _link_in(sent[-1].text)
    assert json.loads(sent[-1].params["link_preview_options"])["is_disabled"] is True
    code = world.log_in(link, "maria@example.mx")
    assert world.state("telegram", "111") == (State.AWAIT_LINK, None)

    world.telegram(222, "Hola")  # someone else's chat, waiting for its own link...
    world.telegram(222, code)  # ...types the code: refused, nothing linked
    assert "venció" in world.telegram_api.sent("222")[-1].text
    assert world.state("telegram", "222")[1] is None

    world.telegram(111, code[:3] + " " + code[3:])
    texts = [c.text for c in world.telegram_api.sent("111")]
    assert any("¡Listo! Tu chat ya está vinculado" in t for t in texts)
    state, user_id = world.state("telegram", "111")
    assert state == State.FORM
    assert user_id is not None


def test_whatsapp_then_telegram_share_one_account(world: World) -> None:
    world.whatsapp("+5215512345678", "Hola")
    link = _link_in(world.twilio_api.messages()[-1].body)
    world.whatsapp("+5215512345678", world.log_in(link, "maria@example.mx"))
    assert any("vinculado" in m.body for m in world.twilio_api.messages())
    wa_state, wa_user = world.state("whatsapp", "+5215512345678")
    assert wa_state == State.FORM

    world.telegram(111, "/vincular")
    link = _link_in(world.telegram_api.sent("111")[-1].text)
    world.telegram(111, world.log_in(link, "maria@example.mx"))
    assert world.state("telegram", "111")[1] == wa_user


def test_brute_forcing_the_code_in_the_chat_stops_at_five(world: World) -> None:
    world.telegram(111, "Hola")
    code = world.log_in(_link_in(world.telegram_api.sent("111")[-1].text), "ana@example.mx")
    for i in range(1, 6):
        world.telegram(111, f"{(int(code) + i) % 1_000_000:06d}")
    assert "demasiados" in world.telegram_api.sent("111")[-1].text
    world.telegram(111, code)
    assert world.state("telegram", "111")[1] is None
