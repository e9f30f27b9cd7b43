"""What one deduction for a debt to the employer may take from a pay (Art. 110-I LFT): "choqué la
camioneta y me quieren descontar 8 mil de un jalón, gano 6 mil a la quincena" → "No: … unos
$382.68 por quincena, no $8,000.00 de un jalón".

Pure. Art. 110-I: debts for advances, overpayments, errors, losses or breakage may be deducted,
but no more than a month's salary in all, and each deduction no more than 30 % of the pay above
the minimum wage.
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
from rag.amounts import peso_sums
from rag.lead import question_kind
from rag.pay import PAY_PATTERN, daily_of, period_of

ARTICLE = "110"
# A follow-up this short with no topic of its own asks of the story before it.
BARE_WORDS = 8
MINIMUM_ARTICLE = "97"
SHARE = Decimal("0.30")
MONTH_DAYS = 30
_PERIOD_SAID = {"dia": "día", "semana": "semana", "quincena": "quincena", "mes": "mes"}
_PAID_EVERY = {
    "dia": "al día",
    "semana": "a la semana",
    "quincena": "a la quincena",
    "mes": "al mes",
}

_DEDUCTS = re.compile(r"\b(?:descont\w*|descuent\w*|cobrar\w*|rebajar\w*|quitar\w*)\b")
# A debt to the employer of the kind Art. 110-I names.
_DEBT = re.compile(
    r"\b(?:choq\w*|choc\w*|romp\w*|rompi\w*|quebr\w*|dan[oa]\w*|dañ\w*|perdi\w*|faltante\w*|"
    r"averi\w*|anticipo\w*|adelant\w*|prest\w*|deuda\w*|debo|error\w*|descompu\w*)\b|"
    r"\bse me (?:cayo|cayeron|rompio|rompieron|perdio|perdieron|quebro|descompuso)\b"
)
# What other rules answer: a tool worn by use (Art. 132), a court's garnishment or a debt to a
# shop (Art. 112), interest (Art. 111), pay that is the minimum (Art. 97).
_OTHER_RULE = re.compile(
    r"\bgastad\w*|\bdesgast\w*|\bde tanto uso\b|\bviejit\w*|\bembarg\w*|\bjuzgado\b|\bjuez\b|"
    r"\btienda (?:departamental|de muebles)\b|\bbanco\b|\bfinanciera\b|\binteres\w*|"
    r"\b(?:gano|ganamos|me pagan|nos pagan) (?:el|lo) minimo\b|\bel minimo nomas\b"
)
# All at once: "de un jalón", "todo junto", "en una sola quincena".
_LUMP = re.compile(
    r"\bde (?:un )?jalon\b|\bde golpe\b|\btodo junto\b|\btoda junta\b|\ben una sola\b|"
    r"\b(?:de|en) (?:mi|la|una|esta|la siguiente|la proxima) (?:quincena|semana|raya)\b|"
    r"\bde una (?:sola )?vez\b|\btodo de una\b|\btod[oa] (?:el|la|mi) (?:sueldo|quincena|semana|"
    r"salario|raya|pago)\b"
)


def _debt_sum(folded: str, pay_spans: list[tuple[int, int]]) -> Decimal | None:
    """The first sum of at least 100 pesos outside the pay's own figures."""
    return next(
        (
            amount
            for amount, start, _ in peso_sums(folded, at_least=100)
            if not any(a <= start < b for a, b in pay_spans)
        ),
        None,
    )


def deduction_fact(
    question: str, *, retrieved: Collection[str], today: date, asked: str | None = None
) -> str | None:
    """The most one deduction for a debt to the employer may take from the question's pay, and
    whether the sum the employer wants at once fits it. ``asked``: the worker's own words."""
    folded = fold(question)
    own = fold(asked or question)
    # "¿Es legal lo que me quiere hacer?" after the story asks of the deduction it told.
    bare = len(own.split()) <= BARE_WORDS and _DEDUCTS.search(folded) is not None
    if ARTICLE not in retrieved or not ((_DEDUCTS.search(own) or bare) and _DEBT.search(folded)):
        return None
    if _OTHER_RULE.search(folded):
        return None  # a worn tool, a court's garnishment, interest, the minimum: their own rules
    pays = list(PAY_PATTERN.finditer(folded))
    dailies = {daily_of(m, folded) for m in pays}
    lump = _LUMP.search(folded) is not None
    if not pays:
        if not lump:
            return None  # no pay and no lump sum: the rules say it (Art. 110-I)
        # No pay told: the rule, and that the sum wanted at once cannot be taken so.
        debt = _debt_sum(folded, [])
        verdict = "No: " if question_kind(asked or question) == "yes_no" and lump else ""
        out = (
            f"{verdict}por una deuda con tu patrón (pérdidas, averías, errores o anticipos), cada "
            f"descuento no puede pasar del 30 % del excedente del salario mínimo (lo que ganas "
            f"arriba del mínimo) (Art. {ARTICLE} LFT)"
        )
        if lump:
            sum_said = f"esos {pesos(debt)}" if debt is not None else "todo"
            out += f", así que no pueden quitarte {sum_said} de un jalón"
        return f"{out[0].upper()}{out[1:]}."
    if len(dailies) != 1:
        return None
    daily = dailies.pop()
    if daily is None:
        return None
    period = period_of(pays[0])
    minimum = minimum_wage(today).general
    if daily <= minimum:
        # Nothing above the minimum, and the minimum is never deducted for such debts (Art. 97).
        verdict = "No: " if question_kind(asked or question) == "yes_no" else ""
        floor = " (Art. 97 LFT)" if MINIMUM_ARTICLE in retrieved else ""
        out = (
            f"{verdict}por una deuda con tu patrón solo pueden descontarte hasta el 30 % de lo que "
            f"ganas arriba del salario mínimo (Art. {ARTICLE} LFT), y con {pesos(daily)} al día "
            f"no ganas más que el mínimo ({pesos(minimum)} al día en {today.year}): el salario "
            f"mínimo no se puede descontar por eso{floor}."
        )
        return f"{out[0].upper()}{out[1:]}"
    days = PERIOD_DAYS[period]
    per_period = ((daily - minimum) * days * SHARE).quantize(Decimal("0.01"))
    said = _PERIOD_SAID[period]
    pay = Decimal(pays[0].group("amount").replace(",", "")) * (1000 if pays[0].group("mil") else 1)
    debt = _debt_sum(folded, [(m.start(), m.end()) for m in pays])
    too_much = debt is not None and debt > per_period
    # Taken all at once past the limit: no. Past the limit with no word of how: in parts.
    verdict = "No: " if question_kind(asked or question) == "yes_no" and too_much and lump else ""
    out = (
        f"{verdict}por una deuda con tu patrón (pérdidas, averías, errores o anticipos), cada "
        f"descuento no puede pasar del 30 % del excedente del salario mínimo (lo que ganas "
        f"arriba del mínimo): con {pesos(pay)} {_PAID_EVERY[period]}, unos {pesos(per_period)} "
        f"por {said} (Art. {ARTICLE} LFT)"
    )
    if too_much and debt is not None:
        out += (
            f", no {pesos(debt)} de un jalón"
            if lump
            else f"; esos {pesos(debt)} tendrían que descontártelos en partes"
        )
    month = daily * MONTH_DAYS
    if debt is not None and debt > month:
        out += (
            f". Y en total no pueden cobrarte más de un mes de salario, unos {pesos(month)} "
            f"(Art. {ARTICLE} LFT)"
        )
    return f"{out[0].upper()}{out[1:]}."


# Shares of the salary Art. 110 caps by themselves: the rent of a home the employer provides
# (fraction III, Art. 151's) and a FONACOT credit (fraction VII).
_CAPPED = (
    (
        re.compile(r"\b(?:renta|rentan|rento|renten)\b"),
        Decimal("0.15"),
        "el descuento por la renta de la vivienda que te da la empresa",
    ),
    (re.compile(r"\bfonacot\b"), Decimal("0.20"), "el descuento por un crédito FONACOT"),
)


def capped_share_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """The most a rent or a FONACOT deduction may take from the question's pay ("gano 3,500 a
    la semana, ¿cuánto es lo más que me pueden descontar de renta?" → $525.00), and whether the
    sum told fits it. ``asked``: the worker's own words."""
    folded, own = fold(question), fold(asked or question)
    if ARTICLE not in retrieved or not _DEDUCTS.search(own):
        return None
    found = next(
        ((share, what) for pattern, share, what in _CAPPED if pattern.search(folded)), None
    )
    kind = question_kind(asked or question)
    if found is None or kind not in ("how_much", "yes_no"):
        return None
    pays = list(PAY_PATTERN.finditer(folded))
    if len(pays) != 1:
        return None
    share, what = found
    period = period_of(pays[0])
    pay = Decimal(pays[0].group("amount").replace(",", "")) * (1000 if pays[0].group("mil") else 1)
    cap = (pay * share).quantize(Decimal("0.01"))
    percent = f"{share * 100:.0f} %"
    told = _debt_sum(folded, [(m.start(), m.end()) for m in pays])
    verdict = ""
    if kind == "yes_no" and told is not None:
        verdict = "No: " if told > cap else "Sí: "
    out = (
        f"{verdict}{what} no puede pasar del {percent} de tu salario (Art. {ARTICLE} LFT): con "
        f"{pesos(pay)} {_PAID_EVERY[period]}, lo más son {pesos(cap)} por {_PERIOD_SAID[period]}"
    )
    if told is not None and told > cap:
        out += f", no {pesos(told)}"
    return f"{out[0].upper()}{out[1:]}."
