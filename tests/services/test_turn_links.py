"""Login links are written in the turn's one transaction (SQLite and MariaDB): the token row
commits with the turn, a rerun after a conflict leaves one live token, a crash leaves none."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import TracebackType

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import Conversation
from bot.messages import Channel, Inbound, Reply
from db.link_pages import SqlLinkPages
from db.links import LinkToken, hash_secret
from db.models import ChatIdentity, ConversationRow, ProcessedEvent
from db.unit_of_work import SqlTurnWorks
from services.turns import TurnResult, TurnRunner
from services.unit_of_work import (
    Cases,
    Chats,
    Conversations,
    Ledger,
    Links,
    Privacy,
    Reminders,
    TurnWork,
)
from tests.services.fakes import PUBLIC_URL, FakeAnswerer, FixedClock, fake_works

Sessions = sessionmaker[Session]
_ids = itertools.count(1)
_URL = re.compile(r"https://abogado\.example/link/([A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class _Claims:
    """What the ID token says about the person logging in."""

    sub: str = "sub-t6"
    username: str = "t6"
    email: str | None = None
    is_admin: bool = False


class StoreCrashed(Exception):
    """What the crashing ledger raises (a disk or a process gone mid-turn)."""


class _RacedConversations:
    """The real store; right after ``load``, ``race`` runs (another turn commits meanwhile)."""

    def __init__(self, inner: Conversations, race: Callable[[], None]) -> None:
        self._inner = inner
        self._race = race

    def load(self, *, channel: Channel, chat_id: str, today: date) -> Conversation:
        conversation = self._inner.load(channel=channel, chat_id=chat_id, today=today)
        self._race()
        return conversation

    def save(self, conversation: Conversation, *, last_inbound_at: datetime | None = None) -> None:
        self._inner.save(conversation, last_inbound_at=last_inbound_at)

    def identity_id(self, channel: str, chat_id: str) -> int | None:
        return self._inner.identity_id(channel, chat_id)

    def user_id(self, channel: str, chat_id: str) -> int | None:
        return self._inner.user_id(channel, chat_id)


class _CrashingLedger:
    """Reads like the real ledger; recording the turn (its last write) crashes."""

    def __init__(self, inner: Ledger) -> None:
        self._inner = inner

    def replies_for(self, key: str) -> tuple[Reply, ...] | None:
        return self._inner.replies_for(key)

    def record(self, *, key: str, identity_id: int | None, replies: Sequence[Reply]) -> None:
        raise StoreCrashed("the ledger died after the link was written")


class _Meddled:
    """The SQL unit of work of one attempt with a raced conversation store or a crashing
    ledger; every other repository is the real one."""

    def __init__(self, inner: TurnWork, *, race: Callable[[], None] | None, crash: bool) -> None:
        self._inner = inner
        self._race = race
        self._crash = crash

    def __enter__(self) -> _Meddled:
        self._inner.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._inner.__exit__(exc_type, exc, traceback)

    def commit(self) -> None:
        self._inner.commit()

    @property
    def conversations(self) -> Conversations:
        inner = self._inner.conversations
        return _RacedConversations(inner, self._race) if self._race else inner

    @property
    def ledger(self) -> Ledger:
        inner = self._inner.ledger
        return _CrashingLedger(inner) if self._crash else inner

    @property
    def cases(self) -> Cases:
        return self._inner.cases

    @property
    def links(self) -> Links:
        return self._inner.links

    @property
    def chats(self) -> Chats:
        return self._inner.chats

    @property
    def privacy(self) -> Privacy:
        return self._inner.privacy

    @property
    def reminders(self) -> Reminders:
        return self._inner.reminders


class _FirstAttemptMeddled:
    """``TurnWorks`` whose first attempt is ``_Meddled``; later attempts are plain."""

    def __init__(
        self, works: SqlTurnWorks, *, race: Callable[[], None] | None = None, crash: bool = False
    ) -> None:
        self._works = works
        self._race = race
        self._crash = crash
        self.attempts = 0

    def __call__(self, *, now: datetime) -> TurnWork:
        self.attempts += 1
        work = self._works(now=now)
        if self.attempts > 1:
            return work
        return _Meddled(work, race=self._race, crash=self._crash)


def _send(runner: TurnRunner, body: str, chat: str) -> TurnResult:
    return runner.handle(
        Inbound.from_text(
            channel="telegram",
            chat_id=chat,
            message_id=f"l{next(_ids)}",
            text=body,
            received_at=datetime(2026, 11, 26, 17, 59, tzinfo=UTC),
        )
    )


def _runner(works: object) -> TurnRunner:
    return TurnRunner(
        work=works,  # type: ignore[arg-type]  # a TurnWorks
        answerer=FakeAnswerer(),
        clock=FixedClock(),
        sleep=lambda _: None,
    )


def _tokens(sessions: Sessions, chat: str) -> list[tuple[str, bool]]:
    """The chat's link tokens, oldest first: (hash, still usable)."""
    with sessions() as session:
        rows = session.execute(
            select(LinkToken.token_hash, LinkToken.revoked_at, LinkToken.used_at)
            .join(ChatIdentity, ChatIdentity.id == LinkToken.identity_id)
            .where(ChatIdentity.external_id == chat)
            .order_by(LinkToken.id)
        ).all()
    return [(h, revoked is None and used is None) for h, revoked, used in rows]


def _link_in(result: TurnResult) -> str:
    found = _URL.search("\n".join(r.text for r in result.replies))
    assert found is not None, result.replies
    return found.group(1)


def test_first_contact_commits_its_link_with_the_turn(sessions: Sessions) -> None:
    result = _send(_runner(fake_works(sessions)), "hola", "t1")
    token = _link_in(result)
    assert result.attempts == 1
    assert _tokens(sessions, "t1") == [(hash_secret(token), True)]
    with sessions() as session:  # the ledger keeps the reply without the link itself
        stored = session.scalars(select(ProcessedEvent.replies)).one()
    assert token not in str(stored)


def test_a_rerun_after_a_version_conflict_leaves_one_live_token(sessions: Sessions) -> None:
    runner = _runner(fake_works(sessions))
    first = _link_in(_send(runner, "hola", "t2"))

    def another_turn_commits() -> None:
        with sessions.begin() as other:
            other.execute(update(ConversationRow).values(version=ConversationRow.version + 1))

    works = _FirstAttemptMeddled(fake_works(sessions), race=another_turn_commits)
    result = _send(_runner(works), "/vincular", "t2")
    assert result.attempts == 2  # the first attempt met the conflict and was rolled back
    second = _link_in(result)
    # The first message's token (revoked by the second) and the rerun's: the conflicted
    # attempt's token went with its transaction.
    assert _tokens(sessions, "t2") == [(hash_secret(first), False), (hash_secret(second), True)]


def test_a_crash_after_the_link_write_leaves_no_token(sessions: Sessions) -> None:
    works = _FirstAttemptMeddled(fake_works(sessions), crash=True)
    with pytest.raises(StoreCrashed):
        _send(_runner(works), "hola", "t3")
    assert _tokens(sessions, "t3") == []
    with sessions() as session:  # nor anything else of the crashed turn
        assert session.scalars(select(ChatIdentity)).all() == []
    retried = _send(_runner(fake_works(sessions)), "hola", "t3")  # the worker retries
    assert _tokens(sessions, "t3") == [(hash_secret(_link_in(retried)), True)]


def test_a_duplicate_delivery_gets_a_fresh_link_in_one_commit(sessions: Sessions) -> None:
    runner = _runner(fake_works(sessions))
    inbound = Inbound.from_text(
        channel="telegram",
        chat_id="t4",
        message_id="dup-1",
        text="hola",
        received_at=datetime(2026, 11, 26, 17, 59, tzinfo=UTC),
    )
    first = _link_in(runner.handle(inbound))
    again = runner.handle(inbound)
    assert again.duplicate
    fresh = _link_in(again)
    assert fresh != first
    assert _tokens(sessions, "t4") == [(hash_secret(first), False), (hash_secret(fresh), True)]


def test_without_a_public_url_no_link_is_offered_and_nothing_is_minted(
    sessions: Sessions,
) -> None:
    result = _send(_runner(SqlTurnWorks(sessions)), "hola", "t5")
    assert _URL.search("\n".join(r.text for r in result.replies)) is None
    assert _tokens(sessions, "t5") == []


def test_the_real_link_flow_commits_once_per_turn(sessions: Sessions) -> None:
    """The login link and the code typed back, with the real ``SqlLinks``: each turn is one
    commit (the linker used to commit on its own besides)."""
    engine = sessions.kw["bind"]
    commits: list[int] = []
    runner = _runner(SqlTurnWorks(sessions, public_url=PUBLIC_URL))

    def count(_connection: object) -> None:
        commits.append(1)

    event.listen(engine, "commit", count)
    try:
        token = _link_in(_send(runner, "hola", "t6"))
        assert len(commits) == 1
        pages = SqlLinkPages(sessions=sessions)
        now = FixedClock().now()
        assert (
            pages.start_login(
                token, state="st-t6", browser="br", code_verifier="v" * 43, nonce="n", now=now
            ).state
            == "ok"
        )
        pending = pages.take_login("st-t6", browser="br", now=now)
        assert pending is not None
        code = pages.finish_login(pending, claims=_Claims(), now=now).code
        assert code is not None
        commits.clear()
        linked = _send(runner, code, "t6")
        assert len(commits) == 1
    finally:
        event.remove(engine, "commit", count)
    assert "vinculado" in "\n".join(r.text for r in linked.replies)
    with sessions() as session:
        identity = session.scalars(
            select(ChatIdentity).where(ChatIdentity.external_id == "t6")
        ).one()
        assert identity.user_id is not None
