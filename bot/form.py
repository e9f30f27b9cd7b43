"""The context form: its fields in order, how each answer is read, and how it is shown back.

Values are stored canonical (``"2021-03"``, ``"8500.00 mes"``, ``"despido"``) and shown in
Spanish (``"marzo de 2021"``, ``"$8,500.00 al mes"``). Pure; ``today`` is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.dates import PartialDate, parse_date
from bot.salary import Salary, parse_salary, part_time_week
from calc.text import fold
from calc.wages import minimum_wage

FieldKind = Literal["choice", "date", "end_date", "salary", "hours", "text"]
STILL_WORKING = "sigue"

TOPICS: tuple[str, ...] = (
    "despido",
    "salario o prestaciones",
    "jornada u horas extra",
    "vacaciones",
    "acoso o discriminación",
    "embarazo o maternidad",
    "riesgo de trabajo",
    "otro",
)
# Words people use for each topic, matched on folded text.
_TOPIC_WORDS: tuple[tuple[str, str], ...] = (
    (r"despid|corri(?!do\b)|liquidaci|finiquito|me sacaron|me echaron|renunci", "despido"),
    (
        r"salari|sueldo|pago|prestacion|a?gu?inald|utilidades|ptu|imss|infonavit",
        "salario o prestaciones",
    ),
    (r"jornada|horas? extra|horario|descanso", "jornada u horas extra"),
    (r"vacacion|prima vacacional", "vacaciones"),
    (r"acoso|hostig|discrimin|maltrato", "acoso o discriminación"),
    (r"embaraz|maternidad|lactancia|paternidad", "embarazo o maternidad"),
    (r"accidente|riesgo|enfermedad|incapacidad|lesion", "riesgo de trabajo"),
    (r"^otro", "otro"),
)
CONTRACTS: tuple[str, ...] = ("indefinido", "temporal", "por obra", "sin contrato escrito", "no sé")
_CONTRACT_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"sin contrato|no (tengo|tenia|firme|hay|hubo|me dieron)|nunca (firme|me dieron)|"
        r"de palabra|verbal|ninguno|terminos|la app|aplicacion",
        "sin contrato escrito",
    ),
    (r"cada (mes|\d|tres|dos|seis)|contratos|renuev|renov", "temporal"),
    (r"no se|ni idea", "no sé"),
    (r"indefinid|planta|de base|permanente", "indefinido"),
    (r"obra", "por obra"),
    (r"temporal|eventual|determinad|meses", "temporal"),
)
REASONS: tuple[str, ...] = ("me despidieron", "renuncié", "me fui por culpa del patrón")
REASON_VALUES: tuple[str, ...] = ("despido", "renuncia", "rescision")
_REASON_WORDS: tuple[tuple[str, str], ...] = (
    (r"culpa|rescin|porque no me pag|me fui por", "rescision"),
    (r"corri(?!do\b)|despid|echaron|sacaron|liquidaron|ya no me dej", "despido"),
    (r"renunci|me sali|me fui\b|yo me fui|deje el trabajo", "renuncia"),
)
ZONES: tuple[str, ...] = ("sí, en la frontera norte", "no")
ZONE_VALUES: tuple[str, ...] = ("frontera", "general")
_ZONE_WORDS: tuple[tuple[str, str], ...] = (
    (r"^no\b|^nel\b|centro|sur|cdmx|interior", "general"),
    (
        r"^(si|sip|simon)\b|frontera|tijuana|mexicali|tecate|ensenada|rosarito|juarez|reynosa|"
        r"matamoros|nuevo laredo|nogales|piedras negras|acuna|san luis rio colorado|agua prieta",
        "frontera",
    ),
)
_SKIP = re.compile(
    r"^(no se|nose|no lo se|saltar|salta|paso|omitir|ninguno|prefiero no decir(lo)?)$"
)
_BACK = re.compile(r"^(atras|regresar|volver|anterior|la anterior)$")
_STILL = re.compile(r"\b(sigo|sigue|todavia|aun trabajo|actualmente|no ha terminado|no termino)\b")
# A question that ends the message: "…el banco dice que no es mi patrón, a quién le reclamo".
_ASKED_LAST = re.compile(
    r"\b(?:quien|a quien) (?:me )?(?:paga|va a pagar|responde|le reclamo|reclamo)$"
)
# "Y si me corren…", "qué pasa si no voy…": a case put up to be answered.
_HYPOTHETICAL = re.compile(
    r"^(?:y |pero |oye |oiga )?(?:y si|que pasa si|q pasa si|"
    r"si (?:me|no|le|les|nos|te|lo|la|mi|el|ella|renuncio|falto|pido))\b"
)
# "¿Qué hago?" in two words, as typed: "q ago", "k hago", "y ahora que hago".
_SHORT_ASK = re.compile(
    r"^(?:y |y ahora |ahora )?(?:que|q|k|ke) (?:ago|hago|hgo|hacemos|procede|sigue|me toca)$"
)
_QUESTION_START = re.compile(
    # "y cuántas semanas me dan", "oye, ¿puedo…": a follow-up opens with a filler word.
    r"^(?:(?:y|e|pero|oye|oiga|entonces|ok|bueno|ah|este|otra cosa)\W+)*"
    r"(que|q|ke|cuanto|cuantos|cuantas|como|cual|cuales|cuando|donde|por que|puedo|pueden|"
    r"me pueden|tengo derecho|es legal|debo|deben|me corresponde|me toca|se puede|"
    r"a quien|con quien|ante quien|quien)\b"
)


@dataclass(frozen=True)
class FormField:
    name: str  # also the key the answerer sees ("fecha de inicio")
    kind: FieldKind
    optional: bool = True
    options: tuple[str, ...] = ()
    max_len: int = 300
    values: tuple[str, ...] = ()  # stored instead of the option's words, when given
    most: int = 24  # for "hours": the largest plausible answer


FIELDS: tuple[FormField, ...] = (
    FormField("tema", "choice", optional=False, options=TOPICS),
    FormField("patrón", "text", max_len=200),
    FormField("puesto", "text", max_len=200),
    FormField("fecha de inicio", "date"),
    FormField("fecha de fin", "end_date"),
    FormField("motivo", "choice", options=REASONS, values=REASON_VALUES),
    FormField("salario", "salary"),
    FormField("zona", "choice", options=ZONES, values=ZONE_VALUES),
    FormField("contrato", "choice", options=CONTRACTS),
    FormField("horario", "text", max_len=300),
    FormField("jornada", "hours", most=24),
    FormField("horas extra", "hours", most=80),
    FormField("descripción", "text", max_len=1500),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
_BY_NAME = {f.name: f for f in FIELDS}
# What the conversation keeps beside the form's answers (never asked as questions).
DETAIL_NAMES: tuple[str, ...] = (
    "situación",  # flags, comma-separated: "embarazada,domestica"
    "lugar",  # where the work is, as said ("Tijuana")
    "aproximadas",  # which dates are approximate: "fecha de inicio,fecha de fin"
    "horas a la semana",  # counted from the schedule
    "días de aguinaldo",  # when the contract gives more than the law's 15
    "avisos",  # notices already given in this case
    "recordatorio",  # the deadline reminder: "ofrecido", "sí", "no"
    "omitidos",  # fields the worker chose to skip: never asked again
    "monto sin periodo",  # "2800" said without "a la semana": waits for its period
    "meses trabajados",  # "trabajé 5 años" before the end is known: the start once it is
)
# Which facts matter for each topic, fewest first: only these are asked.
TOPIC_NEEDS: dict[str, tuple[str, ...]] = {
    "despido": ("fecha de fin", "fecha de inicio", "salario"),
    "salario o prestaciones": ("salario", "fecha de inicio"),
    "jornada u horas extra": ("horario", "salario"),
    "vacaciones": ("fecha de inicio",),
    "acoso o discriminación": (),
    "embarazo o maternidad": ("contrato",),
    "riesgo de trabajo": (),
    "otro": (),
}
FLAG_WORDS: dict[str, str] = {
    "embarazada": "embarazada",
    "maternidad": "maternidad o lactancia",
    "menor": "menor de edad",
    "domestica": "trabajo del hogar",
    "plataforma": "trabajo por aplicación",
    "sindicalizado": "en un sindicato",
    "sin_imss": "sin seguro social",
    "accidente": "accidente o enfermedad de trabajo",
    "acoso": "acoso",
    "horas_extra_sin_pago": "horas extra sin pago",
    "sin_vacaciones": "nunca te han dado vacaciones",
}


@dataclass(frozen=True)
class Accepted:
    value: str


@dataclass(frozen=True)
class Rejected:
    reason: str  # a key of bot.form_wording.INVALID, or "too_long"
    params: Mapping[str, str] = field(default_factory=dict)


def get_field(name: str) -> FormField:
    return _BY_NAME[name]


def next_field(name: str | None) -> str | None:
    """The field after ``name`` (the first one for None); None when the form is done."""
    if name is None:
        return FIELD_NAMES[0]
    index = FIELD_NAMES.index(name) + 1
    return FIELD_NAMES[index] if index < len(FIELD_NAMES) else None


def _clean(text: str) -> str:
    return re.sub(r"[\s.!¡,;]+", " ", fold(text)).strip()


def is_skip(text: str) -> bool:
    return bool(_SKIP.match(_clean(text)))


def is_back(text: str) -> bool:
    return bool(_BACK.match(_clean(text)))


# What someone told the worker, put up to be weighed without a question mark: "la señora dice
# q como no es diario no me toca nada".
_CLAIM_TOLD = re.compile(r"\b(?:dice|dicen|dijo|dijeron|me dice|me dicen) (?:que|q)\b")
# ... about what the worker is owed or must do (not "me dijeron que ya no me presentara", a
# dismissal told).
_RIGHTS_WORD = re.compile(
    r"\b(?:toca|tocan|derecho|obligatori\w*|corresponde|tiene (?:que|q)|tengo (?:que|q)|se paga|"
    r"legal|no se vale|(?:me|nos|te|le)\s+(?:va|van)\s+a\s+(?:pagar|descontar|quitar)|"
    r"(?:solo|nomas|no)\s+(?:me|nos|te|le)\s+(?:va|van)\s+a\s+dar)\b"
)


def looks_like_question(text: str) -> bool:
    """A question asked in the middle of the form, to answer before resuming it; a claim told
    ("el patrón dice que no me toca nada") is one too."""
    if "?" in text or "¿" in text:
        return True
    cleaned = _clean(text)
    if _CLAIM_TOLD.search(cleaned) and _RIGHTS_WORD.search(cleaned) and len(text.split()) >= 5:
        return True
    if _SHORT_ASK.match(cleaned) or _ASKED_LAST.search(cleaned):
        return True
    if _HYPOTHETICAL.match(cleaned) and len(text.split()) >= 4:
        return True  # "y si me caigo de la obra quien me paga"
    return bool(_QUESTION_START.match(cleaned)) and len(text.split()) >= 3


def pick_option(text: str, options: tuple[str, ...]) -> int | None:
    """A menu choice as a zero-based index: a number ("2", "2.", "el 2") or an option's own
    words (what a button sends)."""
    m = re.fullmatch(r"\s*(?:el|la|opcion|numero)?\s*#?(\d{1,2})\s*[.)]?\s*", fold(text))
    if m and 1 <= int(m[1]) <= len(options):
        return int(m[1]) - 1
    wanted = " ".join(fold(text).split())
    for index, option in enumerate(options):
        if " ".join(fold(option).split()) == wanted:
            return index
    return None


_WORDS = {"tema": _TOPIC_WORDS, "motivo": _REASON_WORDS, "zona": _ZONE_WORDS}


def _choice(text: str, spec: FormField) -> Accepted | Rejected:
    stored = spec.values or spec.options
    index = pick_option(text, spec.options)
    if index is not None:
        return Accepted(stored[index])
    folded = _clean(text)
    for option, value in zip(spec.options, stored, strict=True):
        if folded in (fold(option), value):
            return Accepted(value)
    for pattern, value in _WORDS.get(spec.name, _CONTRACT_WORDS):
        if re.search(pattern, folded):
            return Accepted(value)
    return Rejected("option")


def _hours(text: str, spec: FormField) -> Accepted | Rejected:
    m = re.search(r"\b(\d{1,2})(?:[.,](5|50))?\b", fold(text))
    if m is None:
        return Rejected("no_hours")
    value = f"{m[1]}.5" if m[2] else m[1]
    if float(value) > spec.most or (spec.name == "jornada" and float(value) == 0):
        return Rejected("implausible_hours")
    return Accepted(value)


# The pay told as the minimum wage, with no figure: "gano el mínimo", "el salario mínimo".
_EARNS_MINIMUM = re.compile(
    r"^\W*(?:(?:gano|ganaba|me pagan|me pagaban|cobro|es)\s+)?(?:(?:el|lo)\s+)?(?:salario\s+)?"
    r"minimo\b"
)


def parse_answer(
    name: str, text: str, *, today: date, fields: Mapping[str, str]
) -> Accepted | Rejected:
    """Read the answer to field ``name``; ``fields`` are the case's answers so far."""
    spec = _BY_NAME[name]
    stripped = text.strip()
    if not stripped:
        return Rejected("blank")
    if len(stripped) > spec.max_len:
        return Rejected("too_long", {"n": str(spec.max_len)})
    if spec.kind == "choice":
        return _choice(stripped, spec)
    if spec.kind == "hours":
        return _hours(stripped, spec)
    if spec.kind == "salary":
        salary = parse_salary(stripped)
        if salary == "no_amount" and _EARNS_MINIMUM.search(fold(stripped)):
            # "Gano el mínimo": the general minimum wage of the day it is said, per day.
            salary = Salary(minimum_wage(today).general, "dia")
        return Accepted(salary.canonical()) if isinstance(salary, Salary) else Rejected(salary)
    if spec.kind == "end_date" and _STILL.search(fold(stripped)):
        return Accepted(STILL_WORKING)
    if spec.kind in ("date", "end_date"):
        found = parse_date(stripped, today=today)
        if not isinstance(found, PartialDate):
            return Rejected(found)
        start, end = fields.get("fecha de inicio"), fields.get("fecha de fin")
        if spec.kind == "date" and end and end != STILL_WORKING:
            ended = PartialDate.from_iso(end)
            if found.earliest() > ended.latest():
                return Rejected("start_after_end", {"end": ended.spanish()})
        if spec.kind == "end_date" and start:
            begun = PartialDate.from_iso(start)
            if found.latest() < begun.earliest():
                return Rejected("end_before_start", {"start": begun.spanish()})
        return Accepted(found.iso())
    return Accepted(" ".join(stripped.split()))


def display(name: str, value: str) -> str:
    """A stored value as the person would say it."""
    spec = _BY_NAME.get(name)
    kind = spec.kind if spec else "text"
    if spec is not None and spec.values and value in spec.values:
        return spec.options[spec.values.index(value)]
    if name == "situación":
        return ", ".join(FLAG_WORDS.get(flag, flag) for flag in value.split(",") if flag)
    if kind == "hours":
        return f"{value} horas" + (" a la semana" if name == "horas extra" else " al día")
    if kind == "end_date" and value == STILL_WORKING:
        return "sigue trabajando ahí"
    if kind in ("date", "end_date"):
        try:
            return PartialDate.from_iso(value).spanish()
        except ValueError:
            return value
    if kind == "salary":
        try:
            return Salary.from_canonical(value).spanish()
        except (ValueError, ArithmeticError):
            return value
    return value


_PRIVATE_DETAILS = ("avisos", "recordatorio", "omitidos", "monto sin periodo", "meses trabajados")


def context(fields: Mapping[str, str]) -> dict[str, str]:
    """The case's answers for the answerer, keyed by field name, in form order."""
    names = (*FIELD_NAMES, *(n for n in DETAIL_NAMES if n not in _PRIVATE_DETAILS))
    shown = {name: display(name, fields[name]) for name in names if fields.get(name)}
    week = part_time_week(fields.get("salario"), fields.get("horario"))
    if week is not None:  # "400 por día, 3 días a la semana": the week's pay, as calc takes it
        shown["salario"] = display("salario", week[0].canonical())
    return shown


def listed(fields: Mapping[str, str], key: str) -> tuple[str, ...]:
    """A comma-separated detail ("avisos", "omitidos", "situación") as a tuple."""
    return tuple(part for part in fields.get(key, "").split(",") if part)
