"""The law index in Qdrant: versioned collections behind an alias, hybrid dense + BM25 search.

The client is injected (embedded local mode or a server); this module never reads settings.
An upsert builds a whole new collection and only then moves the alias, so readers never see a
half-built index, and a failed build leaves the previous one live and untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rag.backends.qdrant_build import Build, qdrant_errors
from rag.backends.qdrant_live import LiveChunks
from rag.backends.qdrant_points import (
    DENSE,
    GLOSS_DENSE,
    SPARSE,
    chunk_from_payload,
    chunk_payload,
    collection_name,
    content_hash,
    embedding_text,
    match,
    search_filter,
    single_law_version,
    to_passage,
    vector_names,
)
from rag.backends.qdrant_rules import load_rule_vectors, store_rule_vectors
from rag.errors import IndexMissingError
from rag.types import Chunk, Kind, Passage, ScoredChunk

if TYPE_CHECKING:
    from qdrant_client import QdrantClient
    from qdrant_client.http import models

    from rag.ports import Embedder
    from rag.rules import Rule
    from rag.sparse import SpanishBM25

log = logging.getLogger(__name__)


class QdrantVectorIndex:
    """``VectorIndex`` on Qdrant, plus the retrieval primitives ``rag.retrieve`` builds upon."""

    def __init__(
        self,
        client: QdrantClient,
        *,
        alias: str,
        embedder: Embedder,
        sparse: SpanishBM25,
        batch_size: int = 64,
        keep_previous: bool = True,
    ) -> None:
        self._client = client
        self.alias = alias
        self._embedder = embedder
        self._sparse = sparse
        self.batch_size = batch_size
        self.keep_previous = keep_previous
        # The live collection's chunks, read once (``rag.backends.qdrant_live``).
        self._live_chunks: LiveChunks | None = None

    # ----------------------------------------------------------------- writing

    def upsert(
        self, chunks: Sequence[Chunk], *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Make the alias point at a collection holding exactly ``chunks``; returns texts embedded.

        Vectors whose content hash is already in the live collection are copied, not recomputed,
        and unchanged input (same collection name) does nothing at all. ``progress`` receives the
        number of chunks finished after each batch.
        """
        with qdrant_errors():
            return self._upsert(chunks, progress or (lambda _n: None))

    def _upsert(self, chunks: Sequence[Chunk], report: Callable[[int], None]) -> int:
        law_version = single_law_version(chunks)
        name_of_embedder = self._embedder.name
        digests = [content_hash(embedding_text(c), name_of_embedder) for c in chunks]
        payloads = [
            chunk_payload(c, digest=d, order=i)
            for i, (c, d) in enumerate(zip(chunks, digests, strict=True))
        ]
        name = collection_name(
            alias=self.alias,
            law_version=law_version,
            signature=self._signature(),
            payloads=payloads,
        )
        live = self.live_collection()
        if name == live or self._is_complete(name):
            if name != live:
                self._switch_alias(name, replace=live is not None)
            report(len(chunks))
            return 0
        known = self._live_vectors(live) if live else {}
        if self._client.collection_exists(name):  # an unfinished build from a crashed run
            self._client.delete_collection(name)
        build = Build(
            client=self._client,
            name=name,
            embedder=self._embedder,
            sparse=self._sparse,
            law_version=law_version,
            batch_size=self.batch_size,
        )
        try:
            embedded = build.run(chunks, payloads, known, report)
            self._switch_alias(name, replace=live is not None)
        except BaseException:
            self._discard(name)
            raise
        self._drop_old(keep={name} | ({live} if live and self.keep_previous else set()))
        return embedded

    def _signature(self) -> str:
        return f"{self._embedder.name}/{self._embedder.dim}/{self._sparse.signature}"

    def _live_vectors(self, live: str) -> dict[str, list[float]]:
        """content_hash → dense vector of the live collection, to copy instead of re-embedding."""
        info = self._client.get_collection(live)
        metadata = info.config.metadata or {}
        if metadata.get("embedder") != self._embedder.name:
            return {}
        known: dict[str, list[float]] = {}
        for record in self._scroll(live, None, with_vectors=[DENSE, GLOSS_DENSE]):
            vectors = record.vector
            if not isinstance(vectors, dict) or not record.payload:
                continue
            dense = vectors.get(DENSE, vectors.get(GLOSS_DENSE))
            if isinstance(dense, list) and dense and isinstance(dense[0], float):
                known[str(record.payload["content_hash"])] = [float(x) for x in dense]
        return known

    def _is_complete(self, name: str) -> bool:
        if not self._client.collection_exists(name):
            return False
        metadata = self._client.get_collection(name).config.metadata or {}
        return metadata.get("complete") is True

    def _switch_alias(self, name: str, *, replace: bool) -> None:
        from qdrant_client.http import models

        create = models.CreateAliasOperation(
            create_alias=models.CreateAlias(collection_name=name, alias_name=self.alias)
        )
        operations: list[models.AliasOperations] = [create]
        if replace:  # one request: the server applies the delete and the create atomically
            delete = models.DeleteAlias(alias_name=self.alias)
            operations.insert(0, models.DeleteAliasOperation(delete_alias=delete))
        self._client.update_collection_aliases(change_aliases_operations=operations)
        log.info("alias %s now points at %s", self.alias, name)

    def _discard(self, name: str) -> None:
        try:
            self._client.delete_collection(name)
        except Exception:  # the original error matters more; the half-built collection is inert
            log.warning("could not delete the unfinished collection %s", name, exc_info=True)

    def _drop_old(self, *, keep: set[str]) -> None:
        """Delete this alias's other collections (the previous live one stays, for a rollback)."""
        prefix = f"{self.alias}_"
        names = [c.name for c in self._client.get_collections().collections]
        for name in sorted(n for n in names if n.startswith(prefix) and n not in keep):
            self._client.delete_collection(name)
            log.info("deleted old collection %s", name)

    # ----------------------------------------------------------------- reading

    def live_collection(self) -> str | None:
        with qdrant_errors():
            aliases = self._client.get_aliases().aliases
        for alias in aliases:
            if alias.alias_name == self.alias:
                return alias.collection_name
        return None

    def _live(self) -> str:
        name = self.live_collection()
        if name is None:
            raise IndexMissingError(f"no law index behind '{self.alias}': run `abogado ingest`")
        return name

    def search(self, query: str, *, limit: int) -> list[Passage]:
        """Baseline hybrid: dense and BM25 candidates fused by RRF, one passage per article.

        Law text only: glosses (a worker's words for an article) have vectors of other names.
        """
        from qdrant_client.http import models

        flt = search_filter(kind=None)
        indices, values = self._sparse.encode_query(query)
        prefetch = [
            models.Prefetch(query=self._embedder.embed_query(query), using=DENSE, limit=limit * 4)
        ]
        if indices:
            sparse = models.SparseVector(indices=indices, values=values)
            prefetch.append(models.Prefetch(query=sparse, using=SPARSE, limit=limit * 4))
        live = self._live()
        with qdrant_errors():
            response = self._client.query_points(
                live,
                prefetch=prefetch,
                query=models.FusionQuery(fusion=models.Fusion.RRF),
                query_filter=flt,
                limit=limit * 4,
                with_payload=True,
            )
        passages: dict[str, Passage] = {}
        for point in response.points:
            chunk = chunk_from_payload(point.payload or {})
            if chunk.article_id not in passages:
                passages[chunk.article_id] = to_passage(chunk, point.score)
        return list(passages.values())[:limit]

    def dense_search(
        self,
        vector: Sequence[float],
        *,
        limit: int,
        kind: Kind | None = None,
        include_repealed: bool = False,
    ) -> list[ScoredChunk]:
        """Nearest chunks; articles and transitorios, or with ``kind="gloss"`` the glosses."""
        dense, _ = vector_names(kind)
        return self._query(list(vector), dense, limit, search_filter(kind, include_repealed))

    def sparse_search(
        self,
        indices: Sequence[int],
        values: Sequence[float],
        *,
        limit: int,
        kind: Kind | None = None,
        include_repealed: bool = False,
    ) -> list[ScoredChunk]:
        from qdrant_client.http import models

        if not indices:
            return []
        query = models.SparseVector(indices=list(indices), values=list(values))
        _, sparse = vector_names(kind)
        return self._query(query, sparse, limit, search_filter(kind, include_repealed))

    def _query(
        self, query: Any, using: str, limit: int, flt: models.Filter | None
    ) -> list[ScoredChunk]:
        live = self._chunks()
        with qdrant_errors():
            response = self._client.query_points(
                live.name,
                query=query,
                using=using,
                query_filter=flt,
                limit=limit,
                with_payload=False,
            )
        found = [(live.by_point.get(str(p.id)), p.score) for p in response.points]
        if any(chunk is None for chunk, _ in found):  # a point this process never read
            with qdrant_errors():
                response = self._client.query_points(
                    live.name, query=query, using=using, query_filter=flt, limit=limit
                )
            found = [(chunk_from_payload(p.payload or {}), p.score) for p in response.points]
        return [ScoredChunk(chunk=c, score=score) for c, score in found if c is not None]

    def get_article(self, article_id: str) -> list[Chunk]:
        """Every chunk of one article (or transitorio), in reading order; [] if unknown.

        The law's text only: the article's glosses are not part of it.
        """
        from qdrant_client.http import models

        gloss: list[models.Condition] = [match("kind", "gloss")]
        return self._select(models.Filter(must=[match("article_id", article_id)], must_not=gloss))

    def transitorios_for(self, article_ids: Sequence[str]) -> list[Chunk]:
        """Transitorio chunks whose decree reforms any of ``article_ids``."""
        if not article_ids:
            return []
        wanted = set(article_ids)
        return [c for c in self._chunks().transitorios if not wanted.isdisjoint(c.governs)]

    def store_rule_vectors(
        self, rules: Sequence[Rule], asks: Mapping[str, Sequence[str]] | None = None
    ) -> int:
        """Embed the rules (and their worker questions) changed since the last call into their
        own collection."""
        with qdrant_errors():
            return store_rule_vectors(
                self._client, alias=self.alias, embedder=self._embedder, rules=rules, asks=asks
            )

    def rule_vectors(self) -> dict[str, list[float]]:
        with qdrant_errors():
            return load_rule_vectors(self._client, alias=self.alias, dim=self._embedder.dim)

    def all_chunks(self) -> Iterator[Chunk]:
        yield from self._chunks().chunks

    def _chunks(self) -> LiveChunks:
        """The live collection's chunks, read once per collection."""
        live = self._live()
        if self._live_chunks is None or self._live_chunks.name != live:
            self._live_chunks = LiveChunks.read(live, self._scroll(live, None))
        return self._live_chunks

    def _select(self, condition: Any) -> list[Chunk]:
        from qdrant_client.http import models

        flt = condition if isinstance(condition, models.Filter) else models.Filter(must=[condition])
        records = list(self._scroll(self._live(), flt))
        records.sort(key=lambda r: int((r.payload or {}).get("order", 0)))
        return [chunk_from_payload(r.payload or {}) for r in records]

    def _scroll(
        self, name: str, flt: models.Filter | None, *, with_vectors: Any = False
    ) -> Iterator[models.Record]:
        offset = None
        while True:
            with qdrant_errors():
                records, offset = self._client.scroll(
                    name, scroll_filter=flt, limit=256, offset=offset, with_vectors=with_vectors
                )
            yield from records
            if offset is None:
                return
