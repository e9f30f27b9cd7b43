"""A day's shift as said ("de 7 a 6", "entro a las 4 de la tarde y salgo a las 12 de la noche")
read into clock minutes, and what Art. 60 makes of it: its hours at night and whether it is a
day, night or mixed shift, with Art. 61's daily maximum.

Pure. "de 7 a 6" with no "de la mañana/tarde/noche" is a day shift (7:00 to 18:00); "las 12 de
la noche" is midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

ShiftKind = Literal["diurna", "nocturna", "mixta"]

DAY_MINUTES = 24 * 60
NIGHT_STARTS = 20 * 60  # Art. 60: night work runs from 20:00 to 6:00
NIGHT_ENDS = 6 * 60
MIXED_NIGHT_LIMIT = 210  # three and a half hours at night make a mixed shift a night one
# Art. 61 as reformed (DOF 01-05-2026): hours a day.
MAXIMUM_HOURS: dict[ShiftKind, Decimal] = {
    "diurna": Decimal(8),
    "nocturna": Decimal(7),
    "mixta": Decimal("7.5"),
}

# ("11 d la noche", "7 dla mañana": as typed.)
_PART = (
    r"(?:\s+d(?:e\s+|\s+|)la\s+(ma[nñ]ana|tarde|noche|madrugada)|"
    r"\s*(am|pm|a\.\s?m\.|p\.\s?m\.))?"
)
_HOUR = rf"(\d{{1,2}})(?::(\d{{2}}))?(?:\s*(?:hrs?|horas)\b)?{_PART}"
_RANGE = re.compile(
    rf"\b(?:de|desde)\s+(?:las?\s+)?{_HOUR}\s+(?:a|hasta)\s+(?:las?\s+)?{_HOUR}"
    # "entro (al call center) a las 9 de la noche y salgo a las 4 de la mañana", "entro 7 salgo 3".
    rf"|\b(?:entro|entramos|llego|llegamos|entraba|entrabamos|llegaba|llegabamos)\s+"
    rf"(?:[a-zñ]+\s+){{0,5}}?(?:a\s+las?\s+)?{_HOUR}"
    rf"(?:\s*,?\s+y\s+|\s*,\s*|\s+)(?:salgo|salimos|salia|saliamos)\s+(?:a\s+las?\s+)?{_HOUR}"
    # A clock range as the case form writes it: "22:00 a 6:00", "7:00-15:00".
    rf"|(?<![\d:])(?=\d{{1,2}}:\d{{2}}){_HOUR}\s*(?:a|-|–|hasta)\s*(?=\d{{1,2}}:\d{{2}}){_HOUR}"
)
_NOT_HOURS_AFTER = re.compile(
    r"\s*(?:mil|pesos|dias|semanas|meses|a[nñ]os|personas|veces|"
    r"de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre))\b"
)


@dataclass(frozen=True)
class Shift:
    """One hour range said: its start in minutes after midnight, its length, where it was said."""

    start: int
    minutes: int
    at: int

    @property
    def said(self) -> str:
        """ "16:00 a 0:00"."""
        return f"{clock_said(self.start)} a {clock_said((self.start + self.minutes) % DAY_MINUTES)}"


def clock_said(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _clock(hour: str, minute: str | None, part: str | None, meridiem: str | None) -> int | None:
    """Minutes after midnight, or None when it is no hour of the day."""
    h, m = int(hour), int(minute or 0)
    if h > 24 or m >= 60:
        return None
    later = part in ("tarde", "noche") or (meridiem or "").startswith("p")
    if later and h < 12:
        h += 12
    early = part in ("manana", "mañana", "madrugada") or (meridiem or "").startswith("a")
    if (early or part == "noche") and h == 12:
        h = 0  # "las 12 de la noche", "12 am": midnight
    return (h % 24) * 60 + m


# A night shift named outright: its bare "de 10 a 6" starts in the evening (22:00 to 6:00).
_NIGHT_SHIFT = re.compile(
    r"\b(turnos? de (la )?noche|turnos? nocturnos?|jornada nocturna|(trabajo|trabaja|trabajamos|"
    r"entro|entra) (de|en la) noche|de velador|de veladora)\b"
)


def hour_ranges(folded: str) -> list[Shift]:
    """Each hour range said in a folded text, in order."""
    ranges = []
    night = _NIGHT_SHIFT.search(folded) is not None
    for m in _RANGE.finditer(folded):
        if _NOT_HOURS_AFTER.match(folded[m.end() :]):
            continue
        g = m.groups()
        at = next(n for n in (0, 8, 16) if g[n])
        first, second = g[at : at + 4], g[at + 4 : at + 8]
        start = _clock(first[0], first[1], first[2], first[3])
        end = _clock(second[0], second[1], second[2], second[3])
        if start is None or end is None:
            continue
        told = first[2] or first[3] or second[2] or second[3]
        # "Turno de noche, de 10 a 6": from 22:00.
        if not told and night and 6 * 60 <= start <= 12 * 60 and end <= start:
            start = (start + 12 * 60) % DAY_MINUTES
        # "de 7 a 6": a day shift, 6 in the evening; "de 22 a 6" crosses midnight.
        elif not told and end <= start and start <= 12 * 60:
            end += 12 * 60
        length = (end - start) % DAY_MINUTES
        if length == 0 or length > 16 * 60:
            continue
        ranges.append(Shift(start % DAY_MINUTES, length, m.start()))
    return ranges


def night_minutes(shift: Shift) -> int:
    """The shift's minutes between 20:00 and 6:00 (Art. 60)."""
    return sum(
        1
        for minute in range(shift.start, shift.start + shift.minutes)
        if minute % DAY_MINUTES >= NIGHT_STARTS or minute % DAY_MINUTES < NIGHT_ENDS
    )


def shift_kind(shift: Shift) -> ShiftKind:
    """Art. 60: all day, a day shift; half an hour short of four at night or more, a night one."""
    night = night_minutes(shift)
    if night == 0:
        return "diurna"
    if night >= MIXED_NIGHT_LIMIT or night == shift.minutes:
        return "nocturna"
    return "mixta"
