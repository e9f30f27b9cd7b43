"""The one accent fold every package matches Spanish text with: lowercase, no accents, ñ kept.

It lives in calc because calc is the one pure package that bot, rag and db may all import.
"año" and "ano" are different words, so ñ survives; "Vacación" and "vacacion" meet.
"""

from __future__ import annotations

import unicodedata

_TILDE = "\u0303"


def fold(text: str) -> str:
    """Lowercase, strip accents and compatibility forms ("1º" -> "1o"), keep ñ ("Año" -> "año")."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text.lower()):
        if unicodedata.combining(char) and not (char == _TILDE and kept[-1:] == ["n"]):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))
