"""Figures a how-much question settles with its own numbers: the prima vacacional of Art. 76's
days at the salary it gives, the aguinaldo's proportional days for the months it says were
worked (and their amount at its salary). Pure; the arithmetic is calc's tables and Art. 89's
daily salary, never a model's.

"Cumplí 2 años, gano 450 al día, ¿de cuánto me sale la prima vacacional?" → 14 días × $450 ×
25 % = $1,575.00. The articles are fetched by id (``ARTICLES``) so each figure cites what was
retrieved.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from calc.facts import pesos
from calc.salary import daily_salary
from calc.text import fold
from calc.vacations import vacation_days
from rag.lead import question_kind
from rag.resignation import AGUINALDO_ARTICLE
from rag.thresholds import service

AGUINALDO_DAYS = Decimal(15)
VACATION_ARTICLE = "76"
PREMIUM_ARTICLE = "80"
PREMIUM = Decimal("0.25")

# "gano 450 al día", "me pagan 9 mil al mes", "$2,500 a la semana", "3 mil quincenales".
_PAY = re.compile(
    r"(?<![\w.,])\$?\s?(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mil>mil)?"
    r"\s*(?:pesos\s*)?(?P<period>al dia|diarios?|por dia|el dia|a la semana|semanal(?:es)?|"
    r"por semana|a la quincena|quincenal(?:es)?|por quincena|cada quincena|al mes|"
    r"mensual(?:es)?|por mes)\b"
)
_PERIODS = (("dia", "dia"), ("semana", "semana"), ("quincena", "quincena"), ("mes", "mes"))
# "trabajé nomás 6 meses este año", "llevo 8 meses trabajados".
_MONTHS_WORKED = re.compile(
    r"\b(?:trabaje|labore|estuve|chambee|dure)\s+(?:(?:nomas|solo|solamente|como|unos)\s+)*"
    r"(?P<n>\d{1,2})\s+meses\b|\b(?P<m>\d{1,2})\s+meses\s+(?:trabajados|laborados)\b"
)
_AGUINALDO = re.compile(r"\ba?g[ui]+naldo\b")
_PREMIUM = re.compile(r"\bprima vacacional\b")


def daily_pay(question: str) -> Decimal | None:
    """The daily salary a question states (Art. 89: a month ÷ 30, a week ÷ 7), if exactly one."""
    found = list(_PAY.finditer(fold(question)))
    if len(found) != 1:
        return None
    match = found[0]
    amount = Decimal(match.group("amount").replace(",", ""))
    if match.group("mil"):
        amount *= 1000
    period = next(p for word, p in _PERIODS if word in match.group("period"))
    if amount <= 0:
        return None
    return daily_salary(amount, period)


def _days(value: Decimal) -> str:
    """ "7.5", "5": Mexico writes decimals with a point."""
    return f"{value.quantize(Decimal('0.01')).normalize():f}"


def premium_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """The prima vacacional in pesos for the years and the salary the question gives."""
    folded = fold(question)
    if not _PREMIUM.search(folded) or question_kind(question) != "how_much":
        return None
    if VACATION_ARTICLE not in retrieved or PREMIUM_ARTICLE not in retrieved:
        return None
    served, daily = service(question), daily_pay(question)
    if served is None or daily is None or served.value < 1:
        return None
    years = int(served.value)
    days = vacation_days(years)
    amount = Decimal(days) * daily * PREMIUM
    unit = "año" if years == 1 else "años"
    return (
        f"Tu prima vacacional es de unos {pesos(amount)}: al cumplir {years} {unit} te tocan "
        f"{days} días de vacaciones (Art. {VACATION_ARTICLE} LFT), y la prima es el 25 % de lo "
        f"que te pagan por ellos: {days} × {pesos(daily)} × 25 % (Art. {PREMIUM_ARTICLE} LFT)."
    )


def aguinaldo_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """The aguinaldo's proportional days for the months worked the question gives (15 days a
    year), and their amount when it gives the salary too."""
    folded = fold(question)
    if not _AGUINALDO.search(folded) or AGUINALDO_ARTICLE not in retrieved:
        return None
    if question_kind(question) != "how_much":
        return None
    worked = _MONTHS_WORKED.search(folded)
    if worked is None:
        return None
    months = int(worked.group("n") or worked.group("m"))
    if not 1 <= months <= 11:
        return None
    days = AGUINALDO_DAYS * months / 12
    said = (
        f"Por {months} meses trabajados te tocan {_days(days)} días de aguinaldo: la parte "
        f"proporcional de los 15 días al año (Art. {AGUINALDO_ARTICLE} LFT)"
    )
    daily = daily_pay(question)
    if daily is not None:
        said += f", unos {pesos(days * daily)} con tu salario de {pesos(daily)} al día"
    return f"{said}."


def needed_articles(question: str) -> tuple[str, ...]:
    """The articles a figure of this module would cite, to fetch by id when retrieval missed
    them."""
    folded = fold(question)
    if question_kind(question) != "how_much":
        return ()
    if _PREMIUM.search(folded) and service(question) is not None and daily_pay(question):
        return (VACATION_ARTICLE, PREMIUM_ARTICLE)
    if _AGUINALDO.search(folded) and _MONTHS_WORKED.search(folded):
        return (AGUINALDO_ARTICLE,)
    return ()
