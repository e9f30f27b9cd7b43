"""A third channel ("webchat") written only here, registered in a ``ChannelRegistry``: its
update is stored and queued, the real Processor and turn runner answer it, the reply and a
broadcast go out through it, and its failures use the one shared classification."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from sqlalchemy import select

from bot.messages import Inbound
from db import broadcasts as repo
from db.broadcasts import Audience
from db.models import ChatIdentity
from db.receiving import NewUpdate
from tests.webhooks.rig import Rig
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.providers import Message, Result, broadcast_result
from webhooks.broadcast.sender import BroadcastSender
from webhooks.channels import Channel, ChannelRegistry, SendError, reply_outcome
from webhooks.outcomes import Blocked, Failed, SendOutcome, Sent
from webhooks.parse import Parsed
from webhooks.receive import Receiver

NOW = datetime(2026, 5, 1, 18, 0, tzinfo=UTC)


class WebChatDown(Exception):
    """What the web chat's API raises: an HTTP status, and for a 429 when to come back."""

    def __init__(self, status: int, *, after_s: float = 0.0) -> None:
        super().__init__(status)
        self.status = status
        self.after_s = after_s


def classify(exc: WebChatDown) -> SendError:
    if exc.status == 429:
        return SendError("retry", "webchat 429", after_s=exc.after_s)
    if exc.status == 410:  # the visitor closed the chat for good
        return SendError("blocked", "chat_closed")
    if exc.status == 504:
        return SendError("unknown", "webchat 504")
    return SendError("permanent", f"webchat {exc.status}")


@dataclass
class WebChat:
    """The whole channel: JSON in, an outbox out; ``failures`` are raised by the next sends."""

    outbox: list[tuple[str, str]] = field(default_factory=list)
    failures: list[WebChatDown] = field(default_factory=list)
    name: str = "webchat"

    def update(self, *, update_id: str, chat: str, text: str) -> NewUpdate:
        """What its webhook stores (the receiver's path is shared by every channel)."""
        payload = json.dumps({"id": update_id, "chat": chat, "text": text})
        return NewUpdate(self.name, update_id, chat, "json", payload)

    def parse(self, payload: str, *, received_at: datetime) -> Parsed:
        data = json.loads(payload)
        return Inbound.from_text(
            channel=cast(Any, self.name),  # bot.messages.Channel names the shipped channels
            chat_id=data["chat"],
            message_id=data["id"],
            text=data["text"],
            received_at=received_at,
        )

    def _deliver(self, chat_id: str, text: str) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.outbox.append((chat_id, text))
        return f"w{len(self.outbox)}"

    async def send(
        self,
        chat_id: str,
        text: str,
        *,
        last_inbound_at: datetime | None,
        start_part: int = 0,
    ) -> SendOutcome:
        try:
            return Sent((self._deliver(chat_id, text),))
        except WebChatDown as exc:
            return reply_outcome(classify(exc))

    async def broadcast(
        self, chat_id: str, message: Message, *, last_inbound_at: datetime | None
    ) -> Result:
        try:
            return Result("sent", provider_id=self._deliver(chat_id, message.text))
        except WebChatDown as exc:
            return broadcast_result(classify(exc))

    def pacer(self, rate: float | None = None) -> Pacer:
        return Pacer(rate=rate or 50.0)

    async def close(self) -> None:
        return None


def registered(rig: Rig, webchat: WebChat) -> ChannelRegistry:
    """The rig's Telegram and WhatsApp, plus the web chat: the only registration needed."""
    channel: Channel = webchat
    return ChannelRegistry({**rig.channels(), webchat.name: channel})


def receive(rig: Rig, webchat: WebChat, *, update_id: str, text: str) -> None:
    receiver = Receiver(inbox=rig.storage.inbox, enqueue=rig.enqueued.append, now=lambda: NOW)
    assert receiver.store([webchat.update(update_id=update_id, chat="visita-7", text=text)]) == [
        None
    ]


def broadcast(rig: Rig, channels: ChannelRegistry, text: str) -> dict[str, int]:
    with rig.storage.sessions.begin() as session:
        broadcast_id = repo.create_broadcast(
            session, text=text, audience=Audience(channel="webchat"), created_by="a@x.mx", now=NOW
        )
    sender = BroadcastSender(
        sessions=rig.storage.sessions,
        broadcasters=channels.broadcasters(),
        pacers=channels.pacers({}),
    )
    return asyncio.run(sender.run(broadcast_id))


def test_a_third_channel_is_answered_and_broadcast_to_end_to_end(rig: Rig) -> None:
    webchat = WebChat()
    channels = registered(rig, webchat)
    receive(rig, webchat, update_id="u-1", text="me corrieron sin carta, ¿es legal?")
    [queued] = rig.enqueued
    assert queued.channel == "webchat"
    rig.drain(rig.processor(channels=channels))
    assert rig.storage.inbox.counts() == {"done": 1}
    assert rig.answerer.questions  # the real turn runner asked the (fake) answer service
    assert webchat.outbox
    assert {chat for chat, _ in webchat.outbox} == {"visita-7"}
    answered = len(webchat.outbox)

    totals = broadcast(rig, channels, "La semana laboral baja a 40 horas.")
    assert totals.get("sent") == 1
    assert len(webchat.outbox) == answered + 1
    assert webchat.outbox[-1][0] == "visita-7"
    assert webchat.outbox[-1][1].startswith("La semana laboral baja a 40 horas.")


def test_a_closed_web_chat_is_marked_blocked_and_left_out_of_broadcasts(rig: Rig) -> None:
    webchat = WebChat(failures=[WebChatDown(410)])
    channels = registered(rig, webchat)
    receive(rig, webchat, update_id="u-2", text="¿cuánto es mi aguinaldo?")
    rig.drain(rig.processor(channels=channels))
    assert webchat.outbox == []
    with rig.storage.sessions() as session:
        blocked = session.scalars(
            select(ChatIdentity.blocked).where(ChatIdentity.channel == "webchat")
        ).one()
    assert blocked
    assert broadcast(rig, channels, "Aviso").get("sent") == 0  # a blocked chat is left out
    assert webchat.outbox == []


@pytest.mark.parametrize(
    ("failure", "reply", "result"),
    [
        (
            WebChatDown(429, after_s=3.0),
            Failed("webchat 429", retryable=True),
            Result("retry", "webchat 429", pause_s=3.0),
        ),
        (WebChatDown(410), Blocked("chat_closed"), Result("skipped", "chat_closed", blocked=True)),
        (WebChatDown(504), Sent(()), Result("unknown", "webchat 504")),
        (
            WebChatDown(400),
            Failed("webchat 400", retryable=False),
            Result("failed", "webchat 400"),
        ),
    ],
)
def test_one_classification_for_replies_and_broadcasts(
    failure: WebChatDown, reply: SendOutcome, result: Result
) -> None:
    webchat = WebChat(failures=[failure, failure])
    message = Message("Aviso")
    sent = asyncio.run(webchat.send("visita-7", "hola", last_inbound_at=NOW))
    assert sent == reply
    assert asyncio.run(webchat.broadcast("visita-7", message, last_inbound_at=NOW)) == result


def test_the_registry_names_each_channel_once(rig: Rig) -> None:
    channels = rig.channels()
    assert sorted(channels) == ["telegram", "whatsapp"]
    assert all(channels[name].name == name for name in channels)
    webchat: Channel = WebChat()
    with pytest.raises(ValueError, match="registered as"):
        ChannelRegistry({"telegram": webchat})
