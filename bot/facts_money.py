"""Pay told in passing: "me pagaban 2,400 a la semana", "gano 9 mil", "2800" then "semanal".

Only an amount right after a pay word counts ("me deben 3 mil" and "me quieren bajar el sueldo
de 7 mil a 5 mil" are not the salary). Pure; used by bot.facts.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from bot.facts_text import Text
from bot.salary import Period, Salary

_PERIODS: tuple[tuple[str, Period], ...] = (
    (r"(?:al|por|x|el|cada)\s+dia|diari[oa]s?|de diario", "dia"),
    (r"(?:a la|por|x|cada|la)\s+semana|semanal(?:es|mente)?|cada (?:8|ocho) dias", "semana"),
    (r"(?:a la|por|x|cada|la)\s+catorcena|catorcenal(?:es)?|cada (?:14|catorce) dias", "catorcena"),
    (
        r"(?:a la|por|x|cada|la)\s+quincena|quincenal(?:es|mente)?|cada (?:15|quince) dias",
        "quincena",
    ),
    (r"(?:al|por|x|cada|el)\s+mes|mensual(?:es|mente)?", "mes"),
)
_PERIOD = "|".join(p for p, _ in _PERIODS)
_WORD_NUMBERS = {
    "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "veinte": 20, "treinta": 30,
}  # fmt: skip
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
    "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800,
    "novecientos": 900,
}  # fmt: skip
_AMOUNT = re.compile(
    r"(?:(?<![\d/.,-])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?!\d)|\d+)(?:\.(\d{1,2}))?(?![\d/])"
    r"(?:\s*(mil|k)\b)?"
    r"|\b(" + "|".join(_WORD_NUMBERS) + r")\s+mil\b)"
    r"(?:\s+(" + "|".join(_HUNDREDS) + r")\b)?"
)
# Words after a number that make it anything but money.
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:a[nñ]os?|meses|mes\b|dias|semanas|horas|hrs|hijos|quincenas|veces|personas|km|kilos|"
    r"%|de la (?:ma[nñ]ana|tarde|noche)|am\b|pm\b|a\s+\d|y\s+\d|de (?:enero|febrero|marzo|abril|"
    r"mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))"
)
# After the amount: it is some other sum ("3 mil de aguinaldo").
_OTHER_SUM_AFTER = re.compile(
    r"\s*(?:pesos\s+)?de\s+(?:aguinaldo|finiquito|liquidacion|utilidades|bono|prima|multa|"
    r"deuda|prestamo|renta|adelanto|descuento|indemnizacion|vacaciones)"
)
_CUE = (
    r"(?:gano|ganaba|gane|ganamos|ganabamos|me pagan|me pagaban|me paga|me pagaba|me pagaron|"
    r"nos pagan|nos pagaban|nos paga|pagan|pagaban|me paguen|me dan|me daban|cobro|cobraba|"
    r"percibo|mi sueldo(?: \w+)? (?:es|era) de|sueldo de|salario de|"
    r"mi salario(?: \w+)? (?:es|era) de|"
    r"mi pago (?:es|era) de|(?:la|mi) (?:quincena|semana|raya|catorcena) (?:es|era|sale|salia) de|"
    r"(?:sueldo|salario|pago) (?:semanal|quincenal|mensual|diario) (?:es |era )?de)"
)
_FILLER = r"como|unos|alrededor de|nomas|nada mas|solo|apenas|mas o menos|aprox|puros?|a|\$"
_CUE_BEFORE = re.compile(rf"\b{_CUE}(?:\s+(?:{_FILLER}|{_PERIOD}))*\s*\$?\s*$")
_CHANGE_BEFORE_CUE = re.compile(
    r"\b(?:antes|anteriormente|al principio|al inicio|bajar|bajaron|bajan|subir|subieron|"
    r"reducir|redujeron|quitar|quitaron|deben|debe|"
    r"quieren|van a|iban a|ofrecieron|ofrecen|prometieron|prometen)\b"
)
# "…en una escuela, 7 mil al mes": a clause that is nothing but the amount (and its period).
_ALONE = re.compile(r"^\s*(?:como|unos|son|de|y|pero)?\s*\$?\s*$")
_PAY_WORD = re.compile(
    r"\b(?:pagan|pagaban|paga|pagaba|gano|ganaba|sueldo|salario|honorarios|cobro)\b"
)
_PERIOD_AFTER = re.compile(rf"\s*(?:pesos|mxn|varos|baros)?\s*(?:{_PERIOD})\b")
_BARE = re.compile(
    rf"^\s*(?:son|es|como|unos|gano|me pagan)?\s*\$?\s*([\d.,]+(?:\s*mil)?)\s*(?:pesos|mxn)?"
    rf"\s*({_PERIOD})?\s*[.!]*\s*$"
)
_PERIOD_ONLY = re.compile(
    rf"^\s*(?:es|son|era|me pagan|me pagaban|pago|cada|a la|al|por)?\s*"
    rf"({_PERIOD}|semana|quincena|catorcena|mes|dia|diario)\s*[.!]*\s*$"
)


def period_of(text: str) -> Period | None:
    for pattern, name in _PERIODS:
        if re.fullmatch(rf"\s*(?:{pattern})\s*", text) or re.search(rf"\b(?:{pattern})\b", text):
            return name
    bare = text.strip()
    return {"semana": "semana", "quincena": "quincena", "catorcena": "catorcena", "mes": "mes",
            "dia": "dia", "diario": "dia"}.get(bare)  # type: ignore[return-value]  # fmt: skip


def _value(m: re.Match[str]) -> Decimal | None:
    extra = Decimal(_HUNDREDS[m[5]]) if m[5] else Decimal(0)
    if m[4]:
        return Decimal(_WORD_NUMBERS[m[4]] * 1000) + extra
    if m[5] and not m[3]:
        return None  # "2 quinientos" is no amount anyone says
    whole = m[1].replace(",", "").replace(".", "")
    try:
        value = Decimal(whole + ("." + m[2] if m[2] else ""))
    except InvalidOperation:
        return None
    if m[3]:
        value *= 1000
    return value + extra


def _plausible(salary: Salary) -> bool:
    return Decimal(20) <= salary.daily() <= Decimal(100_000) if salary.amount > 0 else False


def pay(text: Text) -> tuple[Salary | None, Decimal | None]:
    """(salary, an amount still waiting for its period) from a whole message."""
    folded = text.folded
    bare = _BARE.match(folded)
    if bare:
        m = _AMOUNT.search(bare[1])
        value = _value(m) if m else None
        if value is None or value < 100:
            return None, None  # "35" alone is an age, a count, a day: not a wage
        period = period_of(bare[2]) if bare[2] else None
        if period is None:
            return None, value
        salary = Salary(value, period)
        return (salary, None) if _plausible(salary) else (None, None)
    salaries: list[Salary] = []
    amounts: list[Decimal] = []
    for m in _AMOUNT.finditer(folded):
        after = folded[m.end() : m.end() + 40]
        if _NOT_MONEY_AFTER.match(after) or _OTHER_SUM_AFTER.match(after):
            continue
        clause_start, _ = text.clause_of(m.start())
        before = folded[clause_start : m.start()]
        cue = _CUE_BEFORE.search(before)
        if cue is None and not (
            _ALONE.match(before)
            and _PAY_WORD.search(folded)
            and re.search(r"[,.;:!?\n]\s*$", folded[:clause_start])
        ):
            continue
        cue_start = cue.start() if cue else len(before)
        # A change or a debt said just before the pay word ("me quieren bajar el sueldo de…",
        # "me deben 3 mil"); not one a clause away ("cuánto me deben pagar de aguinaldo si gano
        # 1800 a la semana": "si" opens the pay's own clause).
        near = before[max(0, cue_start - 30) :]
        near = re.split(r"\b(?:si|porque|xq|y)\b", near)[-1] if cue else near
        if _CHANGE_BEFORE_CUE.search(near):
            continue
        value = _value(m)
        if value is None or value <= 0:
            continue
        period_match = _PERIOD_AFTER.match(after)
        period = period_of(period_match[0]) if period_match else None
        if period is None and cue is not None:
            period = period_of(cue[0])
        if period is None:
            if cue is not None:
                amounts.append(value)
            continue
        salary = Salary(value, period)
        if _plausible(salary):
            salaries.append(salary)
    if salaries:
        return (salaries[0], None) if len(set(salaries)) == 1 else (None, None)
    if len(set(amounts)) == 1 and amounts[0] >= 100:
        return None, amounts[0]
    return None, None


def period_answer(text: Text) -> Period | None:
    """The period alone ("semanal", "a la quincena"): completes an amount said before."""
    m = _PERIOD_ONLY.match(text.folded)
    return period_of(m[1]) if m else None


# What the employer offers on leaving: "me quieren dar 5 mil de finiquito", "me ofrecen $8,000".
_OFFER = re.compile(
    r"\b(?:quieren|quiere|van a|va a|iban a) (?:dar|pagar)(?:me|nos)?\b|\bofrec\w*|"
    r"\b(?:me|nos) (?:dan|dieron|dio|da) (?:nomas|nada mas|solo|solamente)\b|"
    # "me dijo que me daba 5 mil y ya", "me darían 8 mil": an offer told in the past (not "me
    # pagaba 2500 a la semana", the pay).
    r"\b(?:dijo|dijeron|dice|dicen) (?:que|q) (?:me|nos) (?:daba|daban|pagaba|pagaban)\b|"
    r"\b(?:me|nos) (?:daria|darian|pagaria|pagarian)\b"
)
_OFFER_FILLER = re.compile(r"\s*(?:(?:me|nos|como|unos|nomas|nada mas|solo|apenas|de)\s+)*\$?\s*")


# What the employer already paid on leaving: "me dieron 15 mil y me hicieron firmar", "me
# liquidaron con 20 mil" (not "me pagaban 350 diarios", the pay).
_RECEIVED = re.compile(
    r"\b(?:me|nos) (?:dieron|dio|pagaron|pago|liquidaron con|liquido con|dejaron|deposito|"
    r"depositaron)\b"
)


def _sum_after(text: Text, cues: re.Pattern[str]) -> Decimal | None:
    for cue in cues.finditer(text.folded):
        start = _OFFER_FILLER.match(text.folded, cue.end())
        at = start.end() if start else cue.end()
        found = _AMOUNT.match(text.folded, at)
        if found is None or _NOT_MONEY_AFTER.match(text.folded, found.end()):
            continue
        if cues is _RECEIVED and _PERIOD_AFTER.match(text.folded, found.end()):
            continue
        value = _value(found)
        if value is not None and value >= 100:
            return value
    return None


def received(text: Text) -> Decimal | None:
    """The sum the employer already paid on leaving ("me dieron 15 mil y me hicieron firmar una
    renuncia"); None when the message says none, or says the pay ("me pagaban 350 diarios")."""
    return _sum_after(text, _RECEIVED)


def offered(text: Text) -> Decimal | None:
    """The sum the employer offers, when the message says one ("me quieren dar 5 mil de
    finiquito"); None when it says none or a number that is no sum (days, years)."""
    return _sum_after(text, _OFFER)
