"""What a worker can do next: PROFEDET, conciliation, for a dismissal the deadline to claim, and
for leaving through the employer's fault the 30 days and the indemnity of Art. 52.

Pure: dates come in as arguments. The deadline (Art. 518) and the remedies (Arts. 48, 52) are
quoted only when their articles are among the passages, so the next steps stay grounded too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, timedelta

from calc.deadlines import dismissal_deadline
from calc.text import fold
from calc.words import INDIRECT_DISMISSAL
from rag.crew_vacations import needed_articles as crew_vacation_articles
from rag.day_pay import needed_articles as day_pay_articles
from rag.faults import cause_of
from rag.holidays import needed_articles as holiday_articles
from rag.jurisdiction import needed_articles as jurisdiction_articles
from rag.lead import question_kind
from rag.lexical import split_units
from rag.liquidation import needed_articles as liquidation_articles
from rag.overtime_pay import needed_articles as overtime_articles
from rag.passages import article_body, trim
from rag.pay import needed_articles
from rag.pension_weeks import needed_articles as pension_weeks_articles
from rag.phasein import long_date
from rag.prompts import PROFEDET_PHONE
from rag.ptu_cap import needed_articles as ptu_cap_articles
from rag.pushed_out import needed_articles as pushed_out_articles
from rag.remedy import asks_what_to_do
from rag.resignation import ARTICLES as RESIGNATION_ARTICLES
from rag.resignation import asks_resignation_indemnity, asks_resignation_pay
from rag.rule_exceptions import deciding_articles, named_exception_articles
from rag.severance import needed_articles as severance_articles
from rag.shift import needed_articles as shift_articles
from rag.subsidy import needed_articles as subsidy_articles
from rag.terms import STILL_IN_TIME
from rag.terms import needed_articles as term_articles
from rag.thresholds import child_work_articles, day_named, elapsed
from rag.types import Passage
from rag.unpaid import needed_articles as unpaid_articles
from rag.wage_floor import needed_articles as wage_floor_articles

_DISMISSAL = re.compile(
    # "de corrido", "turno corrido" is a shift without a break; "me han corrido", a dismissal.
    r"\b(corri(?!do\b)|corrie|corrio|corren|correr|desped|despid|echaron|hecharon|liquidac|"
    r"liquidar|rescision|separac(?!ion voluntaria)|sin carta|"
    r"(me|nos|lo|la|le|les) (han|ha|habian|habia|hubieran|hubiera|hubiesen|hubiese) corrido)"
)
# A dismissal threatened or feared, not told: "si no salgo con él me va a correr", "me da
# miedo que me corran". No deadline runs. ("¿Me pueden despedir sin carta?" asks of a dismissal
# as the law treats it: its remedy is the answer's.)
_FEARED = re.compile(
    r"\b(?:va|van|iba|iban) a (?:correr|despedir)\w*|"
    r"\b(?:me|nos|lo|la) (?:corra|corran|despida|despidan)\b|"
    r"\bsi no\b[^.?!]{0,40}\b(?:me|nos) (?:corre|corren|despide|despiden)\b"
)
DISMISSAL_DEADLINE_ARTICLE = "518"
# What a worker dismissed without cause may claim: reinstatement or three months' pay.
DISMISSAL_REMEDY_ARTICLE = "48"
# "¿Cuánto tiempo tengo para reclamar…?": the one-year rule unless it is a dismissal.
GENERAL_DEADLINE_ARTICLE = "516"
_CLAIM = re.compile(r"\b(reclam|demand|cobrar|exigir|pelear)")
# Leaving through the employer's fault (Art. 51's causes): 30 days to leave, and the indemnity.
RESCISSION_CAUSES_ARTICLE = "51"
RESCISSION_REMEDY_ARTICLE = "52"
_LEAVE = re.compile(
    r"\b(irme|me puedo ir|me voy|salirme|me salgo|irnos|nos vamos|salirnos|nos salimos|"
    r"renunci|dejar (el|mi|la) (trabajo|chamba|empleo)|"
    r"(me puedo|me quiero) salir\b(?! a (comer|almorzar|desayunar|cenar))|"
    r"rescind|separarme)"
)
# Next steps quote only the start of an article (a phone screen, after the answer).
STEP_QUOTE_CHARS = 240


def is_dismissal(question: str, context: Mapping[str, str] | None = None) -> bool:
    """Whether the worker is asking about being fired (the deadline of Art. 518 then runs)."""
    topic = " ".join((context or {}).values())
    if asks_resignation_indemnity(question) and not is_dismissal(topic):
        return False  # "si renuncio, ¿me dan mi liquidación?" asks about a resignation
    if fold((context or {}).get("motivo", "")).startswith("renunci"):
        # The form says the worker quit ("me salí", filed under the topic "despido"): a
        # resignation, unless the question itself tells a dismissal. (The form's topic,
        # "despido", read along with the story is no dismissal told.)
        return _DISMISSAL.search(re.sub(r"\bdespido\b", " ", fold(question))) is not None
    said = _FEARED.sub(" ", fold(f"{question} {topic}"))
    return _DISMISSAL.search(said) is not None or INDIRECT_DISMISSAL.search(said) is not None


def required_articles(
    question: str, context: Mapping[str, str] | None = None
) -> list[tuple[str, bool]]:
    """Articles an answer needs whatever retrieval ranked, as (id, goes first) pairs.

    A dismissal needs what may be claimed (Art. 48) and the two-month deadline (Art. 518); a
    question about how long one has to claim is answered by the prescription article itself.
    """
    dismissal = is_dismissal(question, context)
    needed = [(DISMISSAL_REMEDY_ARTICLE, False), (DISMISSAL_DEADLINE_ARTICLE, False)]
    out = needed if dismissal else []
    if asks_what_to_do(question) and not dismissal:
        out.append((GENERAL_DEADLINE_ARTICLE, False))  # the deadline to claim what is owed
        # A fault of the employer told ("me acosa", "no me paga"): the way out Art. 51 gives.
        if cause_of(fold(question)) is not None:
            out.append((RESCISSION_CAUSES_ARTICLE, True))
            out.append((RESCISSION_REMEDY_ARTICLE, False))  # the month to leave, the indemnity
    if asks_resignation_pay(question):  # it tells no dismissal (``rag.faults.FIRED``)
        out.extend((a, False) for a in RESIGNATION_ARTICLES)  # the finiquito's articles
    figures = (
        *needed_articles(question),
        *overtime_articles(question),
        *unpaid_articles(question),
        *day_pay_articles(question),
        *holiday_articles(question),
        *crew_vacation_articles(question),
        *severance_articles(question),
        *subsidy_articles(question),
        *pushed_out_articles(question),
        *pension_weeks_articles(question),
        *deciding_articles(question),
        *wage_floor_articles(question),
        *ptu_cap_articles(question),
        *child_work_articles(question),
        *jurisdiction_articles(question),
    )
    figures += shift_articles(question)
    out.extend((a, False) for a in dict.fromkeys(figures) if (a, False) not in out)
    out.extend((a, False) for a in liquidation_articles(question) if (a, False) not in out)
    folded = fold(question)
    asks_when = question_kind(question) == "until_when" or STILL_IN_TIME.search(folded)
    terms = term_articles(question)
    out.extend((a, True) for a in terms)
    if asks_when and _CLAIM.search(folded) and not terms:
        out.append((DISMISSAL_DEADLINE_ARTICLE if dismissal else GENERAL_DEADLINE_ARTICLE, True))
    return out


def is_rescission(question: str, passages: Sequence[Passage]) -> bool:
    """Whether the worker asks about leaving and retrieval ranks Art. 51 (the employer's faults
    that let a worker leave with an indemnity) among its first three articles."""
    if _LEAVE.search(fold(question)) is None:
        return False
    top = [p.article_id for p in passages if p.kind == "article"][:3]
    return RESCISSION_CAUSES_ARTICLE in top


def with_required(
    passages: Sequence[Passage],
    question: str,
    context: Mapping[str, str] | None,
    fetch: Callable[[str], Sequence[Passage]],
) -> list[Passage]:
    """``passages`` with the ``required_articles`` fetched (by id) when missing, in place."""
    out = list(passages)
    required = required_articles(question, context)
    if is_rescission(question, passages):
        required.append((RESCISSION_REMEDY_ARTICLE, False))
    retrieved = [p.article_id for p in passages if p.kind == "article"]
    required.extend((a, False) for a in named_exception_articles(question, retrieved))
    for needed, first in required:
        have = [p for p in out if p.article_id == needed]
        if have and not first:
            continue
        have = have or [p for p in fetch(needed) if p.article_id == needed]
        others = [p for p in out if p.article_id != needed]
        out = [*have, *others] if first else [*others, *have]
    return out


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
    rescission: bool = False,
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
        first = f"“{trim(units[0]).rstrip('.')}”" if units else ""
        if DISMISSAL_DEADLINE_ARTICLE in quoted or not first:
            first = "el plazo para reclamar corre desde el día siguiente a tu separación"
        line = f"No dejes pasar el tiempo: {first} (Art. 518 LFT)."
        end = _end_date(context)
        if end is not None:
            # Counted from the separation itself: the earlier date is the safe one to plan with.
            limit = dismissal_deadline(end)
            line += f" Si tu separación fue el {long_date(end)}, haz cuentas con {long_date(limit)}"
            line += (
                " como fecha límite aproximada."
                if limit >= today
                else ", que ya pasó; consulta ya a la PROFEDET."
            )
        steps.insert(0, line)
    leave = next((p for p in passages if p.article_id == RESCISSION_REMEDY_ARTICLE), None)
    if rescission and leave is not None and RESCISSION_REMEDY_ARTICLE not in quoted:
        units = split_units(article_body(leave))
        if units:
            leave_quote = trim(units[0], STEP_QUOTE_CHARS).rstrip(".")
            steps.insert(
                0,
                f"Si te vas por culpa del patrón: “{leave_quote}” "
                f"(Art. {RESCISSION_REMEDY_ARTICLE} LFT).",
            )
    remedy = next((p for p in passages if p.article_id == DISMISSAL_REMEDY_ARTICLE), None)
    if dismissal and remedy is not None and DISMISSAL_REMEDY_ARTICLE not in quoted:
        units = split_units(article_body(remedy))
        if units:
            remedy_quote = trim(units[0], STEP_QUOTE_CHARS).rstrip(".")
            steps.insert(
                0,
                f"Si el despido no fue justificado: “{remedy_quote}” "
                f"(Art. {DISMISSAL_REMEDY_ARTICLE} LFT).",
            )
    return steps


# "¿Hasta cuándo tengo chance de demandar?": the claim's term asked.
_CLAIM_ASKED = re.compile(r"\b(demand\w*|reclam\w*)\b")
# A claim already filed (the term stops running, Arts. 521 and 684-P): not this answer.
_TERM_CLAIMED = re.compile(
    r"\btengo (?:hasta )?((?:un|1|dos|2|tres|3|seis|6) (?:a[nñ]os?|mes(?:es)?|semanas?)) "
    r"(?:pa|para|de plazo para|de plazo pa) (?:demandar|reclamar|poner (?:la )?demanda)"
)
_FILED = re.compile(r"\b(solicitud|conciliacion|audiencia|cita|ya (?:meti|presente|demande|fui))\b")
# What was not done yet ("todavía no he ido al centro de conciliación"): no claim filed.
_NOT_FILED = re.compile(
    r"\b(?:no|ni|todavia no|aun no|nunca)\s+(?:he|hemos|e)?\s*(?:ido|fui|meti|metido|presentado|"
    r"presente|pedido|sacado|hecho)\b[^.;]*"
)
# "¿Todavía alcanzo a demandar?", "¿estoy a tiempo?": whether the term still runs.
_STILL_TIME = re.compile(
    r"\b(?:todavia|aun)\s+(?:alcanzo|alcanzamos|estoy a tiempo|estamos a tiempo|tengo tiempo|"
    r"puedo demandar|puedo reclamar)\b|\bestoy a tiempo\b|\balcanzo a (?:demandar|reclamar)\b"
)


# Days either side of a term's end where a time told roughly ("hace 2 meses") settles nothing.
_ROUGH_DAYS = 7


def _term_since(said: str, question: str, *, today: date) -> str:
    """ "Me corrieron hace 3 meses, ¿todavía puedo demandar?": the time told weighed against the
    two months, when it is clearly past or clearly within them; near their end, no verdict."""
    gone = elapsed(question)
    days = gone.days() if gone is not None else None
    if gone is None or days is None:
        return f"{said}."
    limit = dismissal_deadline(today - timedelta(days=round(days)))
    if limit < today - timedelta(days=_ROUGH_DAYS):
        return (
            f"No: ya pasó el plazo. P{said[1:]}: si te despidieron hace {gone.text}, ese plazo "
            f"ya venció; consulta ya a la PROFEDET ({PROFEDET_PHONE}): hay casos en que el plazo "
            "no empezó a correr o se interrumpió."
        )
    if limit > today + timedelta(days=_ROUGH_DAYS):
        return (
            f"Sí, todavía estás a tiempo: p{said[1:]}: si te despidieron hace {gone.text}, tienes "
            f"hasta alrededor del {long_date(limit)}. No lo dejes pasar."
        )
    return f"{said}: con {gone.text} ya estás al límite; cuenta los días con la fecha exacta."


def dismissal_term_fact(
    question: str,
    *,
    story: str,
    context: Mapping[str, str] | None,
    retrieved: Collection[str],
    today: date,
) -> str | None:
    """ "¿Hasta cuándo puedo demandar?" about a dismissal: the two months of Art. 518 and, when
    the case form gives the end date, the day they run out. ``story``: the question with what the
    case tells before it."""
    folded = fold(question)
    # "Tengo un año pa demandar, ¿verdad?": the term claimed, weighed against the two months.
    claimed = _TERM_CLAIMED.search(folded)
    still = _STILL_TIME.search(folded) is not None
    asked = question_kind(question) == "until_when" or claimed is not None or still
    if not asked or not _CLAIM_ASKED.search(folded):
        return None
    if DISMISSAL_DEADLINE_ARTICLE not in retrieved or not is_dismissal(story, context):
        return None
    told = _NOT_FILED.sub(" ", fold(f"{story} {(context or {}).get('descripción', '')}"))
    if _FILED.search(told):
        return None
    opening, wrong = "Para", ""
    if claimed is not None:
        right = re.fullmatch(r"(?:2|dos) meses", claimed.group(1)) is not None
        opening, wrong = ("Sí: para", "") if right else ("No: para", f", no {claimed.group(1)}")
    said = (
        f"{opening} reclamar tu despido tienes 2 meses, contados desde el día siguiente a tu "
        f"separación (Art. {DISMISSAL_DEADLINE_ARTICLE} LFT){wrong}"
    )
    # The day the question names ("me corrieron el 10 de octubre"), when the form has none.
    end = _end_date(context) or day_named(question, today=today)
    if end is None and still and claimed is None:
        return _term_since(said, question, today=today)
    if end is None or end > today:
        return f"{said}."
    limit = dismissal_deadline(end)
    if limit >= today:
        if still and claimed is None:
            said = f"Sí, todavía estás a tiempo: p{said[1:]}"
        return f"{said}: si te despidieron el {long_date(end)}, tienes hasta el {long_date(limit)}."
    if still and claimed is None:
        said = f"No: ya pasó el plazo. P{said[1:]}"
    return (
        f"{said}: si te despidieron el {long_date(end)}, ese plazo venció el {long_date(limit)}; "
        f"consulta ya a la PROFEDET ({PROFEDET_PHONE}): hay casos en que el plazo no empezó a "
        "correr o se interrumpió."
    )
