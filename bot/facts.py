"""Facts a worker gives in passing ("ayer me corrieron… entré hace como 3 años… ganaba 9 mil").

``extract`` reads one message into ``Facts``; ``is_small_talk`` tells "gracias" and "hola" apart
from real messages. Pure and total: any text, no I/O; ``today`` is passed in. Precision over
recall: a fact not said plainly is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from bot import facts_words as words
from bot.dates import PartialDate
from bot.facts_dates import is_still_working_duration, job_dates, months_served
from bot.facts_money import pay, period_answer
from bot.facts_names import employer, job, place
from bot.facts_schedule import schedule
from bot.facts_text import Text
from bot.salary import Salary
from calc.overtime_said import weekly_overtime

# The form's names (bot.form), repeated so bot.form may import this module; tests keep them equal.
FIELD_TOPIC, FIELD_EMPLOYER, FIELD_JOB = "tema", "patrón", "puesto"
FIELD_START, FIELD_END, FIELD_SALARY = "fecha de inicio", "fecha de fin", "salario"
FIELD_CONTRACT, FIELD_SCHEDULE = "contrato", "horario"
STILL_WORKING = "sigue"
FLAGS = frozenset(
    {"embarazada", "maternidad", "menor", "domestica", "plataforma", "sindicalizado", "sin_imss",
     "accidente", "acoso", "horas_extra_sin_pago", "sin_vacaciones"}
)  # fmt: skip


def _has(value: object) -> bool:
    return value is not None and value is not False and value != frozenset()


@dataclass(frozen=True)
class Facts:
    """What one message (or a case so far) says; None/False/empty where nothing was said."""

    topic: str | None = None  # one of bot.form.TOPICS
    employer: str | None = None  # as said: "oxxo", "una maquila"
    job: str | None = None  # as said: "cajero"
    start: PartialDate | None = None
    start_approx: bool = False  # "hace como 3 años", "por ahí de 2021"
    end: PartialDate | None = None
    end_approx: bool = False
    still_working: bool = False
    ended_how: str | None = (
        None  # "despido" | "renuncia" | "rescision" (left for the employer's fault)
    )
    salary: Salary | None = None
    salary_amount_only: Decimal | None = None  # "2800" with no period yet
    contract: str | None = None  # one of bot.form.CONTRACTS
    schedule: str | None = None  # tidied: "lunes a sábado, 7:00 a 19:00"
    weekly_hours: Decimal | None = None  # 72 for lunes a sábado, 7 a 7
    # A week's overtime as told ("esta semana me quedé 3 horas extra el lunes y 2 el miércoles"):
    # the same reading the answers make (``calc.overtime_said``).
    overtime_hours: Decimal | None = None
    flags: frozenset[str] = field(default_factory=frozenset)  # a subset of FLAGS
    place: str | None = None  # where the work is, when said ("Tijuana")
    served_months: int | None = None  # "trabajé 5 años", told before the end is known
    asks: bool = False  # the message asks something: answer it first

    def merged(self, newer: Facts) -> Facts:
        """This case's facts updated by a newer message: newer wins where it has a value,
        flags unite, a date keeps its own approx mark, a full salary settles a waiting amount,
        an end (or how it ended) means the job no longer goes on. ``asks`` is the newer one's."""
        values: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(newer, f.name)
            values[f.name] = theirs if _has(theirs) else mine
        values["flags"] = self.flags | newer.flags
        values["start_approx"] = newer.start_approx if newer.start else self.start_approx
        values["end_approx"] = newer.end_approx if newer.end else self.end_approx
        values["asks"] = newer.asks
        if newer.salary is not None and newer.salary_amount_only is None:
            values["salary_amount_only"] = None
        if newer.salary_amount_only is not None and newer.salary is None:
            values["salary"] = self.salary if self.salary_amount_only is None else None
        if newer.end is not None or newer.ended_how is not None:
            values["still_working"] = False
        if newer.still_working and newer.end is None and newer.ended_how is None:
            values["end"], values["end_approx"], values["ended_how"] = None, False, None
        return replace(self, **values)

    def fields(self) -> dict[str, str]:
        """Canonical form values keyed like bot.form.FIELDS, as parse_answer would store them."""
        out: dict[str, str] = {}
        if self.topic:
            out[FIELD_TOPIC] = self.topic
        if self.employer:
            out[FIELD_EMPLOYER] = self.employer
        if self.job:
            out[FIELD_JOB] = self.job
        if self.start:
            out[FIELD_START] = self.start.iso()
        if self.end:
            out[FIELD_END] = self.end.iso()
        elif self.still_working:
            out[FIELD_END] = STILL_WORKING
        if self.salary:
            out[FIELD_SALARY] = self.salary.canonical()
        if self.contract:
            out[FIELD_CONTRACT] = self.contract
        if self.schedule:
            out[FIELD_SCHEDULE] = self.schedule
        return out


def extract(text: str, *, today: date, previous: Facts | None = None) -> Facts:
    """The facts in one message; ``previous`` (the case so far) completes a waiting amount, and
    its end date anchors a past duration ("llevaba 1 año")."""
    if is_small_talk(text):
        return Facts()
    said = Text.of(text)
    folded = said.folded
    start, end = job_dates(said, today=today, known_end=previous.end if previous else None)
    salary, amount_only = pay(said)
    waiting = previous.salary_amount_only if previous else None
    if salary is None and amount_only is None and waiting is not None:
        period = period_answer(said)
        if period is not None:
            salary = Salary(waiting, period)
    tidy_schedule, weekly = schedule(folded)
    ended = words.ended_how(folded)
    still = words.still_working(folded) or (
        is_still_working_duration(said) and not words.death_told(folded)
    )
    if end is not None or ended is not None:
        still = False
    topic = words.topic(folded)
    if topic is None and ended is not None:
        topic = "despido"  # how the job ended is the case, until the worker says more
    return Facts(
        topic=topic,
        employer=employer(said),
        job=job(said),
        start=start.value if start else None,
        start_approx=bool(start and start.approx),
        end=end.value if end else None,
        end_approx=bool(end and end.approx),
        still_working=still,
        ended_how=ended,
        salary=salary,
        salary_amount_only=amount_only,
        contract=words.contract(folded),
        schedule=tidy_schedule,
        weekly_hours=weekly,
        overtime_hours=overtime.hours if (overtime := weekly_overtime(folded)) else None,
        flags=words.flags(folded),
        place=place(said),
        served_months=months_served(said) if start is None else None,
        asks=words.asks(folded),
    )


_THANKS_CORE = {
    "gracias", "grasias", "grax", "gracia", "ok", "oki", "okis", "okey", "okay", "okas", "va",
    "vale", "sale", "listo", "perfecto", "entendido", "excelente", "genial", "sip", "chido",
    "orale", "juega", "thx", "thanks", "acuerdo", "claro", "entiendo", "enterado", "enterada",
    "amable", "bendiga", "vientos", "buenisimo", "super", "ya",
}  # fmt: skip
_THANKS_OTHER = {
    "muchas", "mil", "muy", "de", "si", "bien", "bueno", "pues", "le", "te", "lo", "se", "dios",
    "licenciado", "lic", "abogado", "abogada", "igualmente", "quedo", "ah", "ahh", "oh", "que",
    "por", "todo", "la", "info", "informacion", "ayuda", "su", "tu", "atencion", "entonces",
}  # fmt: skip
_GREETING_CORE = {
    "hola", "ola", "holi", "holis", "buenas", "buenos", "buen", "saludos", "hey", "hello", "hi",
    "onda", "tal",
    # Said alone, the words that call someone's attention greet too ("oiga", "una pregunta").
    "oiga", "oye", "oigame", "disculpe", "disculpa", "pregunta", "consulta",
    # "Necesito ayuda", "ayuda por favor": a call for help that tells nothing yet.
    "ayuda", "ayudeme", "ayudame", "auxilio",
}  # fmt: skip
_GREETING_OTHER = {
    "dias", "dia", "tardes", "tarde", "noches", "noche", "que", "q", "una", "licenciado", "lic",
    "abogado", "abogada", "como", "esta", "estas", "y", "a", "todos", "bot", "amigo", "amiga",
    "joven", "senor", "senorita", "hay", "señor", "señorita",
    "la", "hora", "molestia", "perdon", "buen",
    # "Hola, tengo una duda", "quisiera hacer una pregunta": no story yet.
    "tengo", "duda", "quisiera", "queria", "hacer", "preguntar", "necesito", "favor",
}  # fmt: skip
_POSITIVE_EMOJI = set("👍👌🙏😊🙂☺️❤💙💚🤝👏✅😀😁😃🫡🙌💪✌🤗")
_SQUEEZE = re.compile(r"([a-z])\1+")
_LAUGH = re.compile(r"(?:j[aeiou])+j?|(?:ha)+h?|(?:js)+j?|lol|xd")


def _squeeze(word: str) -> str:
    return _SQUEEZE.sub(r"\1", word)


def is_small_talk(text: str) -> str | None:
    """ "thanks" for "gracias", "ok", "👍"; "greeting" for "hola", "buenas tardes"; None for a
    message that says or asks something."""
    stripped = text.strip()
    if not stripped or len(stripped) > 80:
        return None
    folded = Text.of(stripped, expand=False).folded
    tokens = re.findall(r"[a-z]+|\d+", folded)
    if not tokens:
        symbols = {ch for ch in stripped if not ch.isspace() and ch not in "!.¡,\ufe0f"}
        return "thanks" if symbols and symbols <= _POSITIVE_EMOJI else None
    squeezed = [_squeeze(t) for t in tokens]
    thanks = {_squeeze(w) for w in _THANKS_CORE}
    greeting = {_squeeze(w) for w in _GREETING_CORE}
    vocabulary = thanks | greeting | {_squeeze(w) for w in _THANKS_OTHER | _GREETING_OTHER}
    squeezed = [t for t in squeezed if not _LAUGH.fullmatch(t)]
    if not squeezed:
        return "thanks" if tokens else None
    if len(tokens) > 8 or not all(t in vocabulary for t in squeezed):
        return None
    if any(t in thanks for t in squeezed):
        return "thanks"
    if any(t in greeting for t in squeezed):
        return "greeting"
    return None
