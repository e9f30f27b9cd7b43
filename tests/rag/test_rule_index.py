"""The in-memory rules index: only retrieved articles' rules, scored by the question's words."""

from __future__ import annotations

import pytest

from calc.text import fold
from rag.rule_index import (
    JOB_RANK,
    PULL_PLACE,
    PULL_Z,
    RANK_FLOOR,
    RuleIndex,
    article_id,
    default_rule_index,
    jobs_named,
    own_jobs,
    pulled_by_meaning,
    rule_key,
)
from rag.rules import Rule
from rag.types import Passage

AGUINALDO = Rule("87-aguinaldo", "LFT", "87", "amount",
                 "Tienes derecho a un aguinaldo de al menos 15 días de salario cada año.",
                 "equivalente a quince días de salario, por lo menos")  # fmt: skip
FECHA = Rule("87-fecha", "LFT", "87", "deadline", "El aguinaldo te lo pagan antes del 20 de "
             "diciembre.", "deberá pagarse antes del día veinte de diciembre")  # fmt: skip
VACACIONES = Rule("76-doce", "LFT", "76", "amount", "Al cumplir un año te tocan al menos 12 días "
                  "de vacaciones pagadas.", "que en ningún caso podrá ser inferior a doce días "
                  "laborables")  # fmt: skip
HOGAR = Rule("336-descanso", "LFT", "336", "right", "Como trabajadora del hogar descansas día y "
             "medio a la semana, y tus vacaciones se pagan.", "descanso semanal de día y medio "
             "ininterrumpido")  # fmt: skip


def article(article_id: str, text: str, path: tuple[str, ...] = ("Título Tercero",)) -> Passage:
    return Passage(article_id, "article", path, f"Artículo {article_id} LFT: {text}", 1.0)


INDEX = RuleIndex([AGUINALDO, FECHA, VACACIONES, HOGAR])


def test_only_rules_of_retrieved_articles_rank() -> None:
    matches = INDEX.rank("cuantos dias de aguinaldo me tocan", [article("87", "…")])
    assert {m.rule.id for m in matches} <= {"87-aguinaldo", "87-fecha"}
    assert matches[0].rule == AGUINALDO
    assert INDEX.rank("aguinaldo", [article("76", "…")]) == []


def test_retrieval_rank_and_the_matched_chunk_weigh_in() -> None:
    question = "me pagan vacaciones y aguinaldo?"
    first_76 = INDEX.rank(question, [article("76", "…"), article("87", "…")])
    first_87 = INDEX.rank(question, [article("87", "…"), article("76", "…")])
    assert first_76[0].rule.article == "76"
    assert first_87[0].rule.article == "87"
    plain = INDEX.rank("cuando pagan el aguinaldo", [article("87", "…")])
    chunk = article("87", "un aguinaldo anual que deberá pagarse antes del día veinte de diciembre")
    boosted = INDEX.rank("cuando pagan el aguinaldo", [chunk])
    score = {m.rule.id: m.score for m in plain}
    assert {m.rule.id: m.score for m in boosted}["87-fecha"] > score["87-fecha"]


def test_special_jobs_rules_yield_unless_the_question_names_the_job() -> None:
    chapter = (
        "Título Sexto: Trabajos Especiales",
        "Capítulo XIII: Personas Trabajadoras del Hogar",
    )
    special = article("336", "…", chapter)
    question = "cuantos dias de vacaciones me tocan"
    alone = INDEX.rank(question, [special])
    assert alone
    assert alone[0].rule == HOGAR
    penalised = INDEX.rank(question, [special, article("76", "…")])
    assert penalised[0].rule == VACACIONES, "a general rule beats an unnamed job's rule"
    both = [special, article("76", "…")]
    unnamed = {m.rule.id: m.score for m in INDEX.rank(f"soy mesera, {question}", both)}
    named = {m.rule.id: m.score for m in INDEX.rank(f"soy trabajadora domestica, {question}", both)}
    assert named["336-descanso"] > 1.5 * unnamed["336-descanso"]


def test_the_chapter_of_the_job_a_worker_names_as_theirs_counts_as_ranked_near_the_top() -> None:
    chapter = (
        "Título Sexto: Trabajos Especiales",
        "Capítulo XIII: Personas Trabajadoras del Hogar",
    )
    others = [article(n, "…") for n in ("1", "2", "3", "76")]
    passages = [*others, article("336", "…", chapter)]
    question = "soy trabajadora domestica de planta, que descanso me toca a la semana?"
    ranked = {m.rule.id: m for m in INDEX.rank(question, passages)}
    assert ranked["336-descanso"].rank == JOB_RANK
    # Cleaning in a hospital is no domestic work: the chapter keeps retrieval's rank.
    hospital = "hago limpieza en un hospital, que descanso me toca a la semana?"
    kept = {m.rule.id: m for m in INDEX.rank(hospital, passages)}
    assert kept["336-descanso"].rank == 4
    assert own_jobs("hago limpieza en un hospital") == set()
    assert own_jobs("hago limpieza en una casa") == {"hogar"}


def test_a_rule_that_places_the_worker_outside_a_regime_answers_only_that_question() -> None:
    chapter = ("Título Sexto", "Capítulo XIII: Personas Trabajadoras del Hogar")
    hoteles = Rule("332-hoteles", "LFT", "332", "verdict", "Si haces limpieza en hoteles o "
                   "restaurantes, no eres trabajadora del hogar: te aplican las reglas generales.",
                   "Quien preste servicios de aseo en hoteles")  # fmt: skip
    horas = Rule("333-horas", "LFT", "333", "right", "Como trabajadora del hogar tienes derecho "
                 "a 9 horas seguidas de descanso en la noche.",
                 "un descanso mínimo diario nocturno de nueve horas")  # fmt: skip
    index = RuleIndex([hoteles, horas])
    both = [article("332", "…", chapter), article("333", "…", chapter)]
    story = "hago limpieza en una casa y trabajo sin descanso"
    assert index.rank(story, both)[0].rule == horas
    asked = "hago limpieza en un hotel, soy trabajadora del hogar?"
    assert index.rank(asked, both)[0].rule == hoteles


def test_a_rule_that_states_the_workers_status_yields_when_she_tells_it_herself() -> None:
    """ "Soy trabajadora del hogar…, ¿no me toca más descanso?" is not answered by "eres
    persona trabajadora del hogar"; "¿soy trabajadora del hogar?" still is."""
    chapter = ("Título Sexto", "Capítulo XIII: Personas Trabajadoras del Hogar")
    status = Rule("331-quien", "LFT", "331", "verdict", "Si te pagan por limpiar o cuidar "
                  "personas en una casa, eres persona trabajadora del hogar y te protege la ley.",
                  "Persona trabajadora del hogar es aquella")  # fmt: skip
    rest = Rule("336-dia", "LFT", "336", "right", "Como trabajadora del hogar tienes derecho a "
                "descansar día y medio seguido cada semana.",
                "descanso semanal de día y medio ininterrumpido")  # fmt: skip
    index = RuleIndex([status, rest])
    passages = [article("331", "…", chapter), article("336", "…", chapter)]

    def score(question: str) -> float:
        return next(m.score for m in index.rank(question, passages) if m.rule == status)

    # The same words, told or asked: told, the status rule weighs half.
    told = "soy trabajadora del hogar, me pagan por limpiar y cuidar personas en una casa"
    asked = "me pagan por limpiar y cuidar personas en una casa, soy trabajadora del hogar o no?"
    assert score(told) < 0.75 * score(asked)
    assert index.rank(asked, passages)[0].rule == status
    rights = "soy trabajadora del hogar, tengo derechos?"
    assert score(rights) > 0.75 * score(f"{rights} o no?")


def test_a_general_articles_rule_for_one_job_yields_unless_the_question_names_it() -> None:
    general = Rule("50-general", "LFT", "50", "amount", "Si te despidieron sin causa, tu "
                   "indemnización es de 3 meses de salario.", "tres meses de salario")  # fmt: skip
    apps = Rule("50-plataformas", "LFT", "50", "amount", "Si trabajas en una plataforma digital, "
                "tu indemnización es de 3 meses de salario más 20 días por año.",
                "personas trabajadoras de plataformas digitales")  # fmt: skip
    index = RuleIndex([apps, general])
    passages = [article("50", "…")]
    question = "me despidieron, de cuanto es mi indemnizacion en meses de salario por año"
    assert index.rank(question, passages)[0].rule == general
    assert index.rank(f"soy repartidor de rappi, {question}", passages)[0].rule == apps


def test_the_rule_for_a_job_the_worker_names_as_theirs_wins_over_the_general_one() -> None:
    index = default_rule_index()
    passages = [article("127", "…")]
    ironing = (
        "plancho ropa en una casa particular dos dias a la semana, me toca reparto de utilidades?"
    )
    assert index.rank(ironing, passages)[0].rule.id == "127-hogar"
    # Without the job named, the part-timer's rule answers.
    part_time = "trabajo dos dias a la semana, me toca reparto de utilidades?"
    assert index.rank(part_time, passages)[0].rule.id != "127-hogar"


def test_coverage_is_the_share_of_the_question_found() -> None:
    (full, *_) = INDEX.rank("aguinaldo de quince dias de salario", [article("87", "…")])
    (half, *_) = INDEX.rank("aguinaldo cuando renuncio en octubre", [article("87", "…")])
    assert full.coverage > 0.9
    assert half.coverage < 0.5


def test_the_packaged_rules_are_indexed_once_by_their_article() -> None:
    index = default_rule_index()
    assert index is default_rule_index()
    assert len(index) > 100
    rule = index.rules[0]
    assert rule in index.of_article(rule.article)
    assert rule_key(Rule("x", "LSS", "15", "duty", "r", "p")) == rule_key(
        Rule("y", "LSS", "15", "duty", "r", "p")
    )
    assert rule_key(Rule("x", "LSS", "15", "duty", "r", "p")) != "15"


def test_a_related_laws_rule_names_its_article_as_retrieval_does() -> None:
    lss = Rule("15-lss-alta", "LSS", "15", "duty", "Tu patrón debe inscribirte en el IMSS.", "p")
    assert article_id(lss) == "15 LSS"
    assert article_id(AGUINALDO) == "87"


ALTA = Rule("15-lss-alta", "LSS", "15", "duty", "Tu patrón debe darte de alta en el IMSS en un "
            "plazo de no más de 5 días hábiles.", "comunicar sus altas y bajas, las modificaciones "
            "de su salario y los demás datos, dentro de plazos no mayores de cinco días "
            "hábiles")  # fmt: skip
HOGAR_SEGURO = Rule("334-bis-seguro", "LFT", "334 Bis", "right", "Como trabajadora del hogar "
                    "tienes derecho al alta en el seguro social.", "estarán comprendidas en el "
                    "régimen obligatorio del seguro social")  # fmt: skip


def test_a_law_named_in_the_question_brings_its_articles_rules_up() -> None:
    index = RuleIndex([ALTA, HOGAR_SEGURO])
    lft = [article(a, "…") for a in ("334 Bis", "498", "899-A", "5")]
    passages = [*lft, Passage("15 LSS", "article", ("LSS",), "Artículo 15 LSS: …", 0.5)]
    named = index.rank("el patron no me dio de alta en el imss, cuanto tiempo tiene", passages)
    assert named[0].rule == ALTA
    assert named[0].rank == 0
    # Without the law named, retrieval's order decides: rank 4 is past the rank decay, where
    # only its floor's share of the rule's evidence is left.
    plain = index.rank("no me dio de alta, cuanto tiempo tiene", passages)
    assert plain[0].rule == HOGAR_SEGURO
    alone = index.rank("no me dio de alta, cuanto tiempo tiene", passages[-1:])
    [low] = [m.score for m in plain if m.rule == ALTA]
    [high] = [m.score for m in alone if m.rule == ALTA]
    assert low == pytest.approx(RANK_FLOOR * high)


def test_the_rule_that_stands_out_by_meaning_brings_its_article_in() -> None:
    retrieved = [article("1", "…"), article("2", "…"), article("3", "…"), article("76", "…")]
    fetched: list[str] = []

    def fetch(article_id: str) -> list[Passage]:
        fetched.append(article_id)
        return [article(article_id, "…")]

    def order(passages: list[Passage]) -> list[str]:
        return [p.article_id for p in passages]

    assert PULL_PLACE == 1
    # Retrieved fourth: moved up to second place, not fetched again.
    pulled = pulled_by_meaning(retrieved, {VACACIONES.id: PULL_Z + 0.1}, INDEX, fetch)
    assert order(pulled) == ["1", "76", "2", "3"]
    assert fetched == []
    # Not retrieved at all: fetched by id.
    pulled = pulled_by_meaning(retrieved, {AGUINALDO.id: PULL_Z, VACACIONES.id: 1.0}, INDEX, fetch)
    assert order(pulled) == ["1", "87", "2", "3", "76"]
    assert fetched == ["87"]
    # Below the bar, or already among the first two: unchanged.
    assert order(pulled_by_meaning(retrieved, {AGUINALDO.id: PULL_Z - 0.1}, INDEX, fetch)) == [
        "1", "2", "3", "76"
    ]  # fmt: skip
    first = [article("87", "…"), *retrieved]
    assert order(pulled_by_meaning(first, {AGUINALDO.id: 9.0}, INDEX, fetch)) == order(first)
    assert pulled_by_meaning(retrieved, {}, INDEX, fetch) == retrieved


@pytest.mark.parametrize(
    "told",
    [
        "la patrona dice q las muchachas de casa no tenemos vacaciones",
        "soy muchacha de planta con una familia en polanco",
        "hago el aseo en una casa desde hace 3 años",
    ],
)
def test_domestic_work_named_in_the_words_workers_use(told: str) -> None:
    assert "hogar" in jobs_named(fold(told))


def test_a_girl_at_work_is_no_domestic_worker() -> None:
    assert "hogar" not in jobs_named(fold("una muchacha del trabajo me anda molestando"))
