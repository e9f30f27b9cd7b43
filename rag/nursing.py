"""The nursing breaks of Art. 170-IV weighed against the baby's birth: "mi bebé nació el 1 de
marzo, ¿todavía me toca lo de la lactancia?" → the six months, and whether they ran out.

Pure. The birth is the day the story names after "nació" (or "mi bebé tiene N meses"); the
breaks last "hasta por el término máximo de seis meses" (Art. 170-IV LFT).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from calc.dates import MONTHS, add_months
from calc.text import fold
from rag.lead import question_kind
from rag.phasein import long_date
from rag.thresholds import day_named

NURSING_ARTICLE = "170"
NURSING_MONTHS = 6
# Days either side of the six months' end where the birth told settles nothing.
_CLOSE_DAYS = 7

_ASKED = re.compile(r"\b(lactancia|pecho|amamant\w*|lactar)\b")
_BORN_ON = re.compile(
    r"\b(?:nacio|nacido|naciera|di a luz|me alivie|parto fue)\b[^.?!]{0,20}?"
    rf"\b(\d{{1,2}}) de ({'|'.join(MONTHS)})(?: de(?:l)? (\d{{4}}))?"
)
_AGE = re.compile(
    r"\b(?:mi bebe|mi hij[oa]|la bebe|el bebe|mi nena|mi nene) (?:tiene|ya tiene|cumple) "
    r"(\d{1,2}) (mes|meses)\b"
)


def _birth(folded: str, today: date) -> tuple[date, str] | None:
    found = _BORN_ON.search(folded)
    if found is not None:
        day, month, year = found.groups()
        # The last such day on or before today when no year is given (``day_named``'s reading).
        born = day_named(f"el {day} de {month}" + (f" de {year}" if year else ""), today=today)
        return (born, f"si tu bebé nació el {long_date(born)}") if born is not None else None
    aged = _AGE.search(folded)
    if aged is not None:
        months = int(aged.group(1))
        return add_months(today, -months), f"con tu bebé de {months} meses"
    return None


def nursing_fact(question: str, *, retrieved: Collection[str], today: date) -> str | None:
    """Whether the nursing breaks still run, when the question asks about them and the story
    gives the birth; None otherwise (the rule alone answers)."""
    folded = fold(question)
    if NURSING_ARTICLE not in retrieved or not _ASKED.search(folded):
        return None
    birth = _birth(folded, today)
    if birth is None:
        return None
    born, said = birth
    end = add_months(born, NURSING_MONTHS)
    rule = (
        "mientras das pecho, tienes dos descansos de media hora al día para alimentar a tu bebé, "
        f"hasta por 6 meses (Art. {NURSING_ARTICLE} LFT)"
    )
    yes_no = question_kind(question) == "yes_no"
    if (end - today).days > _CLOSE_DAYS:
        verdict = "Sí: " if yes_no else ""
        text = f"{verdict}{rule}; {said}, te tocan hasta alrededor del {long_date(end)}."
    elif (today - end).days > _CLOSE_DAYS:
        verdict = "No: " if yes_no else ""
        text = (
            f"{verdict}{rule}; {said}, esos 6 meses terminaron alrededor del {long_date(end)}. "
            "Si tu contrato o tu patrón te dan más, eso sí vale."
        )
    else:
        text = f"{rule}; {said}, los 6 meses se cumplen alrededor del {long_date(end)}."
    return f"{text[0].upper()}{text[1:]}"
