"""Interfaces rag uses; adapters live in rag/backends/ (one file each).

Declared here, by the package that uses them, as typing.Protocols.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rag.types import Chunk, Kind, Passage

if TYPE_CHECKING:
    from rag.rules import Rule


class Embedder(Protocol):
    """Dense text embeddings; ``name`` and ``dim`` are stored with the index."""

    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class VectorIndex(Protocol):
    """The law index: idempotent upserts, versioned collections behind an alias."""

    def upsert(
        self, chunks: Sequence[Chunk], *, progress: Callable[[int], None] | None = None
    ) -> int: ...

    def search(self, query: str, *, limit: int) -> list[Passage]: ...


class ChatModel(Protocol):
    """A chat model: a system prompt and messages in, text out."""

    name: str

    def complete(self, *, system: str, messages: Sequence[tuple[str, str]]) -> str: ...


class Retrieval(Protocol):
    """What the answer pipeline needs from retrieval (``rag.retrieve.Retriever`` fits it).

    ``retrieve`` returns articles best first (several chunks of one article count once);
    ``transitorios`` returns the transitorios that govern some of the given passages.
    """

    def retrieve(self, question: str, *, k: int = 10) -> list[Passage]: ...

    def transitorios(self, passages: list[Passage]) -> list[Passage]: ...


class ScoredLike(Protocol):
    """A chunk with a backend score (``rag.types.ScoredChunk`` fits)."""

    @property
    def chunk(self) -> Chunk: ...

    @property
    def score(self) -> float: ...


class ChunkIndex(Protocol):
    """The index primitives retrieval needs (``QdrantVectorIndex`` provides them)."""

    def dense_search(
        self,
        vector: list[float],
        *,
        limit: int,
        kind: Kind | None = None,
        include_repealed: bool = False,
    ) -> Sequence[ScoredLike]: ...

    def sparse_search(
        self,
        indices: list[int],
        values: list[float],
        *,
        limit: int,
        kind: Kind | None = None,
        include_repealed: bool = False,
    ) -> Sequence[ScoredLike]: ...

    def get_article(self, article_id: str) -> list[Chunk]: ...

    def transitorios_for(self, article_ids: list[str]) -> list[Chunk]: ...

    def all_chunks(self) -> Iterable[Chunk]: ...


class QueryEncoder(Protocol):
    """Sparse query and document encoding (``rag.sparse.SpanishBM25`` fits)."""

    def encode_query(self, text: str) -> tuple[list[int], list[float]]: ...

    def encode_document(self, text: str) -> tuple[list[int], list[float]]: ...


@runtime_checkable
class RuleVectorStore(Protocol):
    """An index that also keeps the plain-language rules' vectors (``QdrantVectorIndex``)."""

    def store_rule_vectors(
        self, rules: Sequence[Rule], asks: Mapping[str, Sequence[str]] | None = None
    ) -> int: ...

    def rule_vectors(self) -> dict[str, list[float]]: ...


@runtime_checkable
class Spelling(Protocol):
    """Retrieval that mends typos toward the law's words (``Retriever``): "enbarazada" →
    "embarazada"."""

    def repairs(self, text: str) -> list[str]: ...

    def mend(self, text: str) -> str: ...


@runtime_checkable
class RuleMeaning(Protocol):
    """Retrieval that can score the rules by meaning with its own query vector (``Retriever``)."""

    def rule_meaning(self, question: str) -> dict[str, float]: ...


@runtime_checkable
class OffTopic(Protocol):
    """Retrieval that can tell by meaning a message about something other than work
    (``Retriever``, ``rag.off_topic``)."""

    def off_topic(self, question: str) -> bool: ...
