"""Plain-language rules: every packaged rule checked against the law, and the checks themselves."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from ingest.parse import parse_law
from ingest.related import parse_related
from rag.laws import qualify
from rag.rules import KINDS, RULE_MAX, Rule, id_prefix, load_rules, parse_rules, verify

# The rules written so far (357 for Arts. 1-180, 363 for Arts. 181-1010, 17 of the LSS and the
# INFONAVIT law): a floor against lost or truncated files. Raise it as rules are added; lower it
# only to drop a rule a review found wrong.
MIN_RULES = 782
REVIEW = Path(__file__).resolve().parents[2] / "rag" / "data" / "rules" / "review.tsv"
RELATED = {"LSS": "lss_", "LINFONAVIT": "linfonavit_"}

ARTICLES = {
    "47": (
        "El patrón que despida a un trabajador deberá darle aviso escrito en el que refiera "
        "claramente la conducta o conductas que motivan la rescisión. La falta de aviso al "
        "trabajador personalmente o por conducto del Tribunal, por sí sola presumirá la "
        "separación no justificada.",
        False,
    ),
    "3 Bis": (
        "Para efectos de esta Ley se entiende por hostigamiento, el ejercicio del poder.",
        False,
    ),
    "52": ("Se deroga.", True),
}
GOOD = Rule(
    id="47-aviso",
    law="LFT",
    article="47",
    kind="verdict",
    rule="Si tu patrón no te dio aviso por escrito del despido, se presume que fue injustificado.",
    passage="la falta de aviso al trabajador personalmente, o por conducto del tribunal",
)


@pytest.fixture(scope="module")
def articles(lft_md: Path) -> dict[str, tuple[str, bool]]:
    """The LFT's articles by bare id and the related laws' by qualified id ("15 LSS")."""
    law = parse_law(lft_md.read_text(encoding="utf-8"))
    found = {a.id: (a.text, a.repealed) for a in law.articles}
    related = lft_md.parents[1] / "related"
    for code, prefix in RELATED.items():
        path = sorted(related.glob(f"{prefix}*.md"))[-1]
        other = parse_related(path.read_text(encoding="utf-8"), code=code)
        found.update({qualify(a.id, code): (a.text, a.repealed) for a in other.articles})
    return found


def test_every_packaged_rule_is_proved_by_its_article(
    articles: dict[str, tuple[str, bool]],
) -> None:
    rules = load_rules()
    problems = verify(rules, articles)
    print("\n".join(problems))
    assert problems == []
    assert len(rules) >= MIN_RULES


def test_every_packaged_rule_has_its_review_recorded() -> None:
    rows = [line.split("\t") for line in REVIEW.read_text(encoding="utf-8").splitlines()[1:]]
    reviewed = {row[0] for row in rows if len(row) >= 3 and row[1] in {"ok", "fixed"}}
    missing = sorted({r.id for r in load_rules()} - reviewed)
    assert missing == []


def test_rules_of_another_law_are_checked_against_that_law() -> None:
    lss = dataclasses.replace(GOOD, id="47-lss-aviso", law="LSS")
    assert verify([lss], ARTICLES) == ["47-lss-aviso (Art. 47): no such article"]
    assert verify([lss], {"47 LSS": ARTICLES["47"]}) == []


def test_rules_are_densest_where_workers_ask_most() -> None:
    per_article = Counter(r.article for r in load_rules())
    asked = ("47", "48", "50", "51", "76", "87", "110", "132", "133", "162", "170")
    thin = {article: per_article[article] for article in asked if per_article[article] < 3}
    assert thin == {}
    kinds = Counter(r.kind for r in load_rules())
    assert set(kinds) == KINDS


def test_the_rule_files_are_packaged_and_parsed_in_order() -> None:
    folder = Path(__file__).resolve().parents[2] / "rag" / "data" / "rules"
    files = sorted(folder.glob("*.jsonl"))
    assert files
    expected = [r for f in files for r in parse_rules(f.read_text(encoding="utf-8"))]
    assert list(load_rules()) == expected


@pytest.mark.parametrize(
    ("article", "prefix"),
    [
        ("47", "47-"),
        ("3 Bis", "3-bis-"),
        ("279 Quáter", "279-quater-"),
        ("153-F Bis", "153-f-bis-"),
    ],
)
def test_id_prefix_is_the_article_as_a_slug(article: str, prefix: str) -> None:
    assert id_prefix(article) == prefix


def test_a_good_rule_passes() -> None:
    assert verify([GOOD], ARTICLES) == []
    spaced = dataclasses.replace(GOOD, id="3-bis-hostigamiento", article="3 Bis")
    spaced = dataclasses.replace(spaced, passage="se entiende por hostigamiento, el ejercicio")
    assert verify([spaced], ARTICLES) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"id": "9999-x", "article": "9999"}, "no such article"),
        ({"id": "52-x", "article": "52", "passage": "Se deroga y nada mas aqui"}, "repealed"),
        ({"passage": "la falta de aviso escrito presumirá el despido justificado"}, "passage not"),
        ({"kind": "opinion"}, "bad kind"),
        ({"law": "LFTSE"}, "unknown law"),
        ({"rule": "Corto."}, "characters"),
        ({"rule": "x" * (RULE_MAX + 1)}, "characters"),
        ({"rule": "Si no te dieron aviso, el despido es injustificado (Art. 47)."}, "cites"),
        ({"rule": "Si no te dieron aviso  por escrito, el despido fue injusto."}, "whitespace"),
        ({"passage": "por sí sola presumirá"}, "words"),
        ({"id": "48-aviso"}, "id must be"),
        ({"id": "47-Aviso Escrito"}, "id must be"),
        ({"id": "3 Bis-acoso", "article": "3 Bis"}, "id must be"),
        ({"id": ""}, "empty id"),
        ({"law": " "}, "empty law"),
        ({"kind": ""}, "empty kind"),
        ({"rule": ""}, "empty rule"),
        ({"passage": ""}, "empty passage"),
        ({"article": ""}, "empty article"),
    ],
)
def test_each_problem_is_caught(change: dict[str, str], problem: str) -> None:
    problems = verify([dataclasses.replace(GOOD, **change)], ARTICLES)
    assert len(problems) >= 1
    assert any(problem in p for p in problems), problems


def test_a_duplicate_id_is_caught_once() -> None:
    other = dataclasses.replace(GOOD, kind="right")
    problems = verify([GOOD, other, dataclasses.replace(GOOD, id="47-otro")], ARTICLES)
    assert problems == ["47-aviso (Art. 47): duplicate id"]


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        '["47-aviso"]',
        '{"id": "47-a", "law": "LFT", "article": "47", "kind": "verdict", "rule": "r"}',
        '{"law": "LFT", "id": "47-a", "article": "47", "kind": "verdict", "rule": "r", '
        '"passage": "p"}',
        '{"id": "47-a", "law": "LFT", "article": 47, "kind": "verdict", "rule": "r", '
        '"passage": "p"}',
    ],
)
def test_parse_refuses_a_malformed_line(line: str) -> None:
    with pytest.raises(ValueError, match=r"x\.jsonl:2"):
        parse_rules(f"\n{line}\n", source="x.jsonl")


def test_parse_reads_a_line_into_a_rule() -> None:
    line = (
        '{"id": "47-aviso", "law": "LFT", "article": "47", "kind": "verdict", '
        f'"rule": "{GOOD.rule}", "passage": "{GOOD.passage}"}}'
    )
    assert parse_rules(line + "\n\n") == [GOOD]
