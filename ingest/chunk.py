"""``chunk_law``: articles and transitorios → ``rag.types.Chunk`` values that each stand alone.

Long articles are split by groups of fracciones; every chunk starts with the article heading
(and, after the first, the article's intro sentence), and stays under ~1,800 characters
because the embedder truncates at 512 tokens. Pure: no embedding, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.model import Article, Law, Transitorio
from ingest.parse_lines import FRACCION_RE
from rag.laws import LAWS, LFT, qualify
from rag.types import Chunk

SINGLE_MAX = 1500  # an article up to this size is one chunk
PIECE_MAX = 1300  # body characters per chunk when an article is split
INTRO_MAX = 240  # characters of the intro repeated in continuation chunks
# An article split into more than this many chunks is a table (Art. 513's lists of diseases
# and of incapacity percentages: a third of the law's tokens). The dense model reads only the
# first DENSE_TABLE_MAX characters of each of its rows; BM25 still indexes every word.
TABLE_PIECES = 30
DENSE_TABLE_MAX = 450
_SUB_RE = re.compile(r"^(?:[a-zñ]\)|\d{1,2}\.\s|\d{4}: )")
# An apartado heading inside a related law's article ("B. Entre los Poderes de la Unión…", in
# the Constitution's Art. 123): continuation chunks repeat it, so Apartado B stays B.
_APARTADO_RE = re.compile(r"^[A-C]\. [A-ZÁÉÍÓÚ]")


def short_path(path: Sequence[str]) -> str:
    """``("Título Cuarto: Derechos…", "Capítulo I: …")`` → ``"Título Cuarto › Capítulo I"``."""
    return " › ".join(p.split(":", 1)[0] for p in path)


def article_heading(article: Article, code: str = LFT) -> str:
    """``Artículo 76 LFT (Título Tercero › Capítulo IV): ``; another law's name leads its path."""
    where = short_path(article.path)
    if code != LFT:
        where = " › ".join(p for p in (LAWS[code].name, where) if p)
    place = f" ({where})" if where else ""
    state = " [derogado]" if article.repealed else ""
    return f"Artículo {article.id} {code}{place}{state}: "


def transitorio_heading(t: Transitorio) -> str:
    if t.decree_date:
        y, m, d = t.decree_date.split("-")
        source = f"del decreto publicado en el DOF el {d}-{m}-{y}"
    else:
        source = "de la Ley Federal del Trabajo de 1970"
    return f"Transitorio {t.ordinal} {source}: "


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _split_long(paragraph: str, limit: int) -> Iterator[str]:
    """A paragraph longer than ``limit``: by sentences, then by words."""
    piece = ""
    sentences: list[str] = []
    for sentence in re.split(r"(?<=[.;:])\s+", paragraph):
        # A fracción numeral ("I.") or an abbreviation stays with what follows it.
        if sentences and len(sentences[-1]) < 12:
            sentences[-1] = f"{sentences[-1]} {sentence}"
        else:
            sentences.append(sentence)
    for sentence in sentences:
        while len(sentence) > limit:
            head = sentence[:limit].rsplit(" ", 1)[0] or sentence[:limit]
            if piece:
                yield piece
                piece = ""
            yield head
            sentence = sentence[len(head) :].strip()
        if piece and len(piece) + 1 + len(sentence) > limit:
            yield piece
            piece = ""
        piece = f"{piece} {sentence}".strip()
    if piece:
        yield piece


def _units(paragraphs: Sequence[str]) -> list[str]:
    """A fracción together with its incisos is one unit; other paragraphs are units of their own."""
    units: list[str] = []
    for para in paragraphs:
        if units and _SUB_RE.match(para) and not FRACCION_RE.match(para):
            units[-1] = f"{units[-1]}\n{para}"
        else:
            units.append(para)
    return units


def split_text(text: str, *, limit: int = PIECE_MAX) -> list[str]:
    """Group paragraphs into pieces of at most ``limit`` characters, splitting only when needed."""
    pieces: list[str] = []
    current = ""
    for unit in _units(text.split("\n")):
        parts = [unit] if len(unit) <= limit else []
        if not parts:
            for para in unit.split("\n"):
                parts.extend([para] if len(para) <= limit else _split_long(para, limit))
        for part in parts:
            if current and len(current) + 1 + len(part) > limit:
                pieces.append(current)
                current = ""
            current = f"{current}\n{part}" if current else part
    if current:
        pieces.append(current)
    return pieces


def _apartados(pieces: Sequence[str]) -> list[str]:
    """For each piece, the apartado heading in force where it starts ("" before any)."""
    current, out = "", []
    for piece in pieces:
        out.append(current)
        for para in piece.split("\n"):
            if _APARTADO_RE.match(para):
                current = _cut(para, INTRO_MAX)
    return out


def _continued(context: str, apartado: str, body: str) -> str:
    lead = f"{context} […]\n" + (f"{apartado} […]\n" if apartado else "")
    return lead + body


def chunk_article(article: Article, *, law_version: str, code: str = LFT) -> list[Chunk]:
    heading = article_heading(article, code)
    article_id = qualify(article.id, code)
    pieces = [article.text] if len(article.text) <= SINGLE_MAX else split_text(article.text)
    bodies = pieces
    paragraphs = article.text.split("\n")
    intro = paragraphs[0] if not FRACCION_RE.match(paragraphs[0]) else ""
    if len(pieces) > 1 and intro:
        context = _cut(intro, INTRO_MAX)
        apartados = _apartados(pieces) if code != LFT else [""] * len(pieces)
        bodies = [
            pieces[0],
            *(
                _continued(context, apartado, b)
                for b, apartado in zip(pieces[1:], apartados[1:], strict=True)
            ),
        ]
    table = len(pieces) > TABLE_PIECES
    return [
        Chunk(
            chunk_id=f"{article_id}#{n}",
            article_id=article_id,
            kind="article",
            path=article.path,
            text=heading + body,
            law_version=law_version,
            repealed=article.repealed,
            reforms=article.reforms,
            dense_text=heading + _cut(piece, DENSE_TABLE_MAX) if table else None,
        )
        for n, (body, piece) in enumerate(zip(bodies, pieces, strict=True), start=1)
    ]


def chunk_transitorio(t: Transitorio, *, law_version: str) -> list[Chunk]:
    heading = transitorio_heading(t)
    bodies = split_text(t.text) if len(t.text) > SINGLE_MAX else [t.text]
    return [
        Chunk(
            chunk_id=f"{t.id}#{n}",
            article_id=t.id,
            kind="transitorio",
            path=("Transitorios", t.decree_title),
            text=heading + body,
            law_version=law_version,
            governs=t.governs,
            decree_date=t.decree_date or None,
        )
        for n, body in enumerate(bodies, start=1)
    ]


def first_chunks(chunks: Sequence[Chunk]) -> dict[str, Chunk]:
    """Each article's first chunk, by article id (what a gloss needs from its article)."""
    firsts: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.kind == "article":
            firsts.setdefault(chunk.article_id, chunk)
    return firsts


def chunk_law(law: Law) -> list[Chunk]:
    """Every article (repealed ones flagged) and every transitorio, in document order.

    A related law's chunks carry law-qualified ids (``"15 LSS"``, ``"15 LSS#1"``).
    """
    chunks: list[Chunk] = []
    for article in law.articles:
        chunks.extend(chunk_article(article, law_version=law.version, code=law.code))
    for t in law.transitorios:
        chunks.extend(chunk_transitorio(t, law_version=law.version))
    return chunks
