"""The pipeline with plain-language rules and computed facts: what leads, what is quoted, what the
model is given, and how an invented figure is repaired. Real articles, fake retrieval and models."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.answer_eval import quoted_articles
from rag.grounding import check_grounding
from rag.prompts import DISCLAIMER
from rag.query import ExpansionTable
from rag.rule_index import RuleIndex
from rag.rules import Rule
from rag.types import Passage
from tests.rag.answer_fakes import FakeRetrieval, ScriptedChatModel, read_articles

TODAY = date(2026, 11, 26)
IDS = ("47", "48", "76", "80", "87", "516", "518")
AVISO = Rule(
    "47-aviso", "LFT", "47", "verdict",
    "Si tu patrón te despidió sin darte aviso por escrito, la ley presume que el despido fue "
    "injustificado.",
    "La falta de aviso al trabajador personalmente o por conducto del Tribunal, por sí sola "
    "presumirá la separación no justificada",
)  # fmt: skip
VACACIONES = Rule(
    "76-doce", "LFT", "76", "amount",
    "Al cumplir un año de trabajo te tocan al menos 12 días de vacaciones pagadas.",
    "que en ningún caso podrá ser inferior a doce días laborables",
)  # fmt: skip
PRESCRIPCION = Rule(
    "516-un-ano", "LFT", "516", "deadline",
    "En general tienes 1 año para reclamar tus derechos de trabajo.",
    "Las acciones de trabajo prescriben en un año",
)  # fmt: skip
RULES = RuleIndex([AVISO, VACACIONES, PRESCRIPCION])


@pytest.fixture(scope="module")
def articles(lft_md: Path) -> dict[str, str]:
    return read_articles(lft_md, IDS)


class FirstChunkRetrieval(FakeRetrieval):
    """Returns only each article's first 300 characters, as a chunk of a long article would."""

    def retrieve(self, question: str, *, k: int = 10) -> list[Passage]:
        return [replace(p, text=p.text[:300]) for p in super().retrieve(question, k=k)]


def pipeline(retrieval: FakeRetrieval, model: ScriptedChatModel | None = None) -> AnswerPipeline:
    expand = ExpansionTable.default().expand  # the slang table: "sin carta" → "aviso escrito"
    return AnswerPipeline(
        retrieval, model, today=TODAY, sleep=lambda _: None, rules=RULES, expand=expand
    )


def test_the_rule_leads_and_its_passage_is_quoted_even_from_another_chunk(
    articles: dict[str, str],
) -> None:
    retrieval = FirstChunkRetrieval(articles, ranking=["47", "48", "518"])
    answer = pipeline(retrieval).answer("me corrieron sin darme ninguna carta, eso es legal?")
    first = answer.text.split("\n")[0]
    assert "Si tu patrón te despidió sin darte aviso por escrito" in first
    assert first.endswith("(Art. 47 LFT).")
    assert f"“{AVISO.passage}”" in answer.text
    # The retrieved chunk lacked the passage: the answer's passages carry it for grounding.
    report = check_grounding(answer.text, answer.passages)
    assert report.clean
    assert quoted_articles(answer.text, answer.passages)[1] == 0
    assert answer.citations[0].article_id == "47"
    assert answer.text.endswith(DISCLAIMER)


def test_the_short_form_quotes_one_article_and_the_long_form_more(
    articles: dict[str, str],
) -> None:
    retrieval = FakeRetrieval(articles, ranking=["76", "80", "87"])
    question = "cuantos dias de vacaciones y de prima vacacional me tocan"
    short = pipeline(retrieval).answer(question)
    long = pipeline(retrieval).answer(question, detail=True)
    body = short.text.split("Qué puedes hacer")[0]
    assert quoted_articles(body, short.passages)[0] == ["76"]
    assert len(quoted_articles(long.text.split("Qué puedes hacer")[0], long.passages)[0]) > 1
    assert len(long.text) > len(short.text)


def test_computed_facts_lead(articles: dict[str, str]) -> None:
    fact = "Con 3 años de servicio te tocan 16 días de vacaciones."
    answer = pipeline(FakeRetrieval(articles, ranking=["76"])).answer(
        "cuantos dias de vacaciones me tocan si llevo 3 años", facts=[fact]
    )
    assert answer.text.startswith(fact)
    assert "(Art. 76 LFT)" in answer.text


def test_a_figure_the_question_settles_leads_without_a_case(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles, ranking=["76"])
    answer = pipeline(retrieval).answer("cuantos dias de vacaciones me tocan si llevo 3 años")
    assert answer.text.startswith("Al cumplir 3 años de trabajo te tocan 16 días laborables")
    given = "Con 3 años de servicio te tocan 16 días de vacaciones."
    chat = pipeline(retrieval).answer("cuantos dias de vacaciones si llevo 3 años", facts=[given])
    assert chat.text.startswith(given)  # the case's own figures win


def test_how_long_to_claim_is_answered_by_the_prescription_article(
    articles: dict[str, str],
) -> None:
    retrieval = FakeRetrieval(articles, ranking=["87", "76"])
    answer = pipeline(retrieval).answer("cuanto tiempo tengo para reclamar el aguinaldo")
    assert [p.article_id for p in answer.passages][:2] == ["516", "87"]
    assert answer.text.startswith("En general tienes 1 año para reclamar")
    # The same question asked as a yes or no, of a year named: the date (Arts. 87, 516).
    still = pipeline(retrieval).answer("el aguinaldo del año pasado no me lo dieron, todavia lo "
                                       "puedo reclamar?")  # fmt: skip
    assert still.text.startswith("Sí, todavía estás a tiempo")  # TODAY is 26 November 2026
    assert "hasta el 20 de diciembre de 2026" in still.text


def test_the_model_gets_rules_and_facts_as_data(articles: dict[str, str]) -> None:
    good = "Respuesta corta: te tocan 16 días (Art. 76 LFT).\nAcude a la PROFEDET."
    model = ScriptedChatModel(good)
    answer = pipeline(FakeRetrieval(articles, ranking=["76"]), model).answer(
        "cuantos dias de vacaciones me tocan si llevo 3 años",
        facts=["Con 3 años de servicio te tocan 16 días de vacaciones."],
    )
    prompt = model.calls[0][1][0][1]
    rules = prompt.split("<reglas>")[1].split("</reglas>")[0]
    assert '<regla articulo="76" ley="LFT">' in rules
    assert VACACIONES.rule in rules
    facts = prompt.split("<datos_calculados>")[1].split("</datos_calculados>")[0]
    assert "16 días" in facts
    # A figure given as a fact is grounded: nothing is repaired.
    assert answer.repaired == ()
    assert "te tocan 16 días" in answer.text


def test_an_invented_amount_is_regenerated_then_removed(
    articles: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    bad = (
        "Respuesta corta: te tocan al menos 12 días (Art. 76 LFT). Con tu antigüedad son 40 "
        "días (Art. 76 LFT).\nAcude a la PROFEDET."
    )
    model = ScriptedChatModel(bad)
    with caplog.at_level(logging.INFO, logger="rag.answer"):
        answer = pipeline(FakeRetrieval(articles, ranking=["76"]), model).answer(
            "cuantos dias de vacaciones me tocan"
        )
    assert len(model.calls) == 2, "regenerated once, like a bad citation"
    correction = model.calls[1][1][-1][1]
    assert "40 días" in correction
    assert "40 días" not in answer.text
    assert "al menos 12 días" in answer.text
    assert "ungrounded_amount:40 días" in answer.repaired
    assert "removed" in answer.repaired
    assert "vacaciones" not in " ".join(r.getMessage() for r in caplog.records)


def test_a_regeneration_without_the_invented_amount_is_kept(articles: dict[str, str]) -> None:
    model = ScriptedChatModel(
        "Te tocan 40 días (Art. 76 LFT).", "Te tocan al menos 12 días (Art. 76 LFT)."
    )
    answer = pipeline(FakeRetrieval(articles, ranking=["76"]), model).answer(
        "cuantos dias de vacaciones me tocan"
    )
    assert answer.repaired == ("ungrounded_amount:40 días", "regenerated")
    assert answer.text.startswith("Te tocan al menos 12 días (Art. 76 LFT).")


def test_a_pair_of_words_ranks_rules_as_the_workers_own_words(lft_md: Path) -> None:
    # "renuncio" alone points at the prima de antigüedad of a resignation (Art. 162); with
    # "aguinaldo" the pair row says what is asked: the proportional part (Art. 87).
    texts = read_articles(lft_md, ("87", "162"))
    rules = RuleIndex([
        Rule("87-aguinaldo", "LFT", "87", "amount",
             "Tienes derecho a un aguinaldo de al menos 15 días de salario cada año.",
             "equivalente a quince días de salario, por lo menos"),
        Rule("87-proporcional", "LFT", "87", "amount",
             "Si no completaste el año, te toca la parte proporcional del aguinaldo por el tiempo "
             "trabajado, aunque ya no trabajes ahí.",
             "tendrán derecho a que se les pague la parte proporcional del mismo"),
        Rule("162-renuncia", "LFT", "162", "verdict",
             "Si renuncias, te toca prima de antigüedad solo si tienes por lo menos 15 años de "
             "trabajo.",
             "La prima de antigüedad se pagará a los trabajadores que se separen "
             "voluntariamente de su empleo"),
    ])  # fmt: skip
    table = ExpansionTable.default()
    question = "si renuncio en octubre pierdo el aguinaldo?"

    def first_line(pairs: bool) -> str:
        answerer = AnswerPipeline(
            FakeRetrieval(texts, ranking=["87", "162"]), None, today=TODAY, rules=rules,
            expand=table.expand, pairs=table.pairs if pairs else None,
        )  # fmt: skip
        return answerer.answer(question).text.split("\n")[0]

    assert "parte proporcional del aguinaldo" in first_line(pairs=True)
    assert "parte proporcional del aguinaldo" not in first_line(pairs=False)
