"""One question with everything retrieved for it, as the answer pipeline hands it around.

Plain data and pure helpers; ``rag.answer`` fills it, the answerers read it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from calc.dates import MONTHS
from calc.text import fold
from rag.next_steps import is_dismissal
from rag.rule_index import RuleMatch
from rag.thresholds import service
from rag.types import Passage
from rag.wage_floor import BORDER

# Situations (bot's "situación" words) under which a special chapter of the law applies.
REGIME_WORDS = (
    "embarazada",
    "maternidad o lactancia",
    "trabajo del hogar",
    "trabajo por aplicación",
    "menor de edad",
)


def regime(context: Mapping[str, str] | None) -> str:
    """The special situations the case form names ("embarazada"…), as words for retrieval."""
    return " ".join(w for w in REGIME_WORDS if w in (context or {}).get("situación", ""))


# The form's dates as bot shows them: "15/03/2021", "marzo de 2021", "2021".
_SHOWN_DATE = re.compile(r"^(?:(\d{1,2})/(\d{1,2})/(\d{4})|([a-z]+) de (\d{4})|(\d{4}))$")


# "miércoles a lunes, descanso los martes": the weekday of rest a schedule names.
_REST_WEEKDAY = re.compile(
    r"\bdescans\w* (?:es |el |los )*(lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _shown_date(text: str) -> date | None:
    # A date kept as "2004-03-01" (an import, an API) reads as the form's "01/03/2004".
    iso = _ISO_DATE.match(text.strip())
    if iso is not None:
        text = f"{iso.group(3)}/{iso.group(2)}/{iso.group(1)}"
    found = _SHOWN_DATE.match(fold(text.strip()))
    if found is None:
        return None
    day, month, year, name, named_year, bare = found.groups()
    try:
        if year:
            return date(int(year), int(month), int(day))
        if name:
            return date(int(named_year), MONTHS.index(name) + 1, 1) if name in MONTHS else None
        return date(int(bare), 1, 1)
    except ValueError:
        return None


def served(context: Mapping[str, str] | None, *, today: date) -> str:
    """The time worked and the pay the case form shows, said as a worker says them ("llevo 4 años
    de antigüedad. gano $9,000.00 al mes."), so the figures and the rules weigh them as if the
    question had said them; "" when the form shows neither. The time worked comes from the start
    date, else from the worker's own story ("llevo 9 años"). Never shown to the worker."""
    context = context or {}
    said = [_time_served(context, today=today)]
    # A start this year is what the aguinaldo's proportional part counts from.
    shown = context.get("fecha de inicio", "")
    start = _shown_date(shown)
    if start is not None and start.year == today.year and start <= today:
        month = f"{MONTHS[start.month - 1]} de {start.year}"
        exact = "/" in shown  # "01/07/2026"; "julio de 2026" names no day
        said.append(f"entré el {start.day} de {month}." if exact else f"entré en {month}.")
    # An end this year bounds the year's proportional parts: "trabajé de enero a junio".
    ended = context.get("fecha de fin", "")
    end = _shown_date(ended)
    if end is not None and end.year == today.year and end <= today:
        this_year = start is not None and start.year == today.year
        if this_year and start is not None and "/" in shown and "/" in ended:
            # Both days known: the days worked, not whole months ("del 2 de febrero al 1 de
            # agosto" is 181 days, not 7 months).
            said.append(
                f"trabajé del {start.day} de {MONTHS[start.month - 1]} al {end.day} de "
                f"{MONTHS[end.month - 1]} de {end.year}."
            )
        else:
            began = start.month if start is not None and this_year else 1
            said.append(f"trabajé de {MONTHS[began - 1]} a {MONTHS[end.month - 1]} de {end.year}.")
    # A pregnancy the form holds weighs as told: "no me van a dar la incapacidad x q no tengo
    # semanas" is a maternity leave's.
    if "embarazada" in context.get("situación", ""):
        said.append("estoy embarazada.")
    # A worker the form holds as never insured: "¿quién me paga los días?" weighs it.
    if "sin seguro social" in context.get("situación", ""):
        said.append("no me tenian en el imss.")
    # Overtime the form holds as unpaid: "¿eso es legal?" weighs it.
    if "horas extra sin pago" in context.get("situación", ""):
        said.append("no me pagan las horas extra.")
    # The weekly rest day the schedule names: "¿cuánto me pagan por ese día?" of a Tuesday worked
    # is a rest day's (Art. 73).
    rest = _REST_WEEKDAY.search(fold(context.get("horario", "")))
    if rest is not None:
        day = rest.group(1)
        said.append(f"descanso los {day}{'' if day.endswith('s') else 's'}.")
    # A border city the job names ("empleada de mostrador en Tijuana"): the minimum wage there is
    # the border's.
    if BORDER.search(fold(f"{context.get('puesto', '')} {context.get('descripción', '')}")):
        said.append("trabajo en la frontera.")
    pay = context.get("salario", "").split(" (", 1)[0].strip()  # "$9,000.00 al mes (unos …)"
    if pay:
        said.append(f"gano {pay}.")
    # How the job ended, as the worker would say it: "¿y de cuánto sería la indemnización?"
    # is a dismissal's.
    motive = context.get("motivo", "").strip()
    reason = _reason(motive)
    if motive and not reason and not _EMPLOYER_RESCINDS.search(fold(motive)):
        # A reason in the worker's own words ("perdí la vista por la diabetes y ya no puedo
        # manejar"): the story a follow-up ("¿y si me dan de baja por eso?") is about.
        said.append(f"{motive.rstrip('.')}.")
    if reason:
        # When it ended, as "hace N días": "¿hasta cuándo puedo demandar?" is weighed against it.
        gone = (today - end).days if end is not None else 0
        when = f" hace {gone} días" if 0 < gone <= _DATED_DAYS else ""
        said.append(f"{_REASON_SAID[reason][:-1]}{when}.")
    return " ".join(s for s in said if s)


def ended_by(context: Mapping[str, str] | None) -> str:
    """How the case form says the job ended, as a word for retrieval ("despido"), or ""."""
    return _reason((context or {}).get("motivo", ""))


def _reason(told: str) -> str:
    """The form's reason ("despido", "renuncia", "rescision") for its value or the words a
    worker would choose it with ("me dijeron que ya no fuera" is a dismissal); "" for none."""
    folded = fold(told.strip())
    if folded in _REASON_SAID:
        return folded
    # "despido; me dieron carta de rescisión…": the form's value, then the worker's words.
    first = re.match(r"(despido|renuncia|rescision)\b\s*[;:,.(-]", folded)
    if first is not None:
        return first.group(1)
    # "Me quieren rescindir" is the employer's rescission, a dismissal still to come: no reason
    # the job ended yet.
    if _EMPLOYER_RESCINDS.search(folded):
        return "" if _TO_COME.search(folded) else "despido"
    if _LEFT_FOR_CAUSE.search(folded):
        return "rescision"
    if _RESIGNED.search(folded):
        return "renuncia"
    return "despido" if is_dismissal(folded) else ""


_RESIGNED = re.compile(r"\brenunci")
_EMPLOYER_RESCINDS = re.compile(
    r"\b(me|le|nos|lo|la) (quieren |quiere |van a |va a )?rescind\w*|\brescindieron\b|"
    r"\b(me|le|nos) (dieron|dio|entregaron|entrego) (una |la |su )?carta de rescision\b|"
    r"\b(el patron|la empresa) (me )?(rescindio|quiere rescindir|va a rescindir)"
)
_TO_COME = re.compile(r"\b(quieren|quiere|van a|va a)\b")
_LEFT_FOR_CAUSE = re.compile(r"\b(culpa del patron|rescind|rescision)")


# The case form's reasons (``bot.form.REASON_VALUES``) in the worker's words.
# How far back an end date is still told as "hace N días" (as ``rag.thresholds.days_since``).
_DATED_DAYS = 3 * 365
_REASON_SAID = {
    "despido": "me despidieron.",
    "renuncia": "renuncié.",
    "rescision": "me fui por culpa del patrón.",
}


def _time_served(context: Mapping[str, str], *, today: date) -> str:
    start = _shown_date(context.get("fecha de inicio", ""))
    if start is None:
        story = service(context.get("descripción", ""))
        if story is None or not 0 < story.value <= 60:
            return ""
        return _served_said(round(story.value * 12))
    ended = context.get("fecha de fin", "")
    end = today if not ended or fold(ended).startswith("sigue") else _shown_date(ended)
    if end is None or end < start:
        return ""
    # Whole months and years, from date to date ("15/03/2021" to "15/03/2022" is a year).
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return _served_said(months)


def _served_said(months: int) -> str:
    """ "llevo 4 años de antigüedad" (whole years), "llevo 8 meses…" under a year."""
    years = months // 12
    if years >= 1:
        return f"llevo {years} {'año' if years == 1 else 'años'} de antigüedad."
    if months >= 1:
        return f"llevo {months} {'mes' if months == 1 else 'meses'} de antigüedad."
    return ""


@dataclass(frozen=True)
class Case:
    """One question with everything retrieved for it."""

    question: str
    context: Mapping[str, str] | None
    history: Sequence[tuple[str, str]]
    expansions: tuple[str, ...]
    today: date
    articles: list[Passage]
    transitorios: list[Passage]
    notes: list[tuple[str, tuple[str, ...]]]
    rules: tuple[RuleMatch, ...] = ()
    facts: tuple[str, ...] = ()
    detail: bool = False
    # A follow-up ("¿es legal?") with the turns it follows: their figures weigh too.
    told: str = ""
