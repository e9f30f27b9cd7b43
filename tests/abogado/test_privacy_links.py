"""A login link's token never reaches the processed-events ledger, and a reply sent again
(the worker's retry after a failed send) carries a fresh link that works, not a dead one."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.messages import Inbound
from db.inbound_table import ChatKeys
from db.links import REDACTED_LINK, LinkToken, hash_secret, redact_links
from db.unit_of_work import SqlTurnWorks
from services.turns import TurnRunner
from tests.services.fakes import FakeAnswerer

NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
LINK = re.compile(r"https://abogado\.example\.mx/link/([A-Za-z0-9_-]+)")


class Clock:
    def now(self) -> datetime:
        return NOW

    def today(self) -> date:
        return NOW.date()


def _runner(sessions: sessionmaker[Session], *, linker: bool = True) -> TurnRunner:
    return TurnRunner(
        work=SqlTurnWorks(sessions, public_url="https://abogado.example.mx/" if linker else None),
        answerer=FakeAnswerer(),
        clock=Clock(),
        sleep=lambda _: None,
        chat_keys=ChatKeys(b"links-test-secret-0123456789"),
    )


def _hello() -> Inbound:
    return Inbound.from_text(
        channel="telegram", chat_id="4242", message_id="u1", text="hola", received_at=NOW
    )


def _live(sessions: sessionmaker[Session], token: str) -> bool:
    with sessions() as session:
        row = session.scalars(
            select(LinkToken).where(LinkToken.token_hash == hash_secret(token))
        ).one()
        return row.revoked_at is None and row.used_at is None


def test_the_ledger_keeps_no_token_and_a_replay_gets_a_fresh_link(
    sessions: sessionmaker[Session],
) -> None:
    runner = _runner(sessions)
    first = runner.handle(_hello())
    token = LINK.search("\n".join(r.text for r in first.replies))
    assert token is not None
    with sessions() as session:
        ledger = session.execute(text("SELECT replies FROM processed_events")).scalars().all()
    assert len(ledger) == 1
    assert token.group(1) not in ledger[0]
    assert "/link/" not in ledger[0]

    again = runner.handle(_hello())  # the worker retries: the first send failed
    assert again.duplicate
    fresh = LINK.search("\n".join(r.text for r in again.replies))
    assert fresh is not None
    assert fresh.group(1) != token.group(1)
    assert REDACTED_LINK not in "\n".join(r.text for r in again.replies)
    assert _live(sessions, fresh.group(1))
    assert not _live(sessions, token.group(1))  # one live link per chat, as always


def test_without_a_linker_the_replay_says_how_to_get_a_link(
    sessions: sessionmaker[Session],
) -> None:
    with_link = _runner(sessions)
    with_link.handle(_hello())
    replayed = _runner(sessions, linker=False).handle(_hello())
    assert replayed.duplicate
    assert REDACTED_LINK in "\n".join(r.text for r in replayed.replies)


def test_redaction_takes_every_link_and_leaves_other_urls() -> None:
    said = (
        "Abre este enlace:\nhttp://127.0.0.1:8000/link/AbC-_9x\ny luego "
        "https://abogado.example.mx/prod/link/ZZ_top-1. Más en https://www.gob.mx/profedet"
    )
    redacted = redact_links(said)
    assert "AbC-_9x" not in redacted
    assert "ZZ_top-1" not in redacted
    assert redacted.count(REDACTED_LINK) == 2
    assert "https://www.gob.mx/profedet" in redacted
