"""Plain-language rules: statements a worker understands, each with the passage that proves it.

Hand-written from the law text (``rag/data/rules/*.jsonl``); this module loads and checks them and
does no retrieval. ``verify`` is pure: the caller passes the law's articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from calc.text import fold
from rag.laws import qualify
from rag.lexical import squash

FIELDS = ("id", "law", "article", "kind", "rule", "passage")
KINDS = frozenset({"verdict", "amount", "deadline", "right", "duty", "procedure"})
# The laws rules are written for (codes of rag.laws); a rule of another law than the LFT is
# checked against that law's article ("15 LSS").
LAWS = frozenset({"LFT", "LSS", "LINFONAVIT"})
RULE_MIN, RULE_MAX = 30, 220
PASSAGE_MIN_WORDS = 5
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# "Art. 47", "artículo 76": the rule speaks plainly; the citation is the ``article`` field.
_CITATION = re.compile(r"\bart(?:[ií]culos?|s?\.)\s*\d", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One rule; ``id`` is ``id_prefix(article)`` and a slug (``"47-aviso"``, ``"3-bis-acoso"``)."""

    id: str
    law: str
    article: str
    kind: str
    rule: str
    passage: str


def id_prefix(article: str) -> str:
    """What every id of the article's rules starts with: ``"279 Quáter"`` -> ``"279-quater-"``."""
    return "-".join(fold(article).split()) + "-"


def json_lines(text: str, *, source: str) -> Iterator[tuple[int, Any]]:
    """Each non-blank line's number and value; a line that is not JSON raises ``ValueError``."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{source}:{n}: not JSON ({exc.msg})") from exc


def parse_rules(text: str, *, source: str = "rules") -> list[Rule]:
    """JSON Lines of objects with exactly the keys of ``FIELDS``, in that order, all strings."""
    rules: list[Rule] = []
    for n, obj in json_lines(text, source=source):
        if not isinstance(obj, dict) or tuple(obj) != FIELDS:
            raise ValueError(f"{source}:{n}: expected an object with keys {', '.join(FIELDS)}")
        if not all(isinstance(v, str) for v in obj.values()):
            raise ValueError(f"{source}:{n}: every value must be a string")
        rules.append(Rule(**obj))
    return rules


def load_rules() -> tuple[Rule, ...]:
    """Every packaged rule, files in name order."""
    folder = resources.files("rag.data").joinpath("rules")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".jsonl")), key=lambda f: f.name)
    rules: list[Rule] = []
    for f in files:
        rules.extend(parse_rules(f.read_text(encoding="utf-8"), source=f.name))
    return tuple(rules)


def verify(rules: Iterable[Rule], articles: Mapping[str, tuple[str, bool]]) -> list[str]:
    """Every problem found, one line each; ``articles`` maps an id to ``(text, repealed)``, the
    LFT's bare ("47"), another law's qualified ("15 LSS")."""
    problems: list[str] = []
    seen: set[str] = set()
    squashed: dict[str, str] = {}
    for r in rules:
        where = f"{r.id or '?'} (Art. {r.article or '?'})"
        problems.extend(f"{where}: {p}" for p in _field_problems(r))
        if r.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(r.id)
        if not r.article or not r.passage:
            continue
        key = qualify(r.article, r.law)
        found = articles.get(key)
        if found is None:
            problems.append(f"{where}: no such article")
            continue
        text, repealed = found
        if repealed:
            problems.append(f"{where}: the article is repealed")
            continue
        if key not in squashed:
            squashed[key] = squash(text)
        if squash(r.passage) not in squashed[key]:
            problems.append(f"{where}: passage not in the article: {r.passage[:80]!r}")
    return problems


def _field_problems(r: Rule) -> list[str]:
    out = [f"empty {name}" for name in FIELDS if not getattr(r, name).strip()]
    if r.law.strip() and r.law not in LAWS:
        out.append(f"unknown law {r.law!r}")
    if r.kind.strip() and r.kind not in KINDS:
        out.append(f"bad kind {r.kind!r}")
    prefix = id_prefix(r.article)
    well_formed = r.id.startswith(prefix) and _SLUG.fullmatch(r.id[len(prefix) :])
    if r.id.strip() and r.article.strip() and not well_formed:
        out.append(f"id must be {prefix!r} and a lowercase slug")
    if r.rule.strip():
        if not RULE_MIN <= len(r.rule) <= RULE_MAX:
            out.append(f"rule has {len(r.rule)} characters (want {RULE_MIN}-{RULE_MAX})")
        if _CITATION.search(r.rule):
            out.append("rule cites an article (the article field does that)")
        if r.rule != " ".join(r.rule.split()):
            out.append("rule has stray whitespace")
    words = len(squash(r.passage).split())
    if r.passage.strip() and words < PASSAGE_MIN_WORDS:
        out.append(f"passage has {words} words (want at least {PASSAGE_MIN_WORDS})")
    return out
