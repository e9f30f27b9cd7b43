"""What a worker who resigns is owed: "si renuncio, ¿me dan algo?" is answered with the finiquito.

Pure. Resigning forfeits no earned benefit: the proportional aguinaldo (Art. 87) and vacations
with their premium (Art. 79, 80) are paid whatever the reason for leaving; the prima de
antigüedad only after fifteen years (Art. 162). The articles are fetched by id so the answer can
cite them (``rag.next_steps.required_articles``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal

from calc.text import fold
from calc.words import asked_to_resign
from rag.faults import FIRED, WAIVER, cause_of, unpaid_after_leaving
from rag.lead import asks_loss, confirms_denial, question_kind
from rag.pay import AGUINALDO_ARTICLE, daily_pay, seniority_said
from rag.thresholds import service

VACATIONS_ARTICLE = "79"
SENIORITY_ARTICLE = "162"
# The three months' pay of a dismissal without cause: what a resignation does not give.
INDEMNITY_ARTICLE = "48"
ARTICLES = (AGUINALDO_ARTICLE, VACATIONS_ARTICLE, SENIORITY_ARTICLE, INDEMNITY_ARTICLE)
# The finiquito's proportional parts, owed whatever the reason for leaving.
PARTS = (
    f"la parte proporcional del aguinaldo (Art. {AGUINALDO_ARTICLE} LFT) y la de tus vacaciones "
    f"con su prima vacacional (Art. {VACATIONS_ARTICLE} LFT)"
)
_RESIGN = re.compile(
    r"\b(renunci\w*|me salgo|me sali|me voy a salir|me quiero salir|dejo el trabajo|nos salimos|"
    r"deje el trabajo|me voy de la (empresa|chamba)|si me voy|me voy sin|irme sin)\b"
)
# A resignation already made: "ya me salí", "renuncié el viernes".
# ("Aunque renuncie", "si renuncie", "que renuncie" are a subjunctive or a condition: not done.)
_RESIGNED = re.compile(
    r"(?<!aunque )(?<!aunq )(?<!que )(?<!q )(?<!si )(?<!cuando )(?<!para )"
    r"\b(renuncie|me sali|deje el trabajo|ya me fui)\b"
)
_WHAT_I_GET = re.compile(
    r"\b(me dan|me darian|me toca|me tocan|me pagan|me corresponde|finiquito|algo|"
    r"nos dan|nos toca|nos tocan|nos pagan|nos corresponde|"
    r"(que|q) me deben?|pierdo|me (tienen|tiene|deben|debe|van a|va a) (que |q )?(dar|pagar))\b"
)
# What a resignation gives of the prima de antigüedad (Art. 162-III).
_SENIORITY_NOTE = (
    " La prima de antigüedad solo te toca al renunciar si tienes 15 años o más de trabajo "
    f"(Art. {SENIORITY_ARTICLE} LFT)."
)
_SENIORITY = re.compile(r"\bprima (de )?antig")
# Art. 162: after fifteen years, twelve days' wages a year.
SENIORITY_YEARS = 15
SENIORITY_DAYS_A_YEAR = 12
# Leaving for the employer's fault (Art. 51, 52) is paid otherwise, and "firmé una renuncia a
# mi finiquito" is a waiver (void, Art. 33): neither is this answer.
_OWN_FAULT = r"\b(culpa|porque|xq|por que|acos|no me pag)"
_FAULT = re.compile(rf"{_OWN_FAULT}|\bindemni|{WAIVER.pattern}")


# "si renuncio me tienen que dar mi liquidación con los 3 meses?": the dismissal's pay.
_INDEMNITY = re.compile(
    r"\b(liquidacion|liquiden|indemnizacion|indemnicen|(los )?(3|tres) meses)\b"
)


def asks_resignation_indemnity(question: str) -> bool:
    """A resignation by choice asked to pay the dismissal's three months: "si renuncio me
    tienen que dar mi liquidación con los 3 meses, verdad?" (no fault of the employer told)."""
    folded = fold(question)
    if re.search(_OWN_FAULT, folded) or cause_of(folded) is not None or FIRED.search(folded):
        return False
    return bool(_RESIGN.search(folded) and _INDEMNITY.search(folded) and _WHAT_I_GET.search(folded))


# A question of its own about a resignation: its deadline ("¿hasta cuándo puedo reclamarlas?"),
# a record of the work, a paper to sign, the days of vacations: not what the finiquito holds.
_OTHER_ASK = re.compile(
    r"\b(hasta cuando|cuanto tiempo (tengo|me queda)|(que|q) plazo|constancia|"
    r"(estoy|sigo|todavia estoy|aun estoy|estare) a tiempo|"
    r"carta de (trabajo|recomendacion)|(tengo|debo) (que |q )?firmar\w*|"
    r"cuant[oa]s? (dias|dinero|lana)? ?de vacaciones|cuantos dias|cuantas semanas|incapacidad|"
    r"(que|q) (hago|hacemos|puedo hacer|debo hacer|tengo que hacer))\b"
)


def _resignation_told(folded: str) -> bool:
    """A resignation made or wanted, not one asked for ("me dijo que mejor renuncie")."""
    return any(not asked_to_resign(folded, m.start()) for m in _RESIGN.finditer(folded))


def asks_resignation_pay(question: str) -> bool:
    """ "si renuncio me dan algo?", "me salí, ¿qué me corresponde?", "¿me toca finiquito?"."""
    folded = fold(question)
    if _OTHER_ASK.search(folded):
        return False
    if asks_resignation_indemnity(question) or unpaid_after_leaving(folded):
        return True
    if _FAULT.search(folded) or cause_of(folded) is not None:
        return False  # leaving for the employer's fault (Art. 51)
    if FIRED.search(folded):
        return False  # "me despidieron y me dicen que la prima solo es para los que renuncian"
    return bool(_RESIGN.search(folded) and _WHAT_I_GET.search(folded))


# How many of the worker's latest turns may tell the resignation a question is about.
EARLIER_TURNS = 3


def earlier_resignation(
    question: str, history: Sequence[tuple[str, str]], *, story: str = ""
) -> bool:
    """Whether "¿me tienen que dar algo?" asks what a resignation told before is worth: one of
    the worker's last turns (or the case form's story) says they quit or want to, and the
    question asks what they get without telling a resignation, a dismissal or a fault itself."""
    folded = fold(question)
    if _RESIGN.search(folded) or not _WHAT_I_GET.search(folded) or _OTHER_ASK.search(folded):
        return False
    if _FAULT.search(folded) or cause_of(folded) is not None or FIRED.search(folded):
        return False
    said = [text for role, text in history if role == "user" and text.strip() != question.strip()]
    for text in [*reversed(said[-EARLIER_TURNS:]), story]:
        told = fold(text)
        if FIRED.search(told) or cause_of(told) is not None:
            return False  # the latest story is a dismissal or a fault, not a resignation
        if _resignation_told(told):
            return True
    return False


def resignation_fact(
    question: str, *, retrieved: Collection[str], today: date | None = None
) -> str | None:
    """The finiquito of a resignation, citing only the articles retrieved (87 and 79 needed);
    with ``today`` (the minimum wage's year), a prima de antigüedad in pesos when the pay is
    told."""
    if not asks_resignation_pay(question):
        return None
    if AGUINALDO_ARTICLE not in retrieved or VACATIONS_ARTICLE not in retrieved:
        return None
    folded = fold(question)
    if _SENIORITY.search(folded) and SENIORITY_ARTICLE in retrieved:
        return _seniority(question, today=today)
    if asks_resignation_indemnity(question) and INDEMNITY_ARTICLE in retrieved:
        said = (
            "No: los 3 meses de indemnización (la liquidación) te tocan si te despiden sin causa "
            f"justificada (Art. {INDEMNITY_ARTICLE} LFT), no si renuncias por tu voluntad. Lo que "
            f"sí te deben aunque renuncies es tu finiquito: lo que te deban de salario, {PARTS}."
        )
        return said + (_SENIORITY_NOTE if SENIORITY_ARTICLE in retrieved else "")
    asks_what = (
        re.search(
            r"\b(que|cuanto|cuales)\b|\bq (?:me|nos) (?:toca|dan|corresponde|deben|pagan)", folded
        )
        is not None
    )
    if asks_loss(question):
        yes = "No: aunque"  # "¿si renuncio pierdo el aguinaldo?"
    elif question_kind(question) == "yes_no" and not asks_what:
        yes = "Sí: aunque"
    else:
        yes = "Aunque"
    served = service(question)
    if SENIORITY_ARTICLE in retrieved and served is not None and served.value >= SENIORITY_YEARS:
        # "35 años… ¿qué me toca si me voy yo?": the prima de antigüedad first, it is the most.
        days = round(served.value * SENIORITY_DAYS_A_YEAR)
        opening = {"No: aunque": "No: como", "Sí: aunque": "Sí: como"}.get(yes, "Como")
        return (
            f"{opening} llevas {served.value:g} años de trabajo, aunque renuncies te toca la "
            f"prima de antigüedad: {SENIORITY_DAYS_A_YEAR} días de salario por cada año, unos "
            f"{days:g} días (Art. {SENIORITY_ARTICLE} LFT). Además te deben tu finiquito: lo que "
            f"te deban de salario, {PARTS}."
        )
    # "Renuncié y no me quieren pagar la última semana": the resignation is done.
    done = unpaid_after_leaving(folded) or _RESIGNED.search(folded) is not None
    resigned = "renunciaste," if done else "renuncies"
    said = f"{yes} {resigned} te deben pagar tu finiquito: lo que te deban de salario, {PARTS}."
    return said + (_SENIORITY_NOTE if SENIORITY_ARTICLE in retrieved else "")


def _seniority(question: str, *, today: date | None = None) -> str:
    """ "Llevo 10 años, si renuncio ¿me toca prima de antigüedad?": the fifteen years of Art. 162
    against the years the question states."""
    served = service(question)
    cited = f"(Art. {SENIORITY_ARTICLE} LFT)"
    amount = f"{SENIORITY_DAYS_A_YEAR} días de salario por cada año trabajado"
    finiquito = f" Lo que sí te deben siempre es tu finiquito: lo que te deban de salario, {PARTS}."
    if served is None:
        return (
            f"Al renunciar, la prima de antigüedad solo te toca si tienes {SENIORITY_YEARS} años o "
            f"más de trabajo: {amount} {cited}.{finiquito}"
        )
    years, shown = served.value, served.said
    # "¿Si renuncio pierdo mi prima?" asks the other way round, and so does "el dueño dice que
    # no me toca, ¿tiene razón?".
    losing = asks_loss(question)
    agreed = confirms_denial(question)
    if years < SENIORITY_YEARS:
        opening = "Con" if losing else "No: con"
        if agreed is not None:
            opening = f"Sí, {agreed}: con"
        return (
            f"{opening} {shown} todavía no te toca la prima de antigüedad al renunciar; solo te "
            f"toca con {SENIORITY_YEARS} años o más de trabajo {cited}.{finiquito}"
        )
    days = round(years * SENIORITY_DAYS_A_YEAR)
    opening = "No la pierdes: con" if losing else "Sí: con"
    if agreed is not None:
        opening = "No: con"
    daily = daily_pay(question)
    if daily is not None and today is not None:
        # "Ganaba 350 diarios": the days in pesos, the cap said when it applied.
        worth = f": {seniority_said(Decimal(days), daily, today=today)}"
    else:
        worth = " (si ganas más del doble del salario mínimo, se calcula con ese doble)"
    return (
        f"{opening} {shown} de trabajo te toca la prima de antigüedad aunque renuncies, porque "
        f"tienes {SENIORITY_YEARS} años o más: {amount} {cited}, unos {days:g} días en tu "
        f"caso{worth}.{finiquito}"
    )
