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


class ModelThrottledError(ModelUnavailableError):
    """A transient model failure (throttled, overloaded, not ready, 5xx): worth retrying.

    ``retry_after`` is the server's hint in seconds, when it gave one.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
