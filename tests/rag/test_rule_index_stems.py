"""A short stem of the question meets the longer forms of the same word in a rule: "despido"
stems to "desp", which must meet "despedirte" and "despedir" (a dismissal rule), as the
extractive answerer's sentence scoring already lets 4-letter stems do."""

from __future__ import annotations

from rag.rule_index import RuleIndex
from rag.rules import load_rules
from rag.types import Passage

PACKAGED = {r.id: r for r in load_rules()}


def test_a_dismissal_question_meets_the_dismissal_rule_of_its_article() -> None:
    index = RuleIndex(PACKAGED[i] for i in ("133-no-embarazo", "133-despido-embarazo"))
    passages = [Passage("133", "article", ("Título Tercero",), "Artículo 133 LFT: …", 1.0)]
    matches = index.rank(
        "me quieren correr por estar embarazada, es legal?",
        passages,
        expansions=["despido rescision"],
    )
    assert matches[0].rule.id == "133-despido-embarazo", [(m.rule.id, m.score) for m in matches]
