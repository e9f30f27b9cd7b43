"""What a worker dismissed without cause is owed: "¿cuánto me toca de liquidación?" in days.

Pure. Three months' pay (Art. 48), the prima de antigüedad of twelve days a year (Art. 162,
whatever the years) and the finiquito's proportional parts (Arts. 87, 79). The figure in pesos
needs the salary: the chat's calculator computes it from the case. The articles are fetched by
id so the answer can cite them (``rag.next_steps.required_articles``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from calc.facts import pesos, plain
from calc.text import fold
from calc.words import INDIRECT_DISMISSAL
from rag.lead import question_kind
from rag.pay import AGUINALDO_ARTICLE, daily_pay, seniority_said, years_said, years_served
from rag.resignation import (
    PARTS,
    SENIORITY_ARTICLE,
    SENIORITY_DAYS_A_YEAR,
    VACATIONS_ARTICLE,
)
from rag.rule_index import own_jobs

REMEDY_ARTICLE = "48"
ARTICLES = (REMEDY_ARTICLE, SENIORITY_ARTICLE, AGUINALDO_ARTICLE, VACATIONS_ARTICLE)
_FIRED = re.compile(
    r"\b(corrieron|corrio|despidieron|despidio|despedid[oa]|echaron|dieron las gracias|"
    r"(si|cuando) (me|nos) (corren|corre|despiden|despide|echan|echa|corrieran|corriera|"
    r"despidieran|despidiera)|"
    r"me van a liquidar|me liquidaron|sin razon|sin motivo|sin causa|injustificad|"
    r"(me|nos) (dio|dieron) de baja)|" + INDIRECT_DISMISSAL.pattern
)
_HOW_MUCH = re.compile(
    r"\b(cuanto|cuanta|de cuanto)\b.*\b(liquidacion|indemnizacion|los (?:3|tres) meses|me toca|"
    r"me tocan|me deben|"
    r"me tienen que dar|me tienen q dar|me tienen que pagar|me tienen q pagar|me deben pagar|"
    r"me dan|me corresponde|me pagan|seria|serian|en dinero|"
    r"en pesos|en lana|me sale|me salen)\b|"
    r"\b(que|q) me (toca|tocan|corresponde|deben)\b(?! (hacer|decir))|"
    r"\b(que|q) me (tiene|tienen) (que|q) (pagar|dar)\b"
)
_PAID_NOTHING = re.compile(
    r"\bno (?:me|nos) (?:quisieron|quiso|quieren|quiere) (?:dar|pagar) nada\b|"
    r"\bno (?:me|nos) (?:dieron|dio|pagaron|pago) nada\b|"
    r"\bni lo (?:que|q) ya (?:habia|habiamos) trabajado\b"
)
# Leaving by one's own will or for the employer's fault is paid otherwise (Arts. 52, 162).
_DURATION = re.compile(r"\bcuant[oa]s? (tiempo|dias|semanas|meses|a[nñ]os)\b")
_LEFT = re.compile(r"\b(renunci|me sali|me voy|irme|culpa del patron)")
INDEMNITY_DAYS = 90  # three months' pay (Art. 48)


# "si me corren no me toca nada porque no llevo el año": nothing owed, told or asked.
_NOTHING = re.compile(
    r"\bno (me|nos|te) (toca|tocaria|tocan|dan|darian|van a dar|pagan|van a pagar|deben)( de)? "
    r"(nada|ni un peso|ni un centavo|liquidacion|indemnizacion)\b|\bno tengo derecho a nada\b|"
    r"\bno tengo derecho a (la )?(liquidacion|indemnizacion)\b"
)


# ...for the little time served: "porque no llevo el año", "como soy nuevo".
_LITTLE_TIME = re.compile(
    r"\bno (llevo|tengo|cumplo|he cumplido|cumpli|completo) (el|un|ni un) a[nñ]o\b|"
    r"\b(soy nuev[oa]|poco tiempo|apenas (llevo|tengo|voy))\b|\bno tengo antiguedad\b|"
    r"\b(tengo|llevo|tenia|llevaba) menos de (un|1) a[nñ]o\b"
)


# ...or for having no written contract: "dice que si me corre no me toca nada por no tener papel".
_NO_PAPER = re.compile(
    r"\b(no tener|sin|no tengo|no firme|nunca firme) (un |ningun )?(papel|papeles|contrato)\b|"
    r"\b(nunca|no) me (hicieron|dieron|dejaron) (firmar )?(ningun )?contrato\b"
)
# Art. 26: a missing written contract is the employer's fault; the worker keeps every right.
CONTRACT_ARTICLE = "26"


def denies_liquidation(question: str) -> bool:
    """A dismissal said to be owed nothing for the little time served or for having no written
    contract: "el supervisor dice que si me corren no me toca nada porque no llevo el año"."""
    folded = fold(question)
    return bool(
        _FIRED.search(folded)
        and _NOTHING.search(folded)
        and (_LITTLE_TIME.search(folded) or _NO_PAPER.search(folded))
        and not _LEFT.search(folded)
    )


# A domestic worker need not be taken back (Art. 49-IV): her employer ends the relation paying
# Art. 50's indemnity (Art. 343), 20 days a year on top of the 3 months.
NO_REINSTATEMENT_ARTICLE = "50"
NO_REINSTATEMENT_DAYS_A_YEAR = 20
_TWENTY_DAYS = f"{NO_REINSTATEMENT_DAYS_A_YEAR} días de salario por cada año trabajado"
_NOT_TAKEN_BACK = (
    "porque como trabajadora del hogar tu empleadora puede no reinstalarte pero entonces te los "
    f"debe (Art. {NO_REINSTATEMENT_ARTICLE} LFT)"
)


def _domestic(folded: str) -> bool:
    return "hogar" in own_jobs(folded)


# "¿Qué diferencia hay entre finiquito y liquidación?", "¿es lo mismo?": the two told apart.
_BOTH = re.compile(
    r"\b(?:diferencia|diferencias|diferente|distinto|lo mismo|es igual)\b[^?]{0,40}"
    r"\bfiniquito\b[^?]{0,20}\bliquidacion\b|"
    r"\b(?:diferencia|diferencias|diferente|distinto|lo mismo|es igual)\b[^?]{0,40}"
    r"\bliquidacion\b[^?]{0,20}\bfiniquito\b"
)


def asks_difference(question: str) -> bool:
    return _BOTH.search(fold(question)) is not None


def difference_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """The finiquito (owed however the job ends) and the liquidación (a dismissal without cause:
    the finiquito plus three months and the prima de antigüedad), told apart."""
    if not asks_difference(question) or not set(ARTICLES) <= set(retrieved):
        return None
    return (
        "El finiquito es lo que te deben siempre que termina tu trabajo, por la razón que sea: lo "
        f"que te deban de salario, {PARTS}. La liquidación es lo que te toca si te despiden sin "
        "causa justificada: el finiquito más 3 meses de salario de indemnización (Art. "
        f"{REMEDY_ARTICLE} LFT) y la prima de antigüedad de {SENIORITY_DAYS_A_YEAR} días de "
        f"salario por cada año trabajado (Art. {SENIORITY_ARTICLE} LFT)."
    )


def needed_articles(question: str) -> tuple[str, ...]:
    """The articles the liquidation's answer cites, to fetch by id."""
    if asks_difference(question):
        return ARTICLES
    if not asks_liquidation(question):
        return ()
    if denies_liquidation(question) and _NO_PAPER.search(fold(question)):
        return (*ARTICLES, CONTRACT_ARTICLE)
    if _domestic(fold(question)):
        return (*ARTICLES, NO_REINSTATEMENT_ARTICLE)
    return ARTICLES


def asks_liquidation(question: str, *, asked: str | None = None) -> bool:
    """ "me corrieron sin razón después de 5 años, ¿cuánto me toca de liquidación?". ``asked``:
    the worker's own words when ``question`` has the case's story before them (a premise is
    corrected only when the worker's own message states it)."""
    folded = fold(question)
    if denies_liquidation(question if asked is None else asked):
        return True
    if _DURATION.search(folded):  # "¿cuánto tiempo me dan…?" asks a time, not the pay
        return False
    # "Me corrieron y no me quisieron dar nada, ni lo que ya había trabajado", told as the
    # whole message (no other question asked): what is owed.
    own = asked if asked is not None else question
    told_nothing = _PAID_NOTHING.search(fold(own)) and question_kind(own) == "open"
    asked_pay = _HOW_MUCH.search(folded) or told_nothing
    return bool(_FIRED.search(folded) and asked_pay and not _LEFT.search(folded))


def liquidation_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """The dismissal's pay in days of salary, citing only the articles retrieved."""
    if not asks_liquidation(question, asked=asked) or not set(ARTICLES) <= set(retrieved):
        return None
    years = years_served(question)
    prima = ""
    if years is not None:
        prima = f" (con {years_said(years)}, {plain(SENIORITY_DAYS_A_YEAR * years)} días)"
    daily = daily_pay(question)
    told = question if asked is None else asked
    domestic = _domestic(fold(question)) and NO_REINSTATEMENT_ARTICLE in retrieved
    if denies_liquidation(told):
        # The premise first: a dismissal without cause is paid whatever the time served, and
        # with or without a written contract.
        paper = _NO_PAPER.search(fold(told)) is not None and CONTRACT_ARTICLE in retrieved
        since = (
            "aunque no tengas contrato por escrito: la falta del contrato es culpa del patrón y "
            f"no te quita tus derechos (Art. {CONTRACT_ARTICLE} LFT). Te toca"
            if paper
            else "aunque lleves poco tiempo, más"
        )
        return (
            "No: si te despiden sin causa justificada, te deben 3 meses de salario de "
            f"indemnización (Art. {REMEDY_ARTICLE} LFT) {since} la prima de antigüedad de "
            f"{SENIORITY_DAYS_A_YEAR} días de salario por cada año trabajado (Art. "
            f"{SENIORITY_ARTICLE} LFT) y tu finiquito: {PARTS}."
        )
    if daily is None:
        also = f", {_TWENTY_DAYS}, {_NOT_TAKEN_BACK}" if domestic else ""
        return (
            "Si el despido es sin causa justificada, te deben 3 meses de salario de indemnización "
            f"(Art. {REMEDY_ARTICLE} LFT){also}, la prima de antigüedad de "
            f"{SENIORITY_DAYS_A_YEAR} días de salario por cada año trabajado{prima}, con un tope "
            f"de salario (Art. {SENIORITY_ARTICLE} LFT), y tu finiquito: {PARTS}."
        )
    # With the pay known, the pesos come first: "¿cuánto sería en dinero?" asks for them.
    said = (
        f"Con {pesos(daily)} al día, si el despido es sin causa justificada te deben unos "
        f"{pesos(INDEMNITY_DAYS * daily)} por los 3 meses de indemnización (Art. {REMEDY_ARTICLE} "
        "LFT)"
    )
    if years is not None and domestic:
        extra = NO_REINSTATEMENT_DAYS_A_YEAR * years
        said += f", {pesos(extra * daily)} por {_TWENTY_DAYS}, {_NOT_TAKEN_BACK},"
    if years is not None:
        said += f" y {seniority_said(SENIORITY_DAYS_A_YEAR * years, daily, today=today)}"
    return (
        f"{said}. La prima de antigüedad es de {SENIORITY_DAYS_A_YEAR} días de salario por cada "
        f"año trabajado{prima}, con un tope de salario (Art. {SENIORITY_ARTICLE} LFT). Además te "
        f"toca tu finiquito: {PARTS}."
    )
