"""The in-process sparse index with related laws: the LFT's scores stay as they were."""

from __future__ import annotations

from rag.catalog import Catalog
from rag.sparse import SpanishBM25
from rag.types import Chunk, Kind

LFT_TEXTS = {
    "76": "Artículo 76 LFT: vacaciones pagadas de doce días laborables después de un año",
    "87": "Artículo 87 LFT: aguinaldo anual de quince días de salario antes de diciembre",
    "132": "Artículo 132 LFT: obligaciones de los patrones, pagar el salario y dar constancias",
}
LSS_TEXTS = {
    "15 LSS": "Artículo 15 LSS: los patrones deben inscribir a sus trabajadores en el Instituto",
    "98 LSS": "Artículo 98 LSS: subsidio del sesenta por ciento del salario por enfermedad",
}


def _chunks(texts: dict[str, str], kind: Kind = "article") -> list[Chunk]:
    return [Chunk(f"{a}#1", a, kind, (), t, "v") for a, t in texts.items()]


def test_an_lft_search_scores_as_over_the_lft_alone() -> None:
    encoder = SpanishBM25()
    alone = Catalog(_chunks(LFT_TEXTS), encoder=encoder)
    both = Catalog(_chunks(LFT_TEXTS) + _chunks(LSS_TEXTS), encoder=encoder)
    indices, values = encoder.encode_query("el patron no me paga el salario")
    lft_only = both.sparse_search(indices, values, limit=5, laws=frozenset({"LFT"}))
    expected = alone.sparse_search(indices, values, limit=5)
    assert [(h.chunk.article_id, h.score) for h in lft_only] == [
        (h.chunk.article_id, h.score) for h in expected
    ]
    assert lft_only
    everything = both.sparse_search(indices, values, limit=5)
    assert {h.chunk.article_id for h in everything} >= {"15 LSS", "132"}
    assert [h.score for h in everything] == sorted((h.score for h in everything), reverse=True)
    with_lss = both.sparse_search(indices, values, limit=5, laws=frozenset({"LFT", "LSS"}))
    assert {h.chunk.article_id for h in with_lss} == {h.chunk.article_id for h in everything}
    assert both.law_chunks[-1].article_id == "98 LSS"


def test_glosses_of_related_laws_are_scored_apart_too() -> None:
    encoder = SpanishBM25()
    glosses = [Chunk("87~g1", "87", "gloss", (), "cuando me dan el aguinaldo", "v")]
    related = [Chunk("98 LSS~g1", "98 LSS", "gloss", (), "cuanto me paga el imss", "v")]
    alone = Catalog(glosses, encoder=encoder)
    both = Catalog(glosses + related, encoder=encoder)
    indices, values = encoder.encode_query("cuando me dan el aguinaldo")
    assert [
        h.score
        for h in both.sparse_search(indices, values, limit=3, glosses=True, laws=frozenset({"LFT"}))
    ] == [h.score for h in alone.sparse_search(indices, values, limit=3, glosses=True)]
