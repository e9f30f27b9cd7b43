"""The local answerer: an answer made of the retrieved articles' own words, quoted and cited.

No model: it picks the sentences and fracciones that share the most words with the (expanded)
question, frames them in plain Spanish and adds next steps. Every quote is a verbatim piece of a
passage, so grounding holds by construction. It is also the degraded answer when a model is down.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rag.lexical import fold, split_units, stems
from rag.phasein import long_date
from rag.prompts import PROFEDET_PHONE
from rag.types import Citation, Passage

MAX_UNIT_CHARS = 420
# Lexical evidence (idf-weighted shared stems) a lower-ranked article needs to be quoted too.
SECONDARY_MIN_SCORE = (0.0, 2.0, 3.0)
_HEADING = re.compile(r"^\s*Art[íi]culo\s+[^:\n]{1,120}?\bLFT\b[^:\n]{0,200}:\s*", re.MULTILINE)
_CONTINUATION = re.compile(r"^[^\n]*\[…\][ \t]*(?:\n|$)", re.MULTILINE)
_FRACCION_UNIT = re.compile(r"^[IVXLC]+(?:\s+\w+)?\.\s")
_DISMISSAL = re.compile(
    r"\b(corri|corrie|corrio|desped|despid|echaron|hecharon|liquidac|rescision|separac|sin carta)"
)
DISMISSAL_DEADLINE_ARTICLE = "518"


@dataclass(frozen=True)
class Composition:
    text: str
    citations: tuple[Citation, ...]


def article_body(passage: Passage) -> str:
    """A passage's text without the headings the chunker repeats at each chunk."""
    text = _HEADING.sub("", passage.text)
    # Continuation chunks repeat the article's introduction, marked "[…]": keep it once.
    return _CONTINUATION.sub("", text).strip()


def is_dismissal(question: str, context: Mapping[str, str] | None = None) -> bool:
    """Whether the worker is asking about being fired (the deadline of Art. 518 then runs)."""
    topic = " ".join((context or {}).values())
    return _DISMISSAL.search(fold(f"{question} {topic}")) is not None


def _trim(unit: str) -> str:
    if len(unit) <= MAX_UNIT_CHARS:
        return unit
    return unit[:MAX_UNIT_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class _Scored:
    article_id: str
    text: str
    score: float
    position: int


def _score_units(question_stems: set[str], passages: Sequence[Passage]) -> dict[str, list[_Scored]]:
    units = {p.article_id: split_units(article_body(p)) for p in passages}
    frequency: dict[str, int] = {}
    all_units = [u for us in units.values() for u in us]
    unit_stems = {u: stems(u) for u in all_units}
    for u in all_units:
        for stem in unit_stems[u]:
            frequency[stem] = frequency.get(stem, 0) + 1
    total = max(len(all_units), 1)
    scored: dict[str, list[_Scored]] = {}
    for article_id, article_units in units.items():
        rows = []
        for position, unit in enumerate(article_units):
            overlap = unit_stems[unit] & question_stems
            score = sum(math.log(1 + total / frequency[s]) for s in overlap)
            # The opening sentence usually states the rule; fracciones need their intro.
            if position == 0:
                score += 0.5
            rows.append(_Scored(article_id, unit, score, position))
        scored[article_id] = rows
    return scored


def _quote(row: _Scored, rows: list[_Scored]) -> str:
    """The unit as a quote; a fracción gets its article's introductory sentence in front."""
    text = _trim(row.text).rstrip(".")
    if _FRACCION_UNIT.match(row.text) and row.position > 0 and rows[0].text.endswith(":"):
        text = f"{_trim(rows[0].text)} … {text}"
    return f"“{text}”"


def _parse_day(value: str) -> date | None:
    value = value.strip()
    for pattern, order in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", "dmy"),
    ):
        match = re.fullmatch(pattern, value)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _end_date(context: Mapping[str, str] | None) -> date | None:
    for name, value in (context or {}).items():
        if "fin" in fold(name):
            return _parse_day(value)
    return None


def next_steps(
    passages: Sequence[Passage], *, dismissal: bool, context: Mapping[str, str] | None, today: date
) -> list[str]:
    """What the worker can do next; deadlines only when their article was retrieved."""
    steps = [
        f"Pide orientación gratuita a la PROFEDET (Procuraduría Federal de la Defensa del "
        f"Trabajo) al {PROFEDET_PHONE}; te asesoran sin costo.",
        "Si no te arreglas con tu patrón, puedes pedir una cita en el Centro de Conciliación "
        "Laboral de tu estado; el trámite es gratuito.",
    ]
    if dismissal:
        steps.append("Guarda tus pruebas: recibos de pago, mensajes, gafete, horarios y testigos.")
    deadline = next((p for p in passages if p.article_id == DISMISSAL_DEADLINE_ARTICLE), None)
    if dismissal and deadline is not None:
        units = split_units(article_body(deadline))
        first = units[0] if units else ""
        line = f"No dejes pasar el tiempo: “{_trim(first).rstrip('.')}” (Art. 518 LFT)."
        end = _end_date(context)
        if end is not None:
            # Counted from the separation itself: the earlier date is the safe one to plan with.
            limit = _add_months(end, 2)
            line += f" Si tu separación fue el {long_date(end)}, haz cuentas con {long_date(limit)}"
            line += (
                " como fecha límite aproximada."
                if limit >= today
                else ", que ya pasó; consulta ya a la PROFEDET."
            )
        steps.insert(0, line)
    return steps


def compose(
    question: str,
    passages: Sequence[Passage],
    *,
    today: date,
    context: Mapping[str, str] | None = None,
    expansions: Sequence[str] = (),
    max_articles: int = 3,
) -> Composition:
    """The answer body (without the disclaimer): short answer, the law's words, next steps."""
    articles = [p for p in passages if p.kind == "article"]
    dismissal = is_dismissal(question, context)
    main = [p for p in articles if p.article_id != DISMISSAL_DEADLINE_ARTICLE or not dismissal]
    main = main[:max_articles]
    if not main:
        return Composition(
            "No encontré en la Ley Federal del Trabajo un artículo que responda tu pregunta. "
            "Te conviene pedir orientación gratuita a la PROFEDET al "
            f"{PROFEDET_PHONE}.",
            (),
        )
    question_stems = stems(" ".join([question, *expansions]))
    scored = _score_units(question_stems, main)
    citations: list[Citation] = []
    lines: list[str] = []
    for rank, passage in enumerate(main):
        rows = scored[passage.article_id]
        if not rows:
            continue
        # An introduction ("Son causas de rescisión…:") only makes sense before its fracciones.
        best = sorted(rows, key=lambda r: (r.text.endswith(":"), -r.score, r.position))
        if rank > 0 and best[0].score < SECONDARY_MIN_SCORE[min(rank, 2)]:
            continue
        picked = sorted(best[: 2 if rank == 0 else 1], key=lambda r: r.position)
        quotes = [_quote(r, rows) for r in picked]
        citations.append(Citation(passage.article_id, quotes[0].strip("“”")))
        if rank == 0:
            lines.append(f"Según el Art. {passage.article_id} de la LFT, {quotes[0]}.")
            lines.append("")
            lines.append("Lo que dice la ley:")
            lines.extend(f"• {q} (Art. {passage.article_id} LFT)" for q in quotes[1:])
        else:
            lines.append(f"• {quotes[0]} (Art. {passage.article_id} LFT)")
    if lines and lines[-1] == "Lo que dice la ley:":
        lines = lines[:-2]
    lines.append("")
    lines.append("Qué puedes hacer:")
    lines.extend(
        f"• {s}" for s in next_steps(passages, dismissal=dismissal, context=context, today=today)
    )
    if dismissal and any(p.article_id == DISMISSAL_DEADLINE_ARTICLE for p in passages):
        citations.append(Citation(DISMISSAL_DEADLINE_ARTICLE))
    return Composition("\n".join(lines).strip(), tuple(citations))
