"""The courier delivers notices through the real channel adapters to the fake Telegram and Twilio
servers: once each, never again after a crash, WhatsApp by the window or by the template."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db import lawyer_inbox, migrate
from db.engine import make_engine, make_sessionmaker
from db.handoff_table import HandoffRequest
from db.models import ChatIdentity
from db.notice_table import NoticeRow
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.services.fakes import FixedClock
from tests.webhooks.broadcast.conftest import telegram_broadcaster, whatsapp_broadcaster
from tests.webhooks.lawyers.cases import add_request
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.providers import Message, Result
from webhooks.broadcast.sender import Broadcaster
from webhooks.courier import Courier

Sessions = sessionmaker[Session]
NOW = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
TEMPLATE = "HX" + "c" * 32
ANA = lawyer_inbox.Lawyer(sub="sub-ana", actor="ana@despacho.mx")
REPLY = "Tienes derecho a 3 meses de salario (Art. 48)."


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Sessions]:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


def claimed_request(sessions: Sessions, **kwargs: object) -> int:
    """A request Ana claimed (its claim notice already sent) and answered once."""
    request_id = add_request(sessions, status="open", **kwargs)  # type: ignore[arg-type]
    with sessions.begin() as session:
        assert lawyer_inbox.claim(session, ANA, request_id, now=NOW)
        session.execute(
            update(NoticeRow).where(NoticeRow.kind == "handoff_claimed").values(status="sent")
        )
        assert lawyer_inbox.reply(session, ANA, request_id, REPLY, now=NOW)
    return request_id


def courier(
    sessions: Sessions,
    clock: FixedClock,
    *,
    telegram: Broadcaster | None = None,
    twilio: FakeTwilioAPI | None = None,
    template_sid: str | None = None,
    owner: str = "test",
) -> Courier:
    broadcasters: dict[str, Broadcaster] = {}
    if telegram is not None:
        broadcasters["telegram"] = telegram
    if twilio is not None:
        broadcasters["whatsapp"] = whatsapp_broadcaster(twilio, now=clock.now)
    return Courier(
        sessions=sessions,
        broadcasters=broadcasters,
        clock=clock,
        pacers={"telegram": Pacer(rate=30.0), "whatsapp": Pacer(rate=30.0)},
        template_sid=template_sid,
        owner=owner,
    )


def run(c: Courier) -> dict[str, int]:
    async def go() -> dict[str, int]:
        try:
            return await c.run_once()
        finally:
            await c.close()

    return asyncio.run(go())


def statuses(sessions: Sessions) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(NoticeRow.status).order_by(NoticeRow.id)))


def test_a_lawyers_reply_reaches_telegram_exactly_once(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    claimed_request(db, chat_id="7001")
    clock = FixedClock(NOW + timedelta(minutes=1))
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {"sent": 1}
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {}
    sent = fake_telegram.sent("7001")
    assert len(sent) == 1
    assert REPLY in sent[0].text
    assert statuses(db) == ["sent", "sent"]


def test_two_couriers_at_once_send_each_notice_once(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    for n in range(6):
        claimed_request(db, chat_id=f"71{n:02d}")
    clock = FixedClock(NOW + timedelta(minutes=1))

    async def both() -> list[dict[str, int]]:
        couriers = [
            courier(db, clock, telegram=telegram_broadcaster(fake_telegram), owner=name)
            for name in ("a", "b")
        ]
        try:
            return list(await asyncio.gather(*(c.run_once() for c in couriers)))
        finally:
            for c in couriers:
                await c.close()

    totals = asyncio.run(both())
    assert sum(t.get("sent", 0) for t in totals) == 6
    assert len(fake_telegram.sent()) == 6


class DiesAfterSending:
    """The real Telegram adapter, then the process dies (a Lambda timeout, a kill) before the
    courier can record the send."""

    channel = "telegram"

    def __init__(self, inner: Broadcaster) -> None:
        self._inner = inner

    async def send(
        self, chat_id: str, message: Message, *, last_inbound_at: datetime | None
    ) -> Result:
        await self._inner.send(chat_id, message, last_inbound_at=last_inbound_at)
        raise asyncio.CancelledError  # not an Exception: nothing in the courier catches it

    async def close(self) -> None:
        await self._inner.close()


def test_a_crash_after_the_send_leaves_it_unknown_and_never_resent(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    claimed_request(db, chat_id="7201")
    clock = FixedClock(NOW + timedelta(minutes=1))
    dying = courier(db, clock, telegram=DiesAfterSending(telegram_broadcaster(fake_telegram)))
    with pytest.raises(asyncio.CancelledError):
        run(dying)
    assert statuses(db) == ["sent", "sending"]
    # The next courier, before the lease ends: the row is someone's; after it: in doubt.
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {}
    later = FixedClock(clock.instant + timedelta(minutes=11))
    assert run(courier(db, later, telegram=telegram_broadcaster(fake_telegram))) == {}
    assert statuses(db) == ["sent", "unknown"]
    assert len(fake_telegram.sent("7201")) == 1


def test_a_send_that_may_have_arrived_is_unknown_not_retried(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    claimed_request(db, chat_id="7301")
    fake_telegram.drop_answers()
    clock = FixedClock(NOW + timedelta(minutes=1))
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {"unknown": 1}
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {}
    assert len(fake_telegram.sent("7301")) == 1


def test_a_rate_limit_gives_the_notice_back_for_the_next_pass(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    claimed_request(db, chat_id="7401")
    fake_telegram.rate_limit(retry_after=1)
    clock = FixedClock(NOW + timedelta(minutes=1))
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {"retry": 1}
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {"sent": 1}
    assert len(fake_telegram.delivered("7401")) == 1


def test_whatsapp_inside_the_window_gets_the_text(db: Sessions, fake_twilio: FakeTwilioAPI) -> None:
    claimed_request(db, channel="whatsapp", chat_id="+5215500000001", last_inbound_at=NOW)
    clock = FixedClock(NOW + timedelta(hours=2))
    assert run(courier(db, clock, twilio=fake_twilio, template_sid=TEMPLATE)) == {"sent": 1}
    [call] = fake_twilio.messages()
    assert REPLY in call.body
    assert "ContentSid" not in call.form


def _worker_writes(sessions: Sessions, at: datetime) -> None:
    with sessions.begin() as session:
        session.execute(update(ChatIdentity).values(last_inbound_at=at))


def test_whatsapp_outside_the_window_gets_one_template_then_the_texts_after_ver(
    db: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    request_id = claimed_request(
        db, channel="whatsapp", chat_id="+5215500000002", last_inbound_at=NOW
    )
    with db.begin() as session:  # a second reply before the worker comes back
        assert lawyer_inbox.reply(session, ANA, request_id, "Y guarda tus recibos.", now=NOW)
    clock = FixedClock(NOW + timedelta(hours=30))
    assert run(courier(db, clock, twilio=fake_twilio, template_sid=TEMPLATE)) == {"template": 1}
    assert run(courier(db, clock, twilio=fake_twilio, template_sid=TEMPLATE)) == {}
    [nudge] = fake_twilio.messages()
    assert nudge.form["ContentSid"] == TEMPLATE
    assert "Body" not in nudge.form
    assert statuses(db) == ["sent", "pending", "pending"]

    # The worker writes VER: the window is open, both texts go, in order, once.
    _worker_writes(db, clock.instant + timedelta(minutes=1))
    later = FixedClock(clock.instant + timedelta(minutes=2))
    assert run(courier(db, later, twilio=fake_twilio, template_sid=TEMPLATE)) == {"sent": 2}
    texts = [c.body for c in fake_twilio.messages()[1:]]
    assert REPLY in texts[0]
    assert "Y guarda tus recibos." in texts[1]
    assert statuses(db) == ["sent", "sent", "sent"]


def test_whatsapp_outside_the_window_without_a_template_waits_for_the_worker(
    db: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    claimed_request(db, channel="whatsapp", chat_id="+5215500000003", last_inbound_at=NOW)
    clock = FixedClock(NOW + timedelta(hours=30))
    assert run(courier(db, clock, twilio=fake_twilio)) == {}
    assert fake_twilio.messages() == []
    _worker_writes(db, clock.instant)
    assert run(courier(db, clock, twilio=fake_twilio)) == {"sent": 1}
    assert REPLY in fake_twilio.messages()[0].body


def test_a_channel_not_configured_here_leaves_its_notices_pending(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    claimed_request(db, channel="whatsapp", chat_id="+5215500000004", last_inbound_at=NOW)
    clock = FixedClock(NOW + timedelta(minutes=1))
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {}
    assert statuses(db) == ["sent", "pending"]


def test_a_worker_who_blocked_the_bot_is_marked_and_the_notice_failed(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    claimed_request(db, chat_id="7501")
    fake_telegram.block_chat("7501")
    clock = FixedClock(NOW + timedelta(minutes=1))
    assert run(courier(db, clock, telegram=telegram_broadcaster(fake_telegram))) == {"failed": 1}
    with db() as session:
        assert session.scalar(
            select(ChatIdentity.blocked).where(ChatIdentity.external_id == "7501")
        )
    assert statuses(db) == ["sent", "failed"]


def _backlog(sessions: Sessions, *, channel: str, chat_id: str, count: int) -> None:
    """``count`` pending notices of another chat, older than what the test sends."""
    from db import notices

    request_id = add_request(sessions, channel=channel, chat_id=chat_id, status="open")
    with sessions.begin() as session:
        session.execute(update(NoticeRow).values(status="sent"))
        identity = session.get_one(HandoffRequest, request_id).identity_id
        for _ in range(count):
            notices.enqueue(session, identity_id=identity, kind="lawyer_reply", text="x", now=NOW)


def test_the_terminals_own_courier_finds_its_chat_behind_a_backlog_of_others(
    db: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    """``identities`` (the terminal's courier) and the channels are filtered in the query: a
    batch full of other chats' notices never hides this chat's."""
    _backlog(db, channel="telegram", chat_id="7101", count=4)
    _backlog(db, channel="whatsapp", chat_id="+5215500000005", count=4)
    request_id = claimed_request(db, chat_id="7102")
    with db() as session:
        mine = session.get_one(HandoffRequest, request_id).identity_id
    clock = FixedClock(NOW + timedelta(minutes=1))
    own = courier(db, clock, telegram=telegram_broadcaster(fake_telegram))
    own.batch, own.identities = 3, frozenset({mine})
    assert run(own) == {"sent": 1}
    [sent] = fake_telegram.sent("7102")
    assert REPLY in sent.text
    assert fake_telegram.sent("7101") == []
