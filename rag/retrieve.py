"""Hybrid retrieval to articles: dense + sparse (with slang expansion) fused by weighted RRF.

Owns ranking only: the index primitives, the embedder and the sparse encoder are injected.
Direct references ("art 76") come first; repealed articles are never returned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from rag.catalog import Catalog, natural_key
from rag.definitions import asks_definition, defines_term
from rag.governing import governing_transitorios
from rag.laws import law_of, laws_in_play, named_laws, only_laws, widen
from rag.off_topic import margin_for, with_off_topic
from rag.ports import ChunkIndex, Embedder, QueryEncoder, RuleVectorStore, ScoredLike
from rag.query import ExpansionTable, Query, TopicTable, prepare
from rag.rule_asks import load_asks
from rag.rule_vectors import RememberingEmbedder, RuleVectors
from rag.rules import load_rules
from rag.spelling import Speller, law_speller, mend_slang
from rag.types import Chunk, Passage


@dataclass(frozen=True)
class RetrieverConfig:
    """Knobs measured in bench/retrieval.py; the defaults are the ones that paid off."""

    candidates: int = 40
    rrf_k: int = 10
    dense_weight: float = 1.0
    sparse_weight: float = 1.0
    # Weight of the expansion-table terms relative to the worker's own words (sparse side).
    expansion_weight: float = 0.6
    # Embed the normalised question (shorthand spelled out) instead of the raw one.
    dense_normalized: bool = False
    # A second dense query with the expansion terms appended (costs one more embedding).
    dense_expansion: bool = False
    # Fuse article ranks (True) or chunk ranks grouped by best chunk + a share of the second.
    fuse_articles: bool = True
    second_chunk: float = 0.2
    use_expansions: bool = True
    use_references: bool = True
    # Weight of the topical index (rag/data/topics.tsv) as one more ranked list; 0 turns it off.
    topic_weight: float = 1.0
    # For "qué es …" questions, the candidates that open by defining a term ("X es la …",
    # "Se entiende por …") as one more ranked list; 0 turns it off.
    definition_weight: float = 1.0
    # Score sparse vectors in-process (same numbers as Qdrant's IDF modifier, much faster
    # than an embedded Qdrant); False asks the index.
    local_sparse: bool = True
    # Repair typos against the law's vocabulary (built from the index on first use).
    use_speller: bool = True
    # Weight of the colloquial glosses (rag/glosses.py) as their own ranked list, relative to
    # the search (dense or sparse) that found them; 0 ignores them.
    gloss_weight: float = 2.0
    # Law gate: a related law's articles (LSS, INFONAVIT, LFTSE, CPEUM) rank only for questions
    # that put that law in play ("imss", "infonavit", "burócrata", "constitución"…); otherwise
    # they would take ranks from the LFT's articles in every list. Direct references pass.
    law_gate: bool = True
    # The fused score of an article of a related law the question names outright ("imss",
    # "infonavit", "constitución") is multiplied by this; 1 leaves the fusion alone.
    named_law_weight: float = 1.0


class Retriever:
    """``retrieve`` ranks articles; ``transitorios`` adds the ones that govern them."""

    def __init__(
        self,
        index: ChunkIndex,
        *,
        embedder: Embedder,
        sparse: QueryEncoder,
        expansions: ExpansionTable | None = None,
        config: RetrieverConfig | None = None,
        speller: Speller | None = None,
        topics: TopicTable | None = None,
    ) -> None:
        self._index = index
        self._topics = topics
        self._catalog: Catalog | None = None
        self._speller = speller
        # Remembers its query vectors: the rules are scored with the one retrieval made.
        self._embedder = RememberingEmbedder(embedder)
        self._rule_vectors: RuleVectors | None = None
        self._sparse = sparse
        self._config = config or RetrieverConfig()
        self._expansions = expansions if self._config.use_expansions else None
        # The answer pipeline prepares the same text for retrieval and for the rules' meaning.
        self._prepared = lru_cache(maxsize=32)(partial(prepare, table=self._expansions))

    def prepare(self, question: str) -> Query:
        """The query as searched: the slang misspelt written as meant ("me corieron" → "me
        corrieron"), so the slang table, the topics and the dense vector see what was meant."""
        return self._prepared(self.mend(question))

    def retrieve(
        self, question: str, *, k: int = 10, laws: frozenset[str] = frozenset()
    ) -> list[Passage]:
        """The ``k`` best articles for ``question``, best first; never a repealed one.

        ``laws`` (codes, ``rag.laws``) are put in play whatever the question says.
        """
        if k <= 0 or not question.strip():
            return []
        query = self.prepare(question)
        cfg = self._config
        by_chunk: dict[str, float] = defaultdict(float)
        by_article: dict[str, float] = defaultdict(float)
        chunks: dict[str, Chunk] = {}
        in_play = laws_in_play(question) | laws if cfg.law_gate else None

        def add(results: Sequence[ScoredLike], weight: float) -> None:
            # Ranks count articles, not chunks, so a long article's many chunks do not crowd
            # out a short article that matched better (by_chunk keeps the chunk-level variant).
            # Glosses rank their article in a list of their own.
            seen: set[str] = set()
            glossed: dict[str, None] = {}  # articles in the order their best gloss ranks
            rank = 0
            for hit in results:
                chunk = hit.chunk
                if in_play is not None and law_of(chunk.article_id) not in in_play:
                    continue
                if chunk.kind == "gloss":
                    glossed.setdefault(chunk.article_id)
                    continue
                if chunk.repealed or chunk.kind != "article" or rank >= cfg.candidates:
                    continue
                rank += 1
                chunks[chunk.chunk_id] = chunk
                by_chunk[chunk.chunk_id] += weight / (cfg.rrf_k + rank)
                if chunk.article_id not in seen:
                    seen.add(chunk.article_id)
                    by_article[chunk.article_id] += weight / (cfg.rrf_k + len(seen))
            if cfg.gloss_weight:
                self._add_ranked(
                    list(glossed), weight * cfg.gloss_weight, by_chunk, by_article, chunks
                )

        if cfg.dense_weight:
            dense_text = self._dense_text(query)
            add(self._dense(dense_text, in_play), cfg.dense_weight)
            if cfg.dense_expansion and query.expansions:
                expanded = f"{dense_text} {query.expansion_text}"
                add(self._dense(expanded, in_play), cfg.dense_weight / 2)
        indices, values = self._sparse_query(query) if cfg.sparse_weight else ([], [])
        if indices:
            add(self._sparse_hits(indices, values, in_play), cfg.sparse_weight)
        if cfg.topic_weight:
            self._add_topics(query, by_chunk, by_article, chunks)
        if cfg.definition_weight and asks_definition(query.normalized):
            self._add_definitions(by_article)
        if cfg.named_law_weight != 1.0:
            named = named_laws(question)
            for article_id, score in by_article.items():
                if law_of(article_id) in named:
                    by_article[article_id] = score * cfg.named_law_weight
        ranked = self._group(by_chunk, by_article, chunks)
        if cfg.use_references:
            ranked = self._references_first(query, ranked)
        return ranked[:k]

    def mend(self, text: str) -> str:
        """``text`` with its misspelt slang written as meant (``rag.spelling.mend_slang``)."""
        speller = self.speller()
        return mend_slang(speller, text) if speller is not None else text

    def repairs(self, text: str) -> list[str]:
        """The law's words for the misspelt words of ``text`` (what retrieval searched too)."""
        speller = self.speller()
        return speller.repair(text) if speller is not None else []

    def rule_meaning(self, question: str) -> dict[str, float]:
        """Each rule's z-score by meaning for ``question`` (``rag.rule_vectors``), from the query
        vector ``retrieve(question)`` made; empty when the index holds no rule vectors."""
        vectors = self._vectors()
        if not len(vectors) or not question.strip():
            return {}
        return vectors.similarity(self._query_vector(question))

    def off_topic(self, question: str) -> bool:
        """Whether ``question`` stands nearer by meaning to the off-topic messages than to the
        rules' worker questions (``rag.off_topic``); False where this embedder was never
        calibrated or the index holds no such vectors. Reuses retrieval's query vector."""
        margin = margin_for(self._embedder.name)
        if margin is None or not question.strip():
            return False
        found = self._vectors().off_topic_margin(self._query_vector(question))
        return found is not None and found > margin

    def _vectors(self) -> RuleVectors:
        if self._rule_vectors is None:
            stored = self._index.rule_vectors() if isinstance(self._index, RuleVectorStore) else {}
            self._rule_vectors = RuleVectors(
                load_rules(),
                stored,
                embedder_name=self._embedder.name,
                asks=with_off_topic(load_asks()),
            )
        return self._rule_vectors

    def _query_vector(self, question: str) -> list[float]:
        return self._embedder.embed_query(self._dense_text(self.prepare(question)))

    def _dense_text(self, query: Query) -> str:
        return query.normalized if self._config.dense_normalized else query.original

    def transitorios(self, passages: list[Passage]) -> list[Passage]:
        """Transitorios of the newest decree reforming each retrieved article, when they matter.

        One matters when it names that article ("el artículo 59 … se alcanzará") or sets a
        gradual schedule; older decrees' transitorios have long run their course.
        """
        ids = [p.article_id for p in passages if p.kind == "article"]
        if not ids:
            return []
        return governing_transitorios(self._index.transitorios_for(ids), ids)

    # -- internals ---------------------------------------------------------------------------

    def _dense(self, text: str, in_play: frozenset[str] | None = None) -> Sequence[ScoredLike]:
        """Nearest law chunks, then nearest glosses (two searches, one embedding).

        With ``in_play``, only those laws' hits, as many as an index of them alone would give.
        """
        vector = list(self._embedder.embed_query(text))
        limit, index = self._overfetch(), self._index
        wide = widen(limit, in_play)
        hits = only_laws(
            index.dense_search(vector, limit=wide, include_repealed=True), in_play, limit
        )
        if self._config.gloss_weight:
            # No repealed filter (slow in embedded mode): glosses exist for live articles only.
            limit = self._config.candidates
            found = index.dense_search(
                vector, limit=widen(limit, in_play), kind="gloss", include_repealed=True
            )
            hits += only_laws(found, in_play, limit)
        return hits

    def _sparse_hits(
        self, indices: list[int], values: list[float], in_play: frozenset[str] | None = None
    ) -> list[ScoredLike]:
        """Best law chunks, then best glosses, by BM25 (in-process unless configured not to)."""
        limit, glosses = self._overfetch(), self._config.gloss_weight > 0
        wide = widen(limit, in_play)
        hits: list[ScoredLike] = []
        if self._config.local_sparse:
            catalog = self.catalog()
            hits += catalog.sparse_search(indices, values, limit=limit, laws=in_play)
            if glosses:
                hits += catalog.sparse_search(
                    indices, values, limit=limit, glosses=True, laws=in_play
                )
            return hits
        remote = self._index.sparse_search(indices, values, limit=wide, include_repealed=True)
        hits += only_laws(remote, in_play, limit)
        if glosses:
            remote = self._index.sparse_search(
                indices, values, limit=wide, kind="gloss", include_repealed=True
            )
            hits += only_laws(remote, in_play, limit)
        return hits

    def _overfetch(self) -> int:
        # Unfiltered searches with a margin for transitorios and repealed articles, dropped
        # here: an embedded Qdrant evaluates payload filters in Python, point by point.
        return self._config.candidates + self._config.candidates // 2

    def speller(self) -> Speller | None:
        """The typo repairer; built from the index's own words the first time it is needed."""
        if self._speller is None and self._config.use_speller:
            self._speller = law_speller(c.text for c in self.catalog().law_chunks)
        return self._speller

    def catalog(self) -> Catalog:
        """Every chunk of the index, read once (the first question pays about a second)."""
        if self._catalog is None:
            self._catalog = Catalog(self._index.all_chunks(), encoder=self._sparse)
        return self._catalog

    def _article(self, article_id: str) -> list[Chunk]:
        """The article's chunks in reading order, or [] if it is unknown or repealed."""
        chunks = self.catalog().article(article_id)
        if chunks is None:
            chunks = [c for c in self._index.get_article(article_id) if c.kind == "article"]
        return [] if not chunks or any(c.repealed for c in chunks) else chunks

    def _sparse_query(self, query: Query) -> tuple[list[int], list[float]]:
        weights: dict[int, float] = {}
        text = query.normalized
        speller = self.speller()
        if speller is not None:
            text = " ".join([text, *speller.repair(text)])
        indices, values = self._sparse.encode_query(text)
        for i, v in zip(indices, values, strict=True):
            weights[i] = max(weights.get(i, 0.0), v)
        if query.expansions:
            w = self._config.expansion_weight
            indices, values = self._sparse.encode_query(query.expansion_text)
            for i, v in zip(indices, values, strict=True):
                weights[i] = max(weights.get(i, 0.0), v * w)
        return list(weights), list(weights.values())

    def _add_topics(
        self,
        query: Query,
        by_chunk: dict[str, float],
        by_article: dict[str, float],
        chunks: dict[str, Chunk],
    ) -> None:
        if self._topics is None:
            self._topics = TopicTable.default()
        articles = self._topics.articles(query.normalized)
        self._add_ranked(articles, self._config.topic_weight, by_chunk, by_article, chunks)

    def _add_ranked(
        self,
        article_ids: Sequence[str],
        weight: float,
        by_chunk: dict[str, float],
        by_article: dict[str, float],
        chunks: dict[str, Chunk],
    ) -> None:
        """One more ranked list of articles (live ones only) into the fusion."""
        rank = 0
        for article_id in article_ids:
            if rank >= self._config.candidates:
                return
            if article_id not in by_article:
                # Reached by this list only: its first chunk is what the passage shows.
                found = self._article(article_id)
                if not found:
                    continue
                chunks[found[0].chunk_id] = found[0]
                by_chunk[found[0].chunk_id] += 0.0
            rank += 1
            by_article[article_id] += weight / (self._config.rrf_k + rank)

    def _add_definitions(self, by_article: dict[str, float]) -> None:
        cfg = self._config
        fused = sorted(by_article, key=lambda a: (-by_article[a], natural_key(a)))
        rank = 0
        for article_id in fused[: cfg.candidates]:
            found = self.catalog().article(article_id)
            if found and defines_term(found[0].text):
                rank += 1
                by_article[article_id] += cfg.definition_weight / (cfg.rrf_k + rank)

    def _group(
        self, by_chunk: dict[str, float], by_article: dict[str, float], chunks: dict[str, Chunk]
    ) -> list[Passage]:
        per_article: dict[str, list[tuple[float, Chunk]]] = defaultdict(list)
        for chunk_id, score in by_chunk.items():
            chunk = chunks[chunk_id]
            per_article[chunk.article_id].append((score, chunk))
        passages: list[Passage] = []
        for article_id, scored in per_article.items():
            scored.sort(key=lambda sc: sc[0], reverse=True)
            if self._config.fuse_articles:
                score = by_article[article_id]
            else:
                score = scored[0][0]
                if len(scored) > 1:
                    score += self._config.second_chunk * scored[1][0]
            first = scored[0][1]
            matched = sorted((c for _, c in scored), key=lambda c: natural_key(c.chunk_id))
            passages.append(
                Passage(
                    article_id=article_id,
                    kind=first.kind,
                    path=first.path,
                    text="\n".join(c.text for c in matched),
                    score=score,
                    governs=first.governs,
                    decree_date=first.decree_date,
                )
            )
        passages.sort(key=lambda p: (-p.score, natural_key(p.article_id)))
        return passages

    def _references_first(self, query: Query, ranked: list[Passage]) -> list[Passage]:
        if not query.references:
            return ranked
        top = (ranked[0].score if ranked else 0.0) + 1.0
        front: list[Passage] = []
        for n, ref in enumerate(query.references):
            chunks = self._article(ref.article_id)
            if not chunks:
                continue
            first = chunks[0]
            front.append(
                Passage(
                    article_id=ref.article_id,
                    kind="article",
                    path=first.path,
                    text="\n".join(c.text for c in chunks),
                    score=top - n * 1e-3,
                )
            )
        named = {p.article_id for p in front}
        return front + [p for p in ranked if p.article_id not in named]
