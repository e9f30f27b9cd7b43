"""A week's overtime hours as workers tell them: "24 horas extra a la semana", "2 horas extra
diario de lunes a sábado", "doblo turno 3 veces por semana", "esta semana me quedé 6 horas
extra", "2 horas extra el martes y 1 el jueves". Pure; read by the answers (``rag.overtime_pay``)
and by the chat's case form (``bot.facts``), so both hear the same hours.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from calc.facts import plain
from calc.shifts import hour_ranges
from calc.text import fold

DEFAULT_SHIFT_HOURS = 8  # a doubled shift with no length told: a day's shift
_SPOKEN = {"una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7}


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


# "El martes pasado me quedé 3 horas extra", "ayer me hicieron quedarme 2 horas más": one day.
_DAY_FIRST = re.compile(
    rf"(?:\b{_WEEKDAY}(?:\s+pasado)?|\b(?:ayer|antier|anoche|hoy))\b[^.?!]{{0,40}}?\b{_NUMBER}\s+"
    rf"{_EXTRA}\b(?!\s+{_DAILY})"
)


# The same, one weekday after another: "el lunes me quedé 2 horas extra y el jueves 1".
_EACH_DAY_FIRST = re.compile(
    r"\b(?:el|este|el dia)\s+(?P<day>lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b"
    rf"[^.?!]{{0,40}}?\b{_NUMBER}\s+{_EXTRA}\b(?!\s+{_DAILY})"
)


# "¿Y si me quedo 2 horas extra, cuánto me pagan?": one time, asked before it happens.
_IF_ONCE = re.compile(
    rf"\bsi (?:me )?(?:quedo|quedara|quedaria|trabajo|trabajara|trabajaria|hago|hiciera)\s+"
    rf"(?:unas?\s+)?{_NUMBER}\s+{_EXTRA}\b(?!\s+{_DAILY})(?![^.?!]{{0,30}}\b(?:diario|al dia|"
    r"cada dia|a la semana|por semana|los (?:lunes|martes|miercoles|jueves|viernes|sabados|"
    r"domingos)))"
)


# "Los sábados me dejan 3 horas extra": one day each week, so that many hours a week.
_WEEKDAYS_PLURAL = r"los (?:lunes|martes|miercoles|jueves|viernes|sabados|domingos)\b"
_EVERY_WEEKDAY = re.compile(
    rf"\b{_WEEKDAYS_PLURAL}[^.?!]{{0,40}}?\b{_NUMBER}\s+{_EXTRA}\b(?!\s+{_DAILY})|"
    rf"\b{_NUMBER}\s+{_EXTRA}\s+(?:todos\s+)?{_WEEKDAYS_PLURAL}"
)


# "Tres días a la semana me quedo 2 horas más", "me quedo 2 horas extra 3 días por semana":
# that many hours on that many days, every week.
_DAYS_PER_WEEK = r"(?:dias|veces)\s+(?:a la|por|cada|de la)\s+semana"
_SOME_DAYS = re.compile(
    rf"\b{_NUMBER}\s+{_DAYS_PER_WEEK}\b[^.?!]{{0,30}}?\b{_NUMBER}\s+{_EXTRA}\b(?!\s+{_DAILY})|"
    rf"\b{_NUMBER}\s+{_EXTRA}\s+(?:como\s+|unos\s+)?{_NUMBER}\s+{_DAYS_PER_WEEK}\b"
)
# "Martes y jueves me quedo hasta las 18" after "de 7 a 15": past the shift's end on the days
# named, every week.
_DAY_NAMES = r"(?:lunes|martes|miercoles|jueves|viernes|sabados?|domingos?)"
_STAY_UNTIL = re.compile(
    rf"\b(?P<days>{_DAY_NAMES}(?:\s*(?:,|y)\s*(?:los\s+)?{_DAY_NAMES})*)\s+(?:me\s+)?"
    r"(?:quedo|quedamos|salgo|salimos|me hacen quedar|me tienen)\s+hasta\s+las\s+"
    r"(?P<until>\d{1,2})\b"
)
# "Entro 7 salgo 3 pero me quedo hasta las 5": past the shift's end every working day.
_STAY_UNTIL_DAILY = re.compile(
    r"\b(?:me\s+)?(?:quedo|quedamos|me hacen quedar|me tienen|salgo|salimos)\s+"
    r"(?:(?:diario|todos los dias|siempre|casi siempre)\s+)?hasta\s+las\s+(?P<until>\d{1,2})\b"
)
# "Me hacen quedarme 2 horas diario después de mi turno": hours past the shift every day.
_STAY_DAILY = re.compile(
    rf"\bqued\w*\s+(?:como\s+|unas?\s+)?{_NUMBER}\s+(?:horas?|hrs?)\s+(?:mas\s+|de mas\s+)?"
    rf"(?:despues\b[^.?!]{{0,30}}?)?{_DAILY}"
)


# "Me quedé 2 horas más el lunes, martes y miércoles", "lunes, martes y miércoles me quedé 2
# horas más cada día": the same hours on each day named, that one week.
_DAY_LIST = rf"(?:(?:el|los)\s+)?{_DAY_NAMES}(?:\s*(?:,|y)\s*(?:(?:el|los)\s+)?{_DAY_NAMES})+"
_HOURS_ON_DAYS = re.compile(
    rf"\b{_NUMBER}\s+{_EXTRA}\s+(?:cada dia\s+)?(?P<days>{_DAY_LIST})|"
    rf"(?P<named>{_DAY_LIST})\s+(?:me\s+)?(?:quede|quedamos|me hicieron quedar|trabaje|hice|meti)"
    rf"\s+{_NUMBER}\s+{_EXTRA}"
)


def _hours_on_days(folded: str) -> WeekHours | None:
    found = _HOURS_ON_DAYS.search(folded)
    if found is None:
        return None
    days = found.group("days") or found.group("named")
    count = len(re.findall(_DAY_NAMES, days))
    per_day = _value(found.group(1) or found.group(found.re.groupindex["named"] + 1))
    hours = per_day * count
    return WeekHours(
        hours,
        f"Por {plain(hours)} horas extra en esa semana ({plain(per_day)} en {count} días)",
        once=True,
    )


def _stay_until(folded: str) -> WeekHours | None:
    """The hours past the shift's end on the weekdays named ("de 7 a 15… martes y jueves me
    quedo hasta las 18": 6 a week); None without one shift told to end before that hour."""
    found = _STAY_UNTIL.search(folded)
    daily = None if found else _STAY_UNTIL_DAILY.search(folded)
    if found is None and daily is None:
        return None
    told = found or daily
    assert told is not None
    shifts = [s for s in hour_ranges(folded[: told.start()]) if s.minutes]
    if len(shifts) != 1:
        return None
    end = (shifts[0].start + shifts[0].minutes) % (24 * 60)
    until = int(told.group("until")) * 60
    if until <= end and until + 12 * 60 <= 24 * 60:
        until += 12 * 60  # "hasta las 8" after a shift that ends at 17:00: 20:00
    past = until - end
    if not 0 < past <= 8 * 60 or past % 60:
        return None
    if found is None:
        return _every_day(Decimal(past // 60), folded)
    days = Decimal(len(set(re.findall(_DAY_NAMES, found.group("days")))))
    return _some_days(Decimal(past // 60), days)


def _every_day(per_day: Decimal, folded: str) -> WeekHours:
    """``per_day`` hours of overtime on every day worked (the days told, else six)."""
    days, given = week_days(folded)
    hours = per_day * days
    assumed = "" if given else " (si trabajas de lunes a sábado)"
    unit = "hora" if per_day == 1 else "horas"
    return WeekHours(
        hours,
        f"Por {plain(per_day)} {unit} extra al día, {plain(days)} días a la semana{assumed}, "
        f"son {plain(hours)} horas extra a la semana, y",
        guessed=not given,
    )


def _some_days(per_day: Decimal, days: Decimal) -> WeekHours:
    """``per_day`` hours of overtime on ``days`` days of every week."""
    hours = per_day * days
    unit = "hora" if per_day == 1 else "horas"
    return WeekHours(
        hours,
        f"Por {plain(per_day)} {unit} extra {plain(days)} {'día' if days == 1 else 'días'} a la "
        f"semana, son {plain(hours)} horas extra a la semana, y",
    )


def _value(raw: str) -> Decimal:
    spoken = _SPOKEN.get(raw)
    return Decimal(spoken) if spoken is not None else Decimal(raw)


def week_days(folded: str) -> tuple[Decimal, bool]:
    """Days worked a week the (folded) text gives, and whether it gave them (else 6)."""
    found = _DAYS.search(folded)
    if found is None:
        return Decimal(WEEK_DAYS), False
    if found.group("last"):
        return Decimal(_LAST_DAY[found.group("last")]), True
    days = _value(found.group(2))
    return (days, True) if 1 <= days <= 7 else (Decimal(WEEK_DAYS), False)


class WeekHours(NamedTuple):
    """A week's overtime as the question gives it: the hours, how they were said, and whether
    they are one week's only ("esta semana…"), paid once, rather than every week's, and whether
    the days a week were guessed (six, "2 horas extra diario" with no days told)."""

    hours: Decimal
    said: str
    once: bool = False
    guessed: bool = False


def weekly_overtime(question: str) -> WeekHours | None:
    """The overtime hours of one week the question gives, and how it gave them."""
    folded = fold(question)
    found = _WEEKLY_HOURS.search(folded)
    if found:
        hours = _value(found.group(1))
        return WeekHours(hours, f"Por {plain(hours)} horas extra a la semana")
    found = _SOME_DAYS.search(folded)
    if found:
        days = _value(found.group(1) or found.group(4))
        per_day = _value(found.group(2) or found.group(3))
        if 1 <= days <= 7:
            return _some_days(per_day, days)
    until = _stay_until(folded)
    if until is not None:
        return until
    listed = _hours_on_days(folded)
    if listed is not None:
        return listed
    # One week's hours ("esta semana… 6 horas extra", "2 el martes y 1 el jueves"): paid once.
    days_told = list(_ON_DAY_LOOSE.finditer(folded)) if _ON_DAY.search(folded) else []
    if days_told:
        hours = sum((_value(d.group(1)) for d in days_told), Decimal(0))
        return WeekHours(hours, f"Por {plain(hours)} horas extra en esa semana", once=True)
    found = _WEEK_FIRST.search(folded)
    if found:
        hours = _value(found.group(1))
        return WeekHours(hours, f"Por {plain(hours)} horas extra en esa semana", once=True)
    found = _EVERY_WEEKDAY.search(folded)
    if found:
        hours = _value(found.group(1) or found.group(2))
        return WeekHours(hours, f"Por {plain(hours)} horas extra a la semana")
    # "El lunes me quedé 2 horas extra y el jueves 1 hora extra": each day's, summed.
    each = [(m.group("day"), _value(m.group(2))) for m in _EACH_DAY_FIRST.finditer(folded)]
    if len({day for day, _ in each}) > 1:
        hours = sum((h for _, h in each), Decimal(0))
        return WeekHours(hours, f"Por {plain(hours)} horas extra en esa semana", once=True)
    found = _DAY_FIRST.search(folded)
    if found:
        hours = _value(found.group(1))
        unit = "hora" if hours == 1 else "horas"
        return WeekHours(hours, f"Por {plain(hours)} {unit} extra ese día", once=True)
    found = _IF_ONCE.search(folded)
    if found:
        hours = _value(found.group(1))
        return WeekHours(
            hours, f"Por {plain(hours)} {'hora' if hours == 1 else 'horas'} extra", once=True
        )
    found = _DAILY_HOURS.search(folded) or _STAY_DAILY.search(folded)
    if found:
        return _every_day(_value(found.group(1)), folded)
    found = _DOUBLED.search(folded)
    if found:
        times = _value(found.group(1))
        shift = _SHIFT.search(folded)
        length = _value(shift.group(1) or shift.group(2)) if shift else DEFAULT_SHIFT_HOURS
        hours = times * length
        veces = "vez" if times == 1 else "veces"
        assumed = "" if shift else " (un turno de 8 horas cada vez)"
        return WeekHours(
            hours,
            f"Si doblas turno {plain(times)} {veces} a la semana{assumed}, son {plain(hours)} "
            "horas extra a la semana, y",
        )
    return None
