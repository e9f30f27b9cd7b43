"""``rag.spelling.mend_slang``: a typo of the slang table's words is written as meant, and
nothing else is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.spelling import Speller, law_speller, mend_slang, with_h


@pytest.fixture(scope="module")
def speller(lft_md: Path) -> Speller:
    return law_speller([lft_md.read_text(encoding="utf-8")])


def test_a_misspelt_slang_word_is_written_as_meant(speller: Speller) -> None:
    assert mend_slang(speller, "ayer me corieron por reclamar") == "ayer me corrieron por reclamar"


@pytest.mark.parametrize(
    "text",
    [
        "ya me deben 2 quincenas",  # a plural the law lacks: no typo
        "el maestro de obra dice que no",  # the law says "maestros": no typo
        "nos tienen paradas todo el turno",  # "pagadas" is one edit away, but no slang word
        "Me corrieron sin carta, ¿es legal?",  # nothing misspelt: the text as it came
    ],
)
def test_what_is_no_typo_of_a_slang_word_is_left_as_it_came(speller: Speller, text: str) -> None:
    assert mend_slang(speller, text) == text


def test_the_dropped_h_is_put_back_for_the_figures_readers() -> None:
    assert with_h("me quede 3 oras extra asta las 9") == "me quede 3 horas extra hasta las 9"
    # Only whole words: "orale" and "hacer" stay.
    assert with_h("orale, hay q hacer el reporte") == "orale, hay q hacer el reporte"
