"""What the IMSS pays while a worker cannot work: "¿cuánto me paga el IMSS si estoy
incapacitado?" answered for the cause the question gives, weighed against a percentage it
claims and the weeks it says were paid in.

Pure. A work accident or illness: 100 % of the salary registered (Art. 58 LSS). Another illness:
60 % from the fourth day (Arts. 96, 98 LSS), with four weeks paid in before (Art. 97 LSS).
Maternity: 100 % for 42 days before and 42 after the birth (Art. 101 LSS), with 30 weeks in the
last twelve months (Art. 102 LSS), else the employer pays (Art. 103 LSS). The articles are
fetched by id (``needed_articles``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from calc.facts import pesos
from calc.text import fold
from rag.amounts import figures
from rag.faults import NOT_FROM_WORK, UNINSURED, WORK_PLACE, WORK_RISK
from rag.lead import confirms_denial, denies_right, question_kind, term_asked
from rag.pay import daily_pay
from rag.thresholds import service

WORK_ARTICLES = ("58 LSS",)
# The way to and from work is work (Art. 42 LSS; Art. 474 LFT says the same).
COMMUTE_ARTICLE = "42 LSS"
ILLNESS = ("96 LSS", "97 LSS", "98 LSS")
MATERNITY = ("101 LSS", "102 LSS", "103 LSS")
ILLNESS_SHARE = Decimal("0.6")
UNPAID_DAYS = 3  # the subsidy starts on the fourth day (Art. 96 LSS)
ILLNESS_WEEKS = 4  # weeks paid in before the illness (Art. 97 LSS)

_INCAPACITY = re.compile(r"\bincapa[cs]i\w*|\bme incapa[cs]it\w*|\bsubsidio\b")
_PAY = re.compile(
    r"\b(cuanto|que porcentaje|pag\w*|sueldo|salario|cobr\w*|me toca|dinero|el \d+ ?%|\d+ ?%)"
)
_MATERNITY = re.compile(
    r"\b(e[nm]bara[zcs]\w*|maternidad|parto|dar a luz|(?:mi )?bebe (?:nace|va a nacer)|"
    r"nace mi bebe|nazca mi bebe)\b"
)
_OTHER = re.compile(
    r"\b(adopt\w*|permanente|invalidez|pension\w*|alarg\w*|prorrog\w*|complic\w*|"
    r"desde (que|cuando)|a partir de (que|cuando))\b"
)
# How much of the pay is asked ("¿me pagan mi sueldo completo?"): the maternity rule's 100 %.
_SHARE_ASKED = re.compile(r"\b(?:complet\w*|enter[oa]|integr[oa]|porcentaje|mitad)\b|\d+ ?%")
# Whether the leave is paid at all, asked of the worker's own pay.
_PAID_AT_ALL = re.compile(r"\b(?:me|le|nos) (?:va|van) a pagar\b|\bme (?:paga|pagan|pagaran?)\b")
# A doubt on the weeks paid in: "me dijeron que no me van a pagar", "tengo 5 meses cotizando".
_WEEKS_DOUBT = re.compile(
    r"\bno (me )?(va|van) a pagar|\bno tengo (las |suficientes )?semanas|\bsemanas suficientes|"
    r"\bquien (me )?(paga|va a pagar)|\bsin sueldo|"
    r"\b\d+ (meses|semanas) (cotizando|de cotizar|en (mi|el) trabajo|trabajando)"
)
# What the worker was told: "mi jefa dice q no me van a dar la incapacidad".
_LEAVE_DENIED = re.compile(
    r"\b(?:dice|dicen|dijo|dijeron) (?:que|q)\b.*\bno (?:me|le|nos) (?:va|van) a (?:dar|pagar)\b"
)
_DAYS_OFF = re.compile(
    r"\b(\d{1,3})\s+dias\s+de\s+incapa[cs]idad|\bincapa[cs]it\w*\s+(\d{1,3})\s+dias\b"
)
# "llevo 2 años en la empresa": where the worker works, not where the illness came from.
_SERVICE_BEFORE = re.compile(r"\b(llevo|llevamos|llevaba|a[nñ]os|meses|semanas)\b[^,.;]{0,12}$")
# Art. 102 LSS: 30 weeks paid in over the 12 months before the maternity leave.
MATERNITY_WEEKS = 30
_WEEKS_IN = re.compile(
    r"\b(\d{1,2})\s+semanas\s+(cotizadas|de cotizar|trabajando|en el (seguro|imss))"
)


# An accident on the way between home and work is a work accident (Art. 42 LSS, Art. 474 LFT).
_COMMUTE = re.compile(
    r"\b(?:de|desde) mi casa (?:al|a mi|a la) (?:trabajo|chamba|empresa|fabrica|planta)\b|"
    r"\b(?:camino|rumbo|de camino) (?:al|a mi|a la) (?:trabajo|chamba|empresa|fabrica|planta)\b|"
    r"\b(?:iba|venia|regresaba) (?:al|del|para el|de mi|a mi) (?:trabajo|chamba)\b|"
    r"\bsaliendo del (?:trabajo|turno)\b|\bde regreso a (?:mi )?casa\b"
)


def _cause(folded: str) -> str:
    if _MATERNITY.search(folded):
        return "maternity"
    if _COMMUTE.search(folded) and not NOT_FROM_WORK.search(folded):
        return "work"
    where = (
        m for m in WORK_PLACE.finditer(folded) if not _SERVICE_BEFORE.search(folded[: m.start()])
    )
    at_work = WORK_RISK.search(folded) or next(where, None)
    if at_work and not NOT_FROM_WORK.search(folded):
        return "work"
    return "illness"


# An injury at work told without the word "incapacidad": the IMSS named, or the days off work.
_IMSS_PAYS = re.compile(
    r"\b(imss|seguro(?: social)?) (?:me |le |nos )?(?:paga\w*|va a pagar|da|cubre)\b|"
    r"\b(?:paga\w*|da|dan|cubre) (?:algo )?el (?:imss|seguro)\b"
)
_DAYS_OFF_WORK = re.compile(
    r"\bdias (que|q) no (vaya|vaye|fui|he ido|trabaje|pueda|puedo)\b|\bmientras no (pueda|puedo)\b"
)


def _incapacity_told(folded: str) -> bool:
    """Whether the words tell a temporary incapacity: "incapacidad", or an injury at work with
    the IMSS or the days off work named ("me lastimé en la obra, ¿el imss me paga algo?")."""
    if _INCAPACITY.search(folded):
        return True
    if WORK_RISK.search(folded) is None or UNINSURED.search(folded):
        return False
    return _IMSS_PAYS.search(folded) is not None or _DAYS_OFF_WORK.search(folded) is not None


def _last_question(text: str) -> str:
    """The last question of a text that has the earlier turns before it."""
    asked = [part for part in text.split("?") if part.strip()]
    return f"{asked[-1].strip()}?" if len(asked) > 1 else text


def asks_subsidy(question: str, *, asked: str | None = None) -> bool:
    """How much a temporary incapacity pays ("¿cuánto me paga el IMSS?", "¿me los pagan?"); not
    since or until when (the rules' days), a permanent incapacity (a pension or an indemnity),
    a maternity leave made longer (Art. 170 LFT), or the amount of a maternity leave without a
    doubt on the weeks (its rule says it). "¿Me van a pagar la incapacidad de maternidad?" is
    answered with the 30 weeks it depends on; "¿me pagan mi sueldo completo?" by the rule."""
    folded = fold(question)
    # "Dice q no me van a dar la incapacidad x q no tengo semanas": a maternity leave's pay
    # doubted on its weeks asks the pay without saying it.
    doubted = _MATERNITY.search(folded) and _WEEKS_DOUBT.search(folded)
    if not (_incapacity_told(folded) and (_PAY.search(folded) or doubted)):
        return False
    if _OTHER.search(folded):
        return False
    # The kind is the worker's own question's: "¿y quién me paga esos días?" after "¿cuánto
    # tiempo me dan de incapacidad?" asks no time.
    # (The story's turns end with the worker's own question.)
    kind = question_kind(asked or _last_question(question))
    if kind == "until_when" or term_asked(asked or _last_question(question)):
        return False  # "ya las quiero cobrar, ¿todavía se puede?": the time to claim
    paid_at_all = (
        kind == "yes_no" and _PAID_AT_ALL.search(folded) and not _SHARE_ASKED.search(folded)
    )
    return not _MATERNITY.search(folded) or paid_at_all or bool(_WEEKS_DOUBT.search(folded))


# "¿Hasta cuándo me pagan la incapacidad?", "¿cuánto me dura el pago del seguro?".
_LASTS = re.compile(r"\b(pag\w*|dura\w*|subsidio|seguir|sigue|siguen|cobr\w*|sueldo|dinero)\b")
# "Me dicen que ahí se acaba el subsidio, ¿ya no me van a pagar nada?": its end asked about.
_ENDS = re.compile(
    r"\b(se (?:me )?(?:acaba|termina)\w*|ya no me (?:van a )?pag\w*|dejan? de pagar\w*|"
    r"me lo (?:quitan|van a quitar))\b"
)
ILLNESS_TERM = "96 LSS"
WORK_TERM = "58 LSS"


def asks_subsidy_term(question: str) -> bool:
    """Until when a temporary incapacity is paid ("¿hasta cuándo me siguen pagando la
    incapacidad?"); not a maternity leave (its days are the rules') nor a permanent one."""
    folded = fold(question)
    if _MATERNITY.search(folded):
        return False
    if question_kind(question) != "until_when" and not _ENDS.search(folded):
        return False
    if re.search(r"\b(permanente|invalidez|pension\w*)\b", folded):
        return False
    return bool(_INCAPACITY.search(folded) and _LASTS.search(folded))


def subsidy_term_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """How long the IMSS pays a temporary incapacity: 52 weeks for an illness not from work,
    26 more on its opinion (Art. 96 LSS); while it lasts, for a work risk, until the worker is
    declared fit or permanently incapacitated within 52 weeks (Art. 58 LSS). ``asked``: the
    worker's own question, which must ask until when ("¿y me pueden correr mientras?" after
    "¿hasta cuándo me pagan?" asks something else)."""
    if not asks_subsidy_term(question):
        return None
    if asked is not None and question_kind(asked) != "until_when" and not _ENDS.search(fold(asked)):
        return None
    if _cause(fold(question)) == "work":
        if WORK_TERM not in retrieved:
            return None
        return (
            "Por un riesgo de trabajo, el IMSS te paga el 100 % de tu salario de cotización "
            "mientras no puedas trabajar: hasta que te den de alta o te declaren una incapacidad "
            "permanente, lo que debe decidir dentro de las 52 semanas de atención médica (Art. 58 "
            "LSS)."
        )
    if ILLNESS_TERM not in retrieved:
        return None
    return (
        "Por una enfermedad que no es de trabajo, el IMSS te paga el subsidio desde el cuarto día "
        "de la incapacidad y hasta por 52 semanas; si al terminar sigues incapacitado, con un "
        "dictamen del IMSS se puede alargar hasta 26 semanas más (Art. 96 LSS)."
    )


# A work risk of a worker the employer never insured: the employer pays (Arts. 487, 491 LFT).
RISK_SALARY_ARTICLE = "491"
RISK_CARE_ARTICLE = "487"
_WHO_PAYS = re.compile(
    r"\bquien (?:me |nos )?(?:paga\w*|va a pagar|cubre|responde)\b|"
    r"\b(?:me|nos) (?:tienen|tiene) (?:que|q) pagar\b|"
    r"\bme (?:pagan|van a pagar) (?:los|esos) dias\b"
)


def _uninsured_risk(question: str, asked: str | None = None) -> bool:
    folded = fold(question)
    at_work = WORK_RISK.search(folded) or WORK_PLACE.search(folded)
    own = fold(asked or question)
    return bool(
        at_work
        and UNINSURED.search(folded)
        and not NOT_FROM_WORK.search(folded)
        and (_WHO_PAYS.search(own) or _DAYS_OFF_WORK.search(own))
    )


def uninsured_risk_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """ "Me caí del andamio y el patrón no me tenía en el IMSS, ¿quién me paga los días?": the
    employer, the whole salary from the first day (Art. 491 LFT) and the care (Art. 487 LFT)."""
    if not _uninsured_risk(question, asked) or RISK_SALARY_ARTICLE not in retrieved:
        return None
    said = (
        "Tu patrón: como no te tenía inscrito en el IMSS, a él le toca pagarte tu salario "
        "completo desde el primer día mientras no puedas trabajar por el accidente (Art. "
        f"{RISK_SALARY_ARTICLE} LFT)"
    )
    if RISK_CARE_ARTICLE in retrieved:
        said += (
            ", y también la atención médica, las medicinas y la rehabilitación (Art. "
            f"{RISK_CARE_ARTICLE} LFT)"
        )
    return f"{said}."


def needed_articles(question: str) -> tuple[str, ...]:
    if _uninsured_risk(question):
        return (RISK_SALARY_ARTICLE, RISK_CARE_ARTICLE)
    if asks_subsidy_term(question):
        return (WORK_TERM,) if _cause(fold(question)) == "work" else (ILLNESS_TERM,)
    if not asks_subsidy(question):
        return ()
    folded = fold(question)
    if _INFONAVIT.search(folded) and not _IMSS_PAYS.search(folded):
        return ()  # "…y dice que tampoco tiene que pagar lo del INFONAVIT": not the subsidy
    cause = _cause(folded)
    if cause == "work" and _COMMUTE.search(folded):
        return (*WORK_ARTICLES, COMMUTE_ARTICLE)
    return {"work": WORK_ARTICLES, "maternity": MATERNITY}.get(cause, ILLNESS)


def _claimed_share(question: str) -> Decimal | None:
    """The percentage the question claims ("me dicen que nomás me paga el 60 %")."""
    shares = [q for q in figures(question) if q.unit == "%"]
    return Decimal(str(shares[0].value)) if len(shares) == 1 else None


def _days_off(folded: str) -> int | None:
    """The days of incapacity the (folded) question gives ("10 días de incapacidad")."""
    found = _DAYS_OFF.search(folded)
    return int(found.group(1) or found.group(2)) if found else None


def _weeks_paid_in(question: str) -> float | None:
    """Weeks the question says were worked or paid in ("entré hace 2 semanas")."""
    found = _WEEKS_IN.search(fold(question))
    if found:
        return float(found.group(1))
    served = service(question)
    return served.value * 52 if served is not None else None


_INFONAVIT = re.compile(r"\binfonavit\b")
# How long the leave is: "¿cuántas semanas me tocan?", "¿cuántos días me dan?".
_HOW_LONG = re.compile(r"\bcuant[oa]s (semanas|dias|meses)\b|\bcuanto tiempo\b")
# Another right asked about after an incapacity told.
_OTHER_ASKED = re.compile(
    r"\b(lactancia|pecho|amamant\w*|aguinaldo|vacaciones|utilidades|ptu|doble|triple|festivo|"
    r"feriado|descanso obligatorio|corren|correr|despid\w*)\b|"
    # "el 25 de diciembre me toca trabajar": a day worked, not the incapacity's.
    r"\b\d{1,2} de [a-z]+ (?:me toca|me tocan|tengo que|tengo q|voy a) trabaj"
)
# The first days of an illness's incapacity, said to be paid by nobody.
_FIRST_DAYS_UNPAID = re.compile(r"\b(primeros|1ros|3 primeros|tres primeros) (3 |tres )?dias\b")
_NOBODY_PAYS = re.compile(
    r"\bno (me |te |se )?(los |las )?paga\w* nadie\b|\bnadie (me |te )?(los |las )?paga"
)


def subsidy_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """The IMSS subsidy for the question's cause, with its conditions weighed. ``asked``: the
    worker's own words when ``question`` has the story before them: "¿es legal eso?" after "el
    ingeniero no me va a pagar los días" judges the employer, it asks no subsidy."""
    if not asks_subsidy(question, asked=asked):
        return None
    own = fold(asked) if asked is not None and asked != question else None
    if own is not None and not (
        _PAY.search(own) or _IMSS_PAYS.search(own) or _WEEKS_DOUBT.search(own)
    ):
        return None
    folded = fold(question)
    if _INFONAVIT.search(folded) and not _IMSS_PAYS.search(fold(asked or question)):
        return None  # "…y dice que tampoco tiene que pagar lo del INFONAVIT": not the subsidy
    if _OTHER_ASKED.search(fold(asked or question)):
        return None  # "regresé de la incapacidad" told, "¿me toca lo de la lactancia?" asked
    cause = _cause(folded)
    needed = {"work": WORK_ARTICLES, "maternity": MATERNITY}.get(cause, ILLNESS)
    if not set(needed) <= set(retrieved):
        return None
    claimed = _claimed_share(question)
    if cause == "work":
        verdict = "No: " if claimed is not None and claimed != 100 else ""
        opening = "si" if verdict else "Si"
        said = (
            f"{verdict}{opening} un accidente o una enfermedad de trabajo te incapacita, el IMSS "
            "te paga el 100 % del salario con que cotizabas mientras no puedas trabajar (Art. 58 "
            "LSS)."
        )
        if _COMMUTE.search(folded) and COMMUTE_ARTICLE in retrieved:
            # "Choqué en la moto de camino a la chamba": the way to work is work.
            said = (
                "Un accidente de camino de tu casa al trabajo, o de regreso, cuenta como accidente "
                f"de trabajo (Art. {COMMUTE_ARTICLE}). {said[0].upper()}{said[1:]}"
            )
        off = _days_off(folded)
        daily = daily_pay(question)
        if off is not None and daily is not None:
            said += (
                f" Por {off} días de incapacidad, unos {pesos(daily * off)} si cotizabas con "
                f"{pesos(daily)} al día."
            )
        elif daily is not None:
            said += f" Si cotizabas con {pesos(daily)} al día, son {pesos(daily)} por cada día."
        return said
    if cause == "maternity":
        # Only weeks told as paid in: months on the job are not the IMSS's count.
        told = _WEEKS_IN.search(folded)
        weeks = float(told.group(1)) if told else None
        if weeks is not None and weeks < MATERNITY_WEEKS:
            # "Tengo 20 semanas cotizadas… me quedo sin sueldo": the employer pays it then.
            verdict = "No te quedas sin sueldo: " if denies_right(folded) else ""
            opening = "con" if verdict else "Con"
            return (
                f"{verdict}{opening} {round(weeks, 1):g} semanas cotizadas no llegas a las 30 "
                "semanas que pide el IMSS en los 12 meses antes de tu incapacidad por maternidad "
                "(Art. 102 LSS), así que tu patrón debe pagarte tu salario completo en ese "
                "descanso (Art. 103 LSS), 42 días antes y 42 días después del parto (Art. 101 LSS)."
            )
        # "Mi jefa dice q no me van a dar la incapacidad": the claim answered first (the
        # worker's own words only, when they follow the story: "¿cuántas semanas me tocan?").
        said = own if own is not None else folded
        if _HOW_LONG.search(said):
            # "¿Cuántas semanas me tocan?": the count first, then who pays it.
            return (
                "Te tocan 12 semanas de incapacidad por maternidad: 42 días antes y 42 días "
                "después del parto (Art. 101 LSS). Si tienes 30 semanas cotizadas en los 12 meses "
                "antes (Art. 102 LSS), el IMSS te paga el 100 % de tu último salario de "
                "cotización; si no, tu patrón debe pagarte tu salario completo en ese descanso "
                "(Art. 103 LSS)."
            )
        denied = denies_right(said) or _LEAVE_DENIED.search(said) is not None
        opening = "No te quedas sin sueldo: si" if denied else "Si"
        return (
            f"{opening} no tienes 30 semanas cotizadas en los 12 meses antes de tu incapacidad "
            "por maternidad, tu patrón debe pagarte tu salario completo en ese descanso (Art. 103 "
            "LSS). Con ellas (Art. 102 LSS), el IMSS te paga el 100 % de tu último salario de "
            "cotización, 42 días antes y 42 días después del parto (Art. 101 LSS)."
        )
    pays = (
        "el IMSS te paga el 60 % de tu último salario diario de cotización (Art. 98 LSS), desde el "
        "cuarto día de la incapacidad y hasta por 52 semanas (Art. 96 LSS)"
    )
    weeks = _weeks_paid_in(question)
    if weeks is not None and weeks < ILLNESS_WEEKS:
        return (
            f"No: con {round(weeks, 1):g} semanas de cotizar todavía no te toca el subsidio por "
            "enfermedad: necesitas al menos 4 semanas cotizadas justo antes de enfermarte (Art. 97 "
            f"LSS). Cuando las tengas, {pays}."
        )
    said = (
        f"Por una enfermedad que no es de trabajo, {pays}, si tienes al menos 4 semanas cotizadas "
        "justo antes de enfermarte (Art. 97 LSS)."
    )
    if claimed is not None and claimed != 60:
        said = f"No: {said[0].lower()}{said[1:]}"
    elif _FIRST_DAYS_UNPAID.search(folded) and confirms_denial(question, _NOBODY_PAYS):
        # "Dice que los primeros 3 días no me los paga nadie, ¿es cierto?": he is right.
        said = (
            f"Sí, {confirms_denial(question, _NOBODY_PAYS)}: por una enfermedad que no es de "
            f"trabajo, los 3 primeros días de la incapacidad no se pagan; {pays}."
        )
    off = _days_off(folded)
    daily = daily_pay(question)
    if off is not None:
        paid = max(0, off - UNPAID_DAYS)
        said += f" Por {off} días de incapacidad te pagan {paid} (los 3 primeros no se pagan)"
        if daily is not None and paid:
            amount = pesos(ILLNESS_SHARE * daily * paid)
            said += f": unos {amount} si cotizabas con {pesos(daily)} al día"
        said += "."
    return said
