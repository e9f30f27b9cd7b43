"""The turn runner on a real database (SQLite and MariaDB): whole conversations, idempotency,
crash recovery, deletion and two messages of one chat at once."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.messages import Channel, Inbound
from bot.ports import AnswerResult
from db.identities import ensure_linked_user
from db.models import CaseRow, ConversationRow, MessageRow
from services.turns import TurnRunner
from tests.db.databases import row_count
from tests.services.fakes import CrashingAnswerer, FakeAnswerer, FixedClock, fake_works

_ids = itertools.count(1)


def _msg(body: str, chat: str = "555", channel: Channel = "telegram") -> Inbound:
    return Inbound.from_text(
        channel=channel,
        chat_id=chat,
        message_id=f"m{next(_ids)}",
        text=body,
        received_at=datetime(2026, 11, 26, 17, 59, tzinfo=UTC),
    )


def _runner(sessions: sessionmaker[Session], answerer: object | None = None) -> TurnRunner:
    return TurnRunner(
        answerer=answerer or FakeAnswerer(),  # type: ignore[arg-type]
        clock=FixedClock(),
        work=fake_works(sessions),
        sleep=lambda _: None,
    )


def _say(runner: TurnRunner, body: str, chat: str = "555") -> str:
    return "\n".join(r.as_text() for r in runner.handle(_msg(body, chat)).replies)


def _ready(runner: TurnRunner, sessions: sessionmaker[Session], chat: str) -> None:
    """A linked chat with case 1, its form cancelled (nothing more is asked), waiting for
    questions."""
    with sessions() as session, session.begin():
        ensure_linked_user(
            session,
            channel="telegram",
            chat_id=chat,
            sub=f"s{chat}",
            username=chat,
            now=FixedClock().now(),
        )
    _say(runner, "hola", chat)
    _say(runner, "/cancelar", chat)


def test_dismissal_case_from_first_contact_to_an_answer(sessions: sessionmaker[Session]) -> None:
    answerer = FakeAnswerer()
    runner = _runner(sessions, answerer)
    first = _say(runner, "hola")
    assert "no soy un abogado" in first
    assert "https://abogado.example/link/" in first
    assert "vinculado" in _say(runner, "123456")
    for answer in [
        "me despidieron de Abarrotes La Esperanza, era cajera",
        "el lunes pasado",
        "15/03/2021",
    ]:
        _say(runner, answer)
    figure = _say(runner, "8,500 al mes")  # the case is complete: the figure comes unasked
    assert "Tu liquidación sería de unos $" in figure
    reply = _say(runner, "¿Qué me tienen que pagar si me despidieron sin causa?")
    # The table came a turn ago: its total again in one line, then the law.
    assert reply.startswith("Con lo que me dijiste, es la misma cuenta que te hice arriba")
    assert "Art. 48" in reply
    assert "Art. 47" in reply
    question, context, _history = answerer.calls[-1]
    assert context["tema"] == "despido"
    assert context["fecha de fin"] == "23/11/2026"
    assert context["salario"].startswith("$8,500.00 al mes")
    with sessions() as session:
        case = session.scalars(select(CaseRow)).one()
        assert (case.topic, case.salary_period, case.end_date) == ("despido", "mes", "2026-11-23")
        messages = session.scalars(select(MessageRow).order_by(MessageRow.id)).all()
        # The story's figure, then the question, its figure and the law's answer.
        assert [m.role for m in messages] == ["assistant", "user", "assistant", "assistant"]
        assert "48" in messages[2].cited_articles
        assert messages[3].cited_articles == ["47", "48"]
        assert messages[1].text == question


def test_history_reaches_the_answerer(sessions: sessionmaker[Session]) -> None:
    answerer = FakeAnswerer()
    runner = _runner(sessions, answerer)
    _ready(runner, sessions, "h")
    _say(runner, "¿me pueden correr?", "h")
    _say(runner, "¿y si estoy embarazada?", "h")
    assert [role for role, _ in answerer.calls[-1][2]] == ["user", "assistant"]


def test_duplicate_delivery_is_answered_once(sessions: sessionmaker[Session]) -> None:
    answerer = FakeAnswerer()
    runner = _runner(sessions, answerer)
    _ready(runner, sessions, "d")
    inbound = _msg("¿me pueden correr?", "d")
    first = runner.handle(inbound)
    again = runner.handle(inbound)
    assert again.duplicate
    assert again.replies == first.replies
    assert len(answerer.calls) == 1
    assert row_count(sessions, MessageRow) == 2


def test_crash_before_commit_is_reprocessed_and_answered_once(
    sessions: sessionmaker[Session],
) -> None:
    answerer = FakeAnswerer()
    runner = _runner(sessions, answerer)
    _ready(runner, sessions, "c")
    with sessions() as session:
        version = session.scalars(select(ConversationRow.version)).one()
    answerer.crash_first = len(answerer.calls) + 1
    inbound = _msg("¿me pueden correr por quejarme?", "c")
    with pytest.raises(CrashingAnswerer):
        runner.handle(inbound)
    assert row_count(sessions, MessageRow) == 0  # nothing of the crashed turn was kept
    result = runner.handle(inbound)  # the worker retries the same inbound later
    assert not result.duplicate
    assert "LFT" in result.replies[0].text
    assert runner.handle(inbound).duplicate
    assert row_count(sessions, MessageRow) == 2
    with sessions() as session:
        assert session.scalars(select(ConversationRow.version)).one() == version + 1


@pytest.mark.parametrize(
    ("inbound", "phrase"),
    [
        (
            Inbound.from_media(
                channel="telegram",
                chat_id="k",
                message_id="s1",
                media="sticker",
                received_at=datetime(2026, 11, 26, tzinfo=UTC),
            ),
            "sticker",
        ),
        (
            Inbound.from_media(
                channel="telegram",
                chat_id="k",
                message_id="p1",
                media="photo",
                received_at=datetime(2026, 11, 26, tzinfo=UTC),
            ),
            "no puedo ver fotos",
        ),
        (
            Inbound.from_text(
                channel="telegram",
                chat_id="k",
                message_id="e1",
                text="",
                received_at=datetime(2026, 11, 26, tzinfo=UTC),
            ),
            "ningún texto",
        ),
        (
            Inbound.from_text(
                channel="telegram",
                chat_id="k",
                message_id="l1",
                text="a" * 10_000,
                received_at=datetime(2026, 11, 26, tzinfo=UTC),
            ),
            "muy largo",
        ),
    ],
)
def test_unusable_messages_get_kind_replies(
    sessions: sessionmaker[Session], inbound: Inbound, phrase: str
) -> None:
    answerer = FakeAnswerer()
    runner = _runner(sessions, answerer)
    _ready(runner, sessions, "k")
    replies = runner.handle(inbound).replies
    assert phrase in "\n".join(r.text for r in replies)
    assert answerer.calls == []


def _rows_everywhere(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions() as session:
        names = inspect(session.get_bind()).get_table_names()
        return {
            name: session.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
            for name in names
            if name != "alembic_version"
        }


def test_borrar_removes_everything(sessions: sessionmaker[Session]) -> None:
    runner = _runner(sessions)
    _say(runner, "hola", "b")  # the login link: a link_tokens row tied to this chat
    _say(runner, "123456", "b")
    _say(runner, "1", "b")
    _say(runner, "¿me pueden correr?", "b")
    assert "¿Seguro" in _say(runner, "/borrar", "b")
    before = _rows_everywhere(sessions)
    assert before["messages"] == 2
    assert before["link_tokens"] == 1
    assert "borré tu cuenta" in _say(runner, "1", "b")
    after = _rows_everywhere(sessions)
    leftovers = {name: n for name, n in after.items() if n and name != "processed_events"}
    assert leftovers == {}
    with sessions() as session:  # the ledger keeps only hashed keys with no identity
        rows = session.execute(text("SELECT identity_id FROM processed_events")).all()
        assert all(row[0] is None for row in rows)
    assert "Soy abogado" in _say(runner, "hola", "b")


class _MeetingAnswerer(FakeAnswerer):
    """Makes the first two answers wait for each other, so both turns read the same version."""

    def __init__(self) -> None:
        super().__init__()
        self.barrier = threading.Barrier(2, timeout=30)
        self.met = 0

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        if self.met < 2:
            self.met += 1
            self.barrier.wait()
        return super().answer(question, context=context, history=history)


def test_two_messages_of_one_chat_at_once(sessions: sessionmaker[Session]) -> None:
    runner = _runner(sessions, _MeetingAnswerer())
    _ready(runner, sessions, "x")
    with sessions() as session:
        version = session.scalars(select(ConversationRow.version)).one()
    results: list[object] = []

    def send(body: str) -> None:
        try:
            results.append(runner.handle(_msg(body, "x")))
        except Exception as exc:  # reported below, with the thread's error
            results.append(exc)

    threads = [
        threading.Thread(target=send, args=(q,)) for q in ("¿me pueden correr?", "¿y mi aguinaldo?")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(not isinstance(r, Exception) for r in results), results
    attempts = sorted(r.attempts for r in results)  # type: ignore[attr-defined]
    assert attempts[0] == 1
    assert attempts[1] >= 2  # the loser of the race reloaded and ran again
    with sessions() as session:
        conv = session.scalars(select(ConversationRow)).one()
        assert conv.version == version + 2
        assert conv.state["state"] == "ready"
        questions = session.scalars(select(MessageRow.text).where(MessageRow.role == "user")).all()
    assert sorted(questions) == ["¿me pueden correr?", "¿y mi aguinaldo?"]
    assert row_count(sessions, MessageRow) == 4


def test_many_concurrent_chats_and_messages(sessions: sessionmaker[Session]) -> None:
    runner = _runner(sessions)
    chats = [f"c{i}" for i in range(4)]
    for chat in chats:
        _ready(runner, sessions, chat)
    errors: list[BaseException] = []

    def worker(chat: str, n: int) -> None:
        try:
            runner.handle(_msg(f"¿pregunta {n} de {chat}?", chat))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(c, n)) for c in chats for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert row_count(sessions, MessageRow) == len(threads) * 2


def test_anonymous_questions_are_counted_and_then_linking_is_asked(
    sessions: sessionmaker[Session],
) -> None:
    answerer = FakeAnswerer()
    runner = TurnRunner(
        answerer=answerer,
        clock=FixedClock(),
        work=fake_works(sessions),
        anonymous_questions=1,
        sleep=lambda _: None,
    )
    welcome = _say(runner, "Me despidieron, ¿me tienen que pagar algo?", "anon")
    assert "Soy abogado" in welcome
    assert "(Art. 48 LFT)" in welcome  # the first question is answered before linking
    assert "Todavía no has iniciado sesión" in _say(runner, "¿y mi aguinaldo?", "anon")
    assert len(answerer.calls) == 1
    assert row_count(sessions, MessageRow) == 0  # nothing kept for an anonymous chat
    linked = _say(runner, "123456", "anon")
    assert "vinculado" in linked
    # The question held while unlinked is answered now, and kept like any other from here on.
    assert "te contesto lo que me preguntaste antes" in linked
    assert [c[0] for c in answerer.calls] == [
        "Me despidieron, ¿me tienen que pagar algo?",
        "¿y mi aguinaldo?",
    ]
    assert "(Art. 2 LFT)" in linked
    assert row_count(sessions, MessageRow) == 2


def _checked_out(engine: Engine) -> int:
    """Connections out of the engine's pool now (a QueuePool for SQLite files and MariaDB)."""
    return cast(QueuePool, engine.pool).checkedout()


@dataclass
class _PoolWatchingAnswerer:
    """Records how many database connections the turn holds while the answer is computed."""

    engine: Engine
    held: list[int] = field(default_factory=list)

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        self.held.append(_checked_out(self.engine))
        return AnswerResult(f"Respuesta con historia de {len(history)} (Art. 2 LFT).", ("2",))


def test_no_connection_is_held_while_the_answer_is_computed(
    sessions: sessionmaker[Session],
) -> None:
    engine = sessions.kw["bind"]
    answerer = _PoolWatchingAnswerer(engine)
    runner = _runner(sessions, answerer)
    _ready(runner, sessions, "w")
    first = _say(runner, "¿me pueden correr por quejarme?", "w")
    second = _say(runner, "¿y si me quejo otra vez?", "w")
    assert answerer.held == [0, 0]
    assert "historia de 0" in first
    assert "historia de 2" in second  # the history was read inside the turn's transaction
    assert row_count(sessions, MessageRow) == 4


@dataclass
class _PoolWatchingAccounts:
    """The identity provider's account deleter; records the connections held at each call."""

    engine: Engine
    deleted: list[tuple[str, int]] = field(default_factory=list)

    def delete(self, username: str) -> None:
        self.deleted.append((username, _checked_out(self.engine)))


def test_no_connection_is_held_while_the_account_is_deleted(
    sessions: sessionmaker[Session],
) -> None:
    accounts = _PoolWatchingAccounts(sessions.kw["bind"])
    runner = TurnRunner(
        answerer=FakeAnswerer(),
        clock=FixedClock(),
        work=fake_works(sessions),
        sleep=lambda _: None,
        accounts=accounts,
    )
    _ready(runner, sessions, "z")
    assert "¿Seguro" in _say(runner, "/borrar", "z")
    result = runner.handle(_msg("1", "z"))
    assert "borré tu cuenta" in "\n".join(r.text for r in result.replies)
    assert accounts.deleted == [("z", 0)]  # once, with no transaction open
    assert result.attempts == 1  # leaving for the provider is not a conflict
    assert row_count(sessions, MessageRow) == 0
