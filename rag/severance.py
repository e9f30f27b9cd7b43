"""What a job's end is worth when the question gives the years (and the salary): the prima de
antigüedad of a dismissal (Art. 162), leaving for the employer's fault (Arts. 50, 52), an
illness that ends the job (Art. 54) and a worker's death (Arts. 115, 162, 500, 502).

Pure. "Me corrieron después de 6 años, ganaba 500 al día, ¿de cuánto es la prima de
antigüedad?" → 72 días, unos $36,000.00: the days are the law's, the pesos Art. 89's daily salary
times them, with the prima's cap of twice the minimum wage (Arts. 162-II, 486). The articles
are fetched by id (``needed_articles``) so each figure cites what was retrieved.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from decimal import Decimal

from calc.facts import pesos, plain
from calc.salary import PERIOD_DAYS, seniority_base
from calc.text import fold
from calc.wages import minimum_wage
from rag.faults import FIRED, NOT_FROM_WORK, UNINSURED, WORK_PLACE, WORK_RISK, cause_of
from rag.lead import SOMETHING_ASKED, asks_loss, denies_right, question_kind
from rag.liquidation import INDEMNITY_DAYS  # three months' pay (Arts. 48, 50-III)
from rag.pay import (
    AGUINALDO_ARTICLE,
    daily_pay,
    seniority_pay,
    seniority_said,
    years_said,
    years_served,
)
from rag.resignation import (
    PARTS,
    SENIORITY_ARTICLE,
    SENIORITY_DAYS_A_YEAR,
    VACATIONS_ARTICLE,
    asks_resignation_pay,
)

LEAVE_CAUSES_ARTICLE = "51"
RESCISSION_ARTICLE = "52"
INDEMNITY_ARTICLE = "50"
RESCISSION_TERM_ARTICLE = "517"
ILLNESS_ARTICLE = "54"
TOTAL_ARTICLE = "495"
TOTAL_DAYS = 1095
PENSION_ARTICLE = "58 LSS"
HEIRS_ARTICLE = "115"
FUNERAL_ARTICLE = "500"
DEATH_ARTICLE = "502"
INDEMNITY_DAYS_A_YEAR = 20  # Art. 50-II
ILLNESS_MONTH_DAYS = 30  # one month's pay (Art. 54)
FINIQUITO = (AGUINALDO_ARTICLE, VACATIONS_ARTICLE)
LEAVE_ARTICLES = ("51", "52", "50", "517")

_SENIORITY = re.compile(r"\bprima (de )?antig")
# "¿Y qué más nos toca?": what else is owed, an open question.
_WHAT_ELSE = re.compile(r"\b(que|q) (mas|otra cosa)\b")
_WHAT_CLAIMED = re.compile(r"\b(que|q) (puede|pueden|podemos|puedo) (reclamar|pedir|cobrar)\b")
_OWED = re.compile(
    r"\b(cuantos?|cuantas?|de cuanto)\b|\bque (me|nos|le) (toca|tocan|corresponde|deben|tienen que|"
    r"tienen q|tiene que|tiene q|van a)\b|\bq (me|nos|le) (toca|tocan|corresponde|deben)\b|"
    r"\b(me|nos) (tiene|tienen) (que|q) (dar|pagar)\b|"
    r"\b(nos|me|le|les) (toca|tocan|corresponde) (algo|dinero)\b|\bdar(nos|me|les)? algo\b|"
    r"\b(me|nos|le) (paguen|pagan|den|dan) (algo|dinero)\b|"
    # "¿Su esposa qué puede reclamar?", "¿qué podemos pedir?".
    rf"{_WHAT_CLAIMED.pattern}|"
    rf"{_WHAT_ELSE.pattern} (me|nos|le) (toca|tocan|corresponde|deben)\b"
)
# Leaving because of the employer (Art. 51): "si me salgo por eso", "me quiero ir por su culpa".
LEAVE = re.compile(
    r"\b(irme|me voy|me iria|me quiero ir|me puedo ir|me voy a ir|por mi cuenta|me salgo|"
    r"irnos|nos vamos|nos salimos|salirnos|nos queremos ir|nos podemos ir|"
    r"(me puedo|me quiero) salir(?! a (comer|almorzar|desayunar|cenar))|"
    r"me saldria|salirme|me sali|(ya )?no quiero (regresar|volver)|no voy a (regresar|volver)|"
    r"dejar (el|mi|la) (trabajo|chamba|"
    r"empleo)|renunci\w*|(?<!\bme )(?<!\bnos )(?<!\ble )rescind\w*|separarme|"
    # "Ya no aguanto a mi jefa, me grita": a worker at the end of her tether, weighing leaving.
    r"ya no (?:aguanto|soporto)|ya me harte|ya me canse de)\b"
)
FAULT = re.compile(
    r"\b(por (eso|esto|su culpa|culpa)|culpa del patron|culpa de mi (patron|jefe)|rescind\w*|"
    r"rescision)\b"
)
# An illness or injury from outside work that leaves the worker unable to go on (Art. 54).
# A total permanent incapacity as told: "ya no voy a poder trabajar nunca".
_TOTAL = re.compile(
    r"\bya no (voy a )?(poder|puedo|podre) (volver a )?trabajar\b|\bno (voy a )?(poder|podre) "
    r"trabajar (nunca|jamas|mas)\b|\bincapacidad (permanente )?total\b|\binvalid\w*"
)
_CANNOT_GO_ON = re.compile(
    r"\bya no (puedo|podre|pude) (seguir|trabajar|hacer mi trabajo)|\binvalidez\b|"
    r"\bincapacidad (permanente|total)|\bse (termina|acaba) (la relacion|mi trabajo|el contrato)"
)
DEATH = re.compile(r"\b(falleci\w*|murio|muri[oó]|se nos fue|perdio la vida|muerte)\b")
_PENSION = re.compile(r"\bpensi[oó]n\b|\bviudez\b|\borfandad\b")
# The funeral's costs asked about: for a death that was no work risk, the IMSS's aid (Art. 104
# LSS) answers them.
_FUNERAL = re.compile(r"\b(funeral\w*|funerari\w*|entierro|sepelio|velorio)\b")
FUNERAL_AID_ARTICLE = "104 LSS"
# The one who died is the employer ("el señor falleció y los hijos cerraron", "murió el dueño"):
# the work ends (Art. 434-I), the worker's own family collects nothing.
_BOSS = (
    r"(?:el patron|la patrona|mi patron|mi patrona|el due[nñ]o|la due[nñ]a|el jefe|la jefa|"
    r"mi jefe|mi jefa|don \w+|do[nñ]a \w+|el se[nñ]or|la se[nñ]ora)"
)
EMPLOYER_DEATH = re.compile(
    rf"\b{_BOSS}\s+(?:ya\s+)?(?:se\s+)?(?:falleci\w*|murio|se nos fue|perdio la vida)\b|"
    rf"\b(?:falleci\w*|murio|muerte de|se murio)\s+{_BOSS}\b"
)


def faulted(folded: str) -> bool:
    """Whether the worker leaves for the employer's fault: said so ("por su culpa") or told
    (one of Art. 51's causes)."""
    return bool(FAULT.search(folded)) or cause_of(folded) is not None


def _seniority_pesos(days: Decimal, daily: Decimal, today: date, *, theirs: bool = False) -> str:
    """ "unos $36,000.00 con tu salario de $500.00 al día", with the cap or the floor when it
    applies; ``theirs``: said of a dead worker ("su salario", "ganaba")."""
    amount, base = seniority_pay(days, daily, today=today)
    earned = "ganaba" if theirs else "ganas"
    if base < daily:
        return (
            f", unos {pesos(amount)}: se calcula con el tope del doble del salario mínimo, "
            f"porque {earned} más"
        )
    if base > daily:
        return (
            f", unos {pesos(amount)}: se calcula con el salario mínimo ({pesos(base)} al día), "
            f"porque {earned} menos"
        )
    return f", unos {pesos(amount)} con {'su' if theirs else 'tu'} salario de {pesos(daily)} al día"


def seniority_fact(question: str, *, retrieved: Collection[str], today: date) -> str | None:
    """ "¿De cuánto es mi prima de antigüedad?" for the years (and salary) the question gives,
    when the job ended other than by resigning (that is ``rag.resignation``'s)."""
    folded = fold(question)
    if not _SENIORITY.search(folded) or not _OWED.search(folded):
        return None
    if SENIORITY_ARTICLE not in retrieved or asks_resignation_pay(question):
        return None
    if LEAVE.search(folded) and not faulted(folded) and not FIRED.search(folded):
        return None  # resigning: 15 years first (``rag.resignation``)
    years = years_served(question)
    if years is None:
        return None
    days = SENIORITY_DAYS_A_YEAR * years
    # A dead worker's family asks about the worker's prima, not their own.
    dead = DEATH.search(folded) is not None
    whose, of = ("Su", "sus") if dead else ("Tu", "tus")
    said = (
        f"{whose} prima de antigüedad es de {plain(days)} días de salario: "
        f"{SENIORITY_DAYS_A_YEAR} días por cada uno de {of} {years_said(years)} de trabajo "
        f"(Art. {SENIORITY_ARTICLE} LFT)"
    )
    daily = daily_pay(question)
    if daily is not None:
        said += _seniority_pesos(days, daily, today, theirs=dead)
    return f"{said}."


# A dismissal the employer calls justified ("me rescindieron por faltas", "dicen que fue con
# causa"): no indemnity unless it is not proven, but the prima and the finiquito all the same.
_JUSTIFIED = re.compile(
    r"\b(?:me|nos|lo|la|le) rescindi(?:eron|o)\b|"
    r"\bcon causa\b(?! justificada (?:del|de mi) patron)|(?<!in)\bjustificad[oa]\b"
)
_UNJUST = re.compile(r"\binjustificad|\bsin causa\b|\bsin motivo\b")


def _justified(folded: str) -> bool:
    return bool(_JUSTIFIED.search(folded) and FIRED.search(folded) and not _UNJUST.search(folded))


def justified_dismissal_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "Me rescindieron por faltas y dicen que no me toca nada, ¿me toca algo?": yes, the prima
    de antigüedad whatever the cause (Art. 162) and the finiquito; the indemnity only if the
    cause is not proven (Art. 48)."""
    folded = fold(question)
    if not _justified(folded):
        return None
    if not (_OWED.search(folded) or denies_right(folded)) or SENIORITY_ARTICLE not in retrieved:
        return None
    if asked is not None and asked != question:
        own = fold(asked)
        pay = _OWED.search(own) or SOMETHING_ASKED.search(own) or "me toca" in own
        if not (pay or denies_right(own)):
            return None  # the story told it; "¿a dónde voy, al federal?" asks something else
    years = years_served(question)
    prima = ""
    if years is not None:
        days = SENIORITY_DAYS_A_YEAR * years
        prima = f"; con {years_said(years)}, {plain(days)} días"
        daily = daily_pay(question)
        if daily is not None:
            prima += _seniority_pesos(days, daily, today)
    verdict = "Sí: a" if question_kind(question) == "yes_no" else "A"
    # (Art. 48 is not cited: the answer's passages need not hold it, and every citation must.)
    return (
        f"{verdict}unque el despido sea justificado, te toca tu prima de antigüedad, "
        f"{SENIORITY_DAYS_A_YEAR} días de salario por cada año trabajado (Art. {SENIORITY_ARTICLE} "
        f"LFT){prima}, y tu finiquito: {PARTS}. La indemnización de 3 meses solo te toca si tu "
        "patrón no prueba la causa del despido ante el Tribunal."
    )


# Art. 48: the wages from the dismissal to the judgment, for twelve months at most; past them,
# 2 % a month on fifteen months' wages.
BACK_PAY_ARTICLE = "48"
BACK_PAY_MONTHS = 12
INTEREST_MONTHS = 15
INTEREST_RATE = Decimal("0.02")
MONTH_DAYS = PERIOD_DAYS["mes"]  # a month of pay is 30 days (Art. 89)
_BACK_PAY = re.compile(
    r"\bsalarios? (caidos|vencidos)\b|"
    r"\b(?:mientras|lo que|lo q|el tiempo (?:que|q)) dure el juicio\b"
)
# "Me tienen que pagar todo el tiempo que dure el juicio, aunque sean 3 años": more than the law's
# twelve months claimed.
_ALL_THE_TIME = re.compile(
    r"\btodo (?:el tiempo|lo) (?:que|q) dure\b|\baunque sean\b|\baunq sean\b"
)


def back_pay_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """ "Si gano el juicio, ¿cuánto serían los salarios caídos?": twelve months at most, in pesos
    with the salary told, and the interest past them (Art. 48)."""
    folded = fold(question)
    if not _BACK_PAY.search(folded) or BACK_PAY_ARTICLE not in retrieved:
        return None
    kind = question_kind(question)
    if kind == "yes_no" and _ALL_THE_TIME.search(folded):
        return (
            "No: si el patrón no prueba en el juicio la causa del despido, te debe los salarios "
            f"caídos desde el despido, pero solo hasta por {BACK_PAY_MONTHS} meses (Art. "
            f"{BACK_PAY_ARTICLE} LFT); si el juicio dura más, se suman intereses del 2 % mensual "
            f"sobre {INTEREST_MONTHS} meses de salario, no el sueldo de todo ese tiempo."
        )
    if kind != "how_much":
        return None
    said = (
        "Si el patrón no prueba en el juicio la causa del despido, te debe los salarios caídos "
        f"desde el despido, hasta por {BACK_PAY_MONTHS} meses (Art. {BACK_PAY_ARTICLE} LFT)"
    )
    daily = daily_pay(question)
    if daily is None:
        return f"{said}; si el juicio dura más, se suman intereses del 2 % mensual."
    month = daily * MONTH_DAYS
    interest = month * INTEREST_MONTHS * INTEREST_RATE
    return (
        f"{said}: con tu salario de {pesos(daily)} al día, hasta unos "
        f"{pesos(month * BACK_PAY_MONTHS)} ({BACK_PAY_MONTHS} meses de {pesos(month)}). Si pasan "
        f"los {BACK_PAY_MONTHS} meses y el juicio no termina, se suman intereses del 2 % mensual "
        f"sobre {INTEREST_MONTHS} meses de salario: unos {pesos(interest)} por cada mes más."
    )


def asks_rescission_pay(question: str) -> bool:
    """ "Si me salgo por eso, ¿cuánto me tienen que pagar?"."""
    folded = fold(question)
    return bool(
        LEAVE.search(folded)
        and faulted(folded)
        and _OWED.search(folded)
        and not FIRED.search(folded)
        and question_kind(question) != "until_when"
    )


def rescission_fact(question: str, *, retrieved: Collection[str], today: date) -> str | None:
    """What leaving for the employer's fault is worth: Art. 50's indemnity (Art. 52) and the
    prima de antigüedad, in days for the years the question gives and in pesos for its salary."""
    if not asks_rescission_pay(question) or RESCISSION_ARTICLE not in retrieved:
        return None
    if INDEMNITY_ARTICLE not in retrieved:
        return None
    # What the law sets, after an opening that depends on whether the pesos lead.
    said = (
        f"(Art. {RESCISSION_ARTICLE} LFT) con 3 meses de salario y {INDEMNITY_DAYS_A_YEAR} días "
        "de salario por cada año trabajado "
        f"(Art. {INDEMNITY_ARTICLE} LFT)"
    )
    seniority = SENIORITY_ARTICLE in retrieved
    if seniority:
        said += (
            f", más la prima de antigüedad de {SENIORITY_DAYS_A_YEAR} días por año "
            f"(Art. {SENIORITY_ARTICLE} LFT)"
        )
    parts = {AGUINALDO_ARTICLE, VACATIONS_ARTICLE} <= set(retrieved)
    said += f", y tu finiquito: {PARTS}." if parts else ", y tu finiquito."
    years = years_served(question)
    if years is None:
        return f"{_OPENING} {said}"
    indemnity = INDEMNITY_DAYS + INDEMNITY_DAYS_A_YEAR * years
    prima = SENIORITY_DAYS_A_YEAR * years
    a_year = plain(INDEMNITY_DAYS_A_YEAR * years)
    said += (
        f" Con {years_said(years)}: {INDEMNITY_DAYS} + {a_year} = {plain(indemnity)} "
        "días de indemnización"
    )
    if seniority:
        said += f" y {plain(prima)} días de prima de antigüedad"
    daily = daily_pay(question)
    if daily is None:
        return f"{_OPENING} {said}."
    # With the pay known, the pesos lead ("¿cuánto nos toca?"), then how they are reckoned.
    money = f"unos {pesos(indemnity * daily)} de indemnización"
    if seniority:
        money += f" y {seniority_said(prima, daily, today=today)}"
    return (
        f"Si te vas por culpa de tu patrón, con {years_said(years)} y {pesos(daily)} al día te "
        f"debe {money}. La ley manda indemnizarte {said}."
    )


_OPENING = "Si te vas por culpa de tu patrón, te debe indemnizar"


# Asked after leaving: where to claim, not whether leaving was allowed.
_PROCEDURE = re.compile(r"\bconciliaci|\bcentro de conciliacion\b|\bdemandar directo")


def asks_leave_verdict(question: str) -> bool:
    """ "Ya van 3 semanas que no nos pagan, ¿me puedo ir y que me indemnicen?": whether leaving
    for a fault the question tells is allowed and paid (not how much, nor until when)."""
    folded = fold(question)
    if not LEAVE.search(folded) or cause_of(folded) is None or FIRED.search(folded):
        return False
    if _PROCEDURE.search(folded):
        return False  # "me salí; ¿tengo que ir primero a conciliación?" asks the way to claim
    return question_kind(question) not in ("how_much", "until_when") and not asks_rescission_pay(
        question
    )


def leave_verdict_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """Art. 51's cause the question tells, Art. 52's indemnity, Art. 517's month."""
    if not asks_leave_verdict(question) or not set(LEAVE_ARTICLES) <= set(retrieved):
        return None
    cause = cause_of(fold(question))
    assert cause is not None
    if asks_loss(question):
        opening = "No pierdes"
    elif question_kind(question) == "yes_no":
        opening = "Sí"
    else:
        opening = ""
    said = (
        f"{cause}, puedes dejar el trabajo por su culpa, sin responsabilidad para ti (Art. "
        f"{LEAVE_CAUSES_ARTICLE} LFT), y tu patrón debe indemnizarte (Art. {RESCISSION_ARTICLE} "
        f"LFT) con 3 meses de salario y {INDEMNITY_DAYS_A_YEAR} días de salario por cada año "
        f"trabajado (Art. {INDEMNITY_ARTICLE} LFT)"
    )
    if SENIORITY_ARTICLE in retrieved:
        said += f", más tu prima de antigüedad (Art. {SENIORITY_ARTICLE} LFT)"
    said += (
        f". Tienes 1 mes para irte, contado desde que supiste de la falta (Art. "
        f"{RESCISSION_TERM_ARTICLE} LFT)."
    )
    return f"{opening}: {said}" if opening else f"{said[0].upper()}{said[1:]}"


def illness_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """An illness not from work that leaves the worker unable to go on: Art. 54's month of pay
    and twelve days a year."""
    folded = fold(question)
    if not (NOT_FROM_WORK.search(folded) and _CANNOT_GO_ON.search(folded)):
        return None
    if not _OWED.search(folded) or ILLNESS_ARTICLE not in retrieved:
        return None
    said = (
        f"Si una enfermedad o un accidente que no vienen del trabajo te impiden seguir en tu "
        f"puesto, el patrón te debe 1 mes de salario y {SENIORITY_DAYS_A_YEAR} días de salario "
        f"por cada año trabajado, o si tú lo pides, darte otro puesto que sí puedas hacer "
        f"(Art. {ILLNESS_ARTICLE} LFT)"
    )
    years = years_served(question)
    if years is not None:
        total = ILLNESS_MONTH_DAYS + SENIORITY_DAYS_A_YEAR * years
        said += (
            f". Con {years_said(years)}: {ILLNESS_MONTH_DAYS} + "
            f"{plain(SENIORITY_DAYS_A_YEAR * years)} = {plain(total)} días de salario"
        )
        daily = daily_pay(question)
        if daily is not None:
            said += f", unos {pesos(total * daily)}"
    return f"{said}."


# A dismissal feared or made for the incapacity of a work risk: "¿y si me corren por estar
# incapacitado?" after "me caí del andamio".
_FOR_INCAPACITY = re.compile(
    r"\b(corr\w*|despid\w*|desped\w*|echar\w*|sacar\w*|dar de baja)\b[^.?!]{0,40}?\b"
    r"(incapacit\w*|por (el|mi|ese) accidente|por la (lesion|fractura|quemadura|incapacidad)|"
    r"por (estar|andar|seguir) (lastimad|enferm|accidentad|fracturad|incapacit|de incapacidad)\w*)"
)
RISK_SALARY_ARTICLE = "491"
RETURN_ARTICLE = "498"


def _risk_dismissal(question: str, asked: str | None = None) -> bool:
    folded = fold(question)
    at_work = WORK_RISK.search(folded) or WORK_PLACE.search(folded)
    return bool(
        _FOR_INCAPACITY.search(fold(asked or question))
        and at_work
        and not NOT_FROM_WORK.search(folded)
    )


def risk_dismissal_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """ "Me caí del andamio… ¿y si me corren por estar incapacitado?": an incapacity from a work
    risk is no cause for dismissal; one for it is unjustified (Art. 48), the salary runs while
    it lasts (Art. 491) and the job is kept for a year (Art. 498)."""
    if not _risk_dismissal(question, asked) or BACK_PAY_ARTICLE not in retrieved:
        return None
    said = (
        "No pueden correrte por estar incapacitado por un accidente o una enfermedad de trabajo: "
        "no es causa de despido, y si lo hacen es un despido injustificado; puedes pedir que te "
        f"reinstalen o que te indemnicen con 3 meses de salario (Art. {BACK_PAY_ARTICLE} LFT)"
    )
    if RISK_SALARY_ARTICLE in retrieved:
        said += (
            ". Mientras no puedas trabajar te toca tu salario completo (Art. "
            f"{RISK_SALARY_ARTICLE} LFT)"
        )
    if RETURN_ARTICLE in retrieved:
        said += (
            ", y cuando te recuperes el patrón debe regresarte a tu puesto si te presentas "
            f"dentro del año siguiente (Art. {RETURN_ARTICLE} LFT)"
        )
    return f"{said}."


def asks_permanent_indemnity(question: str) -> bool:
    """ "Me caí del andamio y ya no voy a poder trabajar nunca, ¿cuánto me tiene que pagar el
    patrón?": a work risk that leaves a total permanent incapacity, and what it is owed."""
    folded = fold(question)
    at_work = (WORK_RISK.search(folded) or WORK_PLACE.search(folded)) and not (
        NOT_FROM_WORK.search(folded) or (_NATURAL.search(folded) and not WORK_RISK.search(folded))
    )
    if not (at_work and _TOTAL.search(folded) and _OWED.search(folded)):
        return False
    if re.search(r"\bpension", folded):
        return False  # the IMSS pension is the rules' (Art. 58 LSS)
    return not NOT_FROM_WORK.search(folded) and not DEATH.search(folded)


def permanent_indemnity_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """Art. 495's 1,095 days (in pesos for the salary given), and the IMSS pension that replaces
    it for an insured worker (Art. 58 LSS) unless the question says there was no insurance."""
    if not asks_permanent_indemnity(question) or TOTAL_ARTICLE not in retrieved:
        return None
    said = (
        "Si un accidente o una enfermedad de trabajo te deja con incapacidad permanente total (ya "
        f"no puedes trabajar), te toca una indemnización de {TOTAL_DAYS:,} días de salario (Art. "
        f"{TOTAL_ARTICLE} LFT)"
    )
    daily = daily_pay(question)
    if daily is not None:
        said += f", unos {pesos(TOTAL_DAYS * daily)} con {pesos(daily)} al día"
    said += "."
    if PENSION_ARTICLE in retrieved and not UNINSURED.search(fold(question)):
        said += (
            " Si tu patrón te tenía inscrito en el IMSS, el IMSS te da una pensión mensual del "
            f"70 % del salario con que cotizabas (Art. {PENSION_ARTICLE.split()[0]} LSS)."
        )
    return said


# A death from illness, not from work: "murió de un infarto" in a story that names "la empresa".
_NATURAL = re.compile(
    r"\b(infarto|paro cardiaco|cancer|covid|diabetes|muerte natural|causas naturales|"
    r"derrame cerebral|embolia|enfermedad(?! (de|del|por el) trabajo)|enfermo)\b"
)


def death_fact(
    question: str, *, retrieved: Collection[str], today: date | None = None
) -> str | None:
    """What a dead worker's family collects: the prima de antigüedad whatever the years (Art.
    162), what was owed to the worker (Art. 115) and, for a death at work, Arts. 500 and 502;
    in pesos when the pay is told (with ``today``, the minimum wage's year)."""
    folded = fold(question)
    if not DEATH.search(folded) or not _OWED.search(folded) or EMPLOYER_DEATH.search(folded):
        return None
    if _PENSION.search(folded):  # the IMSS's pension for the widow or the children (LSS)
        return None
    if SENIORITY_ARTICLE not in retrieved or HEIRS_ARTICLE not in retrieved:
        return None
    years = years_served(question)
    prima = ""
    if years is not None:
        prima = f"; con {years_said(years)}, {plain(SENIORITY_DAYS_A_YEAR * years)} días"
    what_else = _WHAT_ELSE.search(folded) is not None
    # ("¿Su esposa q puede reclamar?" asks what, whatever "q" reads as.)
    yes = question_kind(question) == "yes_no" and not what_else and not _WHAT_CLAIMED.search(folded)
    owed = (
        f"un trabajador muere, sus beneficiarios (su familia) cobran su prima de antigüedad, "
        f"{SENIORITY_DAYS_A_YEAR} días de salario por cada año que trabajó, sin importar cuántos "
        f"años fueron (Art. {SENIORITY_ARTICLE} LFT){prima}, y lo que se le debía de salario, "
        f"aguinaldo y vacaciones, sin hacer juicio sucesorio (Art. {HEIRS_ARTICLE} LFT)."
    )
    heirs = f"{'Sí: cuando' if yes else 'Cuando'} {owed}"
    at_work = (WORK_RISK.search(folded) or WORK_PLACE.search(folded)) and not (
        NOT_FROM_WORK.search(folded) or (_NATURAL.search(folded) and not WORK_RISK.search(folded))
    )
    if not (at_work and {FUNERAL_ARTICLE, DEATH_ARTICLE} <= set(retrieved)):
        if not at_work and _FUNERAL.search(folded) and FUNERAL_AID_ARTICLE in retrieved:
            return (
                f"{'Sí: si' if yes else 'Si'} cotizaba en el IMSS (al menos 12 semanas en los 9 "
                "meses antes de morir), el IMSS da 2 meses de salario mínimo para el funeral a "
                "quien presente el acta de defunción y la cuenta de los gastos (Art. 104 LSS). "
                f"Además, cuando {owed}"
            )
        return heirs
    # A death at work: the indemnity leads; the prima and what was owed come on top.
    indemnity, funeral = _death_pesos(question, today)
    return (
        f"{'Sí: si' if yes else 'Si'} murió por un accidente o una enfermedad de trabajo, a su "
        f"familia (sus beneficiarios) le toca una indemnización de 5,000 días de salario (Art. "
        f"{DEATH_ARTICLE} LFT){indemnity} y 2 meses de salario para el funeral (Art. "
        f"{FUNERAL_ARTICLE} LFT){funeral}. Además cobran su prima de antigüedad, "
        f"{SENIORITY_DAYS_A_YEAR} días de salario por año (Art. {SENIORITY_ARTICLE} LFT){prima}, "
        f"y lo que se le debía (Art. {HEIRS_ARTICLE} LFT)."
    )


# Art. 502's indemnity for a death at work, in days of salary; Art. 500's funeral, two months.
DEATH_DAYS = 5000
FUNERAL_DAYS = 60


def _death_pesos(question: str, today: date | None) -> tuple[str, str]:
    """The indemnity and the funeral in pesos for the pay told (", unos $2,000,000.00 con…"),
    on the base of Arts. 485-486 (at least the minimum wage, at most twice it); empty without
    the pay."""
    daily = daily_pay(question)
    if daily is None or today is None:
        return "", ""
    base = seniority_base(daily, wage=minimum_wage(today), zone="general").daily
    bound = " (con el tope del doble del salario mínimo)" if base < daily else ""
    return (
        f", unos {pesos(DEATH_DAYS * base)} con su salario de {pesos(daily)} al día{bound},",
        f", unos {pesos(FUNERAL_DAYS * base)}",
    )


def needed_articles(question: str) -> tuple[str, ...]:
    """The articles a figure of this module would cite, to fetch by id when retrieval missed
    them."""
    folded = fold(question)
    if _risk_dismissal(question):
        return (BACK_PAY_ARTICLE, RISK_SALARY_ARTICLE, RETURN_ARTICLE)
    if asks_leave_verdict(question):
        return (*LEAVE_ARTICLES, SENIORITY_ARTICLE)
    if _justified(folded) and (_OWED.search(folded) or denies_right(folded)):
        return (SENIORITY_ARTICLE, *FINIQUITO)  # "me rescindieron… ¿me toca algo?"
    if not _OWED.search(folded):
        return ()
    if asks_permanent_indemnity(question):
        return (TOTAL_ARTICLE, PENSION_ARTICLE)
    if DEATH.search(folded):
        at_work = WORK_RISK.search(folded) or WORK_PLACE.search(folded)
        work = (FUNERAL_ARTICLE, DEATH_ARTICLE) if at_work else ()
        return (SENIORITY_ARTICLE, HEIRS_ARTICLE, *work)
    if asks_rescission_pay(question):
        return (RESCISSION_ARTICLE, INDEMNITY_ARTICLE, SENIORITY_ARTICLE, *FINIQUITO)
    if NOT_FROM_WORK.search(folded) and _CANNOT_GO_ON.search(folded):
        return (ILLNESS_ARTICLE,)
    if _SENIORITY.search(folded) and years_served(question) is not None:
        return (SENIORITY_ARTICLE,)
    return ()
