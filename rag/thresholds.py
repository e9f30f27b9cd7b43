"""A number in the question against a threshold in a rule: "faltas más de 3 veces", "menores de
18", "no puede durar más de 30 días", "al menos 18 días". Pure.

"Me corrieron por faltar 3 días, ¿es legal?" is settled by Art. 47's "más de 3 veces": 3 is not
more than 3. A threshold inside the rule's condition ("si…", "solo si…", "para menores de…")
decides whether the rule applies to the worker; one in the rule's statement ("al menos 18 días",
"nunca más de 12 horas") is a floor or a ceiling the question's figure respects or breaks. The
question's figure must measure the same thing: an age, years of service, a duration, hours,
times; a duration, hours or times also share a word with the rule's clause near the figure
("3 meses de prueba" against "el periodo de prueba no puede durar más de 30 días").
"""

from __future__ import annotations

import operator
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from calc.dates import MONTHS
from calc.text import fold
from rag.amounts import Quantity, figures, quantities
from rag.query import expand_shorthand

Role = Literal["condition", "bound"]
Dimension = Literal["age", "service", "duration", "hora", "vez", "%"]

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
}  # fmt: skip
# The comparator before a figure and what it means inside a condition.
_COMPARATOR = re.compile(
    r"\b(?P<cmp>mas de|mayor(?:es)? de|menos de|menor(?:es)? de|al menos|por lo menos|"
    r"como minimo|como maximo|maximo|no mas de|pasar de|hasta|"
    r"edad minima(?: para \w+)? es de)\s+(?:los |las |un |una )?$"
)
_CONDITION_OP = {
    "mas de": ">", "mayor de": ">", "mayores de": ">", "menos de": "<", "menor de": "<",
    "menores de": "<", "al menos": ">=", "por lo menos": ">=", "como minimo": ">=",
    "como maximo": "<=", "maximo": "<=", "no mas de": "<=", "hasta": "<=",
}  # fmt: skip
# In the rule's statement only floors and ceilings are read; "más de" is a ceiling only when
# denied ("no puede durar más de 30 días", "nunca … más de 12 horas").
_BOUND_OP = {
    "al menos": ">=", "por lo menos": ">=", "como minimo": ">=", "como maximo": "<=",
    "maximo": "<=", "no mas de": "<=", "hasta": "<=",
}  # fmt: skip
# "La edad mínima para trabajar es de 15 años": a floor said as a noun.
_NOUN_FLOOR = re.compile(r"^edad minima")
_DENIED = re.compile(r"\b(no|nunca)\b[^,;.]*$")
# Where a condition starts: "si…", "solo si…", "cuando…", "para menores de…".
_CONDITION_START = re.compile(r"\b(?:si|cuando)\b|\bpara (?=menor|mayor)")
_CLAUSE_END = re.compile(r"[,;.]")
_AGE_WORDS = re.compile(r"\b(menor|menores|mayor|mayores|edad)\b")
_SERVICE_AFTER = re.compile(
    r"^\s*(?:a[nñ]os?\s+)?(?:de (?:trabajo|servicio|antiguedad|chamba|jale)|"
    r"en (?:la|el|esta|tu|mi) (?:empresa|trabajo|chamba|puesto)|trabajando|laborando|chambeando|"
    r"con (?:mi|el|tu) patron|"
    # "tengo 12 años en la misma fábrica", "en esta tienda": a place of work; an age is not
    # told with a place ("tengo 30 años en la ciudad" is neither, and rare).
    r"en (?:la|el|esta|este|mi|su|una|un|esa|ese) (?:mism[oa] )?(?!ciudad|pais|rancho de mi)"
    r"[a-zñ]{4,}|"
    # "tengo 4 años ahí": where the worker works; "hace 2 años que trabajo aquí".
    r"(?:ahi|alli|aqui|aca)\b|que (?:trabajo|estoy|entre|laboro|chambeo)\b|"
    # "tengo 24 años de chofer", "12 años de cajera": a trade's years (an age is "de edad").
    r"de (?:chofer|operador|operari|cajer|obrer|albañil|mesero|mesera|cociner|vendedor|"
    r"enfermer|maestr|profesor|guardia|velador|intendente|secretari|empleada|empleado|"
    r"jornaler|minero|soldador|mecanic|costurer|repartidor)\w*)"
)
_SERVICE_BEFORE = re.compile(
    r"\b(?:llevo|llevaba|llevamos|despues de|antiguedad de|trabaje|trabajo|labore|"
    r"ya son|tras)\s+(?:ya\s+)?(?:(?:trabajando|laborando|chambeando)\s+)?(?:mas de\s+)?$"
)
# "Me despidieron…, tenía 5 años y ganaba…": the job's years, told once it ended ("cuando tenía
# 16 años" is an age).
_HAD_BEFORE = re.compile(r"(?<!cuando )\b(?:tenia|teniamos)\s+(?:ya\s+)?$")
_JOB_ENDED = re.compile(r"\b(?:despid\w*|corrieron|corrio|renunci\w*|me sali|liquidaron)\b")
_AGE_BEFORE = re.compile(r"\b(?:tengo|tiene|tienes|cumpli|cumplo|soy de|de)\s+$")
# "65 años o más": a floor (or ceiling) said after the figure.
_OR_MORE = re.compile(r"\s+o (mas|menos)\b")
_OR_MORE_CMP = {"mas": "al menos", "menos": "como maximo"}
# "Tengo 61, ya no trabajo", "ya cumplí 60 y…": an adult's age told without "años".
_BARE_AGE_AFTER = re.compile(r"\s*(?:[,.;:!?]|y\b(?! medio)|$)")
_BARE_SERVICE_AFTER = re.compile(
    r"\s*(?:trabajando|laborando|chambeando|de servicio|de antiguedad)\b"
)
_CHILD = re.compile(r"\bhij[oa]s?\b")
# "Mi hija tiene 14 años y la quieren contratar": the child is the one who would work.
_CHILD_HIRED = re.compile(
    r"\b(la|lo) (quieren|quiere|van a|tienen|tiene|pusieron|puso|contrataron|contrato|"
    r"contratan|pone[nr])\b|"
    r"\bcontratar(la|lo)\b|\bhij[oa] (trabaja|chambea|entro a trabajar|quiere trabajar)\b|"
    # "mi hijo tiene 15 años y entró a un autolavado": the child took the job.
    r"\b(y|ya) (entro|empezo|entra|empieza) (a trabajar |a chambear )?(a|en) (un|una|el|la)\b"
)
# A figure the question itself puts behind a comparator ("¿me pueden dar menos de 12 días?")
# is not a fact of the case.
_ASKED_COMPARATOR = re.compile(r"\b(mas|menos|mayor|menor|minimo|maximo|hasta)\s+(de\s+)?$")
_STOP_TEXT = """dias semanas meses anos horas veces tienes tiene pueden puede deben debe solo para
    trabajo trabajar trabajas patron porque cuando donde tengo tenia entre sobre desde hasta
    menos menor menores mayor mayores minimo maximo eres estas esta tienes haces quieres
quiere quiero puedes hacer hacerlo algo toca tocan tocar pagan pagar"""
_STOP = frozenset(_STOP_TEXT.split())
# A rule whose figure a reform phases in (Arts. 59, 66): rag.phasein says today's figure.
_PHASED = re.compile(r"\bgradual|\breforma\b")
_STEM = 5
_WINDOW = 5
# Absences are counted in days by workers and in times ("veces") by the law.
_ABSENCE = "falt"


@dataclass(frozen=True)
class Threshold:
    op: str  # ">", ">=", "<", "<="
    value: float  # days for a duration
    dimension: Dimension
    role: Role
    text: str  # the rule's words: "más de 3 veces"
    clause: str  # the folded clause it stands in
    # The words a question's figure must share to measure the same thing: a condition's clause,
    # or for a floor or ceiling the statement outside its conditions ("tu patrón debe darte de
    # alta en el IMSS… en no más de 5 días hábiles").
    words: str = ""


@dataclass(frozen=True)
class Finding:
    threshold: Threshold
    figure: Quantity
    holds: bool
    # How many words the figure's neighbourhood shares with the threshold's clause: a floor
    # respected says "Sí" only when the figure plainly measures the same thing.
    shared: int


def _dimension(
    unit: str, value: float, cmp: str, before: str, after: str, clause: str
) -> Dimension | None:
    if _CHILD.search(clause):
        return None  # a child's age ("tu hijo de hasta 16 años") is not the worker's
    if unit in {"", "ano"} and cmp.startswith(("menor", "mayor")):
        return "age"
    if unit == "ano":
        if _SERVICE_AFTER.search(after) or _SERVICE_BEFORE.search(before):
            return "service"
        if _AGE_WORDS.search(clause):
            return "age"
        # "Si tienes 65 años o más", "con 60 años": no one has worked 40 years or more.
        if value >= 40 and re.search(r"\b(?:tienes|tengas|con|cumples|cumplas)\s+$", before):
            return "age"
        # "si tienes menos de 16 años" is an age; "si tienes menos de un año", service.
        if re.search(r"\btienes\s+\S+\s+de\s*$", before):
            return "age" if 12 <= value <= 25 else "service"
        return None
    if unit in {"dia", "semana", "mes"}:
        return "duration"
    if unit in {"hora", "vez", "%"}:
        return unit  # type: ignore[return-value]
    return None


def _conditions(folded: str) -> list[tuple[int, int]]:
    spans = []
    for start in _CONDITION_START.finditer(folded):
        end = _CLAUSE_END.search(folded, start.end())
        spans.append((start.start(), end.start() if end else len(folded)))
    return spans


def condition_clauses(rule: str) -> list[str]:
    """The (folded) clauses of the rule's statement that set a condition ("si renuncias")."""
    folded = fold(rule)
    return [folded[start:end] for start, end in _conditions(folded)]


def thresholds(rule: str) -> list[Threshold]:
    """The thresholds a rule's statement sets, each with its role; a duration's value is in
    days."""
    return list(_read_thresholds(rule))


@lru_cache(maxsize=4096)
def _read_thresholds(rule: str) -> tuple[Threshold, ...]:
    """Read once per rule: the rules are packaged data, weighed for every question."""
    folded = fold(rule)
    if _PHASED.search(folded):
        return ()  # "la reforma lo baja de forma gradual": today's figure is not the rule's
    conditions = _conditions(folded)
    found: list[Threshold] = []
    for figure, start, end in _located(folded):
        before = folded[:start]
        cmp_match = _COMPARATOR.search(before)
        # "Si tienes 65 años o más": the floor said after the figure.
        postfix = _OR_MORE.match(folded[end:]) if cmp_match is None else None
        if cmp_match is None and postfix is None:
            continue
        cmp = cmp_match.group("cmp") if cmp_match else _OR_MORE_CMP[postfix[1]]  # type: ignore[index]
        told_from = cmp_match.start() if cmp_match else start
        if postfix is not None:
            end += postfix.end()
        span = next(((a, b) for a, b in conditions if a <= start < b), None)
        clause_start = span[0] if span else _clause_start(folded, start)
        clause_end = span[1] if span else _clause_end(folded, end)
        clause = folded[clause_start:clause_end]
        dimension = _dimension(figure.unit, figure.value, cmp, before, folded[end:], clause)
        if dimension is None:
            continue
        if span is not None:
            op, role = _CONDITION_OP[cmp], "condition"
        elif cmp in _BOUND_OP:
            op, role = _BOUND_OP[cmp], "bound"
        elif _NOUN_FLOOR.match(cmp):
            op, role = ">=", "bound"
        elif cmp in {"mas de", "pasar de"} and _DENIED.search(folded[clause_start:start]):
            op, role = "<=", "bound"
        else:
            continue
        shown = rule if len(rule) == len(folded) else folded
        text = shown[told_from:end].strip()
        words = clause if role == "condition" else _outside(folded, conditions)
        days = figure.days() if dimension == "duration" else None
        value = figure.value if days is None else days
        found.append(Threshold(op, value, dimension, role, text, clause, words))  # type: ignore[arg-type]
    return tuple(found)


def _outside(folded: str, conditions: list[tuple[int, int]]) -> str:
    """The statement without its condition clauses."""
    kept, at = [], 0
    for start, end in conditions:
        kept.append(folded[at:start])
        at = end
    kept.append(folded[at:])
    return " ".join(kept)


def _clause_start(folded: str, at: int) -> int:
    cut = max(folded.rfind(c, 0, at) for c in ",;.")
    return cut + 1


def _clause_end(folded: str, at: int) -> int:
    end = _CLAUSE_END.search(folded, at)
    return end.start() if end else len(folded)


def _located(folded: str) -> list[tuple[Quantity, int, int]]:
    """The folded text's quantities with their start and end positions."""
    out: list[tuple[Quantity, int, int]] = []
    for q in quantities(folded):
        at = folded.find(q.text)
        while at >= 0 and any(s == at for _, s, _ in out):
            at = folded.find(q.text, at + 1)
        if at < 0:
            continue
        out.append((q, at, at + len(q.text)))
    return out


def _question_figures(question: str) -> list[tuple[Quantity, Dimension, str]]:
    """The question's figures (in its own words) with what they measure and the words around
    them."""
    folded = fold(question)
    shown = question if len(question) == len(folded) else folded
    out: list[tuple[Quantity, Dimension, str]] = []
    words_of = folded.split()
    for located, start, end in _located(folded):
        figure = Quantity(located.value, located.unit, shown[start:end])
        before, after = folded[:start], folded[end:]
        if _ASKED_COMPARATOR.search(before):
            continue
        if _ELAPSED.search(before) and not (
            _SERVICE_HACE.search(before) or _SINCE.search(before) or _SERVICE_AFTER.search(after)
        ):
            continue  # "mi bebé nació hace 7 meses": time gone by, weighed by ``elapsed``
        unit = figure.unit
        dimension: Dimension | None
        # "doy clases ahí desde hace 7 años": time still running is service.
        hace = _SERVICE_HACE.search(before) is not None or _SINCE.search(before) is not None
        if unit == "ano":
            if _SERVICE_AFTER.search(after) or _SERVICE_BEFORE.search(before) or hace:
                dimension = "service"
            elif _HAD_BEFORE.search(before) and _JOB_ENDED.search(folded):
                dimension = "service"  # "me despidieron, tenía 5 años": the years the job lasted
            elif _AGE_BEFORE.search(before) and (
                not _CHILD.search(before[-30:]) or _CHILD_HIRED.search(folded)
            ):
                # "ya cumplí 2 años" is an anniversary at work, not a birthday: nobody under 12
                # works.
                anniversary = figure.value < 12 and re.search(r"\bcumpl[io]\s+$", before)
                dimension = "service" if anniversary else "age" if figure.value >= 12 else None
            else:
                dimension = None
        elif unit in {"dia", "semana", "mes"}:
            dimension = "duration"
            days = figure.days()
            if days and (_SERVICE_AFTER.search(after) or _SERVICE_BEFORE.search(before) or hace):
                # "tengo 6 meses trabajando": half a year of service.
                dimension = "service"
                figure = Quantity(days / 365, "ano", figure.text)
        elif unit in {"hora", "vez", "%"}:
            dimension = unit  # type: ignore[assignment]
        elif (
            unit == ""
            and 12 <= figure.value < 100
            and _AGE_BEFORE.search(before)
            and _BARE_AGE_AFTER.match(after)
            # "Ya cumplí 15" may be years of service; "tengo 16, …" is an age.
            and (figure.value >= 18 or re.search(r"\btengo\s+$", before) is not None)
        ):
            dimension = "age"
            figure = Quantity(figure.value, "ano", figure.text)
        elif unit == "" and 1 <= figure.value <= 60 and _BARE_SERVICE_AFTER.match(after):
            # "Tengo 63 años y 35 trabajando en la misma fábrica": the years said once.
            dimension = "service"
            figure = Quantity(figure.value, "ano", figure.text)
        else:
            dimension = None
        if dimension is None:
            continue
        index = len(before.split())
        window = " ".join(words_of[max(0, index - _WINDOW) : index + _WINDOW + 1])
        out.append((figure, dimension, window))
    return out


# Words of one meaning whose first letters differ: "si el trabajador muere" is the condition
# of a worker whose husband "falleció" or "murió".
_SAME = {"muere": "muert", "murio": "muert", "falle": "muert", "difun": "muert"}


def _stems(text: str) -> set[str]:
    found = {w[:_STEM] for w in re.findall(r"[a-z]{4,}", text) if w not in _STOP}
    return {_SAME.get(s, s) for s in found}


_WORKED_CLAUSE = re.compile(
    r"\b(?:trabajaste|trabajado|laborado|laboraste|trabajas seguido)\b|\bde servicios?\b"
)


def _shared(threshold: Threshold, dimension: Dimension, window: str) -> int:
    """Words the figure's neighbourhood shares with the threshold's clause; 0 when the figure
    measures something else (an age or years of service count as shared by themselves)."""
    if threshold.dimension in {"age", "service"}:
        return 2 if dimension == threshold.dimension else 0
    absence = threshold.dimension == "vez" and dimension == "duration" and _ABSENCE in window
    # "Solo trabajé 40 días" is time worked, weighed against "si trabajaste por lo menos 60 días".
    worked = dimension == "service" and threshold.dimension == "duration" and personal(threshold)
    if worked:
        return 2
    if dimension != threshold.dimension and not absence:
        return 0
    if absence and _ABSENCE in threshold.clause:
        return 2
    shared = len(_stems(threshold.words or threshold.clause) & _stems(window))
    # Hours are hours: the unit alone ties "14 horas al día" to "más de 12 horas en un día".
    return max(shared, 1) if threshold.dimension == "hora" else shared


# The period a count of hours is told per: "20 horas a la semana", "más de 288 horas en el año".
_PERIODS = {
    "dia": re.compile(r"\b(al dia|diari\w*|por dia|cada dia|en un dia|a diario|en el dia)\b"),
    "semana": re.compile(r"\b(a la semana|semanal\w*|por semana|cada semana|en la semana)\b"),
    "mes": re.compile(r"\b(al mes|mensual\w*|por mes|cada mes|en el mes)\b"),
    "ano": re.compile(r"\b(al a[nñ]o|en el a[nñ]o|anual\w*|por a[nñ]o|en un a[nñ]o|cada a[nñ]o)\b"),
}
# Periods a figure told per week or month stands for over a year, when the worker says it holds
# all year ("le meto 20 horas a la semana todo el año").
_PER_YEAR = {"semana": 52, "mes": 12}
_ALL_YEAR = re.compile(r"\b(todo el a[nñ]o|el a[nñ]o completo|todos los meses)\b")


def _period(text: str) -> str | None:
    """The first period the (folded) text names."""
    found = [(m.start(), name) for name, p in _PERIODS.items() if (m := p.search(text))]
    return min(found)[1] if found else None


def _per_rule_period(
    figure: Quantity, threshold: Threshold, window: str, question: str
) -> float | None:
    """A count of hours in the threshold's period: "20 horas a la semana" all year is 1,040
    in the year; None when the two periods differ and cannot be converted (the figure measures
    something else), the figure's value when they agree or either says none."""
    if threshold.dimension != "hora":
        return figure.value
    told = fold(figure.text)
    after = window.split(told, 1)[1][:30] if told and told in window else ""
    own, rules = _period(after), _period(threshold.clause)
    if own is None or rules is None or own == rules:
        return figure.value
    if rules == "ano" and own in _PER_YEAR and _ALL_YEAR.search(question):
        return figure.value * _PER_YEAR[own]
    return None


def _value(figure: Quantity, threshold: Threshold) -> float:
    """The figure in the threshold's unit (durations in days)."""
    if threshold.dimension == "duration":
        days = figure.days()
        return days if days is not None else figure.value
    return figure.value


def conditions_touched(question: str, rule: str) -> bool:
    """Whether every condition of the rule without a figure ("si renuncias") shares a word with
    the question: "Si renuncias, te toca prima de antigüedad solo si tienes 15 años" says nothing
    to the family of a worker who died."""
    folded = fold(rule)
    asked = _stems(fold(question))
    weighed = {t.clause for t in thresholds(rule) if t.role == "condition"}
    for start, end in _conditions(folded):
        span = folded[start:end]
        if span not in weighed and not _stems(span) & asked:
            return False
    return True


def conditions_told(story: str, rule: str) -> bool:
    """Whether the rule sets conditions, all told in the story and none with a figure to weigh:
    "mi papá falleció" for "si un trabajador muere"; "si tu cuenta tiene al menos 3 años" is for
    the worker to check."""
    folded = fold(rule)
    spans = [folded[start:end] for start, end in _conditions(folded)]
    if not spans or any(figures(span) for span in spans):
        return False
    return conditions_touched(story, rule)


def measures_alike(question: str, figure: Quantity, rule: str) -> bool:
    """Whether the words around a figure of the question speak of what the rule does: "me
    dicen que el aginaldo es de 10 días" of "aguinaldo de al menos 15 días" (a misspelt word
    counts), "tengo un año para demandar" of "tienes 2 meses para reclamar"; "dicen que falté 3
    días" has nothing to do with a deadline to claim."""
    folded = expand_shorthand(question)
    at = folded.find(fold(figure.text))
    if at < 0:
        return True
    words = folded.split()
    index = len(folded[:at].split())
    window = " ".join(words[max(0, index - _WINDOW) : index + _WINDOW + 1])
    statement = fold(rule)
    if _CLAIM_TERM.search(window) and _RULE_TERM.search(statement):
        return True
    # "1 mes de incapacidad" after a birth is the leave the law calls "descanso".
    if _TIME_OFF.search(window) and _TIME_OFF.search(statement):
        return True
    # "25 años de chamba" are years of service: no measure of a rule that counts no service
    # ("30 años desde que te dieron tu crédito").
    service = any(
        d == "service" and fold(q.text) == fold(figure.text)
        for q, d, _ in _question_figures(question)
    )
    if service and not _SERVICE_WORDS.search(statement):
        return False
    near, law = _stems(window), _stems(statement)
    if near & law:
        return True
    said = {w for w in re.findall(r"[a-z]{5,}", window) if w not in _STOP}
    written = {w for w in re.findall(r"[a-z]{5,}", statement) if w not in _STOP}
    return any(SequenceMatcher(None, a, b).ratio() >= _MISSPELT for a in said for b in written)


# A rule that counts time of service.
_SERVICE_WORDS = re.compile(
    r"\b(trabajo|trabajaste|trabajad[oa]s?|servicios?|antig\w*|laborad\w*|chamba)\b"
)
# A term to claim, in the worker's words and in the law's.
_CLAIM_TERM = re.compile(r"\bpara (demandar|reclamar|quejarme|denunciar|meter)|\bplazo\b")
_RULE_TERM = re.compile(r"\b(reclamar|plazo|prescri\w*)\b")
# Time off work, whatever a worker or the law calls it.
_TIME_OFF = re.compile(r"\b(incapacidad\w*|descanso|permiso|licencia)\b")
# "aginaldo" is "aguinaldo": words this alike are one word misspelt.
_MISSPELT = 0.85


def speaks_of(question: str, rule: str) -> bool:
    """Whether the rule's statement, outside its conditions, shares a word with the question:
    "si eres menor de 18, te tocan 18 días de vacaciones" speaks of "¿cuántos días de vacaciones
    me tocan?", "si eres menor de 18, no pueden ponerte en un bar" does not."""
    folded = fold(rule)
    outside = _outside(folded, _conditions(folded))
    short = {stem[:4] for stem in _stems(outside)}
    if short & {stem[:4] for stem in _stems(fold(question))}:
        return True
    # "¿Cuántas horas me pueden poner?" asks for the unit the rule's figure is in ("no puede
    # pasar de 6 horas"), a word too common to count as shared.
    unit = asked_unit(question)
    return unit is not None and states_unit(outside, unit)


# "¿Cuántas semanas…?", "¿hasta qué hora…?": the unit a question asks its figure in.
_ASKED_UNIT = re.compile(
    r"\bcuant[oa]s (dias|semanas|meses|anos|años|horas)\b|\b(?:hasta|a) (?:que|q) (hora)s?\b"
)
_UNIT_OF = {"dias": "dia", "semanas": "semana", "meses": "mes", "anos": "ano", "años": "ano"}
# The unit of "¿hasta qué hora?": a time of day ("las 10 de la noche").
CLOCK = "reloj"
_CLOCK_TIME = re.compile(r"\b(las )?\d{1,2}(:\d\d)? de la (noche|manana|tarde|madrugada)\b")


def asked_unit(question: str) -> str | None:
    """The unit a "¿cuántos días / semanas / horas…?" question asks for ("dia", "semana"…), or
    ``CLOCK`` for "¿hasta qué hora…?"."""
    found = _ASKED_UNIT.search(fold(question))
    if found is None:
        return None
    if found.group(2):
        return CLOCK
    word = found.group(1)
    return _UNIT_OF.get(word, word.rstrip("s"))


def states_unit(text: str, unit: str) -> bool:
    """Whether the text states a figure in the unit (a time of day for ``CLOCK``)."""
    if unit == CLOCK:
        return _CLOCK_TIME.search(fold(text)) is not None
    return any(q.unit == unit for q in figures(text))


def placed(question: str, rule: str, *, minor: bool = False) -> bool:
    """Whether the question's age or years of service meet every condition of the rule that
    asks for one ("tengo 16 años" for "si eres menor de 18"), and none is missed."""
    found = findings(question, rule, minor=minor)
    if not found:
        return False
    conditions = [f for f in found if f.threshold.role == "condition"]
    return any(personal(f.threshold) for f in conditions) and all(f.holds for f in conditions)


def personal(threshold: Threshold) -> bool:
    """Whether the threshold weighs the worker's own age or time of service: "si eres menor de
    18", "por cada año de servicios", "si trabajas seguido más de 27 semanas" (a stretch of
    work counts as service)."""
    return threshold.dimension in {"age", "service"} or (
        threshold.dimension == "duration"
        and threshold.role == "condition"
        and _WORKED_CLAUSE.search(threshold.clause) is not None
    )


def misread(question: str, rule: str) -> bool:
    """Whether the rule speaks of an age and the question's years are of service, or the other
    way round: "llevo 16 años de chofer" brings the rules for minors of 16 to a search, and
    "tengo 16 años" those for 15 years of service."""
    asked = {dimension for _, dimension, _ in _question_figures(question)}
    wanted = {t.dimension for t in thresholds(rule) if t.role == "condition"}
    return ("age" in wanted and "age" not in asked and "service" in asked) or (
        "service" in wanted and "service" not in asked and "age" in asked
    )


def adult(question: str) -> bool:
    """Whether the question tells the worker's own age, 18 or over ("tengo 54 años")."""
    return any(d == "age" and f.value >= 18 for f, d, _ in _question_figures(question))


def service(question: str) -> Quantity | None:
    """The service the question states ("llevo 10 años", "tengo 6 meses trabajando"), in years
    with the worker's own words, if any."""
    found = [f for f, dimension, _ in _question_figures(question) if dimension == "service"]
    if len(found) > 1:
        # "mi jefa dice que después de 5 años ya no sube; yo llevo 12": the worker's own.
        folded = fold(question)
        own = [
            f
            for f in found
            if re.search(
                rf"\b(llevo|tengo|cumpli|cumplo)\s+(ya\s+)?{re.escape(fold(f.text))}", folded
            )
        ]
        found = own or found
    return found[0] if found else None


def findings(question: str, rule: str, *, minor: bool = False) -> list[Finding] | None:
    """Each threshold of the rule the question's figures can be weighed against; None when the
    rule has a condition the question says nothing of ("si eres menor de 18" and no age):
    whether the rule applies is then unknown. ``minor``: the case says the worker is under 18
    (without an age), as "soy menor de edad" in the question does."""
    asked = _question_figures(question)
    folded = fold(question)
    minor = minor or _MINOR.search(folded) is not None
    out = []
    for threshold in thresholds(rule):
        for figure, dimension, window in asked:
            shared = _shared(threshold, dimension, window)
            value = _per_rule_period(figure, threshold, window, folded) if shared else None
            if shared and value is not None:
                if value != figure.value:  # "20 horas a la semana" all year: 1,040 in the year
                    figure = Quantity(value, figure.unit, f"{value:,.0f} horas en el año")
                holds = _OPS[threshold.op](_value(figure, threshold), threshold.value)
                out.append(Finding(threshold, figure, holds, shared))
                break
        else:
            under = _under_age(threshold) if minor else None
            if under is not None:
                out.append(Finding(threshold, MINOR, under, 2))
            elif threshold.role == "condition":
                return None
    return out


# "Soy menor de edad": under 18, no age given.
# "Mi sobrina de 17", "mi hijo tiene 16": a relative's age told without "años"; "tengo 16 y…".
_MINOR = re.compile(
    r"\bmenor de edad\b|\b(?:soy|es|eres) menor\b|\b(?:mi|su|tu) (?:hij|sobrin|herman|niet|"
    r"chamac|muchach|chav)[oa]s? (?:de|tiene|ya tiene) (?:1[0-7]|[5-9])\b(?! (?:mes(?:es)?|dias?|"
    r"semanas?|horas?|pesos?|mil|de la)\b)|"
    # "Tengo 16 y es mi primera chamba": an age told bare, then about oneself.
    r"\btengo 1[0-7] ?(?:,|y (?!medio\b|\d)\w)"
)
MINOR = Quantity(17.0, "", "menor de edad")


def _under_age(threshold: Threshold) -> bool | None:
    """Whether an age under 18 meets an age threshold, when that is sure: "menor de 18" yes,
    "mayor de 18" no, "menor de 16" unknown."""
    if threshold.dimension != "age":
        return None
    if threshold.op in {"<", "<="} and threshold.value >= 18:
        return True
    if threshold.op in {">", ">="} and threshold.value >= 18:
        return False
    return None


# "me corrieron hace 3 meses": the time since the event the question counts from; "trabajo
# ahí desde hace 3 años" is service, not elapsed time.
_ELAPSED = re.compile(r"\bhace\s+(?:ya\s+)?(?:como\s+|unos?\s+|mas de\s+)?$")
# "trabajo ahí hace 3 años", "entré hace 2 años": service; "un accidente de trabajo hace 1 año"
# is an event.
_SINCE = re.compile(r"\bdesde\s+hace\s+(?:ya\s+|como\s+|unos?\s+|mas de\s+)?$")
_SERVICE_HACE = re.compile(
    r"(?<!de )(?<!el )(?<!mi )(?<!un )(?<!sin )\b(?:trabajo|trabajaba|entre|entro|empece|empezo|"
    r"ingrese|estoy|laboro|laboraba)\b[^.,?!]{0,60}hace\s+\S*\s*$"
)
# A rule's term: "tienes 2 meses para reclamar", "solo tiene 1 mes para despedirte".
_TERM = re.compile(r"\b(?:tienes|tiene|tienen)\s+(?P<term>[\w ]{1,20}?)\s+(?:desde [\w ]+ )?para\b")


def is_minor(question: str) -> bool:
    """Whether the question says the worker is under 18 ("tengo 17 años", "soy menor de
    edad"): a minor's hours and night work follow Arts. 175-177, not the general rules."""
    if _MINOR.search(fold(question)):
        return True
    return any(d == "age" and q.value < 18 for q, d, _ in _question_figures(question))


# The age below which working is forbidden (Art. 22 Bis LFT, Art. 123-A-III CPEUM).
WORKING_AGE = 15
# A young person's age told as a child's ("mi hijo tiene 14", "mi hija de 13").
_CHILD_AGE = re.compile(
    r"\b(?:mi|su|tu) (?:hij|sobrin|herman|niet|chamac|muchach|chav)[oa]s? (?:de|tiene|ya tiene) "
    r"(1[0-4]|[5-9])\b(?! (?:mes(?:es)?|dias?|semanas?|horas?|pesos?|mil|de la)\b)"
)
# Asking whether a young person may work: "¿sí puedo chambear?", "¿lo pueden contratar?".
_MAY_WORK = re.compile(
    r"\b(trabaj|chamb|contrat|emple)\w*\b.*\b(puedo|pueden|puede|se puede|se vale|es legal|"
    r"permiso)\b|\b(puedo|pueden|puede|se puede|podria|permiso)\b.*\b(trabaj|chamb|contrat|emple)"
)
BAN_ARTICLE = "22 Bis"
_CHILD_MAY = re.compile(
    r"\b(la|lo) (quieren|quiere|van a|puede|pueden|podria|podrian) (contratar|emplear|poner a)|"
    r"\bcontratar(la|lo)\b|\b(hij[oa]|sobrin[oa]) (trabaja|chambea|entro a trabajar|quiere "
    r"trabajar|quiere chambear)\b"
)


def under_working_age(question: str) -> bool:
    """Whether the worker (or the child asked about) is told to be under 15: "tengo 14 años",
    "mi hijo tiene 14"."""
    folded = fold(question)
    # (A child told of is the one to work only when the question says so: "mi hija de 9 años
    # tiene leucemia" asks of the parent's leave.)
    if _CHILD_AGE.search(folded) and _CHILD_MAY.search(folded):
        return True
    return any(d == "age" and q.value < WORKING_AGE for q, d, _ in _question_figures(question))


def asks_child_work(question: str, *, asked: str = "") -> bool:
    """Whether the question asks if someone under 15 may work: answered first by the ban.
    ``asked``: the worker's own last words, when ``question`` carries the story before them; an
    age of 15 or more named there ("¿y a los 15 ya puedo?") is asked about instead."""
    if _OLDER_ASKED.search(fold(asked)):
        return False
    return under_working_age(question) and _MAY_WORK.search(fold(question)) is not None


# "¿Y a los 15 ya puedo?", "cuando cumpla 16": an age of working age asked about.
_OLDER_ASKED = re.compile(
    r"\b(?:a los|con|tengo|cumpli|cumpla|cumplo|ya tengo)\s+(1[5-9]|[2-9]\d)\b"
)
MINIMUM_AGE_ARTICLE = "22"


def asks_minor_work_later(story: str, *, asked: str) -> bool:
    """ "¿Y a los 15 ya puedo?" after a question whether a child of 14 may work: the minimum
    age's rule answers (from 15, with the parents' permission until 16)."""
    older = _OLDER_ASKED.search(fold(asked))
    return (
        older is not None
        and int(older.group(1)) < 18
        and under_working_age(story)
        and _MAY_WORK.search(fold(story)) is not None
    )


def child_work_articles(question: str) -> tuple[str, ...]:
    """The ban on work under 15 (Art. 22 Bis) and the minimum age (Art. 22), to fetch when a
    question asks whether someone under 15 may work."""
    return (BAN_ARTICLE, MINIMUM_AGE_ARTICLE) if asks_child_work(question) else ()


# "me corrieron el 15 de septiembre", "desde el 3 de marzo del 2025": a day gone by.
_ON_DAY = re.compile(
    rf"\b(?:el|desde el|este|del)\s+(\d{{1,2}})\s+de\s+({'|'.join(MONTHS)})\b"
    r"(?:\s+(?:de|del)\s+(\d{4}))?"
)


# "me corrieron a principios de agosto", "desde octubre no me pagan": a month, maybe a part of it.
# What happened on the month a question names: a dismissal, a resignation, pay not given.
_EVENT = (
    r"(?:me (?:corrieron|despidieron|corrio|despidio|liquidaron|sacaron|dieron de baja)|"
    r"renuncie|me sali|me fui de (?:la|el|ahi|mi)|deje de trabajar|me accidente|"
    r"tuve el accidente|no me (?:pagan|han pagado|pagaron)|me (?:quedaron|dejaron) a deber|"
    r"(?:me )?dejaron de pagar(?:me)?)"
)
_IN_MONTH = re.compile(
    rf"\b{_EVENT}\b[^.?!]{{0,30}}?"
    r"\b(?:(?P<part>principios|inicios|mediados|finales|fines)\s+de|en|desde|de)\s+"
    rf"(?P<month>{'|'.join(MONTHS)})\b(?:\s+(?:de|del)\s+(?P<year>\d{{4}}))?"
)
# The month named first, with its year: "en octubre del 2025 me quedaron a deber…".
_MONTH_FIRST = re.compile(
    r"\b(?:(?P<part>principios|inicios|mediados|finales|fines)\s+de|en)\s+"
    rf"(?P<month>{'|'.join(MONTHS)})\s+(?:de|del)\s+(?P<year>\d{{4}})\b[^.?!]{{0,20}}?"
    rf"\b{_EVENT}\b"
)
# Each part of a month as its first and last day (None: the month's last).
_PARTS = {"principios": (1, 10), "inicios": (1, 10), "mediados": (11, 20), "finales": (21, None)}
_PARTS["fines"] = _PARTS["finales"]
# The terms a worker's claim runs against (Arts. 516-519): a month, two, a year, two years.
_TERMS_DAYS = (30, 60, 365, 730)
_MARGIN_DAYS = 7


def _past(day: date, *, today: date, year_given: bool) -> date:
    """A day with no year is the last one on or before ``today``."""
    return day.replace(year=day.year - 1) if day > today and not year_given else day


def _month_span(found: re.Match[str], today: date) -> tuple[date, date]:
    """The first and last day the month phrase can mean, up to ``today``; a month with no year
    is the last one that began on or before ``today``."""
    month = MONTHS.index(found.group("month")) + 1
    given = found.group("year")
    year = int(given) if given else today.year
    first, last = _PARTS.get(found.group("part") or "", (1, None))
    if not given and date(year, month, first) > today:
        year -= 1
    end = last or monthrange(year, month)[1]
    return date(year, month, first), min(date(year, month, end), today)


def _settles_alike(least: int, most: int) -> bool:
    """Whether every term of the law says the same of ``least`` days as of ``most``: past it,
    well within it (``rag.lead``'s margin), or near its end."""

    def side(days: int, term_days: int) -> int:
        return 1 if days > term_days else -1 if days < term_days - _MARGIN_DAYS else 0

    return all(side(least, t) == side(most, t) for t in _TERMS_DAYS)


def day_named(question: str, *, today: date) -> date | None:
    """The one past day the question names ("el 10 de octubre"), the last one on or before
    ``today`` when no year is given; None when it names none or several."""
    found = list(_ON_DAY.finditer(fold(question)))
    if len(found) != 1:
        return None
    day, month, year = found[0].groups()
    try:
        named = date(int(year) if year else today.year, MONTHS.index(month) + 1, int(day))
    except ValueError:
        return None
    return _past(named, today=today, year_given=year is not None)


def days_since(question: str, *, today: date) -> str:
    """ "hace 81 días" for the one past day the question names ("el 15 de septiembre"), so that
    ``elapsed`` weighs it like "hace 3 meses"; "" when it names none, or several, or gives
    "hace …" itself. A day with no year is the last one on or before ``today``. A month alone
    ("a principios de agosto", "desde octubre") counts from its last possible day, and only
    when its first day would weigh the same against every term the law gives to claim."""
    folded = fold(question)
    if re.search(r"\bhace\s+\S", folded):
        return ""
    found = list(_ON_DAY.finditer(folded))
    if len(found) == 1:
        named = day_named(question, today=today)
        gone = (today - named).days if named is not None else 0
        return f"hace {gone} días" if 0 < gone <= 3 * 365 else ""
    months = list(_IN_MONTH.finditer(folded)) or list(_MONTH_FIRST.finditer(folded))
    if found or len(months) != 1:
        return ""
    span = _month_span(months[0], today)
    least, most = (today - span[1]).days, (today - span[0]).days
    if not 0 < least <= most <= 3 * 365 or not _settles_alike(least, most):
        return ""
    return f"hace {least} días"


def elapsed(question: str) -> Quantity | None:
    """The time since the question's event ("me corrieron hace 3 meses"), when it states one;
    "trabajo ahí desde hace 3 años" is service, not elapsed time."""
    folded = fold(question)
    shown = question if len(question) == len(folded) else folded
    for figure, start, end in _located(folded):
        before = folded[:start]
        if figure.days() is None or not _ELAPSED.search(before):
            continue
        if re.search(r"\bdesde\s+hace\s+\S*\s*$", before) or _SERVICE_HACE.search(before):
            continue
        if _SERVICE_AFTER.search(folded[end:]):
            continue  # "hace 2 años que trabajo aquí": service
        return Quantity(figure.value, figure.unit, shown[start:end])
    return None


_WAIT = re.compile(r"\b(?:desde|a partir) (?:del|el) dia (?:natural )?(\d+)\b")


def waiting(rule: str) -> Quantity | None:
    """The waiting period a rule sets ("desde el día 46 de desempleo"), in days, if any."""
    found = _WAIT.search(fold(rule))
    return Quantity(float(found.group(1)), "dia", found.group(0)) if found else None


def term(rule: str) -> Quantity | None:
    """The term a deadline rule gives ("tienes 2 meses para reclamar"), if any."""
    found = _TERM.search(fold(rule))
    if found is None:
        return None
    durations = [q for q in quantities(found.group("term")) if q.days() is not None]
    return durations[0] if len(durations) == 1 else None


# "Entré a una empacadora en marzo del año pasado y me corrieron en enero": the months a job
# lasted, from the month it began to the month it ended.
_BEGAN = re.compile(
    r"\b(?:entre|empece|ingrese|comence|me contrataron|me dieron de alta)\b[^.?!]{0,40}?"
    rf"\ben\s+(?P<month>{'|'.join(MONTHS)})\b"
    r"(?:\s+(?:de|del)\s+(?P<year>\d{4}|a[nñ]o pasado|este a[nñ]o|antepasado))?"
)
_ENDED = re.compile(
    rf"\b{_EVENT}\b[^.?!]{{0,30}}?\ben\s+(?P<month>{'|'.join(MONTHS)})\b"
    r"(?:\s+(?:de|del)\s+(?P<year>\d{4}|a[nñ]o pasado|este a[nñ]o))?"
)


# A year said in words, as years before today's.
_YEARS_BACK = {"este ano": 0, "ano pasado": 1, "antepasado": 2}


def _year_said(said: str | None, today: date) -> int | None:
    if said is None:
        return None
    return int(said) if said.isdigit() else today.year - _YEARS_BACK[said.replace("ñ", "n")]


def months_worked(question: str, *, today: date) -> str:
    """ "trabajé 10 meses." for a job the question says began and ended in named months
    ("entré en marzo del año pasado y me corrieron en enero"), so that its figures weigh it as
    service; "" when it names no such pair or their order is not clear. A month without a year
    is the last one on or before ``today`` (an end), or before the end (a start)."""
    folded = fold(question)
    began, ended = _BEGAN.search(folded), _ENDED.search(folded)
    if began is None or ended is None or re.search(r"\b(?:llevo|llevaba)\s+\d", folded):
        return ""
    first_month = MONTHS.index(began.group("month")) + 1
    last_month = MONTHS.index(ended.group("month")) + 1
    last_year = _year_said(ended.group("year"), today)
    if last_year is None:
        last_year = today.year if last_month <= today.month else today.year - 1
    first_year = _year_said(began.group("year"), today)
    if first_year is None:
        first_year = last_year if first_month <= last_month else last_year - 1
    if not today.year - 80 <= first_year <= last_year <= today.year:
        return ""  # "de 0000", a year to come: no span to weigh
    months = (last_year - first_year) * 12 + last_month - first_month
    if not 0 < months <= 12 * 60 or date(last_year, last_month, 1) > today:
        return ""
    if months < 12:
        return f"trabajé {months} {'mes' if months == 1 else 'meses'}."
    years = months // 12
    return f"trabajé {years} {'año' if years == 1 else 'años'}."
