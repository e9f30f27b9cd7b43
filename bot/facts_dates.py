"""Start and end of a job, taken from a worker's story: only dates tied to a cue in their clause.

"ayer me corrieron" is an end, "entré hace como 3 años" an approximate start; "de 7 a 6 de lunes
a sábado", "tengo 2 hijos" and "tengo 16 años" are no date at all. Pure; ``today`` is passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.dates import MONTHS, PartialDate, parse_date
from bot.facts_text import Text
from calc.words import FIRED_VERB, INDIRECT_DISMISSAL

Role = Literal["start", "end"]

_MONTH = r"(?:" + "|".join(MONTHS) + r"|ene|feb|abr|jun|jul|ago|sept?|oct|nov|dic)\.?"
_NUMBER_WORDS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15,
    "veinte": 20, "treinta": 30,
}  # fmt: skip
_NUM = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_HEDGE = (
    r"(?:como|unos|unas|casi|mas o menos|aprox(?:imadamente)?|por ahi de(?:l)?|alrededor de|"
    r"mas de|cerca de)"
)
_UNIT = r"(dias?|semanas?|mes(?:es)?|a[nñ]os?)"
_WEEKDAY = r"(lunes|martes|miercoles|jueves|viernes|sabado|domingo)"

# Point dates: each pattern's whole match is handed to bot.dates.parse_date.
_POINTS = (
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b",
    r"\b\d{1,2}/\d{4}\b",
    rf"\b\d{{1,2}}\s+(?:de\s+)?{_MONTH}(?:\s+(?:de\s+|del\s+)?(?:19|20)\d\d)?\b",
    rf"\b(?:en|de|desde|hasta|para|a partir de|a (?:finales|principios|mediados) de)\s+{_MONTH}"
    rf"(?:\s+(?:de\s+|del\s+)?(?:19|20)\d\d)?\b",
    rf"\b{_MONTH}\s+(?:de\s+|del\s+)?(?:19|20)\d\d\b",
    r"\b(?:en|el|del|desde|hasta|de|por ahi de|para|a partir de|a finales de|a principios de)\s+"
    r"(?:el\s+|del\s+|a[nñ]o\s+)?(?:19|20)\d\d\b"
    r"(?!\s*(?:pesos|mil|a la|al |por|x |diari|semanal|quincenal|mensual))",
    r"\b(?:antier|anteayer|antes de ayer|ayer)\b",
    r"\bhoy\b(?!\s+(?:en dia|por hoy))",
    rf"\bhace\s+(?:{_HEDGE}\s+)?(?:{_NUM}\s+{_UNIT}(?:\s+y\s+medio)?|(?:un\s+)?a[nñ]o\s+y\s+medio)\b",
    rf"\b(?:el|este)\s+{_WEEKDAY}(?:\s+pasado)?\b(?!\s+(?:a|al)\s)",
    r"\b(?:la\s+semana|el\s+mes|el\s+a[nñ]o)\s+pasad[oa]\b",
)
_POINT_RE = re.compile("|".join(f"(?:{p})" for p in _POINTS))

# A time worked: "3 años", "año y medio", "2 años 3 meses" (groups 2-6 of the patterns below).
_SPAN = (
    rf"(?:{_NUM}\s+{_UNIT}(\s+y\s+medio)?|(a[nñ]o|mes)\s+y\s+medio)\b"
    rf"(?:\s+(?:y\s+)?(\d{{1,2}})\s+mes(?:es)?\b)?"
)
# Durations: "llevo como 3 años", "estuve 2 años", "tengo 5 años trabajando".
_DURATION_RE = re.compile(
    rf"\b(llevo|llevamos|llevaba|tengo|tenia|estuve|trabaje|dure|labore)\s+"
    rf"(?:ya\s+)?(?:trabajando\s+|laborando\s+|chambeando\s+)?(?:ahi\s+|alli\s+|aqui\s+)?"
    # "trabajé con ella 7 años", "estuve con la señora 5 años".
    r"(?:con\s+(?:ella|el|ellos|ellas|usted|(?:la|el|los|mi|esa|ese)\s+[a-zñ]+)\s+)?"
    rf"(?:(?:{_HEDGE})\s+)?(?:ya\s+)?" + _SPAN
)
# "Me corrieron después de 3 años": the time worked, told after the end (groups as above).
_AFTER_RE = re.compile(
    rf"\b(?:corrieron|despidieron|corrio|despidio|sacaron|liquidaron|renuncie|sali|corren)\b"
    rf"[^,.;!?]{{0,40}}?\b(despues de|tras|luego de)\s+(?:(?:{_HEDGE})\s+)?" + _SPAN
)
# After "tengo N años" only these make it seniority ("tengo 16 años y trabajo…" is an age).
_TENGO_NEXT = re.compile(
    r"\s+(?:trabajando|laborando|chambeando|en\s|con\s|ahi|alli|aqui|de\s+(?:antiguedad|servicio))"
)
# After "llevo 3 meses" these make it something else ("llevo 3 meses sin que me paguen").
_NOT_SENIORITY = re.compile(
    r"\s+(?:sin|que|esperando|buscando|incapacitad|de\s+incapacidad|de\s+embarazo|embarazada)"
)

_START_CUE = re.compile(
    r"\b(entre|ingrese|empece|comence|inicie|me contrataron|desde|a partir de|"
    # "había entrado el 1 de junio", "he entrado": the start told in a compound tense.
    r"(?:habia|he|hemos|habiamos) (?:entrado|ingresado|empezado|comenzado|iniciado)|"
    r"entrada|que (?:trabajo|trabajamos|laboro|chambeo|estoy (?:ahi|alli|aqui|en))|"
    # "trabajo en una maquiladora hace 8 años": since then, as Mexicans say it.
    r"(?:trabajo|trabajamos|laboro|chambeo) (?:en|de|con|para|como)(?: [a-zñ]+){1,5}?"
    r"(?= hace (?:como |unos |mas de )?\w+ (?:anos|años|meses)\b))\b"
    r"(?!\s+(?:semana|\d+\s+y\s))"
)
_END_CUE = re.compile(
    rf"\b({FIRED_VERB}|despidieron|despidio|despedid[oa]|dieron de baja|dio de baja|"
    r"dieron las gracias|dio las gracias|"
    r"sacaron|echaron|renuncie|renuncio|me sali|me fui|deje (?:el|la|de)|liquidaron|despido|"
    r"rescindieron|"
    r"bloquearon|desactivaron|quitaron (?:el|la) (?:trabajo|chamba|cuenta)|hasta|"
    r"termino mi contrato|"
    r"se acabo (?:el|mi) contrato|cerraron|"
    r"carta de (?:rescision|resicion|recision|resision|despido))\b"
    # "ayer mi jefe me dijo que ya no me presente": a dismissal told without its word.
    rf"|(?:{INDIRECT_DISMISSAL.pattern})"
)
_NEGATED_CLAUSE = re.compile(r"\b(no|sin|nunca|jamas)\b")
_APPROX_BEFORE = re.compile(rf"(?:{_HEDGE})\s*$")


@dataclass(frozen=True)
class Found:
    role: Role
    value: PartialDate
    approx: bool
    span: tuple[int, int]


def months_back(anchor: PartialDate, months: int) -> PartialDate:
    """The month ``months`` before ``anchor`` (where a job that long, ended then, began)."""
    month = anchor.month or 1
    index = anchor.year * 12 + (month - 1) - months
    return PartialDate(index // 12, index % 12 + 1)


def _count(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    return _NUMBER_WORDS.get(raw)


def _role(text: Text, span: tuple[int, int]) -> Role | None:
    """The role of the nearest cue in the date's clause, or None when there is none."""
    clause_start, clause_end = text.clause_of(span[0])
    clause_end = max(clause_end, span[1])
    clause = text.folded[clause_start:clause_end]
    best: tuple[int, Role] | None = None
    cues: tuple[tuple[re.Pattern[str], Role], ...] = ((_START_CUE, "start"), (_END_CUE, "end"))
    for pattern, role in cues:
        for m in pattern.finditer(clause):
            at = clause_start + m.start()
            if role == "start" and m[1] == "desde" and _NEGATED_CLAUSE.search(clause):
                continue  # "desde hace 2 semanas no me pagan" is not when the job began
            if role == "start" and m[1] == "desde" and _SINCE_OTHER.search(text.folded[:at]):
                continue  # "tengo incapacidad desde hace 3 meses": since the illness
            end = at + len(m[0])
            distance = max(span[0] - end, at - span[1], 0)
            if best is None or distance < best[0]:
                best = (distance, role)
    return best[1] if best else None


# What a "desde" right after it dates, when it is not the job: "tengo incapacidad del IMSS desde
# hace 3 meses", "estoy sin chamba desde marzo".
_SINCE_OTHER = re.compile(
    r"\b(?:incapacidad|incapacitad[oa]|enferm[oa]|embarazada|sin trabajo|sin chamba|sin empleo|"
    r"desemplead[oa]|suspendid[oa])\b[^.,;]{0,25}$"
)


# "agosto del año pasado", "marzo de este año": the year in words after a month.
_YEAR_WORDS = re.compile(r"\s+(?:del|de)\s+(a[nñ]o\s+pasado|este\s+a[nñ]o|a[nñ]o\s+antepasado)\b")
_YEARS_BACK = {"ano pasado": 1, "este ano": 0, "ano antepasado": 2}
# A clause about what will happen ("a partir de enero me van a bajar el sueldo"): its month is
# no start or end, and bot.dates would read it as a past one.
_FUTURE = re.compile(
    r"\b(?:van a|va a|voy a|vamos a|iran a|ira a|quieren|piensan|planean|vence|vencera|sera|"
    r"seran|cumplo|cumplire|empiezo|empezare|entrare|me cambian)\b"
)


# "hace 2 años me corrieron de otro trabajo": a date of some other job.
_OTHER_JOB = re.compile(
    r"\b(?:otro trabajo|otra chamba|otra empresa|otro lado|trabajo anterior|anterior trabajo|"
    r"antiguo trabajo|empleo anterior|anterior empleo|el anterior|la anterior)\b"
)


def _point_value(text: Text, m: re.Match[str], today: date) -> tuple[PartialDate | None, int]:
    """The date a point match says, and where it ends (past "del año pasado" when said)."""
    said = m[0]
    end = m.end()
    words = _YEAR_WORDS.match(text.folded, m.end())
    if words and re.search(_MONTH + r"$", said) and not re.search(r"(?:19|20)\d\d", said):
        said = f"{said} {today.year - _YEARS_BACK[' '.join(words[1].replace('ñ', 'n').split())]}"
        end = words.end()
    value = parse_date(said, today=today)
    return (value if isinstance(value, PartialDate) else None), end


def _points(text: Text, today: date) -> list[Found]:
    found: list[Found] = []
    for m in _POINT_RE.finditer(text.folded):
        value, end = _point_value(text, m, today)
        if value is None:
            continue
        clause_start, clause_end = text.clause_of(m.start())
        clause = text.folded[clause_start : max(clause_end, end)]
        if _FUTURE.search(clause) or _OTHER_JOB.search(clause):
            continue
        role = _role(text, (m.start(), end))
        if role is None:
            continue
        before = text.folded[max(0, m.start() - 25) : m.start()]
        approx = bool(_APPROX_BEFORE.search(before) or re.search(_HEDGE, m[0]))
        approx = approx or bool(re.search(r"\ba[nñ]os?\b", m[0]) and m[0].startswith("hace"))
        found.append(Found(role, value, approx, (m.start(), end)))
    return found


def _duration_months(
    text: Text, *, over: bool = False
) -> list[tuple[int, bool, bool, tuple[int, int]]]:
    """Each time worked told as a duration: (months, whether it goes on ("llevo"), approx, span).
    ``over``: the job's end is known, so "tenía 3 años" (not "cuando tenía 16 años") is the
    time it lasted."""
    found: list[tuple[int, bool, bool, tuple[int, int]]] = []
    for m in [*_DURATION_RE.finditer(text.folded), *_AFTER_RE.finditer(text.folded)]:
        verb = m[1]
        rest = text.folded[m.end() :]
        lasted = (
            over
            and verb == "tenia"
            and not _WHEN_BEFORE.search(text.folded[: m.start()])
            and not _WHEN_AFTER.match(rest)
        )
        if verb in ("tengo", "tenia") and not _TENGO_NEXT.match(rest) and not lasted:
            continue
        if _NOT_SENIORITY.match(rest):
            continue
        if m[5]:  # "año y medio", "mes y medio"
            months = 18 if m[5] in ("ano", "año") else 1
            unit = m[5]
        else:
            count = _count(m[2])
            if count is None:
                continue
            unit = m[3]
            per = 12 if unit.startswith("a") else 1 if unit.startswith("mes") else 0
            months = count * per + (6 if m[4] and per == 12 else 0)
            if m[6] and per == 12:
                months += int(m[6])
            if per == 0:
                continue  # days and weeks of seniority: too short to matter, too easy to misread
        if months > 70 * 12:
            continue
        present = verb in ("llevo", "llevamos", "tengo")
        approx = unit.startswith("a") or bool(re.search(_HEDGE, m[0]))
        found.append((months, present, approx, m.span()))
    return found


# "cuando tenía 16 años", "tenía 16 años cuando…": an age, not the job's length.
_WHEN_BEFORE = re.compile(r"\bcuando\s+$")
_WHEN_AFTER = re.compile(r"\s*(?:cuando|de edad)\b")


def _durations(text: Text, today: date, end: PartialDate | None) -> list[Found]:
    found: list[Found] = []
    for months, present, approx, span in _duration_months(text, over=end is not None):
        anchor = PartialDate(today.year, today.month) if present else end
        if anchor is not None:
            found.append(Found("start", months_back(anchor, months), approx, span))
    return found


def months_served(text: Text) -> int | None:
    """ "Trabajé 5 años" told before the end is known: the months, to count back from the end
    once the worker says it (None when no such duration, or two that disagree)."""
    past = {months for months, present, _, _ in _duration_months(text) if not present}
    return past.pop() if len(past) == 1 else None


# "trabajé del 2018 al 2024", "estuve de marzo del 2020 a junio del 2023": a whole job.
_SPAN_DATE = rf"(?:\d{{1,2}}\s+de\s+)?(?:{_MONTH}\s+(?:de\s+|del\s+)?)?(?:19|20)\d\d"
_RANGE_RE = re.compile(
    rf"\b(?:trabaje|estuve|labore|chambee|dure|trabajaba|estaba)\b[^,.;!?]{{0,60}}?"
    rf"\b(?:del?|desde)\s+(?:el\s+|a[nñ]o\s+)?({_SPAN_DATE})\s+(?:al?|hasta)\s+(?:el\s+)?({_SPAN_DATE})\b"
)


_MONTH_RANGE_RE = re.compile(
    rf"\b(?:trabaje|estuve|labore|chambee|dure|trabajaba|estaba)\b[^,.;!?]{{0,60}}?"
    rf"\b(?:de|desde)\s+({_MONTH})\s+(?:a|hasta)\s+({_MONTH})"
    rf"(?:\s+(?:de|del)\s+(?:((?:19|20)\d\d)|(a[nñ]o\s+pasado|este\s+a[nñ]o)))?\b"
)


def _month_ranges(text: Text, today: date) -> tuple[list[Found], list[tuple[int, int]]]:
    """ "estuve de enero a octubre de este año": both months, in one year or across two."""
    found: list[Found] = []
    covered: list[tuple[int, int]] = []
    for m in _MONTH_RANGE_RE.finditer(text.folded):
        first = parse_date(f"en {m[1]}", today=today)
        last = parse_date(f"en {m[2]}", today=today)
        if not isinstance(first, PartialDate) or not isinstance(last, PartialDate):
            continue
        if m[3] or m[4]:
            back = _YEARS_BACK[" ".join(m[4].replace("ñ", "n").split())] if m[4] else 0
            year = int(m[3]) if m[3] else today.year - back
        else:
            year = last.year
        end = PartialDate(year, last.month)
        start = PartialDate(
            year if (first.month or 1) <= (last.month or 12) else year - 1, first.month
        )
        if end.earliest() > today:
            continue
        found += [Found("start", start, False, m.span(1)), Found("end", end, False, m.span(2))]
        covered.append(m.span())
    return found, covered


def _ranges(text: Text, today: date) -> tuple[list[Found], list[tuple[int, int]]]:
    """Start and end read from "del … al …", and the spans they cover."""
    found, covered = _month_ranges(text, today)
    for m in _RANGE_RE.finditer(text.folded):
        first, last = parse_date(m[1], today=today), parse_date(m[2], today=today)
        if isinstance(first, PartialDate) and isinstance(last, PartialDate):
            found.append(Found("start", first, False, m.span(1)))
            found.append(Found("end", last, False, m.span(2)))
            covered.append(m.span())
    return found, covered


def _single(found: list[Found], role: Role) -> Found | None:
    """The one date for ``role``; two different ones contradict each other, so neither is kept."""
    values = {(f.value, f.approx) for f in found if f.role == role}
    if len({v for v, _ in values}) != 1:
        return None
    return next(f for f in found if f.role == role)


def job_dates(
    text: Text, *, today: date, known_end: PartialDate | None = None
) -> tuple[Found | None, Found | None]:
    """(start, end) of the job as told, each None when not said clearly; ``known_end``: the end
    already in the case, from which "llevaba 1 año" counts back."""
    ranged, covered = _ranges(text, today)
    points = ranged + [
        p
        for p in _points(text, today)
        if not any(p.span[0] < b and a < p.span[1] for a, b in covered)
    ]
    end = _single(points, "end")
    start = _single(points, "start")
    if start is None and not any(f.role == "start" for f in points):
        start = _single(_durations(text, today, end.value if end else known_end), "start")
    if start and end and end.value.latest() < start.value.earliest():
        return None, None
    return start, end


def is_still_working_duration(text: Text) -> bool:
    """ "llevo 3 años", "tengo 5 años trabajando": the job goes on."""
    for m in _DURATION_RE.finditer(text.folded):
        rest = text.folded[m.end() :]
        if m[1] in ("llevo", "llevamos") and not _NOT_SENIORITY.match(rest):
            return True
        if m[1] == "tengo" and _TENGO_NEXT.match(rest):
            return True
    return False
