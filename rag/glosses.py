"""Colloquial glosses: how workers describe the situations an article governs.

Hand-written from the law text (``rag/data/glosses/*.tsv``: ``ARTICLE_ID<TAB>gloss``), indexed
beside the articles as points of kind ``gloss`` that stand for their article. Never quoted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from rag.types import Chunk

GLOSS_MARK = "~g"


@dataclass(frozen=True)
class Gloss:
    article_id: str
    text: str


def parse_glosses(text: str, *, source: str = "glosses") -> list[Gloss]:
    """Lines of ``ARTICLE_ID<TAB>gloss``; ``#`` comments and blank lines are skipped."""
    glosses: list[Gloss] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        article_id, sep, gloss = line.partition("\t")
        if not sep or not article_id.strip() or not gloss.strip() or "\t" in gloss:
            raise ValueError(f"{source}:{n}: expected ARTICLE_ID<TAB>gloss")
        glosses.append(Gloss(article_id.strip(), " ".join(gloss.split())))
    return glosses


def default_glosses() -> list[Gloss]:
    """Every packaged gloss, files in name order, duplicates (same article, same text) once."""
    folder = resources.files("rag.data").joinpath("glosses")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
    seen: set[tuple[str, str]] = set()
    glosses: list[Gloss] = []
    for f in files:
        for gloss in parse_glosses(f.read_text(encoding="utf-8"), source=f.name):
            key = (gloss.article_id, gloss.text.casefold())
            if key not in seen:
                seen.add(key)
                glosses.append(gloss)
    return glosses


def gloss_chunks(
    glosses: Iterable[Gloss], articles: Mapping[str, Chunk]
) -> tuple[list[Chunk], list[Gloss]]:
    """Index chunks for the glosses of live articles, and the glosses left out.

    ``articles`` maps an article id to its first chunk (for the path and the law version). A
    gloss of an article the law lacks or has repealed is left out, never pointed elsewhere.
    """
    chunks: list[Chunk] = []
    skipped: list[Gloss] = []
    count: dict[str, int] = {}
    for gloss in glosses:
        first = articles.get(gloss.article_id)
        if first is None or first.repealed:
            skipped.append(gloss)
            continue
        count[gloss.article_id] = count.get(gloss.article_id, 0) + 1
        chunks.append(
            Chunk(
                chunk_id=f"{gloss.article_id}{GLOSS_MARK}{count[gloss.article_id]}",
                article_id=gloss.article_id,
                kind="gloss",
                path=first.path,
                text=gloss.text,
                law_version=first.law_version,
            )
        )
    return chunks, skipped
