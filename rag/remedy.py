"""A "¿qué hago?" about a right the employer does not respect is answered with the ways to claim
it: where to go, the rule already in play and the one-year deadline (Art. 516), never with a
loosely related article. Pure; the quotes are the law's words (grounded by construction).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from calc.text import fold
from calc.words import asked_to_resign
from rag.faults import cause_of
from rag.lead import best_rules, cite
from rag.lexical import split_units, stems
from rag.passages import article_body, trim
from rag.rule_exceptions import decides
from rag.rule_index import RuleMatch
from rag.rule_index import article_id as rule_article
from rag.rules import Rule
from rag.thresholds import findings
from rag.types import Citation, Passage

# A rule that speaks of the employer's part (a duty the employer may fail).
_EMPLOYER = re.compile(r"\b(?:patron|patrona|empleador\w*|empresa|jefe|jefa)\b")
# A duty owed to the worker said without naming the employer: "te deben dar tus vacaciones…".
_OWED = re.compile(
    r"\b(?:te deben|deben darte|debe darte|deben pagarte|debe pagarte|te tienen que|"
    r"tienen que darte|tiene que darte|tienen que pagarte|tiene que pagarte)\b"
)
# Art. 516: labor claims prescribe in one year unless a later article says otherwise.
CLAIM_DEADLINE_ARTICLE = "516"
_WHAT_TO_DO = re.compile(
    r"\bq(?:ue)? (?:hago|hacemos|puedo hacer|podemos hacer|debo hacer|debemos hacer|hay que hacer|"
    r"me queda|nos queda)\b|"
    r"\bno se (?:ni )?(?:q|que) hacer\b|"
    # "Me da miedo quedarme sin chamba": what can be done without losing the job, told as fear.
    r"\b(?:me da|tengo) miedo (?:de )?"
    r"(?:(?:q|que) me (?:corran|despidan|echen)|perder|quedarme sin)\b|"
    r"\b(?:a )?donde (?:lo |la |los |las )?(?:voy|acudo|me quejo|reclamo|denuncio|puedo ir|"
    r"lo reporto|reporto|pido|cobro|tramito)\b|"
    r"\bante quien\b|\bcomo (?:lo |la |los |las )?(?:reclamo|exijo|denuncio|reporto)\b|"
    # "¿Y si no me lo dan?": what the worker can do when the employer does not pay.
    r"^\W*y si no (?:me |nos )?(?:lo |la |los |las )?(?:dan|da|pagan|paga|quieren dar|quiere dar|"
    r"quieren pagar|quiere pagar)\W*$"
)
# A duty is looked for among this many of the first articles retrieved.
# Of the best-supported rule's score, the share a duty or deadline needs to be the one in play.
DUE_SHARE = 0.1
DUE_RANKS = 4
REMEDY = (
    "Si tu patrón no cumple, puedes reclamarlo: la PROFEDET te asesora gratis y en el Centro de "
    "Conciliación Laboral de tu estado pueden arreglarlo sin juicio (abajo te digo cómo)."
)
# After what the employer may not do, or a fault that lets the worker leave.
REMEDY_AFTER_VERDICT = (
    "Para reclamarlo, la PROFEDET te asesora gratis y en el Centro de Conciliación Laboral de tu "
    "estado pueden arreglarlo sin juicio (abajo te digo cómo)."
)
# Art. 51: the employer's faults that let the worker leave without responsibility.
RESCISSION_ARTICLE = "51"
RESCISSION = (
    "Eso es rescindir la relación de trabajo sin responsabilidad para ti (Art. "
    f"{RESCISSION_ARTICLE} LFT)"
)
# Art. 52: the month to leave for the employer's fault, and the indemnity it brings.
RESCISSION_PAY_ARTICLE = "52"
RESCISSION_PAY = (
    "tienes 30 días desde que pasó para dejar el trabajo, y tu patrón debe pagarte una "
    f"indemnización (Art. {RESCISSION_PAY_ARTICLE} LFT)."
)
# A way out the law gives the worker ("puedes irte por su culpa") is looked for among this many
# of the best rules: it answers "¿qué hago?" better than a definition.
ACTION_RULES = 4
_WORKER_MAY = re.compile(r"\bpuedes\b")
DEADLINE = (
    "Tienes 1 año para reclamar, contado desde el día siguiente a que tu patrón debía cumplir "
    f"(Art. {CLAIM_DEADLINE_ARTICLE} LFT)."
)


# The articles of what a job over leaves owed: the aguinaldo, the vacations and their premium,
# the salary earned.
_OWED_ON_LEAVING = frozenset({"87", "76", "79", "80", "82", "99", "33", "516"})


def _owed_on_leaving(article: str) -> bool:
    """What a job over leaves owed, or the way to claim it (conciliation first, Arts. 684-A–685)."""
    return article in _OWED_ON_LEAVING or article.startswith(("684", "685"))


_JOB_OVER = re.compile(
    r"\b(?:renuncie|finiquito|liquidacion|me corrieron|me despidieron|ya no trabajo)\b"
)


def job_over(folded: str) -> bool:
    """Whether a (folded) story tells a job already over (a resignation, a dismissal, the
    finiquito): what goes unpaid then is no fault to leave over (Art. 51). A resignation asked
    for ("me dijo que mejor renuncie") is none."""
    return any(
        not (m.group(0) == "renuncie" and asked_to_resign(folded, m.start()))
        for m in _JOB_OVER.finditer(folded)
    )


def asks_what_to_do(question: str) -> bool:
    """ "y si no me las dan, ¿qué hago?", "¿a dónde voy?", "¿cómo lo reclamo?"."""
    return _WHAT_TO_DO.search(fold(question)) is not None


def remedy_lines(
    passages: Sequence[Passage],
    matches: Sequence[RuleMatch],
    question: str = "",
    *,
    story: str = "",
) -> tuple[list[str], list[Citation], tuple[Rule, ...]]:
    """The answer's opening lines and quotes: where to claim, the rule in play and the deadline
    of Art. 516 when it was retrieved. The rule in play is what the employer must do, and by
    when (the year of Art. 516 runs from then), among the first articles retrieved; else the
    best-supported rule. ``question``: the employer's fault it tells picks the way out that
    names that fault ("no nos pagan" → Art. 51's unpaid wages, not its danger to health), unless
    the ``story`` read with it tells a job already over."""
    folded = fold(question)
    # "Renuncié… ¿qué hago si no me pagan?": the finiquito unpaid, not wages that let the worker
    # leave (Art. 51): the job is already over.
    over = job_over(fold(story))
    if over:
        # What a job over leaves owed: the finiquito's parts and the pay; nothing else leads.
        matches = [m for m in matches if _owed_on_leaving(rule_article(m.rule))]
    topic = _due(matches, fault="" if over else cause_of(folded) or "", question=question)
    # What the IMSS or the INFONAVIT gives ("me quedé sin chamba, ¿qué hago con los pagos del
    # crédito?"): the institution's rule is the answer; no employer failed to comply, and Art.
    # 516's year is not its term.
    institution = (
        topic is not None and topic.law != "LFT" and not _EMPLOYER.search(fold(topic.rule))
    )
    verdict = topic is not None and topic.kind == "verdict"
    deadline = next((p for p in passages if p.article_id == CLAIM_DEADLINE_ARTICLE), None)
    # Art. 516's year is for what the employer owes; after a prohibition or a fault that lets
    # the worker leave (a month, Art. 517) it would mislead.
    # ... and it runs from a duty of the employer's: a procedure in play ("primero debes ir al
    # Centro de Conciliación") or no rule at all has no year to tell.
    owed = topic is not None and (
        _EMPLOYER.search(fold(topic.rule)) is not None or _OWED.search(fold(topic.rule)) is not None
    )
    claimed = not (verdict or institution) and (owed or (over and topic is None))
    units = split_units(article_body(deadline)) if deadline is not None and claimed else []
    quote = trim(units[0]).rstrip(".") if units else ""
    said = [] if institution else [REMEDY_AFTER_VERDICT if verdict else REMEDY]
    if topic is not None:
        # A prohibition answers first ("No pueden despedirte…"); a duty follows the remedy.
        said.insert(0 if verdict or institution else 1, f"{topic.rule.rstrip('.')} {cite(topic)}.")
        if verdict and rule_article(topic) == RESCISSION_ARTICLE:
            leave = any(p.article_id == RESCISSION_PAY_ARTICLE for p in passages)
            said.insert(1, f"{RESCISSION}: {RESCISSION_PAY}" if leave else f"{RESCISSION}.")
    if quote:
        said.append(DEADLINE)
    lines = [" ".join(said)]
    citations: list[Citation] = []
    quotes: list[str] = []
    if topic is not None:
        quotes.append(f"• “{topic.passage.rstrip('.')}” {cite(topic)}")
        citations.append(Citation(rule_article(topic), topic.passage))
    if quote:
        quotes.append(f"• “{quote}” (Art. {CLAIM_DEADLINE_ARTICLE} LFT)")
        citations.append(Citation(CLAIM_DEADLINE_ARTICLE, quote))
    if quotes:
        lines += ["", "Lo que dice la ley:", *quotes]
    return lines, citations, (topic,) if topic is not None else ()


def _due(matches: Sequence[RuleMatch], *, fault: str = "", question: str = "") -> Rule | None:
    """The employer's duty in play: a deadline or duty rule of the first articles retrieved (a
    deadline first), else the best-supported rule above the evidence floor."""
    own = [m for m in matches if m.rule.article != CLAIM_DEADLINE_ARTICLE]
    # A deciding case the question names ("me contrató otra empresa… no me pagan" → the company
    # served answers too, Art. 14) is the rule in play, whatever else ranks first.
    decided = next((m.rule for m in own if question and decides(question, m.rule)), None)
    if decided is not None:
        return decided
    ranked = best_rules(own, "open")
    ways_out = [
        m
        for m in ranked[:ACTION_RULES]
        if m.rule.kind == "verdict" and _WORKER_MAY.search(fold(m.rule.rule))
    ]
    # "Ya llevo 30 semanas seguidas y me siguen diciendo eventual": the rule whose condition
    # the story's own figure plainly meets ("más de 27 semanas") is the one in play.
    for match in ranked[:ACTION_RULES] if question else ():
        found = findings(question, match.rule.rule) or []
        conditions = [f for f in found if f.threshold.role == "condition"]
        if conditions and all(f.holds and f.shared >= 2 for f in conditions):
            return match.rule
    if ways_out and fault:
        # Of the ways out, the one for the fault told: most of its words, then the best score.
        told = stems(fault)
        named = max(ways_out, key=lambda m: len(told & stems(m.rule.rule)))
        if told & stems(named.rule.rule):
            return named.rule
    if ways_out and ranked[0].rule.kind != "verdict":
        # "Me humilla, ¿qué hago?": "puedes irte por su culpa", not what harassment is.
        return ways_out[0].rule
    if ranked and ranked[0].rule.kind == "verdict":
        # What the employer may not do ("no pueden despedirte por estar embarazada") is the
        # rule in play; a deadline of another article would be a loose quote.
        return ranked[0].rule
    # A duty far weaker than the best-supported rule is about something else ("me manda
    # mensajes" meets the teleworker's right to disconnect; the story is harassment).
    floor = DUE_SHARE * ranked[0].score if ranked else 0.0
    due = [
        m
        for m in own
        if m.rank < DUE_RANKS and m.rule.kind in ("deadline", "duty") and m.score >= floor
    ]
    if due:
        best = min(due, key=lambda m: (m.rule.kind != "deadline", -m.score, m.rank))
        return best.rule
    return ranked[0].rule if ranked else None
