"""Adapters for bot's ports: the answer pipeline as an ``Answerer``, and the system clock.

The pipeline comes from ``abogado.answers.build_answer_pipeline``; rag errors become
``bot.errors.AnswerUnavailable`` (a kind reply), anything else propagates (the turn is retried).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Protocol

from bot.errors import AnswerUnavailable
from bot.ports import AnswerResult
from calc.mexico_time import today_in_mexico
from rag.errors import RagError
from rag.types import Answer

log = logging.getLogger(__name__)


class _Pipeline(Protocol):
    @property
    def model(self) -> object | None:
        """None: the extractive answerer."""
        ...

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str] | None = None,
        history: Sequence[tuple[str, str]] = (),
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> Answer: ...


class PipelineAnswerer:
    """``bot.ports.Answerer`` over ``rag.answer.AnswerPipeline``."""

    def __init__(self, pipeline: _Pipeline) -> None:
        self._pipeline = pipeline

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        if self._pipeline.model is None:
            # The extractive answer leads with its facts; the chat has just shown these figures
            # in full, so its answer leads with the law's verdict instead. A model gets them as
            # data (and its amounts are checked against them).
            facts = ()
        try:
            result = self._pipeline.answer(
                question, context=context, history=history, facts=facts, detail=detail
            )
        except RagError as exc:
            log.warning("answer unavailable: %s", type(exc).__name__)
            raise AnswerUnavailable(type(exc).__name__) from exc
        articles = tuple(dict.fromkeys(c.article_id for c in result.citations))
        return AnswerResult(result.text, articles, refused=not result.in_scope)


class SystemClock:
    """``bot.ports.Clock``: UTC instants, Mexico City calendar days."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return today_in_mexico()
