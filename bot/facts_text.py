"""A message folded for matching (lowercase, no accents) that still knows its original spans.

Pure helpers for bot.facts: clause splitting and taking words back as the worker typed them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Clause ends: punctuation, line breaks, and the joints that start a new event.
_CLAUSE_BREAK = re.compile(r"[.;:!?¿¡,\n]+|\s(?:y|pero|aunque|porque|pues)\s")
# Messages longer than this are cut: no worker types a story this long, and it bounds the work.
MAX_CHARS = 4000


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Text:
    """``original`` and its folded twin; ``origin[i]`` is the original index of folded char i."""

    original: str
    folded: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> Text:
        original = raw[:MAX_CHARS]
        chars: list[str] = []
        origin: list[int] = []
        for index, ch in enumerate(original):
            folded = _fold_char(ch)
            # Typographic quotes and dashes fold to plain ones so one pattern reads both.
            folded = folded.replace("’", "'").replace("–", "-").replace("—", "-")
            chars.append(folded)
            origin.extend([index] * len(folded))
        return cls(original, "".join(chars), tuple(origin))

    def said(self, start: int, end: int) -> str:
        """The original words behind folded[start:end], spaces tidied."""
        if start >= end or start >= len(self.origin):
            return ""
        first = self.origin[start]
        last = self.origin[min(end, len(self.origin)) - 1] + 1
        return " ".join(self.original[first:last].split())

    def clauses(self) -> list[tuple[int, int]]:
        """Spans of folded text between clause breaks."""
        spans: list[tuple[int, int]] = []
        begin = 0
        for m in _CLAUSE_BREAK.finditer(self.folded):
            if m.start() > begin:
                spans.append((begin, m.start()))
            begin = m.end()
        if begin < len(self.folded):
            spans.append((begin, len(self.folded)))
        return spans

    def clause_of(self, position: int) -> tuple[int, int]:
        for start, end in self.clauses():
            if start <= position < end:
                return start, end
        return position, position


def words_before(text: str, position: int, count: int) -> str:
    """The last ``count`` words of ``text[:position]``."""
    return " ".join(text[:position].split()[-count:])


def words_after(text: str, position: int, count: int) -> str:
    """The first ``count`` words of ``text[position:]``."""
    return " ".join(text[position:].split()[:count])
