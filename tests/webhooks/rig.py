"""A test rig: settings aimed at the fakes, a migrated SQLite database, the app and a worker."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from pydantic import SecretStr
from twilio.request_validator import RequestValidator

from abogado.container import Container, Storage, configured_channels
from bot.ports import AnswerResult
from db.unit_of_work import SqlTurnWorks
from services.settings import DatabaseSettings, Settings, TelegramSettings, TwilioSettings
from services.turns import TurnRunner
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FROM, FakeTwilioAPI
from webhooks.app import Services, create_app
from webhooks.channels import ChannelRegistry
from webhooks.ports import QueueItem, RunTurn
from webhooks.telegram_channel import TelegramChannel, build_bot
from webhooks.worker import LocalWorker, Processor

SECRET = "s3cr3t_webhook-Token"
PUBLIC = "https://abogado.example.mx/prod"


class FakeAnswerer:
    """bot.ports.Answerer: answers every question with a fixed text citing article 47."""

    def __init__(self) -> None:
        self.questions: list[str] = []

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        self.questions.append(question)
        return AnswerResult("Según el artículo 47, <patrón> & trabajador…", ("47",))


class FixedClock:
    """The turn's clock stopped at one instant: the afternoon of ``today`` in Mexico City."""

    def now(self) -> datetime:
        return datetime(2026, 5, 1, 18, 0, tzinfo=UTC)

    def today(self) -> date:
        return date(2026, 5, 1)


def make_settings(
    tmp: Path, telegram: FakeTelegramAPI | None = None, twilio: FakeTwilioAPI | None = None
) -> Settings:
    return Settings(
        data_dir=tmp,
        public_url=PUBLIC,
        database=DatabaseSettings(url=f"sqlite:///{tmp / 'abogado.db'}"),
        telegram=TelegramSettings(
            bot_token=SecretStr(telegram.token) if telegram else None,
            webhook_secret=SecretStr(SECRET),
            api_base_url=telegram.url if telegram else "http://127.0.0.1:9",
        ),
        twilio=TwilioSettings(
            account_sid=twilio.account_sid if twilio else "AC" + "0" * 32,
            auth_token=SecretStr(twilio.auth_token if twilio else "tok"),
            whatsapp_from=FROM,
            api_base_url=twilio.url if twilio else "http://127.0.0.1:9",
        ),
    )


@dataclass
class Rig:
    settings: Settings
    storage: Storage
    client: TestClient
    enqueued: list[QueueItem] = field(default_factory=list)
    answerer: FakeAnswerer = field(default_factory=FakeAnswerer)

    # -- requests ---------------------------------------------------------------------------
    def telegram(self, payload: Any, *, secret: str | None = SECRET) -> Any:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        return self.client.post("/webhooks/telegram", content=body, headers=headers)

    def twilio_signature(self, path: str, form: Mapping[str, str]) -> str:
        token = self.settings.twilio.auth_token
        assert token is not None
        validator = RequestValidator(token.get_secret_value())
        return str(validator.compute_signature(PUBLIC + path, dict(form)))

    def whatsapp(
        self,
        form: Mapping[str, str],
        *,
        path: str = "/webhooks/whatsapp",
        signature: str | None = "auto",
    ) -> Any:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signature == "auto":
            signature = self.twilio_signature(path, form)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return self.client.post(path, content=urlencode(dict(form)), headers=headers)

    # -- worker -----------------------------------------------------------------------------
    def turns(self) -> RunTurn:
        runner = TurnRunner(
            work=SqlTurnWorks(self.storage.sessions),
            answerer=self.answerer,
            clock=FixedClock(),
            anonymous_questions=3,
        )
        return lambda inbound: runner.handle(inbound).replies

    def channels(self) -> ChannelRegistry:
        """The configured channels (``configured_channels``), Telegram's per-chat pacing off
        (it is tested in test_telegram_channel)."""
        configured = configured_channels(self.settings)
        unpaced = TelegramChannel(build_bot(self.settings), per_chat_interval=0.0)
        return ChannelRegistry({**configured, "telegram": unpaced})

    def processor(
        self,
        *,
        turns: RunTurn | None = None,
        channels: ChannelRegistry | None = None,
        **options: Any,
    ) -> Processor:
        """The one hand-built Processor of the tests: the rig's turns and channels unless given
        (``options``: now, max_attempts, turn_timeout_s)."""
        return Processor(
            inbox=self.storage.inbox,
            turns=turns or self.turns(),
            identities=self.storage.identities,
            outbound=self.storage.outbound,
            channels=self.channels() if channels is None else channels,
            **options,
        )

    def drain(self, processor: Processor | None = None) -> None:
        worker = LocalWorker(processor or self.processor(), self.storage.inbox)
        asyncio.run(worker.drain())


def make_rig(tmp: Path, telegram: FakeTelegramAPI | None, twilio: FakeTwilioAPI | None) -> Rig:
    settings = make_settings(tmp, telegram, twilio)
    storage = Container(settings).storage
    enqueued: list[QueueItem] = []
    app = create_app(
        settings, Services(inbox=storage.inbox, outbound=storage.outbound, enqueue=enqueued.append)
    )
    return Rig(settings, storage, TestClient(app), enqueued)
