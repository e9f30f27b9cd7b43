"""Spanish numbers in words, as digits: "dos mil quinientos" → 2500, "treinta y cinco" → 35.

Works on folded text (lowercase, no accents). A lone "un", "una" or "uno" stays a word: it is
mostly an article ("una maquila"). Pure; used by bot.facts_text.
"""

from __future__ import annotations

import re

_UNITS = {
    "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiun": 21, "veintiuna": 21,
    "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
    "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
    "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900,
}  # fmt: skip
_WORD = "|".join(sorted([*_UNITS, *_TENS, *_HUNDREDS, "mil"], key=len, reverse=True))
_RUN = re.compile(rf"\b(?:{_WORD})(?:\s+(?:y\s+)?(?:{_WORD}))*\b")
_ARTICLES = {"un", "una", "uno"}


def _value(words: list[str]) -> int | None:
    """The number a run of number words says, or None when it is not one number."""
    total = current = 0
    previous = ""
    for index, word in enumerate(words):
        if word == "y":
            nxt = words[index + 1] if index + 1 < len(words) else ""
            if previous not in _TENS or nxt not in _UNITS or _UNITS[nxt] > 9:
                return None
        elif word == "mil":
            if previous == "mil":
                return None
            total += (current or 1) * 1000
            current = 0
        elif word in _HUNDREDS:
            if current % 1000 >= 100:
                return None
            current += _HUNDREDS[word]
        elif word in _TENS:
            if current % 100:
                return None
            current += _TENS[word]
        else:
            unit = _UNITS[word]
            if current % 10 or (current % 100 and unit >= 10):
                return None
            current += unit
        previous = word
    return total + current


def spelled_numbers(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) for each run of number words worth turning into digits."""
    found = []
    for m in _RUN.finditer(folded):
        words = m[0].split()
        if all(w in _ARTICLES for w in words):
            continue
        # "una maquila", "un año": an article before a non-number word is left alone.
        if words[0] in _ARTICLES and len(words) == 1:
            continue
        # "9 mil", "2 mil quinientos": digits lead, the money reader takes the words after them.
        if words[0] == "mil" and re.search(
            r"\d[\d.,]*\s*$", folded[max(0, m.start() - 12) : m.start()]
        ):
            continue
        value = _value(words)
        if value is not None:
            found.append((m.start(), m.end(), str(value)))
    return found
