"""What a week's overtime pays, for a how-much question that gives the salary and the hours:
"gano 9000 a la quincena y doblo turno 3 veces por semana, ¿cuánto me deben pagar?" → 24 hours
of overtime a week, 9 paid double and 15 triple, in pesos. Pure; the arithmetic is
``calc.overtime`` (Arts. 66 and 68 and the DOF 01-05-2026 transitorios), never a model's, and the
articles are fetched by id (``needed_articles``) so each figure cites what was retrieved.

The hours are read as the worker says them (``calc.overtime_said``, which the chat's case form
reads with too): "24 horas extra a la semana", "2 horas extra diario de lunes a sábado", "doblo
turno 3 veces por semana" (a whole shift each time, 8 hours unless the question gives its
length), one week's "esta semana me quedé 6 horas extra", paid once. Hours without a week ("me
deben 30 horas extra") are not guessed into one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from decimal import Decimal

from calc.facts import pesos, plain
from calc.overtime import (
    DEFAULT_HOURS,
    DOUBLE_HOURS,
    TRIPLE_HOURS,
    double_hours,
    horas_extra,
    split_hours,
    weekly_hours,
)
from calc.overtime_said import WeekHours, week_days, weekly_overtime
from calc.shifts import MAXIMUM_HOURS, Shift, hour_ranges, shift_kind
from calc.text import fold
from calc.types import Job
from calc.words import unpaid_overtime
from rag.lead import question_kind
from rag.pay import daily_pay, hourly_pay
from rag.thresholds import is_minor

ARTICLES = ("66", "68")
DAY_ARTICLE = "61"  # the law's day: 8 hours, 7 at night, 7.5 mixed
MINOR_ARTICLE = "178"
_ASKS_PAY = re.compile(r"\b(cuanto|cuanta|que tanto)\b")


def asks_overtime_pay(question: str) -> bool:
    """ "¿Cuánto me deben?": the worker's own question (not the story or an earlier turn read
    along with it: "¿y si me niego me pueden correr?" after it asks no pesos)."""
    folded = fold(question)
    return question_kind(question) == "how_much" and bool(_ASKS_PAY.search(folded))


def _one_shift(folded: str) -> Shift | None:
    """The one shift a (folded) text tells, the same hours said twice being one; else None."""
    shifts = {(s.start, s.minutes): s for s in hour_ranges(folded)}
    return next(iter(shifts.values())) if len(shifts) == 1 else None


def shift_overtime(question: str) -> WeekHours | None:
    """The overtime of a shift longer than the law's day ("de lunes a viernes, de 6:00 a
    18:00": 4 hours a day past a day shift's 8, 20 a week), when the days a week are told too."""
    folded = fold(question)
    shift = _one_shift(folded)
    if shift is None:
        return None
    kind = shift_kind(shift)
    past = Decimal(shift.minutes) / 60 - MAXIMUM_HOURS[kind]
    days, given = week_days(folded)
    if past <= 0 or past % Decimal("0.5") or not given:
        return None
    hours = past * days
    most = plain(MAXIMUM_HOURS[kind])
    return WeekHours(
        hours,
        f"Tu jornada de {shift.said} pasa {plain(past)} horas de las {most} de una jornada "
        f"{kind}: {plain(days)} días a la semana son {plain(hours)} horas extra a la semana, y",
    )


# Art. 68: the ordinary and extra hours together never past twelve a day.
DAY_CAP = 12
WEEK_ARTICLE = "59"
# Whether a schedule is allowed: "¿eso se puede?", "¿es legal?", "¿se vale?".
_ALLOWED = re.compile(
    r"\b(se puede|es legal|se vale|pueden|puede|permitido|esta bien|es normal|es justo)\b"
)


# "Turnos de 24 x 24", "trabajo 24 horas seguidas": a shift of a whole day (or more) told by
# its length.
_LONG_SHIFT = re.compile(
    r"\bturnos? de (?P<a>1[3-9]|2\d|3\d|4[0-8])(?: horas| hrs?)?(?: ?(?:x|por) ?\d{2})?\b|"
    r"\b(?P<b>1[3-9]|2\d|3\d|4[0-8]) ?(?:x|por) ?\d{2}\b|"
    r"\b(?P<c>1[3-9]|2\d|3\d|4[0-8]) (?:horas|hrs?) (?:seguidas|corridas|de corrido|derecho)\b"
)


def _long_day(question: str) -> tuple[Decimal, Decimal | None, str] | None:
    """The hours of the one shift the question tells, when past twelve a day, with the days a
    week when told, and the shift as said ("de 6:00 a 20:00", "en turnos de 24 horas")."""
    folded = fold(question)
    shift = _one_shift(folded)
    if shift is None:
        found = _LONG_SHIFT.search(folded)
        if found is None:
            return None
        hours = Decimal(found.group("a") or found.group("b") or found.group("c"))
        return hours, None, f"en turnos de {plain(hours)} horas"
    hours = Decimal(shift.minutes) / 60
    if hours <= DAY_CAP:
        return None
    days, given = week_days(folded)
    return hours, days if given else None, f"de {shift.said}"


def long_day_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "Nos hace trabajar de 6am a 8pm de lunes a sábado, ¿eso se puede?": no, a day's work
    with its overtime is never past 12 hours (Art. 68), and the week's hours against the year's
    maximum (Art. 59 and the DOF 01-05-2026 transitorios) when the days are told."""
    own = asked or question
    if question_kind(own) != "yes_no" or not _ALLOWED.search(fold(own)):
        return None
    found = _long_day(question)
    if found is None or ARTICLES[1] not in retrieved:
        return None
    hours, days, said = found
    out = (
        f"No: {said} son {plain(hours)} horas al día, y la ley no permite que tu jornada, "
        f"sumando las horas extra, pase de {DAY_CAP} horas al día (Art. {ARTICLES[1]} LFT)."
    )
    if days is not None and WEEK_ARTICLE in retrieved:
        cap = weekly_hours(today)
        out += (
            f" Además, {plain(days)} días así son {plain(hours * days)} horas a la semana, y en "
            f"{today.year} la jornada máxima es de {cap} horas a la semana (Art. {WEEK_ARTICLE} "
            "LFT); las horas de más se pagan como extra."
        )
    return out


def _long_week(question: str) -> WeekHours | None:
    """A shift told past the law's day on the days told ("6 días de 8 a 8"), asked whether
    it is allowed; None otherwise (or past twelve hours a day, ``long_day_fact``'s)."""
    if not _ALLOWED.search(fold(question)) or _long_day(question) is not None:
        return None
    return shift_overtime(question)


def long_week_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "Trabajo 6 días de 8 a 8, ¿es legal?": no, the law's day is 8 hours (7 at night, 7.5
    mixed; Art. 61) and the hours past it are overtime, paid double up to the year's cap and
    triple past it (Arts. 66, 68), within the week's limit of overtime."""
    own = fold(asked or question)
    if question_kind(asked or question) != "yes_no" or not _ALLOWED.search(own):
        return None
    if not {*ARTICLES, DAY_ARTICLE} <= set(retrieved):
        return None
    week = _long_week(question)
    shift = _one_shift(fold(question))
    if week is None or shift is None:
        return None
    kind = shift_kind(shift)
    most, worked = MAXIMUM_HOURS[kind], Decimal(shift.minutes) / 60
    past = worked - most
    days = week.hours / past
    cap = double_hours(today)
    unit = "hora" if past == 1 else "horas"
    said = (
        f"la jornada {kind} dura como máximo {plain(most)} horas al día (Art. {DAY_ARTICLE} LFT), "
        f"y la tuya de {shift.said} pasa {plain(past)} {unit}: {plain(days)} días a la semana son "
        f"{plain(week.hours)} horas extra. Se pagan aparte: las primeras {cap} al doble (Art. 66 "
        "LFT) y las demás al triple (Art. 68 LFT)."
    )
    if week.hours > cap + TRIPLE_HOURS:
        said += (
            f" Y la ley no permite más de {cap + TRIPLE_HOURS} horas extra a la semana (Art. 68 "
            "LFT)."
        )
    # ("¿Me deben horas extra o así es normal?" asks to choose: no yes or no before it.)
    choice = re.search(r"\bo (?:asi|es|esta|no)\b", own) is not None
    return f"{said[0].upper()}{said[1:]}" if choice else f"No: {said}"


def needed_articles(question: str) -> tuple[str, ...]:
    if _long_day(question) is not None and _ALLOWED.search(fold(question)):
        return (ARTICLES[1], WEEK_ARTICLE)
    if _long_week(question) is not None:
        return (*ARTICLES, DAY_ARTICLE)
    # Past the lowest cap of any year: fetched whatever today's cap is (the fact weighs that).
    if _over_cap(question, cap=min(DOUBLE_HOURS.values())) is not None:
        return ARTICLES
    if not asks_overtime_pay(question) or daily_pay(question) is None:
        return ()
    if weekly_overtime(question) is None and shift_overtime(question) is None:
        return ()
    return (*ARTICLES, MINOR_ARTICLE) if is_minor(question) else ARTICLES


# A question about the hours' pay: "¿cuánto?", "¿me las pagan dobles?".
_PAY_ASKED = re.compile(r"\b(pag\w*|cuanto|cuanta|dobles?|triples?|sencill\w*)\b")
# A claim that every hour is paid double: "todas se pagan dobles", "me las pagan al doble".
_SAID_DOUBLE = re.compile(r"\b(dobles?|al doble)\b")


def _over_cap(question: str, *, cap: int) -> tuple[Decimal, Decimal] | None:
    """A week's overtime told past ``cap``, the hours paid double (an adult's): the hours and
    those past the cap; None otherwise."""
    week = weekly_overtime(question)
    # "2 horas extra diario" with no days told is a week guessed (six days): no count to weigh.
    if week is None or week.guessed or is_minor(question) or not 0 < week.hours <= 84:
        return None
    return (week.hours, week.hours - cap) if week.hours > cap else None


def over_cap_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "Esta semana me quedé 12 horas extra y dicen que todas se pagan dobles, ¿es cierto?":
    the hours past the year's cap are paid triple (Arts. 66 and 68), with no salary needed. A
    how-much question that gives the salary gets the pesos (``overtime_fact``) instead."""
    if not set(ARTICLES) <= set(retrieved):
        return None
    if asks_overtime_pay(asked or question) and daily_pay(question) is not None:
        return None
    # "¿Y me pueden obligar a quedarme?" after the hours were told asks no pay.
    if asked is not None and weekly_overtime(asked) is None and not _PAY_ASKED.search(fold(asked)):
        return None
    cap = double_hours(today)
    found = _over_cap(question, cap=cap)
    if found is None:
        return None
    hours, tripled = found
    out = (
        f"de {plain(hours)} horas extra en una semana, solo las primeras {cap} se pagan al doble "
        f"(Art. 66 LFT; {cap} es el tope de {today.year}); las otras {plain(tripled)} se pagan al "
        "triple, con un 200 % más (Art. 68 LFT)."
    )
    if tripled > TRIPLE_HOURS:
        out += (
            f" Ojo: la ley no permite más de {cap + TRIPLE_HOURS} horas extra a la semana (Art. "
            "68 LFT); aun así, las que trabajaste se pagan."
        )
    if _SAID_DOUBLE.search(fold(asked or question)):
        return f"No: {out}"
    return f"{out[0].upper()}{out[1:]}"


# The worker's own question speaks of the hours ("¿cuánto me deben de horas extra?", "¿y esas
# horas?", "¿cuánto me tienen que pagar por la jornada?").
_HOURS_ASKED = re.compile(r"\b(horas?|hrs?|extras?|tiempo extra|de mas|jornada|turnos?|semana)\b")


def overtime_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """The pesos a week of the question's overtime pays at its salary (Arts. 66 and 68).
    ``asked``: the worker's own words, when ``question`` has the story before them."""
    if not asks_overtime_pay(asked or question) or not set(ARTICLES) <= set(retrieved):
        return None
    # "¿Cuánto me pagaría el IMSS?" after a schedule told: asked of something else.
    if asked is not None and asked != question and not _HOURS_ASKED.search(fold(asked)):
        return None
    daily = daily_pay(question)
    # "Me pagan 60 la hora": the hour's pay is told, not worked out from a day's.
    told_hourly = hourly_pay(question) if daily is None else None
    if told_hourly is not None:
        daily = told_hourly * DEFAULT_HOURS
    week = weekly_overtime(question) or shift_overtime(question)
    if daily is None or week is None:
        return None
    hours, said, once = week.hours, week.said, week.once
    how = " (tu salario diario entre 8 horas)" if told_hourly is None else ""
    if not 0 < hours <= 84:
        return None
    if is_minor(question):
        # A minor's overtime is forbidden, and paid at 200 % more all the same (Art. 178).
        if MINOR_ARTICLE not in retrieved:
            return None
        total = hours * daily / DEFAULT_HOURS * 3
        opening = said if said.endswith("y") else f"{said},"
        return (
            f"Como eres menor de 18, no debieron ponerte horas extra (Art. {MINOR_ARTICLE} LFT); "
            f"las que trabajaste se pagan con un 200 % más, al triple: {opening[0].lower()}"
            f"{opening[1:]} te deben unos {pesos(total)} {'por ellas' if once else 'cada semana'}, "
            f"con tu hora a {pesos(daily / DEFAULT_HOURS)}{how}."
        )
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
        f"{split}, con tu hora a {pesos(hourly)}{how}."
    )
    if tripled > TRIPLE_HOURS:
        out += (
            f" Ojo: la ley no permite más de {cap + TRIPLE_HOURS} horas extra a la semana (Art. "
            "68 LFT); aun así, las que trabajaste se pagan."
        )
    return out


# "¿A cuánto me deben pagar la hora extra?": the rate of one hour, not a week's total.
_RATE_ASKED = re.compile(
    r"\b(?:a cuanto|a como|cuanto (?:vale|es|sale|cuesta|me (?:dan|pagan) por)|cada hora|"
    r"la hora|por hora)\b"
)
_EXTRA_HOUR = re.compile(r"\bhoras? (?:extras?|de mas)\b|\btiempo extra\b")
# A shift this long (hours) sets the hour's pay; else the law's day shift of 8.
_SHIFT_HOURS = range(4, 13)


def hourly_overtime_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """What one hour of overtime pays at the question's salary (Arts. 66 and 68), when the rate
    is asked and no hours are given to total."""
    own = fold(asked or question)
    if question_kind(asked or question) != "how_much" or "66" not in retrieved:
        return None
    if not (_EXTRA_HOUR.search(own) and _RATE_ASKED.search(own)):
        return None
    folded = fold(question)
    daily = daily_pay(question)
    # Hours the worker's own words give are totalled by ``overtime_fact``; the case form's
    # ("tres días a la semana me quedo 2 horas más") leave the rate asked.
    if daily is None or weekly_overtime(asked or question) is not None:
        return None
    shifts = {(s.start, s.minutes) for s in hour_ranges(folded)}
    minutes = shifts.pop()[1] if len(shifts) == 1 else DEFAULT_HOURS * 60
    hours = minutes // 60 if minutes % 60 == 0 and minutes // 60 in _SHIFT_HOURS else DEFAULT_HOURS
    hourly = daily / hours
    out = (
        f"Cada hora extra se paga al doble (Art. 66 LFT): con {pesos(daily)} al día por una "
        f"jornada de {hours} horas, tu hora normal vale {pesos(hourly)}, así que cada hora extra "
        f"es de {pesos(2 * hourly)}."
    )
    if "68" in retrieved:
        out += (
            f" Las que pasen de {double_hours(today)} a la semana se pagan al triple, "
            f"{pesos(3 * hourly)} cada una (Art. 68 LFT)."
        )
    return out


# "¿Me las tienen que pagar?" of overtime told unpaid: yes; "¿es legal?", "¿se vale?": no.
_MUST_BE_PAID = re.compile(
    r"\b(tienen que|tiene que|tienen q|tiene q|deben|debe|obligad\w*|me toca|me tocan|nos tocan|"
    r"me corresponde|me las pagan|nos las pagan|se pagan|cobrarlas|reclamarlas|pagarmelas)\b"
)
# Asked of something else than the pay: being made to stay, refusing, being fired for it.
_OTHER_THAN_PAY = re.compile(
    r"\b(obligar\w*|niego|negarme|me corren|correr(me)?|despedir(me)?|renunci\w*|cuantas horas|"
    r"maximo|limite|todavia|aun|plazo|reclam\w*|prescri\w*|a tiempo|demand\w*)\b"
)


def unpaid_overtime_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "Me hacen quedarme 2 horas diario y no me las pagan, ¿es legal?": no, overtime is paid,
    double up to the year's cap and triple past it (Arts. 66 and 68)."""
    own = fold(asked or question)
    if question_kind(asked or question) != "yes_no" or not set(ARTICLES) <= set(retrieved):
        return None
    if not unpaid_overtime(fold(question)) or _OTHER_THAN_PAY.search(own):
        return None
    cap = double_hours(today)
    verdict = "Sí" if _MUST_BE_PAID.search(own) else "No"
    return (
        f"{verdict}: las horas extra se tienen que pagar: las primeras {cap} de la semana al "
        f"doble, con un 100 % más (Art. 66 LFT), y las que pasen de {cap}, al triple (Art. 68 "
        "LFT)."
    )
