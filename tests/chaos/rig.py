"""The chaos rig: the real receiver, queue, turn runner and worker over a chosen database, with
an answerer and a clock the test controls, and checks of "answered once or dead-lettered".
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from abogado.container import Container
from bot.ports import Answerer, AnswerResult
from db.unit_of_work import SqlTurnWorks
from services.settings import DatabaseSettings
from services.turns import TurnRunner
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks import payloads
from tests.webhooks.rig import FixedClock, Rig, make_settings
from webhooks.app import Services, create_app
from webhooks.ports import QueueItem
from webhooks.whatsapp_channel import TwilioWhatsAppChannel
from webhooks.worker import LocalWorker, Processor

ANSWER = "Según el artículo 47, el despido sin aviso escrito se presume injustificado."


class ScriptedAnswerer:
    """bot.ports.Answerer whose next calls run test hooks (kill the database, raise, hang)."""

    def __init__(self, delegate: Answerer | None = None) -> None:
        self.delegate = delegate  # the real answer pipeline, when a test has one
        self.calls = 0
        self.returned = 0  # calls that ended (returned or raised)
        self.hooks: list[Callable[[], None]] = []
        self.lock = threading.Lock()

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        with self.lock:
            self.calls += 1
            hook = self.hooks.pop(0) if self.hooks else None
        try:
            if hook is not None:
                hook()
        finally:
            with self.lock:
                self.returned += 1
        if self.delegate is not None:
            return self.delegate.answer(
                question, context=context, history=history, facts=facts, detail=detail
            )
        return AnswerResult(ANSWER, ("47",))


class Clock:
    """The worker's clock: starts well ahead of the receiver's, moved on by the test."""

    def __init__(self) -> None:
        self.value = datetime.now(UTC) + timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += timedelta(seconds=seconds)


@dataclass
class ChaosRig:
    rig: Rig
    telegram_api: FakeTelegramAPI
    twilio_api: FakeTwilioAPI
    answerer: ScriptedAnswerer = field(default_factory=ScriptedAnswerer)
    clock: Clock = field(default_factory=Clock)

    @property
    def inbox(self) -> Any:
        return self.rig.storage.inbox

    def telegram_question(self, update_id: int, chat: int, text: str = "") -> int:
        """POST an authentic Telegram question; returns the HTTP status."""
        data = payloads.telegram("text")
        data["update_id"] = update_id
        data["message"]["message_id"] = update_id
        data["message"]["chat"]["id"] = chat
        data["message"]["from"]["id"] = chat
        data["message"]["text"] = text or f"me corrieron sin carta, ¿es legal? ({update_id})"
        return int(self.rig.telegram(data).status_code)

    def processor(self, **kwargs: Any) -> Processor:
        runner = TurnRunner(
            work=SqlTurnWorks(self.rig.storage.sessions),
            answerer=self.answerer,
            clock=FixedClock(),
            anonymous_questions=100,
        )
        channels = self.rig.channels()
        whatsapp = channels.get("whatsapp")
        if isinstance(whatsapp, TwilioWhatsAppChannel):
            whatsapp._sleep = _no_sleep
        return self.rig.processor(
            turns=lambda inbound: runner.handle(inbound).replies,
            channels=channels,
            now=self.clock,
            **kwargs,
        )

    def worker(self, processor: Processor | None = None) -> LocalWorker:
        return LocalWorker(processor or self.processor(), self.rig.storage.inbox, now=self.clock)

    def drain(self, worker: LocalWorker | None = None) -> None:
        asyncio.run((worker or self.worker()).drain())

    def settle(self, worker: LocalWorker, *, rounds: int = 12, step_s: float = 61.0) -> None:
        """Drain, move the clock past every backoff, and again, until nothing is left."""
        for _ in range(rounds):
            asyncio.run(worker.drain())
            counts = self.inbox.counts()
            if set(counts) <= {"done", "dead"}:
                return
            self.clock.advance(step_s)

    # -- checks ---------------------------------------------------------------------------
    def telegram_texts(self, chat: int) -> list[str]:
        return [c.text for c in self.telegram_api.delivered(str(chat))]

    def assert_answered_once(self, chats: Sequence[int]) -> None:
        """Each chat got its turn's replies, none of them twice, and nothing else got any."""
        for chat in chats:
            texts = self.telegram_texts(chat)
            assert texts, f"chat {chat} got no answer"
            repeated = [t[:40] for t, n in Counter(texts).items() if n > 1]
            assert not repeated, f"chat {chat} got a reply twice: {repeated}"
            assert any("artículo 47" in t for t in texts), texts
        others = {c.chat_id for c in self.telegram_api.delivered()} - {str(c) for c in chats}
        assert not others


def _no_sleep(_seconds: float) -> Any:
    return asyncio.sleep(0)


def make_chaos_rig(
    tmp: Path,
    telegram_api: FakeTelegramAPI,
    twilio_api: FakeTwilioAPI,
    *,
    database_url: str | None = None,
) -> ChaosRig:
    settings = make_settings(tmp, telegram_api, twilio_api)
    if database_url is not None:
        settings = settings.model_copy(update={"database": DatabaseSettings(url=database_url)})
    storage = Container(settings).storage
    enqueued: list[QueueItem] = []
    app = create_app(
        settings, Services(inbox=storage.inbox, outbound=storage.outbound, enqueue=enqueued.append)
    )
    rig = Rig(settings, storage, TestClient(app), enqueued)
    return ChaosRig(rig, telegram_api, twilio_api)
