"""Definition questions ("qué es la huelga") and the articles that define a term.

The LFT defines its terms in an article's opening words ("Huelga es la suspensión…",
"Se entiende por relación de trabajo…"); a question asking what something is prefers those.
"""

from __future__ import annotations

import re

# On the normalised question (lowercase, accents folded, shorthand spelled out).
_ASKS = re.compile(
    r"\bque (?:es|son|significa|quiere decir)\b|\bse entiende\b"
    r"|\bquien (?:es|se considera)\b|\ba quien se (?:le )?considera\b"
)
# On a chunk's text, right after its heading ("Artículo 8 LFT (Título Primero): …").
_DEFINES = re.compile(
    r"^[^:\n]*\):\s*(?:(?:para (?:los )?efectos de [^,]*, )?se (?:entiende|considera|denomina)"
    r"|[^.;:\n]{0,80}?\b(?:es|son) (?:el|la|los|las|aquel|aquella|aquellos|toda|todo|un|una)\b)",
    re.IGNORECASE,
)


def asks_definition(normalized_question: str) -> bool:
    """True for "qué es …", "qué significa …", "quién se considera …" and the like."""
    return _ASKS.search(normalized_question) is not None


def defines_term(first_chunk_text: str) -> bool:
    """True when the article opens by defining a term ("X es la …", "Se entiende por …")."""
    return _DEFINES.search(first_chunk_text) is not None
