"""Repositories: conversations with optimistic versions, cases, messages, export and deletion."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import Case, State
from bot.errors import VersionConflict
from bot.messages import Reply
from db.cases import SqlCaseStore
from db.conversations import SqlConversationStore, SqlLedger
from db.identities import SqlChats, ensure_linked_user
from db.models import ConversationRow, MessageRow
from db.privacy import SqlPrivacy

NOW = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)
FULL = {
    "tema": "despido",
    "patrón": "Abarrotes La Esperanza 🛒",
    "puesto": "cajera",
    "fecha de inicio": "2021-03-15",
    "fecha de fin": "sigue",
    "salario": "8500.00 mes",
    "contrato": "sin contrato escrito",
    "horario": "lunes a sábado de 8 a 6",
    "descripción": "Me corrieron sin darme nada. Ñandú, acentos: áéíóú.",
}


def _store(session: Session) -> SqlConversationStore:
    return SqlConversationStore(session, now=NOW, anonymous_allowed=2)


def test_unknown_chat_loads_as_new_and_saves_as_version_one(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        conv = _store(session).load(channel="telegram", chat_id="7", today=TODAY)
        assert (conv.state, conv.version, conv.anonymous_allowed) == (State.NEW, 0, 2)
        _store(session).save(replace(conv, state=State.AWAIT_LINK, anonymous_used=1))
    with sessions() as session:
        again = _store(session).load(channel="telegram", chat_id="7", today=TODAY)
    assert (again.state, again.version, again.anonymous_used) == (State.AWAIT_LINK, 1, 1)


def test_stale_version_is_a_conflict(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        _store(session).save(_store(session).load(channel="cli", chat_id="a", today=TODAY))
    first, second = sessions(), sessions()
    try:
        a = _store(first).load(channel="cli", chat_id="a", today=TODAY)
        b = _store(second).load(channel="cli", chat_id="a", today=TODAY)
        _store(first).save(replace(a, state=State.READY))
        first.commit()
        with pytest.raises(VersionConflict):
            _store(second).save(replace(b, state=State.FORM))
        second.rollback()
    finally:
        first.close()
        second.close()
    with sessions() as session:
        row = session.scalars(select(ConversationRow)).one()
        assert (row.version, row.state["state"]) == (2, "ready")


def test_cases_round_trip_every_field(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        user = ensure_linked_user(
            session, channel="cli", chat_id="local", sub="s", username="u", now=NOW
        )
        SqlCaseStore(session).save_case(user_id=user, case=Case(1, TODAY, FULL), now=NOW)
        SqlCaseStore(session).save_case(
            user_id=user, case=Case(2, TODAY, {"tema": "otro"}), now=NOW
        )
        edited = Case(1, TODAY, {**FULL, "salario": "350.00 dia"}, status="cerrado")
        SqlCaseStore(session).save_case(user_id=user, case=edited, now=NOW)
    with sessions() as session:
        loaded = SqlCaseStore(session).cases_for(user)
        conv = _store(session).load(channel="cli", chat_id="local", today=TODAY)
    assert loaded[0] == edited
    assert [c.number for c in loaded] == [1, 2]
    assert conv.cases == loaded
    assert conv.user_id == user


def test_messages_keep_cited_articles_and_history_is_oldest_first(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        user = ensure_linked_user(
            session, channel="cli", chat_id="l", sub="s", username="u", now=NOW
        )
        SqlCaseStore(session).save_case(
            user_id=user, case=Case(1, TODAY, {"tema": "despido"}), now=NOW
        )
        for i in range(8):
            SqlCaseStore(session).add_message(
                user_id=user,
                case_number=1,
                role="user" if i % 2 == 0 else "assistant",
                text=f"mensaje {i} 😀",
                articles=("47", "3 Bis") if i % 2 else (),
                now=NOW,
            )
    with sessions() as session:
        past = SqlCaseStore(session).history(user_id=user, case_number=1, limit=4)
        stored = session.scalars(select(MessageRow).order_by(MessageRow.id)).all()
    assert past == [
        ("user", "mensaje 4 😀"),
        ("assistant", "mensaje 5 😀"),
        ("user", "mensaje 6 😀"),
        ("assistant", "mensaje 7 😀"),
    ]
    assert stored[1].cited_articles == ["47", "3 Bis"]


def test_processed_ledger_returns_the_stored_replies(sessions: sessionmaker[Session]) -> None:
    replies = (Reply("hola"), Reply("elige", ("uno", "dos")))
    with sessions() as session, session.begin():
        assert SqlLedger(session, now=NOW).replies_for("k" * 64) is None
        SqlLedger(session, now=NOW).record(key="k" * 64, identity_id=None, replies=replies)
    with sessions() as session:
        assert SqlLedger(session, now=NOW).replies_for("k" * 64) == replies


def test_export_and_delete_everything_across_channels(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        user = ensure_linked_user(
            session, channel="telegram", chat_id="1", sub="s", username="u", now=NOW
        )
        ensure_linked_user(
            session, channel="whatsapp", chat_id="+5215555", sub="s", username="u", now=NOW
        )
        ensure_linked_user(
            session, channel="telegram", chat_id="2", sub="other", username="o", now=NOW
        )
        SqlChats(session, now=NOW).set_opt_out(channel="telegram", chat_id="1", opted_out=True)
        SqlCaseStore(session).save_case(user_id=user, case=Case(1, TODAY, FULL), now=NOW)
        SqlCaseStore(session).add_message(
            user_id=user, case_number=1, role="user", text="hola", articles=(), now=NOW
        )
        _store(session).save(
            _store(session).load(channel="whatsapp", chat_id="+5215555", today=TODAY)
        )
    with sessions() as session:
        data = SqlPrivacy(session).export_user_data(channel="telegram", chat_id="1")
    assert data.identities == ("telegram", "whatsapp")
    assert (data.message_count, data.opted_out, data.cases[0].fields["tema"]) == (
        1,
        True,
        "despido",
    )
    with sessions() as session, session.begin():
        SqlPrivacy(session).delete_everything(channel="telegram", chat_id="1")
    with sessions() as session:
        data = SqlPrivacy(session).export_user_data(channel="whatsapp", chat_id="+5215555")
        assert data.identities == ()
        assert session.scalar(select(func.count()).select_from(MessageRow)) == 0
        other = _store(session).load(channel="telegram", chat_id="2", today=TODAY)
    assert other.linked  # someone else's account is untouched


def test_old_ledger_entries_are_purged(sessions: sessionmaker[Session]) -> None:
    from datetime import timedelta

    from db.conversations import purge_processed

    with sessions() as session, session.begin():
        SqlLedger(session, now=NOW).record(key="a" * 64, identity_id=None, replies=())
        old = NOW - timedelta(days=3)
        SqlLedger(session, now=old).record(key="b" * 64, identity_id=None, replies=())
    with sessions() as session, session.begin():
        assert purge_processed(session, before=NOW - timedelta(days=1)) == 1
    with sessions() as session:
        assert SqlLedger(session, now=NOW).replies_for("a" * 64) == ()
        assert SqlLedger(session, now=NOW).replies_for("b" * 64) is None
