"""SpanishBM25: folded accents, stems, stop words, BM25 weights, on real law text."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from rag.sparse import SpanishBM25, fold_accents, term_id
from tests.rag.lft_excerpts import article_chunks


@pytest.fixture(scope="module")
def bm25() -> SpanishBM25:
    return SpanishBM25()


@pytest.mark.parametrize(
    "forms",
    [
        ("vacación", "vacacion", "vacaciones", "VACACIONES"),
        ("indemnización", "indemnizacion", "indemnizaciones"),
        ("antigüedad", "antiguedad"),
        ("año", "años", "AÑOS"),
        ("día", "dia", "días"),
        ("trabajador", "trabajadores", "trabajadora"),
    ],
)
def test_word_forms_meet(bm25: SpanishBM25, forms: tuple[str, ...]) -> None:
    vectors = {tuple(bm25.encode_query(form)[0]) for form in forms}
    assert len(vectors) == 1
    assert len(next(iter(vectors))) == 1


def test_enye_is_not_folded(bm25: SpanishBM25) -> None:
    assert fold_accents("Año ÁÉÍÓÚ pingüino") == "año aeiou pinguino"
    assert bm25.encode_query("año") != bm25.encode_query("ano")


def test_stop_words_and_punctuation_vanish(bm25: SpanishBM25) -> None:
    assert bm25.encode_query("¿De qué? ¡Y de la que ellos!") == ([], [])
    assert bm25.stems("¿Cuántos días de vacaciones?") == ["cuant", "dia", "vacacion"]


def test_numbers_are_terms(bm25: SpanishBM25) -> None:
    indices, _ = bm25.encode_query("artículo 76")
    assert term_id("76") in indices


def test_term_ids_are_stable_31_bit_hashes() -> None:
    assert term_id("vacacion") == zlib.crc32(b"vacacion") & 0x7FFFFFFF
    assert all(0 <= term_id(w) < 2**31 for w in ("a", "vacacion", "ñ" * 40))


def test_query_weights_are_one_per_unique_term(bm25: SpanishBM25) -> None:
    indices, values = bm25.encode_query("vacaciones vacaciones aguinaldo")
    assert len(indices) == 2
    assert values == [1.0, 1.0]
    assert indices == sorted(indices)


def test_document_weights_saturate(bm25: SpanishBM25) -> None:
    term = term_id("aguinald")
    weights = []
    for tf in (1, 2, 3, 30):
        indices, values = bm25.encode_document("aguinaldo " * tf + "pago " * (40 - tf))
        weights.append(dict(zip(indices, values, strict=True))[term])
    # tf grows the weight, with diminishing returns, never past k1 + 1
    assert weights[0] < weights[1] < weights[2] < weights[3] < bm25.k1 + 1
    assert weights[1] - weights[0] > weights[2] - weights[1]


def test_longer_documents_weigh_a_term_less(bm25: SpanishBM25) -> None:
    term = term_id("aguinald")
    short = dict(zip(*bm25.encode_document("aguinaldo anual"), strict=True))
    long = dict(zip(*bm25.encode_document("aguinaldo " + "salario " * 200), strict=True))
    assert short[term] > long[term]


def test_real_article_vectors(bm25: SpanishBM25, lft_md: Path) -> None:
    chunks = {c.chunk_id: c for c in article_chunks(lft_md)}
    doc_indices, values = bm25.encode_document(chunks["87#0"].text)
    assert doc_indices == sorted(set(doc_indices))
    assert all(v > 0 for v in values)
    query, _ = bm25.encode_query("¿Cuándo me deben pagar el aguinaldo?")
    assert term_id("aguinald") in query
    assert set(query) & set(doc_indices) >= {term_id("aguinald"), term_id("pag")}


def test_signature_names_the_parameters() -> None:
    assert SpanishBM25().signature != SpanishBM25(k1=1.5).signature
