"""What a week's overtime pays, for a how-much question that gives the salary and the hours:
"gano 9000 a la quincena y doblo turno 3 veces por semana, ¿cuánto me deben pagar?" → 24 hours
of overtime a week, 9 paid double and 15 triple, in pesos. Pure; the arithmetic is
``calc.overtime`` (Arts. 66 and 68 and the DOF 01-05-2026 transitorios), never a model's, and the
articles are fetched by id (``needed_articles``) so each figure cites what was retrieved.

The hours are read as the worker says them: "24 horas extra a la semana", "2 horas extra diario
de lunes a sábado", "doblo turno 3 veces por semana" (a whole shift each time, 8 hours unless
the question gives its length). Hours without a week ("me deben 30 horas extra") are not
guessed into one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from calc.facts import pesos
from calc.overtime import DEFAULT_HOURS, TRIPLE_HOURS, double_hours, horas_extra, split_hours
from calc.text import fold
from calc.types import Job
from rag.amounts import spoken_value
from rag.lead import question_kind
from rag.pay import daily_pay, plain

ARTICLES = ("66", "68")
WEEK_DAYS = 6  # "diario" with no days named: Monday to Saturday, the usual week (Art. 69)

_NUMBER = r"(\d{1,2}(?:\.\d)?|una|uno|dos|tres|cuatro|cinco|seis|siete)"
_EXTRA = r"(?:horas?|hrs?)\s+(?:extras?|de mas|mas|de tiempo extra)"
_WEEK = r"(?:a la|por|cada|en la|la|esta|toda la) semana|semanal(?:es|mente)?|a la sem\b"
_DAILY = r"(?:diari[oa]s?|al dia|por dia|cada dia|todos los dias|diariamente)"
# "24 horas extra a la semana", "hago 12 hrs extras por semana".
_WEEKLY_HOURS = re.compile(rf"\b{_NUMBER}\s+{_EXTRA}\s+(?:{_WEEK})")
# "2 horas extra diario", "me quedo 3 horas mas al dia".
_DAILY_HOURS = re.compile(rf"\b{_NUMBER}\s+{_EXTRA}\s+{_DAILY}")
# "doblo turno 3 veces por semana", "doblo como 2 veces a la semana".
_DOUBLED = re.compile(
    rf"\bdobl\w*(?:\s+(?:el\s+)?turnos?)?\s+(?:como\s+|unas\s+|hasta\s+)?{_NUMBER}\s+"
    rf"(?:veces|dias)\s+(?:{_WEEK})"
)
# The length of a shift the question gives: "8 horas cada vez", "turno de 12 horas".
_SHIFT = re.compile(
    rf"\b{_NUMBER}\s+horas\s+(?:cada\s+(?:vez|turno|una)|c/u|por turno)|"
    rf"\bturnos?\s+de\s+{_NUMBER}\s+horas"
)
_DAYS = re.compile(
    r"\bde lunes a (?P<last>viernes|sabado|domingo)\b|"
    rf"\b{_NUMBER}\s+dias\s+(?:a la|por|de la|cada)\s+semana"
)
_LAST_DAY = {"viernes": 5, "sabado": 6, "domingo": 7}

# "esta semana me hicieron quedarme 6 horas extra": the week said first.
_WEEK_FIRST = re.compile(rf"\b(?:{_WEEK})\b[^.?!]{{0,40}}?\b{_NUMBER}\s+{_EXTRA}\b(?!\s+{_DAILY})")
# "2 horas extra el martes y 1 hora extra el jueves": one day each, summed; once one is told so,
# "y 2 el jueves" counts too (not "a las 7 el lunes").
_WEEKDAY = r"(?:el|este|el dia)\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b"
_ON_DAY = re.compile(rf"\b{_NUMBER}\s+{_EXTRA}\s+{_WEEKDAY}")
_ON_DAY_LOOSE = re.compile(
    rf"(?<!las )(?<!la )\b{_NUMBER}(?:\s+(?:horas?|hrs?)(?:\s+(?:extras?|de mas|mas))?)?\s+"
    rf"{_WEEKDAY}"
)
_ASKS_PAY = re.compile(r"\b(cuanto|cuanta|que tanto)\b")


def _value(raw: str) -> Decimal:
    spoken = spoken_value(raw)
    return Decimal(int(spoken)) if spoken is not None else Decimal(raw)


def _week_days(folded: str) -> tuple[Decimal, bool]:
    """Days worked a week the question gives, and whether it gave them (else 6)."""
    found = _DAYS.search(folded)
    if found is None:
        return Decimal(WEEK_DAYS), False
    if found.group("last"):
        return Decimal(_LAST_DAY[found.group("last")]), True
    days = _value(found.group(2))
    return (days, True) if 1 <= days <= 7 else (Decimal(WEEK_DAYS), False)


class WeekHours(NamedTuple):
    """A week's overtime as the question gives it: the hours, how they were said, and whether
    they are one week's only ("esta semana…"), paid once, rather than every week's."""

    hours: Decimal
    said: str
    once: bool = False


def weekly_overtime(question: str) -> WeekHours | None:
    """The overtime hours of one week the question gives, and how it gave them."""
    folded = fold(question)
    found = _WEEKLY_HOURS.search(folded)
    if found:
        hours = _value(found.group(1))
        return WeekHours(hours, f"Por {plain(hours)} horas extra a la semana")
    # One week's hours ("esta semana… 6 horas extra", "2 el martes y 1 el jueves"): paid once.
    days_told = list(_ON_DAY_LOOSE.finditer(folded)) if _ON_DAY.search(folded) else []
    if days_told:
        hours = sum((_value(d.group(1)) for d in days_told), Decimal(0))
        return WeekHours(hours, f"Por {plain(hours)} horas extra en esa semana", once=True)
    found = _WEEK_FIRST.search(folded)
    if found:
        hours = _value(found.group(1))
        return WeekHours(hours, f"Por {plain(hours)} horas extra en esa semana", once=True)
    found = _DAILY_HOURS.search(folded)
    if found:
        per_day = _value(found.group(1))
        days, given = _week_days(folded)
        hours = per_day * days
        assumed = "" if given else " (si trabajas de lunes a sábado)"
        unit = "hora" if per_day == 1 else "horas"
        return WeekHours(
            hours,
            f"Por {plain(per_day)} {unit} extra al día, {plain(days)} días a la semana{assumed}, "
            f"son {plain(hours)} horas extra a la semana, y",
        )
    found = _DOUBLED.search(folded)
    if found:
        times = _value(found.group(1))
        shift = _SHIFT.search(folded)
        length = _value(shift.group(1) or shift.group(2)) if shift else DEFAULT_HOURS
        hours = times * length
        veces = "vez" if times == 1 else "veces"
        assumed = "" if shift else " (un turno de 8 horas cada vez)"
        return WeekHours(
            hours,
            f"Si doblas turno {plain(times)} {veces} a la semana{assumed}, son {plain(hours)} "
            "horas extra a la semana, y",
        )
    return None


def asks_overtime_pay(question: str) -> bool:
    """ "¿Cuánto me deben?": the worker's own question (not the story or an earlier turn read
    along with it: "¿y si me niego me pueden correr?" after it asks no pesos)."""
    folded = fold(question)
    return question_kind(question) == "how_much" and bool(_ASKS_PAY.search(folded))


def needed_articles(question: str) -> tuple[str, ...]:
    if not asks_overtime_pay(question) or daily_pay(question) is None:
        return ()
    return ARTICLES if weekly_overtime(question) is not None else ()


def overtime_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """The pesos a week of the question's overtime pays at its salary (Arts. 66 and 68).
    ``asked``: the worker's own words, when ``question`` has the story before them."""
    if not asks_overtime_pay(asked or question) or not set(ARTICLES) <= set(retrieved):
        return None
    daily = daily_pay(question)
    week = weekly_overtime(question)
    if daily is None or week is None:
        return None
    hours, said, once = week
    if not 0 < hours <= 84:
        return None
    result = horas_extra(Job(daily_salary=daily), on=today, extra_hours=hours)
    hourly = daily / DEFAULT_HOURS
    total = result.total
    cap = double_hours(today)
    _, tripled = split_hours(hours, on=today)
    split = "se pagan al doble (Art. 66 LFT)"
    if tripled > 0:
        split = (
            f"las primeras {cap} al doble (Art. 66 LFT; {cap} es el tope de {today.year}) y las "
            f"otras {plain(tripled)} al triple (Art. 68 LFT)"
        )
    opening = said if said.endswith("y") else f"{said},"
    out = (
        f"{opening} te deben unos {pesos(total)} {'por ellas' if once else 'cada semana'}, "
        f"además de tu salario: "
        f"{split}, con tu hora a {pesos(hourly)} (tu salario diario entre 8 horas)."
    )
    if tripled > TRIPLE_HOURS:
        out += (
            f" Ojo: la ley no permite más de {cap + TRIPLE_HOURS} horas extra a la semana (Art. "
            "68 LFT); aun así, las que trabajaste se pagan."
        )
    return out
