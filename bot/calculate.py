"""Calculations in the chat: which one a message asks for, the facts it lacks, and the reply.

Pure. The figures come from the ``calc`` package. This module maps the case's answers to a
``calc.Job``, names the facts still missing (asked one at a time by the form), and renders the
result for the channel: a monospace table on Telegram, short lines on WhatsApp.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import calc
import calc.overtime
import calc.render
from bot import wording
from bot.conversation import Case
from bot.dates import PartialDate, long_spanish
from bot.facts_money import offered
from bot.facts_text import Text
from bot.form import STILL_WORKING, listed
from bot.messages import Channel
from bot.salary import Salary, part_time_week
from calc.facts import pesos
from calc.text import fold
from calc.words import UNPAID_WAGES

_REASONS: dict[str, calc.Reason] = {
    "renuncia": "renuncia",
    "despido": "despido",
    "rescision": "rescision",
}
_ZONES: dict[str, calc.Zone] = {"general": "general", "frontera": "frontera"}
KINDS = ("aguinaldo", "vacaciones", "finiquito", "liquidacion", "horas-extra", "plazo")
LABELS = {
    "aguinaldo": "aguinaldo",
    "vacaciones": "vacaciones y prima vacacional",
    "finiquito": "finiquito (lo que te deben al terminar)",
    "liquidacion": "liquidación por despido injustificado",
    "horas-extra": "horas extra",
    "plazo": "plazo para reclamar un despido",
}
# calc's names for missing facts → the form field that asks for them.
_FIELD_FOR = {
    "salario": "salario",
    "inicio": "fecha de inicio",
    "fin": "fecha de fin",
    "despido": "fecha de fin",
    "motivo": "motivo",
    "zona": "zona",
    "jornada": "jornada",
    "horas_extra": "horas extra",
}
_HOW_MUCH = re.compile(
    r"\bcuant[oa]s?\b|calcul|me toca|me tocan|me corresponde|me deben|me debe\b|"
    r"me (tiene|tienen|van) a? ?(que |q )?(dar|pagar)|de cuanto|\bmonto\b|sacar cuentas|cuanto es"
)
_CONCEPTS: tuple[tuple[str, str], ...] = (
    (r"a?gu?inald", "aguinaldo"),
    (r"vacacion|prima vacacional", "vacaciones"),
    (r"finiquito", "finiquito"),
    (r"liquidacion|indemnizacion", "liquidacion"),
    (r"horas? extras?|tiempo extra|\b(?:las|mis|unas|de) extras\b", "horas-extra"),
)
# A how-much follow-up with nothing of its own ("¿y cuánto me toca?", "cuanto seria"): its
# concept is the one of the question before it.
_BARE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "y pues entonces ok oye a mi me de eso ahi en total seria serian es son sale toca tocaria "
        "tocan tocarian dan darian deben debe corresponde pagan pagarian cuanto cuanta cuantos "
        "dinero lana feria varo mas o menos aprox aproximadamente dias",
    )
)
_DEADLINE = re.compile(
    r"hasta cuando|cuanto tiempo tengo|\bplazo\b|se me pasa|prescri|todavia (puedo|alcanzo)|"
    r"aun (puedo|alcanzo)|ya no (puedo|alcanzo)|se me vence|tiempo para (demandar|reclamar)"
)
# "si renuncio, ¿me toca…?": a resignation's pay, not a dismissal's.
_RESIGNING = re.compile(r"\brenunci|\bme (salgo|voy a salir|quiero salir)\b")
_CLAIM = re.compile(r"demand|reclam|corri(?!do\b)|despid|echaron|sacaron|liquidac|conciliacion")
# "Si me corren, ¿cuánto me toca?": a dismissal told (or feared) in the question itself.
_DISMISSAL = re.compile(
    r"\b(me|nos|lo|la|le) (corr(en|e|ieron|io|an|iera|ieran)|despid\w*|echa(n|ron|ran)?|"
    r"sac(an|aron|aran)|liquid(an|aron|aran))\b|\bdespid(o|ieron|en|an)\b"
)
WHATSAPP_LIMIT = 1600
REMINDER_WHAT = "presentar tu solicitud ante el Centro de Conciliación"
REMINDER_DAYS_BEFORE = (14, 3)


# What an elliptical follow-up may carry beside the payment it names ("¿y de vacaciones?", "y
# la prima vacacional q?").
_ELLIPSIS_WORDS = frozenset(
    re.findall(
        r"\w+",
        "y e de del la las el los lo mi mis sus su que q pues entonces tambien ok proporcional "
        "proporcionales parte",
    )
)


def _named_alone(folded: str) -> str | None:
    """The payment a short follow-up names with nothing else of its own."""
    for pattern, kind in _CONCEPTS:
        rest = re.sub(f"(?:{pattern})\\w*", " ", folded, count=1)
        if rest != folded and set(re.findall(r"[a-zñ]+", rest)) <= _ELLIPSIS_WORDS:
            return kind
    return None


def _bare_how_much(folded: str) -> bool:
    """ "¿Y cuánto sería?", alone or as one clause of a message that adds the facts ("¿cuánto
    sería? me paga 450 el día")."""
    for clause in re.split(r"[?¿.;!,]", folded):
        words = re.findall(r"[a-zñ]+", clause)
        if words and set(words) <= _BARE_WORDS and any(w.startswith("cuant") for w in words):
            return True
    return False


def intent(text: str, case: Case | None, *, previous: str | None = None) -> str | None:
    """The calculation a message asks for, if any ("¿cuánto me toca de aguinaldo?"); a bare
    "¿y cuánto me toca?" asks for the figure of ``previous`` (the last question answered)."""
    kind = _intent(text, case, previous=previous)
    if kind in _INCLUDED_IN_APP_PAY and case is not None and _on_an_app(case):
        return None  # Art. 291-F: an app's pay per service already includes them; the law says so
    return kind


# An app worker's pay per service already includes the proportional aguinaldo, vacations and
# their premium (Art. 291-F): there is nothing to compute from a salary.
_INCLUDED_IN_APP_PAY = frozenset({"aguinaldo", "vacaciones"})


def _on_an_app(case: Case) -> bool:
    return "plataforma" in listed(case.fields, "situación")


# "si renuncio me tienen que dar mi liquidación, ¿verdad?", "dice que no me toca nada, ¿es
# cierto?": a claim to confirm or correct, not a figure asked for (the answer says yes or no,
# and the pesos when it has them); "¿cuánto sería?" still asks for the figure.
_CONFIRM = re.compile(r"\b(verdad|es [cs]ierto|[cs]ierto|o no|es asi|neta)\W*$|\bes [cs]ierto\b")
_ASKS_AMOUNT = re.compile(r"\bcuant[oa]s?\b|\bde a cuanto\b|\bcalcul")


# "¿Con qué sueldo me tienen que calcular la liquidación?" asks what the law takes as the wage
# (Arts. 89, 289), not for the figure.
_ASKS_BASIS = re.compile(r"\bcon (que|q|cual) (sueldo|salario|pago)\b")


def _intent(text: str, case: Case | None, *, previous: str | None = None) -> str | None:
    folded = fold(text)
    if _CONFIRM.search(folded) and not _ASKS_AMOUNT.search(folded):
        return None
    if _ASKS_BASIS.search(folded) and not re.search(r"\bcuant[oa]s?\b", folded):
        return None
    if previous and _bare_how_much(folded):
        before = fold(previous)
        concept = next((kind for pattern, kind in _CONCEPTS if re.search(pattern, before)), None)
        if concept is not None:
            return concept
    if previous and _HOW_MUCH.search(fold(previous)):
        # "¿Y de vacaciones?" after "¿cuánto me toca de aguinaldo?": the same question, of
        # another payment.
        concept = _named_alone(folded)
        if concept is not None:
            return concept
    topic = case.topic if case else None
    # ("Si firmo, ¿ya no puedo reclamar?" asks what signing costs, not how long is left.)
    signing = re.search(r"\bfirm", folded) is not None
    # A work risk's term runs from when the incapacity is rated (Art. 519), not from a
    # dismissal: "me accidenté hace 2 años, ¿todavía puedo reclamar?" is the answerer's.
    risk = topic == "riesgo de trabajo" and not _DISMISSAL.search(folded)
    claim = _CLAIM.search(folded) or topic == "despido"
    if _DEADLINE.search(folded) and claim and not signing and not risk:
        return "plazo"
    concept = next((kind for pattern, kind in _CONCEPTS if re.search(pattern, folded)), None)
    # "Me quieren dar 5 mil de finiquito" after a dismissal: what the law gives is the
    # liquidación (the finiquito's items are in it).
    if concept == "finiquito" and case is not None and case.fields.get("motivo") == "despido":
        return "liquidacion"
    if concept in ("finiquito", "liquidacion"):
        return concept
    # "Me quieren dar 20 mil y ya, ¿lo acepto?" after a dismissal: the offer is weighed against
    # what the law gives.
    if case is not None and case.fields.get("motivo") == "despido" and offered(Text.of(text)):
        return "liquidacion"
    if not _HOW_MUCH.search(folded):
        return None
    if concept is not None:
        return concept
    # "¿Cuánto me pagaría el IMSS?" asks what the IMSS pays (the answerer's), not the employer.
    if _OTHER_PAYER.search(folded):
        return None
    if _RESIGNING.search(folded):
        # Leaving over the employer's fault (Art. 51) is paid like a dismissal (Art. 52).
        return "liquidacion" if _leaving_for_fault(folded, case) else "finiquito"
    if _DISMISSAL.search(folded):
        return "liquidacion"
    # ("¿Cuánto sería?" after "¿me deben algo?" was answered with the liquidación: its figure.)
    bare = _bare_how_much(folded)
    if topic == "despido" and (
        bare or re.search(r"me toca|me deben|me corresponde|pagar|\bdar\b", folded)
    ):
        reason = case.fields.get("motivo") if case else None
        # (A bare "¿y cuánto sería?" asks of the question before it: "si renuncio…".)
        said = f"{folded} {fold(previous or '')}" if bare else folded
        resigning = reason == "renuncia" or (not reason and _RESIGNING.search(said))
        return "finiquito" if resigning else "liquidacion"
    # "¿Cuánto me deben?" in a case about unpaid overtime: the overtime's figure.
    if topic == "jornada u horas extra" and (bare or _OWED.search(folded)):
        return "horas-extra"
    return None


_OWED = re.compile(
    r"\b(me|nos) (deben|debe|toca|tocan|corresponde|tienen que pagar|tiene que pagar)\b"
)


# Who pays, when not the employer: the IMSS's subsidy, the AFORE, the INFONAVIT.
_OTHER_PAYER = re.compile(r"\b(imss|seguro social|el seguro|afore|infonavit)\b")


# "Si me salgo por su culpa": a rescission (Art. 51), not a resignation.
_FAULT = re.compile(
    r"\bpor su culpa\b|\bculpa (del|de mi) (patron|jefe|jefa|supervisor)|\brescind|"
    r"\bpor (el |los |la )?(acoso|malos tratos|hostigamiento|maltrato)"
)
# What the case tells of the employer that lets the worker leave (Art. 51): its topic, its flag.
_FAULT_TOPICS = frozenset({"acoso o discriminación"})
_FAULT_FLAGS = frozenset({"acoso"})


# Wages unpaid, told in the case's story: a fault of Art. 51 too ("no me a pagado 3 semanas").
_UNPAID_STORY = re.compile(UNPAID_WAGES)


def _leaving_for_fault(folded: str, case: Case | None) -> bool:
    if _FAULT.search(folded) is not None:
        return True
    if case is None:
        return False
    if _UNPAID_STORY.search(fold(case.fields.get("descripción", ""))):
        return True
    return case.topic in _FAULT_TOPICS or bool(_FAULT_FLAGS & set(listed(case.fields, "situación")))


# "¿Me puedo salir y que me paguen?", "¿me tienen que liquidar?": what leaving or a dismissal
# would pay, asked without "cuánto".
_LEAVING = re.compile(
    r"\b(salir|salirme|irme|me voy|dejar el trabajo|dejar la chamba)\b|"
    r"\b(puedo|quiero|podria) ir\b"
)
_PAY_ON_LEAVING = re.compile(r"\b(paguen|pagar|liquid\w*|indemniz\w*|me toca algo|me dan algo)\b")


# A story that is only a doubt about one payment: "tengo una duda sobre mi aguinaldo".
_DOUBT = re.compile(r"\b(duda|dudas|pregunta|saber|info|informacion|sobre|acerca)\b")


def doubt_about(story: str) -> str | None:
    """The aguinaldo or the vacations a short story only asks about ("tengo una duda sobre mi
    aguinaldo"): once the form holds the facts, its figure is the answer."""
    folded = fold(story)
    if len(folded.split()) > 12 or not _DOUBT.search(folded):
        return None
    concepts = {kind for pattern, kind in _CONCEPTS if re.search(pattern, folded)}
    if len(concepts) != 1 or _DISMISSAL.search(folded) or _RESIGNING.search(folded):
        return None
    (concept,) = concepts
    return concept if concept in ("aguinaldo", "vacaciones") else None


def pay_asked(question: str, case: Case | None) -> str | None:
    """The calculation a question about being paid on leaving asked for, once the facts came
    ("¿me puedo salir y que me paguen?" and then "gano 2000 a la semana, llevo 4 años")."""
    folded = fold(question)
    if not _PAY_ON_LEAVING.search(folded):
        return None
    if _RESIGNING.search(folded) or _LEAVING.search(folded):
        return "liquidacion" if _leaving_for_fault(folded, case) else "finiquito"
    if _DISMISSAL.search(folded) or (case is not None and case.fields.get("motivo") == "despido"):
        return "liquidacion"
    return None


def _partial(value: str | None) -> PartialDate | None:
    if not value or value == STILL_WORKING:
        return None
    try:
        return PartialDate.from_iso(value)
    except ValueError:
        return None


def job(fields: Mapping[str, str]) -> calc.Job:
    """The case's answers as the calculators' input (partial dates are read as their first day)."""
    salary = fields.get("salario")
    daily = None
    if salary:
        pay = Salary.from_canonical(salary)
        daily = calc.daily_salary(pay.amount, pay.period)
    start, end = _partial(fields.get("fecha de inicio")), _partial(fields.get("fecha de fin"))
    approximate = bool(listed(fields, "aproximadas")) or any(
        d is not None and d.day is None for d in (start, end)
    )
    reason = fields.get("motivo")
    zone = fields.get("zona")
    hours = fields.get("jornada")
    bonus_days = fields.get("días de aguinaldo")
    return calc.Job(
        daily_salary=daily,
        start=start.earliest() if start else None,
        end=end.earliest() if end else None,
        reason=_REASONS.get(reason or ""),
        zone=_ZONES.get(zone or ""),
        daily_hours=Decimal(hours) if hours else None,
        aguinaldo_days=int(bonus_days) if bonus_days and bonus_days.isdigit() else 15,
        approximate_dates=approximate,
        vacations_never_taken="sin_vacaciones" in listed(fields, "situación"),
    )


def _extra_hours(fields: Mapping[str, str]) -> Decimal | None:
    hours = fields.get("horas extra")
    return Decimal(hours) if hours else None


def _dismissed_on(fields: Mapping[str, str]) -> date | None:
    """The day of the dismissal: the end of the job, unless the worker resigned (then the end
    is no dismissal, and what is owed prescribes in a year, Art. 516, not in two months)."""
    if fields.get("motivo") == "renuncia":
        return None
    end = _partial(fields.get("fecha de fin"))
    return end.earliest() if end else None


def _part_time(fields: Mapping[str, str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """The case's answers with pay by the day worked a few days a week as the week's pay, and a
    note saying so."""
    found = part_time_week(fields.get("salario"), fields.get("horario"))
    if found is None:
        return dict(fields), ()
    week, days = found
    note = wording.CALC_PART_TIME.format(
        days=days, weekly=pesos(week.amount), daily=pesos(week.amount / 7)
    )
    return {**fields, "salario": week.canonical()}, (note,)


def inferred(fields: Mapping[str, str], *, today: date) -> tuple[dict[str, str], tuple[str, ...]]:
    """The case's answers plus what its schedule implies for overtime, and a note saying so.

    A schedule of 72 hours a week in 2026 means 24 hours beyond the 48-hour week; the pay is
    taken to cover the legal day shift of 8 hours (Art. 61).
    """
    weekly = fields.get("horas a la semana")
    if fields.get("horas extra") and not fields.get("jornada"):
        # The hours told, the day's length not: the legal day shift, as the answer took it.
        return {**fields, "jornada": "8"}, (wording.CALC_DAY_SHIFT_ASSUMED,)
    if not weekly or fields.get("horas extra"):
        return dict(fields), ()
    limit = calc.overtime.weekly_hours(today)
    extra = Decimal(weekly) - limit
    if extra <= 0:
        return dict(fields), ()
    out = {**fields, "horas extra": str(extra)}
    out.setdefault("jornada", "8")
    note = wording.CALC_OVERTIME_FROM_SCHEDULE.format(weekly=weekly, limit=limit, extra=extra)
    return out, (note,)


# "Si renuncio, ¿cuánto me toca?" from someone still working: a resignation today.
_IF_RESIGNING = re.compile(
    r"\bsi (renuncio|renunciara|me salgo|me saliera|me voy|dejo el trabajo|nos salimos|"
    r"nos vamos)\b|"
    r"\b(quiero|voy a|pienso) (renunciar|salirme)\b|\bme quiero salir\b|"
    r"\b(me puedo|puedo|podria) (salir|ir|irme|salirme)\b"
)
# "Si me corren, ¿cuánto me toca?" from someone still working: a dismissal without cause today.
_IF_DISMISSED = re.compile(rf"\bsi (?:{_DISMISSAL.pattern})")


def supposed(
    kind: str | None, fields: Mapping[str, str], question: str | None, *, today: date
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The case's answers with what a hypothetical question supposes, and a note saying so: "si
    renuncio, ¿cuánto me toca?" is a finiquito for a resignation today, "si me corren" a
    dismissal without cause today, and "si me salgo" after the employer's fault (``intent``
    asked for a liquidación) a rescission today. Nothing is stored."""
    out = dict(fields)
    folded = fold(question or "")
    if kind == "finiquito" and _IF_RESIGNING.search(folded):
        reason, note = "renuncia", wording.CALC_IF_RESIGN
    elif kind == "liquidacion" and _IF_RESIGNING.search(folded):
        reason, note = "rescision", wording.CALC_IF_RESCIND  # leaving over the employer's fault
    elif kind == "liquidacion" and _IF_DISMISSED.search(folded):
        reason, note = "despido", wording.CALC_IF_DISMISSED
    else:
        return out, ()
    if out.get("fecha de fin") not in (None, "", STILL_WORKING):
        return out, ()  # the job already ended: its own end and reason count
    out.setdefault("motivo", reason)
    out["fecha de fin"] = today.isoformat()
    return out, (note,)


def missing(kind: str, fields: Mapping[str, str], *, today: date) -> tuple[str, ...]:
    """The form fields still needed for ``kind``, in the order to ask them (skipped ones too)."""
    fields, _ = inferred(fields, today=today)
    names = calc.needs(
        kind, job(fields), extra_hours=_extra_hours(fields), dismissed_on=_dismissed_on(fields)
    )
    if kind == "vacaciones":
        # "¿Cuántos días me tocan?" needs only the start; the pay adds the amount when known.
        names = tuple(n for n in names if n != "salario")
    return tuple(dict.fromkeys(_FIELD_FOR.get(name, name) for name in names))


def compute(kind: str, fields: Mapping[str, str], *, today: date) -> calc.Result:
    """Raises ``calc.CalcError`` when the facts cannot be computed (an end before the start…)."""
    fields, part_time = _part_time(fields)
    fields, notes = inferred(fields, today=today)
    result = calc.compute(
        kind,
        job(fields),
        on=today,
        extra_hours=_extra_hours(fields),
        dismissed_on=_dismissed_on(fields),
    )
    said = (*part_time, *(notes if kind == "horas-extra" else ()))
    if said:
        result = replace(result, supuestos=(*said, *result.supuestos))
    return result


def render(result: calc.Result, channel: Channel) -> str:
    """The whole reply: the figure first, the breakdown, the assumptions, what to do."""
    if channel == "whatsapp":
        body = calc.render.short_lines(result)
    elif channel == "telegram":
        body = "```\n" + calc.render.table(result) + "\n```"
    else:
        body = calc.render.table(result)
    head = calc.render.headline(result) + "\n\n" + body
    # calc's own "es un estimado" line repeats what CALC_NEXT says.
    assumptions = [line for line in result.supuestos if not line.startswith("Es un estimado")]
    if channel == "whatsapp":
        # One WhatsApp message holds 1,600 characters: the assumptions that fit, in calc's order
        # (the date, the salary rule and the dates' precision come first).
        room = WHATSAPP_LIMIT - len(head) - len(wording.CALC_NEXT) - len(wording.CALC_MORE) - 40
        kept: list[str] = []
        for line in assumptions:
            if len(line) + 3 > room:
                break
            kept.append(line)
            room -= len(line) + 3
        if len(kept) < len(assumptions):
            kept.append(wording.CALC_MORE)
        assumptions = kept
    parts = [head]
    if assumptions:
        parts.append("Supuse esto:\n" + "\n".join(f"• {line}" for line in assumptions))
    parts.append(wording.CALC_NEXT)
    return "\n\n".join(parts)


def headline(result: calc.Result) -> str:
    """The result's one-line answer ("Te tocan 16 días de vacaciones: …", "… unos $4,339.29 al
    mes…")."""
    return calc.render.headline(result)


def fact_lines(result: calc.Result) -> tuple[str, ...]:
    """The figures as facts for the answerer: the lead, then one line per concept."""
    lines = [calc.render.headline(result)]
    for line in result.items:
        if line.monto is None:
            continue
        cited = ", ".join(line.articulos)
        when = f" ({line.nota})" if line.condicional and line.nota else ""
        lines.append(f"{line.concepto}: ${line.monto:,.2f} (Art. {cited}){when}")
    return tuple(lines)


def articles(result: calc.Result) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a for line in result.items for a in line.articulos))


def deadline(fields: Mapping[str, str], *, today: date) -> date | None:
    """The last day to claim a dismissal (Art. 518) when the case shows one, else None."""
    dismissed = fields.get("motivo") == "despido" or (
        fields.get("tema") == "despido" and fields.get("motivo") in (None, "despido")
    )
    end = _partial(fields.get("fecha de fin"))
    if not dismissed or end is None or end.day is None:
        return None
    try:
        result = calc.compute("plazo", calc.Job(), on=today, dismissed_on=end.earliest())
    except calc.CalcError:
        return None
    return result.vence


def reminder_days(last_day: date, *, today: date) -> tuple[date, ...]:
    """When to remind: 14 and 3 days before, those still ahead; the last day itself if none is."""
    days = tuple(
        d for d in (last_day - timedelta(days=n) for n in REMINDER_DAYS_BEFORE) if d > today
    )
    return days or ((last_day,) if last_day > today else ())


def deadline_line(last_day: date, *, today: date) -> str:
    left = (last_day - today).days
    return wording.DEADLINE_LINE.format(deadline=long_spanish(last_day), days=left)
