"""``abogado ask``: one question answered from the LFT, with the articles it cites.

Shell only: reads the case context, builds the configured pipeline, prints text or JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from services.errors import AbogadoError, UsageError

if TYPE_CHECKING:
    from abogado.container import Container
    from rag.types import Answer


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "ask",
        help="answer a labor question from the LFT, citing its articles",
        description=(
            "Answer QUESTION in Mexican Spanish from the Ley Federal del Trabajo, citing the "
            "articles; the answer backend comes from the settings (extractive, bedrock, openai)."
        ),
    )
    parser.add_argument("question", help="the question, as a worker would write it")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--context-json", metavar="JSON", help='the case context, e.g. \'{"tema": "despido"}\''
    )
    source.add_argument(
        "--context-file", type=Path, metavar="FILE", help="the case context as a JSON file"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--k", type=int, default=8, help="articles to retrieve (default 8)")
    parser.set_defaults(func=run)


def read_context(args: argparse.Namespace) -> dict[str, str]:
    """The context form as a flat ``{field: text}`` mapping (non-string values stringified)."""
    if args.context_file is not None:
        try:
            raw = args.context_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read {args.context_file}: {exc.strerror}") from exc
    elif args.context_json is not None:
        raw = args.context_json
    else:
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(f"the context is not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise UsageError("the context must be a JSON object of field: text")
    return {str(k): "" if v is None else str(v) for k, v in data.items()}


def to_json(answer: Answer) -> dict[str, object]:
    return {
        "text": answer.text,
        "citations": [{"article": c.article_id, "quote": c.quote} for c in answer.citations],
        "articles": [p.article_id for p in answer.passages if p.kind == "article"],
        "transitorios": [p.article_id for p in answer.passages if p.kind == "transitorio"],
        "in_scope": answer.in_scope,
        "degraded": answer.degraded,
        "repaired": list(answer.repaired),
    }


def run(args: argparse.Namespace, container: Container) -> int:
    from rag.errors import RagError

    if args.k <= 0:
        raise UsageError("--k must be positive")
    context = read_context(args)
    try:
        with container.open_pipeline() as pipeline:
            answer = pipeline.answer(args.question, context=context or None, k=args.k)
    except RagError as exc:
        raise AbogadoError(str(exc)) from exc
    if args.format == "json":
        json.dump(to_json(answer), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(answer.text + "\n")
    return 0
