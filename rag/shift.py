"""What a shift the question states is by law: "entro a las 4 de la tarde y salgo a las 12 de la
noche, me dijeron que es turno mixto, ¿es correcto?" → "No: … es nocturna… máximo 7 horas".

Pure. The hours come from ``calc.shifts`` (Art. 60's 20:00-6:00 night and three and a half
hours; Art. 61's maximum a day); the articles are fetched by id (``ARTICLES``) so each figure
cites what was retrieved.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from calc.overtime_said import weekly_overtime
from calc.shifts import (
    MAXIMUM_HOURS,
    Shift,
    ShiftKind,
    hour_ranges,
    night_minutes,
    shift_kind,
)
from calc.text import fold
from rag.lead import question_kind
from rag.thresholds import is_minor

KIND_ARTICLE = "60"
MAXIMUM_ARTICLE = "61"
OVERTIME_ARTICLE = "66"
ARTICLES = (KIND_ARTICLE, MAXIMUM_ARTICLE)

# The shift itself named: its kind, its hours.
_SHIFT_ITSELF = re.compile(
    r"\b(jornada|turno|nocturn\w*|mixt[oa]s?|diurn\w*|cuantas horas|horas? (extra|de mas)|"
    r"maximo de horas|(menos|muchas|demasiadas|tantas) horas)\b"
)
# What the question is about: the shift, or a schedule ("horario") with no other topic.
# "Entro a las 10 de la noche y salgo a las 6" tells the shift as a schedule does.
_ABOUT_SHIFT = re.compile(
    rf"{_SHIFT_ITSELF.pattern}|\bhorario\b|\b(entro|entramos|salgo|salimos) a las\b"
)
# A schedule told in passing ("tengo horario de 10 a 7 … no me toca aguinaldo?") is not the
# question: another topic asked, with no word of the shift itself but "horario".
_OTHER_TOPIC = re.compile(
    r"\b(a?g[ui]+naldo|vacacion\w*|utilidades|reparto|prima|finiquito|liquidacion|despid\w*|"
    r"corrieron|imss|seguro|infonavit|afore|incapacidad|embaraz\w*|comision\w*|whats\w*|"
    r"mensajes?|llamadas?|marca|contest\w*|respond\w*|desconect\w*)\b"
)
# A break or rest asked about within the shift ("no me dejan salir a comer", "¿me tienen que
# dar media hora de descanso?") is Arts. 63-64's, not the shift's kind, unless the kind or the
# length is asked too.
_BREAK = re.compile(r"\b(comer|comida|almorz\w*|desayun\w*|lonche|media hora|descanso\w*)\b")
_KIND_ASKED = re.compile(
    r"\b(nocturn\w*|mixt[oa]s?|diurn\w*|cuantas horas|horas? (extra|de mas)|maximo de horas)\b"
)
# "¿La hora de más no se me paga aparte?": the pay of the hours past the maximum.
_ASKS_PAY = re.compile(r"\b(pag\w*|dobl\w*|aparte|cobr\w*|me deben|nos deben)\b")
_NAMED = {
    "mixta": re.compile(r"\bmixt[oa]s?\b"),
    "nocturna": re.compile(r"\bnocturn\w*|\bde noche\b"),
    "diurna": re.compile(r"\bdiurn\w*|\bde dia\b"),
}


def _hours(minutes: int) -> str:
    """ "4 horas", "1 hora", "7 horas y media", "2 horas y 20 minutos"."""
    hours, rest = divmod(minutes, 60)
    unit = "hora" if hours == 1 else "horas"
    said = f"{hours} {unit}" if hours else ""
    if rest == 30:
        return f"{said} y media" if hours else "media hora"
    if rest:
        return f"{said} y {rest} minutos" if hours else f"{rest} minutos"
    return said


def _named(folded: str) -> ShiftKind | None:
    """The one kind of shift the question claims ("me dijeron que es turno mixto")."""
    named = [kind for kind, said in _NAMED.items() if said.search(folded)]
    return named[0] if len(named) == 1 else None  # type: ignore[return-value]


# The case form's topic, joined to a follow-up's query: the worker did not name the shift by it.
_FORM_TOPIC = re.compile(r"\bjornada u horas extra\b")


def asks_shift(question: str) -> bool:
    """A question about one shift it states, of an adult (a minor's hours are Arts. 175-177's)."""
    folded = _FORM_TOPIC.sub(" ", fold(question))
    if not _ABOUT_SHIFT.search(folded) or len({r.said for r in hour_ranges(folded)}) != 1:
        return False
    if _OTHER_TOPIC.search(folded) and not _SHIFT_ITSELF.search(folded):
        return False
    if _BREAK.search(folded) and not _KIND_ASKED.search(folded):
        return False
    return not is_minor(question)


def with_schedule(question: str, context: Mapping[str, str] | None) -> str:
    """ "¿Eso es turno de día o de noche?" asked of the case form's schedule: the question with
    that schedule told before it, so its hours are weighed ("mi horario es de 4:00 a 12:00")."""
    schedule = (context or {}).get("horario", "").strip()
    folded = fold(question)
    # "¿Está bien ese horario?" too ("esas horas" are the story's overtime, not the schedule).
    asked = _SHIFT_ITSELF.search(folded) or _SCHEDULE_NAMED.search(folded)
    # "¿Cuánto me tienen que pagar de horas extras?" of the overtime the schedule tells ("martes
    # y jueves me quedo hasta las 18").
    overtime = _OVERTIME_ASKED.search(folded) and weekly_overtime(schedule) is not None
    if not schedule or not (asked or overtime) or hour_ranges(folded):
        return question
    # "8 horas diarias; esta semana me quedé 2 horas más el lunes…": the overtime told, no hours.
    counted = overtime and not hour_ranges(fold(schedule))
    if len({r.said for r in hour_ranges(fold(schedule))}) != 1 and not counted:
        return question
    return f"Mi horario es de {schedule}. {question}"


# A follow-up asked of the case form's schedule ("¿ese horario está permitido?").
_SCHEDULE_ASKED = re.compile(
    r"\b(horario|esas? horas?|ese turno|a esa hora|hasta esa hora|esa jornada)\b"
)


_OVERTIME_ASKED = re.compile(r"\b(?:horas?|hrs?) (?:extras?|de mas)\b|\btiempo extra\b")
# How overtime is paid, told in the story ("me las pagan sencillas").
_PAY_TOLD = re.compile(
    r"\b(sencill\w*|dobles?|al doble|triples?|al triple|no me (las|los) pagan)\b"
)
_SCHEDULE_NAMED = re.compile(
    r"\b(?:ese|este|mi) (?:horario|turno)\b|\besa jornada\b|"
    r"\bsalgo (?:muy |bien |super |demasiado )?(?:tarde|noche)\b"
)


def schedule_query(question: str, context: Mapping[str, str] | None) -> str:
    """The case form's schedule for retrieval when a follow-up asks about it, with the words
    the law uses for its night hours: "de 3pm a 11pm" → "… trabajo nocturno noche"."""
    schedule = (context or {}).get("horario", "").strip()
    if not schedule or not _SCHEDULE_ASKED.search(fold(question)):
        return ""
    shifts = hour_ranges(fold(schedule))
    night = any(night_minutes(shift) for shift in shifts)
    return f"horario {schedule}" + (" trabajo nocturno noche" if night else "")


# A minor's work in a shop, an office, a restaurant… ends at 10 at night (Art. 175-I).
MINOR_ARTICLE = "175"
_MINOR_LATEST = 22 * 60
# Where a minor works at night: an industry's night work is another of Art. 175's cases.
_INDUSTRY = re.compile(r"\b(fabrica|planta|maquila|industria\w*|taller|mina|obra)\b")


def _past_ten(question: str) -> Shift | None:
    """The one shift a minor tells that runs past 10 at night."""
    shifts = hour_ranges(fold(question))
    if len({(s.start, s.minutes) for s in shifts}) != 1:
        return None
    shift = shifts[0]
    end = shift.start + shift.minutes
    return shift if end > _MINOR_LATEST else None


def minor_night_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """ "Tengo 16 y me quieren dar el turno de 3 de la tarde a 11 de la noche, ¿se puede?": no,
    not past 10 at night in a shop (Art. 175-I)."""
    folded = fold(question)
    if MINOR_ARTICLE not in retrieved or not is_minor(question) or _INDUSTRY.search(folded):
        return None
    shift = _past_ten(question)
    if shift is None:
        return None
    verdict = "No: " if question_kind(question) == "yes_no" else ""
    said = (
        f"{verdict}siendo menor de 18, no pueden ponerte a trabajar en un comercio u otro lugar "
        f"que no es industria después de las 10 de la noche (Art. {MINOR_ARTICLE} LFT), y tu "
        f"turno de {shift.said} pasa de esa hora."
    )
    return f"{said[0].upper()}{said[1:]}"


# A night premium claimed or asked about: "por ley el turno de noche se paga 25 % más".
_NIGHT = re.compile(
    r"\b(turno de noche|turno nocturno|jornada nocturna|de noche|en la noche|velador)\b"
)
_PREMIUM = re.compile(
    r"\b(\d+ ?%|por ciento|prima nocturna|bono nocturno|pagar mas|pagan mas|paguen mas|"
    r"pagar extra|se paga mas|sale mejor pagado|mejor pagad[oa])"
)


def night_premium_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """ "Mi primo dice que el turno de noche se paga 25 % más, ¿es cierto?": the law sets no
    premium for night work; it sets a shorter day (Art. 61)."""
    folded = fold(question)
    if MAXIMUM_ARTICLE not in retrieved or not (_NIGHT.search(folded) and _PREMIUM.search(folded)):
        return None
    if _PAY_FOR_HOURS.search(folded):
        return None  # overtime or a holiday worked at night: those are paid more
    verdict = "No: " if question_kind(question) == "yes_no" else ""
    said = (
        f"{verdict}la ley no da un pago extra por trabajar de noche; lo que da es una jornada más "
        f"corta: la nocturna dura como máximo 7 horas al día, en vez de 8 (Art. {MAXIMUM_ARTICLE} "
        "LFT). Un pago extra por la noche solo te toca si tu contrato lo da."
    )
    return f"{said[0].upper()}{said[1:]}"


_PAY_FOR_HOURS = re.compile(r"\b(horas? extras?|tiempo extra|festivo|descanso|domingo)\b")


def needed_articles(question: str) -> tuple[str, ...]:
    """The shift's articles, and the overtime pay's when the question asks what is paid."""
    if is_minor(question) and _past_ten(question) is not None:
        return (MINOR_ARTICLE,)
    if not asks_shift(question):
        return ()
    return (*ARTICLES, OVERTIME_ARTICLE) if _ASKS_PAY.search(fold(question)) else ARTICLES


# "¿Es legal?" after the story: a bare yes/no question this short asks of the whole story.
BARE_QUESTION_WORDS = 4


def shift_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """The shift's kind by its hours at night, and its maximum against its length. ``asked``: the
    worker's own words when ``question`` has the case's story before them: "y si me siento, ¿me
    pueden descontar?" after a story that told the shift does not ask about the shift."""
    if not asks_shift(question) or not set(ARTICLES) <= set(retrieved):
        return None
    if asked is not None and asked != question:
        own = fold(asked)
        bare = question_kind(asked) == "yes_no" and len(own.split()) <= BARE_QUESTION_WORDS
        if not _ABOUT_SHIFT.search(own) and not bare:
            return None
        # "¿Eso es legal?" after "me las quieren pagar sencillas": the pay is judged, not the
        # shift.
        if bare and not _ABOUT_SHIFT.search(own) and _PAY_TOLD.search(fold(question)):
            return None
    folded = fold(question)
    shift = hour_ranges(folded)[0]
    kind = shift_kind(shift)
    night = night_minutes(shift)
    named = _named(folded)
    over = shift.minutes - int(MAXIMUM_HOURS[kind] * 60)
    verdict = "" if named is None else ("Sí: " if named == kind else "No: ")
    pay = over > 0 and _ASKS_PAY.search(folded) is not None and OVERTIME_ARTICLE in retrieved
    choice = sum(1 for said in _NAMED.values() if said.search(folded)) > 1  # "¿de día o de noche?"
    if named is None and over > 0 and question_kind(question) == "yes_no" and not (pay or choice):
        verdict = "No: "  # "¿es legal esa jornada?" of a shift past its maximum
    opening = f"{verdict}tu jornada de {shift.said} es {kind}"
    if kind == "diurna":
        why = "porque es toda entre las 6 de la mañana y las 8 de la noche"
    elif night == shift.minutes:
        why = "porque es toda entre las 8 de la noche y las 6 de la mañana"
    elif kind == "nocturna":
        why = (
            f"porque tiene {_hours(night)} entre las 8 de la noche y las 6 de la mañana, y con 3 "
            "horas y media o más de noche la jornada se considera nocturna"
        )
    else:
        why = (
            f"porque tiene {_hours(night)} de noche (entre las 8 de la noche y las 6 de la "
            "mañana), menos de 3 horas y media"
        )
    said = f"{opening[0].upper()}{opening[1:]}, {why} (Art. {KIND_ARTICLE} LFT)."
    said += f" La jornada {kind} dura como máximo {_hours(int(MAXIMUM_HOURS[kind] * 60))} al día"
    if over > 0:
        said += f"; tú trabajas {_hours(shift.minutes)}, {_hours(over)} de más"
    said += f" (Art. {MAXIMUM_ARTICLE} LFT)."
    if pay:
        extra = "Esa hora de más es" if over == 60 else "Ese tiempo de más es"
        said += (
            f" {extra} tiempo extra y se paga con un 100 % más que tus horas normales, es decir, "
            f"al doble (Art. {OVERTIME_ARTICLE} LFT)."
        )
    return said
