"""A notice is written in the caller's transaction: rolled back with it, committed with it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import ChatIdentity
from db.notice_table import NoticeRow
from db.notices import MAX_NOTICE_CHARS, enqueue

NOW = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)


def _chat(sessions: sessionmaker[Session]) -> int:
    with sessions.begin() as session:
        chat = ChatIdentity(channel="telegram", external_id="hash-1", created_at=NOW)
        session.add(chat)
        session.flush()
        return chat.id


def _count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(NoticeRow)) or 0


def test_a_notice_commits_and_rolls_back_with_its_cause(sessions: sessionmaker[Session]) -> None:
    chat = _chat(sessions)
    with sessions() as session:
        enqueue(session, identity_id=chat, kind="lawyer_reply", text="Hola", now=NOW)
        session.rollback()
    assert _count(sessions) == 0
    with sessions.begin() as session:
        notice = enqueue(
            session,
            identity_id=chat,
            kind="lawyer_reply",
            text="x" * 5000,
            now=NOW,
            whatsapp_template="lawyer_reply",
        )
    with sessions() as session:
        row = session.get(NoticeRow, notice)
        assert row is not None
        assert (row.status, row.attempts, row.whatsapp_template) == ("pending", 0, "lawyer_reply")
        assert len(row.text) == MAX_NOTICE_CHARS


def test_an_empty_notice_is_refused(sessions: sessionmaker[Session]) -> None:
    chat = _chat(sessions)
    with sessions() as session, pytest.raises(ValueError, match="needs text"):
        enqueue(session, identity_id=chat, kind="lawyer_reply", text="  ", now=NOW)
