"""The case package a lawyer receives: the form's answers, the worker's own words, the articles
cited and the calculators' figures; built once at consent and frozen as JSON. Pure values.

``db.handoffs`` reads the messages and articles; this module adds what the case itself shows
(``case_part``), renders the preview the worker reads before consenting, and hashes the package
so consent covers exactly what was previewed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot import calculate
from bot.conversation import Case
from bot.dates import long_spanish
from bot.form import DETAIL_NAMES, FIELD_NAMES, display
from calc import CalcError

# What the lawyer gets of the conversation: the worker's last messages, each trimmed.
MAX_MESSAGES = 20
MAX_MESSAGE_CHARS = 240
# One preview reply stays under WhatsApp's 1,600 characters.
_REPLY_CHARS = 1400
_HIDDEN = {"omitidos", "recordatorio"}


@dataclass(frozen=True)
class HandoffPackage:
    case_number: int | None
    fields: tuple[tuple[str, str], ...] = ()  # (label, value) as the worker sees them
    messages: tuple[str, ...] = ()  # the worker's own words, oldest first
    articles: tuple[str, ...] = ()  # cited in the bot's answers of the case
    figures: tuple[str, ...] = ()  # the calculators' lines
    deadline: str | None = None  # the last day to claim, when the case shows one

    def as_json(self) -> dict[str, Any]:
        return {
            "case_number": self.case_number,
            "fields": [list(pair) for pair in self.fields],
            "messages": list(self.messages),
            "articles": list(self.articles),
            "figures": list(self.figures),
            "deadline": self.deadline,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HandoffPackage:
        number = data.get("case_number")
        return cls(
            case_number=number if isinstance(number, int) else None,
            fields=tuple((str(p[0]), str(p[1])) for p in data.get("fields") or () if len(p) == 2),
            messages=tuple(str(m) for m in data.get("messages") or ()),
            articles=tuple(str(a) for a in data.get("articles") or ()),
            figures=tuple(str(f) for f in data.get("figures") or ()),
            deadline=data.get("deadline") if isinstance(data.get("deadline"), str) else None,
        )

    @property
    def digest(self) -> str:
        """What consent is given to: a change in the package changes it."""
        raw = json.dumps(self.as_json(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def trim(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_MESSAGE_CHARS else flat[: MAX_MESSAGE_CHARS - 1] + "…"


def build(
    case: Case | None,
    *,
    today: date,
    messages: Sequence[str],
    articles: Sequence[str],
) -> HandoffPackage:
    """The package from the case (pure part) and what the database holds of its conversation."""
    fields, figures, deadline = case_part(case, today=today)
    kept = tuple(trim(m) for m in messages if m.strip())[-MAX_MESSAGES:]
    return HandoffPackage(
        case_number=case.number if case else None,
        fields=fields,
        messages=kept,
        articles=tuple(dict.fromkeys(a for a in articles if a)),
        figures=figures,
        deadline=deadline,
    )


def case_part(
    case: Case | None, *, today: date
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], str | None]:
    """The form's answers, the figures the calculators can compute now, and the deadline."""
    if case is None:
        return (), (), None
    values = case.fields
    fields = tuple(
        (name, display(name, values[name]))
        for name in (*FIELD_NAMES, *DETAIL_NAMES)
        if values.get(name) and name not in _HIDDEN
    )
    figures: list[str] = []
    for kind in _kinds(values):
        if calculate.missing(kind, values, today=today):
            continue
        try:
            result = calculate.compute(kind, values, today=today)
        except CalcError:
            continue
        figures.extend(calculate.fact_lines(result))
    last_day = calculate.deadline(values, today=today)
    deadline = long_spanish(last_day) if last_day else None
    return fields, tuple(dict.fromkeys(figures)), deadline


def _kinds(fields: Mapping[str, str]) -> tuple[str, ...]:
    """The case's main figure: what a dismissal or a resignation is owed; else the yearly ones."""
    reason = fields.get("motivo")
    if reason == "renuncia":
        return ("finiquito",)
    if reason in ("despido", "rescision") or fields.get("tema") == "despido":
        return ("liquidacion",)
    return ("aguinaldo", "vacaciones")


def preview(package: HandoffPackage) -> tuple[str, ...]:
    """Everything the package holds, as replies short enough for a phone's chat."""
    parts: list[str] = []
    title = f"Caso {package.case_number}" if package.case_number else "Tu consulta"
    head = [f"📋 {title}: esto es lo que recibiría el abogado."]
    if package.fields:
        head.append("Datos del caso:")
        head.extend(f"• {label}: {value}" for label, value in package.fields)
    if package.figures:
        head.append("Cálculos:")
        head.extend(f"• {line}" for line in package.figures)
    if package.deadline:
        head.append(f"Último día para reclamar: {package.deadline}")
    if package.articles:
        head.append("Artículos citados: " + ", ".join(package.articles))
    parts.append("\n".join(head))
    if package.messages:
        chunk = ["Tus mensajes:"]
        for message in package.messages:
            line = f"«{message}»"
            if sum(len(x) + 1 for x in chunk) + len(line) > _REPLY_CHARS:
                parts.append("\n".join(chunk))
                chunk = []
            chunk.append(line)
        parts.append("\n".join(chunk))
    else:
        parts.append("No hay mensajes tuyos en este caso.")
    return tuple(parts)
