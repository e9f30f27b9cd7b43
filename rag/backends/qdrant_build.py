"""Writes one new Qdrant collection of chunks: create, embed what is new, upsert, mark complete.

Knows nothing of aliases; ``qdrant_index`` decides which collection is live.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rag.backends.qdrant_points import (
    DENSE,
    GLOSS_DENSE,
    GLOSS_SPARSE,
    SCHEMA_VERSION,
    SPARSE,
    embedding_text,
    point_id,
    vector_names,
)
from rag.errors import RagError
from rag.types import Chunk

if TYPE_CHECKING:
    from qdrant_client import QdrantClient

    from rag.ports import Embedder
    from rag.sparse import SpanishBM25

log = logging.getLogger(__name__)
_PAYLOAD_INDEXES = (
    ("article_id", "keyword"),
    ("kind", "keyword"),
    ("repealed", "bool"),
    ("governs", "keyword"),
)


@dataclass
class Build:
    """One collection to write; ``known`` maps content hashes to dense vectors already computed."""

    client: QdrantClient
    name: str
    embedder: Embedder
    sparse: SpanishBM25
    law_version: str
    batch_size: int

    def run(
        self,
        chunks: Sequence[Chunk],
        payloads: Sequence[dict[str, Any]],
        known: dict[str, list[float]],
        report: Callable[[int], None],
    ) -> int:
        """Writes every chunk and flags the collection complete; returns the texts embedded."""
        self._create(points=len(chunks))
        with _fast_local_writes(self.client, self.name):
            embedded = 0
            for start in range(0, len(chunks), self.batch_size):
                batch = range(start, min(start + self.batch_size, len(chunks)))
                embedded += self._write(batch, chunks, payloads, known)
                report(len(batch))
        self.client.update_collection(self.name, metadata={"complete": True})
        return embedded

    def _create(self, *, points: int) -> None:
        from qdrant_client.http import models

        dense = models.VectorParams(size=self.embedder.dim, distance=models.Distance.COSINE)
        sparse = models.SparseVectorParams(modifier=models.Modifier.IDF)
        self.client.create_collection(
            self.name,
            vectors_config={DENSE: dense, GLOSS_DENSE: dense},
            sparse_vectors_config={SPARSE: sparse, GLOSS_SPARSE: sparse},
            metadata={
                "schema": SCHEMA_VERSION,
                "embedder": self.embedder.name,
                "dim": self.embedder.dim,
                "sparse": self.sparse.signature,
                "law_version": self.law_version,
                "points": points,
                "complete": False,
            },
        )
        if not is_local(self.client):  # local mode has no payload indexes (and warns)
            for field, schema in _PAYLOAD_INDEXES:
                self.client.create_payload_index(
                    self.name, field, field_schema=models.PayloadSchemaType(schema), wait=True
                )

    def _write(
        self,
        batch: range,
        chunks: Sequence[Chunk],
        payloads: Sequence[dict[str, Any]],
        known: dict[str, list[float]],
    ) -> int:
        from qdrant_client.http import models

        missing = [i for i in batch if payloads[i]["content_hash"] not in known]
        if missing:
            vectors = self.embedder.embed_passages([embedding_text(chunks[i]) for i in missing])
            if len(vectors) != len(missing):
                raise RagError(f"{self.embedder.name} returned {len(vectors)} vectors")
            for i, dense in zip(missing, vectors, strict=True):
                known[payloads[i]["content_hash"]] = dense
        points = []
        for i in batch:
            indices, values = self.sparse.encode_document(chunks[i].text)
            dense_name, sparse_name = vector_names(chunks[i].kind)
            vector: dict[str, Any] = {dense_name: known[payloads[i]["content_hash"]]}
            if indices:  # Qdrant rejects an empty sparse vector
                vector[sparse_name] = models.SparseVector(indices=indices, values=values)
            points.append(
                models.PointStruct(
                    id=point_id(chunks[i].chunk_id), vector=vector, payload=payloads[i]
                )
            )
        self.client.upsert(self.name, points=points, wait=True)
        return len(missing)


@contextlib.contextmanager
def qdrant_errors() -> Iterator[None]:
    """Translate qdrant-client's failures (server down, bad request) into rag's RagError."""
    from qdrant_client.common.client_exceptions import QdrantException
    from qdrant_client.http.exceptions import ApiException

    try:
        yield
    except (ApiException, QdrantException) as exc:
        raise RagError(f"Qdrant failed: {type(exc).__name__}: {str(exc)[:200]}") from exc


def is_local(client: QdrantClient) -> bool:
    from qdrant_client.local.qdrant_local import QdrantLocal

    return isinstance(getattr(client, "_client", None), QdrantLocal)


@contextlib.contextmanager
def _fast_local_writes(client: QdrantClient, name: str) -> Iterator[None]:
    """Local mode commits (and fsyncs) SQLite once per point: ~10 ms each, most of a rebuild.

    The collection is not live while it is built, so per-point durability buys nothing: turn
    the syncs off, and fsync the file once before the alias can point at it. Reaches into
    qdrant-client's local storage; if that layout ever changes this quietly does nothing.
    """
    local = getattr(client, "_client", None)
    storage = getattr(getattr(local, "collections", {}).get(name), "storage", None)
    connection = getattr(storage, "storage", None)
    path = getattr(storage, "location", None)
    if not is_local(client) or connection is None or path is None:
        yield
        return
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA journal_mode=MEMORY")  # no journal file made and deleted per point
    try:
        yield
    finally:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA synchronous=FULL")
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    log.debug("synced %s", path)
