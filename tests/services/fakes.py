"""Fakes for bot's ports used by the turn, chat and bench code: real classes, no mocks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.effects import LinkOutcome
from bot.messages import Channel
from bot.ports import AnswerResult
from db.identities import ensure_linked_user
from db.links import SqlLinks
from db.unit_of_work import SqlTurnWorks


class CrashingAnswerer(Exception):
    """What the fake answerer raises when told to crash (like a process dying mid-turn)."""


@dataclass
class FakeAnswerer:
    """Answers dismissal questions citing Art. 47 and 48, anything else citing Art. 2.

    ``crash_first`` calls raise ``CrashingAnswerer``; every call is recorded.
    """

    crash_first: int = 0
    calls: list[tuple[str, dict[str, str], list[tuple[str, str]]]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        with self._lock:
            self.calls.append((question, dict(context), list(history)))
            if len(self.calls) <= self.crash_first:
                raise CrashingAnswerer("the answerer died")
        lowered = (question + " " + context.get("tema", "")).lower()
        if "despid" in lowered or "corri" in lowered:
            return AnswerResult(
                "Si te despidieron sin causa justificada puedes pedir la reinstalación o una "
                "indemnización (Art. 48 LFT); el patrón debe darte aviso escrito de la causa "
                "(Art. 47 LFT).",
                ("47", "48"),
            )
        return AnswerResult("La ley protege tu trabajo digno (Art. 2 LFT).", ("2",))


@dataclass
class FixedClock:
    instant: datetime = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.instant

    def today(self) -> date:
        return (self.instant - timedelta(hours=6)).date()


class FakeLinks(SqlLinks):
    """The real link tokens on the turn's session, with a fixed code: 123456 links the chat to
    a user "sub-<chat>" (the login page that shows a real code is the auth tests' business)."""

    def __init__(self, session: Session, *, now: datetime, public_url: str | None) -> None:
        super().__init__(session, now=now, public_url=public_url)
        self.session = session
        self.now = now

    def confirm_code(self, *, channel: Channel, chat_id: str, code: str) -> LinkOutcome:
        if code != "123456":
            return "wrong"
        ensure_linked_user(
            self.session,
            channel=channel,
            chat_id=chat_id,
            sub=f"sub-{chat_id}",
            username=chat_id,
            now=self.now,
        )
        return "linked"


PUBLIC_URL = "https://abogado.example"


def fake_works(sessions: Callable[[], Session]) -> SqlTurnWorks:
    """The SQL unit of work whose links accept the code 123456 (``FakeLinks``)."""
    return SqlTurnWorks(sessions, public_url=PUBLIC_URL, links=FakeLinks)
