"""The live collection's chunks, read once per process: by point id, in index order, transitorios.

An embedded Qdrant deep-copies every payload a search returns and filters a scroll point by
point in Python, so searches ask for point ids only and take their chunks from here. Keyed by
the collection's name (a hash of its content), so a new build behind the alias is read afresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.backends.qdrant_points import chunk_from_payload
from rag.types import Chunk

if TYPE_CHECKING:
    from qdrant_client.http import models


@dataclass(frozen=True)
class LiveChunks:
    """One collection's chunks: ``by_point`` (point id → chunk), ``chunks`` in scroll order,
    ``transitorios`` in index (ingest) order."""

    name: str
    by_point: dict[str, Chunk]
    chunks: tuple[Chunk, ...]
    transitorios: tuple[Chunk, ...]

    @classmethod
    def read(cls, name: str, records: Iterable[models.Record]) -> LiveChunks:
        by_point: dict[str, Chunk] = {}
        orders: dict[str, int] = {}
        for record in records:
            payload = record.payload or {}
            chunk = chunk_from_payload(payload)
            by_point[str(record.id)] = chunk
            orders[str(record.id)] = int(payload.get("order", 0))
        transitorios = sorted(
            (p for p, c in by_point.items() if c.kind == "transitorio"), key=orders.__getitem__
        )
        return cls(
            name=name,
            by_point=by_point,
            chunks=tuple(by_point.values()),
            transitorios=tuple(by_point[p] for p in transitorios),
        )
