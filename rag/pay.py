"""Figures a how-much question settles with its own numbers: the prima vacacional of Art. 76's
days at the salary it gives, the aguinaldo's proportional days for the months it says were
worked (and their amount at its salary). Pure; the arithmetic is calc's tables and Art. 89's
daily salary, never a model's.

"Cumplí 2 años, gano 450 al día, ¿de cuánto me sale la prima vacacional?" → 14 días × $450 ×
25 % = $1,575.00. The articles are fetched by id (``ARTICLES``) so each figure cites what was
retrieved.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Collection
from datetime import date
from decimal import Decimal

from calc.dates import MONTHS, days_in_year, days_inclusive
from calc.facts import pesos, plain
from calc.salary import daily_salary, seniority_base
from calc.text import fold
from calc.vacations import vacation_days
from calc.wages import minimum_wage
from rag.lead import question_kind
from rag.thresholds import service

AGUINALDO_ARTICLE = "87"

AGUINALDO_DAYS = Decimal(15)
VACATION_ARTICLE = "76"
PREMIUM_ARTICLE = "80"
PREMIUM = Decimal("0.25")

# "gano 450 al día", "me pagan 9 mil al mes", "$2,500 a la semana", "3 mil quincenales".
PAY_PATTERN = re.compile(
    r"(?<![\w.,])\$?\s?(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mil>mil)?"
    r"\s*(?:pesos\s*)?(?P<period>al dia|diarios?|por dia|el dia|(?:por|x) (?:jornada|turno)|"
    r"a la semana|semanal(?:es)?|"
    r"por semana|a la quincena|quincenal(?:es)?|por quincena|cada quincena|al mes|"
    r"mensual(?:es)?|por mes)\b"
)
# "Gano 380": a pay told without its period (read as a day's only within ``BARE_DAILY``).
_BARE_PAY = re.compile(
    r"\b(?:gano|ganaba|me pagan|me pagaban|cobro|cobraba)\s+(?:como\s+|unos\s+)?\$?\s?"
    r"(\d{3,4})(?:\s*pesos)?\b(?!\s*(?:mil|a la|al |por|x |semanal|quincenal|mensual|cada|"
    r"diari|[.,]\d))"
)
BARE_DAILY = (Decimal(150), Decimal(1200))
_CHANGED_PAY = re.compile(r"\bde\s+\$?\s?\d[\d,.]*\s*(?:mil\s*)?(?:pesos\s*)?a\s+$")
_PERIODS = (
    ("dia", "dia"),
    ("jornada", "dia"),  # "360 por jornada": a day's shift
    ("turno", "dia"),
    ("semana", "semana"),
    ("quincena", "quincena"),
    ("mes", "mes"),
    ("mensual", "mes"),  # "12 mil mensuales" has no "mes" in it
)
# "trabajé nomás 6 meses este año", "llevo 8 meses trabajados".
_MONTHS_WORKED = re.compile(
    r"\b(?:trabaje|labore|estuve|chambee|dure)\b(?:(?!\bhace\b)[^.?!\d]){0,40}?"
    r"(?P<n>\d{1,2})\s+meses\b|\b(?P<m>\d{1,2})\s+meses\s+(?:trabajados|laborados)\b|"
    # "llevo 6 meses de ayudante", not "tengo 6 meses de embarazo".
    r"\b(?:llevo|tengo|llevaba|tenia)\s+(?:ya\s+)?(?:como\s+|casi\s+|unos\s+)?"
    r"(?P<k>\d{1,2})\s+meses\b(?!\s+de\s+(?:embarazo|embarazada|nacid|vida))"
)
_MONTH = "|".join(MONTHS)
# "entré a trabajar el 1 de julio de este año", "empecé en marzo": a start in the current year.
_STARTED = re.compile(
    r"\b(?:entre|empece|ingrese|comence|me contrataron|me dieron de alta|entre a trabajar)\b"
    rf"[^.?!]{{0,60}}?\b(?:(?:el\s+)?(?P<day>\d{{1,2}})\s+de\s+|en\s+)(?P<month>{_MONTH})\b"
    r"(?:\s+(?:de|del)\s+(?P<year>este a[nñ]o|a[nñ]o pasado|\d{4}))?"
)
# "…y me salí el 30 de septiembre": the day (or month) a job that began this year ended.
_LEFT = re.compile(
    r"\b(?:me (?:corrieron|despidieron|corrio|despidio|liquidaron|sacaron|dieron de baja)|"
    r"renuncie|me sali|me fui|deje de trabajar|deje la chamba|termine|se (?:me )?acabo)\b"
    rf"[^.?!\d]{{0,30}}?\b(?:(?:el\s+)?(?P<day>\d{{1,2}})\s+de\s+|en\s+|"
    rf"(?:a )?(?:finales|fin) de\s+)(?P<month>{_MONTH})\b"
)
# "trabajé de enero a junio": whole months of this year, both ends counted.
_MONTH_RANGE = re.compile(
    rf"\b(?:trabaje|labore|estuve|chambee|dure|trabajando)\b[^.?!\d]{{0,20}}?\bde\s+"
    rf"(?P<first>{_MONTH})\s+(?:a|hasta)\s+(?:finales de\s+|fin de\s+)?(?P<last>{_MONTH})\b"
)
# "trabajé del 2 de febrero al 1 de agosto de 2026": the days worked, both ends counted.
_DAY_RANGE = re.compile(
    rf"\b(?:trabaje|labore|estuve|chambee|dure|trabajando)\b[^.?!]{{0,20}}?\bdel?\s+"
    rf"(?P<d1>\d{{1,2}})\s+de\s+(?P<m1>{_MONTH})\s+(?:al|hasta el)\s+(?P<d2>\d{{1,2}})\s+de\s+"
    rf"(?P<m2>{_MONTH})(?:\s+(?:de|del)\s+(?P<year>\d{{4}}))?"
)
_AGUINALDO = re.compile(r"\ba?g[ui]+naldo\b")
_PREMIUM = re.compile(r"\bprima vacacional\b")
# The vacation days' pay asked together with their premium: "con todo y prima".
_WITH_PREMIUM = re.compile(
    r"\bvaca\w*\b.{0,40}\b(?:con todo y|con|mas|y|incluyendo) (?:la |su |mi )?prima\b"
)


def daily_pay(question: str) -> Decimal | None:
    """The daily salary a question states (Art. 89: a month ÷ 30, a week ÷ 7), if exactly one
    (the same pay said twice, as the story and the case form both say it, is one); "me bajó el
    sueldo de 400 a 300 diarios" states two."""
    folded = fold(question)
    found = list(PAY_PATTERN.finditer(folded))
    if not found:
        bare = [Decimal(m.group(1)) for m in _BARE_PAY.finditer(folded)]
        # "Gano 380" with no period: a day's pay is the only one that small can be.
        daily = {p for p in bare if BARE_DAILY[0] <= p <= BARE_DAILY[1]}
        return daily.pop() if len(daily) == 1 and len(bare) == 1 else None
    pays = {daily_of(match, folded) for match in found}
    return pays.pop() if len(pays) == 1 else None


# "Me pagan 60 la hora", "a 55 pesos por hora": a pay by the hour.
_HOURLY = re.compile(
    r"(?:\$\s?)?\b(\d{2,4}(?:\.\d{1,2})?)\s*(?:pesos\s+)?(?:la|por|x|cada)\s+hora\b"
)


# "La hora normal me la pagan a 50 pesos": the hour named first.
_HOUR_FIRST = re.compile(
    r"\bla hora (?:normal |ordinaria |de trabajo )?(?:me |nos |te |se )?(?:la |las )?"
    r"(?:pagan|paga|pagaban|pagaba|sale|salia|esta|estaba) (?:a |en |de )?"
    r"\$?\s?(\d{2,4}(?:\.\d{1,2})?)\b"
)


def hourly_pay(question: str) -> Decimal | None:
    """The pay per hour a question states ("me pagan 60 la hora"), if exactly one."""
    folded = fold(question)
    found = {
        Decimal(m.group(1)) for m in (*_HOURLY.finditer(folded), *_HOUR_FIRST.finditer(folded))
    }
    return found.pop() if len(found) == 1 else None


def period_of(match: re.Match[str]) -> str:
    """The period of a ``PAY_PATTERN`` match, as ``calc.salary`` names it ("dia", "semana",
    "quincena", "mes")."""
    return next(p for word, p in _PERIODS if word in match.group("period"))


def daily_of(match: re.Match[str], folded: str) -> Decimal | None:
    """The daily salary of one ``PAY_PATTERN`` match in ``folded`` (Art. 89); None for a pay
    that changed ("de 400 a 300 diarios": the first) or is not positive."""
    if _CHANGED_PAY.search(folded[: match.start()]):
        return None
    amount = Decimal(match.group("amount").replace(",", ""))
    if match.group("mil"):
        amount *= 1000
    if amount <= 0:
        return None
    return daily_salary(amount, period_of(match))


def years_served(question: str) -> Decimal | None:
    """The years of service the question states (``rag.thresholds.service``), to the cent of a
    year, when between 0 and 60."""
    served = service(question)
    if served is None or not 0 < served.value <= 60:
        return None
    return Decimal(str(round(served.value, 2)))


def seniority_said(days: Decimal, daily: Decimal, *, today: date) -> str:
    """ "$14,400.00 de prima de antigüedad", with the cap or the floor said when it applied."""
    amount, base = seniority_pay(days, daily, today=today)
    if base < daily:
        bound = " (con el tope del doble del salario mínimo)"
    elif base > daily:
        bound = " (con el salario mínimo como base)"
    else:
        bound = ""
    return f"{pesos(amount)} de prima de antigüedad{bound}"


def seniority_pay(days: Decimal, daily: Decimal, *, today: date) -> tuple[Decimal, Decimal]:
    """The prima de antigüedad of ``days`` at ``daily``, and the daily base it used: ``daily``
    within the floor of the minimum wage and the cap of twice it (Arts. 162-II, 485, 486; the
    general zone's wage of ``today``)."""
    base = seniority_base(daily, wage=minimum_wage(today), zone="general")
    return days * base.daily, base.daily


def years_said(years: Decimal) -> str:
    """ "1 año", "2.5 años"."""
    return f"{plain(years)} año" if years == 1 else f"{plain(years)} años"


# "14 días de vacaciones", "mis 12 dias de vacaciones": the days the worker takes.
_DAYS_TAKEN = re.compile(r"\b(?P<n>\d{1,2}) dias de (?:vacaciones|vacas)\b")
# More days than decades of service could give are a misreading.
MAX_VACATION_DAYS = 40


def premium_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """The prima vacacional in pesos for the years and the salary the question gives."""
    folded = fold(question)
    # "¿Y cuánto me toca de prima?" after the vacations were told: the vacation premium.
    bare = re.search(r"\bprima\b(?! (?:de antig|dominical))", folded) and re.search(
        r"\bvacacion", folded
    )
    if not (_PREMIUM.search(folded) or bare) or question_kind(question) != "how_much":
        return None
    if PREMIUM_ARTICLE not in retrieved:
        return None
    served, daily = service(question), daily_pay(question)
    if daily is None:
        return None
    taken = _DAYS_TAKEN.search(folded)
    if taken is not None:
        # "me voy a tomar 14 días de vacaciones y gano 500 diarios": the days are given.
        days_taken = int(taken.group("n"))
        if 1 <= days_taken <= MAX_VACATION_DAYS:
            amount = Decimal(days_taken) * daily * PREMIUM
            return (
                f"Tu prima vacacional por {days_taken} días de vacaciones es de unos "
                f"{pesos(amount)}: el 25 % de lo que te pagan por esos días, {days_taken} × "
                f"{pesos(daily)} × 25 % (Art. {PREMIUM_ARTICLE} LFT)."
            )
    if served is None or served.value < 1 or VACATION_ARTICLE not in retrieved:
        return None
    years = int(served.value)
    days = vacation_days(years)
    amount = Decimal(days) * daily * PREMIUM
    unit = "año" if years == 1 else "años"
    if _WITH_PREMIUM.search(folded):
        # "¿Cuánto me deben pagar de vacaciones con todo y prima?": the days' pay and the premium.
        base = Decimal(days) * daily
        return (
            f"Por tus vacaciones te deben unos {pesos(base + amount)} en total: al cumplir "
            f"{years} {unit} te tocan {days} días de vacaciones pagadas (Art. {VACATION_ARTICLE} "
            f"LFT), {pesos(base)} con {pesos(daily)} al día, más la prima vacacional del 25 %, "
            f"{pesos(amount)} (Art. {PREMIUM_ARTICLE} LFT)."
        )
    return (
        f"Tu prima vacacional es de unos {pesos(amount)}: al cumplir {years} {unit} te tocan "
        f"{days} días de vacaciones (Art. {VACATION_ARTICLE} LFT), y la prima es el 25 % de lo "
        f"que te pagan por ellos: {days} × {pesos(daily)} × 25 % (Art. {PREMIUM_ARTICLE} LFT)."
    )


def started_this_year(question: str, *, today: date) -> date | None:
    """The day the question says the job began, when it is in ``today``'s year ("entré el 1 de
    julio de este año", "empecé en marzo"); a month with no year is this year's if not later."""
    found = _STARTED.search(fold(question))
    if found is None:
        return None
    month = MONTHS.index(found.group("month")) + 1
    year = found.group("year")
    # "del año pasado", "de 2024": not this year.
    if (
        year is not None
        and not year.startswith("este")
        and (not year[0].isdigit() or int(year) != today.year)
    ):
        return None
    if year is None and month > today.month:
        return None
    try:
        return date(today.year, month, int(found.group("day") or 1))
    except ValueError:
        return None


def _worked_share(question: str, folded: str, today: date) -> tuple[Decimal, str] | None:
    """The share of the year worked ("6 meses" → 6/12; "entré el 1 de julio" → 184/365 days),
    and how to say it."""
    days_span = _day_range(folded, today)
    if days_span is not None:
        begun, ended = days_span
        count = days_inclusive(begun, ended)
        shown = (
            f"del {begun.day} de {MONTHS[begun.month - 1]} al {ended.day} de "
            f"{MONTHS[ended.month - 1]}"
        )
        return Decimal(count) / days_in_year(today.year), f"Por {count} días trabajados ({shown})"
    span = _MONTH_RANGE.search(folded)
    if span is not None:
        first = MONTHS.index(span.group("first"))
        last = MONTHS.index(span.group("last"))
        if not first <= last <= today.month - 1 or (first, last) == (0, 11):
            return None
        months = last - first + 1
        shown = f"de {span.group('first')} a {span.group('last')}"
        return Decimal(months) / 12, f"Por {months} meses trabajados ({shown})"
    worked = _MONTHS_WORKED.search(folded)
    if worked is not None and worked.group("k") and started_this_year(question, today=today):
        worked = None  # "llevo 5 meses… entré el 1 de julio": the start date counts exactly
    if worked is not None:
        months = int(worked.group("n") or worked.group("m") or worked.group("k"))
        if not 1 <= months <= 11:
            return None
        return Decimal(months) / 12, f"Por {months} meses trabajados"
    start = started_this_year(question, today=today)
    length = days_in_year(today.year)
    if start is None:
        # "Me corrieron el 30 de septiembre… tenía 3 años": this year's share, from 1 January.
        january = date(today.year, 1, 1)
        end = _left_this_year(folded, start=january, today=today)
        if end is None or _STARTED.search(folded):
            return None
        days = days_inclusive(january, end)
        said = f"Por {days} días trabajados este año (del 1 de enero al {end.day} de "
        return Decimal(days) / length, f"{said}{MONTHS[end.month - 1]})"
    if start.month == 1 and start.day == 1:
        return None
    shown = f"{start.day} de {MONTHS[start.month - 1]}"
    end = _left_this_year(folded, start=start, today=today)
    if end is not None:
        days = days_inclusive(start, end)
        until = f"{end.day} de {MONTHS[end.month - 1]}"
        return Decimal(days) / length, f"Por {days} días trabajados (del {shown} al {until})"
    days = days_inclusive(start, date(today.year, 12, 31))
    said = f"Si trabajas del {shown} al 31 de diciembre ({days} de los {length} días del año),"
    return Decimal(days) / length, said


def _left_this_year(folded: str, *, start: date, today: date) -> date | None:
    """The day a job begun on ``start`` ended, when the text says it ("me salí el 30 de
    septiembre"; a month alone is its last day), between the start and ``today``."""
    found = _LEFT.search(folded)
    if found is None:
        return None
    month = MONTHS.index(found.group("month")) + 1
    try:
        day = int(found.group("day") or monthrange(today.year, month)[1])
        end = date(today.year, month, day)
    except ValueError:
        return None
    return min(end, today) if start <= end and date(today.year, month, 1) <= today else None


def _day_range(folded: str, today: date) -> tuple[date, date] | None:
    """The first and last day of a span worked within ``today``'s year, if the text says one."""
    found = _DAY_RANGE.search(folded)
    if found is None:
        return None
    year = int(found.group("year") or today.year)
    if year != today.year:
        return None
    try:
        first = date(year, MONTHS.index(found.group("m1")) + 1, int(found.group("d1")))
        last = date(year, MONTHS.index(found.group("m2")) + 1, int(found.group("d2")))
    except ValueError:
        return None
    return (first, last) if first <= last <= today else None


# The aguinaldo's amount claimed in a yes/no question: "un mes", "30 días", "me tocan 15 mil".
_AMOUNT_CLAIMED = re.compile(
    r"\b(?:un mes|30 dias|treinta dias|me tocan? (?:de )?\$?\d[\d,.]*(?: mil)?)\b"
)


def aguinaldo_fact(question: str, *, retrieved: Collection[str], today: date) -> str | None:
    """The aguinaldo's proportional days for the months worked the question gives (15 days a
    year), or for a start this year, and their amount when it gives the salary too."""
    folded = fold(question)
    if not _AGUINALDO.search(folded) or AGUINALDO_ARTICLE not in retrieved:
        return None
    # "¿Es un mes de sueldo, verdad? entonces me tocan 15 mil?": an amount claimed is asked too.
    if question_kind(question) != "how_much" and not _AMOUNT_CLAIMED.search(folded):
        return None
    share = _worked_share(question, folded, today)
    daily = daily_pay(question)
    if share is None:
        if daily is None:
            return None
        # The salary without the time worked: the whole year's figure, and the rule for less.
        return (
            f"Si trabajaste todo el año, te tocan al menos 15 días de aguinaldo: unos "
            f"{pesos(AGUINALDO_DAYS * daily)} con tu salario de {pesos(daily)} al día; si "
            f"entraste este año, la parte proporcional (Art. {AGUINALDO_ARTICLE} LFT)."
        )
    fraction, worked = share
    days = AGUINALDO_DAYS * fraction
    said = (
        f"{worked} te tocan {plain(days)} días de aguinaldo: la parte proporcional de los 15 "
        f"días al año (Art. {AGUINALDO_ARTICLE} LFT)"
    )
    if daily is not None:
        said += f", unos {pesos(days * daily)} con tu salario de {pesos(daily)} al día"
    return f"{said}."


# Art. 79: the vacations of a job that ends before its year are paid in proportion.
LEFT_VACATIONS_ARTICLE = "79"
FIRST_YEAR_VACATION_DAYS = 12
_VACATIONS = re.compile(r"\bvaca(?:ciones|s)\b")


def _first_year_share(question: str, folded: str, today: date) -> tuple[Decimal, str] | None:
    """The share of a first year worked by a job that began and ended this year ("entré el 1 de
    junio y renuncié el 1 de diciembre"), as ``_worked_share`` says it."""
    if not _VACATIONS.search(folded) or _PREMIUM.search(folded):
        return None
    if question_kind(question) != "how_much":
        return None
    spans = _DAY_RANGE.search(folded) or _MONTH_RANGE.search(folded)
    begun = started_this_year(question, today=today)
    if not spans and not (begun and _LEFT.search(folded)):
        return None
    share = _worked_share(question, folded, today)
    return share if share is not None and share[0] < 1 else None


def _later_year_share(question: str, folded: str, today: date) -> tuple[Decimal, str, int] | None:
    """The share of the year of service in course when a job begun in an earlier year ended this
    one ("entré el 1 de junio del año pasado… renuncié el 1 de diciembre"): the days since the
    last anniversary over a year, how to say them, and which year of service it is."""
    if not _VACATIONS.search(folded) or _PREMIUM.search(folded):
        return None
    if question_kind(question) != "how_much":
        return None
    found = _STARTED.search(folded)
    year = found.group("year") if found is not None else None
    if found is None or year is None or year.startswith("este"):
        return None
    first = today.year - 1 if not year[0].isdigit() else int(year)
    end = _left_this_year(folded, start=date(today.year, 1, 1), today=today)
    if first >= today.year or end is None:
        return None
    try:
        start = date(first, MONTHS.index(found.group("month")) + 1, int(found.group("day") or 1))
        completed = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
        anniversary = start.replace(year=start.year + completed)
    except ValueError:
        return None
    days = days_inclusive(anniversary, end)
    since = f"{anniversary.day} de {MONTHS[anniversary.month - 1]}"
    shown = f"{since} al {end.day} de {MONTHS[end.month - 1]}"
    worked = f"Por {days} días de tu {_year_said(completed + 1)} de trabajo (del {shown})"
    return Decimal(days) / days_in_year(today.year), worked, completed + 1


_ORDINALS = ("primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo")


def _year_said(year: int) -> str:
    """ "segundo año", "año 12"."""
    return f"{_ORDINALS[year - 1]} año" if year <= len(_ORDINALS) else f"año {year}"


def left_vacation_fact(question: str, *, retrieved: Collection[str], today: date) -> str | None:
    """ "Entré el 1 de junio y renuncié el 1 de diciembre, ¿cuántos días de vacaciones me
    pagan?": the first year's 12 days in proportion (Art. 79), or those of the year of service
    in course (Art. 76's table), in pesos with the salary."""
    folded = fold(question)
    if LEFT_VACATIONS_ARTICLE not in retrieved:
        return None
    share = _first_year_share(question, folded, today)
    if share is not None:
        fraction, worked = share
        year, of_year = 1, "del primer año"
    else:
        later = _later_year_share(question, folded, today)
        if later is None:
            return None
        fraction, worked, year = later
        of_year = f"de tu {_year_said(year)}"
    entitled = vacation_days(year)
    days = entitled * fraction
    said = (
        f"{worked} te deben pagar {plain(days)} días de vacaciones: la parte proporcional de los "
        f"{entitled} días {of_year} (Art. {LEFT_VACATIONS_ARTICLE} LFT), "
        f"más su prima vacacional del 25 %"
    )
    daily = daily_pay(question)
    if daily is not None:
        said += f"; unos {pesos(days * daily)} por los días con tu salario de {pesos(daily)} al día"
    return f"{said}."


def needed_articles(question: str) -> tuple[str, ...]:
    """The articles a figure of this module would cite, to fetch by id when retrieval missed
    them."""
    folded = fold(question)
    if question_kind(question) != "how_much":
        return ()
    if _PREMIUM.search(folded) and service(question) is not None and daily_pay(question):
        return (VACATION_ARTICLE, PREMIUM_ARTICLE)
    told = (
        _MONTHS_WORKED.search(folded)
        or _STARTED.search(folded)
        or _MONTH_RANGE.search(folded)
        or _DAY_RANGE.search(folded)
    )
    if _AGUINALDO.search(folded) and told:
        return (AGUINALDO_ARTICLE,)
    if _VACATIONS.search(folded) and not _PREMIUM.search(folded) and told:
        return (LEFT_VACATIONS_ARTICLE,)
    return ()
