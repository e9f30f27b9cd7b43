"""Per-chat limits on model answers: a rate (per minute, per hour) and a monthly budget.

Only model answers count; over a limit the worker still gets the extractive answer (free and
unlimited) with a kind note that says when the full answers come back. Each count is one short
transaction before the model call (db/usage.py), never held across it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.errors import AnswerUnavailable, VersionConflict
from bot.ports import Answerer, AnswerResult
from calc.dates import MONTHS
from calc.mexico_time import MEXICO_CITY, today_in_mexico
from db import plans, usage
from db.usage import Window
from rag.scope import check_scope
from services.answering import PipelineAnswerer

if TYPE_CHECKING:
    from rag.answer import AnswerPipeline
    from services.settings import Settings

log = logging.getLogger(__name__)

MINUTE, HOUR, MONTH = "minute", "hour", "month"
_STILL_FREE = (
    "Mientras tanto te respondo con los artículos de la ley que aplican, citados, y las "
    "calculadoras (/calcular) siguen funcionando igual."
)


@dataclass(frozen=True)
class UsageLimits:
    """Model answers allowed per chat; 0 turns that limit off."""

    per_minute: int
    per_hour: int
    per_month: int


def windows(limits: UsageLimits, now: datetime) -> list[Window]:
    """The current windows (Mexico City calendar), month first: a full month is what to say."""
    local = now.astimezone(MEXICO_CITY)
    every = [
        Window(MONTH, local.strftime("%Y-%m"), limits.per_month),
        Window(HOUR, local.strftime("%Y%m%d%H"), limits.per_hour),
        Window(MINUTE, local.strftime("%Y%m%d%H%M"), limits.per_minute),
    ]
    return [w for w in every if w.limit > 0]


def limit_notice(kind: str, *, now: datetime, limits: UsageLimits) -> str:
    """The kind line that leads an answer given without the model, and when that ends."""
    local = now.astimezone(MEXICO_CITY)
    if kind == MONTH:
        year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
        return (
            f"Este mes ya usaste tus {limits.per_month} respuestas explicadas por el asistente; "
            f"se renuevan el 1 de {MONTHS[month - 1]} de {year}. {_STILL_FREE}"
        )
    if kind == HOUR:
        at = (local + timedelta(hours=1)).strftime("%H:00")
        return (
            f"Llevas muchas preguntas en esta hora. A partir de las {at} (hora del centro) "
            f"vuelvo a explicarte con calma. {_STILL_FREE}"
        )
    return (
        "Vas muy rápido: dame un minuto y vuelvo a explicarte con calma. "
        "Mientras tanto aquí van los artículos de la ley que aplican, citados."
    )


class ModelBudget:
    """Counts model answers per chat and hands out the model's answerer or the free one."""

    def __init__(
        self,
        *,
        sessions: Callable[[], Session],
        limits: UsageLimits,
        free: Answerer,
        now: Callable[[], datetime],
        plans: Mapping[str, int] | None = None,
    ) -> None:
        """``plans``: product code → the monthly model answers an active plan of it allows
        (more than ``limits.per_month``; bought in the chat, services/payment_effects.py)."""
        self._sessions = sessions
        self._limits = limits
        self._free = free
        self._now = now
        self._plans = dict(plans or {})

    def bind(self, model: Answerer, *, channel: str, chat_id: str) -> Answerer:
        """An ``Answerer`` for one chat: ``model`` while the chat is within its limits."""
        return _BudgetedAnswerer(self, model, channel=channel, chat_id=chat_id)

    def reserve(self, *, channel: str, chat_id: str) -> tuple[usage.Reservation, list[Window]]:
        """Count one model answer now (its own short transaction); retried once on a race."""
        now = self._now()
        current = windows(self._limits, now)
        for attempt in (1, 2):
            try:
                with self._sessions() as session:
                    current = self._lifted(session, current, channel=channel, chat_id=chat_id)
                    got = usage.reserve(
                        session, channel=channel, chat_id=chat_id, windows=current, now=now
                    )
                    if got.granted:
                        session.commit()
                    else:
                        session.rollback()
                    return got, current
            except (VersionConflict, IntegrityError):
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _lifted(
        self, session: Session, current: list[Window], *, channel: str, chat_id: str
    ) -> list[Window]:
        """The month's window with the limit of the chat's best active plan, if any."""
        if not self._plans:
            return current
        owned = plans.chat_products(session, channel=channel, chat_id=chat_id, now=self._now())
        lift = max((self._plans.get(code, 0) for code in owned), default=0)
        return [
            replace(w, limit=max(w.limit, lift)) if w.kind == MONTH and lift else w for w in current
        ]

    def release(self, identity_id: int, current: list[Window]) -> None:
        with self._sessions() as session:
            usage.release(session, identity_id=identity_id, windows=current, now=self._now())
            session.commit()

    @property
    def free(self) -> Answerer:
        return self._free

    @property
    def limits(self) -> UsageLimits:
        return self._limits

    def now(self) -> datetime:
        return self._now()


class _BudgetedAnswerer:
    def __init__(self, budget: ModelBudget, model: Answerer, *, channel: str, chat_id: str) -> None:
        self._budget = budget
        self._model = model
        self._channel = channel
        self._chat_id = chat_id

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        def ask(answerer: Answerer) -> AnswerResult:
            return answerer.answer(
                question, context=context, history=history, facts=facts, detail=detail
            )

        if not check_scope(question).in_scope:
            return ask(self._model)  # refused in one line before any model call: not counted
        got, current = self._budget.reserve(channel=self._channel, chat_id=self._chat_id)
        if not got.granted:
            log.info("model answer limit reached (%s): extractive answer", got.full)
            free = ask(self._budget.free)
            budget = self._budget
            month = next((w.limit for w in current if w.kind == MONTH), budget.limits.per_month)
            limits = replace(budget.limits, per_month=month)  # a plan's, when one is active
            note = limit_notice(got.full or MINUTE, now=budget.now(), limits=limits)
            return AnswerResult(f"{note}\n\n{free.text}", free.articles)
        try:
            result = ask(self._model)
        except AnswerUnavailable:
            self._budget.release(got.identity_id, current)  # the model never answered
            raise
        if result.refused:
            # Refused by meaning (no labor word, ``rag.off_topic``) before any model call.
            self._budget.release(got.identity_id, current)
        return result


def build_model_budget(
    settings: Settings, *, sessions: Callable[[], Session], pipeline: AnswerPipeline
) -> ModelBudget | None:
    """The budget for a pipeline that calls a model; None for the extractive one (it is free)."""
    from rag.answer import AnswerPipeline
    from services.answering import SystemClock

    limits = UsageLimits(
        per_minute=settings.usage.model_answers_per_minute,
        per_hour=settings.usage.model_answers_per_hour,
        per_month=settings.usage.model_answers_per_month,
    )
    if pipeline.model is None or not windows(limits, SystemClock().now()):
        return None
    extractive = AnswerPipeline(
        pipeline.retrieval, None, today=today_in_mexico, expand=pipeline.expand
    )
    return ModelBudget(
        sessions=sessions,
        limits=limits,
        free=PipelineAnswerer(extractive),
        now=SystemClock().now,
        plans={
            p.code: p.answers_per_month
            for p in settings.payments.products
            if p.grants == "answers" and p.answers_per_month > 0
        },
    )
