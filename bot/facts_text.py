"""A message folded for matching (lowercase, no accents) that still knows its original spans.

Pure helpers for bot.facts: clause splitting and taking words back as the worker typed them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

# Clause ends: punctuation, line breaks, and the joints that start a new event.
_CLAUSE_BREAK = re.compile(r"[.;:!?¿¡,\n]+|\s(?:y|pero|aunque|porque|pues)\s")
# Chat shorthand, spelled out so one pattern reads both ("q" que, "d" de, "x" por, "xq" porque).
_SHORTHAND = {
    "q": "que", "k": "que", "d": "de", "x": "por", "xq": "porque", "pq": "porque",
    "porq": "porque", "dl": "del", "pa": "para", "tmb": "tambien", "sta": "esta",
}  # fmt: skip
_SHORTHAND_RE = re.compile(r"(?<![\w$.,/])(?<!\d )(" + "|".join(_SHORTHAND) + r")(?![\w.,/])")
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
        return _expanded(cls(original, "".join(chars), tuple(origin)))

    def said(self, start: int, end: int) -> str:
        """The original words behind folded[start:end], spaces tidied."""
        if start >= end or start >= len(self.origin):
            return ""
        first = self.origin[start]
        last = self.origin[min(end, len(self.origin)) - 1] + 1
        return " ".join(self.original[first:last].split())

    @cached_property
    def _clauses(self) -> tuple[tuple[int, int], ...]:
        return tuple(self.clauses())

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
        """The clause around ``position`` (an empty span at it when it falls on a break)."""
        spans = self._clauses
        index = bisect_right(spans, (position, len(self.folded) + 1)) - 1
        if index >= 0 and spans[index][0] <= position < spans[index][1]:
            return spans[index]
        return position, position


def _expanded(text: Text) -> Text:
    """``text`` with chat shorthand spelled out; each new letter maps to the short word's place."""
    if not _SHORTHAND_RE.search(text.folded):
        return text
    chars: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _SHORTHAND_RE.finditer(text.folded):
        chars.append(text.folded[last : m.start()])
        origin.extend(text.origin[last : m.start()])
        word = _SHORTHAND[m[1]]
        chars.append(word)
        origin.extend([text.origin[m.start()]] * (len(word) - 1) + [text.origin[m.end() - 1]])
        last = m.end()
    chars.append(text.folded[last:])
    origin.extend(text.origin[last:])
    return Text(text.original, "".join(chars), tuple(origin))


def words_before(text: str, position: int, count: int) -> str:
    """The last ``count`` words of ``text[:position]``."""
    return " ".join(text[:position].split()[-count:])


def words_after(text: str, position: int, count: int) -> str:
    """The first ``count`` words of ``text[position:]``."""
    return " ".join(text[position:].split()[:count])
