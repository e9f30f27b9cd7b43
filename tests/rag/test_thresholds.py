"""A number in the question against a rule's threshold: conditions, floors and ceilings.

The rules are the packaged ones (their passages are checked against the law elsewhere) so the
thresholds read here are the ones answers use.
"""

from __future__ import annotations

from datetime import date

import pytest

from rag.amounts import figures
from rag.lead import lead
from rag.rule_index import RuleMatch
from rag.rules import Rule, load_rules
from rag.thresholds import (
    CLOCK,
    asked_unit,
    days_since,
    elapsed,
    findings,
    is_minor,
    measures_alike,
    months_worked,
    service,
    speaks_of,
    states_unit,
    term,
    thresholds,
)

RULES = {r.id: r for r in load_rules()}


def rule_with(article: str, words: str) -> Rule:
    return next(r for r in RULES.values() if r.article == article and words in r.rule)


ABSENCES = rule_with("47", "más de 3 veces")
MINOR_VACATIONS = rule_with("179", "18 días")
TRIAL = rule_with("39-A", "30 días")
MINOR_HOURS = rule_with("177", "6 horas")
DAY_CAP = rule_with("68", "12 horas")
RESIGNED_PREMIUM = rule_with("162", "15 años")
REST_DAY = rule_with("69", "descanso")


def test_thresholds_are_read_with_their_role() -> None:
    (absences,) = thresholds(ABSENCES.rule)
    assert (absences.op, absences.value, absences.dimension, absences.role) == (
        ">", 3.0, "vez", "condition"
    )  # fmt: skip
    assert absences.text == "más de 3 veces"
    age, floor = thresholds(MINOR_VACATIONS.rule)
    assert (age.op, age.value, age.dimension, age.role) == ("<", 18.0, "age", "condition")
    assert (floor.op, floor.value, floor.dimension, floor.role) == (">=", 18.0, "duration", "bound")
    (trial,) = thresholds(TRIAL.rule)  # "no puede durar más de": a ceiling
    assert (trial.op, trial.value, trial.role) == ("<=", 30.0, "bound")
    (years,) = thresholds(RESIGNED_PREMIUM.rule)
    assert (years.op, years.value, years.dimension) == (">=", 15.0, "service")


def test_a_plain_more_than_in_a_statement_is_no_threshold() -> None:
    assert thresholds("Te pagan más de 3 días de salario por cada domingo trabajado.") == []


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("me corrieron por faltar 3 dias en el mes, es legal?", False),
        ("falte 4 dias sin permiso y me despidieron, es legal?", True),
        ("me corrieron por faltar tres días", False),
    ],
)
def test_absences_in_days_weigh_against_times(question: str, holds: bool) -> None:
    found = findings(question, ABSENCES.rule)
    assert found is not None
    assert [f.holds for f in found] == [holds]


def test_an_unaddressed_condition_leaves_the_rule_undecided() -> None:
    # No age in the question: whether "si tienes menos de 16 años" applies is unknown.
    assert findings("trabajo 8 horas diarias, es legal?", MINOR_HOURS.rule) is None
    found = findings("tengo 15 años y trabajo 8 horas diarias", MINOR_HOURS.rule)
    assert found is not None
    assert [(f.threshold.role, f.holds) for f in found][:2] == [
        ("condition", True), ("bound", False)
    ]  # fmt: skip


def test_ages_and_years_of_service_are_told_apart() -> None:
    ten = service("llevo 10 años en la empresa")
    assert ten is not None
    assert ten.value == 10
    sixteen = service("renuncie despues de 16 años")
    assert sixteen is not None
    assert sixteen.value == 16
    half = service("tengo 6 meses trabajando")  # in years, in the worker's words
    assert half is not None
    assert (round(half.value, 2), half.text) == (0.49, "6 meses")
    assert service("tengo 17 años y me dan 12 dias de vacaciones") is None
    assert service("tengo 30 años cumplidos") is None
    assert service("tengo 30 años en la ciudad") is None
    # Where and since when the worker works: service too, not an age nor time gone by.
    for said in (
        "trabajo en una fabrica desde hace 2 años",
        "tengo 2 años ahi",
        "llevo trabajando 2 años de cajera",
        "llevaba chambeando 2 años en la obra",
        "mi esposo trabajaba de guardia en una empresa de seguridad desde hace 2 años",
        "tengo 2 años en la misma fabrica de muebles",
        "tengo 2 años en esta tienda",
    ):
        found = service(said)
        assert found is not None, said
        assert found.value == 2
    # Time still running is service; the worker's own years win over a figure quoted.
    since = service("doy clases en un colegio desde hace 7 años")
    assert since is not None
    assert since.value == 7
    own = service(
        "mi jefa dice q despues de 5 años ya no sube. yo llevo 12 años, cuantos me tocan?"
    )
    assert own is not None
    assert own.value == 12
    assert findings("llevo 17 años en la empresa y me dan 12 dias", MINOR_VACATIONS.rule) is None


def test_a_figure_that_measures_something_else_is_not_weighed() -> None:
    # "7 días" worked is not the rest day's "al menos un día".
    found = findings("trabajo 7 dias a la semana sin descanso, es legal?", REST_DAY.rule)
    assert found == [] or all(f.shared < 2 for f in found)


def test_a_figure_the_question_puts_behind_a_comparator_is_not_a_fact() -> None:
    assert findings("me pueden dar menos de 30 dias de prueba?", TRIAL.rule) == []


def one(rule: Rule) -> list[RuleMatch]:
    return [RuleMatch(rule, 8.0, 0, 0.9)]


@pytest.mark.parametrize(
    ("question", "rule", "opening"),
    [
        ("me corrieron por faltar 3 dias en el mes, es legal?", ABSENCES, "No. "),
        ("falte 4 dias sin permiso y me despidieron, es legal?", ABSENCES, "Sí. "),
        ("tengo 17 años y solo me dan 12 dias de vacaciones, esta bien?", MINOR_VACATIONS, "No. "),
        ("me pusieron 3 meses de prueba, es legal?", TRIAL, "No. "),
        ("me hacen trabajar 14 horas al dia, es legal?", DAY_CAP, "No. "),
        ("tengo 15 años y trabajo 8 horas diarias, se vale?", MINOR_HOURS, "No. "),
    ],
)
def test_the_figure_settles_the_verdict(question: str, rule: Rule, opening: str) -> None:
    found = lead(question, one(rule))
    assert found is not None
    assert found.sentence.startswith(opening)
    assert found.verdict == opening[:-2]


def test_the_lead_says_why_in_the_laws_words() -> None:
    found = lead("me corrieron por faltar 3 dias en el mes, es legal?", one(ABSENCES))
    assert found is not None
    assert found.sentence.endswith("Con 3 días no se cumple: la ley dice más de 3 veces.")
    broken = lead("me pusieron 3 meses de prueba, es legal?", one(TRIAL))
    assert broken is not None
    assert broken.sentence.endswith("(Art. 39-A LFT), no 3 meses.")


@pytest.mark.parametrize(
    "question",
    [
        "trabajo 8 horas diarias, se vale?",  # no age: Art. 177 may not apply
        "no me corrieron por faltar 3 dias, o si?",  # a negated question
        "si falto 3 dias pierdo mi trabajo?",  # "¿pierdo…?" turns the verdict around
    ],
)
def test_no_verdict_without_a_sure_reading(question: str) -> None:
    found = lead(question, one(MINOR_HOURS if "horas" in question else ABSENCES))
    assert found is None or found.verdict == ""


def test_a_respected_floor_says_yes_only_when_the_figure_plainly_measures_it() -> None:
    found = lead("trabajo 7 dias a la semana sin descanso, es legal?", one(REST_DAY))
    assert found is None or found.verdict != "Sí"


def test_a_condition_without_a_figure_must_be_the_questions() -> None:
    # "Si renuncias…" says nothing to the family of a worker who died after 5 years.
    question = "mi papa murio, trabajo 5 años en la empresa, a la familia le toca su prima?"
    found = lead(question, one(RESIGNED_PREMIUM))
    assert found is None or found.verdict == ""
    resigned = lead("si renuncio con 5 años de antiguedad me toca prima de antiguedad?",
                    one(RESIGNED_PREMIUM))  # fmt: skip
    assert resigned is not None
    assert resigned.verdict == "No"


DISMISSAL_TERM = rule_with("518", "2 meses para reclamar")
RISK_TERM = rule_with("519", "accidente")


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("me corrieron hace 3 meses", "3 meses"),
        ("hace como 2 semanas me despidieron", "2 semanas"),
        ("tuve un accidente de trabajo hace 1 año", "1 año"),
        ("trabajo ahi desde hace 3 años", None),  # service, not time gone by
        ("entre a trabajar hace 2 años", None),
        ("me corrieron ayer", None),
    ],
)
def test_the_time_gone_by_is_read(question: str, text: str | None) -> None:
    found = elapsed(question)
    assert (found.text if found else None) == text


def test_a_rules_term_is_read() -> None:
    found = term(DISMISSAL_TERM.rule)
    assert found is not None
    assert found.days() == 60
    assert term(ABSENCES.rule) is None


@pytest.mark.parametrize(
    ("question", "rule", "opening"),
    [
        ("me corrieron hace 3 meses, todavia puedo demandar?", DISMISSAL_TERM, "No: ya pasó"),
        ("me despidieron hace 3 semanas, aun puedo reclamar?", DISMISSAL_TERM, "Sí, todavía"),
        ("tuve un accidente de trabajo hace 1 año, todavia puedo reclamar?", RISK_TERM, "Sí,"),
    ],
)
def test_the_time_gone_by_settles_a_deadline(question: str, rule: Rule, opening: str) -> None:
    found = lead(question, one(rule), also=("despido",))
    assert found is not None
    assert found.sentence.startswith(opening)


def test_the_last_days_of_a_term_and_other_questions_get_no_verdict() -> None:
    # Two months gone against two months: when the term started is for the worker to check.
    close = lead("me despidieron hace 2 meses, todavia puedo demandar?", one(DISMISSAL_TERM))
    assert close is not None
    assert close.verdict == ""
    # Without "todavía/aún" the question may be the employer's power, not the worker's claim.
    other = lead("me despidieron hace 3 meses, puedo demandar?", one(DISMISSAL_TERM))
    assert other is None or not other.sentence.startswith(("No: ya", "Sí, todavía"))


SENIORITY_REINSTATEMENT = rule_with("49", "menos de un año")
UNION = rule_with("362", "15 años")


def test_a_rule_for_the_workers_age_or_service_leads_over_the_general_one() -> None:
    general = rule_with("76", "12 días")
    matches = [RuleMatch(general, 9.0, 0, 0.6), RuleMatch(MINOR_VACATIONS, 1.0, 3, 0.2)]
    found = lead("tengo 16 años cuantos dias de vacaciones me tocan", matches)
    assert found is not None
    assert found.rules == (MINOR_VACATIONS,)
    adult = lead("tengo 30 años cuantos dias de vacaciones me tocan", matches)
    assert adult is not None
    assert adult.rules == (general,)


def test_months_of_service_meet_a_condition_in_years() -> None:
    matches = [RuleMatch(rule_with("48", "3 meses"), 9.0, 0, 0.6)]
    matches.append(RuleMatch(SENIORITY_REINSTATEMENT, 1.0, 2, 0.2))
    question = "tengo 6 meses trabajando y me corrieron, me pueden negar que me regresen?"
    # The slang table's words for "negar & regresen" (rag/data/expansions.tsv).
    meant = ("patron eximido de la obligacion de reinstalar indemnizacion",)
    found = lead(question, matches, also=meant)
    assert found is not None
    assert found.sentence.startswith("Sí. Si tenías menos de un año en el trabajo")


def test_a_far_rule_must_speak_of_the_question_and_an_excused_absence_gets_no_yes() -> None:
    # "Puedes entrar a un sindicato si eres mayor de 15 años" says nothing of working at 14.
    matches = [RuleMatch(rule_with("22", "15 años"), 9.0, 0, 0.6), RuleMatch(UNION, 3.0, 4, 0.2)]
    found = lead("tengo 14 años puedo trabajar?", matches)
    assert found is None or found.rules != (UNION,)
    excused = lead("falte 5 dias con incapacidad del imss, me pueden correr?", one(ABSENCES))
    assert excused is None or excused.verdict != "Sí"


def test_a_ceiling_is_weighed_against_the_whole_statement_and_not_time_gone_by() -> None:
    registration = next(r for r in RULES.values() if r.law == "LSS" and r.article == "15")
    late = lead("mi patron me registro en el imss a los 10 dias de entrar, es legal?",
                one(registration))  # fmt: skip
    assert late is not None
    assert late.sentence.startswith("No. ")
    assert late.sentence.endswith("(Art. 15 LSS), no 10 días.")
    # "Nació hace 7 meses" is time gone by, not a stay of 7 months against "hasta 8 semanas".
    longer = rule_with("170", "8 semanas")
    found = findings("mi bebe nacio hace 7 meses, todavia tengo mis descansos?", longer.rule)
    assert not found


def test_the_case_forms_minor_weighs_like_an_age() -> None:
    question = "en mi trabajo solo me dieron 12 dias de vacaciones, esta bien eso?"
    matches = [RuleMatch(rule_with("76", "12 días"), 9.0, 0, 0.6)]
    matches.append(RuleMatch(MINOR_VACATIONS, 1.0, 3, 0.2))
    adult = lead(question, matches)
    assert adult is not None
    assert adult.rules != (MINOR_VACATIONS,)
    minor = lead(question, matches, minor=True)
    assert minor is not None
    assert minor.sentence.startswith("No. Si eres menor de 18")
    # "Soy menor de edad" in the question says the same; "menor de 16" stays unknown.
    said = lead(f"soy menor de edad y {question}", matches)
    assert said is not None
    assert said.rules == (MINOR_VACATIONS,)
    assert findings("soy menor de edad y trabajo 8 horas", MINOR_HOURS.rule) is None


def test_a_premises_figure_must_speak_of_what_the_rule_does() -> None:
    from rag.lead import contradiction

    aguinaldo = rule_with("87", "15 días")
    unrelated = "me corrieron porque dicen que falte 3 dias este mes, todavia puedo demandar?"
    assert contradiction(unrelated, DISMISSAL_TERM) is None
    term_claim = contradiction("un amigo dice que tengo un año para demandar", DISMISSAL_TERM)
    assert term_claim is not None
    assert term_claim.text == "un año"
    misspelt = contradiction("me dijeron q el aginaldo es de 10 dias nomas", aguinaldo)
    assert misspelt is not None
    assert misspelt.value == 10


def test_years_of_service_are_not_an_age_nor_the_reverse() -> None:
    from rag.thresholds import misread

    assert misread("ya me quiero salir, llevo 16 años de chofer", MINOR_VACATIONS.rule)
    assert misread("tengo 16 años, si renuncio me toca prima de antiguedad?", RESIGNED_PREMIUM.rule)
    assert not misread("tengo 16 años cuantos dias de vacaciones me tocan", MINOR_VACATIONS.rule)
    assert not misread("cuantos dias de vacaciones me tocan", MINOR_VACATIONS.rule)
    matches = [RuleMatch(MINOR_VACATIONS, 9.0, 0, 0.6)]
    found = lead("llevo 16 años de chofer, cuantos dias de vacaciones me tocan?", matches)
    assert found is None or found.rules != (MINOR_VACATIONS,)


def test_the_case_forms_special_job_has_its_own_rule_lead() -> None:
    general = rule_with("71", "domingo")
    domestic = rule_with("336", "día y medio")
    matches = [RuleMatch(general, 57.0, 0, 0.4), RuleMatch(domestic, 24.0, 1, 0.4)]
    question = "la señora solo me deja descansar el domingo, es legal?"
    plain = lead(question, matches)
    assert plain is not None
    assert plain.rules == (general,)
    found = lead(question, matches, regime="trabajo del hogar")
    assert found is not None
    assert found.rules == (domestic,)
    # Far behind (under REGIME_SHARE of the first), the job's rule does not lead.
    weak = [RuleMatch(general, 57.0, 0, 0.4), RuleMatch(domestic, 6.0, 1, 0.4)]
    far = lead(question, weak, regime="trabajo del hogar")
    assert far is not None
    assert far.rules == (general,)


def test_a_work_anniversary_is_no_birthday() -> None:
    # "ya cumplí 2 años" at work once read as an age of 2, a minor (found in blind7, i24).
    two = service("gano 380 al dia y ya cumpli 2 años, cuanto es mi prima vacacional?")
    assert two is not None
    assert two.value == 2
    assert (
        findings("ya cumpli 2 años, cuantos dias de vacaciones me tocan", MINOR_VACATIONS.rule)
        is None
    )
    sixteen = findings(
        "ya cumpli 16 años, cuantos dias de vacaciones me tocan", MINOR_VACATIONS.rule
    )
    assert sixteen is not None
    assert sixteen[0].holds


def test_a_named_past_day_is_time_gone_by() -> None:
    today = date(2026, 12, 5)
    assert days_since("me corrieron el 15 de septiembre, todavia alcanzo?", today=today) == (
        "hace 81 días"
    )
    # A day still to come this year is last year's; a year given is kept.
    assert days_since("me corrieron el 20 de diciembre", today=today) == "hace 350 días"
    assert days_since("me corrieron el 1 de marzo del 2026", today=today) == "hace 279 días"
    # "hace …" said already, two days named, or no day: nothing added.
    assert days_since("me corrieron hace 2 meses, el 15 de septiembre", today=today) == ""
    assert days_since("entre el 3 de marzo y sali el 15 de septiembre", today=today) == ""
    assert days_since("me fui a vivir a monterrey en septiembre", today=today) == ""


def test_a_month_alone_counts_from_its_last_day_when_every_term_agrees() -> None:
    today = date(2026, 12, 5)
    # August 1-10 is 117 to 126 days ago: past two months, well within a year, either way.
    assert days_since("me despidieron a principios de agosto, todavia puedo?", today=today) == (
        "hace 117 días"
    )
    assert days_since("me corrieron en septiembre", today=today) == "hace 66 días"
    assert days_since("me corrieron en enero del 2025", today=today) == "hace 673 días"
    # October 1-31 is 35 to 65 days ago: inside or past the two months, so nothing is said.
    assert days_since("me corrieron en octubre, todavia alcanzo?", today=today) == ""
    assert days_since("no me pagan desde noviembre", today=today) == ""
    # A month with no event before it is no time gone by; nor is one still to come.
    assert days_since("en agosto me dan las vacaciones", today=today) == ""
    assert days_since("me corrieron en diciembre", today=today) == ""
    # The month first, with its year, then what happened: October 2025 is 400 to 430 days ago.
    owed = "en octubre del 2025 me quedaron a deber unas horas extra, todavia las cobro?"
    assert days_since(owed, today=today) == "hace 400 días"
    assert days_since("en octubre del 2025 entre a trabajar", today=today) == ""
    # What was not paid "de febrero del 2025": the month it was owed.
    unpaid = "no me pagaron unas horas extra de febrero del 2025, todavia las puedo reclamar?"
    assert days_since(unpaid, today=today) == "hace 645 días"
    gone = elapsed("me corrieron el 15 de septiembre hace 81 días")
    assert gone is not None
    assert gone.days() == 81


def test_days_worked_weigh_against_a_condition_on_time_worked() -> None:
    rule = (
        "Si eres eventual, te toca reparto de utilidades si trabajaste por lo menos 60 días en "
        "el año."
    )
    short = findings("solo trabaje 40 dias de eventual, me toca reparto?", rule)
    assert short is not None
    assert [f.holds for f in short] == [False]
    long = findings("trabaje 3 meses de eventual, me toca reparto?", rule)
    assert long is not None
    assert [f.holds for f in long] == [True]


def test_a_child_who_would_be_hired_is_the_worker_and_a_minimum_age_is_a_floor() -> None:
    rule = "La edad mínima para trabajar es de 15 años, con los límites de la ley."
    (floor,) = thresholds(rule)
    assert (floor.op, floor.value, floor.dimension, floor.role) == (">=", 15.0, "age", "bound")
    hired = findings("mi hija tiene 14 años y la quieren contratar en una papeleria", rule)
    assert hired is not None
    assert [(f.figure.value, f.holds) for f in hired] == [(14.0, False)]
    # A child named otherwise ("mi hijo tiene 14 años y yo trabajo de noche") is not the worker.
    told = findings("mi hijo tiene 14 años y yo trabajo de noche en la fabrica", rule)
    assert told == []


def test_the_months_a_job_lasted_from_the_months_it_began_and_ended() -> None:
    today = date(2026, 12, 5)
    said = months_worked(
        "entre a una empacadora en marzo del año pasado y me corrieron en enero", today=today
    )
    assert said == "trabajé 10 meses."
    found = service(said)
    assert found is not None
    assert round(found.value, 2) == 0.82
    assert months_worked("entre en febrero de 2020 y me corrieron en mayo", today=today) == (
        "trabajé 6 años."
    )
    # A start month after the end month is the year before.
    assert months_worked("empece en octubre y renuncie en marzo", today=today) == (
        "trabajé 5 meses."
    )
    # The worker's own count wins; one end alone, or an end still to come, says nothing.
    assert months_worked("llevo 3 años, entre en enero y me corrieron en marzo", today=today) == ""
    assert months_worked("me corrieron en enero", today=today) == ""
    assert months_worked("entre en marzo y renuncie en diciembre de 2027", today=today) == ""
    assert months_worked("entre en marzo de 0000 y me corrieron en mayo", today=today) == ""


@pytest.mark.parametrize(
    ("question", "minor"),
    [
        ("tengo 17 años y trabajo en una tienda", True),
        ("soy menor de edad, me pueden contratar?", True),
        # A relative's age told without "años".
        ("mi sobrina de 17 quiere entrar al turno de noche de un oxxo", True),
        ("mi hijo tiene 16 y lo hacen quedarse horas extra", True),
        ("mi hijo de 16 años trabaja en un taller", True),
        ("tengo 16 y es mi primera chamba, acomodo mercancia", True),
        ("tengo 17 y trabajo en un autolavado en monterrey", True),
        ("tengo 15 y medio de antiguedad en la fabrica", False),
        ("tengo 16 trabajadores a mi cargo", False),
        ("tengo 15 en la empresa y me corrieron", False),
        # Not an age under 18, or not an age at all.
        ("mi hija de 20 trabaja de noche", False),
        ("mi hermano de 17 meses se enfermo y falte", False),
        ("mi hijo de 15 dias de nacido", False),
        ("entro a las 10 de la noche y salgo a las 6", False),
    ],
)
def test_a_minor_is_read_from_an_age_told(question: str, minor: bool) -> None:
    assert is_minor(question) is minor


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("cuantas horas me pueden poner al dia?", "hora"),
        ("cuantos dias de vacaciones me tocan?", "dia"),
        ("tengo 17, hasta q hora me pueden poner a trabajar?", CLOCK),
        ("a que hora tengo que salir?", CLOCK),
        ("cuanto me toca?", None),
    ],
)
def test_the_unit_a_question_asks_for(question: str, unit: str | None) -> None:
    assert asked_unit(question) == unit


def test_a_rule_speaks_of_the_unit_asked_for() -> None:
    """ "¿Cuántas horas…?" is answered by Art. 177's six hours, though "horas" is too common a
    word to count as shared; "¿hasta qué hora?" by a rule that names a time of day."""
    asked = "tengo 15 años, cuantas horas me pueden poner al dia?"
    assert speaks_of(asked, MINOR_HOURS.rule)
    assert not speaks_of("tengo 15 años, me pueden poner a cargar cajas?", MINOR_HOURS.rule)
    night = rule_with("175", "10 de la noche")
    assert states_unit(night.rule, CLOCK)
    assert not states_unit(MINOR_HOURS.rule, CLOCK)
    assert speaks_of("tengo 17, hasta q hora me pueden poner a trabajar?", night.rule)


def test_a_floor_said_after_the_figure_is_a_condition() -> None:
    [age] = thresholds("Si tienes 65 años o más y no juntas las semanas, puedes retirar tu saldo.")
    assert (age.op, age.value, age.dimension, age.role) == (">=", 65.0, "age", "condition")
    [years] = thresholds("Si tienes 15 años o más de trabajo, te toca la prima.")
    assert (years.op, years.dimension) == (">=", "service")


@pytest.mark.parametrize(
    ("question", "dimension", "value"),
    [
        ("tengo 61, ya no trabajo y tengo como 700 semanas", "age", 61.0),
        ("ya cumpli 60 y no junte las semanas", "age", 60.0),
        ("tengo 17 y en el burger me dejan horas extra", "age", 17.0),
        ("tengo 63 años y 35 trabajando en la misma fabrica", "service", 35.0),
        ("tengo 24 años de chofer repartidor en la refresquera", "service", 24.0),
    ],
)
def test_ages_and_years_told_without_their_unit_or_with_a_trade(
    question: str, dimension: str, value: float
) -> None:
    rule = "Si tienes 60 años o más, puedes retirar tu saldo."
    if dimension == "service":
        found = service(question)
        assert found is not None
        assert found.value == value
        return
    [finding] = findings(question, rule) or [None]
    assert finding is not None
    assert (finding.figure.value, finding.threshold.dimension) == (value, "age")


@pytest.mark.parametrize(
    "question", ["tengo 3 hijos, me toca algo?", "ya cumpli 15, me toca prima?"]
)
def test_a_bare_number_is_no_age_without_the_words_around_it(question: str) -> None:
    assert findings(question, "Si tienes 60 años o más, puedes retirar tu saldo.") is None


def test_time_off_is_one_measure_whatever_it_is_called() -> None:
    leave = next(r for r in load_rules() if r.id == "170-incapacidad-maternidad")
    text = f"{leave.rule} {leave.passage}"
    claim = "mi supervisor me dice q cuando me alivie solo me van a dar 1 mes de incapacidad"
    [month] = figures(claim)
    assert measures_alike(claim, month, text)
    # A month's pay is no time off.
    paid = "me dicen q solo me van a pagar 1 mes de salario"
    [pay] = figures(paid)
    assert not measures_alike(paid, pay, text)
