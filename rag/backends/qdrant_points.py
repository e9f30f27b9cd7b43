"""How chunks map onto Qdrant: point ids, payloads, content hashes, collection names, filters.

Pure functions (no client calls); ``qdrant_index`` does the I/O.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rag.errors import RagError
from rag.laws import LFT, law_of
from rag.types import Chunk, Kind, Passage

if TYPE_CHECKING:
    from qdrant_client.http import models

# Bump when the payload layout or the vector configuration changes: it renames every collection.
SCHEMA_VERSION = 2
DENSE = "dense"
SPARSE = "sparse"
# Glosses (short, question-like) have vectors of their own names: in one shared space they
# fill every top-k before any article does, and a payload filter is slow in embedded mode.
GLOSS_DENSE = "gloss_dense"
GLOSS_SPARSE = "gloss_sparse"


def vector_names(kind: Kind | None) -> tuple[str, str]:
    """The (dense, sparse) vector names that points of ``kind`` carry."""
    return (GLOSS_DENSE, GLOSS_SPARSE) if kind == "gloss" else (DENSE, SPARSE)


_POINT_NAMESPACE = uuid.UUID("6f1d3c1e-8a51-5d2b-9a55-2b8f0c7e4a10")


def point_id(chunk_id: str) -> str:
    """A stable UUID5 of the chunk id, so re-upserting a chunk overwrites its own point."""
    return str(uuid.uuid5(_POINT_NAMESPACE, chunk_id))


def embedding_text(chunk: Chunk) -> str:
    """What the dense model reads: the chunk text (heading included) or its ``dense_text``."""
    return chunk.dense_text or chunk.text


def content_hash(text: str, embedder_name: str) -> str:
    """Identifies a dense vector: same text and same embedder means the same vector."""
    return hashlib.sha256(f"{embedder_name}\n{text}".encode()).hexdigest()


def chunk_payload(chunk: Chunk, *, digest: str, order: int) -> dict[str, Any]:
    """The point payload (``order`` keeps the chunks of an article in their reading order).

    ``law`` is the code of the law the chunk belongs to (``"LFT"``, ``"LSS"``…), for filters.
    """
    return {
        "chunk_id": chunk.chunk_id,
        "article_id": chunk.article_id,
        "law": law_of(chunk.article_id),
        "kind": chunk.kind,
        "path": list(chunk.path),
        "text": chunk.text,
        "repealed": chunk.repealed,
        "reforms": list(chunk.reforms),
        "governs": list(chunk.governs),
        "decree_date": chunk.decree_date,
        "law_version": chunk.law_version,
        "content_hash": digest,
        "order": order,
    }


def chunk_from_payload(payload: Mapping[str, Any]) -> Chunk:
    kind: Kind = payload["kind"] if payload["kind"] in ("transitorio", "gloss") else "article"
    return Chunk(
        chunk_id=str(payload["chunk_id"]),
        article_id=str(payload["article_id"]),
        kind=kind,
        path=tuple(payload.get("path") or ()),
        text=str(payload["text"]),
        law_version=str(payload["law_version"]),
        repealed=bool(payload.get("repealed", False)),
        reforms=tuple(payload.get("reforms") or ()),
        governs=tuple(payload.get("governs") or ()),
        decree_date=payload.get("decree_date"),
    )


def collection_name(
    *, alias: str, law_version: str, signature: str, payloads: Sequence[Mapping[str, Any]]
) -> str:
    """``<alias>_<law_version>_<hash8>``; the hash covers the schema and every point's payload.

    So unchanged input maps to the live collection's own name (nothing to do), and any change
    (text, metadata, embedder, sparse encoder) gets a fresh collection behind the alias.
    """
    digest = hashlib.sha256(f"{SCHEMA_VERSION}\n{signature}\n".encode())
    for payload in payloads:
        digest.update(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\n")
    return f"{alias}_{law_version}_{digest.hexdigest()[:8]}"


def single_law_version(chunks: Sequence[Chunk]) -> str:
    """The LFT version the chunks share (it names the collection); related laws have their own.

    An index of related laws only (no LFT chunk) is named after their one shared version.
    """
    if not chunks:
        raise RagError("nothing to index: no chunks")
    lft = [c for c in chunks if law_of(c.article_id) == LFT]
    versions = {c.law_version for c in (lft or chunks)}
    if len(versions) != 1:
        raise RagError(f"chunks mix law versions: {sorted(versions)}")
    ids = [c.chunk_id for c in chunks]
    if len(set(ids)) != len(ids):
        raise RagError("chunk ids are not unique")
    return versions.pop()


def match(key: str, value: str) -> models.FieldCondition:
    from qdrant_client.http import models

    return models.FieldCondition(key=key, match=models.MatchValue(value=value))


def search_filter(kind: Kind | None, include_repealed: bool = False) -> models.Filter | None:
    """Only ``kind`` (glosses need no filter: they have vectors of their own), live unless asked."""
    from qdrant_client.http import models

    must = [match("kind", kind)] if kind and kind != "gloss" else []
    must_not: list[models.Condition] = []
    if not include_repealed:
        must_not.append(models.FieldCondition(key="repealed", match=models.MatchValue(value=True)))
    if not must and not must_not:
        return None
    return models.Filter(must=list(must), must_not=must_not)


def to_passage(chunk: Chunk, score: float) -> Passage:
    return Passage(
        article_id=chunk.article_id,
        kind=chunk.kind,
        path=chunk.path,
        text=chunk.text,
        score=score,
        governs=chunk.governs,
        decree_date=chunk.decree_date,
    )
