"""Which transitorios matter for retrieved articles: the newest decree's, when they apply.

Pure selection over transitorio chunks; the index fetches them, retrieval decides nothing else.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from rag.catalog import natural_key
from rag.types import Chunk, Passage

_PHASE_IN = re.compile(r"gradual|paulatin|escalonad", re.IGNORECASE)


def governing_transitorios(chunks: Sequence[Chunk], article_ids: Sequence[str]) -> list[Passage]:
    """The transitorios among ``chunks`` that still matter for ``article_ids``, newest first.

    Only the newest decree that reformed an article counts; of its transitorios, those that
    name the article or set a gradual schedule (a phase-in) are kept.
    """
    ids = list(article_ids)
    by_id: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        if chunk.kind == "transitorio" and not chunk.repealed:
            by_id[chunk.article_id].append(chunk)
    # A decree may reform hundreds of articles: only the asked ones' newest dates are needed.
    wanted = set(ids)
    governs = {tid: wanted.intersection(parts[0].governs) for tid, parts in by_id.items()}
    newest: dict[str, str] = {}
    for tid, parts in by_id.items():
        for article_id in governs[tid]:
            date = parts[0].decree_date or ""
            newest[article_id] = max(newest.get(article_id, ""), date)
    found: list[Passage] = []
    for tid, parts in by_id.items():
        first = parts[0]
        governed = [a for a in ids if a in governs[tid]]
        current = [a for a in governed if newest.get(a) == (first.decree_date or "")]
        if not current:
            continue
        text = "\n".join(c.text for c in sorted(parts, key=lambda c: natural_key(c.chunk_id)))
        if not (_names_any(text, current) or _PHASE_IN.search(text)):
            continue
        found.append(
            Passage(
                article_id=tid,
                kind="transitorio",
                path=first.path,
                text=text,
                score=0.0,
                governs=first.governs,
                decree_date=first.decree_date,
            )
        )
    found.sort(key=lambda p: (p.decree_date or "", natural_key(p.article_id)), reverse=True)
    return found


def _names_any(text: str, article_ids: Sequence[str]) -> bool:
    folded = text.lower()
    for article_id in article_ids:
        number = re.escape(article_id.split()[0].lower())
        if re.search(rf"art[íi]culos?\b[^.]{{0,120}}?\b{number}\b", folded):
            return True
    return False
