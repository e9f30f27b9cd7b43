"""Two figures a question about pay settles with its own numbers: the daily salary of a weekly,
fortnightly or monthly pay (Art. 89: ÷ 7, ÷ 15, ÷ 30), and whether a pay is below the minimum
wage in force (CONASAMI's, ``calc.wages``; Arts. 85 and 90). Pure.

"Me pagan 2,800 a la semana, ¿cuál es mi salario diario?" → $400.00. "Saco 240 al día a destajo,
¿así me pueden pagar?" → "No: … menos que el salario mínimo de 2026, $315.04 al día".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from decimal import Decimal

from calc.facts import pesos
from calc.salary import PERIOD_DAYS
from calc.text import fold
from calc.wages import minimum_wage
from rag.lead import question_kind
from rag.pay import PAY_PATTERN, daily_of, daily_pay, period_of

DAILY_ARTICLE = "89"
PIECEWORK_ARTICLE = "85"
MINIMUM_ARTICLE = "90"

# "¿Cuál es mi salario diario?", "¿cuánto gano al día?", "mi sueldo diario".
_ASKS_DAILY = re.compile(
    r"\b(salario|sueldo|pago) (diario|por dia|al dia|de un dia)\b|"
    r"\bcuanto (gano|me pagan|me toca|es|sale|seria) (al|por) dia\b"
)
# How a weekly, fortnightly or monthly pay is said back (a daily one needs no division).
_PER = {"semana": "a la semana", "quincena": "a la quincena", "mes": "al mes"}
# Asking whether the pay is allowed ("¿así me pueden pagar?", "¿es legal?"), or naming the floor.
_ASKS_ALLOWED = re.compile(
    r"\b(es legal|es ilegal|se vale|se puede|pueden pagar|puede pagar|pueden pagarme|"
    r"me pueden|esta bien|es justo|es correcto|esta permitido|asi es)\b"
)
_MINIMUM = re.compile(r"\bminimo\b")
# The worker's own pay judged ("¿me están pagando bien?", "¿es justo lo que me pagan?"): asked
# of the pay the case form holds.
_PAY_JUDGED = re.compile(
    r"\b(?:me|nos) (?:estan |esta )?(?:pagando|pagan|paga) "
    r"(?:bien|mal|lo justo|lo correcto|poco)\b|"
    r"\b(?:es|esta) (?:justo|bien|correcto) lo (?:que|q) (?:me|nos) (?:pagan|paga|estan pagando)\b"
)
# A follow-up that asks the turn before's question of another pay: "¿y si me pagan 1,900?".
_PAY_AGAIN = re.compile(r"^\W*y (si|con|por) (me |nos )?(pagan|pagaran|pagaria|dan|daban|\d)")
# A pay for part of a day is compared with the day's minimum only in proportion (Art. 83): the
# question's figure is not a full day's then.
_PART_TIME = re.compile(
    r"\bmedio tiempo\b|\bmedia jornada\b|\bunas? (\d|dos|tres|cuatro|cinco) horas\b|"
    r"\b[1-6] horas (al|por) dia\b|\bpor hora\b|\bla hora\b|\bpor horas\b"
)
_PIECEWORK = re.compile(r"\b(destajo|por pieza|la pieza|por obra|por prenda|por unidad)\b")
# A base with more on top ("250 diarios de base pero con comisiones saco 5 mil extra"): the
# base alone is not what the worker earns.
_ON_TOP = re.compile(
    r"\bde base\b|\b(con|mas|y|aparte|ademas de) (las |mis |unas )?(comisiones|propinas|bonos|"
    r"incentivos)\b|\bextra al mes\b"
)
# The Zona Libre de la Frontera Norte, by the word or by its best-known cities.
BORDER = re.compile(
    r"\bfrontera\b|\bfronteriz\w+|\btijuana\b|\bjuarez\b|\bmexicali\b|\breynosa\b|"
    r"\bmatamoros\b|\bnogales\b|\bnuevo laredo\b|\bpiedras negras\b|\bciudad acu[nñ]a\b|"
    r"\btecate\b|\bensenada\b|\brosarito\b|\bsan luis rio colorado\b|\bagua prieta\b"
)


def daily_salary_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """ "Tu salario diario es de $400.00: $2,800.00 a la semana entre 7 (Art. 89 LFT)." for a
    question that asks its daily salary and states one weekly, fortnightly or monthly pay.
    ``asked``: the worker's own question, whose pay wins over the case story's."""
    if DAILY_ARTICLE not in retrieved or not _ASKS_DAILY.search(fold(question)):
        return None
    stated = _period_pay(fold(asked)) if asked else None
    stated = stated or _period_pay(fold(question))
    if stated is None:
        return None
    daily, period = stated
    divisor = PERIOD_DAYS[period]
    return (
        f"Tu salario diario es de {pesos(daily)}: {pesos(daily * divisor)} {_PER[period]} "
        f"entre {divisor} (Art. {DAILY_ARTICLE} LFT)."
    )


def _period_pay(folded: str) -> tuple[Decimal, str] | None:
    """The daily salary and the period of the one weekly, fortnightly or monthly pay the text
    states (the same pay said twice is one)."""
    told = {
        (daily, period_of(match))
        for match in PAY_PATTERN.finditer(folded)
        if (daily := daily_of(match, folded)) is not None
    }
    if len(told) != 1:
        return None
    daily, period = told.pop()
    return (daily, period) if period in _PER else None


def below_minimum_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "No: ganas unos $240.00 al día, menos que el salario mínimo de 2026…" for a question
    that asks whether its full-day pay is allowed (or names the minimum) and states one below the
    minimum wage in force; None when the pay is not below it or is for part of a day.
    ``asked``: the worker's own words, which must state the pay: the case form's pay is warned
    about when the form notes it, and "¿y eso se puede?" after a schedule asks of the schedule."""
    folded = fold(question)
    told = fold(asked) if asked is not None else folded
    # Asked by the worker's own words, or again of another pay ("¿y si me pagan 1,900?"): an
    # earlier turn's "¿eso se puede?" is not asked by "¿y si me salgo me dan algo?".
    again = asked is None or _PAY_AGAIN.search(told) is not None
    judged = _PAY_JUDGED.search(told) is not None
    said = folded if again or judged else told
    asks = question_kind(question) == "yes_no" and (_ASKS_ALLOWED.search(said) or judged)
    if not (asks or _MINIMUM.search(said)) or _PART_TIME.search(folded):
        return None
    if _ON_TOP.search(folded):
        return None
    if _ASKS_DAILY.search(told):
        return None  # "¿cuál es mi salario diario?" asks the division, not whether it is allowed
    piecework = _PIECEWORK.search(folded) is not None
    article = PIECEWORK_ARTICLE if piecework else MINIMUM_ARTICLE
    if article not in retrieved:
        article = next((a for a in (PIECEWORK_ARTICLE, MINIMUM_ARTICLE) if a in retrieved), "")
    daily = _own_pay(folded if judged else told)
    if not article or daily is None:
        return None
    wage = minimum_wage(today)
    border = BORDER.search(folded) is not None
    floor = wage.frontera if border else wage.general
    if daily >= floor:
        return None
    zone = " en la zona de la frontera norte" if border else ""
    how = "a destajo, en una jornada normal de 8 horas" if piecework else "por una jornada completa"
    return (
        f"No: ganas unos {pesos(daily)} al día, menos que el salario mínimo de {wage.year}"
        f"{zone}, {pesos(floor)} al día ({wage.source}); {how} nunca te pueden pagar menos "
        f"(Art. {article} LFT)."
    )


# The worker's own pay is told with these words before it ("gano 240 al día", "me pagan 1,500 a
# la semana", "saco unas 40, osea 240 al día"); a deduction or a charge is not pay.
_PAY_WORDS = re.compile(
    r"\b(gano|ganamos|ganaba|ganando|pagan|pagaban|paga|pagaba|saco|sacamos|sueldo|salario|"
    r"cobro|cobramos|osea|o sea|me dan|nos dan)\b"
)
_NOT_PAY = re.compile(r"\b(descuent\w*|quitan|cobran|cobra|multa|debo|prestamo|caja de ahorro)\b")
_EARNS_MINIMUM = re.compile(r"\b(gano|ganamos|me pagan|nos pagan) (el|lo|un) (salario )?minimo\b")


def _own_pay(folded: str) -> Decimal | None:
    """The daily pay the worker says they earn, the last one told that way."""
    if _EARNS_MINIMUM.search(folded):
        return None
    pays = []
    for match in PAY_PATTERN.finditer(folded):
        before = folded[max(0, match.start() - 50) : match.start()]
        clause = re.split(r"[.;,]\s", before)[-1]
        if not _PAY_WORDS.search(clause) or _NOT_PAY.search(clause):
            continue
        daily = daily_of(match, folded)
        if daily is not None:
            pays.append(daily)
    # The last pay told is the one asked about ("saco 230 al día… ¿y si me pagan 1,900 a la
    # semana?"; "me pagaban 400 y ahora 300").
    return pays[-1] if pays else None


def needed_articles(question: str) -> tuple[str, ...]:
    """The article a figure of this module would cite, to fetch by id when retrieval missed it."""
    folded = fold(question)
    if _ASKS_DAILY.search(folded) and _period_pay(folded):
        return (DAILY_ARTICLE,)
    # A pay asked about (or the minimum named): the article the comparison would cite.
    asks = question_kind(question) == "yes_no" and (
        _ASKS_ALLOWED.search(folded) or _PAY_JUDGED.search(folded)
    )
    if (asks or _MINIMUM.search(folded)) and not _PART_TIME.search(folded) and _own_pay(folded):
        return (PIECEWORK_ARTICLE,) if _PIECEWORK.search(folded) else (MINIMUM_ARTICLE,)
    if _APP.search(folded) and _STATUS_ASKED.search(folded) and daily_pay(question) is not None:
        return (PLATFORM_ARTICLE,)
    return ()


# Art. 291-C: an app worker is a platform worker in a month whose net earnings reach one monthly
# minimum wage (Mexico City's, the general zone's); below it, independent that month.
PLATFORM_ARTICLE = "291-C"
MONTH_DAYS = PERIOD_DAYS["mes"]
_APP = re.compile(
    r"\b(app|apps|aplicacion|plataforma|uber|didi|rappi|cabify|indrive|beat|mercado libre|"
    r"amazon flex|repartidor\w*)\b"
)
_STATUS_ASKED = re.compile(
    r"\b(cuento como|soy|somos|me consideran|me toman como|soy considerado) "
    r"(trabajador\w*|empleado\w*|independiente\w*)\b|\b(que|q) soy\b"
)


def platform_status_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """ "Me quedan como 5 mil al mes en la app, ¿cuento como trabajador?": the month's net
    against one monthly minimum wage (Art. 291-C). ``asked``: the worker's own words."""
    folded = fold(question)
    own = fold(asked) if asked is not None else folded
    if PLATFORM_ARTICLE not in retrieved or not _APP.search(folded):
        return None
    if not _STATUS_ASKED.search(own):
        return None
    daily = _own_pay(folded) or daily_pay(question)
    if daily is None:
        return None
    wage = minimum_wage(today)
    monthly = (daily * MONTH_DAYS).quantize(Decimal("0.01"))
    floor = wage.general * MONTH_DAYS
    net = f"con unos {pesos(monthly)} netos al mes"
    rule = (
        f"la ley te cuenta como trabajador de plataforma en los meses en que ganas neto al menos "
        f"un salario mínimo mensual, {pesos(floor)} en {wage.year} (Art. {PLATFORM_ARTICLE} LFT)"
    )
    if monthly >= floor:
        return f"Sí: {net}, {rule}."
    return (
        f"No ese mes: {net} ganas menos de un salario mínimo mensual, así que ese mes cuentas como "
        f"trabajador independiente; {rule}."
    )
