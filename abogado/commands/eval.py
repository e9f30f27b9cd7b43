"""``abogado eval``: recall@1/5/10, MRR@10 and latency of retrieval on a gold JSONL file.

Shell only: the metrics live in rag.evaluation, the retriever from abogado.answers.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from services.errors import AbogadoError, UsageError

if TYPE_CHECKING:
    from abogado.container import Container


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "eval",
        help="measure retrieval on a gold set",
        description='Read {"id","question","articles"} lines; print recall@1/5/10, MRR@10 and '
        "latency percentiles. A question counts as found when any gold article is in the top k. "
        'Gold ids of other laws name their law ("15 LSS", "123 CPEUM"); a bare id is the LFT\'s.',
    )
    parser.add_argument("file", type=Path, metavar="FILE.jsonl")
    parser.add_argument("--k", type=int, default=10, help="ranking depth (default 10)")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--report", type=Path, help="write a per-question JSONL report here")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, container: Container) -> int:
    from rag.errors import RagError
    from rag.evaluation import evaluate, load_items
    from rag.laws import normalize_id

    if args.k <= 0:
        raise UsageError("--k must be positive")
    if not args.file.exists():
        raise UsageError(f"{args.file}: no such file")
    try:
        items = [
            replace(item, articles=tuple(normalize_id(a) for a in item.articles))
            for item in load_items(args.file)
        ]
        with container.open_retrieval() as retriever:
            retriever.retrieve("calentamiento", k=1)  # warm the models: latency is per question

            def rank(question: str, k: int) -> list[str]:
                return [p.article_id for p in retriever.retrieve(question, k=k)]

            report = evaluate(items, rank, k=args.k)
    except RagError as exc:
        raise AbogadoError(str(exc)) from exc
    summary = report.summary()
    if args.format == "json":
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key:<18} {value}")
    if args.report is not None:
        lines = [json.dumps(row, ensure_ascii=False) for row in report.rows()]
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0
