"""How long a worker has to claim, when the question names what is claimed and a term of its own
applies: two years for a work accident or illness (Art. 519), one month to leave for the
employer's fault (Art. 517). A dismissal's two months (Art. 518) and the general year (Art. 516)
are the rules' and the calculators' (``rag.next_steps``).

Pure. "Me accidenté en la obra y me quedó una incapacidad permanente, ¿hasta cuándo puedo
reclamar la indemnización?" → "Tienes 2 años…, contados desde que se determina el grado de tu
incapacidad (Art. 519 LFT)." The article is fetched by id (``needed_articles``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from calc.dates import spanish_date
from calc.text import fold
from rag.faults import NOT_FROM_WORK, WORK_PLACE, WORK_RISK
from rag.lead import question_kind
from rag.severance import DEATH, LEAVE, faulted
from rag.thresholds import elapsed

RISK_ARTICLE = "519"
IMSS_ARTICLE = "300 LSS"
LEAVE_ARTICLE = "517"
LEAVE_DAYS = 30
RISK_DAYS = 730

# "¿Todavía lo puedo reclamar?", "¿ya se me pasó?": how long one has, asked as a yes or no.
STILL_IN_TIME = re.compile(
    r"\b(todavia|aun|ya no)\b[^.?!,;]{0,20}\b(puedo|alcanzo|se puede|podre)\b|"
    r"\bya se me (paso|vencio|fue)\b|\bya prescribi|\bse me pasa el (tiempo|plazo)\b|"
    r"\b(estoy|estamos|estas|esta) a tiempo\b"
)
_RISK_WORDS = re.compile(r"\b(incapacidad permanente|dictamen)\b")
_RISK_CLAIM = re.compile(r"\b(indemniz\w*|reclam\w*|demand\w*|cobrar)\b")
# A worker who already left ("luego me salí") and asks until when to claim the pay owed ("no me
# pagaron 3 semanas… ¿hasta cuándo lo puedo reclamar?") asks the pay's term (a year, Art. 516),
# not the month to leave for the employer's fault.
_ALREADY_LEFT = re.compile(
    r"\b(me sali|ya me sali|renuncie|ya renuncie|me fui|deje (el trabajo|la chamba|de trabajar))\b"
)
_CLAIMS_PAY = re.compile(r"\b(reclam|cobr|exig)\w*")
_PAY_OWED = re.compile(
    r"\b(sueldo|salario|pago|quincenas?|semanas|aguinaldo|vacaciones|utilidades|horas extra)\b"
)


# Money the IMSS pays ("no me pagó unas incapacidades"): its own terms (Art. 300 LSS).
_IMSS = re.compile(r"\b(imss|seguro social|el seguro|del seguro)\b")
_IMSS_MONEY = re.compile(r"\b(subsidios?|incapacidades|pension\w*|funeral)\b")
# What the employer owes for a work risk (Art. 519), not the IMSS's money.
_EMPLOYER_OWES = re.compile(r"\b(indemniz\w*|patron\w*|empresa|dictamen|grado)\b")


def _asks_when(question: str) -> bool:
    return question_kind(question) == "until_when" or bool(STILL_IN_TIME.search(fold(question)))


def _article(question: str) -> str | None:
    folded = fold(question)
    if not _asks_when(question):
        return None
    if (
        _IMSS.search(folded)
        and _IMSS_MONEY.search(folded)
        and _CLAIMS_PAY.search(folded)
        and not _EMPLOYER_OWES.search(folded)
        and not _RISK_WORDS.search(folded)
    ):
        return IMSS_ARTICLE
    if (
        (
            WORK_RISK.search(folded)
            or _RISK_WORDS.search(folded)
            or (DEATH.search(folded) and WORK_PLACE.search(folded))
        )
        and _RISK_CLAIM.search(folded)
        and not NOT_FROM_WORK.search(folded)
    ):
        return RISK_ARTICLE
    left = _ALREADY_LEFT.search(folded) and _CLAIMS_PAY.search(folded) and _PAY_OWED.search(folded)
    if LEAVE.search(folded) and faulted(folded) and not left:
        return LEAVE_ARTICLE
    return None


# How long the conciliation takes (Arts. 684-D, 684-E): "ya metí mi solicitud en el centro de
# conciliación, ¿cuánto se tarda eso?".
CONCILIATION_ARTICLE = "684-D"
HEARING_ARTICLE = "684-E"
_LASTS = re.compile(
    r"\bcuant[oa]s? (tiempo |dias |semanas |meses )?(se )?(tarda|tardan|tardara|dura|duran|"
    r"durara|demora|lleva|toma)\b|\bcuanto (tiempo )?(va|van) a (tardar|durar)\b|"
    r"\ben cuanto tiempo\b"
)
_CONCILIATION = re.compile(r"\bconcilia")
# A trial ("juicio", "demanda") is not the conciliation: its length the law does not fix. The
# hearing's date ("¿en cuánto tiempo me dan la audiencia?") is its own rule's (Art. 684-E).
_TRIAL = re.compile(r"\b(juicio|demanda|tribunal|audiencia|cita|citatorio)\b")


def asks_conciliation_length(question: str) -> bool:
    folded = fold(question)
    return bool(
        _LASTS.search(folded) and _CONCILIATION.search(folded) and not _TRIAL.search(folded)
    )


# The aguinaldo of a year named: "no me pagaron el aguinaldo del año pasado", "el de 2024".
AGUINALDO_ARTICLE = "87"
YEAR_ARTICLE = "516"
_AGUINALDO_OF = re.compile(
    r"\ba?gu?inaldo\b[^.?!]{0,30}?\b(?:del|de|de el)\s+(?:(a[nñ]o pasado)|(a[nñ]o antepasado)|"
    r"(20\d\d)\b|(este a[nñ]o))|"
    # "El año pasado no me pagaron el aguinaldo".
    r"\b(?:el|en)\s+(?:(a[nñ]o pasado)|(a[nñ]o antepasado)|(20\d\d)\b|(este a[nñ]o))[^.?!]{0,40}?"
    r"\ba?gu?inaldo\b"
)


def aguinaldo_year(question: str, *, today: date) -> int | None:
    """The year whose aguinaldo the question speaks of, when it names one."""
    found = _AGUINALDO_OF.search(fold(question))
    if found is None:
        return None
    groups = found.groups()
    last, before, named = (groups[i] or groups[i + 4] for i in range(3))
    if named:
        return int(named)
    return today.year - (1 if last else 2 if before else 0)


def aguinaldo_term_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "No me pagaron el aguinaldo del año pasado, ¿todavía lo puedo reclamar?": it was due
    before 20 December (Art. 87) and may be claimed for a year after (Art. 516): the date."""
    own = asked or question
    year = aguinaldo_year(question, today=today)
    if year is None or not _asks_when(own):
        return None
    if not {AGUINALDO_ARTICLE, YEAR_ARTICLE} <= set(retrieved):
        return None
    due = f"el aguinaldo de {year} se debía pagar antes del 20 de diciembre de {year}"
    last = date(year + 1, 12, 20)
    if today < date(year, 12, 20):
        return (
            f"Tu aguinaldo de {year} todavía no vence: te lo deben pagar antes del 20 de "
            f"diciembre de {year} (Art. {AGUINALDO_ARTICLE} LFT); si no te lo pagan, tienes 1 año "
            f"desde entonces para reclamarlo (Art. {YEAR_ARTICLE} LFT)."
        )
    why = (
        f"{due} (Art. {AGUINALDO_ARTICLE} LFT), y tienes 1 año para reclamarlo (Art. "
        f"{YEAR_ARTICLE} LFT)"
    )
    if today <= last:
        left = (last - today).days
        until = f"hasta el {spanish_date(last)}, más o menos (te quedan {left} días)"
        if question_kind(own) == "until_when":
            return f"Tienes {until}: {why}."
        return f"Sí, todavía estás a tiempo: {why}, {until}."
    return (
        f"No: por regla general ya pasó el plazo: {why}, y ese año terminó hacia el "
        f"{spanish_date(last)}. Pide orientación gratuita a la PROFEDET por si hubo algo que "
        "detuvo el plazo."
    )


def needed_articles(question: str) -> tuple[str, ...]:
    """The term's article, to fetch by id (first) when retrieval missed it."""
    if _AGUINALDO_OF.search(fold(question)) and _asks_when(question):
        return (YEAR_ARTICLE, AGUINALDO_ARTICLE)
    if asks_conciliation_length(question):
        return (CONCILIATION_ARTICLE, HEARING_ARTICLE)
    found = _article(question)
    return (found,) if found else ()


def conciliation_length_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """ "La conciliación no debe durar más de 45 días naturales…" (Arts. 684-D, 684-E)."""
    if not asks_conciliation_length(question) or CONCILIATION_ARTICLE not in retrieved:
        return None
    said = (
        f"La conciliación no debe durar más de 45 días naturales (Art. {CONCILIATION_ARTICLE} LFT)"
    )
    if HEARING_ARTICLE in retrieved:
        said += (
            ", y la audiencia debe hacerse dentro de los 15 días siguientes a tu solicitud "
            f"(Art. {HEARING_ARTICLE} LFT)"
        )
    return f"{said}."


def term_fact(question: str, *, retrieved: Collection[str], asked: str | None = None) -> str | None:
    """The term for what the question claims, citing its article (when retrieved). ``asked``:
    the worker's own words when ``question`` has the case's story before them."""
    lasts = conciliation_length_fact(question if asked is None else asked, retrieved=retrieved)
    if lasts is not None:
        return lasts
    found = _article(question)
    if found is None or found not in retrieved:
        return None
    if found == IMSS_ARTICLE:
        folded = fold(question)
        if WORK_RISK.search(folded) and not NOT_FROM_WORK.search(folded):
            return (
                "Los subsidios del IMSS por una incapacidad que viene de un riesgo de trabajo se "
                "pueden cobrar hasta 2 años después del día en que se generó el derecho "
                f"(Art. {IMSS_ARTICLE})."
            )
        return (
            "Tienes 1 año para cobrarle al IMSS lo que te debe en dinero, como los subsidios por "
            "incapacidad de enfermedad general o de maternidad, las mensualidades de una pensión "
            f"o la ayuda para el funeral (Art. {IMSS_ARTICLE})."
        )
    if found == RISK_ARTICLE:
        death = DEATH.search(fold(question)) is not None
        since = (
            "desde la muerte del trabajador"
            if death
            else "desde que se determina el grado de tu incapacidad"
        )
        said = (
            "Tienes 2 años para reclamar la indemnización por un accidente o una enfermedad de "
            f"trabajo, contados {since} (Art. {RISK_ARTICLE} LFT)."
        )
        gone = elapsed(question)
        days = gone.days() if gone is not None else None
        if not death or gone is None or days is None:
            return said
        if days <= RISK_DAYS:
            return f"Sí, todavía hay tiempo si fue hace {gone.said}: t{said[1:]}"
        return f"Ese plazo ya pasó si fue hace {gone.said}: t{said[1:]}"
    term = (
        "tienes 1 mes para dejar el trabajo por culpa de tu patrón y pedir tu indemnización, "
        f"contado desde que supiste de la falta (Art. {LEAVE_ARTICLE} LFT)"
    )
    gone = elapsed(question)
    days = gone.days() if gone is not None else None
    if gone is None or days is None:
        return f"T{term[1:]}."
    if days <= LEAVE_DAYS:
        left = int(LEAVE_DAYS - days)
        return (
            f"Sí, todavía estás a tiempo: {term}; si fue hace {gone.said}, te quedan unos {left} "
            "días."
        )
    return (
        f"Ese plazo ya pasó si la falta fue hace {gone.said}: {term}. Pide orientación gratuita a "
        "la PROFEDET sobre lo que todavía puedes reclamar."
    )
