"""Value types shared by indexing, retrieval and answering.

Plain frozen dataclasses: no SDK objects, no database rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["article", "transitorio", "gloss"]


@dataclass(frozen=True)
class Chunk:
    """One indexable piece of the law: a whole article, a group of its fracciones, or a transitorio.

    ``text`` always starts with the heading (``Artículo 132 LFT — …``) so a chunk stands alone.
    For a transitorio, ``article_id`` is its own id (``"T 2026-05-01 Segundo"``) and ``governs``
    lists the articles its decree reforms. A ``gloss`` (``rag.glosses``) is a worker's words for
    what its article governs: it ranks its article and is never quoted.
    """

    chunk_id: str
    article_id: str
    kind: Kind
    path: tuple[str, ...]
    text: str
    law_version: str
    repealed: bool = False
    reforms: tuple[str, ...] = ()
    governs: tuple[str, ...] = ()
    decree_date: str | None = None
    # What the dense model reads when it is not ``text`` (a table's rows, cut short); not stored.
    dense_text: str | None = None


@dataclass(frozen=True)
class Passage:
    """An article (or transitorio) retrieved for a question, with the text that matched."""

    article_id: str
    kind: Kind
    path: tuple[str, ...]
    text: str
    score: float
    governs: tuple[str, ...] = ()
    decree_date: str | None = None


@dataclass(frozen=True)
class Citation:
    article_id: str
    quote: str = ""


@dataclass(frozen=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...] = ()
    in_scope: bool = True
    # True when the model could not be reached and the answer only quotes the articles.
    degraded: bool = False
    repaired: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ScoredChunk:
    """A chunk returned by one retrieval primitive (dense or sparse), with its score."""

    chunk: Chunk
    score: float
