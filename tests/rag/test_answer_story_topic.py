"""A follow-up to a story told in the case form: the form's topic goes into the query only when
the story's words (and their slang expansions) do not already say it, so "me quieren correr"
plus the topic "despido" does not count the dismissal twice and bury the pregnancy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.query import ExpansionTable
from rag.rule_index import RuleIndex
from rag.rules import load_rules
from tests.rag.answer_fakes import FakeRetrieval, read_articles

TODAY = date(2026, 12, 4)
PACKAGED = {r.id: r for r in load_rules()}
RULES = RuleIndex(
    PACKAGED[i] for i in ("47-aviso", "47-prescripcion-aviso", "47-prision", "133-despido-embarazo")
)


@pytest.fixture(scope="module")
def articles(lft_md: Path) -> dict[str, str]:
    return read_articles(lft_md, ("47", "48", "133", "518"))


def pipeline(retrieval: FakeRetrieval) -> AnswerPipeline:
    return AnswerPipeline(
        retrieval, None, today=TODAY, rules=RULES, expand=ExpansionTable.default().expand
    )


def test_a_topic_the_story_already_says_is_not_added(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles)  # ranked by shared words: the query decides
    context = {"descripción": "estoy embarazada y me quieren correr", "tema": "despido"}
    answer = pipeline(retrieval).answer("es legal??", context=context)
    assert "despido" not in retrieval.queries[0]
    first = answer.text.split("\n")[0]
    assert first.startswith("No pueden despedirte ni presionarte"), first
    assert "(Art. 133 LFT)" in first


def test_a_topic_the_story_does_not_say_goes_along(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles)
    context = {"descripción": "tengo un problema con mi patron", "tema": "despido"}
    pipeline(retrieval).answer("es legal??", context=context)
    assert "despido" in retrieval.queries[0]


def test_the_job_the_form_names_goes_with_a_follow_up(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles)
    context = {"descripción": "me quieren correr", "puesto": "cajera embarazada de una tienda"}
    pipeline(retrieval).answer("es legal??", context=context)
    assert "cajera embarazada de una tienda" in retrieval.queries[0]
    # A question that says it all is searched as it is.
    asked = len(retrieval.queries)
    pipeline(retrieval).answer("me corrieron sin carta, es legal?", context=context)
    assert retrieval.queries[asked] == "me corrieron sin carta, es legal?"


def test_how_the_job_ended_goes_with_a_follow_up(articles: dict[str, str]) -> None:
    # Found playing a pregnant worker's chat: "¿qué puedo hacer?" after "me corrieron porque
    # estoy embarazada" (form: pregnancy topic, dismissal) was answered with Art. 166's night work.
    retrieval = FakeRetrieval(articles)
    context = {
        "descripción": "me corrieron xq estoy embarazada, tengo 5 meses",
        "tema": "embarazo o maternidad",
        "situación": "embarazada",
        "motivo": "despido",
    }
    pipeline(retrieval).answer("q puedo hacer?", context=context)
    assert "despido" in retrieval.queries[0].split()
    # Said in the story already ("me despidieron"), it is not added twice.
    asked = len(retrieval.queries)
    told = {**context, "descripción": "me despidieron xq estoy embarazada"}
    pipeline(retrieval).answer("q puedo hacer?", context=told)
    assert retrieval.queries[asked].split().count("despido") == 0
