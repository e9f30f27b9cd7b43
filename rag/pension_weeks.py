"""The weeks of contributions an IMSS old-age pension needs this year, against the worker's own.

Pure. Arts. 154 (cesantía en edad avanzada, from 60) and 162 (vejez, from 65) of the Ley del
Seguro Social ask for a thousand weekly contributions; the fourth transitorio of the reform
published in the DOF on 16 December 2020 starts at 750 in 2021 and adds 25 a year until the
thousand of 2031. "Tengo 62 años y 800 semanas, ¿ya alcanzo?" is answered for this year.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from calc.text import fold
from rag.claims import claim_denies, claim_told
from rag.lead import question_kind

FULL_WEEKS = 1000
FIRST_YEAR, FIRST_WEEKS, YEARLY_STEP = 2021, 750, 25
ARTICLES = ("154 LSS", "162 LSS")
CESANTIA_AGE, VEJEZ_AGE = 60, 65
REFORM = "la reforma publicada en el DOF el 16 de diciembre de 2020 (transitorio cuarto)"

_PENSION = re.compile(r"\b(pension\w*|jubil\w*|retirarme|retiro|cesantia|vejez)\b")
_WEEKS = re.compile(r"\bsemanas\b")
# A figure of weeks, and what before it makes it the law's (a premise), not the worker's own:
# "sé que con 750 semanas ya alcanzo", "piden 1000 semanas".
_WEEKS_FIGURE = re.compile(r"\b(\d{1,2}[,.]\d{3}|\d{2,4})\s+semanas\b")
_NOT_OWN = re.compile(r"\b(con|piden?|necesit\w*|minimo|son|de|que)\s+(?:\w+\s+)?$")
# "Tengo 66 años", "ya cumplí 65" (no unit: an age), not "tengo 20 semanas" nor "30 años de
# trabajo".
_AGE = re.compile(
    r"\b(?:tengo|cumpli|cumplo|voy a cumplir)\s+(\d{2})\b(?:\s+(?:años|anos)\b(?!\s+de\b)|"
    r"(?!\s*(?:semanas|dias|meses|años|anos|horas|%|mil|pesos)))"
)


def weeks_required(year: int) -> int | None:
    """The weeks the transitorio asks for in ``year`` (None before the reform took effect)."""
    if year < FIRST_YEAR:
        return None
    return min(FULL_WEEKS, FIRST_WEEKS + YEARLY_STEP * (year - FIRST_YEAR))


# Pensions with weeks of their own (invalidez: Art. 122) or none (a work risk, a widow's).
_OTHER_PENSION = re.compile(
    r"\binvalid\w*|\bviud\w*|\borfandad\b|\bhuerfan\w*|\bincapacidad\b|\briesgo de trabajo\b|"
    r"\bascendiente|"
    # The AFORE's unemployment withdrawal (Arts. 191, 198 LSS) asks no pension's weeks.
    r"\bdesempleo\b|\bretiro parcial\b"
)


def asks_pension_weeks(question: str) -> bool:
    folded = fold(question)
    return bool(
        _PENSION.search(folded) and _WEEKS.search(folded) and not _OTHER_PENSION.search(folded)
    )


# Art. 122 LSS: an invalidity pension needs 250 weeks, or 150 with an invalidity of 75 % or more.
INVALIDITY_ARTICLE = "122 LSS"
INVALIDITY_WEEKS, INVALIDITY_SEVERE_WEEKS = 250, 150
_INVALIDITY = re.compile(r"\binvalidez\b")


def asks_invalidity_weeks(question: str) -> bool:
    """ "Tengo 200 semanas cotizadas, ¿me toca pensión de invalidez?": the weeks told."""
    folded = fold(question)
    return bool(
        _INVALIDITY.search(folded) and _PENSION.search(folded) and _own_weeks(folded) is not None
    )


def invalidity_weeks_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """The worker's weeks against the 250 (or 150) an invalidity pension needs (Art. 122 LSS)."""
    if not asks_invalidity_weeks(question) or INVALIDITY_ARTICLE not in retrieved:
        return None
    have = _own_weeks(fold(question))
    if have is None:
        return None
    need = (
        f"para la pensión de invalidez necesitas {INVALIDITY_WEEKS} semanas cotizadas, o "
        f"{INVALIDITY_SEVERE_WEEKS} si tu invalidez es de 75 % o más (Art. 122 LSS)"
    )
    if have < INVALIDITY_SEVERE_WEEKS:
        return f"No: {need}; con {have:,} semanas todavía no alcanzas."
    if have < INVALIDITY_WEEKS:
        return (
            f"Depende de tu grado de invalidez: {need}. Con {have:,} semanas alcanzas solo si "
            "el IMSS dictamina una invalidez de 75 % o más."
        )
    return f"Sí: {need}; con {have:,} semanas ya las juntas, si el IMSS dictamina tu invalidez."


# Art. 128 LSS: a widow's or orphan's pension, for a death that was no work risk, needs 150 weeks.
SURVIVOR_ARTICLE = "128 LSS"
SURVIVOR_WEEKS = 150
_SURVIVOR = re.compile(r"\bviudez\b|\borfandad\b|\bpension (?:de|por|para) (?:la )?viud")
_WORK_DEATH = re.compile(
    r"\b(?:accidente|riesgo) de trabajo\b|\ben (?:la|el) (?:obra|chamba|trabajo)\b"
)
# "Cotizó como 20 años", "trabajó 4 años con seguro": years paid in, counted as 52 weeks each.
_YEARS_IN = re.compile(
    r"\bcotiz\w* (?:como |unos |mas de |casi )?(\d{1,2}) (?:anos|años)\b|"
    r"\b(\d{1,2}) (?:anos|años) (?:cotizando|de cotizar|con seguro|en el seguro|en el imss)\b"
)


def _survivor_weeks(folded: str) -> tuple[int, str] | None:
    """The weeks the dead worker paid in, as told, and how to say them."""
    weeks = _own_weeks(folded)
    if weeks is not None:
        return weeks, f"{weeks:,} semanas"
    found = _YEARS_IN.search(folded)
    if found is None:
        return None
    years = int(found.group(1) or found.group(2))
    unit = "año" if years == 1 else "años"
    return years * 52, f"unos {years} {unit} cotizados (unas {years * 52:,} semanas)"


def asks_survivor_weeks(question: str) -> bool:
    """ "¿A mi mamá le toca pensión de viudez? Él cotizó como 20 años": the weeks told."""
    folded = fold(question)
    return bool(
        _SURVIVOR.search(folded)
        and not _WORK_DEATH.search(folded)
        and _survivor_weeks(folded) is not None
    )


def survivor_weeks_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """The dead worker's weeks against the 150 a widow's or orphan's pension needs (Art. 128
    LSS), when the death was no work risk."""
    if not asks_survivor_weeks(question) or SURVIVOR_ARTICLE not in retrieved:
        return None
    found = _survivor_weeks(fold(question))
    if found is None:
        return None
    weeks, said = found
    need = (
        f"para la pensión de viudez u orfandad, el asegurado debió tener al menos "
        f"{SURVIVOR_WEEKS} semanas cotizadas (Art. 128 LSS)"
    )
    if weeks >= SURVIVOR_WEEKS:
        return f"Sí: {need}; con {said} las tenía."
    return f"No: {need}; con {said} no las alcanzaba."


def needed_articles(question: str) -> tuple[str, ...]:
    """Art. 154 of the LSS, which the figure cites, for a question about a pension's weeks;
    Arts. 154 and 162 for one about the age to retire; Art. 122 for an invalidity's weeks, Art.
    128 for a widow's."""
    if asks_invalidity_weeks(question):
        return (INVALIDITY_ARTICLE,)
    if asks_survivor_weeks(question):
        return (SURVIVOR_ARTICLE,)
    if asks_pension_age(question):
        return ARTICLES
    return ARTICLES[:1] if asks_pension_weeks(question) else ()


# "¿Desde qué edad me puedo pensionar?", "ya me puedo jubilar a los 55": the age asked or told.
_ASKS_AGE = re.compile(
    r"\b(que edad|cual edad|cuantos años|cuantos anos|a los \d{2}|desde los \d{2}|"
    r"(?:ya )?me puedo (?:pensionar|jubilar|retirar))\b"
)
_AGE_SAID = re.compile(r"\b(?:a|desde|con) los (\d{2})\b")


def asks_pension_age(question: str) -> bool:
    """Whether the question asks at what age the IMSS pays an old-age pension (not invalidity,
    a widow's or a work risk's, nor its weeks: ``pension_weeks_fact`` answers those)."""
    folded = fold(question)
    return bool(
        _PENSION.search(folded)
        and _ASKS_AGE.search(folded)
        and not _WEEKS.search(folded)
        and not _OTHER_PENSION.search(folded)
    )


def pension_age_fact(question: str, *, retrieved: Collection[str], today: date) -> str | None:
    """ "¿Desde qué edad me puedo pensionar?": from 60 (cesantía, without paid work) or 65
    (vejez), with this year's weeks; "No: …" first when an age under 60 is told or claimed."""
    if not asks_pension_age(question) or not set(ARTICLES) <= set(retrieved):
        return None
    need = weeks_required(today.year)
    weeks = f" ({need:,} en {today.year})" if need is not None else ""
    said = (
        f"Por el IMSS puedes pensionarte desde los {CESANTIA_AGE} años por cesantía en edad "
        f"avanzada, si ya no tienes un trabajo pagado (Art. 154 LSS), o desde los {VEJEZ_AGE} "
        f"por vejez (Art. 162 LSS); en los dos casos necesitas también las semanas cotizadas que "
        f"pide la ley{weeks}."
    )
    folded = fold(question)
    ages = [int(m.group(1)) for m in (*_AGE_SAID.finditer(folded), *_AGE.finditer(folded))]
    if ages and min(ages) < CESANTIA_AGE:
        early = f"antes de los {CESANTIA_AGE} años el IMSS no da pensión por cesantía ni por vejez"
        return f"No: {early}. {said}"
    return said


# The year a worker will reach the age or retire: "cumplo 65 en 2027", "en 2028 me jubilo".
_RETIRING_YEAR = re.compile(
    r"\b(?:cumplo|cumpla|cumplire|me pensiono|me jubilo|me retiro|pensionarme|jubilarme|"
    r"retirarme)\b[^.?!]{0,20}?\ben (?P<year>20\d\d)\b|"
    r"\ben (?P<year2>20\d\d) (?:cumplo|me pensiono|me jubilo|me retiro)\b"
)


# The tag that asks whether what was told holds.
_CONFIRMED = re.compile(r"\b(es cierto|es verdad|verdad|asi es|es asi|tiene razon|neta)\b")


def pension_weeks_fact(question: str, *, retrieved: Collection[str], today: date) -> str | None:
    """ "No: en 2026 se necesitan 875 semanas…" when the question is about a pension's weeks and
    Art. 154 or 162 of the LSS was retrieved."""
    if not asks_pension_weeks(question):
        return None
    folded = fold(question)
    # Old age (65 and over, "vejez") is Art. 162's; the years before it, Art. 154's.
    age_told = _AGE.search(folded)
    old_age = re.search(r"\bvejez\b", folded) is not None or (
        age_told is not None and int(age_told.group(1)) >= VEJEZ_AGE
    )
    order = reversed(ARTICLES) if old_age else ARTICLES
    article = next((a for a in order if a in retrieved), None)
    # "Cumplo 65 en 2027": the weeks of the year the worker will retire in.
    later = _RETIRING_YEAR.search(folded)
    year = today.year
    told = int(later.group("year") or later.group("year2")) if later is not None else None
    if told is not None and today.year < told <= today.year + 40:
        year = told
    need = weeks_required(year)
    if article is None or need is None:
        return None
    verb = "necesitas" if year == today.year else "vas a necesitar"
    said = (
        f"en {year} {verb} {need:,} semanas cotizadas para pensionarte por cesantía en "
        f"edad avanzada (desde los {CESANTIA_AGE} años) o por vejez (desde los {VEJEZ_AGE}). La "
        f"ley pide mil (Art. {article}), pero {REFORM} empezó con {FIRST_WEEKS} semanas en "
        f"{FIRST_YEAR} y suma {YEARLY_STEP} cada año hasta llegar a mil en 2031"
    )
    have = _own_weeks(folded)
    age_found = _AGE.search(folded)
    age = int(age_found.group(1)) if age_found else None
    opening = f"{said[0].upper()}{said[1:]}."
    if have is None or question_kind(question) == "how_much":
        return opening
    # "Mi tío dice que sin 1000 semanas no me puedo pensionar, ¿es cierto?": the verdict judges
    # what he said, not whether the worker's weeks reach.
    claim = claim_told(question)
    judged = claim is not None and claim_denies(claim) and _CONFIRMED.search(folded) is not None
    short, enough = ("Sí, es cierto", "No") if judged else ("No", "Sí")
    if have < need:
        return (
            f"{short}: con {have:,} semanas todavía no alcanzas, te faltan {need - have:,}. "
            f"{opening}"
        )
    if age is not None and age < CESANTIA_AGE:
        return (
            f"Con {have:,} semanas ya las juntas, pero también necesitas tener {CESANTIA_AGE} "
            f"años o más. {opening}"
        )
    return f"{enough}: con {have:,} semanas ya las juntas. {opening}"


def _own_weeks(folded: str) -> int | None:
    """The first figure of weeks the worker says they have."""
    for found in _WEEKS_FIGURE.finditer(folded):
        if _NOT_OWN.search(folded[max(0, found.start() - 30) : found.start()]):
            continue
        return int(re.sub(r"[,.]", "", found.group(1)))
    return None
