"""The worker: every update kind answered once, per-chat order, retries, dead letters, crashes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from bot.messages import Inbound, Reply
from db.inbound_table import ChatKeys
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks import payloads
from tests.webhooks.rig import Rig
from webhooks.channels import ChannelRegistry
from webhooks.worker import LEASE, LocalWorker, backoff


class Clock:
    def __init__(self) -> None:
        # well ahead of the receiver's real clock, so what it stores (even on a slow,
        # loaded machine) is already due
        self.value = datetime.now(UTC) + timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.value


def kinds() -> list[str]:
    skip = {"poison", "edited_message", "channel_post", "my_chat_member_kicked"}
    skip.add("my_chat_member_member")
    return [n for n in payloads.names("telegram") if n not in skip]


@pytest.mark.parametrize("name", kinds())
def test_every_telegram_kind_gets_a_reply(
    rig: Rig, fake_telegram: FakeTelegramAPI, name: str
) -> None:
    assert rig.telegram(payloads.telegram(name)).status_code == 200
    rig.drain()
    sent = fake_telegram.sent("111222333")
    assert len(sent) >= 1
    assert all(call.text.strip() for call in sent)
    assert rig.storage.inbox.counts() == {"done": 1}


@pytest.mark.parametrize(
    "name",
    [n for n in payloads.names("twilio") if not n.startswith("status_")],
)
def test_every_whatsapp_kind_gets_a_reply(rig: Rig, fake_twilio: FakeTwilioAPI, name: str) -> None:
    assert rig.whatsapp(payloads.twilio(name)).status_code == 200
    rig.drain()
    sent = fake_twilio.messages("whatsapp:+5215512345678")
    assert len(sent) >= 1
    assert all(len(c.body) <= 1600 for c in sent)
    assert rig.storage.inbox.counts() == {"done": 1}


def test_question_answer_is_escaped_for_telegram(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    rig.drain()
    assert rig.answerer.questions
    texts = [call.text for call in fake_telegram.sent()]
    assert all(call.params.get("parse_mode") == "HTML" for call in fake_telegram.sent())
    assert any("&lt;patrón&gt; &amp; trabajador" in text for text in texts)
    assert not any("<patrón>" in text for text in texts)  # never raw markup from the answer


def test_kicked_marks_the_identity_blocked(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    assert rig.telegram(payloads.telegram("my_chat_member_kicked")).status_code == 200
    rig.drain()
    assert rig.storage.identities.is_blocked(channel="telegram", chat_id="111222333")
    assert fake_telegram.sent() == []
    assert rig.telegram(payloads.telegram("my_chat_member_member")).status_code == 200
    rig.drain()
    assert not rig.storage.identities.is_blocked(channel="telegram", chat_id="111222333")


def test_403_on_send_marks_blocked_and_stops(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    fake_telegram.block_chat("111222333")
    assert rig.telegram(payloads.telegram("command")).status_code == 200
    rig.drain()
    assert len(fake_telegram.sent()) == 1
    assert rig.storage.identities.is_blocked(channel="telegram", chat_id="111222333")
    assert rig.storage.inbox.counts() == {"done": 1}


def test_per_chat_fifo_and_parallel_chats(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    for i in range(4):
        for chat in (1001, 1002):
            data = payloads.telegram("text")
            data["update_id"] = 10 * chat + i
            data["message"]["chat"]["id"] = chat
            data["message"]["text"] = f"/ayuda {chat}-{i}"
            assert rig.telegram(data).status_code == 200
    # the queue hands out one update per chat at a time, oldest first
    now = datetime.now(UTC) + timedelta(seconds=1)
    first = rig.storage.inbox.claim(now=now, lease=LEASE, limit=10)
    assert [q.platform_id for q in first] == ["10010", "10020"]
    assert rig.storage.inbox.claim(now=now, lease=LEASE, limit=10) == []
    for q in first:
        rig.storage.inbox.done(q.id, now=now)
    second = rig.storage.inbox.claim(now=now, lease=LEASE, limit=10)
    assert [q.platform_id for q in second] == ["10011", "10021"]


def test_worker_drains_a_chat_backlog(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    for i in range(3):
        data = payloads.telegram("text")
        data["update_id"] = 500 + i
        data["message"]["text"] = "/ayuda"
        assert rig.telegram(data).status_code == 200
    rig.drain()
    assert rig.storage.inbox.counts() == {"done": 3}
    ids = [int(c.params["chat_id"]) for c in fake_telegram.sent()]
    assert len(ids) >= 3
    assert set(ids) == {111222333}


def test_failures_retry_with_backoff_then_dead_letter(rig: Rig) -> None:
    clock = Clock()
    calls: list[str] = []

    def broken(inbound: Inbound) -> Sequence[Reply]:
        calls.append(inbound.message_id)
        raise RuntimeError("answer service exploded")

    processor = rig.processor(turns=broken, now=clock, max_attempts=3)
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    worker = LocalWorker(processor, rig.storage.inbox, now=clock)
    for attempt in range(1, 4):
        asyncio.run(worker.drain())
        assert len(calls) == attempt
        clock.value += timedelta(seconds=backoff(attempt) + 0.01)
    asyncio.run(worker.drain())
    assert len(calls) == 3
    [(channel, platform_id, reason)] = rig.storage.inbox.dead_letters()
    assert (channel, platform_id) == ("telegram", "918273001")
    assert reason == "gave up: turn: RuntimeError"


def test_an_update_of_a_channel_not_configured_waits_unread(rig: Rig) -> None:
    """The worker reads an update only through its channel: without it, nothing is parsed or
    run, and the update is retried (then dead-lettered) instead of answered into the void."""
    clock = Clock()
    calls: list[str] = []

    def turns(inbound: Inbound) -> Sequence[Reply]:
        calls.append(inbound.message_id)
        return ()

    processor = rig.processor(turns=turns, channels=ChannelRegistry(), now=clock, max_attempts=2)
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    worker = LocalWorker(processor, rig.storage.inbox, now=clock)
    for attempt in range(1, 3):
        asyncio.run(worker.drain())
        clock.value += timedelta(seconds=backoff(attempt) + 0.01)
    assert calls == []
    [(channel, _platform_id, reason)] = rig.storage.inbox.dead_letters()
    assert channel == "telegram"
    assert reason == "gave up: channel telegram is not configured"


def test_backoff_is_capped_exponential() -> None:
    assert [backoff(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_crash_after_the_turn_answers_once(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    clock = Clock()
    real = rig.turns()
    crashed: list[bool] = []

    def crash_after_commit(inbound: Inbound) -> Sequence[Reply]:
        replies = real(inbound)
        if not crashed:
            crashed.append(True)
            raise RuntimeError("worker died after the turn committed")
        return replies

    processor = rig.processor(turns=crash_after_commit, now=clock)
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    worker = LocalWorker(processor, rig.storage.inbox, now=clock)
    asyncio.run(worker.drain())
    assert fake_telegram.sent() == []
    clock.value += timedelta(seconds=backoff(1) + 0.01)
    asyncio.run(worker.drain())
    first = [c.text for c in fake_telegram.sent()]
    assert first
    # the turn ran once; the retry reused its stored replies instead of answering again
    assert len(rig.answerer.questions) == 1
    asyncio.run(worker.drain())
    assert [c.text for c in fake_telegram.sent()] == first


def test_hard_crash_mid_turn_is_picked_up_after_the_lease(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    now = datetime.now(UTC) + timedelta(seconds=1)
    [claimed] = rig.storage.inbox.claim(now=now, lease=LEASE, limit=1)  # then the process dies
    rig.drain()  # a restarted worker, before the lease ran out: nothing to do
    assert fake_telegram.sent() == []
    clock = Clock()
    clock.value = now + LEASE + timedelta(seconds=1)
    processor = rig.processor(now=clock)
    asyncio.run(LocalWorker(processor, rig.storage.inbox, now=clock).drain())
    assert len(fake_telegram.sent()) >= 1
    assert rig.storage.inbox.counts() == {"done": 1}
    assert claimed.attempts == 1


def test_send_failure_resumes_without_resending(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    clock = Clock()
    processor = rig.processor(
        turns=lambda inbound: (Reply("primera"), Reply("segunda"), Reply("tercera")), now=clock
    )
    fake_telegram.fail_next("sendMessage", status=502, description="Bad Gateway")
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    worker = LocalWorker(processor, rig.storage.inbox, now=clock)
    # first send fails (502): nothing delivered, retried later
    asyncio.run(worker.drain())
    clock.value += timedelta(seconds=5)
    asyncio.run(worker.drain())
    texts = [c.text for c in fake_telegram.sent() if c.text]
    assert texts[-3:] == ["primera", "segunda", "tercera"]
    delivered = [c for c in fake_telegram.sent()]
    assert len(delivered) == 4  # one failed attempt + three replies, none twice
    assert rig.storage.inbox.counts() == {"done": 1}


def test_done_updates_drop_their_payload(rig: Rig) -> None:
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    rig.drain()
    with rig.storage.engine.connect() as conn:
        payload = conn.exec_driver_sql("SELECT payload FROM inbound_updates").scalar_one()
    assert payload == ""


def test_chat_key_hides_the_number() -> None:
    key = ChatKeys(b"k" * 32)("whatsapp", "+5215512345678")
    assert "5512345678" not in key
    assert len(key) == 64
    assert json.dumps(key)


def test_failure_mid_reply_resumes_at_the_failed_chunk(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    clock = Clock()
    long_reply = "\n\n".join(f"Parte {i}: " + "palabra " * 500 for i in range(3))
    processor = rig.processor(
        turns=lambda inbound: (Reply("antes"), Reply(long_reply), Reply("después")), now=clock
    )
    # "antes" and the long reply's first chunk go out; its second chunk hits a 502
    fake_telegram.fail_next("sendMessage", status=502, description="Bad Gateway", after=2)
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    worker = LocalWorker(processor, rig.storage.inbox, now=clock)
    asyncio.run(worker.drain())
    clock.value += timedelta(seconds=5)
    asyncio.run(worker.drain())
    texts = [c.text for c in fake_telegram.sent()]
    delivered = [t for i, t in enumerate(texts) if i != 2]  # the 502 attempt
    assert delivered[0] == "antes"
    assert [t.split(":")[0] for t in delivered[1:4]] == ["Parte 0", "Parte 1", "Parte 2"]
    assert delivered[4:] == ["después"]
    assert texts[2].startswith("Parte 1")
    assert rig.storage.inbox.counts() == {"done": 1}


def test_update_that_only_ptb_rejects_is_dead_lettered_by_the_worker(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    body = {"update_id": 9, "message": {"chat": {"id": 5, "type": "private"}}}
    assert rig.telegram(body).status_code == 200
    assert rig.storage.inbox.counts() == {"queued": 1}
    rig.drain()
    [(channel, platform_id, reason)] = rig.storage.inbox.dead_letters()
    assert (channel, platform_id) == ("telegram", "9")
    assert reason.startswith("telegram update")
    assert fake_telegram.sent() == []


async def _run_until(worker: LocalWorker, rig: Rig, done: int, before: float = 0.0) -> None:
    """Run the worker until ``done`` updates are done (10 s at most); ``before``: first wait."""
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(before)
    for _ in range(500):
        if rig.storage.inbox.counts() == {"done": done}:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await running


def test_worker_waits_while_the_receiver_is_flooded(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    flooded = [True]
    worker = LocalWorker(
        rig.processor(), rig.storage.inbox, yield_while=lambda: flooded[-1], max_yield_s=30
    )
    assert rig.telegram(payloads.telegram("text")).status_code == 200

    async def main() -> None:
        await asyncio.sleep(0.3)
        assert rig.storage.inbox.counts() == {"queued": 1}  # left for after the acks
        flooded.append(False)

    async def both() -> None:
        await asyncio.gather(main(), _run_until(worker, rig, 1, before=0.3))

    asyncio.run(both())
    assert rig.storage.inbox.counts() == {"done": 1}
    assert len(fake_telegram.sent()) >= 1


def test_worker_still_makes_progress_when_the_flood_never_ends(rig: Rig) -> None:
    worker = LocalWorker(
        rig.processor(), rig.storage.inbox, yield_while=lambda: True, max_yield_s=0.05
    )
    for name in ("text", "command"):
        assert rig.telegram(payloads.telegram(name)).status_code == 200
    asyncio.run(_run_until(worker, rig, 2))
    assert rig.storage.inbox.counts() == {"done": 2}


def test_a_refused_send_is_dead_lettered_not_retried(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    rig.drain()
    [(channel, _, reason)] = rig.storage.inbox.dead_letters()
    assert channel == "telegram"
    assert reason.startswith("send refused")
