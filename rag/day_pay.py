"""The pay for a day worked that the law pays extra, in pesos, at the salary the question (or the
case form) gives: a paid holiday (Art. 75) or the weekly rest day (Art. 73) is paid a double
salary on top of the day's own, and a Sunday a premium of at least 25 % (Art. 71).

Pure. "Mi descanso es el martes pero me hicieron ir, gano 400 diarios, ¿cuánto me tienen que
pagar?" → "$800.00 de más … $1,200.00 en total por ese día (Art. 73 LFT)". The articles are
fetched by id (``needed_articles``) so each figure cites what was retrieved.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from calc.dates import MONTHS
from calc.facts import pesos
from calc.text import fold
from rag.holidays import HOLIDAY_ARTICLE, PAY_ARTICLE, named_day_at, paid_holiday
from rag.lead import question_kind
from rag.pay import daily_pay

REST_ARTICLE = "73"
SUNDAY_ARTICLE = "71"
SUNDAY_PREMIUM = Decimal("0.25")

# "mi descanso es el martes", "en mi día libre", "el día que descanso".
_REST_DAY = re.compile(
    r"\b(?:mi|su|el|en mi|de mi) (?:dia de )?descanso\b|\bdia (?:de descanso|libre)\b|"
    r"\bdia que (?:descanso|me toca descansar)\b|\bdescanso semanal\b|"
    # "me hicieron trabajar mi domingo de descanso".
    r"\b(?:domingo|sabado|lunes|martes|miercoles|jueves|viernes)s? de descanso\b|"
    # "trabajo de lunes a sábado y descanso el domingo": the Sunday is the rest day.
    r"\bdescans(?:o|amos) (?:el |los )?domingos?\b|\bdomingos? (?:descanso|descansamos)\b|"
    # "descanso los martes" and "el martes pasado me hicieron ir": that weekday is the rest day.
    r"\bdescans(?:o|amos) (?:es |son )?(?:el |los )?"
    r"(lunes|martes|miercoles|jueves|viernes|sabado)s?\b(?=.*\bel \1\b)"
)
# (The Sunday premium asked of is a Sunday worked: "¿cuánto es la prima dominical?".)
_SUNDAY = re.compile(r"\bdomingos?\b|\bprima dominical\b")
# A rest day on a weekday: a Sunday named along with it is a Sunday worked, not the rest day.
_WEEKDAY_REST = re.compile(
    r"\bdescans\w* (?:es |son |cae )?(?:el |los |en )?(?:lunes|martes|miercoles|jueves|viernes|"
    r"sabado)s?\b|\bdescanso entre semana\b"
)
# Worked that day: "me hicieron ir", "me pusieron a trabajar", "trabajé", "me toca trabajar".
_WORKED = re.compile(
    r"\btrabaj\w*|\bme (?:hizo|hicieron|pusieron|puso|mandaron|mando|llamaron|llamo|citaron|"
    r"hablo|hablaron|pidio|pidieron)\b|"
    r"\bme (?:ponen|pone|ponian|tocan) (?:a trabajar |a chambear )?(?:todos )?(?:los|el|mi)\b|"
    r"\b(?:fui|fuera|vaya|vine|viniera|ir) a (?:trabajar|chambear|cubrir|doblar)\b|"
    r"\bchambe\w*|\bme toca (?:ir|cubrir)\b|\bcubr(?:i|ir|a|iera)\b|"
    # "¿Cuánto me deben del 16 de septiembre?": a day owed was a day worked.
    r"\b(?:me|nos) deben (?:del|por el)\b|\bprima dominical\b"
)
_ASKS_PAY = re.compile(r"\b(?:cuanto|pag\w*|doble|triple|extra|de mas|algo mas)\b")


_AGAIN = re.compile(r"\b(?:tambien|igual|lo mismo)\b")
# "¿Cuánto me pagan por ese día?": the day the story told.
_THAT_DAY = re.compile(
    r"\b(?:ese|este|aquel) (?:dia|domingo|festivo|descanso)\b|\bpor (?:ir|cubrir|trabajarlo)\b"
)


def names_day(text: str) -> bool:
    """Whether the text names a day the law pays extra: a holiday, a Sunday, the rest day."""
    return bool(_days_named(text))


def day_subject(question: str, asked: str, story: str) -> str:
    """The text whose day a pay figure is for: a question about "ese día" that names none is
    about the day the case's story told."""
    if not names_day(asked) and _THAT_DAY.search(fold(question)) and names_day(story):
        return f"{story}. {question}"
    return asked


def _asked(question: str) -> bool:
    return question_kind(question) == "how_much" or bool(_ASKS_PAY.search(fold(question)))


def _double(daily: Decimal, what: str, article: str) -> str:
    return (
        f"Por trabajar {what} te deben pagar {pesos(2 * daily)} de más (un salario doble), "
        f"además de los {pesos(daily)} de tu salario de ese día: {pesos(3 * daily)} en total "
        f"por ese día (Art. {article} LFT)."
    )


def _sunday(daily: Decimal, *, also: bool) -> str:
    lead = "Como es domingo, además te toca" if also else "Por trabajar en domingo te toca"
    return (
        f"{lead} una prima dominical de al menos {pesos(SUNDAY_PREMIUM * daily)} (el 25 % de tu "
        f"salario de {pesos(daily)} al día), aparte del pago de ese día (Art. {SUNDAY_ARTICLE} "
        "LFT)."
    )


def worked_day_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """The figure for a rest day, a paid holiday or a Sunday the question says was (or will be)
    worked, when it asks what is paid and gives the daily pay; None otherwise. "¿Me lo pagan
    doble?" is answered "Sí:" first."""
    if _rest_given_only(fold(question)):
        return None
    said = _figure(question, retrieved, asked) or _unpriced(question, retrieved, asked)
    if said is None or question_kind(asked or question) != "yes_no":
        return said
    return f"Sí: {said[0].lower()}{said[1:]}"


# The rest day told as given, not worked: "nomás me dan el domingo de descanso".
_REST_GIVEN = re.compile(
    r"\b(?:me|nos) (?:dan|da|dieron|daban|dejan|deja) (?:nomas |solo |nada mas |el |los |mi )*"
    r"(?:domingos?|sabados?|lunes|martes|miercoles|jueves|viernes|dia|un dia|medio dia)\b"
    r"(?: (?:de|para|pa) (?:descanso|descansar))?"
)
# The rest day told as worked: "me hicieron trabajar el domingo", "trabajé mi día de descanso".
_REST_WORKED = re.compile(
    r"\b(?:trabaj\w*|chambe\w*|ir a trabajar|fui|cubr\w*) (?:el |los |mi |en mi |ese |este )?"
    r"(?:domingos?|sabados?|dia de descanso|descanso|dia libre)\b"
)


def _rest_given_only(folded: str) -> bool:
    """Whether the rest day is told as given ("me dan el domingo de descanso") and nothing
    says it was worked."""
    return _REST_GIVEN.search(folded) is not None and _REST_WORKED.search(folded) is None


def _unpriced(question: str, retrieved: Collection[str], asked: str | None) -> str | None:
    """ "Me ponen a chambear mi día de descanso y me lo pagan como día normal, ¿cuánto me
    deberían pagar?" with no pay told: the triple, said in days' pay."""
    own = asked or question
    folded = fold(question)
    if daily_pay(question) is not None or question_kind(own) != "how_much":
        return None
    if not _WORKED.search(folded) or not _asked(own):
        return None
    named = _days_named(question)
    if not named or named[0] == "sunday":
        return None
    article = REST_ARTICLE if named[0] == "rest" else PAY_ARTICLE
    if article not in retrieved:
        return None
    day = "tu día de descanso" if named[0] == "rest" else "un día de descanso obligatorio"
    return (
        f"Por trabajar {day} te deben pagar tu salario de ese día y, además, un salario doble: "
        f"en total, el triple de lo que ganas en un día (Art. {article} LFT)."
    )


def _days_named(question: str) -> list[str]:
    """The kinds of day the question names ("holiday", "rest", "sunday"), the last named first:
    "el 25 de diciembre me toca trabajar… ¿y si trabajo el domingo?" asks about the Sunday."""
    folded = fold(question)
    at: dict[str, int] = {}
    holiday = named_day_at(question)
    if holiday is not None and paid_holiday(holiday[0]):
        at["holiday"] = holiday[1]
    for kind, pattern in (("rest", _REST_DAY), ("sunday", _SUNDAY)):
        found_at = [m.start() for m in pattern.finditer(folded)]
        if found_at:
            at[kind] = found_at[-1]
    return sorted(at, key=lambda kind: -at[kind])


def _asked_day(question: str, asked: str | None = None) -> str | None:
    """The day a pay question is about: the last named; a rest day named with a Sunday is one
    day ("mi descanso es el domingo"). None when the question names none, or asks no pay of a
    day worked at a salary it gives. ``asked``: the worker's own question when ``question`` has
    the case's story before it (a story that says "me pagan 1800 a la semana" asks nothing)."""
    folded = fold(question)
    # "¿Y el 1 de enero también?" asks again what the turn before asked, of another day.
    again = asked is not None and _AGAIN.search(fold(asked)) is not None and names_day(asked)
    own = question if again else (asked or question)
    if not _WORKED.search(folded) or not _asked(own) or daily_pay(question) is None:
        return None
    named = _days_named(question)
    if not named:
        return None
    # "Mi descanso es el martes… ¿me toca algo por los domingos?": the Sunday is not the rest.
    if named[0] == "sunday" and "rest" in named[:2] and not _WEEKDAY_REST.search(folded):
        return "rest"
    return named[0]


def _figure(question: str, retrieved: Collection[str], asked: str | None) -> str | None:
    last = _asked_day(question, asked)
    daily = daily_pay(question)
    if last is None or daily is None:
        return None
    if last == "holiday":
        found = named_day_at(question)
        if found is None or PAY_ARTICLE not in retrieved:
            return None
        month, day = found[0]
        said = _double(daily, f"el {day} de {MONTHS[month - 1]}", PAY_ARTICLE)
        if HOLIDAY_ARTICLE in retrieved:
            said += f" Es día de descanso obligatorio (Art. {HOLIDAY_ARTICLE} LFT)."
        return said
    sunday = _SUNDAY.search(fold(question)) is not None and SUNDAY_ARTICLE in retrieved
    if last == "rest":
        if REST_ARTICLE not in retrieved:
            return None
        said = _double(daily, "tu día de descanso", REST_ARTICLE)
        return f"{said} {_sunday(daily, also=True)}" if sunday else said
    return _sunday(daily, also=False) if sunday else None


def needed_articles(question: str) -> tuple[str, ...]:
    """The articles a figure of this module would cite, to fetch by id when retrieval missed
    them: the same day ``worked_day_fact`` reads."""
    last = _asked_day(question)
    if last == "holiday":
        return (PAY_ARTICLE,)
    if last == "rest":
        sunday = _SUNDAY.search(fold(question)) is not None
        return (REST_ARTICLE, SUNDAY_ARTICLE) if sunday else (REST_ARTICLE,)
    return (SUNDAY_ARTICLE,) if last == "sunday" else ()
