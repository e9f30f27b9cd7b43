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

from rag.types import Chunk


class DocumentEncoder(Protocol):
    """Sparse document vectors (``rag.sparse.SpanishBM25`` fits)."""

    def encode_document(self, text: str) -> tuple[list[int], list[float]]: ...


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float


class Catalog:
    """Every chunk of the index, by article, with an inverted index of its sparse vectors."""

    def __init__(self, chunks: Iterable[Chunk], *, encoder: DocumentEncoder) -> None:
        self.chunks = list(chunks)
        articles: dict[str, list[Chunk]] = defaultdict(list)
        postings: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for row, chunk in enumerate(self.chunks):
            if chunk.kind == "article":
                articles[chunk.article_id].append(chunk)
            for term, weight in zip(*encoder.encode_document(chunk.text), strict=True):
                rows, weights = postings[term]
                rows.append(row)
                weights.append(weight)
        self.articles = {
            a: sorted(cs, key=lambda c: natural_key(c.chunk_id)) for a, cs in articles.items()
        }
        n = len(self.chunks)
        # Qdrant's IDF modifier: ln(1 + (N - n + 0.5) / (n + 0.5)) over every point.
        self._postings = {
            term: (
                np.asarray(rows, dtype=np.int32),
                np.asarray(weights, dtype=np.float32)
                * math.log(1.0 + (n - len(rows) + 0.5) / (len(rows) + 0.5)),
            )
            for term, (rows, weights) in postings.items()
        }

    def article(self, article_id: str) -> list[Chunk] | None:
        """The article's chunks in reading order; None when the index has no such article."""
        return self.articles.get(article_id)

    def sparse_search(
        self, indices: Sequence[int], values: Sequence[float], *, limit: int
    ) -> list[Hit]:
        """The ``limit`` best chunks by sparse dot product (all kinds, repealed included)."""
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
