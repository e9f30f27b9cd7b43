"""Retrieval evaluation: recall@1/5/10, MRR@10 and latency percentiles over a JSONL gold set.

Pure except for the clock, which is injected; knows nothing of how retrieval is done.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rag.errors import RagError

# (question, k) -> article ids, best first.
RankFn = Callable[[str, int], Sequence[str]]


class EvalFileError(RagError):
    """An evaluation file line is not ``{"id", "question", "articles"}``."""


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class QuestionResult:
    id: str
    question: str
    gold: tuple[str, ...]
    ranked: tuple[str, ...]
    # 1-based rank of the first gold article, None when it is not in the list.
    first_hit: int | None
    seconds: float


@dataclass(frozen=True)
class EvalReport:
    n: int
    k: int
    recall: dict[int, float]
    mrr: float
    latency_ms: dict[str, float]
    results: tuple[QuestionResult, ...] = field(default=(), repr=False)

    def summary(self) -> dict[str, object]:
        """The numbers only (no per-question rows), JSON-ready."""
        return {
            "n": self.n,
            "k": self.k,
            **{f"recall@{c}": round(v, 4) for c, v in self.recall.items()},
            f"mrr@{self.k}": round(self.mrr, 4),
            **{f"latency_{p}_ms": round(v, 1) for p, v in self.latency_ms.items()},
        }

    def rows(self) -> list[dict[str, object]]:
        return [asdict(r) for r in self.results]


def load_items(path: Path) -> list[EvalItem]:
    """Read ``{"id","question","articles"}`` lines (blank lines skipped)."""
    items: list[EvalItem] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            item = EvalItem(
                id=str(row["id"]),
                question=str(row["question"]),
                articles=tuple(str(a) for a in row.get("articles", [])),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalFileError(f"{path}:{lineno}: not an evaluation line ({exc})") from exc
        items.append(item)
    return items


def first_hit(ranked: Sequence[str], gold: Iterable[str]) -> int | None:
    """The 1-based rank of the first gold article in ``ranked``, or None."""
    wanted = set(gold)
    for rank, article in enumerate(ranked, 1):
        if article in wanted:
            return rank
    return None


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def score(results: Sequence[QuestionResult], *, k: int = 10) -> EvalReport:
    """Aggregate per-question results: a question counts when ANY gold article is in the top c."""
    n = len(results)
    cutoffs = sorted({1, 5, k} | ({10} if k >= 10 else set()))
    recall = {
        c: (sum(1 for r in results if r.first_hit is not None and r.first_hit <= c) / n if n else 0)
        for c in cutoffs
    }
    mrr = (
        sum(1 / r.first_hit for r in results if r.first_hit is not None and r.first_hit <= k) / n
        if n
        else 0.0
    )
    ms = [r.seconds * 1000 for r in results]
    latency = {f"p{p}": percentile(ms, p) for p in (50, 95, 99)}
    return EvalReport(n=n, k=k, recall=recall, mrr=mrr, latency_ms=latency, results=tuple(results))


def evaluate(
    items: Sequence[EvalItem],
    rank: RankFn,
    *,
    k: int = 10,
    clock: Callable[[], float] = time.perf_counter,
) -> EvalReport:
    """Run ``rank`` on every question, timing each call, and score the rankings."""
    results: list[QuestionResult] = []
    for item in items:
        start = clock()
        ranked = tuple(rank(item.question, k))[:k]
        elapsed = clock() - start
        results.append(
            QuestionResult(
                id=item.id,
                question=item.question,
                gold=item.articles,
                ranked=ranked,
                first_hit=first_hit(ranked, item.articles),
                seconds=elapsed,
            )
        )
    return score(results, k=k)
