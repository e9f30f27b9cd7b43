"""Grounding by code: cited articles must be retrieved, quoted words must be in the law text.

Pure functions over the answer text and the passages it may rely on; the pipeline decides what
to do with the report (regenerate, keep the repaired text, or fall back to quoting).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from calc.text import fold
from rag.laws import ALIAS_PATTERN, LAWS, law_code, normalize_id, qualify, split_id
from rag.lexical import split_sentences, squash
from rag.types import Citation, Passage

_SUFFIX = r"(?:Bis|Ter|Qu[aá]ter|Quinquies|Sexies|Septies|Octies|Nonies)"
_ID = rf"\d+(?:o\.?)?(?:\s?-\s?[A-ZÑa-zñ]\b)?(?:\s+{_SUFFIX}\b)?"
# A law code right after an id ("15 LSS"); a law named after the list ("de la Ley del Seguro
# Social", "constitucional", "apartado A, fracción XII, de la Constitución") covers the list.
_CODE = rf"\s+(?:{'|'.join(LAWS)})\b"
_ID_Q = rf"{_ID}(?:{_CODE})?"
_LAW_AFTER = (
    r"(?:,?\s+apartado\s+[a-c]\b)?(?:,?\s+fracci(?:o|ó)n(?:es)?\s+[ivxl]+\b)?"
    rf",?\s+(?:(?:de\s+la|del|de)\s+)?(?P<law>{ALIAS_PATTERN})\b"
)
_CITE = re.compile(
    rf"\b(?:art[íi]culos?|arts?\.?)\s*"
    rf"(?P<ids>{_ID_Q}(?:\s*(?:,|\by\b|\be\b|\bo\b|\bal\b)\s*{_ID_Q})*)(?:{_LAW_AFTER})?",
    re.IGNORECASE,
)
_ONE_ID = re.compile(rf"(?P<id>{_ID})(?P<code>{_CODE})?", re.IGNORECASE)
_QUOTE = re.compile(r"“([^”]{1,3000})”|«([^»]{1,3000})»|\"([^\"\n]{1,3000})\"")
_PLACEHOLDER = re.compile(r"\x00Q(\d+)\x00")
# Quotes shorter than this are emphasis ("finiquito"), not claims about the law's wording.
MIN_QUOTE_WORDS = 4


def canonical_id(raw: str) -> str:
    """``"3o. bis"`` → ``"3 Bis"``; ``"39 - a"`` → ``"39-A"``; ``"283 quater"`` → ``"283 Quáter"``.

    Suffix words are capitalised; a law other than the LFT stays as a code (``"15 lss"`` →
    ``"15 LSS"``); anything unrecognised is returned stripped.
    """
    local, code = split_id(normalize_id(raw))
    match = re.match(
        rf"(\d+)(?:o\.?)?(?:\s?-\s?([A-ZÑa-zñ]))?(?:\s+({_SUFFIX}))?", local.strip(), re.I
    )
    if not match:
        return raw.strip()
    number, letter, suffix = match.groups()
    out = number + (f"-{letter.upper()}" if letter else "")
    if suffix:
        word = suffix.capitalize()
        out += " " + ("Quáter" if fold(word) == "quater" else word)
    return qualify(out, code)


def id_key(article_id: str) -> str:
    """A comparison key for article ids: accents, case, spaces and hyphens ignored."""
    return re.sub(r"[\s\-.]", "", fold(canonical_id(article_id)))


def cited_ids(text: str) -> list[str]:
    """Article ids cited in ``text`` (outside quotes is the caller's business), in order.

    ``"Art. 76 LFT"`` and ``"Art. 76"`` are the LFT's ``"76"``; ``"(Art. 15 LSS)"``,
    ``"artículos 15 y 27 de la Ley del Seguro Social"`` and ``"123 constitucional"`` name
    another law's articles (``"15 LSS"``, ``"27 LSS"``, ``"123 CPEUM"``).
    """
    found: list[str] = []
    for match in _CITE.finditer(fold(text)):
        listed = law_code(match.group("law")) if match.group("law") else None
        for one in _ONE_ID.finditer(match.group("ids")):
            own = one.group("code")
            code = law_code(own) if own else listed
            found.append(canonical_id(qualify(one.group("id"), code or "LFT")))
    return list(dict.fromkeys(found))


def quote_is_grounded(quote: str, sources: Sequence[str]) -> bool:
    """Every sizeable piece of ``quote`` (split at ellipses) appears in one of ``sources``."""
    pieces = [squash(p) for p in re.split(r"…|\.\.\.|\[\s*…?\s*\]", quote)]
    pieces = [p for p in pieces if p]
    if sum(len(p.split()) for p in pieces) < MIN_QUOTE_WORDS:
        return True
    haystack = [squash(s) for s in sources]
    return all(any(p in h for h in haystack) for p in pieces if len(p.split()) >= 2)


@dataclass(frozen=True)
class GroundingReport:
    text: str
    cited: tuple[str, ...]
    citations: tuple[Citation, ...]
    unknown_citations: tuple[str, ...] = ()
    bad_quotes: int = 0
    removed_sentences: int = 0
    kept_sentences: int = 0
    events: tuple[str, ...] = field(default=())

    @property
    def clean(self) -> bool:
        return not self.unknown_citations and not self.bad_quotes


def _source_of(quote: str, passages: Sequence[Passage]) -> str | None:
    wanted = squash(re.split(r"…|\.\.\.", quote)[0])
    for passage in passages:
        if wanted and wanted in squash(passage.text):
            return passage.article_id
    return None


def check_grounding(text: str, passages: Sequence[Passage]) -> GroundingReport:
    """Drop every sentence that cites an unretrieved article or misquotes the law.

    Article passages may be cited; article and transitorio passages may be quoted.
    """
    allowed = {id_key(p.article_id): p.article_id for p in passages if p.kind == "article"}
    sources = [p.text for p in passages]
    quotes: list[str] = []
    bad_quote_ids: set[int] = set()

    def protect(match: re.Match[str]) -> str:
        body = next(g for g in match.groups() if g is not None)
        quotes.append(match.group(0))
        if not quote_is_grounded(body, sources):
            bad_quote_ids.add(len(quotes) - 1)
        return f"\x00Q{len(quotes) - 1}\x00"

    protected = _QUOTE.sub(protect, text)
    unknown: list[str] = []
    cited: list[str] = []
    out_lines: list[str] = []
    removed = kept = 0
    for line in protected.split("\n"):
        bullet = re.match(r"^\s*(?:[-•*·]|\d+[.)])\s+", line)
        prefix = bullet.group(0) if bullet else ""
        sentences = split_sentences(line[len(prefix) :]) if line.strip() else []
        keep: list[str] = []
        for sentence in sentences:
            ids = cited_ids(_PLACEHOLDER.sub(" ", sentence))
            missing = [i for i in ids if id_key(i) not in allowed]
            misquoted = any(int(n) in bad_quote_ids for n in _PLACEHOLDER.findall(sentence))
            if missing or misquoted:
                unknown.extend(missing)
                removed += 1
                continue
            cited.extend(allowed[id_key(i)] for i in ids)
            keep.append(sentence)
            kept += 1
        if not line.strip():
            out_lines.append("")
        elif keep:
            out_lines.append(prefix + " ".join(keep))
    repaired = re.sub(r"\n{3,}", "\n\n", "\n".join(out_lines)).strip()
    repaired = _PLACEHOLDER.sub(lambda m: quotes[int(m.group(1))], repaired)
    citations: list[Citation] = []
    for article_id in dict.fromkeys(cited):
        quote = ""
        for n, raw in enumerate(quotes):
            if n not in bad_quote_ids and _source_of(raw.strip('“”«»"'), passages) == article_id:
                quote = raw.strip('“”«»"')
                break
        citations.append(Citation(article_id, quote))
    events = [f"unknown_citation:{i}" for i in dict.fromkeys(unknown)]
    events += ["fabricated_quote"] * len(bad_quote_ids)
    return GroundingReport(
        text=repaired,
        cited=tuple(dict.fromkeys(cited)),
        citations=tuple(citations),
        unknown_citations=tuple(dict.fromkeys(unknown)),
        bad_quotes=len(bad_quote_ids),
        removed_sentences=removed,
        kept_sentences=kept,
        events=tuple(events),
    )
