"""Wages owed for the time the employer has not paid, in pesos: "la dueña no me paga desde hace 3
semanas … gano 1800 a la semana, ¿cuánto me debe?" → 3 semanas × $1,800.00 = $5,400.00.

Pure. The time unpaid is what the question (or the story read with it) says: "no me paga(n)
desde hace 3 semanas", "me deben 2 quincenas", "llevo un mes sin cobrar"; the pay is its own
(``rag.pay.daily_pay``, Art. 89's daily salary). The salary is owed for time worked (Art. 82);
the figure cites it when retrieved.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from calc.facts import pesos, plain
from calc.text import fold
from rag.amounts import spoken_value
from rag.lead import question_kind
from rag.pay import daily_pay

SALARY_ARTICLE = "82"
# Days in each period, as Art. 89 turns a salary into a daily one (a week is 7, a month 30).
_DAYS = {"dia": 1, "semana": 7, "quincena": 15, "mes": 30}
_NUMBER = r"(\d{1,2}|un|una|dos|tres|cuatro|cinco|seis)"
_UNIT = r"(dias?|semanas?|quincenas?|mes|meses)"
_UNPAID = re.compile(
    rf"\bno (?:me|nos) (?:ha |han )?(?:paga|pagan|pagado|pagaba|pagaban|deposita|depositan)\w*"
    rf"[^.?!]{{0,20}}?\b(?:desde hace|hace|en)\s+{_NUMBER}\s+{_UNIT}\b|"
    rf"\b(?:me|nos) (?:debe|deben|adeuda|adeudan)\s+{_NUMBER}\s+{_UNIT}\b|"
    rf"\b(?:llevo|llevamos|tengo|tenemos)\s+{_NUMBER}\s+{_UNIT}\s+sin\s+"
    r"(?:cobrar|paga|pago|que me paguen)"
)
_ASKS = re.compile(r"\b(cuanto|cuanta)\b[^.?!]{0,30}\b(debe|deben|adeuda|toca|pagar|paguen)\b")


def _unit_days(unit: str) -> int:
    return next(days for word, days in _DAYS.items() if unit.startswith(word))


def unpaid_time(question: str) -> tuple[int, str] | None:
    """The days of wages unpaid the question tells, and how it said them."""
    found = _UNPAID.search(fold(question))
    if found is None:
        return None
    groups = [g for g in found.groups() if g]
    raw, unit = groups[0], groups[1]
    spoken = spoken_value(raw)
    count = int(spoken) if spoken is not None else int(raw)
    if not 1 <= count <= 24:
        return None
    return count * _unit_days(unit), f"{count} {unit}"


def unpaid_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """What the unpaid time is worth at the question's salary, for "¿cuánto me debe?"."""
    own = fold(asked or question)
    if question_kind(asked or question) != "how_much" or not _ASKS.search(own):
        return None
    if SALARY_ARTICLE not in retrieved:
        return None
    unpaid, daily = unpaid_time(question), daily_pay(question)
    if unpaid is None or daily is None:
        return None
    days, said = unpaid
    amount = daily * Decimal(days)
    return (
        f"Por {said} sin pago te deben unos {pesos(amount)} de salario ({plain(Decimal(days))} "
        f"días a {pesos(daily)} al día): el salario es lo que el patrón debe pagarte por tu "
        f"trabajo (Art. {SALARY_ARTICLE} LFT)."
    )


def needed_articles(question: str) -> tuple[str, ...]:
    folded = fold(question)
    if _ASKS.search(folded) and unpaid_time(question) and daily_pay(question):
        return (SALARY_ARTICLE,)
    return ()
