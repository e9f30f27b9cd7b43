"""A bare "VER" (what WhatsApp's template "Tu abogado te respondió: escribe VER" asks for) through
real turns on SQLite and MariaDB, in every state of a review: no request, open, the lawyer's
reply waiting, closed (its notice waiting, then delivered: the rating is asked), closed and
rated. Never answered as a legal question, never passed on to the lawyer."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from bot import handoff_wording as words
from db import lawyer_inbox
from db.handoff_table import HandoffMessage, HandoffRequest
from db.notice_table import NoticeRow
from db.unit_of_work import SqlTurnWorks
from services.handoff_effects import HandoffEffects, ReviewTerms
from services.turns import TurnRunner
from tests.db.databases import row_count
from tests.services.fakes import PUBLIC_URL, FakeAnswerer, FakeLinks, FixedClock
from tests.services.test_handoff_turns import LAWYER, NOW, _ready, _requests, _say

Sessions = sessionmaker[Session]


def _delivered(sessions: Sessions) -> None:
    """What the courier does to every waiting notice (tests/webhooks/test_courier.py)."""
    with sessions.begin() as session:
        session.execute(update(NoticeRow).values(status="sent", sent_at=NOW))


def _ver(runner: TurnRunner, answerer: FakeAnswerer) -> str:
    asked = len(answerer.calls)
    said = _say(runner, "VER")
    assert len(answerer.calls) == asked, "VER went to the answerer"
    return said


def test_ver_in_every_state_of_a_review(sessions: Sessions) -> None:
    answerer = FakeAnswerer()  # records every question asked
    runner = TurnRunner(
        answerer=answerer,
        clock=FixedClock(),
        work=SqlTurnWorks(sessions, public_url=PUBLIC_URL, links=FakeLinks),
        sleep=lambda _: None,
        handoffs=HandoffEffects(sessions=sessions, terms=ReviewTerms("free")),
    )
    _ready(runner, sessions)
    assert answerer.calls  # the fake does record questions
    assert _ver(runner, answerer) == words.VER_NOTHING  # no request at all

    _say(runner, "/abogado")
    _say(runner, "1")
    _say(runner, "sí")
    (request,) = _requests(sessions)
    assert _ver(runner, answerer) == words.VER_NOTHING_YET
    assert row_count(sessions, HandoffMessage) == 0  # not passed on to the lawyer

    with sessions.begin() as session:
        assert lawyer_inbox.claim(session, LAWYER, request.id, now=NOW)
        assert lawyer_inbox.reply(session, LAWYER, request.id, "¿Tienes tu contrato?", now=NOW)
    assert (
        _ver(runner, answerer) == words.VER_WAITING
    )  # the claim and the reply wait for the courier
    _delivered(sessions)
    assert _ver(runner, answerer) == words.VER_NOTHING_YET

    with sessions.begin() as session:
        assert lawyer_inbox.close(session, LAWYER, request.id, "Ve a conciliación.", now=NOW)
    assert _ver(runner, answerer) == words.VER_WAITING  # the close note (it asks for the rating)
    _delivered(sessions)
    said = _ver(runner, answerer)
    assert said.startswith(words.VER_CLOSED)
    assert "Gracias por calificar" in _say(runner, "5")
    with sessions() as session:
        assert session.get_one(HandoffRequest, request.id).rating == 5
    assert _ver(runner, answerer) == words.VER_NOTHING  # closed and rated
    assert row_count(sessions, HandoffMessage) == 2  # the lawyer's reply and close only
