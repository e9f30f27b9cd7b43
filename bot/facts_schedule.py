"""The working schedule as said ("de 7 a 6 de lunes a sábado"), tidied, and its weekly hours.

"de 7 a 6" with no "de la mañana/tarde/noche" is a day shift (7:00 to 18:00). Two different
hour ranges in one message are not guessed at. Pure; used by bot.facts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from calc.shifts import hour_ranges

_DAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
_SAID_DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
_DAY = r"(lunes|martes|miercoles|jueves|viernes|sabados?|domingos?)"
_DAY_RANGE = re.compile(rf"\b{_DAY}\s+a\s+{_DAY}\b")
_DAY_COUNT_WORDS = {"cinco": 5, "seis": 6, "siete": 7, "cuatro": 4, "tres": 3, "dos": 2}
_COUNT = r"([2-7]|dos|tres|cuatro|cinco|seis|siete)"
_DAY_COUNT = re.compile(
    rf"\b(?:trabajo|trabajamos|trabajaba|laboro|son)\s+{_COUNT}\s+dias\b"
    rf"|\b{_COUNT}\s+(?:dias|noches|turnos)\s+(?:a la|por|x)\s+semana\b"
)
# "Descanso 2 días a la semana": days off, not days worked.
_DAYS_OFF_BEFORE = re.compile(r"\b(?:descans\w*|libres?|me dan|de descanso)\s+(?:\w+\s+)?$")
_WEEKEND = re.compile(r"\b(?:los\s+)?fines de semana\b")
_ALL_WEEK = re.compile(r"\btoda la semana\b|\bdiario sin descanso\b|\blos 7 dias\b")
_PER_DAY = re.compile(
    r"\b(\d{1,2})\s+horas\s+(?:diarias|al dia|por dia|x dia|diario|cada dia)\b"
    r"|\bturnos?\s+de\s+(\d{1,2})\s+horas\b"
)


def _tidy(value: Decimal) -> Decimal:
    """66.00 -> 66 (never 6.6E+1), 42.50 -> 42.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.01")).normalize()


def _hour_ranges(folded: str) -> list[tuple[str, int, int]]:
    """Each hour range said: ("7:00 a 18:00", its minutes, where it starts)."""
    return [(r.said, r.minutes, r.at) for r in hour_ranges(folded)]


def _hours(folded: str) -> tuple[str, Decimal] | None:
    """("7:00 a 18:00", 11) from the one hour range said, or ("12 horas al día", 12)."""
    ranges = _hour_ranges(folded)
    if len({r[0] for r in ranges}) == 1:
        said, minutes, _ = ranges[0]
        return said, _tidy(Decimal(minutes) / 60)
    if ranges:
        return None
    per_day = _PER_DAY.search(folded)
    if per_day and re.search(r"\bqued\w*\s+(?:como\s+|unas?\s+)?$", folded[: per_day.start()]):
        per_day = None  # "me hacen quedarme 2 horas diario": overtime, not the shift
    if per_day:
        hours = int(per_day[1] or per_day[2])
        if 1 <= hours <= 24:
            return f"{hours} horas al día", Decimal(hours)
    return None


def _singular(day: str) -> str:
    return day[:-1] if day in ("sabados", "domingos") else day


def _days(folded: str) -> tuple[str, int] | None:
    ranges = {(_singular(m[1]), _singular(m[2])) for m in _DAY_RANGE.finditer(folded)}
    if len(ranges) == 1:
        first, last = ranges.pop()
        a, b = _DAYS.index(first), _DAYS.index(last)
        return f"{_SAID_DAYS[a]} a {_SAID_DAYS[b]}", (b - a) % 7 + 1
    if ranges:
        return None
    count = _DAY_COUNT.search(folded)
    if count and _DAYS_OFF_BEFORE.search(folded[: count.start()]):
        count = None
    if count:
        raw = count[1] or count[2]
        n = int(raw) if raw.isdigit() else _DAY_COUNT_WORDS[raw]
        return f"{n} días a la semana", n
    if _ALL_WEEK.search(folded):
        return "toda la semana", 7
    if _WEEKEND.search(folded):
        return "sábado y domingo", 2
    return None


# A part-time week: paid by the day worked, at most this many days a week.
PART_TIME_DAYS = 4


def days_a_week(folded: str) -> int | None:
    """How many days a week the schedule said works ("3 días a la semana", "lunes a miércoles")."""
    days = _days(folded)
    return days[1] if days is not None else None


_ONE_DAY = re.compile(rf"\b(?:los|el)\s+{_DAY}\b(?!\s+a\s)")


def _split_week(folded: str) -> tuple[str, Decimal] | None:
    """ "de lunes a viernes de 9 a 6 y los sábados de 9 a 2": each part of the week with its
    hours, when every part names its days and its hours."""
    hours = _hour_ranges(folded)
    if len(hours) < 2:
        return None
    days: list[tuple[int, str, int]] = []
    spans: list[tuple[int, int]] = []
    for m in _DAY_RANGE.finditer(folded):
        a, b = _DAYS.index(_singular(m[1])), _DAYS.index(_singular(m[2]))
        days.append((m.start(), f"{_SAID_DAYS[a]} a {_SAID_DAYS[b]}", (b - a) % 7 + 1))
        spans.append(m.span())
    for m in _ONE_DAY.finditer(folded):
        if not any(start <= m.start(1) < end for start, end in spans):
            index = _DAYS.index(_singular(m[1]))
            days.append((m.start(), _SAID_DAYS[index], 1))
    days.sort()
    if len(days) != len(hours):
        return None
    parts = [f"{d[1]}, {h[0]}" for d, h in zip(days, hours, strict=True)]
    minutes = sum(d[2] * h[1] for d, h in zip(days, hours, strict=True))
    return "; ".join(parts), _tidy(Decimal(minutes) / 60)


# Rotating shifts as guards and nurses say them: "turnos de 24x24" (24 hours on, 24 off), "12
# por 24", "jornadas de 24 x 48".
_ROTATION = re.compile(
    r"\b(?:turnos?|guardias?|rol(?:es)?|jornadas?|trabajo|trabajamos|hago|hacemos|de)\s+(?:de\s+)?"
    r"(8|12|24)\s*(?:x|por)\s*(12|24|36|48|72)\b(?!\s*(?:metros|cm|m\b|pesos))"
)
_WEEK_HOURS = 7 * 24


def _rotation(folded: str) -> tuple[str, Decimal] | None:
    """ "turnos de 24x24": the shift tidied and its average hours a week (84)."""
    found = _ROTATION.search(folded)
    if found is None:
        return None
    on, off = int(found[1]), int(found[2])
    weekly = _tidy(Decimal(_WEEK_HOURS * on) / Decimal(on + off))
    return f"turnos de {on} horas por {off} de descanso", weekly


def schedule(folded: str) -> tuple[str | None, Decimal | None]:
    """(the schedule tidied, its hours a week) — either may be None."""
    rotation = _rotation(folded)
    if rotation is not None:
        return rotation
    split = _split_week(folded)
    if split is not None:
        return split
    days = _days(folded)
    hours = _hours(folded)
    parts = [p[0] for p in (days, hours) if p is not None]
    weekly = None
    if days and hours:
        weekly = _tidy(hours[1] * days[1])
    return (", ".join(parts) or None), weekly
