"""Line-level cleaning shared by the body and transitorio parsers.

Turns lexmx Markdown or PDF text into clean lines (no page headers, no Markdown marks,
known pdftotext splits repaired) and joins hard-wrapped lines into paragraphs. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Lines that are page furniture, never law text (lexmx running header and the official PDF's).
_HEADER_RE = re.compile(
    r"^(?:LEY FEDERAL DEL TRABAJO"
    r"|Últimas? Reformas? DOF \d{2}-\d{2}-\d{4}"
    r"|CÁMARA DE DIPUTADOS DEL H\. CONGRESO DE LA UNIÓN"
    r"|Secretaría General"
    r"|Secretaría de Servicios Parlamentarios"
    r"|\d{1,3} de \d{1,3})$"
)

# pdftotext splits seen in the lexmx text; each fix is a whole-word match so no real word changes.
_SPLIT_FIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"\bd erogad([oa]s?)\b", r"derogad\1"),
        (r"\bDO CE\b", "DOCE"),
        (r"\bC ATORCE\b", "CATORCE"),
        (r"\bDI ECISEIS\b", "DIECISEIS"),
        (r"\bseccion es\b", "secciones"),
    )
)

_MARKDOWN_LEAD_RE = re.compile(r"^(?:#{1,6}|>)\s*")
_SPACES_RE = re.compile(r"\s{2,}")
_SPACE_BEFORE_COMMA_RE = re.compile(r"(?<=\w) ([,;])(?=\s|$)")

# A line that is a reform note ("Artículo reformado DOF 01-05-2026"), metadata rather than text.
_NOTE_RE = re.compile(
    r"^(?:(?:Artículo|Párrafo|Fracción|Inciso|Numeral|Capítulo|Sección|Título|Denominación|"
    r"Apartado|Subinciso|Derogado|Reformado|Adicionado)\b[^.]{0,120}?DOF \d{2}-\d{2}-\d{4}"
    r"|Fe de erratas\b.*DOF \d{2}-\d{2}-\d{4}"
    r"|Reforma DOF \d{2}-\d{2}-\d{4}:"
    r"|Nota: El decreto de reforma)"
)
# The tail of a wrapped note: only dates ("01-05-2019, 15-01-2026").
_NOTE_TAIL_RE = re.compile(r"^(?:\d{2}-\d{2}-\d{4}[,.]?\s*(?:y\s+)?)+$")

FRACCION_RE = re.compile(
    r"^(?P<num>[IVXL]+(?: (?:Bis|BIS|Ter|TER|Quáter|Quater|Quinquies|Sexies))?)\.(?:-)?(?:\s+|$)"
)
_INCISO_RE = re.compile(r"^(?:[a-zñ]\)|\d{1,2}\.(?:\s|$)|\d{4}: )")
# A marker with its text on the following line(s): "XXXIV.", "b)", "1.".
_MARKER_ONLY_RE = re.compile(
    r"^(?:[IVXL]+(?: (?:Bis|BIS|Ter|TER|Quáter|Quater|Quinquies|Sexies))?\.-?"
    r"|[a-zñ]\)|[a-zA-ZñÑ]\.|\d{1,2}\.)$"
)
_NUMERAL_ONLY_RE = re.compile(r"^[IVXL]+(?: (?:Bis|BIS|Ter|TER|Quáter))?\.-?$")
_LETTER_ONLY_RE = re.compile(r"^[A-HJKM-UWYZ]\.$")  # not a roman numeral
_DISPLACED_NUMERAL_RE = re.compile(r"^(?P<inciso>[a-zñ]\)) (?P<num>[IVXL]+\.)$")
_BREAK_BEFORE_RE = re.compile(r"(?:[.:;]|[;,] y)$")
_ENDS_SENTENCE_RE = re.compile(r"[.:;]['\"”)]?$")
_STARTS_UPPER_RE = re.compile(r"^[\"“¿(]?[A-ZÁÉÍÓÚÑÜ]")


def strip_front_matter(text: str) -> str:
    """Drop a leading YAML block (``---`` … ``---``), as in the lexmx file."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def clean_line(raw: str) -> str:
    line = raw.replace("\u00a0", " ").replace("\ufeff", "").replace("\t", " ")
    line = line.replace("**", "")
    line = _MARKDOWN_LEAD_RE.sub("", line.strip())
    line = _SPACES_RE.sub(" ", line).strip()
    line = _SPACE_BEFORE_COMMA_RE.sub(r"\1", line)
    for pattern, repl in _SPLIT_FIXES:
        line = pattern.sub(repl, line)
    return line


def is_header(line: str) -> bool:
    return bool(_HEADER_RE.match(line))


def clean_lines(text: str) -> list[str]:
    """Clean lines without page headers or blank lines (blank lines carry no structure here)."""
    out: list[str] = []
    for raw in strip_front_matter(text).splitlines():
        line = clean_line(raw)
        if line and not is_header(line):
            out.append(line)
    return out


def is_note(line: str) -> bool:
    return bool(_NOTE_RE.match(line))


def is_note_tail(line: str) -> bool:
    return bool(_NOTE_TAIL_RE.match(line))


def starts_block(line: str) -> bool:
    """A fracción numeral, an inciso ``a)``, a numbered item or a table row starts a paragraph."""
    return bool(FRACCION_RE.match(line) or _INCISO_RE.match(line) or _MARKER_ONLY_RE.match(line))


def requeue_numerals(lines: Sequence[str]) -> list[str]:
    """Put back markers that pdftotext printed ahead of their text.

    ``I.`` ``II.`` then the text of I then the text of II; ``b) II.`` then the text of b) and
    then II's; ``B.`` ``III.`` then III's text, with B's text after the last fracción. A held
    marker goes before the next paragraph that starts after a sentence end with no marker.
    """
    out: list[str] = []
    numerals: list[str] = []
    letters: list[str] = []
    for line in lines:
        displaced = _DISPLACED_NUMERAL_RE.match(line)
        if displaced:
            out.append(displaced["inciso"])
            numerals.append(displaced["num"])
            continue
        if _NUMERAL_ONLY_RE.match(line):
            if out and _LETTER_ONLY_RE.match(out[-1]):
                letters.append(out.pop())
            elif out and _MARKER_ONLY_RE.match(out[-1]):
                numerals.append(line)
                continue
            out.extend(numerals)
            numerals.clear()
        elif (
            (numerals or letters)
            and out
            and not _MARKER_ONLY_RE.match(out[-1])
            and _BREAK_BEFORE_RE.search(out[-1])
            and _STARTS_UPPER_RE.match(line)
            and not starts_block(line)
        ):
            out.append(numerals.pop(0) if numerals else letters.pop(0))
        out.append(line)
    out.extend(numerals + letters)
    return out


def join_paragraphs(lines: Iterable[str]) -> list[str]:
    """Join hard-wrapped lines; a paragraph ends at punctuation before a capital, or at a block.

    A numeral alone on its line (``XXXIV.``) is joined to the text that follows it.
    """
    paragraphs: list[list[str]] = []
    for line in lines:
        if not paragraphs:
            paragraphs.append([line])
            continue
        current = paragraphs[-1]
        last = current[-1]
        if len(current) == 1 and _MARKER_ONLY_RE.match(last):
            current.append(line)
        elif starts_block(line) or (
            _ENDS_SENTENCE_RE.search(last[-3:]) and _STARTS_UPPER_RE.match(line)
        ):
            paragraphs.append([line])
        else:
            current.append(line)
    return [" ".join(p) for p in paragraphs]
