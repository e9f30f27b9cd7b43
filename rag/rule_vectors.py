"""The plain-language rules scored by meaning: each rule's vector against the question's vector.

The vectors are made at ingest time (``RuleVectorStore.store_rule_vectors``, called by
``ingest.index``) and read once per process; a question reuses the vector retrieval already
computed, so scoring every rule is one small matrix product, never a model call. A rule edited
since the last ingest has no current vector and simply gets no meaning score.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from rag.ports import Embedder
    from rag.rules import Rule


def rule_text(rule: Rule) -> str:
    """What the model reads for a rule: its plain statement (the words closest to a worker's)."""
    return rule.rule


def rule_digest(rule: Rule, embedder_name: str) -> str:
    """Identifies a rule's vector: the same id, statement and embedder give the same vector."""
    return hashlib.sha256(f"{embedder_name}\n{rule.id}\n{rule_text(rule)}".encode()).hexdigest()


class RuleVectors:
    """The rules that have a current vector, as one row-normalised matrix."""

    def __init__(
        self, rules: Sequence[Rule], stored: Mapping[str, Sequence[float]], *, embedder_name: str
    ) -> None:
        ids: list[str] = []
        rows: list[Sequence[float]] = []
        for rule in rules:
            vector = stored.get(rule_digest(rule, embedder_name))
            if vector is not None:
                ids.append(rule.id)
                rows.append(vector)
        self.ids = tuple(ids)
        self.missing = len(rules) - len(ids)
        # No rows (an index built before rule vectors existed): an empty matrix, no scores.
        matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1 if rows else 0)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True) if len(rows) else 1.0
        self._matrix = matrix / np.where(norms == 0, 1.0, norms)

    def __len__(self) -> int:
        return len(self.ids)

    def similarity(self, query_vector: Sequence[float]) -> dict[str, float]:
        """Each rule's cosine to the query as a z-score over all rules (rule id → z).

        e5's cosines crowd into a narrow band, so the raw value says little; how far a rule
        stands above the other rules says how much it is about the question.
        """
        if not self.ids:
            return {}
        query = np.asarray(query_vector, dtype=np.float32)
        norm = float(np.linalg.norm(query))
        if norm == 0 or query.shape[0] != self._matrix.shape[1]:
            return {}
        cosines = self._matrix @ (query / norm)
        spread = float(cosines.std()) or 1.0
        z = (cosines - float(cosines.mean())) / spread
        return dict(zip(self.ids, (float(v) for v in z), strict=True))


class RememberingEmbedder:
    """An ``Embedder`` that keeps its last query vectors, so the rules are scored with the
    vector retrieval already paid for instead of embedding the question twice."""

    def __init__(self, inner: Embedder, *, size: int = 32) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._size = size
        self._recent: OrderedDict[str, list[float]] = OrderedDict()

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        found = self._recent.get(text)
        if found is None:
            found = self.inner.embed_query(text)
            self._recent[text] = found
            if len(self._recent) > self._size:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(text)
        return found
