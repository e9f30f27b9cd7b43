"""``db.housekeeping.purge`` and ``abogado db purge`` on SQLite and on the real MariaDB."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from abogado.cli import main
from bot.conversation import Conversation
from bot.messages import Reply
from db.audit import AdminLoginState, AdminSessionRow
from db.conversations import SqlConversationStore, SqlLedger
from db.housekeeping import purge
from db.inbound import SqlInbox
from db.inbound_table import InboundUpdate
from db.links import LinkCode, LinkToken, PendingLoginRow, SqlAccountLinker
from db.migrate import upgrade
from db.models import ChatIdentity, User
from db.outbound import OutboundMessage, SqlOutbound
from tests.db.databases import row_count

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
Sessions = sessionmaker[Session]


def _record(inbox: SqlInbox, platform_id: str, at: datetime) -> int:
    return inbox.record(
        channel="telegram",
        platform_id=platform_id,
        chat="42",
        content_type="text",
        payload='{"text": "hola"}',
        now=at,
    ).id


def _world(sessions: Sessions, at: datetime) -> None:
    """One of each row kind, all written at ``at``."""
    inbox = SqlInbox(sessions)
    inbox.done(_record(inbox, f"done-{at:%d}", at), now=at)
    inbox.dead(_record(inbox, f"dead-{at:%d}", at), reason="poison", now=at)
    _record(inbox, f"queued-{at:%d}", at)
    SqlOutbound(sessions).record_sent(
        channel="telegram", provider_ids=(f"m-{at:%d}",), inbound_id=None, now=at
    )
    SqlAccountLinker(sessions=sessions, public_url="https://x.mx", now=lambda: at).issue_link(
        channel="telegram", chat_id=f"chat-{at:%d}"
    )
    with sessions.begin() as session:
        store = SqlConversationStore(session, now=at)
        held = Conversation(channel="telegram", chat_id=f"anon-{at:%d}", today=at.date())
        store.save(replace(held, held_question="y mi aguinaldo?"))
        SqlLedger(session, now=at).record(key=f"k-{at:%d}", identity_id=None, replies=[Reply("ok")])
        token = session.scalars(select(LinkToken).order_by(LinkToken.id.desc())).first()
        assert token is not None
        session.add(
            PendingLoginRow(
                state_hash=f"s-{at:%d}",
                browser_hash="b",
                link_token_id=token.id,
                code_verifier="v",
                nonce="n",
                expires_at=at + timedelta(minutes=10),
            )
        )
        user = User(cognito_sub=f"sub-{at:%d}", role="user", created_at=at)
        session.add(user)
        session.flush()
        session.add(
            AdminSessionRow(
                session_hash=f"sess-{at:%d}",
                user_id=user.id,
                created_at=at,
                expires_at=at + timedelta(hours=8),
            )
        )
        session.add(
            AdminLoginState(state_hash=f"st-{at:%d}", expires_at=at + timedelta(minutes=10))
        )
        session.add(
            LinkCode(
                identity_id=token.identity_id,
                user_id=user.id,
                code_hash="h",
                salt="s",
                expires_at=at + timedelta(minutes=10),
            )
        )


def test_purge_forgets_only_rows_past_their_use(sessions: Sessions) -> None:
    old, recent = T0, T0 + timedelta(days=40)
    _world(sessions, old)
    _world(sessions, recent)
    now = recent + timedelta(hours=1)  # the recent links are already expired, but only just
    with sessions.begin() as session:
        counts = purge(session, now=now)
    assert counts == {
        "inbound_updates": 2,  # the old done update and the old dead letter
        "outbound_messages": 1,
        "processed_events": 1,
        "link_tokens": 1,
        "link_logins": 2,  # the old one, and the recent one that has expired
        "link_codes": 1,
        "anonymous_conversations": 1,  # the old chat that never linked
        "reminders": 0,  # tests/db/test_reminders.py covers them
        "admin_sessions": 1,  # the old one; the recent one is still live
        "admin_login_states": 2,  # used states are needed only until they expire
    }
    with sessions() as session:
        statuses = sorted(session.scalars(select(InboundUpdate.platform_id)))
    # Queued work is never touched, however old; recent rows stay for deduplication.
    assert statuses == sorted(["queued-01", "done-11", "dead-11", "queued-11"])
    assert row_count(sessions, OutboundMessage) == 1
    assert row_count(sessions, LinkToken) == 1
    assert row_count(sessions, LinkCode) == 1
    assert row_count(sessions, AdminSessionRow) == 1
    assert row_count(sessions, AdminLoginState) == 0
    # Users and their identities belong to the user (/borrar), not to housekeeping.
    assert row_count(sessions, User) == 2
    assert row_count(sessions, ChatIdentity) == 4
    with sessions() as session:
        store = SqlConversationStore(session, now=now)
        old_chat = store.load(channel="telegram", chat_id="anon-01", today=now.date())
        new_chat = store.load(channel="telegram", chat_id="anon-11", today=now.date())
    assert old_chat.held_question is None  # starts over
    assert new_chat.held_question == "y mi aguinaldo?"
    with sessions.begin() as session:
        assert set(purge(session, now=now).values()) == {0}


def test_dead_letters_stay_a_month_for_the_operator(sessions: Sessions) -> None:
    _world(sessions, T0)
    with sessions.begin() as session:
        counts = purge(session, now=T0 + timedelta(days=8))
    assert counts["inbound_updates"] == 1  # the done one; the dead letter is still there
    with sessions() as session:
        left = set(session.scalars(select(InboundUpdate.status)))
    assert left == {"dead", "queued"}


def test_cli_purges_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    upgrade(url)
    from db.engine import make_engine, make_sessionmaker

    engine = make_engine(url)
    _world(make_sessionmaker(engine), datetime(2026, 1, 1, tzinfo=UTC))  # long before today
    engine.dispose()
    monkeypatch.setenv("ABOGADO_DATABASE__URL", url)
    assert main(["db", "purge"]) == 0
    out = capsys.readouterr().out
    assert "inbound_updates: 2" in out
    assert "link_tokens: 1" in out
    assert "outbound_messages: 1" in out
    assert out.strip().endswith("rows deleted")


def test_cli_says_why_when_the_database_has_no_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATABASE__URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["db", "purge"]) != 0
    err = capsys.readouterr().err
    assert "cannot purge the database" in err
    assert "\n" not in err.strip()
