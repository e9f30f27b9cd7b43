"""Chunks: one per article, long ones split by fracciones, each standing alone."""

from __future__ import annotations

import re

import pytest

from ingest.chunk import chunk_law, split_text
from ingest.model import Law
from rag.types import Chunk

MAX_CHARS = 1800


@pytest.fixture(scope="module")
def chunks(law: Law) -> list[Chunk]:
    return chunk_law(law)


def of(chunks: list[Chunk], article_id: str) -> list[Chunk]:
    return [c for c in chunks if c.article_id == article_id]


def test_every_article_and_transitorio_is_chunked(chunks: list[Chunk], law: Law) -> None:
    assert {c.article_id for c in chunks if c.kind == "article"} == {a.id for a in law.articles}
    assert {c.article_id for c in chunks if c.kind == "transitorio"} == {
        t.id for t in law.transitorios
    }
    assert all(c.law_version == "2026-05-01" for c in chunks)


def test_chunk_ids_are_unique_and_stable(chunks: list[Chunk], law: Law) -> None:
    ids = [c.chunk_id for c in chunks]
    assert len(ids) == len(set(ids))
    assert [c.chunk_id for c in chunk_law(law)] == ids
    assert of(chunks, "76")[0].chunk_id == "76#1"


def test_chunks_fit_the_embedder(chunks: list[Chunk]) -> None:
    assert max(len(c.text) for c in chunks) <= MAX_CHARS


def test_short_article_is_one_chunk_with_its_heading(chunks: list[Chunk]) -> None:
    (vacations,) = of(chunks, "76")
    assert vacations.text.startswith(
        "Artículo 76 LFT (Título Tercero › Capítulo IV): Las personas trabajadoras"
    )
    assert vacations.path == ("Título Tercero: Condiciones de Trabajo", "Capítulo IV: Vacaciones")
    assert vacations.reforms == ("Artículo reformado DOF 27-12-2022",)


@pytest.mark.parametrize("article_id", ["132", "47", "684-E", "283"])
def test_long_articles_are_split_by_fracciones(
    chunks: list[Chunk], law: Law, article_id: str
) -> None:
    pieces = of(chunks, article_id)
    article = law.article(article_id)
    assert article is not None
    assert len(pieces) > 1
    heading = f"Artículo {article_id} LFT ("
    intro = article.text.split("\n", 1)[0][:40]
    for piece in pieces:
        assert piece.text.startswith(heading)
        assert intro in piece.text  # the intro sentence travels with every piece
    # Each fracción starts inside exactly one chunk, whole.
    for fraccion in article.fracciones:
        marker = re.compile(rf"\n{re.escape(fraccion.numeral)}\.-? ")
        assert sum(bool(marker.search(p.text)) for p in pieces) == 1, fraccion.numeral
    words = set(article.text.split())
    assert words <= set(" ".join(p.text for p in pieces).split())


def test_repealed_articles_are_flagged(chunks: list[Chunk]) -> None:
    (repealed,) = of(chunks, "15-A")
    assert repealed.repealed
    assert "[derogado]" in repealed.text


def test_transitorio_chunks(chunks: list[Chunk]) -> None:
    (segundo,) = of(chunks, "T 2026-05-01 Segundo")
    assert segundo.kind == "transitorio"
    assert segundo.decree_date == "2026-05-01"
    assert "59" in segundo.governs
    assert segundo.text.startswith(
        "Transitorio Segundo del decreto publicado en el DOF el 01-05-2026"
    )
    assert "2027: 46 horas" in segundo.text
    (original,) = of(chunks, "T 1970 Primero")
    assert original.decree_date is None


def test_split_text_never_loses_words() -> None:
    long_fraccion = "I. " + "Una palabra más; " * 120
    text = "Intro:\n" + long_fraccion + "\nII. corto;\na) inciso\nIII. " + "otra frase. " * 150
    pieces = split_text(text, limit=500)
    assert all(len(p) <= 500 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert any(p.startswith("I. Una palabra") for p in pieces)
    assert "II. corto;\na) inciso" in "\n".join(pieces)


def test_a_table_article_embeds_each_row_cut_short(chunks: list[Chunk]) -> None:
    # Art. 513 (tables of diseases and incapacities) is a third of the law's tokens: the dense
    # model reads each piece's rows cut short, BM25 keeps every word; other articles are whole.
    table = [c for c in chunks if c.article_id == "513"]
    assert len(table) > 30
    for chunk in table:
        assert chunk.dense_text is not None
        assert chunk.dense_text.startswith("Artículo 513 LFT")
        assert len(chunk.dense_text) < 520
        assert " […]\n" not in chunk.dense_text  # the repeated intro is not what it reads
    assert sum(len(c.dense_text or "") for c in table) < sum(len(c.text) for c in table) / 2
    assert all(c.dense_text is None for c in chunks if c.article_id != "513")
