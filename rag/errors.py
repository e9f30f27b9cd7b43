"""rag's exception tree.

RagError
├── IndexMissingError   the law index has not been built (run ``abogado ingest``)
├── EmbeddingError      the embedder failed
└── ModelUnavailableError  the chat model is down or throttled after retries
"""

from __future__ import annotations


class RagError(Exception):
    """Base of every error raised by rag."""


class IndexMissingError(RagError):
    pass


class EmbeddingError(RagError):
    pass


class ModelUnavailableError(RagError):
    pass
