"""The two baselines bench/retrieval.py compares our retriever against.

(b) plain BM25 over whole articles (no stemming, no stop words, no expansion); (c) dense-only
retrieval over fixed 1,000-character chunks of the law text, as a default RAG tutorial does.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rag.ports import Embedder

_WORD = re.compile(r"\w+")
_ARTICLE_START = re.compile(
    r"^\**Artículo (\d+)(?:o\.?)?\**[ .]*(Bis|Ter|Qu[aá]ter|-[A-ZÑ])?", re.MULTILINE
)


def plain_tokens(text: str) -> list[str]:
    """Lowercase word tokens with accents dropped: what a plain BM25 tutorial tokenizes."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


class PlainBM25:
    """Okapi BM25 (k1=1.2, b=0.75) over whole articles, one document per article."""

    def __init__(self, docs: Sequence[tuple[str, str]], *, k1: float = 1.2, b: float = 0.75):
        self.ids = [doc_id for doc_id, _ in docs]
        self.tfs = [Counter(plain_tokens(text)) for _, text in docs]
        self.lengths = [sum(tf.values()) for tf in self.tfs]
        self.avg = sum(self.lengths) / max(len(self.lengths), 1)
        df: Counter[str] = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(self.tfs)
        self.idf = {t: math.log((n - f + 0.5) / (f + 0.5) + 1.0) for t, f in df.items()}
        self.k1, self.b = k1, b

    def rank(self, question: str, k: int) -> list[str]:
        terms = set(plain_tokens(question))
        scored: list[tuple[float, int]] = []
        for i, tf in enumerate(self.tfs):
            norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
            s = sum(self.idf[t] * tf[t] * (self.k1 + 1) / (tf[t] + norm) for t in terms if t in tf)
            if s > 0:
                scored.append((s, i))
        scored.sort(key=lambda si: -si[0])
        return [self.ids[i] for _, i in scored[:k]]


def fixed_chunks(body: str, size: int = 1000) -> list[tuple[str, list[str]]]:
    """Cut the law body every ``size`` characters; each piece lists the articles it overlaps."""
    starts = [(m.start(), _article_id(m)) for m in _ARTICLE_START.finditer(body)]
    pieces: list[tuple[str, list[str]]] = []
    for offset in range(0, len(body), size):
        end = offset + size
        # The article in force at the piece's start, then any that begin inside it.
        before = [aid for pos, aid in starts if pos <= offset]
        inside = [aid for pos, aid in starts if offset < pos < end]
        ids = ([before[-1]] if before else []) + inside
        pieces.append((body[offset:end], list(dict.fromkeys(ids))))
    return pieces


def _article_id(match: re.Match[str]) -> str:
    number, suffix = str(int(match.group(1))), match.group(2)
    if not suffix:
        return number
    if suffix.startswith("-"):
        return f"{number}{suffix}"
    return f"{number} {'Quáter' if suffix.lower().startswith('qu') else suffix}"


class DenseFixedChunks:
    """Cosine search over fixed-size chunk embeddings; articles in the order their chunks rank."""

    def __init__(
        self, pieces: Sequence[tuple[str, list[str]]], *, embedder: Embedder, cache_dir: Path
    ) -> None:
        self.embedder = embedder
        self.articles = [ids for _, ids in pieces]
        texts = [text for text, _ in pieces]
        key = hashlib.sha256(("\0".join(texts) + embedder.name).encode()).hexdigest()[:16]
        cache = cache_dir / f"fixed-{key}.npy"
        if cache.exists():
            self.matrix = np.load(cache)
        else:
            self.matrix = np.asarray(embedder.embed_passages(texts), dtype=np.float32)
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.save(cache, self.matrix)

    def rank(self, question: str, k: int) -> list[str]:
        query = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        order = np.argsort(-(self.matrix @ query))
        found: list[str] = []
        for i in order:
            for article_id in self.articles[int(i)]:
                if article_id not in found:
                    found.append(article_id)
            if len(found) >= k:
                break
        return found[:k]


def law_body(md_text: str) -> str:
    """The body of the law (before the transitorios), exactly as the source prints it."""
    return md_text.split("\n## TRANSITORIOS\n", 1)[0]
