"""Grounding checks: citation parsing, quote matching, sentence-level repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.grounding import canonical_id, check_grounding, cited_ids, quote_is_grounded
from rag.types import Passage
from tests.rag.answer_fakes import article_passage, read_articles


@pytest.fixture(scope="module")
def passages(lft_md: Path) -> list[Passage]:
    return [article_passage(a, t) for a, t in read_articles(lft_md, ["47", "76"]).items()]


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("76", "76"),
        ("3o. bis", "3 Bis"),
        ("3o Bis", "3 Bis"),
        ("39 - a", "39-A"),
        ("330-A", "330-A"),
        ("283 quater", "283 Quáter"),
        ("153-F Bis", "153-F Bis"),
    ],
)
def test_article_ids_are_canonicalised(raw: str, canonical: str) -> None:
    assert canonical_id(raw) == canonical


def test_citations_are_found_in_the_ways_people_write_them() -> None:
    text = (
        "Según el Art. 76 LFT y los artículos 47, 48 y 50; ver art. 330-A, el Artículo 3o. Bis "
        "y Arts. 153-F Bis o 162. (Art.518)"
    )
    assert cited_ids(text) == ["76", "47", "48", "50", "330-A", "3 Bis", "153-F Bis", "162", "518"]


def test_quotes_match_modulo_accents_spacing_and_ellipses(passages: list[Passage]) -> None:
    sources = [p.text for p in passages]
    assert quote_is_grounded(
        "que en ningun caso podra ser   inferior a doce dias laborables", sources
    )
    assert quote_is_grounded(
        "Son causas de rescisión de la relación de trabajo … I. Engañarlo el trabajador", sources
    )
    assert not quote_is_grounded("el patrón pagará el triple de vacaciones en diciembre", sources)
    assert quote_is_grounded("finiquito", sources), "short quotes are emphasis, not claims"


def test_repair_drops_only_the_ungrounded_sentences(passages: list[Passage]) -> None:
    text = (
        "Respuesta corta: tienes 12 días (Art. 76 LFT). Eso dice la ley.\n"
        "- Según el Art. 123 constitucional te toca más.\n"
        "- Dice “el patrón pagará el triple de vacaciones en diciembre” (Art. 76 LFT).\n"
        "- Dice “inferior a doce días laborables” (Art. 76 LFT)."
    )
    report = check_grounding(text, passages)
    assert report.text == (
        "Respuesta corta: tienes 12 días (Art. 76 LFT). Eso dice la ley.\n"
        "- Dice “inferior a doce días laborables” (Art. 76 LFT)."
    )
    # "Art. 123 constitucional" is the Constitution's, not the LFT's Art. 123.
    assert report.unknown_citations == ("123 CPEUM",)
    assert report.bad_quotes == 1
    assert report.events == ("unknown_citation:123 CPEUM", "fabricated_quote")
    assert report.cited == ("76",)
    assert report.citations[0].quote == "inferior a doce días laborables"


def test_article_references_inside_a_true_quote_are_not_citations(passages: list[Passage]) -> None:
    # Art. 47 itself mentions "la fracción IV del artículo 43"; quoting it must not count as
    # citing Art. 43.
    quote = "que exceda del periodo a que se refiere la fracción IV del artículo 43"
    report = check_grounding(f"La ley dice “{quote}” (Art. 47 LFT).", passages)
    assert report.clean
    assert report.cited == ("47",)


def test_transitorios_may_be_quoted_but_not_cited_as_articles() -> None:
    transitorio = Passage(
        "T 2026-05-01 Segundo",
        "transitorio",
        (),
        "se alcanzará de manera gradual a partir del 1 de enero",
        0.0,
    )
    report = check_grounding(
        "Dice “se alcanzará de manera gradual a partir del 1 de enero”.", [transitorio]
    )
    assert report.clean
