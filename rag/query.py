"""Question normalisation: accent folding, WhatsApp spelling, slang expansion, direct references.

Pure text functions and the curated expansion table (``rag/data/expansions.tsv``); no index here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from calc.text import fold
from calc.words import INDIRECT_DISMISSAL
from rag.laws import ALIAS_PATTERN, law_code, qualify

# WhatsApp shorthand -> the word it stands for (whole tokens only).
_SHORTHAND: dict[str, str] = {
    "q": "que",
    "k": "que",
    "qe": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "x": "por",
    "pa": "para",
    "tmb": "tambien",
    "tb": "tambien",
    "d": "de",
    "dl": "del",
    "mjr": "mejor",
    "hrs": "horas",
    "hr": "hora",
    "hras": "horas",
    "sem": "semana",
    "dias": "dias",
    "art": "articulo",
    "arts": "articulos",
    "artic": "articulo",
    "fracc": "fraccion",
    "fr": "fraccion",
    "frac": "fraccion",
    "lft": "lft",
    "xfa": "por favor",
    "pls": "por favor",
    "nomas": "nada mas",
    "ta": "esta",  # "¿ta bien eso?"
    "tabien": "esta bien",
    "nomás": "nada mas",
    "vdd": "verdad",
    "aunq": "aunque",
    "aunk": "aunque",
}

_ROMAN = re.compile(r"^[ivxlc]+$")
_SUFFIXES = {"bis": "Bis", "ter": "Ter", "quater": "Quáter"}

# "artículo 330-A", "art. 3o bis", "arts 47 y 51", "art 132 fraccion xxvii bis".
_ARTICLE_REF = re.compile(
    r"\barticulos?\s*(?:n(?:um(?:ero)?)?\s*)?"
    r"(?P<num>\d{1,4})\s*(?:o\b\.?|º)?\s*"
    r"(?P<suf>bis|ter|quater|-\s*[a-z]\b|[a-z]\b(?=\s*(?:$|[?.!,;]|fraccion|de la|lft|ley)))?"
    r"(?P<more>(?:\s*(?:,|y)\s*\d{1,4}(?:\s*(?:bis|ter|quater|-\s*[a-z]\b))?)*)"
    r"(?:\s*fraccion\s*(?P<frac>[ivxlc]+(?:\s*bis)?))?"
)
# "el 47", "que dice el 76?": only when nothing after it makes it a date, an amount or an age.
_BARE_REF = re.compile(
    r"\b(?:el|del|al)\s+(?P<num>\d{1,4})\s*(?P<suf>bis|ter|quater|-\s*[a-z]\b)?"
    r"(?=\s*(?:$|[?.!]|de la (?:ley|lft)|lft\b|ley\b|dice\b|que dice\b|habla\b))"
)
_MORE_NUM = re.compile(r"(\d{1,4})\s*(bis|ter|quater|-\s*[a-z]\b)?")
# The law named right after a reference: "artículo 15 de la ley del seguro social", "art 15
# lss", "el 123 constitucional". Without one, the reference is the LFT's.
_LAW_AFTER = re.compile(
    r"^\s*(?:,?\s*(?:apartado\s+[a-c]|fraccion\s+[ivxl]+)\b)*,?\s*(?:(?:de\s+la|del|de)\s+)?"
    rf"(?P<law>{ALIAS_PATTERN})\b"
)
_BARE_CONSTITUTION = re.compile(r"\b(?:el|del|al)\s+123\s+(?:constitucional|de la constitucion)\b")


def _squeeze(token: str) -> str:
    # "holaaaa" -> "hola", "siiii" -> "si"; Spanish never has a letter three times in a row.
    return re.sub(r"([a-zñ])\1{2,}", r"\1", token)


def tokens(text: str) -> list[str]:
    """The normalised word tokens of ``text`` (folded, squeezed, shorthand expanded)."""
    out: list[str] = []
    for raw in re.findall(r"[a-zñ0-9]+", fold(text)):
        word = _SHORTHAND.get(_squeeze(raw), _squeeze(raw))
        out.extend(word.split())
    return out


# SMS spellings the patterns downstream would miss, written out in the question itself: "m" for
# "me", "k" for "qu" ("kiero", "korrer"), "an" for "han" after a pronoun.
_RESPELL = re.compile(
    r"\b(?:(?P<m>m)(?=\s+(?:lo|la|los|las|toca|tocan|deben|debe|pagan|paga|dan|da|pueden|"
    r"puede|van|va|corren|corrieron|quieren|quiere|kieren|kiere|dijo|dijeron|tienen|tiene)\b)|"
    r"(?P<k>k)(?=(?:iero|ieres|iere|ieren|ieras|orrer|orrieron|orrio|orren|orre|uanto)\b)|"
    r"(?P<pre>\b(?:me|te|nos|les|le) )an(?=\s))"
)


def respell(text: str) -> str:
    """``text`` with the SMS spellings above written out ("m kieren korrer" → "me quieren
    correr", "no me an pagado" → "no me han pagado"); the rest untouched."""

    def _written(m: re.Match[str]) -> str:
        if m.group("m"):
            return "me"
        if m.group("k"):
            return "c" if m.string[m.end() : m.end() + 1] in ("o", "u") else "qu"
        return f"{m.group('pre')}han"

    return _RESPELL.sub(_written, text)


def expand_shorthand(text: str) -> str:
    """``text`` folded, with WhatsApp shorthand written out ("me tienen q pagar?" → "me tienen
    que pagar?") and its punctuation kept, for patterns that read the question's clauses."""
    return re.sub(
        r"[a-zñ0-9]+", lambda m: _SHORTHAND.get(_squeeze(m.group(0)), m.group(0)), fold(text)
    )


def normalize(text: str) -> str:
    """One space-separated string of ``tokens(text)``."""
    return " ".join(tokens(text))


def canonical_article_id(number: str, suffix: str | None) -> str:
    """``("3", "bis")`` -> ``"3 Bis"``, ``("330", "-a")`` -> ``"330-A"``."""
    num = str(int(number))
    if not suffix:
        return num
    suf = suffix.replace(" ", "").lower()
    if suf in _SUFFIXES:
        return f"{num} {_SUFFIXES[suf]}"
    letter = suf.lstrip("-")
    return f"{num}-{letter.upper()}"


@dataclass(frozen=True)
class Reference:
    """An article the question names directly, with the fracción when it gave one."""

    article_id: str
    fraccion: str | None = None


def direct_references(question: str) -> list[Reference]:
    """Articles the question names ("art 76", "artículo 330-A", "el 47"), in order, once each."""
    text = fold(question)
    text = re.sub(r"\bart(?:ic)?s?\b\.?", "articulo", text)
    refs: list[Reference] = []
    for m in _ARTICLE_REF.finditer(text):
        frac = m.group("frac")
        law = _LAW_AFTER.match(text[m.end() :])
        code = (law_code(law["law"]) if law else None) or "LFT"
        first = canonical_article_id(m.group("num"), m.group("suf"))
        refs.append(Reference(qualify(first, code), _roman(frac)))
        for extra in _MORE_NUM.finditer(m.group("more") or ""):
            refs.append(
                Reference(qualify(canonical_article_id(extra.group(1), extra.group(2)), code))
            )
    if not refs and _BARE_CONSTITUTION.search(text):
        refs.append(Reference("123 CPEUM"))
    if not refs:
        for m in _BARE_REF.finditer(text):
            refs.append(Reference(canonical_article_id(m.group("num"), m.group("suf"))))
    seen: set[str] = set()
    unique: list[Reference] = []
    for ref in refs:
        if ref.article_id not in seen:
            seen.add(ref.article_id)
            unique.append(ref)
    return unique


def _roman(frac: str | None) -> str | None:
    if not frac:
        return None
    parts = frac.split()
    head = parts[0].upper() if _ROMAN.match(parts[0]) else parts[0]
    return " ".join([head, *(p.capitalize() for p in parts[1:])])


# What a dismissal told without its word (``calc.words.INDIRECT_DISMISSAL``) adds to the query.
INDIRECT_DISMISSAL_TERMS = "despido separacion injustificada aviso escrito"
# A rotating shift as guards and nurses tell it ("turnos de 24 x 24", "12 por 24"): hours of one
# shift past the 8 of a day, weighed against the day's limits.
_LONG_SHIFT = re.compile(
    r"\b(?:12|16|24|36|48)\s*(?:x|por)\s*(?:12|24|36|48|72)\b(?!\s*(?:metros|cm|m\b|pesos))"
)
LONG_SHIFT_TERMS = "jornada maxima horas extra doce horas al dia"
# ...unless the question is about another pay the shift only sets the scene for ("seguido me cae
# el turno en domingo, ¿no me dan nada más?").
_OTHER_PAY = re.compile(r"\b(domingo|festiv\w*|prima|vacacion\w*|aguinald\w*|utilidad\w*)")


@dataclass(frozen=True)
class Expansion:
    """One row of the table: a phrase as workers write it, and the law's words for it."""

    pattern: tuple[str, ...]
    terms: str
    # "aguinaldo & renunci*|corrieron": groups of phrases (alternatives) that must all be there,
    # the pair meaning something neither word says alone; ``pattern`` is then empty.
    also: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @cached_property
    def _whole(self) -> frozenset[str]:
        return frozenset(p for p in self.pattern if not p.endswith("*"))

    def matches(self, words: list[str], present: AbstractSet[str] | None = None) -> bool:
        """``present``: the set of ``words``, given when many rows are tried on them (a row
        whose whole words are not all there cannot match: most rows end here, cheaply)."""
        if present is not None and not self._whole <= present:
            return False
        if not _phrase_in(self.pattern, words):
            return False
        return all(any(_phrase_in(alt, words) for alt in group) for group in self.also)


def _phrase_in(pattern: tuple[str, ...], words: list[str]) -> bool:
    n = len(pattern)
    for start in range(len(words) - n + 1):
        if all(_token_match(p, w) for p, w in zip(pattern, words[start : start + n], strict=True)):
            return True
    return False


def _expansion(pattern: str, terms: str) -> Expansion:
    """A row from its pattern text: ``a|b & c|d & …`` (see ``Expansion.also``)."""
    groups = [tuple(_pattern_tokens(alt) for alt in part.split("|")) for part in pattern.split("&")]
    if len(groups) == 1 and len(groups[0]) == 1:
        return Expansion(groups[0][0], terms)
    return Expansion((), terms, tuple(groups))


def _pattern_tokens(pattern: str) -> tuple[str, ...]:
    out: list[str] = []
    for raw in pattern.split():
        star = "*" if raw.endswith("*") else ""
        out.extend(tokens(raw))
        if star and out:
            out[-1] += star
    return tuple(out)


def _length(row: Expansion) -> int:
    """How many words a row needs: the longer, the more specific."""
    if row.pattern:
        return len(row.pattern)
    return sum(min(len(alt) for alt in group) for group in row.also)


def _token_match(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


class ExpansionTable:
    """The curated slang → legal-terms table; ``expand`` lists the terms a question triggers."""

    def __init__(self, rows: Iterable[Expansion]) -> None:
        self.rows = tuple(rows)

    @classmethod
    def parse(cls, text: str) -> ExpansionTable:
        rows = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            pattern, sep, terms = line.partition("\t")
            if not sep or not terms.strip():
                raise ValueError(f"expansions line {lineno}: expected PATTERN<TAB>TERMS")
            rows.append(_expansion(pattern, normalize(terms)))
        return cls(rows)

    @classmethod
    def default(cls) -> ExpansionTable:
        data = resources.files("rag.data").joinpath("expansions.tsv").read_text(encoding="utf-8")
        return cls.parse(data)

    def expand(self, question: str) -> list[str]:
        """The expansion terms for ``question``, in table order, each row once."""
        words = tokens(question)
        present = set(words)
        found = [row.terms for row in self.rows if row.matches(words, present)]
        # A dismissal told without its word ("dice que ya no me presente"): no row can say it.
        if INDIRECT_DISMISSAL.search(fold(question)):
            found.append(INDIRECT_DISMISSAL_TERMS)
        folded = fold(question)
        if _LONG_SHIFT.search(folded) and not _OTHER_PAY.search(folded):
            found.append(LONG_SHIFT_TERMS)
        return found

    def words(self) -> set[str]:
        """The whole words the rows name ("corrieron", "aguinaldo"): how workers write them, for
        the typo repairer to mend toward ("corieron" → "corrieron")."""
        out: set[str] = set()
        for row in self.rows:
            phrases = [row.pattern, *(alt for group in row.also for alt in group)]
            out.update(w for phrase in phrases for w in phrase if not w.endswith("*"))
        return out

    def pairs(self, question: str) -> list[str]:
        """The terms of the pair rows ("aguinaldo & renuncié") ``question`` triggers: two words
        together say what was asked as plainly as the worker's own."""
        words = tokens(question)
        present = set(words)
        return [row.terms for row in self.rows if row.also and row.matches(words, present)]


class TopicTable:
    """A topical index (``rag/data/topics.tsv``): for a topic, the articles that govern it first."""

    def __init__(self, rows: Iterable[tuple[Expansion, tuple[str, ...]]]) -> None:
        # Longer patterns are more specific: "prima vacacional" before "vacaciones".
        self.rows = tuple(sorted(rows, key=lambda row: -_length(row[0])))

    @classmethod
    def parse(cls, text: str) -> TopicTable:
        rows = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            pattern, sep, ids = line.partition("\t")
            articles = tuple(a.strip() for a in ids.split(",") if a.strip())
            if not sep or not articles:
                raise ValueError(f"topics line {lineno}: expected PATTERN<TAB>ARTICLE, ARTICLE")
            rows.append((_expansion(pattern, ""), articles))
        return cls(rows)

    @classmethod
    def default(cls) -> TopicTable:
        data = resources.files("rag.data").joinpath("topics.tsv").read_text(encoding="utf-8")
        return cls.parse(data)

    def articles(self, question: str) -> list[str]:
        """The articles the question's topics point to, most specific topic first, once each."""
        words = tokens(question)
        present = set(words)
        found: list[str] = []
        for pattern, articles in self.rows:
            if pattern.matches(words, present):
                found.extend(a for a in articles if a not in found)
        return found


@dataclass(frozen=True)
class Query:
    """A question prepared for retrieval."""

    original: str
    normalized: str
    expansions: tuple[str, ...]
    references: tuple[Reference, ...]

    @property
    def expansion_text(self) -> str:
        return " ".join(self.expansions)


def prepare(question: str, table: ExpansionTable | None = None) -> Query:
    """Normalise ``question``, find its direct references and its expansion terms."""
    expansions = tuple(table.expand(question)) if table is not None else ()
    return Query(
        original=question,
        normalized=normalize(question),
        expansions=expansions,
        references=tuple(direct_references(question)),
    )
