"""Figures a question settles by itself: the vacation days for the years of service it states,
the minimum wage of the year, whether a day it names is a paid holiday, what a resignation or
a dismissal is owed. Pure; the figures come from ``calc`` (Art. 76's table and CONASAMI's dated
wages) and the law's own lists, never from a model, and no case form is read here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from calc.text import fold
from calc.vacations import vacation_days
from calc.wages import LAST_YEAR, minimum_wage
from rag.crew_vacations import AIR_CREW, SHIP_CREW, VACATIONS, crew_vacation_fact
from rag.day_pay import worked_day_fact
from rag.deduction import capped_share_fact, deduction_fact
from rag.holidays import HOLIDAY_ARTICLE, PAY_ARTICLE, holiday_fact
from rag.jurisdiction import jurisdiction_fact
from rag.lead import question_kind
from rag.liquidation import difference_fact, liquidation_fact
from rag.nursing import nursing_fact
from rag.overtime_pay import (
    hourly_overtime_fact,
    long_day_fact,
    long_week_fact,
    over_cap_fact,
    overtime_fact,
    unpaid_overtime_fact,
)
from rag.pay import VACATION_ARTICLE, aguinaldo_fact, left_vacation_fact, premium_fact
from rag.pension_weeks import (
    invalidity_weeks_fact,
    pension_age_fact,
    pension_weeks_fact,
    survivor_weeks_fact,
)
from rag.ptu_cap import ptu_cap_fact
from rag.pushed_out import pushed_out_fact
from rag.resignation import resignation_fact
from rag.severance import (
    back_pay_fact,
    death_fact,
    illness_fact,
    justified_dismissal_fact,
    leave_verdict_fact,
    permanent_indemnity_fact,
    rescission_fact,
    risk_dismissal_fact,
    seniority_fact,
)
from rag.shift import minor_night_fact, night_premium_fact, shift_fact
from rag.subsidy import subsidy_fact, subsidy_term_fact, uninsured_risk_fact
from rag.terms import aguinaldo_term_fact, term_fact
from rag.thresholds import service
from rag.unpaid import unpaid_fact
from rag.wage_floor import BORDER, below_minimum_fact, daily_salary_fact, platform_status_fact

# A minor's vacations follow Art. 179 (18 days at least), not the table.
_MINOR = re.compile(r"\bmenor de edad|\b(?:tengo|de|tiene) 1[2-7] a[nñ]os(?! (?:trabajando|en la))")
_PREMIUM = re.compile(r"\bprima\b")
_MINIMUM_WAGE = re.compile(
    r"\bsalario(?:s)? minimo|\bminimo (?:general|de la frontera)|"
    # "¿Cuánto es lo mínimo que me deben pagar al día?"
    r"\blo minimo (?:que|q) (?:me|nos|les|le|te) (?:deben|tienen (?:que|q)|pueden|debe|tiene "
    r"(?:que|q)) pagar"
)
_WHICH = re.compile(r"\b(?:cual|cuanto|de cuanto|a cuanto) (?:es|esta|son|queda)\b")


_GIVEN_DAYS = re.compile(
    r"\b(?:me dan|me dieron|me dio|me da|nos dan|me tocaron|solo|nomas|me siguen dando|"
    r"(?:me|se|nos) qued(?:o|a|amos|an) en|me dejan? en|(?:me|nos) tocan? (?:solo|nomas))"
    r"\s+(\d{1,2})\s+dias\b|"
    # The law's count claimed ("sé q x ley son 6 días") or the days given without the word
    # after a count in days ("son 6 días… y aquí me dan 8").
    r"\b(?:por|x) ley (?:son|es|me tocan|te tocan|tocan)\s+(\d{1,2})\s+dias\b|"
    r"\bdias\b[^.?!]{0,40}\b(?:me dan|nos dan|me dieron)\s+(\d{1,2})\b(?!\s*(?:anos|meses|semanas))"
)


# "Ya no suben después del 5to año, se quedan en 20 pa siempre": a cap the law does not set.
_CAPPED = re.compile(
    r"\b(?:ya no|no) (?:suben?|aumentan?|crecen?|incrementan?)\b|"
    r"\b(?:se|me) qued(?:an|a|o) en (?:20|veinte)\b|\b(?:pa|para) siempre\b|"
    r"\b(?:tope|maximo|limite) (?:es |son |de )*(?:20|veinte)\b"
)


def _given_days(folded: str) -> int | None:
    """The vacation days a yes/no question says were given ("me dieron 12 días")."""
    found = _GIVEN_DAYS.search(folded)
    if found is None:
        return None
    # The least of the days told: the claim the table most surely corrects.
    told = [int(n) for n in (found.group(1), found.group(2), found.group(3)) if n]
    later = _GIVEN_DAYS.search(folded, found.end())
    if later is not None:
        told += [int(n) for n in later.groups() if n]
    return min(told)


# Whether the vacations are owed now: "¿ya me las tienen que dar?", "¿me tocan vacaciones?".
_DUE_ASKED = re.compile(
    r"\b(?:me|nos) (?:las |los )?(?:tienen|tiene|deben|debe) (?:que |q )?dar\b|"
    r"\b(?:me|nos) tocan? (?:mis |las )?vaca\w*|\btengo derecho a (?:mis |las )?vaca\w*"
)
DUE_ARTICLE = "81"


def vacation_fact(question: str, *, due_retrieved: bool = False) -> str | None:
    """ "Al cumplir 3 años de trabajo te tocan 16 días…" for a how-many-days-of-vacation question
    that states the years of service; for "¿ya me las tienen que dar?" with a year served, yes
    with the days (and, when Art. 81 was retrieved, the six months to give them)."""
    folded = fold(question)
    if not VACATIONS.search(folded) or _PREMIUM.search(folded) or _MINOR.search(folded):
        return None
    if SHIP_CREW.search(folded) or AIR_CREW.search(folded):
        return None  # a crew's vacations are their chapter's (``rag.crew_vacations``)
    kind = question_kind(question)
    given = _given_days(folded) if kind == "yes_no" else None
    capped = kind == "yes_no" and _CAPPED.search(folded) is not None
    asked = [p for p in re.split(r"[.?!¿¡]+", folded) if p.strip()]
    due = kind == "yes_no" and bool(asked) and _DUE_ASKED.search(asked[-1]) is not None
    if kind != "how_much" and given is None and not capped and not due:
        return None
    served = service(question)
    if served is None and capped:
        # No years told: the cap claimed is what is answered.
        sixth, eleventh = vacation_days(6), vacation_days(11)
        return (
            f"No: después del quinto año tus vacaciones siguen subiendo, 2 días por cada 5 años: "
            f"de 6 a 10 años te tocan {sixth} días, de 11 a 15 años {eleventh}, y así (Art. "
            f"{VACATION_ARTICLE} LFT)."
        )
    if served is None or not 1 <= served.value <= 60:
        return None
    years = int(served.value)
    days = vacation_days(years)
    unit = "año" if years == 1 else "años"
    said = (
        f"al cumplir {years} {unit} de trabajo te tocan {days} días laborables de vacaciones "
        f"pagadas (Art. {VACATION_ARTICLE} LFT)"
    )
    if given is None and due and kind == "yes_no":
        when = (
            f"; te las deben dar dentro de los 6 meses siguientes a que cumples cada año (Art. "
            f"{DUE_ARTICLE} LFT)"
            if due_retrieved
            else ""
        )
        return f"Sí: {said}{when}."
    if given is None:
        return f"{said[0].upper()}{said[1:]}."
    # "Llevo 3 años y me dan 12 días, ¿es legal?": the table against the days given.
    if given < days:
        return f"No: {said}, no {given:g}."
    return f"Sí: {said}; {given:g} días están dentro de la ley."


_EARNS_MINIMUM = re.compile(
    r"\b(?:gano|ganamos|ganaba|me pagan|nos pagan|me pagaban|cobro) (?:el|lo) (?:salario )?minimo\b"
)
_MINIMUM_ASKED = re.compile(
    r"\b(?:cuanto|cuanta|de cuanto) (?:es|esta|sale|queda|seria)\b[^.?!]{0,15}\bminimo\b"
)


def minimum_wage_fact(question: str, *, today: date) -> str | None:
    """The minimum wages in force today (general and border zone), with their source."""
    folded = fold(question)
    if not _MINIMUM_WAGE.search(folded):
        return None
    if question_kind(question) != "how_much" and not _WHICH.search(folded):
        return None
    # "Gano el salario mínimo, ¿cuánto es lo máximo que me pueden descontar?": the minimum is
    # the worker's pay, not what is asked.
    if _EARNS_MINIMUM.search(folded) and not _MINIMUM_ASKED.search(folded):
        return None
    wage = minimum_wage(today)
    stale = "" if today.year <= LAST_YEAR else f"; es el último que tengo, de {wage.year}"
    if BORDER.search(folded):
        # "Soy lavaplatos en Tijuana, ¿cuánto es lo mínimo?": the border zone's first.
        return (
            f"En la Zona Libre de la Frontera Norte el salario mínimo en {wage.year} es de "
            f"${wage.frontera} al día; en el resto del país es de ${wage.general} al día "
            f"({wage.source}{stale})."
        )
    return (
        f"En {wage.year} el salario mínimo general es de ${wage.general} al día, y en la Zona "
        f"Libre de la Frontera Norte de ${wage.frontera} al día ({wage.source}{stale})."
    )


def _earlier_count(question: str, asked: str | None) -> bool:
    """Whether a how-much question is an earlier turn read along with the worker's own yes/no
    question."""
    if asked is None or asked == question or question_kind(asked) != "yes_no":
        return False
    return question_kind(question) == "how_much"


def question_facts(
    question: str, *, today: date, retrieved: Collection[str], asked: str | None = None
) -> tuple[str, ...]:
    """The figures the question settles by itself; a vacation figure only when Art. 76 (the table
    it comes from) was retrieved, so its citation is grounded. ``asked``: the worker's own words
    when ``question`` has the case's story before them."""
    # "Saco 240 al día, ¿así me pueden pagar?": the pay against the minimum says it, not the
    # minimum alone.
    below = below_minimum_fact(question, retrieved=retrieved, today=today, asked=asked)
    facts = [below or minimum_wage_fact(question, today=today)]
    facts.append(daily_salary_fact(question, retrieved=retrieved, asked=asked))
    facts.append(platform_status_fact(question, retrieved=retrieved, today=today, asked=asked))
    # "¿Cuántos días me tocan?" then "¿y me las pueden pagar en vez de dármelas?": the count
    # answered the earlier turn; this yes/no question is the worker's own.
    counts = not _earlier_count(question, asked)
    # "Entré el 1 de junio y renuncié el 1 de diciembre": the first year's days in proportion.
    left = left_vacation_fact(question, retrieved=retrieved, today=today) if counts else None
    facts.append(left)
    if VACATION_ARTICLE in retrieved and counts and left is None:
        facts.append(vacation_fact(question, due_retrieved=DUE_ARTICLE in retrieved))
    facts.append(crew_vacation_fact(question, retrieved=retrieved))
    if counts:
        facts.append(premium_fact(question, retrieved=retrieved))
        facts.append(aguinaldo_fact(question, retrieved=retrieved, today=today))
    difference = difference_fact(question, retrieved=retrieved)
    facts.append(difference)
    if difference is None:
        facts.append(resignation_fact(question, retrieved=retrieved, today=today))
    seniority = seniority_fact(question, retrieved=retrieved, today=today) if counts else None
    # "¿Cuánto serían los salarios caídos?" asks the back pay, not the whole liquidación.
    back_pay = back_pay_fact(question, retrieved=retrieved) if counts else None
    facts.append(back_pay)
    # "Me corrieron, ¿cuánto me toca de prima de antigüedad?" asks the prima, not the whole
    # liquidación (which would state the same days a second time).
    # "Me rescindieron por faltas, ¿me toca algo?": the prima and the finiquito, no indemnity.
    justified = justified_dismissal_fact(question, retrieved=retrieved, today=today, asked=asked)
    facts.append(justified)
    if seniority is None and back_pay is None and justified is None and counts:
        facts.append(liquidation_fact(question, retrieved=retrieved, today=today, asked=asked))
    facts.append(seniority)
    facts.append(rescission_fact(question, retrieved=retrieved, today=today))
    term = aguinaldo_term_fact(
        question, retrieved=retrieved, today=today, asked=asked
    ) or term_fact(question, retrieved=retrieved, asked=asked)
    # "¿Todavía alcanzo?" after "¿me puedo ir y que me paguen?" asks the term, not the verdict.
    facts.append(None if term else leave_verdict_fact(question, retrieved=retrieved))
    facts.append(illness_fact(question, retrieved=retrieved))
    facts.append(risk_dismissal_fact(question, retrieved=retrieved, asked=asked))
    facts.append(death_fact(question, retrieved=retrieved, today=today))
    facts.append(permanent_indemnity_fact(question, retrieved=retrieved))
    facts.append(term)
    # "¿A cuánto la hora extra?" asks the rate, not what the shift is.
    rate = hourly_overtime_fact(question, retrieved=retrieved, today=today, asked=asked)
    # "¿Y si me quedo 2 horas extra, cuánto me pagan?" with the schedule in the form: the
    # pesos answer it, not what the shift is.
    overtime = overtime_fact(question, retrieved=retrieved, today=today, asked=asked)
    # "Trabajo 6 días de 8 a 8, ¿es legal?": the week's verdict, not what the shift is.
    week = long_week_fact(question, retrieved=retrieved, today=today, asked=asked)
    facts.append(
        rate
        or (None if overtime or week else shift_fact(question, retrieved=retrieved, asked=asked))
    )
    facts.append(minor_night_fact(question, retrieved=retrieved))
    facts.append(night_premium_fact(question, retrieved=retrieved))
    facts.append(nursing_fact(question, retrieved=retrieved, today=today))
    facts.append(jurisdiction_fact(question, retrieved=retrieved))
    facts.append(overtime)
    capped = over_cap_fact(question, retrieved=retrieved, today=today, asked=asked)
    facts.append(capped)
    if overtime is None and capped is None:
        facts.append(unpaid_overtime_fact(question, retrieved=retrieved, today=today, asked=asked))
    facts.append(long_day_fact(question, retrieved=retrieved, today=today, asked=asked))
    facts.append(week)
    facts.append(unpaid_fact(question, retrieved=retrieved, asked=asked))
    if counts:
        facts.append(subsidy_fact(question, retrieved=retrieved, asked=asked))
    facts.append(subsidy_term_fact(question, retrieved=retrieved, asked=asked))
    facts.append(uninsured_risk_fact(question, retrieved=retrieved, asked=asked))
    facts.append(pension_weeks_fact(question, retrieved=retrieved, today=today))
    facts.append(pension_age_fact(question, retrieved=retrieved, today=today))
    facts.append(invalidity_weeks_fact(question, retrieved=retrieved))
    facts.append(survivor_weeks_fact(question, retrieved=retrieved))
    facts.append(ptu_cap_fact(question, retrieved=retrieved))
    facts.append(deduction_fact(question, retrieved=retrieved, today=today, asked=asked))
    facts.append(capped_share_fact(question, retrieved=retrieved, asked=asked))
    # The pesos for a holiday worked name the holiday: its own line would say it twice.
    worked = worked_day_fact(question, retrieved=retrieved, asked=asked)
    if HOLIDAY_ARTICLE in retrieved and worked is None:
        facts.append(
            holiday_fact(question, today=today, pay_retrieved=PAY_ARTICLE in retrieved, asked=asked)
        )
    facts.append(worked)
    if not any(facts):  # a dismissal told without its word, when nothing more precise was asked
        facts.append(pushed_out_fact(question, retrieved=retrieved, asked=asked))
    return tuple(f for f in facts if f)
