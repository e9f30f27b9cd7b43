"""``abogado ingest [--source PATH|URL]``: parse the LFT (and the related laws), build the index.

Shell only: wires the settings' embedder and Qdrant into ``ingest.index`` and prints a summary.
A related law whose file is missing is a warning on stderr; the LFT is indexed all the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from services.errors import AbogadoError

if TYPE_CHECKING:
    from abogado.container import Container

DEFAULT_LOCAL_SOURCE = Path("../shared/data/lft/lft_2026-05-01_lexmx.md")
DEFAULT_RELATED_DIR = Path("../shared/data/related")


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
    parser.add_argument(
        "--related",
        type=Path,
        metavar="DIR",
        default=DEFAULT_RELATED_DIR,
        help="folder with the related laws' lexmx files (LSS, INFONAVIT, LFTSE, Constitution), "
        f"indexed beside the LFT (default {DEFAULT_RELATED_DIR})",
    )
    parser.add_argument(
        "--no-related", action="store_true", help="index the LFT only, without the related laws"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="summary format")
    parser.set_defaults(func=run)


def default_source() -> str:
    from ingest.source import OFFICIAL_URL

    return str(DEFAULT_LOCAL_SOURCE) if DEFAULT_LOCAL_SOURCE.exists() else OFFICIAL_URL


def related_files(folder: Path) -> dict[str, Path]:
    """The related laws' files in ``folder``; each one missing is a warning on stderr."""
    from ingest.related import RELATED_LAWS
    from ingest.source import locate_related

    prefixes = {code: law.file_prefix for code, law in RELATED_LAWS.items()}
    found, missing = locate_related(folder, prefixes)
    for code in missing:
        pattern = folder / f"{prefixes[code]}*.md"
        print(f"warning: no {code} text at {pattern}; indexing without it", file=sys.stderr)
    return found


def run(args: argparse.Namespace, container: Container) -> int:
    from abogado.answers import embedder_for
    from ingest.errors import IngestError
    from ingest.index import ingest_law, terminal_progress
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.errors import RagError
    from rag.sparse import SpanishBM25

    settings = container.settings
    source = args.source or default_source()
    related = {} if args.no_related else related_files(args.related)
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
            source,
            index=index,
            data_dir=settings.data_dir,
            progress=terminal_progress(),
            related=related,
        )
        live = index.live_collection()
    except (IngestError, RagError, OSError) as exc:
        raise AbogadoError(f"ingest failed, the previous index is unchanged: {exc}") from exc
    finally:
        client.close()
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.format == "json":
        row = {**asdict(summary), "reused": summary.reused, "collection": live}
        print(json.dumps(row, ensure_ascii=False))
    else:
        others = "".join(f", {r.code} {r.version}: {r.articles} articles" for r in summary.related)
        print(
            f"LFT {summary.law_version}: {summary.articles} articles, "
            f"{summary.transitorios} transitorios{others}; {summary.chunks} chunks "
            f"(of them {summary.glosses} colloquial glosses) "
            f"({summary.embedded} embedded, {summary.reused} reused) in {summary.seconds:.1f} s; "
            f"live collection {live}",
            file=sys.stdout,
        )
    return 0
