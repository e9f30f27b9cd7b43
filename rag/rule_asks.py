"""Worker questions for the plain-language rules: how a worker would ask what a rule answers.

Hand-written per rule (``rag/data/rule_asks/*.jsonl``, one line ``{"id", "asks"}`` per rule),
from the rules and the law only, blind to every question set: a first set of three, and a second
(``*_2.jsonl``) of a short line, a story in the worker's words and an indirect one ("el encargado
dice q…, es cierto?"), each aimed at its own rule's point among its article's rules. A worker's
words seldom meet a rule's ("me corrieron" vs "despido"), so ``rag.rule_index`` also scores the
question against these questions, by words and (``rag.rule_vectors``) by meaning: the doc2query
technique.
This module loads and checks them and does no retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from rag.rules import Rule, json_lines

ASK_MIN, ASK_MAX = 20, 240
ASKS_MAX = 6
_CITATION = re.compile(r"\bart(?:[ií]culos?|s?\.)\s*\d", re.IGNORECASE)


def parse_asks(text: str, *, source: str = "asks") -> dict[str, tuple[str, ...]]:
    """JSON Lines of ``{"id": str, "asks": [str, …]}``; rule id → its questions."""
    found: dict[str, tuple[str, ...]] = {}
    for n, obj in json_lines(text, source=source):
        if not isinstance(obj, dict) or set(obj) != {"id", "asks"}:
            raise ValueError(f"{source}:{n}: expected an object with keys id, asks")
        asks = obj["asks"]
        if not isinstance(obj["id"], str) or not isinstance(asks, list):
            raise ValueError(f"{source}:{n}: id must be a string and asks a list")
        if not all(isinstance(a, str) for a in asks):
            raise ValueError(f"{source}:{n}: every ask must be a string")
        if obj["id"] in found:
            raise ValueError(f"{source}:{n}: {obj['id']} listed twice")
        found[obj["id"]] = tuple(asks)
    return found


@lru_cache(maxsize=1)
def load_asks() -> Mapping[str, tuple[str, ...]]:
    """Every packaged rule's questions (rule id → questions), files in name order: a rule's
    questions may come in sets from several files ("lft_1_180_a.jsonl", then the second set
    in "lft_1_180_a_2.jsonl"), and are joined in that order."""
    folder = resources.files("rag.data").joinpath("rule_asks")
    if not folder.is_dir():
        return {}
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".jsonl")), key=lambda f: f.name)
    return join_asks(
        (f.name, parse_asks(f.read_text(encoding="utf-8"), source=f.name)) for f in files
    )


def join_asks(
    sets: Iterable[tuple[str, Mapping[str, tuple[str, ...]]]],
) -> dict[str, tuple[str, ...]]:
    """Named sets of questions (a file's name, its rule id → questions) joined per rule, in
    order; a question that a rule already has from an earlier set is refused."""
    asks: dict[str, tuple[str, ...]] = {}
    for source, found in sets:
        for rule_id, questions in found.items():
            had = asks.get(rule_id, ())
            repeated = [q for q in questions if q in had]
            if repeated:
                raise ValueError(f"{source}: {rule_id} repeats {repeated[0][:60]!r}")
            asks[rule_id] = (*had, *questions)
    return asks


def verify_asks(asks: Mapping[str, tuple[str, ...]], rules: Iterable[Rule]) -> list[str]:
    """Every problem found, one line each: an ask for no rule, too many or none, a bad length, an
    article number (a worker does not cite), stray whitespace or a repeated question."""
    known = {r.id for r in rules}
    problems: list[str] = []
    for rule_id, questions in asks.items():
        if rule_id not in known:
            problems.append(f"{rule_id}: no such rule")
        if not 1 <= len(questions) <= ASKS_MAX:
            problems.append(f"{rule_id}: {len(questions)} asks (want 1-{ASKS_MAX})")
        if len(set(questions)) != len(questions):
            problems.append(f"{rule_id}: a question is repeated")
        for q in questions:
            if not ASK_MIN <= len(q) <= ASK_MAX:
                problems.append(f"{rule_id}: ask has {len(q)} characters: {q[:60]!r}")
            if _CITATION.search(q):
                problems.append(f"{rule_id}: ask cites an article: {q[:60]!r}")
            if q != " ".join(q.split()):
                problems.append(f"{rule_id}: ask has stray whitespace: {q[:60]!r}")
    return problems
