"""Reforms phased in by transitorios: read the year → value table, say what applies on a date.

Pure: the text of a transitorio and ``today`` in, Spanish sentences out. Unknown table formats
yield no schedule, and the caller quotes the transitorio instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from calc.dates import MONTHS
from calc.text import fold
from rag.lexical import collapse_spaces, squash
from rag.types import Passage

# "2027: 46 horas" lines (the parser's readable form of the table).
_PAIR = re.compile(r"\b(20\d\d)\s*[:→]\s*(\d{1,3})\b")
# The flattened PDF table: "Año 2026 2027 … Jornada Laboral 48 46 …".
_TABLE = re.compile(
    r"\bA[ñn]o\s+((?:20\d\d\s+){2,})([A-Za-zÁÉÍÓÚáéíóúÑñ][A-Za-zÁÉÍÓÚáéíóúÑñ ]{0,40}?)\s+"
    r"((?:\d{1,3}\b\s*){2,})"
)
_FULL_DATE = re.compile(r"\b(\d{1,2}) de (" + "|".join(MONTHS) + r") de (20\d\d)\b")
_ARTICLE_REF = re.compile(r"\bart[íi]culo\s+(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Schedule:
    """A value that changes on 1 January of each listed year."""

    label: str
    steps: tuple[tuple[int, int], ...]

    def unit(self) -> str:
        folded = fold(self.label)
        if "extra" in folded:
            return "horas extra a la semana"
        if "jornada" in folded or "hora" in folded or not folded:
            return "horas a la semana"
        return self.label.lower()

    def value_on(self, today: date) -> tuple[int, int] | None:
        """The (year, value) step in force on ``today``; None before the first step."""
        current = None
        for year, value in self.steps:
            if year <= today.year:
                current = (year, value)
        return current


def parse_schedule(text: str) -> Schedule | None:
    """The year → value table of a transitorio, or None when its format is not recognised."""
    table = _TABLE.search(text)
    if table:
        years = [int(y) for y in table.group(1).split()]
        values = [int(v) for v in table.group(3).split()]
        if len(years) == len(values) and years == sorted(years):
            return Schedule(collapse_spaces(table.group(2)), tuple(zip(years, values, strict=True)))
    pairs = [(int(y), int(v)) for y, v in _PAIR.findall(text)]
    years = [y for y, _ in pairs]
    if len(pairs) >= 2 and years == sorted(years) and len(set(years)) == len(years):
        label = "Horas extras" if "extraordinaria" in fold(text) else "Jornada laboral"
        return Schedule(label, tuple(pairs))
    return None


def long_date(day: date) -> str:
    """``date(2026, 11, 26)`` → ``"26 de noviembre de 2026"``."""
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def dof_date(iso: str | None) -> str:
    """``"2026-05-01"`` → ``"01-05-2026"`` (how the DOF writes it)."""
    if not iso or not re.fullmatch(r"\d{4}-\d\d-\d\d", iso):
        return iso or ""
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


def ordinal_of(transitorio: Passage) -> str:
    """``"T 2026-05-01 Segundo"`` → ``"Segundo"``; ``"… Décimo Sexto"`` → ``"Décimo Sexto"``."""
    parts = transitorio.article_id.split(maxsplit=2)
    if len(parts) == 3 and parts[0] == "T":
        return parts[2]
    last = parts[-1] if parts else ""
    return last if last.isalpha() else ""


def still_running(text: str, today: date) -> bool:
    """Whether a transitorio names a date after ``today``: a change still on its way.

    "1 de enero de 2027" counts from that day; a bare year counts when it is a later year.
    """
    folded = fold(text)
    for day, month, year in _FULL_DATE.findall(folded):
        try:
            if date(int(year), MONTHS.index(month) + 1, int(day)) > today:
                return True
        except ValueError:
            continue
    bare = _FULL_DATE.sub(" ", folded)
    return any(int(year) > today.year for year in re.findall(r"\b(20\d\d)\b", bare))


def referenced_articles(transitorio: Passage, retrieved: set[str]) -> list[str]:
    """Retrieved articles this transitorio is about.

    When its text names articles ("el artículo 59"), only those; when it names none, the
    retrieved ones its decree governs.
    """
    named = list(dict.fromkeys(_ARTICLE_REF.findall(transitorio.text)))
    if named:
        return [n for n in named if n in retrieved]
    return [a for a in transitorio.governs if a in retrieved]


def describe(schedule: Schedule, *, today: date) -> str:
    """What applies on ``today`` and what changes when, in plain Spanish."""
    unit = schedule.unit()
    table = " · ".join(f"{year}: {value}" for year, value in schedule.steps)
    first_year, first_value = schedule.steps[0]
    last_year, last_value = schedule.steps[-1]
    current = schedule.value_on(today)
    parts = [f"el cambio es gradual, cada 1 de enero ({table} {unit})."]
    if current is None:
        parts.append(
            f"Hoy ({long_date(today)}) todavía no empieza: el 1 de enero de {first_year} "
            f"el límite será de {first_value} {unit}."
        )
    elif current[0] >= last_year:
        parts.append(f"Hoy ({long_date(today)}) ya aplica el valor final: {last_value} {unit}.")
    else:
        year, value = current
        later = [(y, v) for y, v in schedule.steps if y > year and v != value]
        sentence = (
            f"Hoy ({long_date(today)}) aplica un máximo de {value} {unit} (lo que toca en {year})"
        )
        if later:
            next_year, next_value = later[0]
            sentence += f"; a partir del 1 de enero de {next_year} cambia a {next_value}"
            if next_year != last_year:
                sentence += f", y en {last_year} llega a {last_value}"
        parts.append(sentence + ".")
    return " ".join(parts)


def phase_in_notes(
    transitorios: list[Passage],
    *,
    retrieved: list[str],
    today: date,
    max_quote: int = 400,
    max_notes: int = 2,
    quoted: Mapping[str, Sequence[str]] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[tuple[str, tuple[str, ...]]]:
    """One note per transitorio that governs a retrieved article, with the articles it cites.

    A recognised table is explained for ``today``; any other transitorio is quoted when it names
    a date after ``today`` (a change still on its way), and left out otherwise. With the
    answer's ``quoted`` passages by article and the articles' ``texts``, a transitorio about
    one fraction of an article ("la fracción XXXIV del artículo 132") is left out when the
    answer quotes that article from its other fractions only.
    """
    wanted = set(retrieved)
    notes: list[tuple[str, tuple[str, ...]]] = []
    for transitorio in transitorios:
        if len(notes) >= max_notes:
            break
        articles = referenced_articles(transitorio, wanted)
        if quoted is not None and texts is not None:
            articles = [a for a in articles if _about_quoted(transitorio, a, quoted, texts)]
        if not articles:
            continue
        cited = " y ".join(f"Art. {a} LFT" for a in articles)
        source = f"el transitorio {ordinal_of(transitorio)} del decreto publicado en el DOF el "
        source = source.replace("transitorio  del", "transitorio del")
        source += dof_date(transitorio.decree_date)
        schedule = parse_schedule(transitorio.text)
        if schedule is not None:
            text = (
                f"Ojo con las fechas ({cited}): según {source}, {describe(schedule, today=today)}"
            )
        elif still_running(transitorio_body(transitorio.text), today):
            body = transitorio_body(transitorio.text)
            quote = body if len(body) <= max_quote else body[:max_quote].rsplit(" ", 1)[0] + "…"
            text = f"Ojo con las fechas ({cited}): {source} dice: “{quote}”"
        else:
            continue  # an old transition, long over: nothing to say about today
        notes.append((text, tuple(articles)))
    return notes


_FRACTION_REF = re.compile(r"\bfracci[oó]n\s+([IVXLC]+)\s+del\s+art[íi]culo\s+(\d+)", re.IGNORECASE)
# A fraction's heading at the start of a line of an article's text: "XXXIV." or "I.-".
_FRACTION_HEAD = re.compile(r"(?m)^\s*([IVXLC]+)\.-?(?=\s|$)")


def fraction_of(article_text: str, quote: str) -> str | None:
    """The fraction ("XXXIV") of the article whose text holds ``quote``; None when the quote is
    in the article's opening or is not found."""
    parts = _FRACTION_HEAD.split(article_text)
    needle = " ".join(squash(quote).split()[:12])
    if not needle:
        return None
    for roman, segment in zip(parts[1::2], parts[2::2], strict=False):
        if needle in squash(segment):
            return roman
    return None


def _about_quoted(
    transitorio: Passage,
    article: str,
    quoted: Mapping[str, Sequence[str]],
    texts: Mapping[str, str],
) -> bool:
    """Whether the transitorio concerns what the answer quotes of ``article``: always, unless it
    names fractions of it and every quote located lies in another one."""
    named = {f.upper() for f, a in _FRACTION_REF.findall(transitorio.text) if a == article}
    quotes = [q for q in quoted.get(article, ()) if q]
    if not named or not quotes or article not in texts:
        return True
    found = [fraction_of(texts[article], q) for q in quotes]
    return any(f is None or f in named for f in found)


def transitorio_body(text: str) -> str:
    """The transitorio's own words, without the heading the chunker put in front."""
    text = collapse_spaces(text)
    match = re.match(r"^(?:Transitorio|T\s+\d{4}-\d\d-\d\d)[^:]{0,200}:\s+", text)
    return text[match.end() :] if match else text
