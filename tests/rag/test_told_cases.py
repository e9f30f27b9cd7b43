"""Pure checks of what a worker's words tell: whose rules apply, what a follow-up asks."""

from __future__ import annotations

from calc.text import fold
from rag.lead import _leave_not_injury, _not_a_mother, allowed_by_story
from rag.rule_index import default_rule_index, own_jobs
from rag.rules import Rule
from rag.shift import schedule_query, shift_fact
from rag.thresholds import findings, personal, placed

FARMWORK = "llevo 30 semanas seguidas en la pizca de fresa con el mismo patron"


def _rule(rule_id: str) -> Rule:
    rule = default_rule_index().by_id(rule_id)
    assert rule is not None
    return rule


def test_weeks_worked_in_a_row_weigh_as_service_against_art_280() -> None:
    rule = _rule("280-27-semanas")
    found = findings(FARMWORK, rule.rule)
    assert found
    assert all(f.holds for f in found)
    assert personal(found[0].threshold)
    assert placed(FARMWORK, rule.rule)
    assert not placed("llevo 20 semanas seguidas en la pizca de fresa", rule.rule)


def test_a_rule_for_mothers_is_not_for_a_story_without_pregnancy_or_baby() -> None:
    rule = _rule("166-diez-noche")
    assert _not_a_mother("mi jefa me manda whats a las 10 de la noche, tengo q contestar?", rule)
    assert not _not_a_mother("estoy embarazada y me ponen turno hasta las 11 de la noche", rule)
    assert not _not_a_mother("despues de dar a luz me ponen de noche", rule)
    assert not _not_a_mother("cualquier cosa", _rule("133-de-pie"))


def test_selling_on_commission_names_the_agents_chapter_a_shop_clerk_does_not() -> None:
    assert "comercio" in own_jobs(fold("vendo seguros y me pagan puras comisiones"))
    assert "comercio" not in own_jobs(fold("soy vendedora en una zapateria"))
    assert "comercio" not in own_jobs(fold("soy estilista y me pagan pura comision"))


def test_a_shift_told_in_the_story_answers_only_a_question_about_it() -> None:
    story = "trabajo de 7 am a 7 pm, jornada de 12 horas."
    retrieved = ("60", "61")
    assert shift_fact(f"{story} eso es legal?", retrieved=retrieved, asked="eso es legal?")
    assert shift_fact(
        f"{story} no deberian ser menos horas?",
        retrieved=retrieved,
        asked="no deberian ser menos horas?",
    )
    asked = "y si me siento me pueden descontar?"
    assert shift_fact(f"{story} {asked}", retrieved=retrieved, asked=asked) is None


def test_a_maternity_or_adoption_leave_is_no_work_risk() -> None:
    adoption = "vamos a adoptar a una niña y mi jefe dice q no me toca ninguna incapasidad"
    assert _leave_not_injury(adoption, _rule("491-incapacidad-temporal"))
    assert not _leave_not_injury(
        "me cai en la obra, tengo incapacidad", _rule("491-incapacidad-temporal")
    )
    # A rule for both leaves is the maternity's too.
    assert not _leave_not_injury("estuve de incapacidad por maternidad", _rule("127-maternidad"))


def test_another_jobs_rule_is_not_for_a_worker_who_names_a_business() -> None:
    domestic = _rule("331-ter-embarazo")
    shop = "me corrieron de la zapateria cuando supieron q estoy embarazada"
    assert not allowed_by_story(domestic, shop)
    assert allowed_by_story(domestic, "trabajo de planta en una casa y estoy embarazada")
    assert allowed_by_story(_rule("133-despido-embarazo"), shop)
    # "…y trabajas en un hogar" names the job as "del hogar" does.
    assert not allowed_by_story(
        _rule("331-bis-jornada-adolescente"), "tengo 16 años, empacador en supermercado"
    )


def test_the_schedule_asked_about_goes_to_retrieval_with_its_night_hours() -> None:
    form = {"horario": "de 3pm a 11pm", "puesto": "empacador"}
    assert "noche" in schedule_query("ese horario esta permitido?", form)
    assert "noche" not in schedule_query("ese horario esta bien?", {"horario": "de 8am a 4pm"})
    assert schedule_query("me toca aguinaldo?", form) == ""


def test_a_fathers_rule_is_not_for_a_woman_telling_her_own_case() -> None:
    father = _rule("132-paternidad")
    assert not allowed_by_story(father, "vamos a adoptar a una niña y como no la pari no me toca")
    assert allowed_by_story(father, "mi esposa va a dar a luz la proxima semana")
    assert allowed_by_story(_rule("170-adopcion"), "vamos a adoptar y como no la pari no me toca")
