"""Rendering reply text for a channel: escape for Telegram HTML and split under a length limit.

Pure functions. We split the *plain* text and escape each chunk afterwards, so a cut can never
fall inside a tag or an ``&…;`` entity; lengths are counted in UTF-16 code units (Telegram's and
Twilio's conservative unit), so an emoji counts as two.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Preferred cut points, best first; the cut goes right after the separator.
_SEPARATORS = ("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ")
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}


def utf16_len(text: str) -> int:
    """Length as Telegram and Twilio count it: astral code points take two units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _fits_until(text: str, start: int, limit: int) -> int:
    """The largest end such that text[start:end] is at most ``limit`` UTF-16 units."""
    units = 0
    end = start
    while end < len(text):
        units += 2 if ord(text[end]) > 0xFFFF else 1
        if units > limit:
            break
        end += 1
    return end


def _glued(text: str, pos: int) -> bool:
    """True when cutting before ``text[pos]`` would split a character from its marks."""
    if pos <= 0 or pos >= len(text):
        return False
    ch = text[pos]
    return bool(unicodedata.combining(ch)) or ch in _JOINERS or text[pos - 1] == "\u200d"


def _cut(text: str, start: int, end: int) -> int:
    """Where to cut the window text[start:end]: a paragraph, line, sentence or word boundary."""
    window = text[start:end]
    half = len(window) // 2
    for floor in (half, 1):
        for sep in _SEPARATORS:
            idx = window.rfind(sep)
            if idx >= 0 and idx + len(sep) >= floor:
                return start + idx + len(sep)
    cut = end
    while cut > start + 1 and _glued(text, cut):
        cut -= 1
    return cut


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` UTF-16 units whose concatenation is ``text``.

    Cuts prefer paragraph, then line, sentence and word boundaries (in the second half of the
    window first, so chunks stay large), and never separate a character from its combining marks.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    chunks: list[str] = []
    start = 0
    while start < len(text):
        end = _fits_until(text, start, limit)
        if end >= len(text):
            chunks.append(text[start:])
            break
        cut = _cut(text, start, end)
        chunks.append(text[start:cut])
        start = cut
    return chunks


_FENCE = re.compile(r"```\n?(.*?)\n?```", re.DOTALL)


def _pre_blocks(escaped: str) -> str:
    """Fenced blocks (a calculation's table) become ``<pre>``; a fence left unbalanced by a
    cut stays as typed."""
    return _FENCE.sub(lambda m: f"<pre>{m[1]}</pre>", escaped)


def telegram_chunks(text: str, limit: int) -> list[tuple[str, str]]:
    """(HTML, plain) pairs ready for sendMessage; blank chunks are dropped.

    Text is escaped; the only markup we add is ``<pre>`` for fenced blocks. The plain
    fallback (sent when Telegram rejects the HTML) drops the fences.
    """
    pairs: list[tuple[str, str]] = []
    for chunk in split_text(text, limit):
        plain = chunk.strip()
        if plain:
            pairs.append((_pre_blocks(html.escape(plain, quote=False)), _FENCE.sub(r"\1", plain)))
    return pairs


def whatsapp_chunks(text: str, limit: int) -> list[str]:
    """Plain chunks for a Twilio ``Body``; blank chunks are dropped."""
    return [chunk.strip() for chunk in split_text(text, limit) if chunk.strip()]
