"""Exceptions the law makes to a rule, as data (``rag/data/rule_exceptions.tsv``): "antes de
demandar, primero a conciliación" (Art. 684-B) has the harassment and discrimination cases of
Art. 685 Ter; "prima de antigüedad con 15 años si renuncias" has the dismissal and the death of
Art. 162-III. When the question speaks of an exception's own case, the exception leads. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from calc.text import fold
from rag.rule_index import RuleIndex, RuleMatch, article_id, default_rule_index
from rag.rules import Rule
from rag.thresholds import findings, thresholds

# A GENERAL_RULE_ID that stands for whatever rule would lead.
ANY_RULE = "*"


@dataclass(frozen=True)
class LawException:
    """An exception to a general rule, and the words that name its case: every group must be
    named ("si me niego & horas extra|doblar": refusing, and refusing overtime)."""

    rule_id: str
    groups: tuple[re.Pattern[str], ...]

    def named(self, folded: str) -> bool:
        return all(group.search(folded) for group in self.groups)


def parse_exceptions(text: str) -> dict[str, tuple[LawException, ...]]:
    """``GENERAL<TAB>EXCEPTION<TAB>WORDS`` lines (``#`` comments and blank lines skipped)."""
    out: dict[str, list[LawException]] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(
                f"rule_exceptions.tsv:{lineno}: expected GENERAL<TAB>EXCEPTION<TAB>WORDS"
            )
        groups = []
        for group in parts[2].split("&"):
            words = "|".join(re.escape(fold(w.strip())) for w in group.split("|") if w.strip())
            if not words:
                raise ValueError(f"rule_exceptions.tsv:{lineno}: an empty group of words")
            groups.append(re.compile(rf"\b(?:{words})"))
        out.setdefault(parts[0], []).append(LawException(parts[1], tuple(groups)))
    return {k: tuple(v) for k, v in out.items()}


def _table(name: str) -> Mapping[str, tuple[LawException, ...]]:
    return parse_exceptions(resources.files("rag.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_exceptions() -> Mapping[str, tuple[LawException, ...]]:
    return _table("rule_exceptions.tsv")


def exception_first(
    ranked: Sequence[RuleMatch],
    matches: Sequence[RuleMatch],
    meant: str,
    exceptions: Mapping[str, tuple[LawException, ...]] | None = None,
    *,
    amount: bool = False,
    own: str | None = None,
) -> list[RuleMatch]:
    """``ranked`` with the exception whose case the question names moved first, when the first
    rule is one the law makes exceptions to. ``matches``: every rule of the retrieved articles
    (the exception may rank below the evidence floor); ``meant``: the question with what it
    means (the slang table's words), and the story it follows; ``amount``: the question asks
    how much (a deciding case's rule that states no amount does not lead then); ``own``: the
    worker's latest words when ``meant`` has the story before them (a case they name decides
    before one only the story named)."""
    table = load_exceptions() if exceptions is None else exceptions
    folded = fold(meant)
    mine = fold(own) if own is not None else folded
    out = list(ranked)
    if not out:  # no rule above the evidence floor: a deciding case named still leads
        index = default_rule_index()
        for exception in table.get(ANY_RULE, ()):
            if exception.named(folded) and not _missed(exception, index, folded, told=True):
                moved = _led_by(exception.rule_id, out, matches)
                if moved is not None:
                    return moved
        return out
    # An exception may have its own (a shortage is a loss the law lets the employer deduct,
    # but not from a minimum wage): follow the chain, each rule once.
    seen: set[str] = set()
    while out and out[0].rule.id not in seen:
        seen.add(out[0].rule.id)
        moved = _exception_led(
            out, matches, folded, table, deciding=len(seen) == 1, amount=amount, own=mine
        )
        if moved is None:
            break
        out = moved
    return out


def _exception_led(
    ranked: Sequence[RuleMatch],
    matches: Sequence[RuleMatch],
    folded: str,
    table: Mapping[str, tuple[LawException, ...]],
    deciding: bool,
    amount: bool = False,
    own: str | None = None,
) -> list[RuleMatch] | None:
    """``ranked`` led by the first exception to its first rule that the question names (or,
    when ``deciding``, first a deciding case's rule); ``own``: the latest words, folded."""
    first = ranked[0].rule.id
    # "*": a case that decides the answer whatever rule would lead ("por honorarios").
    deciders = table.get(ANY_RULE, ()) if deciding else ()
    index = default_rule_index()
    leading = [
        e
        for e in deciders
        if e.rule_id == first and e.named(folded) and not _missed(e, index, folded, told=True)
    ]
    if leading:
        # A deciding case's rule leads already: only a narrower one named displaces it ("no
        # estoy dado de alta" & an accident is Art. 77 LSS's case, not only Art. 15 LSS's).
        most = max(len(e.groups) for e in leading)
        deciders = tuple(e for e in deciders if len(e.groups) > most)
    # The case the latest words name decides first ("y además me dio dengue" after the rent of
    # the field housing: its first group of words is the case's own); then the narrowest case
    # named (more groups, more of the story matched).
    said = folded if own is None else own

    def order(exception: LawException) -> tuple[int, int]:
        return (-bool(exception.groups[0].search(said)), -len(exception.groups))

    deciders = tuple(sorted(deciders, key=order))
    # The exceptions of the article's general rule hold when another of its rules leads too
    # (Art. 110's alimony rule first, for a cash shortage the general rule's exception covers).
    article = article_id(ranked[0].rule)
    siblings = [
        exception
        for general, exceptions in table.items()
        if general not in (ANY_RULE, first)
        and (rule := index.by_id(general)) is not None
        and article_id(rule) == article
        for exception in exceptions
    ]
    deciding_ids = {e.rule_id for e in deciders}
    for exception in (*deciders, *table.get(first, ()), *siblings):
        if exception.rule_id == first or not exception.named(folded):
            continue
        if amount and exception.rule_id in deciding_ids and _no_amount(exception, index):
            continue  # "¿cuánto me tienen que dar?" is not answered by a verdict
        if _missed(exception, index, folded, told=exception.rule_id in deciding_ids):
            continue  # "después de 3 años" is not Art. 49's "menos de un año"
        moved = _led_by(exception.rule_id, ranked, matches)
        if moved is not None:
            return moved
    return None


def _missed(exception: LawException, index: RuleIndex, folded: str, *, told: bool) -> bool:
    """Whether the question's own figure misses a condition of the exception's rule; ``told``:
    a deciding case's condition must be met by a figure the question gives ("llevo 23 años")."""
    rule = index.by_id(exception.rule_id)
    if rule is None:
        return False
    found = findings(folded, rule.rule)
    if found is None:  # a condition of years of service or age left untold
        personal = {"service", "age"}
        return told and any(
            t.role == "condition" and t.dimension in personal for t in thresholds(rule.rule)
        )
    return any(f.threshold.role == "condition" and not f.holds for f in found)


def _no_amount(exception: LawException, index: RuleIndex) -> bool:
    """Whether the exception's rule states no amount."""
    rule = index.by_id(exception.rule_id)
    return rule is not None and rule.kind != "amount"


def _deciding_rules(meant: str) -> Iterator[Rule]:
    """The rules of the deciding cases (``*`` rows) that ``meant`` names, in table order."""
    folded = fold(meant)
    index = default_rule_index()
    for exception in load_exceptions().get(ANY_RULE, ()):
        rule = index.by_id(exception.rule_id)
        # ("Llevo 10 años" names no case of "más de 20 años": a figure told that misses the
        # rule's condition decides nothing.)
        if rule is None or not exception.named(folded):
            continue
        if not _missed(exception, index, folded, told=False):
            yield rule


def decides(meant: str, rule: Rule) -> bool:
    """Whether the rule is a deciding case's (a ``*`` row) that ``meant`` names: "nos pagan en
    vales" names Art. 101's money, whatever retrieval ranked first."""
    return any(found.id == rule.id for found in _deciding_rules(meant))


def deciding_articles(meant: str) -> tuple[str, ...]:
    """The articles of the deciding cases (``*`` rows) that ``meant`` names, to fetch by id when
    retrieval missed them: "trabajo de lunes a domingo sin descanso" needs Art. 69."""
    return tuple(dict.fromkeys(article_id(rule) for rule in _deciding_rules(meant)))


# How deep in the retrieved articles a general rule's article may be for its named exceptions
# to be fetched.
_EXCEPTION_REACH = 3


def named_exception_articles(meant: str, retrieved: Sequence[str]) -> tuple[str, ...]:
    """The articles of the exceptions ``meant`` names to a rule of the first retrieved articles,
    to fetch by id when retrieval missed them: "me negaron la pensión, ¿tengo que ir primero a
    conciliación?" needs Art. 685 Ter beside Art. 684-B."""
    folded = fold(meant)
    index = default_rule_index()
    top = set(retrieved[:_EXCEPTION_REACH])
    out: list[str] = []
    for general, exceptions in load_exceptions().items():
        rule = index.by_id(general) if general != ANY_RULE else None
        if rule is None or article_id(rule) not in top:
            continue
        for exception in exceptions:
            special = index.by_id(exception.rule_id)
            if special is None or not exception.named(folded):
                continue
            if not _missed(exception, index, folded, told=False):
                out.append(article_id(special))
    return tuple(a for a in dict.fromkeys(out) if a not in top)


def deciding_matches(meant: str, retrieved: Sequence[str]) -> list[RuleMatch]:
    """The rules of the deciding cases ``meant`` names whose articles were retrieved, as
    matches below every other (their words may share little with the question: "¿tengo
    derecho a algo?" after "la app me desactivó la cuenta")."""
    ids = list(retrieved)
    return [
        RuleMatch(rule, 0.0, ids.index(article_id(rule)))
        for rule in _deciding_rules(meant)
        if article_id(rule) in ids
    ]


@lru_cache(maxsize=1)
def load_conditions() -> Mapping[str, tuple[LawException, ...]]:
    """``rule_conditions.tsv``: by general rule, the special rules that lead only when named."""
    return _table("rule_conditions.tsv")


def general_first(
    ranked: Sequence[RuleMatch],
    matches: Sequence[RuleMatch],
    meant: str,
    conditions: Mapping[str, tuple[LawException, ...]] | None = None,
) -> list[RuleMatch]:
    """``ranked`` with the general rule first when the first is a special case of it that the
    question does not name (Art. 170's eight weeks for a baby in hospital, asked of any birth),
    and the special case first when the general one leads and the question names the case
    ("iba de mi casa al trabajo y me caí": Art. 474's way to work)."""
    if not ranked:
        return list(ranked)
    table = load_conditions() if conditions is None else conditions
    folded = fold(meant)
    first = ranked[0].rule.id
    for case in table.get(first, ()):
        if case.named(folded):
            moved = _led_by(case.rule_id, ranked, matches)
            if moved is not None:
                return moved
    for general, specials in table.items():
        special = next((s for s in specials if s.rule_id == first), None)
        if special is None or special.named(folded):
            continue
        moved = _led_by(general, ranked, matches)
        if moved is not None:
            return moved
    return list(ranked)


def unnamed_special(rule_id: str, meant: str) -> bool:
    """Whether the rule is a special case of its article (``rule_conditions.tsv``) that ``meant``
    does not name: "hasta 8 semanas si tu bebé necesita hospital", asked of any birth."""
    folded = fold(meant)
    return any(
        special.rule_id == rule_id and not special.named(folded)
        for specials in load_conditions().values()
        for special in specials
    )


def _led_by(
    rule_id: str, ranked: Sequence[RuleMatch], matches: Sequence[RuleMatch]
) -> list[RuleMatch] | None:
    """``ranked`` with the rule moved first (found among ``matches`` when below the floor), or
    None when the retrieved articles do not hold it."""
    found = next((m for m in [*ranked, *matches] if m.rule.id == rule_id), None)
    if found is None:
        return None
    return [found, *(m for m in ranked if m.rule.id != rule_id)]
