"""``abogado ingest [--source PATH|URL]``: parse the LFT and (re)build its search index.

Shell only: wires the settings' embedder and Qdrant into ``ingest.index`` and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from abogado.errors import AbogadoError

if TYPE_CHECKING:
    pass

DEFAULT_LOCAL_SOURCE = Path("../shared/data/lft/lft_2026-05-01_lexmx.md")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "ingest",
        help="parse the LFT and build its search index",
        description="Parse the LFT, split it into chunks, embed them and upsert them into Qdrant "
        "(a new collection behind the alias; unchanged chunks are not embedded again). The "
        "source defaults to ../shared/data/lft/lft_2026-05-01_lexmx.md if it exists, else the "
        "official PDF URL.",
    )
    parser.add_argument(
        "--source", metavar="PATH|URL", help="a file (Markdown, text or PDF) or an http(s) URL"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="summary format")
    parser.set_defaults(func=run)


def default_source() -> str:
    from ingest.source import OFFICIAL_URL

    return str(DEFAULT_LOCAL_SOURCE) if DEFAULT_LOCAL_SOURCE.exists() else OFFICIAL_URL


def run(args: argparse.Namespace) -> int:
    from abogado.services import embedder_for
    from abogado.settings import load_settings
    from ingest.errors import IngestError
    from ingest.index import ingest_law, terminal_progress
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.errors import RagError
    from rag.sparse import SpanishBM25

    settings = load_settings()
    source = args.source or default_source()
    api_key = settings.qdrant.api_key.get_secret_value() if settings.qdrant.api_key else None
    try:
        client = open_qdrant(settings.qdrant.url, api_key, settings.qdrant_path)
    except RagError as exc:
        raise AbogadoError(str(exc)) from exc
    try:
        index = QdrantVectorIndex(
            client,
            alias=settings.qdrant.collection,
            embedder=embedder_for(settings),
            sparse=SpanishBM25(),
        )
        summary = ingest_law(
            source, index=index, data_dir=settings.data_dir, progress=terminal_progress()
        )
        live = index.live_collection()
    except (IngestError, RagError, OSError) as exc:
        raise AbogadoError(f"ingest failed, the previous index is unchanged: {exc}") from exc
    finally:
        client.close()
    if args.format == "json":
        row = {**asdict(summary), "reused": summary.reused, "collection": live}
        print(json.dumps(row, ensure_ascii=False))
    else:
        print(
            f"LFT {summary.law_version}: {summary.articles} articles, "
            f"{summary.transitorios} transitorios, {summary.chunks} chunks "
            f"(of them {summary.glosses} colloquial glosses) "
            f"({summary.embedded} embedded, {summary.reused} reused) in {summary.seconds:.1f} s; "
            f"live collection {live}",
            file=sys.stdout,
        )
    return 0
