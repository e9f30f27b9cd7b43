"""Amounts in a model's answer must come from the law or from the figures computed for the case.

Pure: a figure ("16 días", "25 %", "$315.04") that no source states, neither a retrieved passage,
a rule given to the model, a phase-in note nor a computed fact, is ungrounded. The pipeline repairs
it like a bad citation: one regeneration, then the sentences that state it are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.amounts import Quantity, figures, quantities, stated_in
from rag.lexical import split_sentences


@dataclass(frozen=True)
class AmountReport:
    text: str
    ungrounded: tuple[str, ...]
    removed_sentences: int = 0
    kept_sentences: int = 0

    @property
    def clean(self) -> bool:
        return not self.ungrounded


def _source_figures(sources: Sequence[str]) -> list[Quantity]:
    found: list[Quantity] = []
    for source in sources:
        found.extend(quantities(source))
    return found


def ungrounded_amounts(text: str, sources: Sequence[str]) -> list[Quantity]:
    """The figures of ``text`` that no source states, in order, each once."""
    known = _source_figures(sources)
    missing: dict[tuple[float, str], Quantity] = {}
    for figure in figures(text):
        if not stated_in(figure, known):
            missing.setdefault((figure.value, figure.unit), figure)
    return list(missing.values())


def check_amounts(text: str, sources: Sequence[str]) -> AmountReport:
    """Drop every sentence that states an ungrounded figure; report what was dropped."""
    bad = ungrounded_amounts(text, sources)
    if not bad:
        return AmountReport(text, ())
    known = _source_figures(sources)
    removed = kept = 0
    out_lines: list[str] = []
    for line in text.split("\n"):
        bullet = re.match(r"^\s*(?:[-•*·]|\d+[.)])\s+", line)
        prefix = bullet.group(0) if bullet else ""
        keep: list[str] = []
        for sentence in split_sentences(line[len(prefix) :]) if line.strip() else []:
            if any(not stated_in(f, known) for f in figures(sentence)):
                removed += 1
            else:
                keep.append(sentence)
                kept += 1
        if not line.strip():
            out_lines.append("")
        elif keep:
            out_lines.append(prefix + " ".join(keep))
    repaired = re.sub(r"\n{3,}", "\n\n", "\n".join(out_lines)).strip()
    return AmountReport(repaired, tuple(f.text for f in bad), removed, kept)
