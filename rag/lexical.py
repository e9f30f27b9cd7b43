"""Small lexical tools for answers: accent folding, Spanish stems, sentences and fracciones.

Pure functions over strings; no retrieval, no models.
"""

from __future__ import annotations

import re
from functools import lru_cache

from calc.text import fold

_WORD = re.compile(r"[a-z0-9ñ]+")
_SPACES = re.compile(r"\s+")
# A fracción starts a line with a Roman numeral (optionally Bis/Ter…) and a period.
_FRACCION = re.compile(
    r"^(?P<num>[IVXLC]+(?:\s+(?:Bis|Ter|Qu[aá]ter|Quinquies|Sexies))?)\.\s", re.MULTILINE
)
# Words that end with a period without ending a sentence.
_ABBREVIATIONS = ("art", "arts", "fr", "fracc", "núm", "num", "no", "lic", "dr", "etc", "c", "p")
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[¿¡\"“«(]?[A-ZÁÉÍÓÚÑ0-9])")

_STOPWORDS_TEXT = """a al algo algun alguna algunas alguno algunos ante antes aqui asi aun cada
    como con contra
    cual cuales cuando de del desde donde dos e el ella ellas ellos en entre era eres es esa esas
    ese eso esos esta estan estar estas este esto estos fue fueron ha han hasta hay la las le les
    lo los mas me mi mis mucho muy nada ni no nos o otra otro para pero poco por porque que quien
    se sea segun ser si sido sin sobre solo son su sus tambien tan te tengo tiene tienen todo
    todos tu tus un una uno unos usted ya yo"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@lru_cache(maxsize=2048)  # the same rules' passages and retrieved articles, question after question
def squash(text: str) -> str:
    """Fold and collapse whitespace and punctuation: the form quotes are compared in."""
    return " ".join(_WORD.findall(fold(text)))


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("spanish")


def stems(text: str) -> set[str]:
    """Content-word stems of ``text`` (stop words dropped)."""
    words = [w for w in _WORD.findall(fold(text)) if w not in STOPWORDS and len(w) > 1]
    stemmer = _stemmer()
    return set(stemmer.stemWords(words))  # type: ignore[attr-defined]


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping "Art. 47" and "fr. III" whole."""
    pieces = _SENTENCE_END.split(text.strip())
    merged: list[str] = []
    for piece in pieces:
        if merged:
            last_word = merged[-1].rsplit(" ", 1)[-1].rstrip(".").lstrip('([«“"¿¡').lower()
            if last_word in _ABBREVIATIONS or re.fullmatch(r"\d+o", last_word):
                merged[-1] = f"{merged[-1]} {piece}"
                continue
        merged.append(piece)
    return [p.strip() for p in merged if p.strip()]


def unwrap(body: str) -> str:
    """Join hard-wrapped lines: a line that does not end a sentence continues on the next one."""
    lines: list[str] = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            continue
        numeral_alone = bool(lines) and _FRACCION.fullmatch(lines[-1] + " ") is not None
        continues = bool(lines) and not re.search(r"[.:;!?]$", lines[-1])
        if numeral_alone or (continues and not _FRACCION.match(line + " ")):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines)


def split_units(body: str) -> list[str]:
    """An article body as quotable units: its fracciones and the sentences of its paragraphs."""
    body = unwrap(body)
    units: list[str] = []
    starts = [m.start() for m in _FRACCION.finditer(body)]
    head = body[: starts[0]] if starts else body
    for paragraph in head.split("\n"):
        units.extend(split_sentences(collapse_spaces(paragraph)))
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(body)
        block = body[start:end].strip()
        first, _, rest = block.partition("\n")
        units.append(collapse_spaces(first))
        for paragraph in rest.split("\n"):
            if paragraph.strip():
                units.extend(split_sentences(collapse_spaces(paragraph)))
    return [u for u in units if len(u) > 2]
