"""Listening to the story: facts said in passing go to the case, confirmed in one short line.

Pure. ``take`` keeps what ``bot.facts.extract`` finds in a message and the case does not know yet
(a stored answer changes only through ``/editar``), says in one line what it wrote down, and
speaks up, once per case, about what the facts show (too many hours, pay under the minimum, no
written contract, no social security). Dates and deadlines come from the caller's ``today``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import calc.overtime
import calc.wages
from bot import wording
from bot.conversation import Case, Conversation
from bot.dates import PartialDate
from bot.effects import SaveCase
from bot.facts import Facts, extract
from bot.facts_dates import months_back
from bot.form import STILL_WORKING, Accepted, display, listed, parse_answer
from bot.out import Out, say
from bot.salary import Salary, part_time_days
from calc.dates import MONTHS
from calc.facts import plain
from calc.text import fold

# Shown in the "Anoté:" line, in this order; the rest is kept quietly.
_CONFIRMED = (
    "puesto",
    "patrón",
    "fecha de inicio",
    "fecha de fin",
    "motivo",
    "salario",
    "contrato",
    "horario",
    "situación",
    "días de aguinaldo",
)


def known_facts(case: Case | None) -> Facts:
    """What an extraction needs from the case: an amount still waiting for its pay period, and
    the end of the job ("llevaba 1 año" counts back from it)."""
    if case is None:
        return Facts()
    pending = case.fields.get("monto sin periodo")
    ended = case.fields.get("fecha de fin")
    end = PartialDate.from_iso(ended) if ended and ended != STILL_WORKING else None
    return Facts(salary_amount_only=Decimal(pending) if pending else None, end=end)


# A story that names no topic may still show one through what it tells.
_FLAG_TOPICS = (
    ("accidente", "riesgo de trabajo"),
    ("embarazada", "embarazo o maternidad"),
    ("maternidad", "embarazo o maternidad"),
    ("acoso", "acoso o discriminación"),
    ("horas_extra_sin_pago", "jornada u horas extra"),
    ("sin_vacaciones", "vacaciones"),
    ("sin_imss", "salario o prestaciones"),
)
# "nos dan 30 días de aguinaldo": a contract that gives more than the law's 15 days (Art. 87).
_AGUINALDO_DAYS = re.compile(r"\b(\d{2})\s*dias de aguinaldo\b")
_MONEY = re.compile(r"\$|peso|gan(o|aba)|pag(an|aban|aron)|sueldo|salario|mil\b")


def take(
    conv: Conversation, out: Out, text: str, *, asked: str | None = None, correct: bool = False
) -> tuple[Conversation, Facts]:
    """Read ``text`` for facts; store the new ones in the current case and say what was taken.

    ``asked`` is the form question being answered: a bare number is an amount waiting for its
    period only when the pay was asked or the message talks about money. ``correct`` lets a
    short statement ("desde marzo del 2023") replace what the case held.
    """
    case = conv.case
    found = extract(text, today=conv.today, previous=known_facts(case))
    if (
        found.salary_amount_only is not None
        and asked != "salario"
        and not _MONEY.search(fold(text))
    ):
        found = replace(found, salary_amount_only=None)
    if case is None or not conv.linked:
        return conv, found
    found = _end_told_bare(case, found, text, asked=asked, today=conv.today)
    new = _new_fields(case, found, text)
    new.update(_start_from_served({**case.fields, **new}))
    changed = {}
    if correct:
        changed = {
            name: value
            for name, value in found.fields().items()
            if value and case.fields.get(name) and case.fields[name] != value and name != "tema"
        }
        new.update(changed)
    if not new:
        return conv, found
    fields = {**case.fields, **new}
    if "salario" in fields:
        fields.pop("monto sin periodo", None)
    updated = replace(case, fields=fields)
    out.effects.append(SaveCase(updated))
    shown = [_shown(name, fields) for name in _CONFIRMED if name in new]
    if shown:
        say(conv, out, wording.CORRECTED if changed else wording.NOTED, facts=" · ".join(shown))
    return conv.with_case(updated), found


# A day sent alone ("el 30 de noviembre", "30/11/2026"): a date with nothing to tell what it is.
_BARE_DATE = re.compile(
    rf"^\W*(?:fue |era )?(?:el )?\d{{1,2}}(?: de (?:{'|'.join(MONTHS)}|setiembre)"
    r"(?: de(?:l)? \d{4})?|/\d{1,2}(?:/\d{2,4})?)\W*$"
)
# How recent a day sent alone must be to be the end of a job that ended and has no end date.
_RECENT_DAYS = 180


def _end_told_bare(case: Case, found: Facts, text: str, *, asked: str | None, today: date) -> Facts:
    """ "El 30 de noviembre" sent alone in a case whose job ended (a dismissal or a resignation)
    with no end date yet, while no start is asked: the day it ended, when recent. Read as the
    form reads its end date (``parse_answer``)."""
    ended = case.fields.get("motivo") in ("despido", "renuncia", "rescision")
    if found.end is not None or found.start is not None or not ended:
        return found
    if case.fields.get("fecha de fin") or asked == "fecha de inicio":
        return found
    if not _BARE_DATE.match(fold(text)):
        return found
    read = parse_answer("fecha de fin", text, today=today, fields=case.fields)
    if not isinstance(read, Accepted):
        return found
    end = PartialDate.from_iso(read.value)
    if not 0 <= (today - end.latest()).days <= _RECENT_DAYS:
        return found
    return replace(found, end=end)


def _shown(name: str, fields: dict[str, str]) -> str:
    value = display(name, fields[name])
    if name == "salario":
        value = value.split(" (")[0]  # "$9,000.00 al mes", without the daily figure
    if name in listed(fields, "aproximadas"):
        value += " (aprox.)"
    if name == "días de aguinaldo":
        return f"{value} días de aguinaldo"
    if name == "fecha de fin" and fields[name] == STILL_WORKING:
        return "sigues trabajando ahí"
    labels = {"fecha de inicio": "desde ", "fecha de fin": "hasta ", "patrón": "en "}
    return labels.get(name, "") + value


def _new_fields(case: Case, found: Facts, text: str = "") -> dict[str, str]:
    """The facts in ``found`` that the case does not hold yet, as canonical field values."""
    have = case.fields
    new = {name: value for name, value in found.fields().items() if value and not have.get(name)}
    if not have.get("tema") and "tema" not in new:
        topic = next((t for flag, t in _FLAG_TOPICS if flag in found.flags), None)
        if topic is not None:
            new["tema"] = topic
    if found.ended_how and not have.get("motivo"):
        new["motivo"] = found.ended_how
    # "Me corrieron ayer" after "trabajo en una purificadora": the job held as going on ended.
    ended = found.fields().get("fecha de fin")
    if have.get("fecha de fin") == STILL_WORKING and ended and ended != STILL_WORKING:
        new["fecha de fin"] = ended
    # "Llevo 2 años" said after "me corrieron" (or in the same story) is how long the job
    # lasted, not that it goes on.
    if new.get("fecha de fin") == STILL_WORKING and (have.get("motivo") or new.get("motivo")):
        del new["fecha de fin"]
    if found.place and not have.get("lugar"):
        new["lugar"] = found.place
        zone = parse_answer("zona", found.place, today=case.opened_on, fields={})
        if getattr(zone, "value", None) == "frontera" and not have.get("zona"):
            new["zona"] = "frontera"
    flags = set(listed(have, "situación"))
    if found.flags - flags:
        new["situación"] = ",".join(sorted(flags | found.flags))
    approx = set(listed(have, "aproximadas"))
    if found.start_approx and "fecha de inicio" in new:
        approx.add("fecha de inicio")
    if found.end_approx and "fecha de fin" in new:
        approx.add("fecha de fin")
    if approx - set(listed(have, "aproximadas")):
        new["aproximadas"] = ",".join(sorted(approx))
    days = _AGUINALDO_DAYS.search(fold(text)) if text else None
    if days and 15 < int(days[1]) <= 90 and have.get("días de aguinaldo") != days[1]:
        new["días de aguinaldo"] = days[1]
    if found.weekly_hours is not None and not have.get("horas a la semana"):
        new["horas a la semana"] = str(found.weekly_hours)
    if found.overtime_hours is not None and not have.get("horas extra"):
        new["horas extra"] = plain(found.overtime_hours)
    if found.salary_amount_only is not None and not have.get("salario") and "salario" not in new:
        new["monto sin periodo"] = str(found.salary_amount_only)
    if found.served_months and not have.get("fecha de inicio") and "fecha de inicio" not in new:
        new["meses trabajados"] = str(found.served_months)
    return new


def _start_from_served(fields: dict[str, str]) -> dict[str, str]:
    """ "Trabajé 5 años" told first and the end date later: the start, counted back (approx)."""
    months, ended = fields.get("meses trabajados"), fields.get("fecha de fin")
    if not months or fields.get("fecha de inicio") or not ended or ended == STILL_WORKING:
        return {}
    start = months_back(PartialDate.from_iso(ended), int(months))
    approx = ",".join(sorted({*listed(fields, "aproximadas"), "fecha de inicio"}))
    return {"fecha de inicio": start.iso(), "aproximadas": approx}


def speak_up(conv: Conversation, out: Out) -> Conversation:
    """One line for each thing the case's facts show that the worker should know, once per case."""
    case = conv.case
    if case is None:
        return conv
    fields = case.fields
    given = set(listed(fields, "avisos"))
    lines: list[tuple[str, str]] = []
    weekly = fields.get("horas a la semana")
    limit = calc.overtime.weekly_hours(conv.today)
    if weekly and Decimal(weekly) > limit:
        lines.append(("horas", wording.NOTICE_HOURS.format(hours=weekly, limit=limit)))
    salary = fields.get("salario")
    if salary:
        pay = Salary.from_canonical(salary)
        daily = pay.daily()
        days = part_time_days(fields.get("horario"))
        if pay.period != "dia" and days is not None:
            # "1,200 a la semana, voy 3 días": $400 for each day worked is above the minimum.
            daily = (daily * 7 / days).quantize(Decimal("0.01"))
        zone = fields.get("zona") or "general"
        minimum = calc.wages.minimum_wage(conv.today).for_zone(
            "frontera" if zone == "frontera" else "general"
        )
        if daily < minimum:
            lines.append(
                (
                    "minimo",
                    wording.NOTICE_MINIMUM.format(
                        daily=daily, minimum=minimum, year=conv.today.year
                    ),
                )
            )
    if fields.get("contrato") == "sin contrato escrito":
        lines.append(("contrato", wording.NOTICE_NO_CONTRACT))
    if "sin_imss" in listed(fields, "situación"):
        lines.append(("imss", wording.NOTICE_IMSS))
    fresh = [(key, line) for key, line in lines if key not in given]
    if not fresh:
        return conv
    for _, line in fresh:
        say(conv, out, line.replace("{", "{{").replace("}", "}}"))
    avisos = ",".join(sorted(given | {key for key, _ in fresh}))
    updated = case.with_field("avisos", avisos)
    out.effects.append(SaveCase(updated))
    return conv.with_case(updated)
