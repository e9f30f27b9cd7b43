"""The local answerer: the answer first (a computed fact or a plain-language rule), then the law.

No model: it leads with the given facts or the best rule (``rag.lead``), quotes the rule's
passage, and otherwise the sentences and fracciones that share the most words with the (expanded)
question. Every quote is verbatim, so grounding holds by construction. It is also the degraded
answer when a model is down.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from calc.text import fold
from calc.wages import minimum_wage
from rag.amounts import figures
from rag.answer_case import regime
from rag.grounding import id_key
from rag.jurisdiction import settles_jurisdiction
from rag.laws import cite as law_cite
from rag.laws import split_id
from rag.lead import (
    Lead,
    QuestionKind,
    allowed_by_story,
    another_article,
    asked_besides,
    cite,
    foreign_chapters,
    lead,
    question_kind,
    supporting,
)
from rag.lexical import split_units, squash, stems
from rag.next_steps import (
    DISMISSAL_DEADLINE_ARTICLE,
    DISMISSAL_REMEDY_ARTICLE,
    RESCISSION_REMEDY_ARTICLE,
    is_dismissal,
    is_rescission,
    next_steps,
)
from rag.passages import article_body, injected, special_regime, trim
from rag.pay import daily_pay
from rag.prompts import PROFEDET_PHONE
from rag.remedy import asks_what_to_do, job_over, remedy_lines
from rag.rule_exceptions import decides, unnamed_special
from rag.rule_index import RuleMatch, chapter_job, jobs_named, names_job
from rag.rule_index import article_id as rule_article
from rag.rules import Rule
from rag.thresholds import misread
from rag.types import Citation, Passage

__all__ = [
    "DISMISSAL_DEADLINE_ARTICLE",
    "DISMISSAL_REMEDY_ARTICLE",
    "Composition",
    "article_body",
    "compose",
    "is_dismissal",
]

# Lexical evidence (idf-weighted shared stems) a lower-ranked article needs to be quoted too.
SECONDARY_MIN_SCORE = (0.0, 1.5, 2.5)
# How much more evidence an article needs to lead over one retrieval ranked above it. Measured
# on dev + colloquial (docs/answers.md): 1.0 → lead article gold 0.57/0.54, 4.0 → 0.66/0.59,
# retrieval order alone → 0.65/0.57. Lexical evidence only overrides retrieval when strong.
RANK_PENALTY = 4.0
LENGTH_B = 0.5
OPENING_BOOST = 1.75
# "¿Cuánto?" prefers a sentence with a figure, "¿hasta cuándo?" one with a duration.
FIGURE_BOOST = 1.5
# A lower-ranked article is quoted only with at least this share of the lead's evidence.
SECONDARY_MIN_SHARE = 0.3
# Words the whole law uses: they say nothing about which sentence answers.
GENERIC_STEMS = frozenset(
    stems("trabajo trabajador trabajadores patron patrones persona personas ley articulo")
    | stems("empresa servicio servicios relacion caso derecho")
)
# Two passages of one article sharing this many words in a row are quoted once.
OVERLAP_WORDS = 6
NO_RULE = "No encontré una regla que responda tu pregunta de forma directa."
_FRACCION_UNIT = re.compile(r"^[IVXLC]+(?:\s+\w+)?\.\s")
_DURATIONS = frozenset({"dia", "semana", "mes", "ano", "hora"})


@dataclass(frozen=True)
class Composition:
    text: str
    citations: tuple[Citation, ...]
    # Rules whose passages the text quotes (the pipeline lets grounding see those passages).
    rules: tuple[Rule, ...] = ()


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


def _answers_kind(unit: str, kind: QuestionKind) -> bool:
    if kind == "how_much":
        return bool(figures(unit))
    if kind == "until_when":
        return any(q.unit in _DURATIONS for q in figures(unit))
    return False


def _score_units(
    question_stems: set[str], passages: Sequence[Passage], kind: QuestionKind = "open"
) -> dict[str, list[_Scored]]:
    """Each unit's idf-weighted share of question words, normalised for length (BM25's b)."""
    question_stems = question_stems - GENERIC_STEMS
    units = {
        p.article_id: [u for u in split_units(article_body(p)) if not injected(u)] for p in passages
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
            if score > 0 and _answers_kind(unit, kind):
                score *= FIGURE_BOOST
            rows.append(_Scored(article_id, unit, score, position))
        scored[article_id] = rows
    return scored


def _quote(row: _Scored, rows: list[_Scored]) -> str:
    """The unit as a quote; a fracción gets its article's introductory sentence in front."""
    text = trim(row.text).rstrip(".")
    if _FRACCION_UNIT.match(row.text) and row.position > 0 and rows[0].text.endswith(":"):
        text = f"{trim(rows[0].text)} … {text}"
    return f"“{text}”"


@dataclass(frozen=True)
class _Quotes:
    """The unit quotes chosen per article, lead article first."""

    articles: list[tuple[Passage, list[str]]]


def _unit_quotes(
    question: str, main: Sequence[Passage], *, expansions: Sequence[str], detail: bool
) -> _Quotes:
    """Today's choice of sentences: the lead article by evidence, others only when strong."""
    kind = question_kind(question)
    scored = _score_units(stems(" ".join([question, *expansions])), main, kind)
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
        ranked = list(main[:1])
        best = {main[0].article_id: [_Scored(main[0].article_id, article_body(main[0]), 0, 0)]}
    top = max(ranked, key=lambda p: best[p.article_id][0].score - RANK_PENALTY * ranked.index(p))
    ordered = [top, *(p for p in ranked if p is not top)]
    chosen: list[tuple[Passage, list[str]]] = []
    for rank, passage in enumerate(ordered):
        rows = scored[passage.article_id] or best[passage.article_id]
        choices = best[passage.article_id]
        # Other articles only on request ("más"): a second article is rarely what was asked.
        if rank > 0 and (
            not detail
            or choices[0].score < SECONDARY_MIN_SCORE[min(rank, 2)]
            or choices[0].score < SECONDARY_MIN_SHARE * best[top.article_id][0].score
            or (special_regime(passage) and not special_regime(top))
        ):
            continue
        picked = choices[: 2 if rank == 0 else 1]
        if rank == 0 and len(picked) == 2 and (picked[1].score <= 0 or not detail):
            picked = picked[:1]
        chosen.append((passage, [_quote(r, rows) for r in picked]))
    return _Quotes(chosen)


def _overlaps(one: Rule, other: Rule) -> bool:
    """Whether two rules' passages share a run of words (the same words quoted twice)."""
    if rule_article(one) != rule_article(other):
        return False
    a, b = squash(one.passage).split(), squash(other.passage).split()
    runs = {tuple(a[i : i + OVERLAP_WORDS]) for i in range(len(a) - OVERLAP_WORDS + 1)}
    shorter = min(len(a), len(b))
    if shorter < OVERLAP_WORDS:
        return " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a)
    return any(tuple(b[i : i + OVERLAP_WORDS]) in runs for i in range(len(b) - OVERLAP_WORDS + 1))


def _quoted_rules(rules: Sequence[Rule]) -> list[Rule]:
    """The rules whose passages are quoted: overlapping passages of one article once, the one
    that holds more words (it says what both rules need)."""
    kept: list[Rule] = []
    for rule in dict.fromkeys(rules):
        twin = next((k for k in kept if _overlaps(rule, k)), None)
        if twin is None:
            kept.append(rule)
        elif len(squash(rule.passage)) > len(squash(twin.passage)):
            kept[kept.index(twin)] = rule
    return kept


def _rule_lines(
    opening: Lead, why: Rule | None, also: Rule | None = None
) -> tuple[list[str], list[Citation]]:
    lines = [opening.sentence]
    rules = list(opening.rules)
    if why is not None:
        lines.append(f"{why.rule.rstrip('.')} {cite(why)}.")
        rules.append(why)
    if also is not None and also not in rules:
        said = also.rule[0].lower() + also.rule[1:] if also.rule[1:2].islower() else also.rule
        lines.append(f"También: {said.rstrip('.')} {cite(also)}.")
    lines += ["", "Lo que dice la ley:"]
    citations: list[Citation] = []
    for rule in _quoted_rules(rules):
        lines.append(f"• “{rule.passage.rstrip('.')}” {cite(rule)}")
        citations.append(Citation(rule_article(rule), rule.passage))
    if also is not None and also not in rules:
        citations.append(Citation(rule_article(also), also.passage))
    return lines, citations


# A rule for those who earn the minimum wage ("si ganas el mínimo…", Art. 97).
_FOR_MINIMUM_EARNERS = re.compile(r"\bsi ganas (?:el )?(?:salario )?minimo\b")


def _above_minimum(story: str, rule: Rule, today: date) -> bool:
    """Whether the rule is for minimum-wage earners and the story tells a pay above the minimum:
    "gano 6 mil a la quincena" is not asked of Art. 97."""
    if not _FOR_MINIMUM_EARNERS.search(fold(rule.rule)):
        return False
    daily = daily_pay(story)
    return daily is not None and daily > minimum_wage(today).general


# The share of the question's words another article's rule must hold to be said beside a
# deciding case's rule.
DECIDED_ALSO_COVERAGE = 0.1


def compose(
    question: str,
    passages: Sequence[Passage],
    *,
    today: date,
    context: Mapping[str, str] | None = None,
    expansions: Sequence[str] = (),
    max_articles: int = 3,
    rules: Sequence[RuleMatch] = (),
    facts: Sequence[str] = (),
    detail: bool = False,
    told: str = "",
    meant: Callable[[str], Sequence[str]] | None = None,
) -> Composition:
    """The answer body (without the disclaimer): the answer, why, the law's words, next steps.

    ``rules`` are the retrieved articles' rules ranked for the question; ``facts`` are computed
    figures that lead; ``detail`` adds the other articles' quotes (the long form, "más");
    ``told``: a follow-up with the turns it follows, whose figures weigh too; ``meant``: the
    slang table's expansions, to read a second claim in the law's words.
    """
    articles = [p for p in passages if p.kind == "article"]
    # A dismissal told with a typo ("me corieron") or in the turns a follow-up follows too.
    story = f"{told} {question}" if told else question
    dismissal = is_dismissal(story, context)
    main = [p for p in articles if p.article_id != DISMISSAL_DEADLINE_ARTICLE or not dismissal]
    # An article whose every rule is for an age when the worker gave years of service (or the
    # reverse) was found by the number alone: "llevo 16 años" is not a minor of 16.
    misfits = {id_key(rule_article(m.rule)) for m in rules if misread(story, m.rule.rule)}
    misfits -= {id_key(rule_article(m.rule)) for m in rules if not misread(story, m.rule.rule)}
    main = [p for p in main if id_key(p.article_id) not in misfits][:max_articles]
    # The case form's "menor de edad" weighs like "soy menor de edad" in the question.
    special = regime(context)
    minor = "menor de edad" in special
    # Rules the story rules out (another job's, a mother's with no baby told) say nothing.
    foreign = foreign_chapters(f"{story} {special}", articles)
    rules = [
        m
        for m in rules
        if allowed_by_story(m.rule, story, also=expansions, regime=special)
        and rule_article(m.rule) not in foreign
        and not _above_minimum(story, m.rule, today)
    ]
    opening = lead(
        question,
        rules,
        facts=facts,
        also=expansions,
        minor=minor,
        told=told,
        regime=special,
        # The special job's own chapter among the retrieved articles: its first rule leads as is.
        regime_articles=frozenset(
            p.article_id for p in articles if chapter_job(p) in jobs_named(fold(special))
        ),
        unnamed_jobs=frozenset(
            p.article_id
            for p in articles
            if special_regime(p) and not names_job(fold(f"{story} {special}"), p)
        ),
    )
    # "¿Qué hago?" about a right not respected: where to claim it, not a loosely related article.
    # (A job already over has nothing to leave: "renuncié… ¿qué hago si no me pagan?" is a claim.)
    leaving = is_rescission(question, passages) and not job_over(fold(story))
    remedy = asks_what_to_do(question) and not dismissal and not leaving
    # ("¿A dónde voy, al centro del estado o al federal?" is answered by the industry: the
    # jurisdiction's fact leads, not the general way to claim.)
    remedy = remedy and not settles_jurisdiction(facts)
    if not main and opening is None:
        return Composition(
            "No encontré en la Ley Federal del Trabajo un artículo que responda tu pregunta. "
            f"Te conviene pedir orientación gratuita a la PROFEDET al {PROFEDET_PHONE}.",
            (),
        )
    lines: list[str] = []
    citations: list[Citation] = []
    used: tuple[Rule, ...] = ()
    if remedy:
        lines, citations, used = remedy_lines(articles, rules, question, story=story)
    elif opening is not None and opening.rules:
        # A special case of the article the story does not name is no "why" ("mientras estás en
        # huelga…" to a worker who lost the job).
        meant_all = " ".join([story, *expansions])
        ordinary = [m for m in rules if not unnamed_special(m.rule.id, meant_all)]
        why = (
            None
            if facts
            else supporting(opening.rules[0], ordinary, detail=detail, kind=question_kind(question))
        )
        # Two articles nearly tied: the other one is said too (its words on request, "más").
        plain = not (facts or detail or opening.verdict or opening.corrected)
        # A special job's own rule is the answer: the general rule it departs from is no aside.
        plain = plain and not jobs_named(fold(opening.rules[0].rule))
        also = (
            another_article(question, opening.rules[0], rules, minor=minor, story=story)
            if plain
            else None
        )
        if also is not None and decides(meant_all, opening.rules[0]):
            # A deciding case leads on the story's words, not on its score: the other article
            # is said only when much of the question is in it (not "cada semana" of the pay's
            # terms beside the union dues docked every week).
            cover = max((m.coverage for m in rules if m.rule == also), default=0.0)
            also = also if cover >= DECIDED_ALSO_COVERAGE else None
        if opening.corrected is not None and not facts:
            # A premise corrected: what the question asks is answered too, when it is another's.
            also = asked_besides(question, opening.rules[0], rules, meant=meant)
        lines, citations = _rule_lines(opening, why, also)
        used = tuple(dict.fromkeys([*opening.rules, *([why] if why else [])]))
    elif opening is not None:  # facts and no rule: the facts lead, the law's words follow
        lines = [opening.sentence, "", "Lo que dice la ley:"]
    quotes = None
    if main and not remedy:
        quotes = _unit_quotes(question, main, expansions=expansions, detail=detail)
    cited = {c.article_id for c in citations}
    for passage, said in quotes.articles if quotes else []:
        if used and not detail:
            break  # a rule already quotes what answers; the rest only on request ("más")
        if passage.article_id not in cited:
            citations.append(Citation(passage.article_id, said[0].strip("“”")))
            cited.add(passage.article_id)
        if not lines:
            local, code = split_id(passage.article_id)
            where = f"el Art. {local} de la {code}"
            if _answers_kind(said[0], question_kind(question)):
                lines.append(f"Según {where}, {said[0]}.")
            else:  # no rule, no figure for "¿cuánto?": say so, then the law's closest words
                lines.append(f"{NO_RULE} Lo más cercano es {where}: {said[0]}.")
            lines += ["", "Lo que dice la ley:"]
            said = said[1:]
        lines.extend(f"• {q} ({law_cite(passage.article_id)})" for q in said)
    if lines and lines[-1] == "Lo que dice la ley:":
        lines = lines[:-2]
    lines += ["", "Qué puedes hacer:"]
    quoted = frozenset(c.article_id for c in citations)
    leaving = is_rescission(question, passages)
    steps = next_steps(
        passages,
        dismissal=dismissal,
        context=context,
        today=today,
        quoted=quoted,
        rescission=leaving,
    )
    lines.extend(f"• {s}" for s in steps)
    extras = [*((DISMISSAL_REMEDY_ARTICLE, DISMISSAL_DEADLINE_ARTICLE) if dismissal else ())]
    extras += [RESCISSION_REMEDY_ARTICLE] if leaving else []
    for extra in extras:
        if extra not in quoted and any(p.article_id == extra for p in passages):
            citations.append(Citation(extra))
    return Composition("\n".join(lines).strip(), tuple(citations), used)
