"""Vacations of the crews whose chapter sets its own (not Art. 76's table): a ship's crew
(Art. 199: 12 working days, 2 more each year up to 24, then 2 more every 5 years) and an air
crew (Art. 233: 30 calendar days, one more a year of service, up to 60). Pure; the articles are
fetched by id (``needed_articles``) so each figure cites what was retrieved.

"Soy marinero, ya cumplí 7 años, ¿cuántos días de vacaciones me tocan?" → 24 días (Art. 199).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from calc.text import fold
from rag.lead import question_kind
from rag.thresholds import service

SHIP_ARTICLE = "199"
AIR_ARTICLE = "233"

VACATIONS = re.compile(r"\bvaca[cs]ion")
SHIP_CREW = re.compile(r"\b(marinero|buque|barco|naviera|embarcacion|tripulante de (un )?barco)\b")
AIR_CREW = re.compile(
    r"\b(sobrecargo|aeromoz\w*|azafat\w*|piloto|copiloto|aerolinea|tripulante de (cabina|vuelo))\b"
)


def ship_vacation_days(years: int) -> int:
    """Art. 199: 12 the first year, 2 more each year up to 24, then 2 more every 5 years."""
    rising = min(12 + 2 * (years - 1), 24)
    if rising < 24:
        return rising
    reached = 7  # 12 + 2 × 6 = 24 in the seventh year
    return 24 + 2 * ((years - reached) // 5)


def _crew(folded: str) -> str | None:
    if AIR_CREW.search(folded):
        return AIR_ARTICLE
    if SHIP_CREW.search(folded):
        return SHIP_ARTICLE
    return None


def _asked_crew(question: str) -> str | None:
    """The crew's vacation article when the question asks how many days a crew member gets."""
    folded = fold(question)
    if not VACATIONS.search(folded) or question_kind(question) != "how_much":
        return None
    return _crew(folded)


def needed_articles(question: str) -> tuple[str, ...]:
    """The crew's vacation article, to fetch by id when retrieval missed it."""
    crew = _asked_crew(question)
    return (crew,) if crew else ()


def crew_vacation_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """The vacation days of a ship's or an air crew's member, for the years the question says."""
    crew = _asked_crew(question)
    if crew is None or crew not in retrieved:
        return None
    if crew == AIR_ARTICLE:
        return (
            "Como tripulante de avión te tocan al año 30 días de calendario de vacaciones, y "
            "aumentan 1 día por cada año de servicios, hasta 60 días (Art. 233 LFT)."
        )
    served = service(question)
    if served is None or not 1 <= served.value <= 60:
        return (
            "En un barco te tocan al menos 12 días laborables de vacaciones al año, 2 más por "
            "cada año hasta 24, y luego 2 más por cada 5 años (Art. 199 LFT)."
        )
    years = int(served.value)
    unit = "año" if years == 1 else "años"
    return (
        f"En un barco, al cumplir {years} {unit} de trabajo te tocan "
        f"{ship_vacation_days(years)} días laborables de vacaciones pagadas; se disfrutan en "
        "tierra (Art. 199 LFT)."
    )
