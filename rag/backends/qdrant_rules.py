"""The rules' vectors in Qdrant: one small collection beside the law's (``rules_<alias>_<dim>``).

Kept apart from the versioned law collections (whose old versions are deleted by prefix) so a
re-ingest re-embeds only the rules whose text changed. This module never reads settings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from rag.backends.qdrant_points import point_id
from rag.errors import RagError
from rag.rule_vectors import rule_digest, rule_text

if TYPE_CHECKING:
    from qdrant_client import QdrantClient

    from rag.ports import Embedder
    from rag.rules import Rule

RULE_DENSE = "rule_dense"


def rules_collection(alias: str, dim: int) -> str:
    return f"rules_{alias}_{dim}"


def _records(client: QdrantClient, name: str, *, vectors: bool) -> Iterator[Any]:
    offset = None
    while True:
        records, offset = client.scroll(
            name, limit=256, offset=offset, with_payload=True, with_vectors=vectors
        )
        yield from records
        if offset is None:
            return


def store_rule_vectors(
    client: QdrantClient,
    *,
    alias: str,
    embedder: Embedder,
    rules: Sequence[Rule],
    batch_size: int = 64,
) -> int:
    """Make the collection hold exactly ``rules``' vectors; returns how many were embedded."""
    from qdrant_client.http import models

    name = rules_collection(alias, embedder.dim)
    if not client.collection_exists(name):
        params = models.VectorParams(size=embedder.dim, distance=models.Distance.COSINE)
        client.create_collection(name, vectors_config={RULE_DENSE: params})
    stored = {
        str(r.id): (r.payload or {}).get("digest") for r in _records(client, name, vectors=False)
    }
    wanted = {point_id(f"rule:{rule.id}"): rule for rule in rules}
    stale = [
        (pid, rule)
        for pid, rule in wanted.items()
        if stored.get(pid) != rule_digest(rule, embedder.name)
    ]
    for start in range(0, len(stale), batch_size):
        batch = stale[start : start + batch_size]
        vectors = embedder.embed_passages([rule_text(rule) for _, rule in batch])
        if len(vectors) != len(batch):
            raise RagError(f"{embedder.name} returned {len(vectors)} vectors")
        points = [
            models.PointStruct(
                id=pid,
                vector={RULE_DENSE: vector},
                payload={"rule_id": rule.id, "digest": rule_digest(rule, embedder.name)},
            )
            for (pid, rule), vector in zip(batch, vectors, strict=True)
        ]
        client.upsert(name, points=points, wait=True)
    gone: list[int | str | UUID] = [pid for pid in stored if pid not in wanted]
    if gone:
        client.delete(name, points_selector=models.PointIdsList(points=gone), wait=True)
    return len(stale)


def load_rule_vectors(client: QdrantClient, *, alias: str, dim: int) -> dict[str, list[float]]:
    """digest → vector of every stored rule; empty when the rules were never indexed."""
    name = rules_collection(alias, dim)
    if not client.collection_exists(name):
        return {}
    found: dict[str, list[float]] = {}
    for record in _records(client, name, vectors=True):
        vectors, digest = record.vector, (record.payload or {}).get("digest")
        vector = vectors.get(RULE_DENSE) if isinstance(vectors, dict) else None
        if isinstance(vector, list) and isinstance(digest, str):
            found[digest] = [float(x) for x in vector]
    return found
