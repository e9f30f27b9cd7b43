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
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rag.off_topic import NEIGHBOURS, OFF_TOPIC

if TYPE_CHECKING:
    from rag.ports import Embedder
    from rag.rules import Rule


def rule_text(rule: Rule) -> str:
    """What the model reads for a rule: its plain statement (the words closest to a worker's)."""
    return rule.rule


def rule_digest(rule: Rule, embedder_name: str) -> str:
    """Identifies a rule's vector: the same id, statement and embedder give the same vector."""
    return _digest(embedder_name, rule.id, rule_text(rule))


def _digest(embedder_name: str, key: str, text: str) -> str:
    return hashlib.sha256(f"{embedder_name}\n{key}\n{text}".encode()).hexdigest()


# A worker question's key beside its rule's id ("47-aviso~q2"): a character no id has.
ASK_MARK = "~q"


@dataclass(frozen=True)
class VectorItem:
    """One text to embed for the rules: a rule's statement (a passage) or one of its worker
    questions (``rag.rule_asks``, embedded as a query: a question is matched to questions)."""

    key: str
    rule_id: str
    text: str
    digest: str
    query: bool


def vector_items(
    rules: Sequence[Rule], asks: Mapping[str, Sequence[str]], *, embedder_name: str
) -> list[VectorItem]:
    """The rules' statements and their questions, in rule order; then the off-topic messages
    (``rag.off_topic``), when ``asks`` carries them under ``OFF_TOPIC``."""
    items: list[VectorItem] = []
    for rule in rules:
        items.append(
            VectorItem(rule.id, rule.id, rule_text(rule), rule_digest(rule, embedder_name), False)
        )
        for n, ask in enumerate(asks.get(rule.id, ())):
            key = f"{rule.id}{ASK_MARK}{n}"
            items.append(VectorItem(key, rule.id, ask, _digest(embedder_name, key, ask), True))
    for n, text in enumerate(asks.get(OFF_TOPIC, ())):
        key = f"{OFF_TOPIC}{n}"
        items.append(VectorItem(key, OFF_TOPIC, text, _digest(embedder_name, key, text), True))
    return items


def _normalised(rows: Sequence[Sequence[float]]) -> np.ndarray:
    # No rows (an index built before rule vectors existed): an empty matrix, no scores.
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1 if rows else 0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True) if len(rows) else 1.0
    return matrix / np.where(norms == 0, 1.0, norms)


def _z(matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    cosines: np.ndarray = matrix @ query
    spread = float(cosines.std()) or 1.0
    z: np.ndarray = (cosines - float(cosines.mean())) / spread
    return z


class RuleVectors:
    """The rules that have a current vector, as one row-normalised matrix, and their worker
    questions' vectors as another."""

    def __init__(
        self,
        rules: Sequence[Rule],
        stored: Mapping[str, Sequence[float]],
        *,
        embedder_name: str,
        asks: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        ids: list[str] = []
        rows: list[Sequence[float]] = []
        ask_ids: list[str] = []
        ask_rows: list[Sequence[float]] = []
        off_rows: list[Sequence[float]] = []
        for item in vector_items(rules, asks or {}, embedder_name=embedder_name):
            vector = stored.get(item.digest)
            if vector is None:
                continue
            if item.rule_id == OFF_TOPIC:
                off_rows.append(vector)
            else:
                (ask_ids if item.query else ids).append(item.rule_id)
                (ask_rows if item.query else rows).append(vector)
        self.ids = tuple(ids)
        self.ask_ids = tuple(ask_ids)
        self.missing = len(rules) - len(ids)
        self._matrix = _normalised(rows)
        self._asks = _normalised(ask_rows)
        # Kept apart: the off-topic messages never weigh in a rule's z-score.
        self._off = _normalised(off_rows)

    def __len__(self) -> int:
        return len(self.ids)

    def similarity(self, query_vector: Sequence[float]) -> dict[str, float]:
        """Each rule's cosine to the query as a z-score over all rules (rule id → z); where
        the rule's worker questions stand higher among all questions, their best z counts.

        e5's cosines crowd into a narrow band, so the raw value says little; how far a rule
        stands above the other rules says how much it is about the question.
        """
        if not self.ids:
            return {}
        query = np.asarray(query_vector, dtype=np.float32)
        norm = float(np.linalg.norm(query))
        if norm == 0 or query.shape[0] != self._matrix.shape[1]:
            return {}
        query = query / norm
        found = dict(zip(self.ids, (float(v) for v in _z(self._matrix, query)), strict=True))
        if self.ask_ids:
            for rule_id, z in zip(self.ask_ids, _z(self._asks, query), strict=True):
                # Counted as it is: an offset against questions standing out by chance (0.5,
                # -0.5) changed the tuning sets by a question or two either way.
                if float(z) > found.get(rule_id, float("-inf")):
                    found[rule_id] = float(z)
        return found

    def off_topic_margin(self, query_vector: Sequence[float]) -> float | None:
        """How much nearer the off-topic messages stand than the rules' worker questions (mean
        cosine of the ``NEIGHBOURS`` nearest of each); None without both banks' vectors."""
        if len(self._off) < NEIGHBOURS or len(self._asks) < NEIGHBOURS:
            return None
        query = np.asarray(query_vector, dtype=np.float32)
        norm = float(np.linalg.norm(query))
        if norm == 0 or query.shape[0] != self._off.shape[1]:
            return None
        query = query / norm
        off = np.sort(self._off @ query)[-NEIGHBOURS:]
        labor = np.sort(self._asks @ query)[-NEIGHBOURS:]
        return float(off.mean() - labor.mean())


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
