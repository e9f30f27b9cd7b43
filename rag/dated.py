"""A yes/no question naming a month, against a rule's fixed yearly date ("antes del 20 de
diciembre"): "¿me lo pueden pagar en enero?" is settled by the calendar. Pure.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

from calc.dates import MONTHS
from calc.text import fold
from rag.rules import Rule

_MONTH = "(" + "|".join(MONTHS) + ")"
# A rule's fixed yearly deadline: "antes del 20 de diciembre".
_BEFORE_DATE = re.compile(rf"\b(\w+) antes del? (?:dia )?(\d{{1,2}}) de {_MONTH}\b")
# The question's month must be when that act happens ("pagar… en enero", not "entré en enero").
_SAME_ACT = {"pag": ("pag", "dar", "dan", "den", "deposit", "entreg")}
_ACT_WINDOW = 6
# When the question says it happens: "en enero", "el 5 de enero", "hasta febrero".
_WHEN = re.compile(
    rf"\b(?:(\d{{1,2}}) de |en |hasta |para |a (?:finales|principios) de ){_MONTH}\b"
)


def date_verdict(question: str, rule: Rule) -> str | None:
    """ "enero" or "el 5 de enero" when the question's month falls on or after the rule's fixed
    yearly deadline ("antes del 20 de diciembre"), "" when it falls before it, None when the rule
    has no such deadline or the question no single month tied to the rule's act (or the
    deadline's own month without a day: too close to call). A month is read as the occurrence
    nearest the deadline: "en enero" against December is the January after it."""
    deadline = _BEFORE_DATE.search(fold(rule.rule))
    folded = fold(question)
    found = list(_WHEN.finditer(folded))
    said = {(m.group(1), m.group(2)) for m in found}
    if deadline is None or len(said) != 1 or not 1 <= int(deadline.group(2)) <= 28:
        return None
    act = deadline.group(1)[:3]
    before = folded[: found[0].start()].split()[-_ACT_WINDOW:]
    if not any(w.startswith(_SAME_ACT.get(act, (act,))) for w in before):
        return None
    day_text, month_name = said.pop()
    month = MONTHS.index(month_name) + 1
    limit_month = MONTHS.index(deadline.group(3)) + 1
    if day_text is None and month == limit_month:
        return None
    # "El 31 de diciembre" is the 31st (a non-leap year's last day of the month at most).
    day = min(int(day_text), monthrange(2001, month)[1]) if day_text and int(day_text) else 1
    offset = (date(2001, month, day) - date(2001, limit_month, int(deadline.group(2)))).days
    offset = (offset + 182) % 365 - 182  # the occurrence nearest the deadline
    late = offset >= 0
    return (f"el {day_text} de {month_name}" if day_text else month_name) if late else ""
