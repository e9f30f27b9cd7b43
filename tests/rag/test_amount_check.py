"""Figures in a model's answer must be stated by the law, the rules given or the case's facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.amount_check import check_amounts, ungrounded_amounts
from tests.rag.answer_fakes import read_articles


@pytest.fixture(scope="module")
def art76(lft_md: Path) -> str:
    return read_articles(lft_md, ["76"])["76"]


def test_figures_the_article_states_are_grounded(art76: str) -> None:
    text = "Te tocan al menos 12 días y suben 2 días por año hasta 20 días (Art. 76 LFT)."
    assert ungrounded_amounts(text, [art76]) == []


def test_an_invented_figure_is_not(art76: str) -> None:
    (bad,) = ungrounded_amounts("Te tocan 40 días de vacaciones (Art. 76 LFT).", [art76])
    assert (bad.value, bad.unit, bad.text) == (40, "dia", "40 días")


def test_a_computed_fact_grounds_its_figure(art76: str) -> None:
    text = "Con 3 años de servicio te tocan 16 días (Art. 76 LFT)."
    assert [q.text for q in ungrounded_amounts(text, [art76])] == ["3 años", "16 días"]
    question = "cuantos dias me tocan si llevo 3 años"
    assert [q.text for q in ungrounded_amounts(text, [art76, question])] == ["16 días"]
    fact = "Con 3 años de servicio te tocan 16 días de vacaciones."
    assert ungrounded_amounts(text, [art76, fact]) == []


def test_sentences_with_ungrounded_figures_are_dropped(art76: str) -> None:
    text = (
        "Respuesta corta: te tocan al menos 12 días (Art. 76 LFT). Además, 40 días de bono.\n"
        "- Pide orientación a la PROFEDET al 800 911 7877."
    )
    report = check_amounts(text, [art76])
    assert not report.clean
    assert report.ungrounded == ("40 días",)
    assert "bono" not in report.text
    assert "12 días" in report.text
    assert "800 911 7877" in report.text
    assert (report.removed_sentences, report.kept_sentences) == (1, 2)
    assert check_amounts("Sin cifras (Art. 76 LFT).", [art76]).clean
