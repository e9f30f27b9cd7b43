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
SECONDARY_MIN_SCORE = (0.0, 1.5, 2.5)
# How much more evidence an article needs to lead over one retrieval ranked above it. Measured
# on dev + colloquial (docs/answers.md): 1.0 → lead article gold 0.57/0.54, 4.0 → 0.66/0.59,
# retrieval order alone → 0.65/0.57. Lexical evidence only overrides retrieval when strong.
RANK_PENALTY = 4.0
LENGTH_B = 0.5
OPENING_BOOST = 1.75
# A lower-ranked article is quoted only with at least this share of the lead's evidence.
SECONDARY_MIN_SHARE = 0.3
# Words the whole law uses: they say nothing about which sentence answers.
GENERIC_STEMS = frozenset(
    stems("trabajo trabajador trabajadores patron patrones persona personas ley articulo")
    | stems("empresa servicio servicios relacion caso derecho")
)
_HEADING = re.compile(r"^\s*Art[íi]culo\s+[^:\n]{1,120}?\bLFT\b[^:\n]{0,200}:\s*", re.MULTILINE)
_CONTINUATION = re.compile(r"^[^\n]*\[…\][ \t]*(?:\n|$)", re.MULTILINE)
# Text in a passage that talks to the assistant is an injected instruction, never law: not quoted.
_ADDRESSED_TO_ASSISTANT = re.compile(
    r"\b(di|dile|digale|diga|responde|contesta|indica)\s+al\s+usuario\b|\binstruccion\s*:|"
    r"\b(asistente|assistant|system|sistema)\s*:|\bignora\b.{0,40}\binstrucciones\b"
)
_FRACCION_UNIT = re.compile(r"^[IVXLC]+(?:\s+\w+)?\.\s")
_DISMISSAL = re.compile(
    r"\b(corri|corrie|corrio|desped|despid|echaron|hecharon|liquidac|rescision|separac|sin carta)"
)
DISMISSAL_DEADLINE_ARTICLE = "518"
# What a worker dismissed without cause may claim: reinstatement or three months' pay.
DISMISSAL_REMEDY_ARTICLE = "48"


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


def _special_regime(passage: Passage) -> bool:
    """Título Sexto (sailors, pilots, athletes…): not an aside to a general worker's answer."""
    return any("trabajos especiales" in fold(part) for part in passage.path)


def _injected(unit: str) -> bool:
    return _ADDRESSED_TO_ASSISTANT.search(fold(unit)) is not None


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


def _hits(question: set[str], unit: set[str]) -> set[str]:
    """Question stems found in a unit; "seman" meets "semanal" (prefixes of 4+ letters)."""
    hits = question & unit
    for stem in question - hits:
        if len(stem) >= 4 and any(
            len(u) >= 4 and (u.startswith(stem) or stem.startswith(u)) for u in unit
        ):
            hits.add(stem)
    return hits


def _score_units(question_stems: set[str], passages: Sequence[Passage]) -> dict[str, list[_Scored]]:
    """Each unit's idf-weighted share of question words, normalised for length (BM25's b)."""
    question_stems = question_stems - GENERIC_STEMS
    units = {
        p.article_id: [u for u in split_units(article_body(p)) if not _injected(u)]
        for p in passages
    }
    all_units = [u for us in units.values() for u in us]
    hits = {u: _hits(question_stems, stems(u)) for u in all_units}
    frequency: dict[str, int] = {}
    for found in hits.values():
        for stem in found:
            frequency[stem] = frequency.get(stem, 0) + 1
    total = max(len(all_units), 1)
    average = sum(len(u) for u in all_units) / total if all_units else 1.0
    scored: dict[str, list[_Scored]] = {}
    for article_id, article_units in units.items():
        rows = []
        for position, unit in enumerate(article_units):
            weight = sum(math.log(1 + total / frequency[s]) for s in hits[unit])
            score = weight / (1 - LENGTH_B + LENGTH_B * len(unit) / average)
            # The opening sentence usually states the rule.
            if position == 0:
                score *= OPENING_BOOST
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
    passages: Sequence[Passage],
    *,
    dismissal: bool,
    context: Mapping[str, str] | None,
    today: date,
    quoted: frozenset[str] = frozenset(),
) -> list[str]:
    """What the worker can do next; deadlines and remedies only when their article was retrieved."""
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
    remedy = next((p for p in passages if p.article_id == DISMISSAL_REMEDY_ARTICLE), None)
    if dismissal and remedy is not None and DISMISSAL_REMEDY_ARTICLE not in quoted:
        units = split_units(article_body(remedy))
        if units:
            steps.insert(
                0,
                f"Si el despido no fue justificado: “{_trim(units[0]).rstrip('.')}” "
                f"(Art. {DISMISSAL_REMEDY_ARTICLE} LFT).",
            )
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
    best = {
        p.article_id: sorted(
            scored[p.article_id], key=lambda r: (r.text.endswith(":"), -r.score, r.position)
        )
        for p in main
        if scored[p.article_id]
    }
    # The lead is the article whose words answer best, retrieval order breaking near-ties.
    ranked = [p for p in main if p.article_id in best]
    if not ranked:
        ranked = main[:1]
        best = {main[0].article_id: [_Scored(main[0].article_id, article_body(main[0]), 0, 0)]}
    lead = max(ranked, key=lambda p: best[p.article_id][0].score - RANK_PENALTY * ranked.index(p))
    ordered = [lead, *(p for p in ranked if p is not lead)]
    citations: list[Citation] = []
    lines: list[str] = []
    for rank, passage in enumerate(ordered):
        rows = scored[passage.article_id] or best[passage.article_id]
        choices = best[passage.article_id]
        # An introduction ("Son causas de rescisión…:") only makes sense before its fracciones.
        if rank > 0 and (
            choices[0].score < SECONDARY_MIN_SCORE[min(rank, 2)]
            or choices[0].score < SECONDARY_MIN_SHARE * best[lead.article_id][0].score
            or (_special_regime(passage) and not _special_regime(lead))
        ):
            continue
        picked = choices[: 2 if rank == 0 else 1]
        if rank == 0 and len(picked) == 2 and picked[1].score <= 0:
            picked = picked[:1]
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
    quoted = frozenset(c.article_id for c in citations)
    lines.extend(
        f"• {s}"
        for s in next_steps(
            passages, dismissal=dismissal, context=context, today=today, quoted=quoted
        )
    )
    for extra in (DISMISSAL_REMEDY_ARTICLE, DISMISSAL_DEADLINE_ARTICLE):
        if dismissal and extra not in quoted and any(p.article_id == extra for p in passages):
            citations.append(Citation(extra))
    return Composition("\n".join(lines).strip(), tuple(citations))
