"""Real LFT articles read from ../shared by regex, and a small lexical fake of retrieval.

Used by the answer tests: the fake implements rag.ports.Retrieval over REAL law text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from calc.text import fold
from rag.lexical import stems
from rag.types import Passage

_HEADER = re.compile(r"^(LEY FEDERAL DEL TRABAJO|Últimas Reformas DOF .*)$")
_NOTE = re.compile(
    r"^((Artículo|Párrafo|Fracción|Inciso|Apartado)( \w+)? (reformad|adicionad|derogad)\w*|"
    r"Reforma DOF|Fe de erratas).*$"
)


def _clean(lines: Iterable[str]) -> str:
    kept = [ln for ln in lines if not _HEADER.match(ln.strip()) and not _NOTE.match(ln.strip())]
    return "\n".join(kept).strip()


def read_articles(lft_md: Path, ids: Iterable[str]) -> dict[str, str]:
    """Article id → body text (page headers and reform notes dropped, hard wraps kept)."""
    text = lft_md.read_text(encoding="utf-8")
    body = text[: text.index("## TRANSITORIOS")]
    out: dict[str, str] = {}
    for article_id in ids:
        match = re.search(rf"^\*\*Artículo {re.escape(article_id)}o?\.-?\*\*\s*", body, re.M)
        assert match, f"article {article_id} not found"
        end = body.find("\n**Artículo ", match.end())
        chunk = body[match.end() : end]
        chunk = re.split(r"\n#{2,4} ", chunk)[0]
        out[article_id] = _clean(chunk.split("\n"))
    return out


def read_transitorio(lft_md: Path, start: str, stop: str) -> str:
    """The text between two markers in the transitorios part (e.g. "Segundo. La duración")."""
    text = lft_md.read_text(encoding="utf-8")
    begin = text.index(start, text.index("## TRANSITORIOS"))
    return _clean(text[begin : text.index(stop, begin)].split("\n"))


def article_passage(article_id: str, body: str, score: float = 1.0) -> Passage:
    heading = f"Artículo {article_id} LFT (Título de prueba): "
    return Passage(article_id, "article", ("Título de prueba",), heading + body, score)


class FakeRetrieval:
    """Retrieval over real articles: a fixed ranking when given, else stem overlap.

    "artículo N" always fetches N first, as the real retriever's direct references do.
    """

    def __init__(
        self,
        articles: dict[str, str],
        transitorios: Iterable[Passage] = (),
        *,
        ranking: list[str] | None = None,
    ) -> None:
        self.articles = articles
        self._transitorios = list(transitorios)
        self.ranking = ranking
        self.queries: list[str] = []

    def retrieve(self, question: str, *, k: int = 10) -> list[Passage]:
        self.queries.append(question)
        direct = re.findall(
            r"\bart(?:iculo|\.)?\s*(\d+(?:-[a-z]\b)?(?: bis\b| ter\b)?)", fold(question)
        )
        if direct:
            known = {fold(a): a for a in self.articles}
            found = [known[d] for d in direct if d in known]
            return [article_passage(a, self.articles[a]) for a in found][:k]
        if self.ranking is not None:
            return [
                article_passage(a, self.articles[a], 1.0 / (n + 1))
                for n, a in enumerate(self.ranking)
            ][:k]
        wanted = stems(question)
        scored = []
        for article_id, body in self.articles.items():
            overlap = len(wanted & stems(body))
            if overlap:
                scored.append((overlap, article_id))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [article_passage(a, self.articles[a], float(s)) for s, a in scored[:k]]

    def transitorios(self, passages: list[Passage]) -> list[Passage]:
        ids = {p.article_id for p in passages}
        return [t for t in self._transitorios if ids & set(t.governs)]


class ScriptedChatModel:
    """A ChatModel that plays back answers or raises errors, one per call, and records calls."""

    name = "scripted"

    def __init__(self, *script: str | Exception) -> None:
        self.script = list(script)
        self.calls: list[tuple[str, list[tuple[str, str]]]] = []

    def complete(self, *, system: str, messages: Sequence[tuple[str, str]]) -> str:
        self.calls.append((system, list(messages)))
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        return step
