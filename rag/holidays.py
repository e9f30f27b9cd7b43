"""Whether a day the worker names is a paid holiday (Art. 74), and when a moved one falls.

Pure. "¿El 12 de diciembre es de descanso obligatorio?" is settled by Art. 74's list, not by a
model: the fixed days, the three moved to a Monday (5 de febrero, 21 de marzo, 20 de noviembre)
with the date they fall on next, and every other day a plain no.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from calc.dates import MONTHS as _MONTHS
from calc.text import fold
from rag.lead import confirms_denial, question_kind
from rag.phasein import long_date

HOLIDAY_ARTICLE = "74"
PAY_ARTICLE = "75"
_MONTH_NAMES = {name: n for n, name in enumerate(_MONTHS, start=1)}
# Days workers name by their feast rather than their date.
_NAMED = {
    "ano nuevo": (1, 1),
    "dia de la constitucion": (2, 5),
    "natalicio de benito juarez": (3, 21),
    "dia del trabajo": (5, 1),
    "dia de las madres": (5, 10),
    "dia de la independencia": (9, 16),
    "dia de muertos": (11, 2),
    "dia de la revolucion": (11, 20),
    "dia de la virgen": (12, 12),
    "dia de la guadalupana": (12, 12),
    "nochebuena": (12, 24),
    "noche buena": (12, 24),
    "navidad": (12, 25),
}
_DATE = re.compile(rf"\b([0-3]?\d)(?:o|ro)? de ({'|'.join(_MONTHS)})\b")
# "El 24 y el 31 de diciembre": two days of one month.
_PAIR = re.compile(rf"\bel ([0-3]?\d) y (?:el )?([0-3]?\d) de ({'|'.join(_MONTHS)})\b")
# "Del 1 de junio al 31 de octubre", "entré el 2 de febrero": when a job ran, not a day asked of.
_SPAN = re.compile(
    rf"\bdel [0-3]?\d de (?:{'|'.join(_MONTHS)})(?: de \d{{4}})? al [0-3]?\d de "
    rf"(?:{'|'.join(_MONTHS)})(?: de \d{{4}})?|\bentre el [0-3]?\d de (?:{'|'.join(_MONTHS)})"
)
_ASKS_REST = re.compile(r"\b(descans|festivo|feriado|obligatori|puente|dia libre)")
# "Me hicieron trabajar el 16 de septiembre, ¿cuánto me pagan?": the pay for working it.
_WORKED = re.compile(r"\btrabaj")
_PAY = re.compile(r"\b(pag|doble|triple)")
# "¿En día de muertos me pagan doble?": the holiday's pay asked without "trabajar".
_DOUBLE = re.compile(r"\b(doble|triple)\b")
_FIXED = {(1, 1), (5, 1), (9, 16), (12, 25)}
# The day commemorated → (month, which Monday) it is observed on.
_MOVED = {(2, 5): (2, 1, "primer"), (3, 21): (3, 3, "tercer"), (11, 20): (11, 3, "tercer")}


def named_day(question: str) -> tuple[int, int] | None:
    """The (month, day) the question names, by date or by its feast."""
    found = named_day_at(question)
    return found[0] if found else None


def named_day_at(question: str) -> tuple[tuple[int, int], int] | None:
    """The (month, day) the question names, and where in the folded question it is named: the
    last one named ("el 25 de diciembre me toca… ¿y el 1 de enero también?" asks of January)."""
    # A span of time worked ("trabajé del 1 de junio al 31 de octubre", the case form's dates)
    # names no day asked about: blanked, so positions stay.
    folded = _SPAN.sub(lambda m: " " * len(m.group(0)), fold(question))
    # So does another event's day ("mi bebé nació el 10 de agosto").
    folded = _EVENT_DAY.sub(lambda m: " " * len(m.group(0)), folded)
    named: list[tuple[tuple[int, int], int]] = []
    for found in _DATE.finditer(folded):
        day, month = int(found.group(1)), _MONTH_NAMES[found.group(2)]
        if 1 <= day <= 31:
            named.append(((month, day), found.start()))
    if not named:
        for name, (month, day) in _NAMED.items():
            feast = re.search(rf"\b{name}\b", folded)
            if feast is not None:
                named.append(((month, day), feast.start()))
    return max(named, key=lambda n: n[1]) if named else None


# Feasts with no fixed date, which Art. 74 does not list either: how the answer names them.
_MOVABLE = (
    (re.compile(r"\bjueves (y (el )?)?viernes santo\b"), "el jueves y el viernes santo"),
    (re.compile(r"\bjueves santo\b"), "el jueves santo"),
    (re.compile(r"\bviernes santo\b"), "el viernes santo"),
    (re.compile(r"\bsemana santa\b"), "la semana santa"),
    (re.compile(r"\bcarnaval\b"), "el carnaval"),
)


def _movable_feast(folded: str) -> str | None:
    return next((said for found, said in _MOVABLE if found.search(folded)), None)


def paid_holiday(day: tuple[int, int]) -> bool:
    """Whether the (month, day) is itself a paid holiday of Art. 74 (a moved one is its Monday)."""
    return day in _FIXED


def nth_monday(year: int, month: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (nth - 1))


# A day told as another event's ("mi bebé nace como el 20 de enero", "entré el 1 de julio"),
# not as a day worked or rested.
_EVENT_DAY = re.compile(
    r"\b(nace|nacio|nazca|va a nacer|parto|me alivio|me corrieron|me despidieron|entre|empece|"
    r"me sali|renuncie|cumplo|cumpli)\b[^.?!,;]{0,15}?\b(?:el )?\d{1,2} de [a-z]+"
)


def _asked_as_holiday(folded: str) -> bool:
    """Whether a day is asked about as a day of rest, or as paid double or for working it."""
    worked_paid = _WORKED.search(folded) and _PAY.search(folded) and not _EVENT_DAY.search(folded)
    return bool(_ASKS_REST.search(folded) or worked_paid or _DOUBLE.search(folded))


def needed_articles(question: str) -> tuple[str, ...]:
    """Art. 74, to fetch by id when retrieval missed it, for a day or feast asked about as a
    holiday ("¿en día de muertos me pagan doble?")."""
    folded = fold(question)
    if not _asked_as_holiday(folded):
        return ()
    if named_day(question) is None and _holidays_paid(question) is not None:
        return (HOLIDAY_ARTICLE, PAY_ARTICLE)  # "¿los festivos me los pagan doble?"
    named = named_day(question) is not None or _movable_feast(folded) is not None
    return (HOLIDAY_ARTICLE,) if named else ()


# "¿Los días festivos me los tienen que pagar doble?": holidays in general, and their pay.
_HOLIDAYS_NAMED = re.compile(r"\b(?:dias? )?(?:festivos?|feriados?|de descanso obligatorio)\b")
_PAY_ASKED = re.compile(r"\b(?:pag\w*|doble|triple|cuanto|cuanta)\b")


def _holidays_paid(asked: str) -> str | None:
    own = fold(asked)
    if not (_HOLIDAYS_NAMED.search(own) and _PAY_ASKED.search(own)):
        return None
    said = (
        "si trabajas un día festivo (de descanso obligatorio), además de tu salario de ese día te "
        f"deben pagar un salario doble: en total, el triple (Art. {PAY_ARTICLE} LFT)."
    )
    return f"Sí: {said}" if question_kind(asked) == "yes_no" else f"{said[0].upper()}{said[1:]}"


def holiday_fact(
    question: str, *, today: date, pay_retrieved: bool = False, asked: str | None = None
) -> str | None:
    """The answer for a day the question names and asks about resting or being paid for.
    ``asked``: the worker's own words when ``question`` has the case's story before them: "me
    corrieron el 20 de noviembre" told, "¿qué pasa con los pagos del crédito?" asks no holiday."""
    folded = fold(question)
    if not _asked_as_holiday(folded):
        return None
    if asked is not None and asked != question:
        own = fold(asked)
        if not _asked_as_holiday(own) and named_day(asked) is None:
            return None
    named = named_day(question)
    cite = f"(Art. {HOLIDAY_ARTICLE} LFT)"
    feast = _movable_feast(folded) if named is None else None
    if feast is not None:
        verb, pronoun = ("son días", "los") if " y " in feast else ("es día", "lo")
        if not feast.endswith("santo") and " y " not in feast:  # a season, not a day
            verb, pronoun = "es tiempo", "la" if feast.startswith("la ") else "lo"
        return (
            f"No: {feast} no {verb} de descanso obligatorio por ley {cite}; solo {pronoun} "
            "descansas si tu contrato o tu patrón te lo dan."
        )
    pair = _PAIR.search(folded)
    if pair is not None:
        month = _MONTH_NAMES[pair.group(3)]
        days = [(month, int(pair.group(1))), (month, int(pair.group(2)))]
        if all(
            1 <= d <= 31 and (month, d) not in _FIXED and (month, d) not in _MOVED for _, d in days
        ):
            near = list(dict.fromkeys(n for n in map(_next_holiday, days) if n is not None))
            hint = ""
            if near:
                listed = " y ".join(f"el {d} de {_MONTHS[m - 1]}" for m, d in near)
                those = "los de esas fechas son" if len(near) > 1 else "el de esas fechas es"
                hint = f"; {those} {listed}"
            return (
                f"No: el {days[0][1]} y el {days[1][1]} de {_MONTHS[month - 1]} no son días de "
                f"descanso obligatorio por ley{hint} {cite}. Solo los descansas si tu contrato o "
                "tu patrón te los dan."
            )
        rest = [d for d in days if d in _FIXED]
        if len(rest) == 1 and all(1 <= d <= 31 and (month, d) not in _MOVED for _, d in days):
            other = next(d for d in days if d not in _FIXED)
            return (
                f"El {rest[0][1]} de {_MONTHS[month - 1]} sí es día de descanso obligatorio con "
                f"goce de sueldo {cite}; el {other[1]} no lo es."
            )
    if named is None:
        return _holidays_paid(asked or question) if pay_retrieved else None
    month, day = named
    paid = (
        " Si te toca trabajarlo, además de tu salario de ese día te deben pagar un salario doble "
        f"(Art. {PAY_ARTICLE} LFT)."
        if pay_retrieved
        else ""
    )
    label = f"el {day} de {_MONTHS[month - 1]}"
    agreed = confirms_denial(question, _NOT_A_HOLIDAY)  # "…no es de descanso, ¿es cierto?"
    # "Fui a trabajar y me lo pagaron como día normal, ¿está bien así?": a holiday worked is paid
    # double besides the day's salary, so no.
    if _PAID_PLAIN.search(folded) and pay_retrieved:
        paid = (
            " Por trabajarlo, además de tu salario de ese día te deben pagar un salario doble "
            f"(Art. {PAY_ARTICLE} LFT): en total, el triple."
        )
        # ("¿Me deben algo más?" is a yes; "¿está bien así?", a no.)
        owed = _OWED_MORE.search(fold(asked or question)) is not None
        yes = "Sí:" if owed else "No:"
    else:
        yes = "Sí:"
    if (month, day) in _FIXED:
        if agreed:  # "dice que el 16 de septiembre no se descansa, ¿es cierto?": no
            return f"No: {label} sí es día de descanso obligatorio con goce de sueldo {cite}.{paid}"
        said = f"{label} es día de descanso obligatorio con goce de sueldo {cite}.{paid}"
        return _opened(said, yes, question)
    if (month, day) in _MOVED:
        observed_month, nth, word = _MOVED[(month, day)]
        observed = nth_monday(today.year, observed_month, nth)
        if observed < today:
            observed = nth_monday(today.year + 1, observed_month, nth)
        return (
            f"El descanso obligatorio por {label} se pasa al {word} lunes de "
            f"{_MONTHS[observed_month - 1]} {cite}: el próximo es el lunes {long_date(observed)}; "
            f"{label} mismo es día normal de trabajo.{paid}"
        )
    # "El lunes 16 de noviembre me hicieron trabajar": this year's third Monday of November is
    # the holiday itself.
    moved = _observed_as(named, today.year)
    if moved is not None:
        (origin_month, origin_day), word = moved
        said = (
            f"{label} de {today.year} es día de descanso obligatorio con goce de sueldo: es el "
            f"{word} lunes de {_MONTHS[month - 1]}, el día en que se descansa por el "
            f"{origin_day} de {_MONTHS[origin_month - 1]} {cite}.{paid}"
        )
        return _opened(said, yes, question)
    after = _next_holiday(named)
    hint = f"; el de esas fechas es el {after[1]} de {_MONTHS[after[0] - 1]}" if after else ""
    # "El supervisor dice que el 12 de diciembre no es de descanso, ¿neta?": he is right.
    said = f"Sí, {agreed}" if agreed else "No"
    return (
        f"{said}: {label} no es día de descanso obligatorio por ley{hint} {cite}. Solo lo "
        "descansas si tu contrato o tu patrón te lo dan."
    )


# A holiday worked and paid as any day: "me lo pagaron como día normal", "sencillo".
_PAID_PLAIN = re.compile(
    r"\b(?:pagaron|pagan|paga|pago|pagaran)\b[^.?!]{0,25}\b(?:como (?:un )?dia normal|normal|"
    r"sencillo|igual que (?:siempre|otro dia|cualquier dia)|lo de siempre)\b"
)


_OWED_MORE = re.compile(
    r"\b(?:me|nos) (?:deben|debe|tienen que|tiene que|toca|tocan|corresponde)\b|\balgo mas\b"
)


def _opened(said: str, verdict: str, question: str) -> str:
    """``said`` after its verdict ("Sí:", "No:") for a yes/no question, else capitalised."""
    if verdict and question_kind(question) == "yes_no":
        return f"{verdict} {said}"
    return said[0].upper() + said[1:]


# A claim that the day is no holiday: "dice que el 12 de diciembre no es de descanso".
_NOT_A_HOLIDAY = re.compile(
    r"\bno (es|son|se descansa|se considera|cuenta como|esta en la ley)\b|\bse trabaja normal\b"
)


def _observed_as(day: tuple[int, int], year: int) -> tuple[tuple[int, int], str] | None:
    """The commemorated (month, day) and which Monday, when ``day`` is the Monday a moved
    holiday is observed on in ``year`` (16 de noviembre de 2026 → (11, 20), "tercer")."""
    for origin, (month, nth, word) in _MOVED.items():
        observed = nth_monday(year, month, nth)
        if (observed.month, observed.day) == day:
            return origin, word
    return None


# How far after a day a fixed holiday is still "of those dates" (the 24th and the 25th).
_NEAR_DAYS = 7


def _next_holiday(day: tuple[int, int]) -> tuple[int, int] | None:
    """The fixed holiday (month, day) within a week after ``day`` ("24 de diciembre" → 25)."""
    month, number = day
    try:
        start = date(2024, month, number)  # a leap year: every (month, day) exists
    except ValueError:
        return None
    for ahead in range(1, _NEAR_DAYS + 1):
        later = start + timedelta(days=ahead)
        if (later.month, later.day) in _FIXED:
            return later.month, later.day
    return None
