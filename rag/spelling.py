"""Spelling repair for questions: words the law never uses, mended toward words it does.

Edits of one letter and sound-alike swaps (b/v, s/c/z, y/ll, a dropped h), only for words that
are neither in the law nor common Spanish, only to a word the law uses often.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from calc.text import fold
from rag.lexical import stems
from rag.query import ExpansionTable, tokens

_LETTERS = "abcdefghijklmnopqrstuvwxyzñ"
# Spellings Mexican writers swap most: b/v, s/c/z, y/ll, a dropped h.
_SOUND_ALIKE = (("b", "v"), ("v", "b"), ("s", "c"), ("c", "s"), ("z", "s"), ("s", "z"), ("y", "ll"))


# Everyday words the law happens not to use: never "repair" them into law words.
_COMMON = frozenset(
    [
        "cuanto",
        "cuanta",
        "cuantos",
        "cuantas",
        "cuando",
        "donde",
        "quien",
        "quienes",
        "porque",
        "puedo",
        "pueden",
        "puede",
        "tengo",
        "tiene",
        "tienen",
        "tenia",
        "quiero",
        "quieren",
        "dicen",
        "dijeron",
        "hacer",
        "hago",
        "hace",
        "hacen",
        "nomas",
        "ahorita",
        "ayer",
        "manana",
        "semana",
        "pagan",
        "pague",
        "pagaron",
        "dieron",
        "darme",
        "dejan",
        "deja",
        "dejaron",
        "estoy",
        "estan",
        "esta",
        "trabaje",
        "trabajo",
        "trabaja",
        "trabajamos",
        "chamba",
        "jefe",
        "jefa",
        "patron",
        "empresa",
        # Everyday words one edit from a law word ("ahora" → "hora", "cierto" → "ciento",
        # "pecho" → "hecho"): a worker's plain words, not typos.
        "ahora",
        "cierto",
        "cierta",
        "pecho",
        "sacar",
        "salgo",
        "salio",
        "salir",
        "cajera",
        "cajero",
        "cobra",
        "cobran",
        "perro",
        "jueves",
        "martes",
        "choque",
        "carro",
        "cuesta",
        "siguen",
        "vamos",
        "acabo",
        "apenas",
        "compa",
        "llego",
        "entro",
        "manda",
        "tocar",
        "mango",
        "jalon",
        "estamos",
        "viene",
        "bronca",
        "quiera",
        "super",
        "vendo",
        "tarda",
        "piden",
        "quejo",
        "corrio",
    ]
)


class Speller:
    """Typo repair against the law's own vocabulary: one edit, or a sound-alike spelling.

    Only words the law never uses are touched, and only into words it uses often enough.
    """

    def __init__(self, counts: dict[str, int], *, min_count: int = 2, min_len: int = 5) -> None:
        self._counts = counts
        self._min_count = min_count
        self._min_len = min_len
        # A question's words are repaired several times per answer (retrieval, the rules, the
        # figures): each unknown word's edits are generated once.
        self._corrected = lru_cache(maxsize=4096)(self._correct)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        counts: dict[str, int] = {}
        for text in texts:
            for word in re.findall(r"[a-zñ]+", fold(text)):
                counts[word] = counts.get(word, 0) + 1
        return cls(counts)

    def known(self, word: str) -> bool:
        return word in self._counts

    def correct(self, word: str) -> str | None:
        """The likeliest law word for an unknown ``word``; None when it is known or hopeless."""
        return self._corrected(word)

    def _correct(self, word: str) -> str | None:
        if len(word) < self._min_len or word in self._counts or word in _COMMON:
            return None
        best: tuple[int, str] | None = None
        for candidate in _edits(word):
            count = self._counts.get(candidate, 0)
            if count >= self._min_count and (best is None or count > best[0]):
                best = (count, candidate)
        return best[1] if best else None

    def repair(self, text: str) -> list[str]:
        """Corrections for the unknown words of ``text``, in order."""
        return [fix for _, fix in self.repair_pairs(text)]

    def repair_pairs(self, text: str) -> list[tuple[str, str]]:
        """(unknown word, its correction) for the words of ``text`` that have one, in order."""
        pairs = ((word, self.correct(word)) for word in tokens(text))
        return [(word, fix) for word, fix in pairs if fix]


# Mended words this long are read by the figures too; a short one is as often another word
# ("fuerte" is not "muerte", "gripa" not "grita").
SURE_LENGTH = 7


def mend_slang(speller: Speller, text: str) -> str:
    """``text`` with the slang it misspelt written as meant ("me corieron" → "me corrieron"), so
    the slang table, the topics and the rules read what the worker meant; unchanged without such
    a typo. A form of a word the law lacks ("quincenas" → "quincena") is no typo, and a repair
    into a word that is not the table's ("paradas" → "pagadas") is left out."""
    slang = _slang_words()
    typos = [
        (word, fix)
        for word, fix in speller.repair_pairs(text)
        if len(fix) >= SURE_LENGTH and fix in slang and stems(word) != stems(fix)
    ]
    if not typos:
        return text
    mended = fold(text)
    for word, fix in typos:
        fixed = re.sub(rf"\b{re.escape(word)}\b", fix, mended)
        mended = fixed if fixed != mended else f"{mended} {fix}"
    return mended


@lru_cache(maxsize=1)
def _slang_words() -> frozenset[str]:
    return frozenset(ExpansionTable.default().words())


def law_speller(law_texts: Iterable[str]) -> Speller:
    """The repairer for the law's texts and the slang table's long words, as often as the least a
    law word needs: "corieron" is mended to "corrieron", a word the law never uses but workers
    do."""
    slang = sorted(w for w in _slang_words() if len(w) >= SURE_LENGTH)
    return Speller.from_texts([*law_texts, " ".join(slang * 2)])


def sure_repairs(repairs: Iterable[str]) -> list[str]:
    """The repairs long enough to be read as what the worker meant (``SURE_LENGTH``)."""
    return [word for word in repairs if len(word) >= SURE_LENGTH]


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out |= {"h" + word}
    for old, new in _SOUND_ALIKE:
        if old in word:
            out.add(word.replace(old, new))
    return out


# Words workers write without their h, too short or too common for the speller to mend, that the
# figures' readers look for: "3 oras extra", "asta cuando", "ace 2 años".
_DROPPED_H = {
    "ora": "hora",
    "oras": "horas",
    "orario": "horario",
    "orarios": "horarios",
    "asta": "hasta",
    "ace": "hace",
    "acen": "hacen",
    "ijo": "hijo",
    "ija": "hija",
    "ijos": "hijos",
    "ijas": "hijas",
    "abia": "habia",
}


def with_h(text: str) -> str:
    """``text`` with the h put back where workers drop it ("me quedé 3 oras extra" → "3 horas
    extra"); other words as they were."""
    return re.sub(
        r"\b[a-zA-ZñÑ]+\b", lambda m: _DROPPED_H.get(m.group(0).lower(), m.group(0)), text
    )
