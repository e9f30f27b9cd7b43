"""``abogado retrieve``: ranked articles for a question, or for a JSONL batch of questions.

Articles of the LFT have bare ids ("76"); those of the related laws name their law ("15 LSS").

Shell only: the retriever comes from abogado.answers (models loaded once); prints results.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from abogado.commands.law import law_option
from services.errors import AbogadoError, UsageError

if TYPE_CHECKING:
    from abogado.container import Container
    from rag.ports import Retrieval
    from rag.types import Passage

# With --law, rank this many times deeper and keep that law's articles (at least this many).
LAW_DEPTH = 5
MIN_LAW_DEPTH = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "retrieve",
        help="rank the LFT articles (and related laws' articles) for a question",
        description="Print the articles that best answer QUESTION, best first, with scores. "
        'An LFT article has a bare id ("76"); another law\'s names it ("15 LSS", "123 CPEUM").',
    )
    parser.add_argument("question", nargs="?", help="the question, as a worker would write it")
    parser.add_argument("--k", type=int, default=10, help="how many articles (default 10)")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument(
        "--law",
        metavar="CODE",
        help="only articles of this law (LFT, LSS, LINFONAVIT, LFTSE, CPEUM)",
    )
    parser.add_argument(
        "--batch",
        type=Path,
        metavar="FILE.jsonl",
        help='read {"id","question"} lines, print {"id","articles"} lines',
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, container: Container) -> int:
    from rag.errors import RagError

    if args.k <= 0:
        raise UsageError("--k must be positive")
    if (args.question is None) == (args.batch is None):
        raise UsageError("give either a QUESTION or --batch FILE.jsonl")
    code = law_option(args.law) if args.law else None
    try:
        with container.open_retrieval() as retriever:
            if args.batch is not None:
                return _batch(retriever, args.batch, k=args.k, code=code)
            passages = _retrieve(retriever, args.question, k=args.k, code=code)
    except RagError as exc:
        raise AbogadoError(str(exc)) from exc
    if args.format == "json":
        rows = [{"article_id": p.article_id, "score": round(p.score, 6)} for p in passages]
        print(json.dumps({"articles": rows}, ensure_ascii=False))
    else:
        for rank, p in enumerate(passages, 1):
            where = " / ".join(p.path[-2:])
            print(f"{rank:>2}. Art. {p.article_id:<12} {p.score:.4f}  {where}")
    return 0


def _retrieve(retriever: Retrieval, question: str, *, k: int, code: str | None) -> list[Passage]:
    """The top ``k``; with a law code, the top ``k`` of that law among a deeper ranking."""
    if code is None:
        return retriever.retrieve(question, k=k)
    from rag.laws import law_of
    from rag.retrieve import Retriever

    depth = max(k * LAW_DEPTH, MIN_LAW_DEPTH)
    if isinstance(retriever, Retriever):  # the law gate lets that law in, whatever was asked
        deeper = retriever.retrieve(question, k=depth, laws=frozenset({code}))
    else:
        deeper = retriever.retrieve(question, k=depth)
    return [p for p in deeper if law_of(p.article_id) == code][:k]


def _batch(retriever: Retrieval, path: Path, *, k: int, code: str | None = None) -> int:
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row: dict[str, Any] = json.loads(line)
            qid, question = row["id"], str(row["question"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise UsageError(f"{path}:{lineno}: expected a {{'id','question'}} line") from exc
        ids = [p.article_id for p in _retrieve(retriever, question, k=k, code=code)]
        print(json.dumps({"id": qid, "articles": ids}, ensure_ascii=False))
        sys.stdout.flush()
    return 0
