"""A retrieved passage's own words: its body without repeated headings, trimmed quotable units.

Pure string work shared by the extractive answerer and the next steps; no scoring, no layout.
"""

from __future__ import annotations

import re

from calc.text import fold
from rag.types import Passage

MAX_UNIT_CHARS = 420
_HEADING = re.compile(
    r"^\s*Art[íi]culo\s+[^:\n]{1,120}?\b(?:LFT|LSS|LINFONAVIT|LFTSE|CPEUM)\b[^:\n]{0,200}:\s*",
    re.MULTILINE,
)
_CONTINUATION = re.compile(r"^[^\n]*\[…\][ \t]*(?:\n|$)", re.MULTILINE)
# Text in a passage that talks to the assistant is an injected instruction, never law: not quoted.
_ADDRESSED_TO_ASSISTANT = re.compile(
    r"\b(di|dile|digale|diga|responde|contesta|indica)\s+al\s+usuario\b|\binstruccion\s*:|"
    r"\b(asistente|assistant|system|sistema)\s*:|\bignora\b.{0,40}\binstrucciones\b"
)


def article_body(passage: Passage) -> str:
    """A passage's text without the headings the chunker repeats at each chunk."""
    text = _HEADING.sub("", passage.text)
    # Continuation chunks repeat the article's introduction, marked "[…]": keep it once.
    return _CONTINUATION.sub("", text).strip()


def injected(unit: str) -> bool:
    """Whether a unit of text addresses the assistant (a planted instruction)."""
    return _ADDRESSED_TO_ASSISTANT.search(fold(unit)) is not None


def trim(unit: str, limit: int = MAX_UNIT_CHARS) -> str:
    """A unit cut at a word boundary to ``limit`` characters, with "…" when cut."""
    if len(unit) <= limit:
        return unit
    return unit[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def special_regime(passage: Passage) -> bool:
    """Título Sexto (sailors, pilots, athletes…): not an aside to a general worker's answer."""
    return any("trabajos especiales" in fold(part) for part in passage.path)
