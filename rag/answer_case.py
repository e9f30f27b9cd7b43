"""One question with everything retrieved for it, as the answer pipeline hands it around.

Plain data and one pure helper; ``rag.answer`` fills it, the answerers read it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rag.rule_index import RuleMatch
from rag.types import Passage

# Situations (bot's "situación" words) under which a special chapter of the law applies.
REGIME_WORDS = ("embarazada", "trabajo del hogar", "trabajo por aplicación", "menor de edad")


def regime(context: Mapping[str, str] | None) -> str:
    """The special situations the case form names ("embarazada"…), as words for retrieval."""
    return " ".join(w for w in REGIME_WORDS if w in (context or {}).get("situación", ""))


@dataclass(frozen=True)
class Case:
    """One question with everything retrieved for it."""

    question: str
    context: Mapping[str, str] | None
    history: Sequence[tuple[str, str]]
    expansions: tuple[str, ...]
    today: date
    articles: list[Passage]
    transitorios: list[Passage]
    notes: list[tuple[str, tuple[str, ...]]]
    rules: tuple[RuleMatch, ...] = ()
    facts: tuple[str, ...] = ()
    detail: bool = False
    # A follow-up ("¿es legal?") with the turns it follows: their figures weigh too.
    told: str = ""
