"""Failures seen in chat plays, through the whole pipeline on real articles: a short follow-up's
rules are read with its slang expansions, a month is checked against a yearly date, and one
article's overlapping passages are quoted once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.grounding import check_grounding
from rag.query import ExpansionTable
from rag.rule_index import RuleIndex
from rag.rules import load_rules
from rag.spelling import Speller, law_speller, mend_slang
from tests.rag.answer_fakes import FakeRetrieval, read_articles

TODAY = date(2026, 12, 4)
PACKAGED = {r.id: r for r in load_rules()}
# Art. 47's presumption and its prescription rule; Art. 87's three rules (one passage holds
# another's), as packaged.
RULES = RuleIndex(
    PACKAGED[i]
    for i in ("47-aviso", "47-prescripcion-aviso", "47-prision", "47-desobediencia",
              "87-aguinaldo", "87-20-diciembre", "87-proporcional")
)  # fmt: skip


@pytest.fixture(scope="module")
def articles(lft_md: Path) -> dict[str, str]:
    return read_articles(lft_md, ("47", "48", "87", "133", "518"))


def pipeline(retrieval: FakeRetrieval) -> AnswerPipeline:
    return AnswerPipeline(
        retrieval, None, today=TODAY, rules=RULES, expand=ExpansionTable.default().expand
    )


def test_a_short_follow_up_reads_the_slang_of_what_was_said_before(
    articles: dict[str, str],
) -> None:
    # "sin carta" means "sin aviso escrito" (the slang table): the presumption leads, not the
    # prescription or the prison rule of the same article, and it answers "¿es legal?": no.
    retrieval = FakeRetrieval(articles, ranking=["47", "48", "518"])
    answer = pipeline(retrieval).answer("¿es legal?", history=[("user", "me corrieron sin carta")])
    first = answer.text.split("\n")[0]
    assert first.startswith("No. Si tu patrón te despidió sin darte aviso por escrito"), first


def test_a_follow_up_to_a_story_told_only_in_the_form_reads_the_story(
    articles: dict[str, str],
) -> None:
    # The first message went into the case form (no earlier turn in the history): the story is
    # what "¿es legal?" follows, not only the topic.
    retrieval = FakeRetrieval(articles, ranking=["47", "48", "518"])
    context = {"descripción": "ola me corrieron sin carta", "tema": "despido"}
    answer = pipeline(retrieval).answer("¿es legal?", context=context)
    assert "sin carta" in retrieval.queries[0]
    first = answer.text.split("\n")[0]
    assert first.startswith("No. Si tu patrón te despidió sin darte aviso por escrito"), first


def test_a_month_after_the_yearly_date_is_a_no(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles, ranking=["87", "48"])
    answer = pipeline(retrieval).answer("me quieren pagar el aguinaldo en enero es legal??")
    first = answer.text.split("\n")[0]
    assert first == (
        "No. El aguinaldo te lo deben pagar antes del 20 de diciembre (Art. 87 LFT); enero ya "
        "es tarde."
    )
    in_time = pipeline(retrieval).answer("me van a pagar el aguinaldo el 15 de diciembre, se vale?")
    assert in_time.text.startswith("Sí, a tiempo. El aguinaldo te lo deben pagar antes del 20")


def test_overlapping_passages_of_one_article_are_quoted_once(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles, ranking=["87", "48"])
    answer = pipeline(retrieval).answer("me quieren pagar el aguinaldo en enero es legal??")
    law = answer.text.split("Lo que dice la ley:")[1].split("Qué puedes hacer")[0]
    quotes = [line for line in law.splitlines() if line.startswith("• “")]
    assert len(quotes) == 1, quotes
    assert "antes del día veinte de diciembre" in quotes[0]  # the longer passage holds both
    assert check_grounding(answer.text, answer.passages).clean


class MendingRetrieval(FakeRetrieval):
    """Fake retrieval that mends typos toward the law's words, as the real retriever does."""

    speller: Speller

    def repairs(self, text: str) -> list[str]:
        return self.speller.repair(text)

    def mend(self, text: str) -> str:
        return mend_slang(self.speller, text)


def test_the_rules_are_ranked_with_the_typos_mended(articles: dict[str, str], lft_md: Path) -> None:
    rules = RuleIndex(
        [PACKAGED[i] for i in ("133-despido-embarazo", "133-no-embarazo", "133-tienda", "47-aviso")]
    )
    retrieval = MendingRetrieval(articles, ranking=["133", "47", "48"])
    retrieval.speller = Speller.from_texts([lft_md.read_text(encoding="utf-8")])
    expand = ExpansionTable.default().expand
    mending = AnswerPipeline(retrieval, None, today=TODAY, rules=rules, expand=expand)
    answer = mending.answer("me quieren correr por estar enbarazada, se vale?")
    first = answer.text.split("\n")[0]
    assert first.startswith("No pueden despedirte ni presionarte para que renuncies"), first


def test_the_slang_table_reads_the_mended_words(articles: dict[str, str], lft_md: Path) -> None:
    """ "me corrieron … no me toca aginaldo" is the pair row "aguinaldo & corrieron" (the
    proportional aguinaldo) once "aginaldo" is mended."""
    table = ExpansionTable.default()
    retrieval = MendingRetrieval(articles, ranking=["87", "47", "48"])
    retrieval.speller = Speller.from_texts([lft_md.read_text(encoding="utf-8")])
    mending = AnswerPipeline(retrieval, None, today=TODAY, expand=table.expand, pairs=table.pairs)
    question = (
        "me corrieron en septiembre, el encargado dice q ya no estare en diciembre y por eso no "
        "me toca aginaldo"
    )
    first = mending.answer(question).text.split("\n")[0]
    assert "parte proporcional del aguinaldo" in first, first


def test_a_dismissal_misspelt_is_still_priced(lft_md: Path) -> None:
    """ "me corieron … cuanto me toca": the typo is mended toward the slang table's word (the law
    never says "corrieron"), so the dismissal's articles are fetched and its figure leads."""
    texts = read_articles(lft_md, ("47", "48", "50", "79", "87", "162", "518"))
    retrieval = MendingRetrieval(texts, ranking=["50", "47"])
    retrieval.speller = law_speller([lft_md.read_text(encoding="utf-8")])
    mending = AnswerPipeline(retrieval, None, today=TODAY, expand=ExpansionTable.default().expand)
    question = "me corieron ayer sin decirme nada llevo 2 años y gano 8 mil al mes cuanto me toca"
    first = mending.answer(question).text.split("\n")[0]
    assert first.startswith("Con $266.67 al día, si el despido es sin causa justificada"), first
    assert "unos $24,000.00 por los 3 meses" in first
    # The law's words alone do not know the worker's: nothing is mended, no figure leads.
    retrieval.speller = Speller.from_texts([lft_md.read_text(encoding="utf-8")])
    plain = mending.answer(question).text.split("\n")[0]
    assert "sin causa justificada" not in plain, plain


def test_a_dismissal_misspelt_gets_the_dismissals_deadline(lft_md: Path) -> None:
    """ "ayer me corieron por reclamar, ¿qué hago?" read as "corrieron" is a dismissal: Art. 518's
    two months lead, not the remedy of an unpaid right (Art. 516's year and where to claim)."""
    texts = read_articles(lft_md, ("47", "48", "516", "518", "519", "520"))
    retrieval = MendingRetrieval(texts, ranking=["518", "516", "520", "48", "47"])
    retrieval.speller = law_speller([lft_md.read_text(encoding="utf-8")])
    mending = AnswerPipeline(retrieval, None, today=TODAY, expand=ExpansionTable.default().expand)
    question = "ayer me corieron por reclamar, que hago?"
    answer = mending.answer(question).text
    assert answer.startswith("Si te despidieron, tienes 2 meses para reclamar"), answer[:200]
    # Spelled with the law's words alone, nothing is mended: no dismissal, the remedy of a
    # right not respected answers instead.
    retrieval.speller = Speller.from_texts([lft_md.read_text(encoding="utf-8")])
    plain = mending.answer(question).text
    assert not plain.startswith("Si te despidieron"), plain[:200]
