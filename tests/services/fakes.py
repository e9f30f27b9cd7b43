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
from db.identities import ensure_linked_user, unlink


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


@dataclass
class FakeLinker:
    """``AccountLinker`` whose code is always 123456; links to a user "sub-<chat>"."""

    sessions: Callable[[], Session]
    clock: FixedClock = field(default_factory=FixedClock)
    issued: list[str] = field(default_factory=list)

    def issue_link(self, *, channel: Channel, chat_id: str) -> str:
        self.issued.append(chat_id)
        return f"https://abogado.example/link/token-{len(self.issued)}"

    def confirm_code(self, *, channel: Channel, chat_id: str, code: str) -> LinkOutcome:
        if code != "123456":
            return "wrong"
        with self.sessions() as session, session.begin():
            ensure_linked_user(
                session,
                channel=channel,
                chat_id=chat_id,
                sub=f"sub-{chat_id}",
                username=chat_id,
                now=self.clock.now(),
            )
        return "linked"

    def unlink(self, *, channel: Channel, chat_id: str) -> None:
        with self.sessions() as session, session.begin():
            unlink(session, channel=channel, chat_id=chat_id)
