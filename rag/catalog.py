"""An in-process copy of the law index's chunks: article lookup and BM25 sparse scoring.

Read once from the index (``all_chunks``). Scores exactly as Qdrant's ``Modifier.IDF`` does over
the same document vectors, but with numpy: an embedded Qdrant scores sparse vectors in Python.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from rag.laws import LFT, law_of
from rag.types import Chunk

OTHER_LAWS = "related"


class DocumentEncoder(Protocol):
    """Sparse document vectors (``rag.sparse.SpanishBM25`` fits)."""

    def encode_document(self, text: str) -> tuple[list[int], list[float]]: ...


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float


class Catalog:
    """Every chunk of the index, by article, with inverted indexes of its sparse vectors.

    Law text (articles, transitorios) and glosses are scored apart, each with its own IDF,
    so adding glosses leaves the law's BM25 scores as they were; so are the LFT's chunks and
    the related laws' ("15 LSS"), so indexing those leaves the LFT's scores as they were.
    """

    def __init__(self, chunks: Iterable[Chunk], *, encoder: DocumentEncoder) -> None:
        self.chunks = list(chunks)
        articles: dict[str, list[Chunk]] = defaultdict(list)
        for chunk in self.chunks:
            if chunk.kind == "article":
                articles[chunk.article_id].append(chunk)
        self.articles = {
            a: sorted(cs, key=lambda c: natural_key(c.chunk_id)) for a, cs in articles.items()
        }
        self._law = _by_law([c for c in self.chunks if c.kind != "gloss"], encoder)
        self._glosses = _by_law([c for c in self.chunks if c.kind == "gloss"], encoder)

    @property
    def law_chunks(self) -> list[Chunk]:
        """Articles and transitorios: the laws' own words (no glosses)."""
        return [c for postings in self._law.values() for c in postings.chunks]

    def article(self, article_id: str) -> list[Chunk] | None:
        """The article's chunks in reading order; None when the index has no such article."""
        return self.articles.get(article_id)

    def sparse_search(
        self,
        indices: Sequence[int],
        values: Sequence[float],
        *,
        limit: int,
        glosses: bool = False,
        laws: frozenset[str] | None = None,
    ) -> list[Hit]:
        """The ``limit`` best law chunks (repealed included), or with ``glosses`` the glosses.

        ``laws`` (codes, ``rag.laws``) keeps only those laws' chunks; None keeps every law.
        """
        hits: list[Hit] = []
        groups = self._glosses if glosses else self._law
        for group, postings in groups.items():
            if laws is None or (group in laws if group == LFT else bool(laws - {LFT})):
                hits += postings.search(indices, values, limit)
        if laws is not None:
            hits = [h for h in hits if law_of(h.chunk.article_id) in laws]
        if len(groups) > 1:
            hits.sort(key=lambda h: -h.score)
        return hits[:limit]


def _by_law(chunks: list[Chunk], encoder: DocumentEncoder) -> dict[str, _Postings]:
    """The LFT's chunks and the related laws' chunks, each group with its own IDF."""
    lft = [c for c in chunks if law_of(c.article_id) == LFT]
    others = [c for c in chunks if law_of(c.article_id) != LFT]
    groups = {LFT: _Postings(lft, encoder)}
    if others:
        groups[OTHER_LAWS] = _Postings(others, encoder)
    return groups


class _Postings:
    """BM25 document vectors of some chunks, with Qdrant's IDF over those chunks."""

    def __init__(self, chunks: list[Chunk], encoder: DocumentEncoder) -> None:
        self.chunks = chunks
        postings: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for row, chunk in enumerate(chunks):
            for term, weight in zip(*encoder.encode_document(chunk.text), strict=True):
                rows, weights = postings[term]
                rows.append(row)
                weights.append(weight)
        n = len(chunks)
        # Qdrant's IDF modifier: ln(1 + (N - n + 0.5) / (n + 0.5)) over every point.
        self._postings = {
            term: (
                np.asarray(rows, dtype=np.int32),
                np.asarray(weights, dtype=np.float32)
                * math.log(1.0 + (n - len(rows) + 0.5) / (len(rows) + 0.5)),
            )
            for term, (rows, weights) in postings.items()
        }

    def search(self, indices: Sequence[int], values: Sequence[float], limit: int) -> list[Hit]:
        scores = np.zeros(len(self.chunks), dtype=np.float32)
        for term, weight in zip(indices, values, strict=True):
            posting = self._postings.get(term)
            if posting is not None:
                scores[posting[0]] += weight * posting[1]
        hit_rows = np.flatnonzero(scores)
        if hit_rows.size == 0:
            return []
        top = hit_rows[np.argsort(-scores[hit_rows], kind="stable")[:limit]]
        return [Hit(self.chunks[int(row)], float(scores[row])) for row in top]


def natural_key(key: str) -> tuple[object, ...]:
    """``"47#10"`` after ``"47#9"``: digit runs compare as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key))
