"""``abogado eval-answers``: key fact stated and leading, grounding and quote relevance, latency.

Shell only: the judging lives in rag.answer_eval, the pipeline comes from abogado.answers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from services.errors import AbogadoError, UsageError

if TYPE_CHECKING:
    from abogado.container import Container


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "eval-answers",
        help="measure whether answers state and lead with the key fact",
        description=(
            'Read {"id","question","context"?,"must":[regex],"must_2026"?,"lead"?,"lead_2026"?,'
            '"articles"?} lines and answer each question with the configured pipeline. An answer '
            "states the fact when every must regex matches it and leads with it when lead matches "
            "its first 450 characters (*_YEAR entries apply only in that year). Prints both "
            "rates, citations of unretrieved articles, misquotes, irrelevant quotes (articles "
            "quoted before the next steps that are not gold), answer lengths and latency."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE.jsonl")
    parser.add_argument("--k", type=int, default=8, help="articles to retrieve (default 8)")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--report", type=Path, help="write a per-question JSONL report here")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, container: Container) -> int:
    from rag.answer_eval import AnswerItem, evaluate_answers, load_answer_items
    from rag.errors import RagError
    from rag.types import Answer

    if args.k <= 0:
        raise UsageError("--k must be positive")
    if not args.file.exists():
        raise UsageError(f"{args.file}: no such file")
    try:
        with container.open_pipeline() as pipeline:
            items = load_answer_items(args.file, year=pipeline.today.year)
            pipeline.answer("cuantos dias de vacaciones me tocan")  # warm: latency is per answer

            def answer(item: AnswerItem) -> Answer:
                context = dict(item.context) or None
                return pipeline.answer(item.question, context=context, k=args.k)

            report = evaluate_answers(items, answer)
    except RagError as exc:
        raise AbogadoError(str(exc)) from exc
    summary = report.summary()
    if args.format == "json":
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key:<30} {value}")
    if args.report is not None:
        lines = [json.dumps(row, ensure_ascii=False) for row in report.rows()]
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0
