"""Answer evaluation over real article text: stated, leading, misquotes, irrelevant quotes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rag.answer_eval import (
    AMBIGUOUS_YES,
    LEAD_CHARS,
    YES,
    AnswerItem,
    evaluate_answers,
    form_context,
    judge,
    load_answer_items,
    quoted_articles,
)
from rag.evaluation import EvalFileError
from rag.types import Answer, Citation, Passage
from tests.rag.answer_fakes import article_passage, read_articles

ANSWERS_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "answers_dev.jsonl"
BLIND = Path(__file__).resolve().parents[2] / "bench" / "data" / "answers_blind.jsonl"


@pytest.fixture(scope="module")
def law(lft_md: Path) -> dict[str, Passage]:
    texts = read_articles(lft_md, ["47", "76", "100", "518"])
    return {a: article_passage(a, t) for a, t in texts.items()}


def item(**fields: object) -> AnswerItem:
    base: dict[str, object] = {"id": "q", "question": "?", "must": (), "lead": None}
    return AnswerItem(**{**base, **fields})  # type: ignore[arg-type]


def test_stated_and_leading_are_judged_by_regex(law: dict[str, Passage]) -> None:
    text = "Te tocan 16 días de vacaciones (Art. 76 LFT)."
    answer = Answer(text=text, citations=(Citation("76"),), passages=(law["76"],))
    result = judge(item(must=(r"\b16 d[ií]as",), lead=r"16 d[ií]as"), answer, seconds=0.1)
    assert result.stated is True
    assert result.leads is True
    assert result.unknown_citations == ()
    late = Answer(text="x" * LEAD_CHARS + text, citations=(), passages=(law["76"],))
    result = judge(item(must=(r"16 días", r"dieciocho"), lead=r"16 días"), late, seconds=0.1)
    assert result.stated is False, "every must has to match"
    assert result.leads is False, "the fact came after the first 450 characters"


def test_unretrieved_citations_and_misquotes_are_counted(law: dict[str, Passage]) -> None:
    text = (
        "Según la ley, “el patrón pagará el triple de vacaciones cada diciembre” (Art. 76 LFT). "
        "Además revisa el Art. 999."
    )
    answer = Answer(text=text, citations=(Citation("999"),), passages=(law["76"],))
    result = judge(item(), answer, seconds=0.0)
    assert result.misquotes == 1
    assert "999" in result.unknown_citations


def test_quotes_are_mapped_to_their_articles(law: dict[str, Passage]) -> None:
    quote = "en ningún caso podrá ser inferior a doce días laborables"
    ids, misquotes = quoted_articles(f"La ley dice “{quote}”.", list(law.values()))
    assert ids == ["76"]
    assert misquotes == 0


def test_a_quote_outside_the_gold_articles_is_irrelevant(law: dict[str, Passage]) -> None:
    first_47 = law["47"].text.split(": ", 1)[1].split(":")[0]
    first_100 = law["100"].text.split(": ", 1)[1].split(".")[0]
    first_518 = law["518"].text.split(": ", 1)[1].split(".")[0]
    text = (
        f"“{first_47}” (Art. 47 LFT).\n• “{first_100}” (Art. 100 LFT)\n\n"
        f"Qué puedes hacer:\n• “{first_518}” (Art. 518 LFT)."
    )
    passages = (law["47"], law["100"], law["518"])
    answer = Answer(text=text, citations=(Citation("47"), Citation("100")), passages=passages)
    result = judge(item(articles=("47",)), answer, seconds=0.0)
    assert result.quoted == ("47", "100")
    assert result.irrelevant == ("100",), "the next steps' deadline quote is not judged"
    clock = iter([0.0, 2.0]).__next__
    report = evaluate_answers([item(articles=("47",))], lambda _: answer, clock=clock)
    summary = report.summary()
    assert summary["answers_with_irrelevant_quote"] == 1.0
    assert summary["quoted_articles_irrelevant"] == 0.5
    assert summary["latency_p50_ms"] == 2000.0


def test_summary_rates_skip_items_without_patterns(law: dict[str, Passage]) -> None:
    answers = iter(
        [
            Answer(text="Son 12 días.", citations=(), passages=(law["76"],)),
            Answer(text="No sé.", citations=(), passages=(law["76"],)),
            Answer(text="Fuera de tema.", citations=(), in_scope=False),
        ]
    )
    items = [
        item(id="a", must=(r"12 días",), lead=r"12 días"),
        item(id="b", must=(r"12 días",)),
        item(id="c"),
    ]
    summary = evaluate_answers(items, lambda _: next(answers)).summary()
    assert summary["stated"] == 0.5
    assert summary["stated_n"] == 2
    assert summary["leads"] == 1.0
    assert summary["leads_n"] == 1
    assert summary["refused"] == 1


def test_year_entries_apply_only_in_their_year(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    row = {
        "id": "d11",
        "question": "cuantas horas a la semana",
        "must": ["horas"],
        "must_2026": ["48 horas"],
        "lead": "horas",
        "lead_2026": "48 horas",
        "context": {"tema": "jornada"},
        "articles": ["59"],
    }
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    (in_2026,) = load_answer_items(path, year=2026)
    (in_2027,) = load_answer_items(path, year=2027)
    assert in_2026.must == ("horas", "48 horas")
    assert in_2026.lead == "48 horas"
    assert in_2027.must == ("horas",)
    assert in_2027.lead == "horas"
    assert in_2026.context == {"tema": "jornada"}
    assert in_2026.articles == ("59",)


def test_bad_lines_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "question": "q", "must": ["("]}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"bad\.jsonl:1: bad regex"):
        load_answer_items(path, year=2026)
    path.write_text('{"id": "a", "question": "q"}\n{"question": "q"}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"bad\.jsonl:2"):
        load_answer_items(path, year=2026)


@pytest.mark.parametrize("path", [ANSWERS_DEV, BLIND], ids=["dev", "blind"])
def test_answer_sets_parse_with_gold_articles(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not found")
    items = load_answer_items(path, year=2026)
    assert len(items) >= 20
    assert len({i.id for i in items}) == len(items)
    assert all(i.must for i in items), "every question has a key fact in 2026"
    assert sum(1 for i in items if i.articles) >= 20


def test_the_sets_verdict_yes_is_not_the_conditional_si() -> None:
    yes = re.compile(rf"^\W*{YES}")
    assert yes.search("Sí. Te toca aguinaldo (Art. 87 LFT).")
    assert yes.search("Si, te lo deben pagar.")
    assert not yes.search("Si te despiden sin aviso escrito, el despido se presume injustificado.")
    assert not re.search(rf"^(?!\W*{YES})", "Sí: tienes derecho.")
    sets = sorted(BLIND.parent.glob("answers_*.jsonl"))
    assert len(sets) >= 20
    for path in sets:
        text = path.read_text(encoding="utf-8")
        assert not AMBIGUOUS_YES.search(text), f"{path.name}: verdict 'S[ií]' also matches 'Si te…'"


def test_a_sets_context_reaches_the_answerer_in_the_case_forms_words() -> None:
    # The form's own keys pass as they are.
    form = {"situación": "embarazada", "fecha de inicio": "marzo de 2021"}
    assert form_context(form) == form
    # "job" is the form's "puesto"; other facts join the story; the flags are read from both.
    said = form_context(
        {
            "job": "trabajadora del hogar de entrada por salida",
            "situation": "se quiere salir del trabajo",
            "weeks_contributed": "20",
        }
    )
    assert said == {
        "puesto": "trabajadora del hogar de entrada por salida",
        "descripción": "se quiere salir del trabajo. semanas cotizadas en el IMSS 20",
        "situación": "trabajo del hogar",
    }
    assert (
        form_context({"job": "repartidor de una app", "situation": "embarazada"})["situación"]
        == "embarazada, trabajo por aplicación"
    )
    assert "situación" not in form_context({"job": "albañil", "years_worked": "9 años"})
    # A mother back from her leave, nursing, as the chat flags her (bot.facts_words).
    nursing = form_context({"descripción": "regrese de mi incapacidad de maternidad"})
    assert nursing["situación"] == "maternidad o lactancia"
    # A date written the ISO way is shown as the form shows dates.
    dated = form_context({"fecha de inicio": "2026-07-01", "fecha de fin": "sigue ahí"})
    assert dated == {"fecha de inicio": "01/07/2026", "fecha de fin": "sigue ahí"}


def test_a_context_in_other_words_is_read_as_the_form_when_loading(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    row = {"id": "x1", "question": "me toca?", "must": ["si"], "context": {"job": "cocinero"}}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (loaded,) = load_answer_items(path, year=2026)
    assert loaded.context == {"puesto": "cocinero"}
