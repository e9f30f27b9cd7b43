"""Claims told and checked ("me dijeron que…, ¿es cierto?"), the ban on work under 15, a week's
overtime past the year's cap, hours counted per week against a yearly threshold, and the
pension a question names. The rules are written like rag/data/rules (plain statement + verbatim
passage of a real article)."""

from __future__ import annotations

from datetime import date

import pytest

from rag.claims import claim_agrees, claim_denies, claim_told, claim_verdict
from rag.lead import allowed_by_story, lead
from rag.overtime_pay import ARTICLES, needed_articles, over_cap_fact
from rag.rule_exceptions import decides
from rag.rule_index import RuleMatch
from rag.rules import Rule, load_rules
from rag.scope import check_scope
from rag.thresholds import (
    asks_child_work,
    asks_minor_work_later,
    child_work_articles,
    findings,
    measures_alike,
)
from tests.rag.test_answer_rules import AVISO

CONFIANZA = Rule(
    "185-perdida-confianza", "LFT", "185", "verdict",
    "Si eres trabajador de confianza, tu patrón puede despedirte por un motivo razonable de "
    "pérdida de la confianza, aunque no sea una de las causas normales de despido.",
    "El patrón podrá rescindir la relación de trabajo si existe un motivo razonable de pérdida "
    "de la confianza",
)  # fmt: skip
CONCILIACION = Rule(
    "684-b-primero-conciliacion", "LFT", "684-B", "procedure",
    "Antes de demandar ante el tribunal laboral, primero debes ir al Centro de Conciliación a "
    "pedir la conciliación.",
    "Antes de acudir a los Tribunales, los trabajadores y patrones deberán asistir al Centro de "
    "Conciliación",
)  # fmt: skip
CAMBIO_PATRON = Rule(
    "41-cambio-patron", "LFT", "41", "verdict",
    "Si la empresa cambia de dueño, tu trabajo y tus derechos siguen igual.",
    "La substitución de patrón no afectará las relaciones de trabajo de la empresa o "
    "establecimiento",
)  # fmt: skip
DOBLES = Rule(
    "66-horas-extra-dobles", "LFT", "66", "amount",
    "Las horas extra se pagan al doble: un 100% más que tus horas normales.",
    "se pagarán con un ciento por ciento más del salario que corresponda",
)  # fmt: skip
AVISO_ESCRITO = Rule(
    "47-aviso-escrito", "LFT", "47", "duty",
    "Si te despiden, el patrón debe darte un aviso por escrito que diga claramente qué hiciste y "
    "en qué fecha o fechas.",
    "El patrón que despida a un trabajador deberá darle aviso escrito",
)  # fmt: skip
PLATAFORMA_PTU = Rule(
    "127-plataformas", "LFT", "127", "right",
    "Si trabajas en una plataforma digital, te toca reparto de utilidades cuando trabajaste más "
    "de 288 horas en el año.",
    "cuando el total de sus horas laboradas durante el año sea de al menos 288 horas",
)  # fmt: skip


def match(rule: Rule, score: float, rank: int = 0, coverage: float = 0.3) -> RuleMatch:
    return RuleMatch(rule, score, rank, coverage)


def test_a_concession_in_the_claim_denies_nothing() -> None:
    question = (
        "soy gerente, puesto de confianza. me dijeron q a los de confianza nos pueden correr por "
        "perdida de la confianza aunq no hagamos nada de lo q dice el articulo 47, es cierto"
    )
    told = claim_told(question)
    assert told is not None
    assert "aunque" in told  # "aunq" is written out
    assert claim_agrees(told, question, CONFIANZA)
    # Without the concession's "no", a denial is still one.
    denied = "me dijeron q a los de confianza no nos pueden correr, es cierto?"
    assert not claim_agrees(claim_told(denied) or "", denied, CONFIANZA)


def test_the_rules_own_before_is_no_condition_of_the_claim() -> None:
    question = (
        "quiero demandar a la empresa. me dijeron q antes de ir a juicio primero tengo q ir al "
        "centro de conciliacion, es cierto?"
    )
    assert claim_agrees(claim_told(question) or "", question, CONCILIACION)
    # "Hasta que…" the rule does not say narrows the claim.
    until = "me dijeron q no puedo demandar hasta que pasen 6 meses, es cierto?"
    assert not claim_agrees(claim_told(until) or "", until, CONCILIACION)


def test_a_claim_that_every_hour_is_paid_double_is_no_agreement() -> None:
    question = (
        "me quede 12 horas extra y el supervisor dice q todas se pagan dobles y ya. es cierto?"
    )
    assert not claim_agrees(claim_told(question) or "", question, DOBLES)


def test_a_loss_claimed_against_a_rule_that_keeps_everything_is_wrong() -> None:
    question = (
        "la panaderia donde trabajo desde hace 9 años la vendieron. el nuevo dueño dice q mi "
        "antiguedad empieza de cero con el, tiene razon?"
    )
    assert claim_verdict(claim_told(question) or "", question, CAMBIO_PATRON) == "No"
    opening = lead(question, [match(CAMBIO_PATRON, 30.0, 1)])
    assert opening is not None
    assert opening.sentence.startswith("No. Si la empresa cambia")


def test_a_claim_the_best_rule_leaves_open_is_settled_by_its_articles_other_rule() -> None:
    question = (
        "me corrieron ayer del restaurante nomas de palabra. mi cuñado dice q el patron tenia q "
        "darme por escrito el motivo del despido, tiene razon?"
    )
    opening = lead(question, [match(AVISO, 33.0), match(AVISO_ESCRITO, 28.0)])
    assert opening is not None
    assert opening.verdict == "Sí"
    assert opening.sentence.startswith("Sí. Si te despiden, el patrón debe darte un aviso")
    # Two words of a claim are not enough for another rule to settle it.
    vague = "el patron se entero de mis faltas y dice q lo puede hacer cuando quiera"
    other = lead(vague, [match(AVISO, 33.0), match(AVISO_ESCRITO, 28.0)])
    assert other is None or other.verdict != "Sí"


def test_weekly_hours_are_counted_over_the_year_only_when_told_all_year() -> None:
    all_year = (
        "manejo pa una app, le meto como 20 horas a la semana todo el año. me toca utilidades?"
    )
    found = findings(all_year, PLATAFORMA_PTU.rule)
    assert found is not None
    assert found[0].holds
    assert found[0].figure.text == "1,040 horas en el año"
    # A week's hours with no year told measure nothing against a yearly count.
    assert (
        findings("le meto 20 horas a la semana, me toca utilidades?", PLATAFORMA_PTU.rule) is None
    )
    yearly = findings("trabaje 200 horas en el año, me toca?", PLATAFORMA_PTU.rule)
    assert yearly is not None
    assert not yearly[0].holds


def test_years_of_service_are_no_measure_of_a_credits_age() -> None:
    from rag.lead import _claims

    question = "nunca saque credito infonavit en 25 años de chamba, esa lana ya se perdio verdad?"
    rule = (
        "Si pasan 30 años desde que te dieron tu crédito INFONAVIT, te liberan del saldo pendiente."
    )
    assert not measures_alike(question, _claims(question)[0], rule)
    assert measures_alike(
        "me dijeron q el credito se libera a los 25 años",
        _claims("me dijeron q el credito se libera a los 25 años")[0],
        rule,
    )


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("tengo 14 años y quiero chambear en una tiendita en las vacaciones, si puedo?", True),
        ("mi hijo tiene 14 y el del taller dice q si le firmo permiso lo puede contratar", True),
        ("tengo 16 y quiero chambear en vacaciones, si puedo?", False),
        # The child is not the one who would work.
        ("a mi hija de 9 años la van a operar, cuantos dias de permiso me pueden dar?", False),
        ("tengo 14 años trabajando en la fabrica, me pueden correr?", False),
    ],
)
def test_a_question_whether_someone_under_15_may_work(question: str, asks: bool) -> None:
    assert asks_child_work(question) is asks
    assert child_work_articles(question) == (("22 Bis", "22") if asks else ())


def test_a_working_age_asked_after_the_ban_is_answered_by_the_minimum_age() -> None:
    rules = {r.id: r for r in load_rules()}
    story = "tengo 14 años y quiero chambear en una tiendita, si puedo?"
    later = "y a los 15 ya puedo?"
    assert not asks_child_work(f"{story} {later}", asked=later)
    assert asks_minor_work_later(f"{story} {later}", asked=later)
    assert not asks_minor_work_later(f"{story} y a los 14 y medio?", asked="y a los 14 y medio?")
    matches = [match(rules["179-vacaciones-menores"], 20.0), match(rules["22-edad-minima"], 9.0)]
    opening = lead(later, matches, told=story)
    assert opening is not None
    assert opening.sentence.startswith("Sí. La edad mínima para trabajar es de 15 años")


def test_the_ban_on_work_under_15_leads_with_no() -> None:
    rules = {r.id: r for r in load_rules()}
    question = (
        "tengo 14 años y quiero chambear en una tiendita de mi pueblo en las vacaciones, si puedo?"
    )
    vacations = rules["179-vacaciones-menores"]
    ban = rules["22-bis-menores-15"]
    opening = lead(question, [match(vacations, 21.0), match(ban, 5.0, 8)])
    assert opening is not None
    assert opening.verdict == "No"
    assert opening.sentence.startswith("No. Está prohibido que trabajen menores de 15 años")


def test_a_pension_rule_waits_for_its_own_pension() -> None:
    rules = {r.id: r for r in load_rules()}
    old_age, invalidity = rules["162-lss-vejez-edad"], rules["122-lss-semanas"]
    asked = (
        "tengo 52 años y ya no puedo trabajar, cuantas semanas necesito pa la pension de invalidez?"
    )
    assert not allowed_by_story(old_age, asked)
    assert allowed_by_story(invalidity, asked)
    assert allowed_by_story(old_age, "a que edad me puedo pensionar?")


TODAY = date(2026, 12, 7)


def test_a_weeks_overtime_past_the_cap_is_split_without_a_salary() -> None:
    question = "esta semana me quede 12 horas extra y dicen q todas se pagan dobles. es cierto?"
    assert needed_articles(question) == ARTICLES
    said = over_cap_fact(question, retrieved=set(ARTICLES), today=TODAY)
    assert said is not None
    assert said.startswith(
        "No: de 12 horas extra en una semana, solo las primeras 9 se pagan al doble"
    )
    assert "las otras 3 se pagan al triple" in said
    # Not past the cap, no days told for a daily count, or a minor's: no such line.
    assert (
        over_cap_fact("hago 6 horas extra a la semana", retrieved=set(ARTICLES), today=TODAY)
        is None
    )
    assert (
        over_cap_fact("me quedo 2 horas extra diario", retrieved=set(ARTICLES), today=TODAY) is None
    )
    assert (
        over_cap_fact(
            "tengo 17 y hago 12 horas extra a la semana", retrieved=set(ARTICLES), today=TODAY
        )
        is None
    )
    # A follow-up that asks no pay ("¿me pueden obligar a quedarme?") gets no such line.
    story = "esta semana me quede 12 horas extra. y me pueden obligar a quedarme?"
    assert (
        over_cap_fact(
            story, retrieved=set(ARTICLES), today=TODAY, asked="y me pueden obligar a quedarme?"
        )
        is None
    )
    # A salary and a how-much question get the pesos instead (``overtime_fact``).
    pesos = "gano 400 al dia y hago 12 horas extra a la semana, cuanto me deben?"
    assert over_cap_fact(pesos, retrieved=set(ARTICLES), today=TODAY) is None


@pytest.mark.parametrize(
    ("question", "rule_id"),
    [
        (
            "cuando me sali me hicieron firmar unas hojas y ahora dicen q ya no me deben nada",
            "33-renuncia-nula",
        ),
        (
            "me hicieron firmar una hoja donde decia q renunciaba al aguinaldo",
            "5-renuncia-derechos",
        ),
        (
            "me contrato otra empresa, van 2 quincenas sin pagarme y el hotel no responde",
            "14-responsable-solidario",
        ),
        (
            "vine a la pizca y el mayordomo nos cobra 300 a la semana x el cuarto del albergue",
            "283-vivienda-campo",
        ),
        (
            "soy cortador de caña, me dio dengue y no pude ir 2 semanas, me toca algo?",
            "283-enfermedad-75",
        ),
        ("nunca saque credito infonavit, esa lana ya se perdio?", "37-linfonavit-imprescriptible"),
    ],
)
def test_deciding_cases_of_this_pass(question: str, rule_id: str) -> None:
    rule = next(r for r in load_rules() if r.id == rule_id)
    assert decides(question, rule)


def test_a_courier_app_that_deactivated_the_account_is_a_labor_question() -> None:
    assert check_scope("la app de entregas me desactivo la cuenta de la nada").verdict == "labor"


def test_a_deciding_case_is_the_rule_in_play_of_a_what_to_do_answer() -> None:
    from rag.remedy import remedy_lines

    rules = {r.id: r for r in load_rules()}
    question = (
        "trabajo de limpieza en un hospital pero me contrato otra empresa, ya van 2 quincenas q "
        "no me pagan y el hospital dice q no es su problema. q hago?"
    )
    matches = [match(rules["51-no-pago"], 15.0), match(rules["14-responsable-solidario"], 9.0, 1)]
    lines, _, used = remedy_lines([], matches, question)
    assert [r.id for r in used] == ["14-responsable-solidario"]
    assert "la empresa que lo contrató también responde" in lines[0]
    # Without the contractor told, the fault's way out is the rule in play.
    _, _, plain = remedy_lines([], matches, "ya van 2 quincenas q no me pagan. q hago?")
    assert [r.id for r in plain] == ["51-no-pago"]


def test_a_deciding_case_named_leads_over_the_benefit_asked_and_other_figures() -> None:
    rules = {r.id: r for r in load_rules()}
    hotel = (
        "soy recamarera en un hotel en acapulco, el patron dice q soy como trabajadora domestica "
        "y x eso no me toca reparto de utilidades"
    )
    opening = lead(
        hotel,
        [
            match(rules["127-hogar"], 100.0),
            match(rules["117-ptu"], 30.0, 1),
            match(rules["332-hoteles-no-hogar"], 5.0, 8),
        ],
    )
    assert opening is not None
    assert opening.rules[0].id == "332-hoteles-no-hogar"
    assert not opening.sentence.startswith("Sí")
    # "¿Puedo pagar yo solo el seguro?" at 62 is no "No" from the age of the old-age pension.
    alone = (
        "tengo 62 años, me corrieron hace 3 meses y nadie me quiere contratar. puedo pagar yo solo "
        "el seguro pa seguir juntando semanas?"
    )
    voluntary = lead(
        alone,
        [match(rules["162-lss-sin-semanas"], 30.0), match(rules["218-lss-continuacion"], 12.0, 3)],
    )
    assert voluntary is not None
    assert voluntary.rules[0].id == "218-lss-continuacion"
    assert voluntary.verdict != "No"


PRORROGA = Rule(
    "41-linfonavit-prorroga", "LINFONAVIT", "41", "right",
    "Si tienes crédito INFONAVIT y pierdes tu salario, el Instituto debe darte prórroga en tus "
    "pagos, sin intereses ordinarios.",
    "se le otorgará prórroga en los pagos",
)  # fmt: skip
UN_ANO = Rule(
    "516-un-ano", "LFT", "516", "deadline",
    "En general tienes 1 año para reclamar tus derechos de trabajo.",
    "Las acciones de trabajo prescriben en un año",
)  # fmt: skip


def test_a_denial_the_rule_shares_or_no_problem_is_no_denial() -> None:
    spared = (
        "me dijeron q puedo pedir una prorroga pa no pagar mientras y q no me cobran intereses "
        "en ese tiempo. es cierto?"
    )
    assert claim_verdict(claim_told(spared) or "", spared, PRORROGA) == ""
    fine = "el dueño dice q si le firmo el permiso no hay problema, es cierto?"
    assert not claim_denies(claim_told(fine) or "")
    # A denial the rule does not share is still wrong.
    wrong = "me dijeron q no me dan prorroga aunque me quede sin chamba, es cierto?"
    assert claim_verdict(claim_told(wrong) or "", wrong, PRORROGA) == "No"


def test_a_figure_answers_what_was_told_not_the_practice() -> None:
    rules = {r.id: r for r in load_rules()}
    holiday = (
        "me toco chambear el 16 de septiembre y el encargado dice q ese dia se paga normal porq ya "
        "va incluido en el sueldo. gano 320 diarios, tiene razon?"
    )
    owed = "Sí: por trabajar el 16 de septiembre te deben pagar $640.00 de más (Art. 75 LFT)."
    said = lead(holiday, [match(rules["75-festivo-pago-doble"], 20.0)], facts=(owed,))
    assert said is not None
    assert said.sentence.startswith("No: por trabajar el 16 de septiembre")
    unfair = "gano 1,800 a la semana. mi hermana dice q eso no se vale por ley, tiene razon?"
    below = "No: ganas unos $257.14 al día, menos que el salario mínimo (Art. 90 LFT)."
    agreed = lead(unfair, [match(rules["90-minimo-efectivo"], 20.0)], facts=(below,))
    assert agreed is not None
    assert agreed.sentence.startswith("Sí: ganas unos $257.14 al día")
    # Asked of the practice itself, the figure's own verdict stands.
    asked = "gano 1,800 a la semana, asi me pueden pagar?"
    plain = lead(asked, [match(rules["90-minimo-efectivo"], 20.0)], facts=(below,))
    assert plain is not None
    assert plain.sentence.startswith("No: ganas")


def test_a_boss_who_says_a_child_of_14_cannot_be_hired_is_right() -> None:
    rules = {r.id: r for r in load_rules()}
    question = (
        "mi sobrino tiene 14 años y quiere entrar de ayudante en un taller. el dueño dice q ni con "
        "permiso de los papas lo puede contratar. es cierto?"
    )
    opening = lead(question, [match(rules["22-bis-menores-15"], 20.0)])
    assert opening is not None
    assert opening.verdict == "Sí"


def test_a_mine_without_safety_gear_is_a_labor_question() -> None:
    question = "en la mina donde trabajo no nos han dado casco nuevo ni lampara. q podemos hacer?"
    assert check_scope(question).verdict == "labor"
    assert check_scope("me multaron x no traer casco en la moto").verdict == "out_of_scope"


def test_a_figure_of_what_is_owed_says_no_to_a_premise_that_denies_it() -> None:
    rules = {r.id: r for r in load_rules()}
    question = "renuncie a los 8 meses y me dicen que no me toca nada de vacaciones, es asi?"
    owed = "Aunque renuncies te deben pagar tu finiquito (Art. 79 LFT)."
    said = lead(question, [match(rules["79-proporcionales"], 20.0)], facts=(owed,))
    assert said is not None
    assert said.sentence.startswith("No: aunque renuncies te deben pagar tu finiquito")
    # Without a premise that denies it, the figure goes as it is.
    plain = lead(
        "renuncie a los 8 meses, q me toca?",
        [match(rules["79-proporcionales"], 20.0)],
        facts=(owed,),
    )
    assert plain is not None
    assert plain.sentence.startswith("Aunque renuncies")


def test_a_rule_for_another_situation_than_the_story_leads_nothing() -> None:
    """An illness not from work against an injury at work; a job still held against one that
    ended."""
    illness = Rule(
        "96-lss-cuarto-dia", "LSS", "96", "amount",
        "Si una enfermedad que no viene del trabajo te incapacita, el IMSS te paga un subsidio a "
        "partir del cuarto día de la incapacidad, hasta por 52 semanas.",
        "se le pagará un subsidio en dinero que se otorgará cuando la enfermedad lo incapacite",
    )  # fmt: skip
    assert not allowed_by_story(illness, "me lastime la mano en la obra, el imss me paga algo?")
    assert allowed_by_story(illness, "me dio gripa y me incapacitaron, el imss me paga algo?")
    # "Llevo 2 años en la empresa y me enfermé": a place of work told, no accident.
    assert allowed_by_story(illness, "llevo 2 años en la empresa y me enferme, cuanto me pagan?")
    held = Rule(
        "79-no-pagar-en-lugar", "LFT", "79", "verdict",
        "No es legal que te paguen las vacaciones en dinero en lugar de dártelas mientras sigues "
        "trabajando.",
        "Las vacaciones no podrán compensarse con una remuneración.",
    )  # fmt: skip
    assert not allowed_by_story(held, "renuncie hace una semana, me tienen q pagar las vacaciones?")
    assert not allowed_by_story(held, "me corrieron, me pagan las vacaciones?")
    assert allowed_by_story(held, "me quieren pagar las vacaciones en vez de darmelas, se puede?")


def test_a_work_risk_chapters_rule_is_no_maternity_leaves() -> None:
    """Art. 491's three months are a work risk's, named or not: not a pregnant worker's."""
    three_months = Rule(
        "491-tres-meses", "LFT", "491", "deadline",
        "Si a los 3 meses de incapacidad todavía no puedes volver, tú o el patrón pueden pedir que "
        "se decida si sigues en tratamiento o se declara incapacidad permanente.",
        "Si a los tres meses de iniciada una incapacidad no está el trabajador en aptitud de "
        "volver al trabajo",
    )  # fmt: skip
    assert not allowed_by_story(three_months, "estoy embarazada, cuanto tiempo de incapacidad?")
    assert allowed_by_story(three_months, "me fracture el pie, cuanto tiempo de incapacidad?")
