"""The laws the index holds and their law-qualified article ids ("15 LSS", "123 CPEUM").

An id without a law code is the LFT's ("76"), so every LFT interface reads as before. Pure
string functions; which files hold the laws is ingest's business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from calc.text import fold
from rag.ports import ScoredLike

Hit = TypeVar("Hit", bound=ScoredLike)

LFT = "LFT"


@dataclass(frozen=True)
class LawInfo:
    """A law's short code (as it appears in ids and citations) and its names in Spanish."""

    code: str
    name: str
    # How a sentence names it after "de": "la Ley del Seguro Social".
    with_article: str


LAWS: dict[str, LawInfo] = {
    info.code: info
    for info in (
        LawInfo(LFT, "Ley Federal del Trabajo", "la Ley Federal del Trabajo"),
        LawInfo("LSS", "Ley del Seguro Social", "la Ley del Seguro Social"),
        LawInfo(
            "LINFONAVIT",
            "Ley del Instituto del Fondo Nacional de la Vivienda para los Trabajadores",
            "la Ley del INFONAVIT",
        ),
        LawInfo(
            "LFTSE",
            "Ley Federal de los Trabajadores al Servicio del Estado",
            "la Ley Federal de los Trabajadores al Servicio del Estado",
        ),
        LawInfo(
            "CPEUM",
            "Constitución Política de los Estados Unidos Mexicanos",
            "la Constitución",
        ),
    )
}
RELATED = tuple(code for code in LAWS if code != LFT)

# Folded spellings a worker, a model or an operator may use for a law, longest first.
_ALIASES: dict[str, str] = {
    "ley federal del trabajo": LFT,
    "lft": LFT,
    "ley del seguro social": "LSS",
    "lss": "LSS",
    "seguro social": "LSS",
    "imss": "LSS",
    "ley del instituto del fondo nacional de la vivienda para los trabajadores": "LINFONAVIT",
    "ley del infonavit": "LINFONAVIT",
    "linfonavit": "LINFONAVIT",
    "lifnvt": "LINFONAVIT",
    "infonavit": "LINFONAVIT",
    "ley federal de los trabajadores al servicio del estado": "LFTSE",
    "lftse": "LFTSE",
    "constitucion politica de los estados unidos mexicanos": "CPEUM",
    "constitucion politica": "CPEUM",
    "constitucion": "CPEUM",
    "constitucional": "CPEUM",
    "cpeum": "CPEUM",
}
ALIAS_PATTERN = "|".join(
    re.escape(a).replace(r"\ ", r"\s+") for a in sorted(_ALIASES, key=len, reverse=True)
)
_CODE_TAIL = re.compile(rf"^(?P<id>.+?)\s+(?P<code>{'|'.join(LAWS)})$")


_LATIN = ("Bis", "Ter", "Quáter", "Quinquies", "Sexies", "Septies", "Octies", "Nonies", "Decies")
_LOCAL = re.compile(
    r"^(?P<num>\d{1,4})\s*(?:o\.?|º\.?|°\.?)?\s*(?:-?\s*(?P<letter>[a-zñ])(?![a-zñ]))?"
    r"\s*(?P<latin>bis|ter|qu[aá]ter|quinquies|sexies|septies|octies|nonies|decies)?"
    r"\s*(?P<sub>\d{1,2})?\.?$",
    re.IGNORECASE,
)


def canonical_local(raw: str) -> str:
    """An article number as written → its id within its law.

    ``"3o. bis"`` → ``"3 Bis"``, ``"15 A"`` and ``"15-a"`` → ``"15-A"``, ``"283 quater"`` →
    ``"283 Quáter"``, ``"51 bis 1"`` → ``"51 Bis 1"``; anything else is returned trimmed.
    """
    m = _LOCAL.match(raw.strip())
    if not m:
        return raw.strip()
    out = str(int(m["num"])) + (f"-{m['letter'].upper()}" if m["letter"] else "")
    if m["latin"]:
        word = fold(m["latin"]).capitalize()
        out += " " + next(w for w in _LATIN if fold(w).capitalize() == word)
    if m["sub"]:
        out += f" {int(m['sub'])}"
    return out


# Words that put a related law in play (folded, prefixes): "no me dieron de alta en el imss".
# A question without them is an LFT question (``rag.retrieve``'s law gate).
_MENTIONS: dict[str, re.Pattern[str]] = {
    "LSS": re.compile(
        r"\b(imss|lss|seguro social|el seguro\b|del seguro\b|al seguro\b|cotiz|asegurad|afore|"
        r"pension|jubil|subsidio|guarderi|viudez|orfandad|cesantia|vejez|invalidez|"
        r"dar(?:me|nos|lo|la)? de alta|dieron de alta|dado de alta|dada de alta|numero de seguro|"
        r"incapacidad del seguro|servicio medico)"
    ),
    "LINFONAVIT": re.compile(
        r"\b(infonavit|infonabit|imfona[bv]it|linfonavit|lifnvt|subcuenta de vivienda|"
        r"credito de vivienda|fovissste)"
    ),
    "LFTSE": re.compile(
        r"\b(lftse|gobierno|burocrat|dependencia|servidor(?:a|es)? public|"
        r"trabajador(?:a|es)? del estado|issste|municipio|ayuntamiento|apartado b|"
        r"tribunal federal de conciliacion)"
    ),
    "CPEUM": re.compile(r"\b(constitucion|constitucional|cpeum|apartado [ab]\b)"),
}


def mentioned_laws(question: str) -> frozenset[str]:
    """The related laws a question puts in play by name or by their own subject matter."""
    text = fold(question)
    named = {code for code, pattern in _MENTIONS.items() if pattern.search(text)}
    return frozenset(named)


# A law named outright ("imss", "infonavit", "constitución", "burócrata"): a narrower test
# than ``_MENTIONS``, for the boost of ``rag.retrieve``'s ``in_play_weight``.
_NAMED: dict[str, re.Pattern[str]] = {
    # "El seguro" a worker says is the IMSS when it pays, disables or registers: "el seguro me
    # dio incapacidad", "no me dieron de alta en el seguro".
    "LSS": re.compile(
        r"\b(imss|lss|seguro social|afore)\b|\bel seguro (?:me |te |le |nos |les )?(?:da|dio|dan|"
        r"dieron|paga|pago|pagan|pagaron|pagara|va a pagar|incapacit\w*)\b|\b(?:alta|inscrit[oa]|"
        r"registrad[oa]) (?:en|ante) el seguro\b"
    ),
    "LINFONAVIT": re.compile(r"\b(infonavit|infonabit|imfona[bv]it|linfonavit|lifnvt)\b"),
    "LFTSE": re.compile(r"\b(lftse|burocrat\w*|trabajador(?:a|es)? del (?:gobierno|estado))\b"),
    "CPEUM": re.compile(r"\b(constitucion|constitucional|cpeum)\b"),
}


def named_laws(question: str) -> frozenset[str]:
    """The related laws a question names outright (a subset of ``mentioned_laws``'s)."""
    text = fold(question)
    return frozenset(code for code, pattern in _NAMED.items() if pattern.search(text))


def laws_in_play(question: str) -> frozenset[str]:
    """The LFT and every related law the question puts in play (``rag.retrieve``'s law gate)."""
    return frozenset({LFT, *mentioned_laws(question)})


def widen(limit: int, in_play: frozenset[str] | None) -> int:
    """How many hits to fetch so that ``limit`` of the laws in play remain after ``only_laws``."""
    return limit if in_play is None else 2 * limit


def only_laws(hits: Sequence[Hit], in_play: frozenset[str] | None, limit: int) -> list[Hit]:
    """The first ``limit`` hits of the laws in play; every hit when ``in_play`` is None.

    So a question about the LFT ranks over the same lists as an index of the LFT alone.
    """
    if in_play is None:
        return list(hits)
    return [h for h in hits if law_of(h.chunk.article_id) in in_play][:limit]


def law_code(name: str) -> str | None:
    """``"lss"``, ``"IMSS"``, ``"Ley del Seguro Social"`` → ``"LSS"``; None when unknown."""
    key = " ".join(fold(name).replace(".", " ").split())
    key = re.sub(r"^(?:la|el)\s+", "", key)
    return _ALIASES.get(key)


def qualify(local_id: str, code: str) -> str:
    """The index id of article ``local_id`` of law ``code``: the LFT's ids stay bare."""
    return local_id if code == LFT else f"{local_id} {code}"


def split_id(article_id: str) -> tuple[str, str]:
    """``"15 LSS"`` → ``("15", "LSS")``; ``"76"`` or a transitorio id → (it, ``"LFT"``)."""
    m = _CODE_TAIL.match(article_id.strip())
    if m and m["code"] != LFT:
        return m["id"], m["code"]
    if m:
        return m["id"], LFT
    return article_id.strip(), LFT


def law_of(article_id: str) -> str:
    return split_id(article_id)[1]


def cite(article_id: str) -> str:
    """How an answer cites the article: ``"Art. 76 LFT"``, ``"Art. 15 LSS"``."""
    local, code = split_id(article_id)
    return f"Art. {local} {code}"


def normalize_id(raw: str) -> str:
    """An id as people write it (``"15 lss"``, ``"LSS 15"``, ``"Art. 15-A LSS"``) → index id.

    The law part may be a code or a name (``"123 constitucional"``); the article part goes
    through ``canonical_local``. Anything unrecognised (a transitorio id) is returned trimmed.
    """
    text = " ".join(raw.replace("\u00a0", " ").split())
    text = re.sub(r"^(?:art[íi]culo|art\.?)\s*", "", text, flags=re.IGNORECASE)
    words = text.split()
    if len(words) > 1 and law_code(words[0]) is not None and words[1][:1].isdigit():
        return qualify(canonical_local(" ".join(words[1:])), law_code(words[0]) or LFT)
    for cut in range(1, len(words)):
        tail = re.sub(r"^(?:de\s+la|del|de)\s+", "", " ".join(words[cut:]), flags=re.I)
        code = law_code(tail)
        if code is not None:
            return qualify(canonical_local(" ".join(words[:cut])), code)
    return canonical_local(text)
