"""A message folded for matching (lowercase, no accents) that still knows its original spans.

Pure helpers for bot.facts: clause splitting and taking words back as the worker typed them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from bot.facts_numbers import spelled_numbers
from calc.text import fold

# Clause ends: punctuation, line breaks, and the joints that start a new event.
_CLAUSE_BREAK = re.compile(r"[.;:!?¿¡,\n]+|\s(?:y|pero|aunque|porque|pues)\s")
# Chat shorthand, spelled out so one pattern reads both ("q" que, "d" de, "x" por, "xq" porque).
_SHORTHAND = {
    "q": "que", "k": "que", "d": "de", "x": "por", "xq": "porque", "pq": "porque",
    "porq": "porque", "dl": "del", "pa": "para", "tmb": "tambien", "sta": "esta",
    # "me kieren korrer": the k typed for qu and c.
    "ke": "que", "kiere": "quiere", "kieren": "quieren", "kiero": "quiero", "korrer": "correr",
    "korrio": "corrio", "korrieron": "corrieron",
}  # fmt: skip
_SHORTHAND_RE = re.compile(r"(?<![\w$.,/])(?<!\d )(" + "|".join(_SHORTHAND) + r")(?![\w.,/])")
# "el 1ro de octubre", "el primero de mayo": the day as a number.
_ORDINAL_DAY = re.compile(
    r"\b(?:([12]?\d)(?:ro|ero|o|°)|primer(?:o)?)(?=\s+de\s+(?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic))"
)
# Messages longer than this are cut: no worker types a story this long, and it bounds the work.
MAX_CHARS = 4000


@dataclass(frozen=True)
class Text:
    """``original`` and its folded twin; ``origin[i]`` is the original index of folded char i."""

    original: str
    folded: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, raw: str, *, expand: bool = True) -> Text:
        """``raw`` folded; with ``expand``, shorthand ("q", "xq") and numbers in words spelled
        the way the patterns read them ("que", "porque", "2500")."""
        original = raw[:MAX_CHARS]
        chars: list[str] = []
        origin: list[int] = []
        for index, ch in enumerate(original):
            folded = fold(ch)
            # Typographic quotes and dashes fold to plain ones so one pattern reads both.
            folded = folded.replace("’", "'").replace("–", "-").replace("—", "-")
            chars.append(folded)
            origin.extend([index] * len(folded))
        text = cls(original, "".join(chars), tuple(origin))
        return _expanded(text) if expand else text

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


def _replaced(text: Text, replacements: list[tuple[int, int, str]]) -> Text:
    """``text`` with folded spans replaced; each new letter maps to the replaced words' place."""
    if not replacements:
        return text
    chars: list[str] = []
    origin: list[int] = []
    last = 0
    for start, end, new in replacements:
        chars.append(text.folded[last:start])
        origin.extend(text.origin[last:start])
        chars.append(new)
        origin.extend([text.origin[start]] * (len(new) - 1) + [text.origin[end - 1]])
        last = end
    chars.append(text.folded[last:])
    origin.extend(text.origin[last:])
    return Text(text.original, "".join(chars), tuple(origin))


def _expanded(text: Text) -> Text:
    """Chat shorthand spelled out, the first of a month as "1", numbers in words in digits."""
    shorthand = [
        (m.start(), m.end(), _SHORTHAND[m[1]]) for m in _SHORTHAND_RE.finditer(text.folded)
    ]
    text = _replaced(text, shorthand)
    ordinals = [(m.start(), m.end(), m[1] or "1") for m in _ORDINAL_DAY.finditer(text.folded)]
    text = _replaced(text, ordinals)
    return _replaced(text, spelled_numbers(text.folded))
