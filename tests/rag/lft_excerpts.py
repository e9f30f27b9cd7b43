"""Real LFT articles read from ../shared at test time, as Chunks (no parser needed).

rag's tests must not depend on ingest's parser, so this reads a few dozen articles with a
deliberately simple pattern: enough real text for a small index, never the whole law.
"""

from __future__ import annotations

import re
from pathlib import Path

from rag.types import Chunk

VERSION = "2026-05-01"
# Vacations, aguinaldo, overtime, dismissal, maternity, seniority premium; 15-A is repealed.
ARTICLE_IDS = (
    "15-A", "15-B", "47", "50", "59", "61", "66", "68", "76", "78", "80", "81", "87", "132",
    "162", "170", "330-A",
)  # fmt: skip
GOVERNED = ("58", "59", "61", "66", "67", "68", "69", "71", "132", "994")
_HEADER = re.compile(r"^(LEY FEDERAL DEL TRABAJO|Últimas Reformas DOF .*)$")
_NOTE = re.compile(r"^(Artículo|Párrafo|Fracción|Inciso|Último párrafo) .*DOF [\d-]+.*$")
_START = re.compile(r"^\*\*Artículo (\d+)(?:o)?(-[A-Z])?\.(?:-)?\*\*\s*(.*)$")
PIECE = 1200


def _body_lines(md: Path) -> list[str]:
    lines = md.read_text(encoding="utf-8").splitlines()
    end = lines.index("## TRANSITORIOS")
    return [line for line in lines[:end] if not _HEADER.match(line)]


def _articles(md: Path) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _body_lines(md):
        start = _START.match(line)
        if start:
            article_id = start.group(1) + (start.group(2) or "")
            current = found.setdefault(article_id, []) if article_id in ARTICLE_IDS else None
            if current is not None:
                current.append(start.group(3))
        elif line.startswith(("**Artículo", "#")):
            current = None
        elif current is not None and not _NOTE.match(line):
            current.append(line)
    return {k: re.sub(r"[ \t]*\n(?!\n)[ \t]*", " ", "\n".join(v)).strip() for k, v in found.items()}


def article_chunks(md: Path) -> list[Chunk]:
    """One chunk per ~1,200 characters of each article, heading first, in reading order."""
    chunks: list[Chunk] = []
    for article_id, text in sorted(_articles(md).items(), key=lambda kv: ARTICLE_IDS.index(kv[0])):
        repealed = text.rstrip(".").strip("() ") == "Se deroga"
        pieces = [text[i : i + PIECE] for i in range(0, len(text), PIECE)] or [text]
        for n, piece in enumerate(pieces):
            chunks.append(
                Chunk(
                    chunk_id=f"{article_id}#{n}",
                    article_id=article_id,
                    kind="article",
                    path=("Título Tercero",),
                    text=f"Artículo {article_id} LFT: {piece}",
                    law_version=VERSION,
                    repealed=repealed,
                )
            )
    return chunks


def transitorio_chunk(md: Path) -> Chunk:
    """The 40-hour week's schedule (DOF 01-05-2026, Segundo transitorio), table and all."""
    text = md.read_text(encoding="utf-8")
    start = text.index("Segundo. La duración de la jornada laboral")
    end = text.index("Tercero.", start)
    body = " ".join(text[start:end].split())
    return Chunk(
        chunk_id="T 2026-05-01 Segundo#0",
        article_id="T 2026-05-01 Segundo",
        kind="transitorio",
        path=("Transitorios",),
        text=f"Transitorio Segundo del decreto publicado en el DOF el 01-05-2026: {body}",
        law_version=VERSION,
        governs=GOVERNED,
        decree_date="2026-05-01",
    )


def small_law(md: Path) -> list[Chunk]:
    return [*article_chunks(md), transitorio_chunk(md)]
