"""The rules' vectors in Qdrant: one small collection beside the law's (``rules_<alias>_<dim>``).

Kept apart from the versioned law collections (whose old versions are deleted by prefix) so a
re-ingest re-embeds only the rules whose text changed. This module never reads settings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from rag.backends.qdrant_points import point_id
from rag.errors import RagError
from rag.rule_vectors import vector_items

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
    asks: Mapping[str, Sequence[str]] | None = None,
    batch_size: int = 64,
) -> int:
    """Make the collection hold exactly the vectors of ``rules`` and of their worker questions
    (``rag.rule_asks``); returns how many were embedded."""
    from qdrant_client.http import models

    name = rules_collection(alias, embedder.dim)
    if not client.collection_exists(name):
        params = models.VectorParams(size=embedder.dim, distance=models.Distance.COSINE)
        client.create_collection(name, vectors_config={RULE_DENSE: params})
    stored = {
        str(r.id): (r.payload or {}).get("digest") for r in _records(client, name, vectors=False)
    }
    items = vector_items(rules, asks or {}, embedder_name=embedder.name)
    wanted = {point_id(f"rule:{item.key}"): item for item in items}
    stale = [(pid, item) for pid, item in wanted.items() if stored.get(pid) != item.digest]
    for start in range(0, len(stale), batch_size):
        batch = stale[start : start + batch_size]
        passages = embedder.embed_passages([item.text for _, item in batch if not item.query])
        if len(passages) != sum(not item.query for _, item in batch):
            raise RagError(f"{embedder.name} returned {len(passages)} vectors")
        given = iter(passages)
        vectors = [
            embedder.embed_query(item.text) if item.query else next(given) for _, item in batch
        ]
        points = [
            models.PointStruct(
                id=pid,
                vector={RULE_DENSE: vector},
                payload={"rule_id": item.key, "digest": item.digest},
            )
            for (pid, item), vector in zip(batch, vectors, strict=True)
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
