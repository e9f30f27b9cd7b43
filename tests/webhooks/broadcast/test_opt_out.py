"""Opt-out end to end: BAJA / STOP / /baja through the real turn runner takes the chat out of
the next broadcast's audience (with a reply), and ALTA / START / /alta brings it back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.messages import Inbound
from db import broadcasts as repo
from db.broadcasts import Audience
from db.unit_of_work import SqlTurnWorks
from services.turns import TurnRunner
from tests.services.fakes import FakeAnswerer, FixedClock

Sessions = sessionmaker[Session]


def _say(runner: TurnRunner, text: str, n: int) -> str:
    inbound = Inbound.from_text(
        channel="telegram",
        chat_id="4242",
        message_id=str(n),
        text=text,
        received_at=runner.now() + timedelta(seconds=n),
    )
    return "\n".join(r.text for r in runner.handle(inbound).replies)


def _reached(sessions: Sessions, runner: TurnRunner) -> int:
    with sessions() as session:
        return repo.count_audience(session, Audience(channel="telegram"), now=runner.now())[
            "telegram"
        ]


@pytest.mark.parametrize(
    ("stop", "start"), [("BAJA", "ALTA"), ("STOP", "START"), ("/baja", "/alta"), ("ALTO", "ALTA")]
)
def test_stop_and_start_words_change_the_audience(
    sqlite_sessions: Sessions, stop: str, start: str
) -> None:
    runner = TurnRunner(
        work=SqlTurnWorks(sqlite_sessions),
        answerer=FakeAnswerer(),  # type: ignore[arg-type]
        clock=FixedClock(),
        sleep=lambda _: None,
    )
    _say(runner, "hola", 1)
    assert _reached(sqlite_sessions, runner) == 1
    assert _say(runner, stop, 2)  # a confirmation in the chat
    assert _reached(sqlite_sessions, runner) == 0
    assert _say(runner, start, 3)
    assert _reached(sqlite_sessions, runner) == 1
