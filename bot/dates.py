"""Dates as Mexicans write them: "15/03/2021", "marzo del 2021", "hace 3 años", "el lunes pasado".

Pure: relative dates are resolved against ``today``, which the caller passes in.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from calc.text import fold

MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
_SHORT_MONTHS = {name[:3]: n for name, n in MONTHS.items()}
MONTH_NAMES = ("", *(name for name in MONTHS if name != "setiembre"))
_WEEKDAYS = {"lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5}
_WEEKDAYS["domingo"] = 6
_NUMBER_WORDS = {
    "un": 1,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "par de": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
}
_MONTH_RE = "(" + "|".join(MONTHS) + "|ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)" + r"\.?"
EARLIEST_YEAR = 1950

DateProblem = Literal["unreadable", "future", "too_old"]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(
            parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
        )

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def spanish(self) -> str:
        """As a person would say it back: "15/03/2021", "marzo de 2021", "2021"."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTH_NAMES[self.month]} de {self.year}"
        return f"{self.day:02d}/{self.month:02d}/{self.year}"


def parse_date(text: str, *, today: date) -> PartialDate | DateProblem:
    """Read one date out of ``text``; a past or present date, or the reason it cannot be one."""
    found = _read(fold(text), today)
    if found is None:
        return "unreadable"
    if found.earliest() > today:
        return "future"
    if found.year < EARLIEST_YEAR:
        return "too_old"
    return found


def _year(raw: str, today: date) -> int:
    year = int(raw)
    if len(raw) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    return year


def _safe(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _month_word(word: str) -> int | None:
    return MONTHS.get(word) or _SHORT_MONTHS.get(word[:3] if len(word) in (3, 4) else "")


def _read(text: str, today: date) -> PartialDate | None:
    # 2021-03-15
    if m := re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text):
        return _safe(int(m[1]), int(m[2]), int(m[3]))
    # 15/03/2021, 15-3-21, 15.03.2021
    if m := re.search(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b", text):
        return _safe(_year(m[3], today), int(m[2]), int(m[1]))
    # 03/2021
    if m := re.search(r"\b(\d{1,2})[/-](\d{4})\b", text):
        return _safe(int(m[2]), int(m[1]))
    words = _MONTH_RE
    # 15 de marzo de 2021, 15 marzo del 2021, 15 de marzo (this year or last)
    if m := re.search(
        rf"\b(\d{{1,2}})\s+(?:de\s+)?{words}(?:\s+(?:de\s+|del\s+)?(\d{{4}}))?", text
    ):
        month = _month_word(m[2])
        if month is not None:
            if m[3]:
                return _safe(int(m[3]), month, int(m[1]))
            year = today.year if (month, int(m[1])) <= (today.month, today.day) else today.year - 1
            return _safe(year, month, int(m[1]))
    # marzo del 2021, marzo de 2021, marzo 2021, en marzo
    if m := re.search(rf"\b{words}(?:\s+(?:de\s+|del\s+)?(\d{{4}}))?\b", text):
        month = _month_word(m[1])
        if month is not None and (m[2] or re.search(rf"\b(en|de|desde|para)\s+{m[1]}", text)):
            year = int(m[2]) if m[2] else (today.year if month <= today.month else today.year - 1)
            return _safe(year, month)
    relative = _relative(text, today)
    if relative is not None:
        return relative
    if m := re.search(r"\b(19\d{2}|20\d{2})\b", text):
        return _safe(int(m[1]))
    return None


def _count(raw: str) -> float | None:
    if raw.replace(".", "", 1).isdigit():
        return float(raw)
    return float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else None


_DAYS_IN = {"dia": 1, "sem": 7, "mes": 31, "ano": 366, "año": 366}
_MAX_DAYS_BACK = 100 * 366


def _relative(text: str, today: date) -> PartialDate | None:
    if re.search(r"\b(antier|anteayer|antes de ayer)\b", text):
        return _from_date(today - timedelta(days=2))
    if re.search(r"\bayer\b", text):
        return _from_date(today - timedelta(days=1))
    if re.search(r"\bhoy\b", text):
        return _from_date(today)
    number = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + ")"
    if m := re.search(
        rf"(?:\bhace\s+|\b(?:llevo|tengo|como|unos?|casi)\s+|^)(?:como\s+|unos?\s+|casi\s+)?"
        rf"{number}\s+(dias?|semanas?|mes(?:es)?|a[nñ]os?)\b(\s+y\s+medio)?",
        text,
    ):
        count = _count(m[1])
        unit = m[2]
        if count is None:
            return None
        # Further back than any working life: too old (and it would overflow date arithmetic).
        if count * _DAYS_IN[unit[:3]] > _MAX_DAYS_BACK:
            return PartialDate(EARLIEST_YEAR - 1)
        if m[3]:
            count += 0.5
        if unit.startswith("dia"):
            return _from_date(today - timedelta(days=round(count)))
        if unit.startswith("semana"):
            return _from_date(today - timedelta(weeks=count))
        months = round(count * (12 if unit.startswith("a") else 1))
        return _months_ago(today, months)
    if re.search(r"\bhace\s+(?:un\s+)?a[nñ]o\s+y\s+medio\b", text):
        return _months_ago(today, 18)
    if re.search(r"\b(la\s+)?semana\s+pasada\b", text):
        return _from_date(today - timedelta(days=7))
    if re.search(r"\b(el\s+)?mes\s+pasado\b", text):
        return _months_ago(today, 1)
    if re.search(r"\b(el\s+)?a[nñ]o\s+pasado\b", text):
        return PartialDate(today.year - 1)
    if m := re.search(r"\b(lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b", text):
        back = (today.weekday() - _WEEKDAYS[m[1]]) % 7 or 7
        return _from_date(today - timedelta(days=back))
    return None


def _from_date(d: date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _months_ago(today: date, months: int) -> PartialDate:
    index = today.year * 12 + (today.month - 1) - months
    return PartialDate(index // 12, index % 12 + 1)


def long_spanish(day: date) -> str:
    """``date(2026, 12, 20)`` → ``"20 de diciembre de 2026"``."""
    return f"{day.day} de {MONTH_NAMES[day.month]} de {day.year}"
