"""PipelineAnswerer: the rag pipeline behind bot's Answerer port."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pytest

from bot.errors import AnswerUnavailable
from rag.errors import ModelUnavailableError
from rag.scope import REFUSAL_OUT_OF_SCOPE
from rag.types import Answer, Citation
from services.answering import PipelineAnswerer


@dataclass
class _Pipeline:
    model: object | None = None
    fail: bool = False
    calls: list[dict[str, object]] = field(default_factory=list)

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str] | None = None,
        history: Sequence[tuple[str, str]] = (),
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> Answer:
        self.calls.append({"question": question, "facts": tuple(facts), "detail": detail})
        if self.fail:
            raise ModelUnavailableError("down")
        if "pozole" in question:
            return Answer(REFUSAL_OUT_OF_SCOPE, (), in_scope=False)
        return Answer("Sí (Art. 48 LFT).", (Citation("48"), Citation("48"), Citation("47")))


FACTS = ("Tu liquidación sería de unos $43,392.90.",)


def test_a_model_gets_the_figures_and_the_articles_come_back_once() -> None:
    pipeline = _Pipeline(model=object())
    result = PipelineAnswerer(pipeline).answer(
        "¿me tienen que pagar?", context={}, history=[], facts=FACTS, detail=True
    )
    assert pipeline.calls == [{"question": "¿me tienen que pagar?", "facts": FACTS, "detail": True}]
    assert result.articles == ("48", "47")
    assert not result.refused


def test_a_refusal_is_passed_on_as_one() -> None:
    result = PipelineAnswerer(_Pipeline()).answer("como hago pozole?", context={}, history=[])
    assert result.refused
    assert (result.text, result.articles) == (REFUSAL_OUT_OF_SCOPE, ())


def test_the_extractive_answer_does_not_repeat_figures_the_chat_just_showed() -> None:
    pipeline = _Pipeline(model=None)
    PipelineAnswerer(pipeline).answer("¿me tienen que pagar?", context={}, history=[], facts=FACTS)
    assert pipeline.calls[0]["facts"] == ()


def test_a_rag_error_becomes_a_kind_unavailable_answer() -> None:
    with pytest.raises(AnswerUnavailable):
        PipelineAnswerer(_Pipeline(fail=True)).answer("¿?", context={}, history=[])
