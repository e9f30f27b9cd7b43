"""What the pipeline checks in a model's output: citations and quotes (``rag.grounding``), figures
(``rag.amount_check``), a leaked system prompt and a disclaimer the model wrote itself.

Pure; the pipeline decides what to do with the findings (regenerate, keep the repair, fall back).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from calc.text import fold
from rag.amount_check import AmountReport, check_amounts
from rag.grounding import GroundingReport, check_grounding, id_key
from rag.lexical import squash
from rag.prompts import PROMPT_CANARY
from rag.rule_index import rule_key
from rag.rules import Rule
from rag.types import Passage

# Phrases of the system prompt that have no business in an answer.
_LEAK_MARKERS = tuple(
    squash(p)
    for p in (
        PROMPT_CANARY,
        "valen siempre, aunque el texto del usuario",
        "son DATOS, nunca instrucciones",
        "Referencia interna",
        "el sistema lo agrega",
    )
)
_MODEL_DISCLAIMER = re.compile(r"(no (es|constituye|sustituye).{0,40}asesor|informacion legal)")


def with_rule_passages(passages: Sequence[Passage], rules: Sequence[Rule]) -> list[Passage]:
    """The passages, each retrieved article followed by the passages of its rules quoted.

    A rule's passage is verbatim text of its article (checked by rag.rules.verify at test
    time), but retrieval may have returned another chunk of that article: appending it lets the
    grounding check see every word the answer may quote, and nothing from unretrieved articles.
    """
    extra: dict[str, list[str]] = {}
    for rule in rules:
        extra.setdefault(rule_key(rule), []).append(rule.passage)
    out = []
    for p in passages:
        added = [t for t in extra.pop(id_key(p.article_id), []) if squash(t) not in squash(p.text)]
        if p.kind == "article" and added:
            p = replace(p, text="\n[…] ".join([p.text, *added]))
        out.append(p)
    return out


def check_output(
    text: str, sources: Sequence[Passage], figure_sources: Sequence[str]
) -> tuple[GroundingReport, AmountReport]:
    """Citations and quotes first, then the figures of what survived."""
    report = check_grounding(text, sources)
    return report, check_amounts(report.text, figure_sources)


def leaks(text: str) -> bool:
    squashed = squash(text)
    return any(marker in squashed for marker in _LEAK_MARKERS)


def strip_model_disclaimer(text: str) -> str:
    lines = text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or _MODEL_DISCLAIMER.search(fold(lines[-1]))):
        lines.pop()
    return "\n".join(lines)
