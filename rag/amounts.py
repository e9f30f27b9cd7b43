"""Quantities in Spanish text: "15 días", "quince días", "veinticinco por ciento", "$315.04".

Pure parsing: which figures a text states and with what unit, so an answer's figures can be
checked against the law and a question's premise against a rule. Dates and article ids are left
to the caller (``figures`` skips years, phone numbers and the numbers of cited articles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from calc.text import fold

_UNITS_TEXT = """cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce
    quince dieciseis diecisiete dieciocho diecinueve veinte veintiuno veintidos veintitres
    veinticuatro veinticinco veintiseis veintisiete veintiocho veintinueve"""
_UNITS_0_29 = _UNITS_TEXT.split()
_WORDS: dict[str, float] = {w: float(n) for n, w in enumerate(_UNITS_0_29)}
_WORDS.update({"un": 1, "una": 1, "primer": 1, "primero": 1, "veintiun": 21, "media": 0.5})
_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70}
_TENS.update({"ochenta": 80, "noventa": 90})
_HUNDREDS = {"cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300}
_HUNDREDS.update({"cuatrocientos": 400, "quinientos": 500, "seiscientos": 600})
_HUNDREDS.update({"setecientos": 700, "ochocientos": 800, "novecientos": 900})
_NUMBER_WORD = "|".join(sorted([*_WORDS, *_TENS, *_HUNDREDS, "mil"], key=len, reverse=True))
_UNIT_OF = {
    "dia": "dia", "dias": "dia", "semana": "semana", "semanas": "semana", "mes": "mes",
    "meses": "mes", "ano": "ano", "anos": "ano", "hora": "hora", "horas": "hora",
    "por ciento": "%", "%": "%", "pesos": "peso", "peso": "peso", "$": "peso",
    "minutos": "minuto", "minuto": "minuto", "veces": "vez",
}  # fmt: skip
_UNIT = r"(?:d[ií]as?|semanas?|mes(?:es)?|a[ñn]os?|horas?|por ciento|%|pesos?|minutos?|veces)"
_DIGITS = r"\$?\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?|\$?\s?\d+(?:[.,]\d+)?"
_SPOKEN = rf"(?:{_NUMBER_WORD})(?:(?:\s+|-)(?:y\s+)?(?:{_NUMBER_WORD}))*"
_QUANTITY = re.compile(
    rf"(?<![\w.])(?P<num>{_DIGITS}|{_SPOKEN})\s*(?P<unit>{_UNIT})?(?!\w)", re.IGNORECASE
)
# Days in a unit, to compare "un mes" with "15 días".
DAYS_IN = {"dia": 1.0, "semana": 7.0, "mes": 30.0, "ano": 365.0}
_CITED = re.compile(r"\bart(?:[ií]culos?|s?\.)\s*[\d\s,ylo\-A-Za-z]{1,40}", re.IGNORECASE)
# A time of day, not a duration: "entre las seis y las veinte horas", "a las 22 horas".
_CLOCK = re.compile(
    r"\b(?:entre|a|de|desde|hasta|y)\s+las\s+[0-9a-zA-ZáéíóúÁÉÍÓÚ.:]+\s+horas\b", re.IGNORECASE
)
_PHONE = re.compile(r"\b\d{2,3}(?:[\s-]\d{3,4}){2,3}\b")


# The unit words a folded figure may hold that are written with an accent.
_ACCENTS = {"dia": "día", "dias": "días", "ano": "año", "anos": "años", "minimo": "mínimo"}
_ACCENTED = re.compile(r"\b(?:dias?|anos?|minimo)\b")


@dataclass(frozen=True)
class Quantity:
    value: float
    # "dia", "semana", "mes", "ano", "hora", "minuto", "%", "peso", "vez", or "" (a bare number).
    unit: str
    text: str

    @property
    def said(self) -> str:
        """``text`` with its unit's accents back ("15 dias" → "15 días") for the answer."""
        return _ACCENTED.sub(lambda m: _ACCENTS[m.group(0)], self.text)

    def days(self) -> float | None:
        """The quantity in days when it is a duration in days, weeks, months or years."""
        factor = DAYS_IN.get(self.unit)
        return None if factor is None else self.value * factor


def spoken_value(words: str) -> float | None:
    """``"veinticinco"`` → 25; ``"ciento ochenta"`` → 180; ``"dos mil"`` → 2000; else None."""
    total = current = 0.0
    seen = False
    parts = [w for w in re.split(r"[\s-]+", fold(words).strip()) if w]
    if len(parts) > 1 and parts[0] in {"un", "una"}:
        parts = parts[1:]  # "un cien por ciento": an article, not a one
    for word in parts:
        if not word or word == "y":
            continue
        if word in _WORDS:
            current += _WORDS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _HUNDREDS:
            current += _HUNDREDS[word]
        elif word == "mil":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _number(raw: str) -> float | None:
    raw = raw.replace("$", "").strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", raw):
        return float(raw.replace(",", "."))
    return spoken_value(raw)


def quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` with its unit (``""`` when none follows), in order.

    A lone "un"/"una"/"y" is an article or a conjunction, not a figure, unless a unit follows.
    """
    found: list[Quantity] = []
    original, text = text, fold(text)  # "veintidós" is matched as "veintidos"
    same_length = len(original) == len(text)
    for match in _QUANTITY.finditer(text):
        raw = match.group("num").strip(" -")
        unit_raw = match.group("unit")
        unit = _UNIT_OF.get(fold(unit_raw).strip().replace("ñ", "n"), "") if unit_raw else ""
        if raw.startswith("$"):
            unit = unit or "peso"
        value = _number(raw)
        if value is None:
            continue
        if not unit and fold(raw) in {"un", "una", "primer", "primero", "media", "uno"}:
            continue
        if raw.startswith("media") and unit == "hora":
            value = 0.5
        elif unit == "hora" and text.startswith(" y media", match.end()):
            value += 0.5
        shown = (original if same_length else text)[match.start() : match.end()]
        found.append(Quantity(value, unit, shown.strip()))
    return found


def figures(text: str) -> list[Quantity]:
    """The quantities with a unit that an answer states as facts.

    Article references, phone numbers and bare numbers (years, fracciones) are not figures.
    """
    cleaned = _CLOCK.sub(" ", _PHONE.sub(" ", _CITED.sub(" ", text)))
    return [q for q in quantities(cleaned) if q.unit]


def same_amount(a: Quantity, b: Quantity) -> bool:
    """Equal values in the same unit, or the same duration in days."""
    if a.unit == b.unit and abs(a.value - b.value) < 1e-6:
        return True
    days_a, days_b = a.days(), b.days()
    return days_a is not None and days_b is not None and abs(days_a - days_b) < 1e-6


def stated_in(figure: Quantity, sources: list[Quantity]) -> bool:
    """Whether a source states ``figure``: the same amount, or the same number without a unit
    ("hasta llegar a veinte" backs "20 días" after "días" was said once)."""
    return any(
        same_amount(figure, s) or (not s.unit and abs(s.value - figure.value) < 1e-6)
        for s in sources
    )


# A sum of money as workers write it: "8 mil", "$8,000", "3500 pesos"; not "30 %", "3 días".
_PESO_SUM = re.compile(
    r"(?<![\w.,])\$?\s?(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mil>mil\b)?"
    r"(?!\s*(?:%|por ciento|dias?|horas?|anos?|años?|semanas?|meses|quincenas?|veces)\b)"
)


def peso_sums(folded: str, *, at_least: int) -> list[tuple[Decimal, int, int]]:
    """The sums of money in a folded text of at least ``at_least`` pesos, each with where it
    is: (amount, start, end)."""
    out = []
    for found in _PESO_SUM.finditer(folded):
        amount = Decimal(found.group("amount").replace(",", ""))
        if found.group("mil"):
            amount *= 1000
        if amount >= at_least:
            out.append((amount, found.start(), found.end()))
    return out
