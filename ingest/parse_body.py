"""The body of the law (before TRANSITORIOS): headings, article markers, notes and fracciones.

Pure: clean lines in, ``Article`` values out. Article markers are accepted only in ascending
order, so a wrapped line that happens to start with "Artículo 5o." cannot open a new article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ingest.model import Article, Fraccion
from ingest.parse_lines import (
    FRACCION_RE,
    is_note,
    is_note_tail,
    join_paragraphs,
    requeue_numerals,
)

LATIN_SUFFIXES = (
    "Bis",
    "Ter",
    "Quáter",
    "Quinquies",
    "Sexies",
    "Septies",
    "Octies",
    "Nonies",
    "Decies",
)
_LATIN = "|".join([*LATIN_SUFFIXES, "Quater"])
ARTICLE_RE = re.compile(
    r"^Art[íi]culo\s+(?P<num>\d{1,4})\s*(?:o\.?|º\.?|°\.?)?"
    r"\s*(?:-\s*(?P<letter>[A-ZÑ])(?![a-zñáéíóú]))?\s*\.?"
    rf"\s*(?P<latin>{_LATIN})?\s*(?:\.\s*-?|-)\s*(?P<rest>.*)$"
)
_REST_OK_RE = re.compile(r"^(?:$|[\"“(¿A-ZÁÉÍÓÚÑ])")
_LETTERS = "ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"

_TITLE_RE = re.compile(
    r"^(?:T[IÍ]TULO (?P<n>[A-ZÁÉÍÓÚ]+(?: [A-ZÁÉÍÓÚ]+)*)"
    r"|T[íi]tulo (?P<m>[A-ZÁÉÍÓÚ][a-záéíóú]+(?: [A-ZÁÉÍÓÚ][a-záéíóú]+)?))$"
)
_CHAPTER_RE = re.compile(
    r"^(?:CAP[IÍ]TULO|Cap[ií]tulo) (?P<n>[IVXL]+(?: (?:BIS|TER|Bis|Ter))?|[UÚ]NICO|[UÚ]nico)$"
)
_SECTION_RE = re.compile(
    r"^(?:SECCI[OÓ]N|Secci[oó]n) (?P<n>(?:Primera|Segunda|Tercera|Cuarta|Quinta|Sexta|"
    r"Séptima|Octava|Novena|Décima|PRIMERA|SEGUNDA|TERCERA|CUARTA|QUINTA|SEXTA|SÉPTIMA|"
    r"OCTAVA|NOVENA|DÉCIMA))$"
)
_REPEALED_RE = re.compile(r"^\(?Se deroga\)?\.?\)?\.?$", re.IGNORECASE)
_ACCENTED = {
    "Titulo": "Título",
    "Capitulo": "Capítulo",
    "Seccion": "Sección",
    "Decimo": "Décimo",
    "Dieciseis": "Dieciséis",
    "Septimo": "Séptimo",
    "Unico": "Único",
}


def article_id(number: int, letter: str, latin: str) -> str:
    base = f"{number}-{letter}" if letter else str(number)
    return f"{base} {latin}" if latin else base


def order_key(number: int, letter: str, latin: str) -> tuple[int, int, int]:
    letter_rank = _LETTERS.index(letter) + 1 if letter else 0
    latin_rank = LATIN_SUFFIXES.index(latin) + 1 if latin else 0
    return (number, letter_rank, latin_rank)


class Marker(NamedTuple):
    """An article marker line: the article's id and number, its sort key, and the text after it."""

    id: str
    number: int
    key: tuple[int, ...]
    rest: str


MarkerFn = Callable[[str], "Marker | None"]


def _label(kind: str, numeral: str) -> str:
    words = [w.capitalize() for w in f"{kind} {numeral}".split()]
    words = [_ACCENTED.get(w, w) for w in words]
    # Roman numerals stay upper case; "Bis"/"Ter" stay capitalised.
    return " ".join(w.upper() if re.fullmatch(r"[IVXLivxl]+", w) else w for w in words)


@dataclass
class _Draft:
    id: str
    number: int
    suffix: str
    path: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    reforms: list[str] = field(default_factory=list)


def _match_article(line: str) -> tuple[int, str, str, str] | None:
    m = ARTICLE_RE.match(line)
    if not m or not _REST_OK_RE.match(m["rest"]):
        return None
    latin = m["latin"] or ""
    if latin == "Quater":
        latin = "Quáter"
    return int(m["num"]), m["letter"] or "", latin, m["rest"]


def lft_marker(line: str) -> Marker | None:
    """The LFT's article markers ("Artículo 3o. Bis.-", "Artículo 39-A.-", "Artículo 353-Ñ.-")."""
    found = _match_article(line)
    if found is None:
        return None
    number, letter, latin, rest = found
    return Marker(article_id(number, letter, latin), number, order_key(number, letter, latin), rest)


def parse_body(lines: Sequence[str], *, marker: MarkerFn = lft_marker) -> list[Article]:
    """Articles from the body lines, in order, each with its heading path and notes.

    ``marker`` recognises an article's first line; other laws number their articles a little
    differently ("Artículo 15 A.", "Artículo 51 Bis 1.-").
    """
    title = chapter = section = ""
    heading_target: str | None = None  # which heading is waiting for its name line
    heading_name_lines = 0
    drafts: list[_Draft] = []
    last_key: tuple[int, ...] = (0,)
    seen: set[str] = set()
    in_note = False

    def path() -> tuple[str, ...]:
        return tuple(p for p in (title, chapter, section) if p)

    for line in lines:
        tm = _TITLE_RE.match(line)
        cm = _CHAPTER_RE.match(line)
        sm = _SECTION_RE.match(line)
        if tm or cm or sm:
            if tm:
                title, chapter, section = _label("Título", tm["n"] or tm["m"]), "", ""
                heading_target = "title"
            elif cm:
                chapter, section = _label("Capítulo", cm["n"]), ""
                heading_target = "chapter"
            elif sm:
                section = _label("Sección", sm["n"])
                heading_target = "section"
            heading_name_lines = 0
            in_note = False
            continue
        found = marker(line)
        if found:
            aid, number, key, rest = found
            if key > last_key and aid not in seen:
                last_key = key
                seen.add(aid)
                suffix = aid[len(str(number)) :].strip()
                drafts.append(_Draft(aid, number, suffix, path()))
                if rest:
                    drafts[-1].lines.append(rest)
                heading_target = None
                in_note = False
                continue
        if is_note(line) or (in_note and is_note_tail(line)):
            in_note = True
            if heading_target is None and drafts:
                if is_note_tail(line) and drafts[-1].reforms:
                    drafts[-1].reforms[-1] = f"{drafts[-1].reforms[-1]} {line}"
                else:
                    drafts[-1].reforms.append(line)
            continue
        in_note = False
        if heading_target is not None:
            # The name under a heading ("Principios Generales"); at most two wrapped lines.
            if heading_name_lines < 2:
                heading_name_lines += 1
                if heading_target == "title":
                    title = _append_name(title, line, heading_name_lines)
                elif heading_target == "chapter":
                    chapter = _append_name(chapter, line, heading_name_lines)
                else:
                    section = _append_name(section, line, heading_name_lines)
            continue
        if drafts:
            drafts[-1].lines.append(line)
    return [_finish(d) for d in drafts]


def _append_name(label: str, line: str, n: int) -> str:
    return f"{label}: {line}" if n == 1 else f"{label} {line}"


def _finish(draft: _Draft) -> Article:
    paragraphs = join_paragraphs(requeue_numerals(draft.lines))
    text = "\n".join(paragraphs).strip()
    repealed = bool(_REPEALED_RE.match(text)) or not text
    return Article(
        id=draft.id,
        number=draft.number,
        suffix=draft.suffix,
        path=draft.path,
        text=text or "Se deroga.",
        fracciones=_fracciones(paragraphs),
        reforms=tuple(draft.reforms),
        repealed=repealed,
    )


def _fracciones(paragraphs: Sequence[str]) -> tuple[Fraccion, ...]:
    """Each fracción with the incisos that follow it (up to the next fracción)."""
    out: list[tuple[str, list[str]]] = []
    for para in paragraphs:
        m = FRACCION_RE.match(para)
        if m:
            out.append((m["num"].replace("BIS", "Bis").replace("TER", "Ter"), [para[m.end() :]]))
        elif out and re.match(r"^[a-zñ]\)", para):
            out[-1][1].append(para)
    return tuple(Fraccion(num, "\n".join(parts).strip()) for num, parts in out)
