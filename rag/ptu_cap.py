"""The most a worker's PTU can be: "¿cuánto es lo máximo que me pueden dar de utilidades?".

Pure. Art. 127-VIII caps one worker's share at three months of salary or the average of what
they received in the last three years, whichever is more favourable to them. With the pay told
the three months come in pesos; with the three past amounts told, their average too, and the
cap is the larger.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from calc.facts import pesos
from calc.ptu import CAP_DAYS
from calc.text import fold
from rag.amounts import peso_sums
from rag.lead import question_kind
from rag.pay import PAY_PATTERN, daily_pay

ARTICLE = "127"
# Not "la camioneta de reparto": the PTU by name.
_PTU = re.compile(r"\b(utilidad\w*|ptu)\b|\breparto de (?:las )?utilidades\b")
_CAP = re.compile(r"\b(tope|maximo|limite|lo mas que|mas de)\b")
# Where the past years' amounts are told: "los últimos 3 años", "el año pasado", "antes".
_PAST = re.compile(
    r"\b(ultimos (?:3|tres) a[nñ]os|a[nñ]o pasado|a[nñ]os pasados|antes|anteriores)\b"
)


def _sums(text: str) -> list[Decimal]:
    return [amount for amount, _, _ in peso_sums(text, at_least=1000)]


def past_three(question: str) -> list[Decimal] | None:
    """The three amounts of the last three years the question tells, in order; None unless it
    tells exactly three, after a word of the past years and apart from the pay."""
    folded = PAY_PATTERN.sub(" ", fold(question))
    marker = _PAST.search(folded)
    if marker is None:
        return None
    # The sentence that tells them: from the marker's sentence start.
    start = max(folded.rfind(".", 0, marker.start()), folded.rfind("?", 0, marker.start())) + 1
    end = min(
        (i for i in (folded.find(".", marker.end()), folded.find("?", marker.end())) if i >= 0),
        default=len(folded),
    )
    # "…solo me pueden dar 27 mil…, pero los últimos 3 años me dieron 30, 33 y 36 mil": the
    # three after the marker, when the sentence tells another sum before it.
    after = _sums(folded[marker.end() : end])
    if len(after) == 3:
        return after
    found = _sums(folded[start:end])
    return found if len(found) == 3 else None


def ptu_cap_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """Art. 127-VIII's cap in pesos for the pay (and the past amounts) the question tells."""
    folded = fold(question)
    if ARTICLE not in retrieved or not _PTU.search(folded):
        return None
    if question_kind(question) != "how_much":
        return None
    daily = daily_pay(question)
    if daily is None:
        return None
    three_months = CAP_DAYS * daily
    if not _CAP.search(folded):
        # "¿Cuánto me toca de utilidades? gano 10 mil al mes": no figure without the company's
        # profits, but the most it can be.
        return (
            "Cuánto te toca de reparto de utilidades depende de lo que ganó la empresa, así que no "
            "se puede saber de antemano; lo más que te pueden dar es lo que más te convenga entre "
            f"3 meses de tu salario ({pesos(three_months)}, con {pesos(daily)} al día) y el "
            f"promedio de lo que recibiste los últimos 3 años (Art. {ARTICLE} LFT)."
        )
    said = (
        f"El tope de tu reparto de utilidades es lo que más te convenga entre 3 meses de tu "
        f"salario ({pesos(three_months)}, con {pesos(daily)} al día) y el promedio de lo que "
        "recibiste los últimos 3 años"
    )
    past = past_three(question)
    if past is None:
        return f"{said} (Art. {ARTICLE} LFT)."
    average = sum(past, Decimal(0)) / 3
    cap = max(three_months, average)
    return (
        f"{said} ({pesos(average)}): lo más que te pueden dar es unos {pesos(cap)} (Art. "
        f"{ARTICLE} LFT)."
    )


def needed_articles(question: str) -> tuple[str, ...]:
    """Art. 127, to fetch by id, for a cap asked with the pay told."""
    folded = fold(question)
    if _PTU.search(folded) and question_kind(question) == "how_much" and daily_pay(question):
        return (ARTICLE,)
    return ()
