"""Law-qualified article ids: codes, names, splitting and normalising ids as people write them."""

from __future__ import annotations

import pytest

from rag.laws import (
    LAWS,
    canonical_local,
    cite,
    law_code,
    law_of,
    laws_in_play,
    mentioned_laws,
    named_laws,
    normalize_id,
    only_laws,
    qualify,
    split_id,
    widen,
)
from rag.types import Chunk, ScoredChunk


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("lss", "LSS"),
        ("IMSS", "LSS"),
        ("la Ley del Seguro Social", "LSS"),
        ("INFONAVIT", "LINFONAVIT"),
        ("LIFNVT", "LINFONAVIT"),
        ("constitucional", "CPEUM"),
        ("Constitución", "CPEUM"),
        ("lftse", "LFTSE"),
        ("Ley Federal del Trabajo", "LFT"),
        ("ley de amparo", None),
    ],
)
def test_law_names_and_codes(name: str, code: str | None) -> None:
    assert law_code(name) == code


def test_an_lft_id_stays_bare_and_others_name_their_law() -> None:
    assert qualify("76", "LFT") == "76"
    assert qualify("15", "LSS") == "15 LSS"
    assert split_id("15 LSS") == ("15", "LSS")
    assert split_id("76") == ("76", "LFT")
    assert split_id("3 Bis") == ("3 Bis", "LFT")
    assert split_id("T 2026-05-01 Segundo") == ("T 2026-05-01 Segundo", "LFT")
    assert law_of("123 CPEUM") == "CPEUM"
    assert cite("15-A LSS") == "Art. 15-A LSS"
    assert cite("76") == "Art. 76 LFT"
    assert set(LAWS) == {"LFT", "LSS", "LINFONAVIT", "LFTSE", "CPEUM"}


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("15 lss", "15 LSS"),
        ("LSS 15", "15 LSS"),
        ("Art. 15-A LSS", "15-A LSS"),
        ("15 A LSS", "15-A LSS"),
        ("3o bis LSS", "3 Bis LSS"),
        ("123 constitucional", "123 CPEUM"),
        ("29 de la ley del infonavit", "29 LINFONAVIT"),
        ("51 bis 1 LINFONAVIT", "51 Bis 1 LINFONAVIT"),
        ("artículo 43 LFTSE", "43 LFTSE"),
        ("76 LFT", "76"),
        ("76", "76"),
        ("283 quater", "283 Quáter"),
        ("T 2026-05-01 Segundo", "T 2026-05-01 Segundo"),
    ],
)
def test_ids_are_normalised(raw: str, canonical: str) -> None:
    assert normalize_id(raw) == canonical


def test_canonical_local_leaves_what_it_does_not_know() -> None:
    assert canonical_local("39 - a") == "39-A"
    assert canonical_local("Segundo") == "Segundo"


@pytest.mark.parametrize(
    ("question", "laws"),
    [
        ("no me dieron de alta en el imss", {"LSS"}),
        ("cuantas semanas cotizadas llevo", {"LSS"}),
        ("como uso mi credito infonavit", {"LINFONAVIT"}),
        ("soy burocrata y me quieren correr", {"LFTSE"}),
        ("que dice la constitución del trabajo", {"CPEUM"}),
        ("cuantos dias de vacaciones me tocan", set()),
        ("me corrieron sin carta", set()),
    ],
)
def test_which_related_laws_a_question_puts_in_play(question: str, laws: set[str]) -> None:
    assert mentioned_laws(question) == laws


def test_the_lft_is_always_in_play() -> None:
    assert laws_in_play("me corrieron") == {"LFT"}
    assert laws_in_play("me dieron de baja del imss y del infonavit") == {
        "LFT",
        "LSS",
        "LINFONAVIT",
    }


def test_only_the_laws_in_play_keep_their_hits_and_the_list_keeps_its_length() -> None:
    hits = [
        ScoredChunk(Chunk(f"{a}#1", a, "article", (), a, "v"), score=1.0)
        for a in ("15 LSS", "76", "29 LINFONAVIT", "77", "78", "79")
    ]
    assert only_laws(hits, None, 2) == hits  # no gate: untouched
    kept = only_laws(hits, frozenset({"LFT"}), 3)
    assert [h.chunk.article_id for h in kept] == ["76", "77", "78"]
    kept = only_laws(hits, frozenset({"LFT", "LSS"}), 2)
    assert [h.chunk.article_id for h in kept] == ["15 LSS", "76"]
    assert widen(40, None) == 40
    assert widen(40, frozenset({"LFT"})) == 80


@pytest.mark.parametrize(
    ("question", "laws"),
    [
        ("el imss me dio incapacidad", {"LSS"}),
        # "El seguro" that pays, disables or registers is the IMSS.
        ("me machuque la mano y el seguro me dio incapacidad, cuanto me pagan?", {"LSS"}),
        ("no me dieron de alta en el seguro, es legal?", {"LSS"}),
        ("el seguro me va a pagar mi incapacidad de maternidad?", {"LSS"}),
        # Another insurance is not.
        ("en la empresa tengo seguro de vida, me lo pueden quitar?", set()),
        ("me dijeron q el seguro del carro lo pago yo", set()),
    ],
)
def test_a_law_named_outright_includes_the_imss_workers_call_el_seguro(
    question: str, laws: set[str]
) -> None:
    assert named_laws(question) == laws
