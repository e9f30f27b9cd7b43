"""Per-chat limits on model answers through the real turn runner and database (SQLite, MariaDB):
over a limit the worker gets the free answer with a kind note; refusals and failures cost nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.errors import AnswerUnavailable
from bot.messages import Inbound
from bot.ports import AnswerResult
from db.identities import ensure_linked_user
from db.usage import ModelUsageRow
from rag.answer import AnswerPipeline
from services.answering import PipelineAnswerer
from services.settings import Settings
from services.turns import TurnRunner
from services.usage import ModelBudget, UsageLimits, build_model_budget, limit_notice
from tests.rag.answer_fakes import FakeRetrieval, ScriptedChatModel, read_articles
from tests.services.fakes import FakeAnswerer, FixedClock, fake_works

_ids = itertools.count(1)
QUESTION = "¿me pueden correr sin pagarme?"


@dataclass
class QuotingAnswerer:
    """Stands in for the extractive answer: free, and says so in its text."""

    calls: int = 0

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        self.calls += 1
        return AnswerResult("Art. 48 LFT: «El trabajador podrá solicitar…» (cita).", ("48",))


@dataclass
class DownModel:
    """A model answerer that is always unavailable (throttled past its retries)."""

    calls: list[str] = field(default_factory=list)

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        self.calls.append(question)
        raise AnswerUnavailable("ModelThrottledError")


@dataclass
class Rig:
    sessions: sessionmaker[Session]
    clock: FixedClock
    model: FakeAnswerer | DownModel
    free: QuotingAnswerer
    runner: TurnRunner

    def say(self, body: str, chat: str = "w1") -> str:
        inbound = Inbound.from_text(
            channel="telegram",
            chat_id=chat,
            message_id=f"u{next(_ids)}",
            text=body,
            received_at=self.clock.now(),
        )
        return "\n".join(r.as_text() for r in self.runner.handle(inbound).replies)

    def counts(self) -> dict[str, tuple[str, int]]:
        with self.sessions() as session:
            return {r.kind: (r.window_key, r.count) for r in session.scalars(select(ModelUsageRow))}


def _rig(
    sessions: sessionmaker[Session], limits: UsageLimits, model: FakeAnswerer | DownModel
) -> Rig:
    clock = FixedClock()
    free = QuotingAnswerer()
    budget = ModelBudget(sessions=sessions, limits=limits, free=free, now=clock.now)
    runner = TurnRunner(
        answerer=model,
        clock=clock,
        work=fake_works(sessions),
        sleep=lambda _: None,
        budget=budget,
    )
    rig = Rig(sessions, clock, model, free, runner)
    with sessions() as session, session.begin():
        ensure_linked_user(
            session, channel="telegram", chat_id="w1", sub="s-w1", username="w1", now=clock.now()
        )
    rig.say("hola")
    rig.say("/cancelar")  # no form questions: every message below is a question
    return rig


def test_the_monthly_budget_ends_model_answers_not_answers(
    sessions: sessionmaker[Session],
) -> None:
    rig = _rig(sessions, UsageLimits(per_minute=0, per_hour=0, per_month=2), FakeAnswerer())
    first = rig.say(QUESTION)
    rig.say("¿y si no me dieron carta de despido?")
    third = rig.say("¿tengo derecho a vacaciones?")
    assert isinstance(rig.model, FakeAnswerer)
    assert len(rig.model.calls) == 2
    assert rig.free.calls == 1
    assert "Art. 48 LFT" in first
    assert "Este mes ya usaste tus 2 respuestas explicadas" in third
    assert "se renuevan el 1 de diciembre de 2026" in third
    assert "/calcular" in third
    assert "«El trabajador podrá solicitar…»" in third  # the free answer follows the note
    assert rig.counts() == {"month": ("2026-11", 2)}


def test_the_rate_limit_lifts_when_the_minute_passes(sessions: sessionmaker[Session]) -> None:
    rig = _rig(sessions, UsageLimits(per_minute=1, per_hour=10, per_month=100), FakeAnswerer())
    rig.say(QUESTION)
    fast = rig.say("¿y si no me dieron carta de despido?")
    assert "Vas muy rápido" in fast
    rig.clock.instant += timedelta(minutes=1)
    later = rig.say("¿tengo derecho a vacaciones?")
    assert "Vas muy rápido" not in later
    assert isinstance(rig.model, FakeAnswerer)
    assert len(rig.model.calls) == 2
    assert rig.counts()["hour"][1] == 2  # the limited answer counted in no window


def test_a_model_that_never_answered_is_not_counted(sessions: sessionmaker[Session]) -> None:
    rig = _rig(sessions, UsageLimits(per_minute=5, per_hour=5, per_month=5), DownModel())
    rig.say(QUESTION)
    assert isinstance(rig.model, DownModel)
    assert len(rig.model.calls) == 1
    assert {count for _key, count in rig.counts().values()} == {0}


def test_an_out_of_scope_question_is_not_counted(sessions: sessionmaker[Session]) -> None:
    rig = _rig(sessions, UsageLimits(per_minute=1, per_hour=1, per_month=1), FakeAnswerer())
    clock = rig.clock
    budget = ModelBudget(
        sessions=sessions, limits=UsageLimits(1, 1, 1), free=rig.free, now=clock.now
    )
    bound = budget.bind(rig.model, channel="telegram", chat_id="w2")
    bound.answer("¿quién ganó el partido de fútbol ayer?", context={}, history=())
    assert rig.counts() == {}
    bound.answer(QUESTION, context={}, history=())
    assert rig.free.calls == 0
    assert {count for _key, count in rig.counts().values()} == {1}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), "se renuevan el 1 de enero de 2027"),
        (datetime(2027, 1, 1, 3, 0, tzinfo=UTC), "se renuevan el 1 de enero de 2027"),  # 21:00 MX
    ],
)
def test_the_month_note_names_the_day_it_resets(now: datetime, expected: str) -> None:
    assert expected in limit_notice("month", now=now, limits=UsageLimits(4, 30, 150))


def test_the_hour_note_names_the_hour_in_mexico() -> None:
    note = limit_notice(
        "hour", now=datetime(2026, 12, 4, 18, 20, tzinfo=UTC), limits=UsageLimits(4, 30, 150)
    )
    assert "A partir de las 13:00 (hora del centro)" in note


def test_only_a_pipeline_with_a_model_gets_a_budget(sessions: sessionmaker[Session]) -> None:
    settings = Settings()
    extractive = AnswerPipeline(object(), None, today=FixedClock().today())  # type: ignore[arg-type]
    with_model = AnswerPipeline(object(), object(), today=FixedClock().today())  # type: ignore[arg-type]
    assert build_model_budget(settings, sessions=sessions, pipeline=extractive) is None
    assert build_model_budget(settings, sessions=sessions, pipeline=with_model) is not None
    off = Settings.model_validate(
        {
            "usage": {
                "model_answers_per_minute": 0,
                "model_answers_per_hour": 0,
                "model_answers_per_month": 0,
            }
        }
    )
    assert build_model_budget(off, sessions=sessions, pipeline=with_model) is None


def test_over_budget_the_same_retrieval_answers_without_the_model(
    sessions: sessionmaker[Session], lft_md: Path
) -> None:
    """build_model_budget's free answer: the extractive pipeline over the model's retrieval."""
    retrieval = FakeRetrieval(read_articles(lft_md, ["47", "48"]), ranking=["48", "47"])
    model = ScriptedChatModel("Puedes pedir la reinstalación o la indemnización (Art. 48 LFT).")
    pipeline = AnswerPipeline(retrieval, model, today=FixedClock().today())
    settings = Settings.model_validate({"usage": {"model_answers_per_month": 1}})
    budget = build_model_budget(settings, sessions=sessions, pipeline=pipeline)
    assert budget is not None
    bound = budget.bind(PipelineAnswerer(pipeline), channel="telegram", chat_id="x1")
    bound.answer(QUESTION, context={}, history=())
    calls = len(model.calls)
    assert calls >= 1
    over = bound.answer("¿me pueden despedir sin darme la carta?", context={}, history=())
    assert len(model.calls) == calls  # the model was not asked again
    assert over.text.startswith("Este mes ya usaste tus 1 respuestas explicadas")
    assert "48" in over.articles
    assert "Art. 48" in over.text
