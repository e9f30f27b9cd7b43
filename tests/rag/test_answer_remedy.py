"""A chat play's failures, through the whole pipeline on real articles: the seniority told in the
story gives the vacation days of a later "¿cuántos días me tocan?", and "y si no me las dan, ¿qué
hago?" reads back to the story and is answered with where to claim, the employer's deadline and
the year of Art. 516, not with a loosely related article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline, not_said_again
from rag.follow_up import earlier_turns, follows_up
from rag.grounding import check_grounding
from rag.next_steps import required_articles
from rag.query import ExpansionTable
from rag.remedy import asks_what_to_do, remedy_lines
from rag.rule_index import RuleIndex, RuleMatch
from rag.rules import Rule, load_rules
from rag.types import Answer, Passage
from tests.rag.answer_fakes import FakeRetrieval, read_articles

TODAY = date(2026, 12, 4)
PACKAGED = {r.id: r for r in load_rules()}
RULES = RuleIndex(
    PACKAGED[i]
    for i in ("76-doce-dias", "76-tabla-1-5", "81-seis-meses", "81-constancia", "516-un-ano")
)
STORY = "ola buenas, trabajo en una fabrica de zapatos desde hace 2 años y no me dan vacaciones"


@pytest.fixture(scope="module")
def articles(lft_md: Path) -> dict[str, str]:
    return read_articles(lft_md, ("76", "81", "343-D", "516"))


def pipeline(retrieval: FakeRetrieval) -> AnswerPipeline:
    return AnswerPipeline(
        retrieval, None, today=TODAY, rules=RULES, expand=ExpansionTable.default().expand
    )


def test_the_seniority_of_the_story_gives_the_days_asked_later(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles, ranking=["76", "81"])
    answer = pipeline(retrieval).answer("cuantos dias me tocan?", history=[("user", STORY)])
    first = answer.text.split("\n")[0]
    assert first.startswith("Al cumplir 2 años de trabajo te tocan 14 días laborables"), first


def test_what_to_do_about_a_right_leads_with_the_remedy(articles: dict[str, str]) -> None:
    # Retrieval put a mining-safety article first (as in the chat play): it is not quoted.
    retrieval = FakeRetrieval(articles, ranking=["343-D", "76", "81"])
    history = [("user", STORY), ("assistant", "…"), ("user", "cuantos dias me tocan?")]
    answer = pipeline(retrieval).answer("y si no me las dan que hago", history=history)
    assert "vacaciones" in retrieval.queries[0]  # read back past "cuantos dias me tocan?"
    first = answer.text.split("\n")[0]
    assert first.startswith("Si tu patrón no cumple, puedes reclamarlo"), first
    assert "dentro de los 6 meses" in first
    assert "(Art. 81 LFT)" in first
    assert "Tienes 1 año para reclamar" in first
    assert "(Art. 516 LFT)" in first
    assert "343-D" not in answer.text
    assert "No encontré una regla" not in answer.text
    assert {c.article_id for c in answer.citations} >= {"81", "516"}
    assert check_grounding(answer.text, answer.passages).clean


def answer_from(
    lft_md: Path, rule_ids: tuple[str, ...], ranking: list[str], question: str
) -> Answer:
    """The answer with only these rules, retrieval ranking these articles (real texts)."""
    retrieval = FakeRetrieval(read_articles(lft_md, ranking), ranking=ranking)
    rules = RuleIndex(PACKAGED[i] for i in rule_ids)
    return AnswerPipeline(retrieval, None, today=TODAY, rules=rules).answer(question)


def test_what_to_do_about_a_prohibition_leads_with_it(lft_md: Path) -> None:
    # Art. 162's mass-resignation deadline was retrieved too: a deadline of a loosely related
    # article must not stand in for what the employer may not do (Art. 133).
    answer = answer_from(
        lft_md,
        ("133-despido-embarazo", "162-retiro-masivo", "516-un-ano"),
        ["133", "162", "516"],
        "estoy embarazada y me presionan pa q renuncie, q puedo hacer?",
    )
    first = answer.text.split("\n")[0]
    assert first.startswith("No pueden despedirte ni presionarte para que renuncies"), first
    assert "Para reclamarlo, la PROFEDET" in first
    assert "Tienes 1 año" not in first
    assert "162" not in answer.text
    assert check_grounding(answer.text, answer.passages).clean


def test_a_dismissal_what_to_do_keeps_its_own_remedies(articles: dict[str, str]) -> None:
    retrieval = FakeRetrieval(articles, ranking=["76", "81"])
    answer = pipeline(retrieval).answer("me corrieron del trabajo ayer sin razon, que hago?")
    assert not answer.text.startswith("Si tu patrón no cumple, puedes reclamarlo")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("y si no me las dan que hago", True),  # opens with "y": follows up
        # "Pero…" answers back to what was said, even at some length.
        ("pero pues asi es el trato no? si no saco es mi problema", True),
        ("¿es legal?", True),
        ("y eso aplica también para los trabajadores de confianza de una empresa grande?", False),
        ("no me dan vacaciones desde hace dos años en la fabrica", False),
        # A pronoun or a demonstrative points back to what came before.
        ("cuando me lo tienen q dar", True),
        ("mi patron me lo quiere descontar de mi sueldo, se puede?", True),
        ("me toca aguinaldo completo o nomas una parte?", False),
        # "Si no…" with nothing of its own follows the paper they want signed.
        ("si no firmo me pueden correr?", True),
        ("si no me pagan el domingo doble que puedo hacer en la fabrica de zapatos?", False),
    ],
)
def test_follow_ups(question: str, expected: bool) -> None:
    assert follows_up(question) is expected


def test_a_follow_up_of_a_follow_up_reads_back_to_the_story() -> None:
    turns = ["me corrieron ayer", STORY, "cuantos dias me tocan?"]
    assert earlier_turns(turns) == [STORY, "cuantos dias me tocan?"]
    assert earlier_turns([STORY]) == [STORY]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("y si no me las dan que hago", True),
        ("¿a dónde voy a reclamar mi aguinaldo?", True),
        ("como lo reclamo?", True),
        ("qué puedo hacer si no me pagan", True),
        ("mi jefe me acosa y ya no se q hacer", True),
        # Fear for the job is what can be done, told another way (a blind set's harassed worker).
        ("no hacen nada. me da miedo quedarme sin chamba", True),
        ("tengo miedo de que me corran si me quejo", True),
        ("me da miedo subirme al andamio sin arnes", False),
        ("cuantos dias de vacaciones me tocan", False),
        ("que hace la profedet", False),
    ],
)
def test_asks_what_to_do(question: str, expected: bool) -> None:
    assert asks_what_to_do(question) is expected


def test_what_to_do_about_mistreatment_leads_with_the_way_out(lft_md: Path) -> None:
    # Found in blind sets: "me grita y me humilla, ¿qué hago?" led with "Si tu patrón no cumple"
    # and the duty of respect, then Art. 516's year, which is not a leaving worker's term.
    answer = answer_from(
        lft_md,
        ("132-buen-trato", "51-malos-tratos", "516-un-ano"),
        ["132", "51", "516"],
        "mi jefe me hostiga, me grita y me humilla enfrente de todos, q hago",
    )
    first = answer.text.split("\n")[0]
    assert first.startswith("Si el patrón, su familia o tus jefes te insultan"), first
    assert "sin responsabilidad para ti (Art. 51 LFT)" in first
    assert "Para reclamarlo, la PROFEDET" in first
    assert "Tienes 1 año" not in answer.text
    assert "516" not in answer.text.split("Qué puedes hacer")[0]
    assert check_grounding(answer.text, answer.passages).clean


def test_what_to_do_about_a_fault_says_the_month_to_leave_and_the_indemnity(lft_md: Path) -> None:
    # Found in blind14: harassment, "¿qué hago?", said the worker may leave, not that
    # leaving brings an indemnity (Art. 52, fetched for a fault told).
    answer = answer_from(
        lft_md,
        ("132-buen-trato", "51-malos-tratos", "516-un-ano"),
        ["132", "51", "516", "52"],
        "mi supervisor me acosa y me anda tocando, ya no aguanto, que hago?",
    )
    first = answer.text.split("\n")[0]
    assert first.startswith("Si el patrón, su familia o tus jefes"), first
    assert "tienes 30 días desde que pasó para dejar el trabajo" in first
    assert "indemnización (Art. 52 LFT)" in first
    assert check_grounding(answer.text, answer.passages).clean


def test_what_to_do_about_a_prohibition_names_no_year(lft_md: Path) -> None:
    answer = answer_from(
        lft_md,
        ("48-bis-hojas-en-blanco", "516-un-ano"),
        ["48 Bis", "516"],
        "me piden q firme una hoja en blanco pa el expediente, q hago?",
    )
    first = answer.text.split("\n")[0]
    assert "(Art. 48 Bis LFT)" in first
    assert "Tienes 1 año" not in first
    assert check_grounding(answer.text, answer.passages).clean


def test_what_to_do_about_a_fault_told_fetches_the_way_out() -> None:
    told = "mi supervisor me acosa y me humilla, que puedo hacer?"
    assert ("51", True) in required_articles(told)
    assert ("52", False) in required_articles(told)  # the month to leave and the indemnity
    # Without a fault of the employer told, Art. 51 is not forced in.
    assert ("51", True) not in required_articles("no me dan vacaciones, que puedo hacer?")


def test_a_follow_up_that_names_a_dismissal_leaves_the_forms_topic(
    articles: dict[str, str],
) -> None:
    """ "¿Y si me corren…?" after a story the form filed under "jornada": the query is the
    dismissal's, not the schedule's."""
    form = {"tema": "jornada u horas extra", "descripción": "trabajo por honorarios en un despacho"}
    retrieval = FakeRetrieval(articles, ranking=["76"])
    pipeline(retrieval).answer("y si me corren me tienen q liquidar?", context=form)
    assert "jornada" not in retrieval.queries[0]
    retrieval = FakeRetrieval(articles, ranking=["76"])
    pipeline(retrieval).answer("y me deben dar vacaciones?", context=form)  # a topic of its own
    assert "jornada" not in retrieval.queries[0]
    retrieval = FakeRetrieval(articles, ranking=["76"])
    pipeline(retrieval).answer("y cuantas horas son lo maximo?", context=form)
    assert "jornada u horas extra" in retrieval.queries[0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("y si no me lo dan", True),
        ("y si no me las pagan?", True),
        ("y si no me pagan el domingo doble?", False),  # asks about a pay, not what to do
    ],
)
def test_what_if_they_do_not_pay_asks_what_to_do(question: str, expected: bool) -> None:
    assert asks_what_to_do(question) is expected


def test_a_chain_of_follow_ups_reads_back_to_the_forms_story(articles: dict[str, str]) -> None:
    """The story went into the form, and the turns since are follow-ups ("¿eso es legal?"):
    "y qué puedo hacer" is asked of the story, not of "¿eso es legal?" alone."""
    form = {"descripción": STORY}
    retrieval = FakeRetrieval(articles, ranking=["76"])
    history = [("user", "eso es legal?"), ("assistant", "No. …")]
    pipeline(retrieval).answer("y q puedo hacer", history=history, context=form)
    assert "vacaciones" in retrieval.queries[0]
    assert "eso es legal?" in retrieval.queries[0]


def test_a_duty_far_weaker_than_the_best_rule_is_not_the_one_in_play() -> None:
    from rag.remedy import remedy_lines
    from rag.rule_index import RuleMatch

    rules = {r.id: r for r in load_rules()}
    harassment, disconnect = rules["3-bis-hostigamiento"], rules["330-e-seguro-social"]
    assert disconnect.kind == "duty"
    assert harassment.kind not in ("duty", "deadline", "verdict")
    # "Me manda mensajes… me agarró de la cintura": the story is harassment; a teleworker's
    # duty of the article retrieval put second is about something else.
    weak = [RuleMatch(harassment, 44.5, 0, 0.05), RuleMatch(disconnect, 2.6, 1, 0.02)]
    assert remedy_lines([], weak)[2] == (harassment,)
    # A duty with its own support is still the one in play.
    strong = [RuleMatch(harassment, 44.5, 0, 0.05), RuleMatch(disconnect, 30.0, 1, 0.3)]
    assert remedy_lines([], strong)[2] == (disconnect,)


def test_the_way_out_for_the_fault_told_is_the_one_in_play() -> None:
    """ "Ya van 3 semanas que no nos pagan, ¿qué podemos hacer?": Art. 51's unpaid wages, though
    its danger to health scored higher on the story's other words."""
    from rag.remedy import remedy_lines
    from rag.rule_index import RuleMatch

    danger, unpaid = PACKAGED["51-peligro"], PACKAGED["51-no-pago"]
    matches = [RuleMatch(danger, 14.6, 0, 0.08), RuleMatch(unpaid, 8.9, 0, 0.03)]
    question = "somos 9 en una obra y ya van 3 semanas q no nos pagan, q podemos hacer?"
    assert asks_what_to_do(question)
    assert remedy_lines([], matches, question)[2] == (unpaid,)
    # No fault told: the best-supported way out.
    assert remedy_lines([], matches, "en la obra, q podemos hacer?")[2] == (danger,)


def test_a_rule_whose_condition_the_storys_figure_meets_is_the_one_in_play() -> None:
    from rag.remedy import remedy_lines
    from rag.rule_index import RuleMatch

    minor, hours = PACKAGED["177-seis-horas"], PACKAGED["61-horas-diarias"]
    matches = [RuleMatch(hours, 20.0, 0, 0.1), RuleMatch(minor, 10.0, 1, 0.1)]
    question = "tengo 15 años y me tienen 8 horas en la tortilleria, q hago?"
    assert remedy_lines([], matches, question)[2] == (minor,)
    assert remedy_lines([], matches, "me tienen 8 horas en la tortilleria, q hago?")[2] != (minor,)


def _match(rule_id: str, statement: str, score: float) -> RuleMatch:
    return RuleMatch(Rule(rule_id, "LFT", "48 Bis", "verdict", statement, statement), score, 0)


def test_a_follow_up_with_words_of_its_own_is_not_led_by_the_last_answers_rule() -> None:
    # Found playing a chat: "y si ya la firmé y luego la usan como renuncia?" after the answer on
    # blank sheets got that same answer again.
    blank = _match("a", "La ley considera indebido que te exijan firmar hojas en blanco.", 78.0)
    altered = _match("b", "La ley considera indebido alterar un papel para tu renuncia.", 24.0)
    answered = "La ley considera indebido que te exijan firmar hojas en blanco (Art. 48 Bis LFT)."
    said = [("user", "nos quieren hacer firmar una hoja en blanco"), ("assistant", answered)]
    question = "y si ya la firme y luego la usan como renuncia?"
    out = not_said_again(question, [blank, altered], said)
    assert [m.rule.id for m in sorted(out, key=lambda m: -m.score)] == ["b", "a"]
    # A bare follow-up ("¿y eso es legal?") is asked of the same rule.
    assert not_said_again("y eso es legal?", [blank, altered], said) == [blank, altered]
    # Nothing said before, or a next rule too weak: as it was.
    assert not_said_again(question, [blank, altered], said[:1]) == [blank, altered]
    weak = _match("c", "Otra cosa.", 5.0)
    assert not_said_again(question, [blank, weak], said) == [blank, weak]


def test_what_to_do_about_an_institutions_benefit_is_its_rule_not_a_claim() -> None:
    rules = {r.id: r for r in load_rules()}
    credit = rules["41-linfonavit-prorroga"]
    deadline = Passage(
        "516",
        "article",
        ("Título de prueba",),
        "Artículo 516: Las acciones "
        "de trabajo prescriben en un año, contado a partir del día siguiente.",
        1.0,
    )
    question = "me quede sin chamba y tengo credito infonavit, q hago con los pagos?"
    lines, citations, used = remedy_lines(
        [deadline], [RuleMatch(credit, 9.0, 0, 0.5, True)], question
    )
    assert lines[0].startswith("Si tienes crédito INFONAVIT y pierdes tu salario")
    assert "Si tu patrón no cumple" not in " ".join(lines)
    assert [c.article_id for c in citations] == ["41 LINFONAVIT"]
    assert used == (credit,)
    # The employer's own duty keeps the ways to claim it and the year to do so.
    duty = rules["15-lss-alta"]
    claim, _, _ = remedy_lines(
        [deadline], [RuleMatch(duty, 9.0, 0, 0.5, True)], "no me dan de alta, q hago?"
    )
    assert claim[0].startswith("Si tu patrón no cumple, puedes reclamarlo")


def test_a_procedure_in_play_has_no_year_to_tell() -> None:
    from rag.remedy import remedy_lines
    from rag.rule_index import RuleMatch
    from rag.types import Passage

    rules = {r.id: r for r in load_rules()}
    deadline = Passage(
        "516",
        "article",
        (),
        "Las acciones de trabajo prescriben en un año, contado a partir del día siguiente a la "
        "fecha en que la obligación sea exigible, con las excepciones que se consignan en los "
        "artículos siguientes.",
        1.0,
    )
    # "¿A quién le reclamo?" with conciliation first in play: where to go, not by when.
    first = [RuleMatch(rules["684-b-primero-conciliacion"], 30.0, 0, 0.3)]
    lines, citations, _ = remedy_lines([deadline], first)
    assert "Tienes 1 año para reclamar" not in lines[0]
    assert "516" not in {c.article_id for c in citations}
    # A duty owed ("te deben dar tus vacaciones…") keeps the year.
    owed = [RuleMatch(rules["81-seis-meses"], 30.0, 0, 0.3)]
    lines, citations, _ = remedy_lines([deadline], owed)
    assert "Tienes 1 año para reclamar" in lines[0]
    assert "516" in {c.article_id for c in citations}
