"""What the thirtieth pass over the blind sets' misses taught the answer's pure parts: a boss who
is right, a resign-or-be-fired ultimatum, deadlines and records asked after a resignation, shares
of the year from a dismissal's date, back pay, border wages, long shifts and scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc.overtime_said import weekly_overtime
from calc.shifts import hour_ranges
from calc.text import fold
from rag.claims import claim_told
from rag.lead import confirms_denial, question_kind, verdict
from rag.liquidation import difference_fact, liquidation_fact
from rag.liquidation import needed_articles as liquidation_articles
from rag.overtime_pay import long_day_fact, overtime_fact
from rag.pay import aguinaldo_fact, left_vacation_fact
from rag.pension_weeks import pension_weeks_fact
from rag.polarity import DENIES_RULE
from rag.ptu_cap import ptu_cap_fact
from rag.pushed_out import pushed_out_fact
from rag.question_facts import minimum_wage_fact, vacation_fact
from rag.resignation import asks_resignation_pay, resignation_fact
from rag.rules import Rule, load_rules
from rag.scope import check_scope
from rag.severance import back_pay_fact, seniority_fact
from rag.subsidy import needed_articles as subsidy_articles
from rag.subsidy import subsidy_fact
from rag.thresholds import service
from rag.wage_floor import needed_articles as platform_articles
from rag.wage_floor import platform_status_fact

TODAY = date(2026, 12, 7)
FINIQUITO = {"87", "79", "162", "48"}


def test_a_boss_who_denies_what_the_law_denies_too_is_right() -> None:
    question = (
        "llevo 5 años en una tienda y me quiero salir. el dueño dice q si renuncio no me toca "
        "prima de antiguedad. tiene razon?"
    )
    assert confirms_denial(question) == "en eso tiene razón"
    said = resignation_fact(question, retrieved=FINIQUITO, today=TODAY)
    assert said is not None
    assert said.startswith("Sí, en eso tiene razón: con 5 años todavía no te toca")


def test_a_boss_who_denies_what_fifteen_years_give_is_wrong() -> None:
    question = (
        "llevo 20 años y el patron dice q si renuncio no me toca prima de antiguedad, es cierto?"
    )
    said = resignation_fact(question, retrieved=FINIQUITO, today=TODAY)
    assert said is not None
    assert said.startswith("No: con 20 años de trabajo te toca la prima de antigüedad")


def test_no_denial_told_confirms_nothing() -> None:
    assert confirms_denial("si renuncio me toca prima de antiguedad? llevo 5 años") is None
    assert confirms_denial("el patron dice q si me toca, es cierto?") is None


def test_a_rule_that_says_a_company_shares_nothing_denies() -> None:
    assert DENIES_RULE.search("una empresa nueva no reparte utilidades en su primer año")
    assert DENIES_RULE.search("tampoco reparten utilidades las empresas con un capital menor")
    assert not DENIES_RULE.search("la empresa reparte utilidades cada mayo")


@pytest.mark.parametrize(
    "question",
    [
        "renuncie en marzo y no me pagaron las vacaciones. hasta cuando puedo reclamarlas?",
        "ya renuncie, en cuantos dias me tienen q dar mi constancia de trabajo?",
        "en RH me dicen q firme mi renuncia pa darme mi finiquito. tengo q firmar?",
        "entre el 1 de junio y renuncie el 1 de diciembre. cuantos dias de vacaciones me pagan?",
    ],
)
def test_a_resignations_own_question_is_not_its_finiquito(question: str) -> None:
    assert not asks_resignation_pay(question)


def test_a_resignation_made_is_told_as_made() -> None:
    said = resignation_fact("ya me sali, que me toca?", retrieved={"87", "79"})
    assert said is not None
    assert said.startswith("Aunque renunciaste, te deben")
    said = resignation_fact("si me salgo, que me toca?", retrieved={"87", "79"})
    assert said is not None
    assert said.startswith("Aunque renuncies te deben")


def test_resign_or_be_fired_is_weighed_as_what_a_resignation_gives_up() -> None:
    question = (
        "me dijeron q o renuncio o me corren, y q me dan carta de recomendacion. me conviene?"
    )
    said = pushed_out_fact(question, retrieved={"48", "47"})
    assert said is not None
    assert said.startswith("Ojo: si renuncias, pierdes lo que te tocaría por un despido")
    assert "3 meses de salario (Art. 48 LFT)" in said
    # Nothing was done yet: no missing letter to presume a dismissal from.
    assert "Art. 47" not in said
    assert pushed_out_fact("me quiero salir, me conviene?", retrieved={"48"}) is None


def test_this_years_aguinaldo_share_runs_from_january_to_the_dismissal() -> None:
    question = "cuanto es de aguinaldo si me corrieron el 30 de septiembre? ganaba 400 diarios"
    said = aguinaldo_fact(question, retrieved={"87"}, today=TODAY)
    assert said is not None
    assert said.startswith("Por 273 días trabajados este año (del 1 de enero al 30 de septiembre)")
    assert "11.22 días" in said
    assert "$4,487.67" in said
    # A start told this year is counted from there, not from January.
    begun = "entre el 1 de julio y me corrieron el 30 de septiembre, cuanto de aguinaldo?"
    said = aguinaldo_fact(begun, retrieved={"87"}, today=TODAY)
    assert said is not None
    assert "del 1 de julio al 30 de septiembre" in said


def test_a_first_years_vacations_are_paid_in_proportion() -> None:
    question = (
        "entre el 1 de junio y renuncie el 1 de diciembre, cuantos dias de vacaciones me pagan?"
    )
    said = left_vacation_fact(question, retrieved={"79"}, today=TODAY)
    assert said is not None
    assert said.startswith("Por 184 días trabajados (del 1 de junio al 1 de diciembre)")
    assert "6.05 días de vacaciones" in said
    assert "(Art. 79 LFT)" in said
    assert left_vacation_fact(question, retrieved={"76"}, today=TODAY) is None
    # A job still running has no vacations to pay in money.
    running = "entre el 1 de junio, cuantos dias de vacaciones me tocan?"
    assert left_vacation_fact(running, retrieved={"79"}, today=TODAY) is None


def test_the_years_a_job_lasted_told_once_it_ended() -> None:
    question = (
        "me despidieron, tenia 5 años y ganaba 1,200 diarios. de prima de antiguedad cuanto seria?"
    )
    served = service(question)
    assert served is not None
    assert served.value == 5
    assert service("cuando tenia 16 años trabaje en una tienda, me despidieron") is None
    said = seniority_fact(question, retrieved={"162"}, today=TODAY)
    assert said is not None
    assert "60 días de salario" in said
    assert "$37,804.80" in said
    assert "tope" in said


def test_back_pay_is_twelve_months_at_most_with_interest_past_them() -> None:
    question = "si gano el juicio, cuanto serian los salarios caidos? ganaba 400 diarios"
    said = back_pay_fact(question, retrieved={"48"})
    assert said is not None
    assert "hasta por 12 meses (Art. 48 LFT)" in said
    assert "$144,000.00" in said
    assert "$3,600.00 por cada mes" in said
    assert back_pay_fact(question, retrieved={"50"}) is None
    assert back_pay_fact("me corrieron, cuanto me toca?", retrieved={"48"}) is None


def test_the_border_zones_minimum_wage_leads_for_a_border_city() -> None:
    said = minimum_wage_fact(
        "soy lavaplatos en tijuana, cuanto es lo minimo q me deben pagar al dia?", today=TODAY
    )
    assert said is not None
    assert said.startswith(
        "En la Zona Libre de la Frontera Norte el salario mínimo en 2026 es de $440.87"
    )
    general = minimum_wage_fact("cuanto es lo minimo q me deben pagar al dia?", today=TODAY)
    assert general is not None
    assert general.startswith("En 2026 el salario mínimo general es de $315.04")


def test_the_same_extra_hours_on_each_day_named_are_summed() -> None:
    week = weekly_overtime(fold("esta semana me quede 2 horas mas el lunes, martes y miercoles"))
    assert week is not None
    assert week.hours == Decimal(6)
    assert week.once
    week = weekly_overtime(fold("lunes, martes y miércoles me quedé 2 horas más cada día"))
    assert week is not None
    assert week.hours == Decimal(6)


def test_an_hour_typed_short_is_still_read() -> None:
    (shift,) = hour_ranges(fold("entro a las 3 de la tarde y salgo a las 11 d la noche"))
    assert shift.said == "15:00 a 23:00"


def test_which_shift_it_is_asks_no_yes_or_no() -> None:
    assert question_kind("entro a las 3 y salgo a las 11 de la noche, que jornada es?") == "open"
    assert question_kind("entro a las 3 y salgo a las 11 de la noche, es legal?") == "yes_no"


def test_a_shift_of_a_whole_day_is_past_twelve_hours() -> None:
    question = "soy guardia, turnos de 24 x 24. el supervisor dice q es legal, es cierto?"
    said = long_day_fact(question, retrieved={"66", "68", "59"}, today=TODAY)
    assert said is not None
    assert said.startswith("No: en turnos de 24 horas son 24 horas al día")
    assert long_day_fact("trabajo 8 horas, es legal?", retrieved={"66", "68"}, today=TODAY) is None


@pytest.mark.parametrize(
    ("question", "labor"),
    [
        (
            "ya q me corrieron voy a poner un puesto de tacos, q receta de salsa me recomiendas?",
            False,
        ),
        ("oye y como se prepara una michelada bien hecha pa venderla en el bar?", False),
        ("me dan media hora pa comer pero no me dejan salir, como en la cocina. cuenta?", True),
        ("se me acabo el mes de prueba en la aseguradora y sigo yendo, q soy ahora?", True),
        ("el imss no me quiere dar la receta medica de mi incapacidad", True),
        ("como se hace pa estallar una huelga?", True),
    ],
)
def test_a_recipe_is_refused_and_a_meal_break_is_not(question: str, labor: bool) -> None:
    assert check_scope(question).in_scope is labor


def test_a_claim_told_of_the_employer_must_is_read() -> None:
    told = claim_told("un compa dice q me tienen q aceptar si o si. es cierto?")
    assert told is not None
    assert "aceptar" in told


def _rule(rule_id: str) -> Rule:
    return next(r for r in load_rules() if r.id == rule_id)


def test_a_deduction_for_what_the_employer_pays_is_not_allowed() -> None:
    question = "en la nomina me descuentan 5% de infonavit y ni tengo credito. eso es legal?"
    assert verdict(question, _rule("136-infonavit-5")) == "No"
    # Without a deduction told, the employer's share is no verdict on the question.
    assert (
        verdict("cuanto aporta mi patron al infonavit, es legal?", _rule("136-infonavit-5")) != "No"
    )


def test_a_new_companys_exemption_agrees_with_the_boss_who_claims_it() -> None:
    question = (
        "la empresa empezo en marzo del 2025 y el director dice q x ser empresa nueva todavia no "
        "les toca repartir. es cierto?"
    )
    assert verdict(question, _rule("126-empresa-nueva")) == "Sí"


def test_a_denial_told_is_weighed_against_the_weeks() -> None:
    arts = {"154 LSS", "162 LSS"}
    uncle = "tengo 61 años y 900 semanas. mi tio dice q sin 1000 no me puedo pensionar, es cierto?"
    said = pension_weeks_fact(uncle, retrieved=arts, today=TODAY)
    assert said is not None
    assert said.startswith("No: con 900 semanas ya las juntas")
    daughter = (
        "tengo 66 años y 700 semanas, mi hija dice q sin 875 no me puedo pensionar, es cierto?"
    )
    said = pension_weeks_fact(daughter, retrieved=arts, today=TODAY)
    assert said is not None
    assert said.startswith("Sí, es cierto: con 700 semanas todavía no alcanzas")
    own = "tengo 66 años y 700 semanas, ya me puedo pensionar?"
    said = pension_weeks_fact(own, retrieved=arts, today=TODAY)
    assert said is not None
    assert said.startswith("No: con 700 semanas todavía no alcanzas")


def test_the_vacations_of_a_later_year_are_paid_in_proportion() -> None:
    question = (
        "renuncie el 1 de diciembre, entre el 1 de junio del año pasado. gano 400 diarios, cuanto "
        "me toca de vacaciones proporcionales?"
    )
    said = left_vacation_fact(question, retrieved={"79"}, today=TODAY)
    assert said is not None
    assert said.startswith("Por 184 días de tu segundo año de trabajo (del 1 de junio al 1 de")
    assert "7.06 días de vacaciones: la parte proporcional de los 14 días de tu segundo año" in said


def test_a_resignation_still_to_come_is_not_told_as_made() -> None:
    question = "voy a renunciar, mi prima dice q aunque renuncie me tienen q pagar, es cierto?"
    said = resignation_fact(question, retrieved={"87", "79"})
    assert said is not None
    assert "aunque renuncies te deben" in said


def test_what_they_have_to_pay_after_a_dismissal_is_its_liquidation() -> None:
    question = "me corrieron. cuanto me tienen q pagar? ganaba 8 mil al mes"
    said = liquidation_fact(question, retrieved={"48", "162", "87", "79"}, today=TODAY)
    assert said is not None
    assert said.startswith("Con $266.67 al día, si el despido es sin causa justificada")
    assert "$24,000.00 por los 3 meses" in said


def test_an_accident_on_the_way_to_work_is_said_to_be_a_work_accident() -> None:
    question = (
        "tuve un accidente en la moto de camino a la chamba, el imss me dio incapacidad. cuanto "
        "me van a pagar?"
    )
    assert subsidy_articles(question) == ("58 LSS", "42 LSS")
    said = subsidy_fact(question, retrieved={"58 LSS", "42 LSS"})
    assert said is not None
    assert said.startswith(
        "Un accidente de camino de tu casa al trabajo, o de regreso, cuenta como"
    )
    assert "el IMSS te paga el 100 %" in said


def test_an_injury_on_a_delivery_is_a_work_injury() -> None:
    question = (
        "me atropellaron haciendo una entrega en la moto, el imss me dio 21 dias de incapacidad. "
        "gano 400 diarios, cuanto me pagan?"
    )
    said = subsidy_fact(question, retrieved={"58 LSS"})
    assert said is not None
    assert "el IMSS te paga el 100 %" in said
    assert "Por 21 días de incapacidad, unos $8,400.00" in said


def test_an_app_workers_month_against_one_monthly_minimum_wage() -> None:
    question = "soy repartidor de didi food, me quedaban como 5 mil al mes, cuento como trabajador?"
    assert platform_articles(question) == ("291-C",)
    said = platform_status_fact(question, retrieved={"291-C"}, today=TODAY)
    assert said is not None
    assert said.startswith("No ese mes: con unos $5,000.00 netos al mes ganas menos de un")
    assert "$9,451.20 en 2026 (Art. 291-C LFT)" in said
    more = "manejo uber y saco 12 mil al mes libres, soy trabajador?"
    said = platform_status_fact(more, retrieved={"291-C"}, today=TODAY)
    assert said is not None
    assert said.startswith("Sí: con unos $12,000.00 netos al mes")
    assert (
        platform_status_fact("gano 5 mil al mes, soy trabajador?", retrieved={"291-C"}, today=TODAY)
        is None
    )


def test_a_schedule_told_before_prices_no_other_question() -> None:
    story = "trabajo de lunes a sabado de 7 a 5 y gano 2500 a la semana. cuanto me pagaria el imss?"
    arts = {"66", "67", "68"}
    assert (
        overtime_fact(story, retrieved=arts, today=TODAY, asked="cuanto me pagaria el imss?")
        is None
    )
    said = overtime_fact(
        story, retrieved=arts, today=TODAY, asked="cuanto me deben de horas extra?"
    )
    assert said is not None
    assert said.startswith("Tu jornada de 7:00 a 17:00 pasa 2 horas")


def test_vacations_owed_now_are_yes_with_the_days() -> None:
    question = "llevo 3 años y nunca me han dado vacaciones, me tocan vacaciones?"
    said = vacation_fact(question, due_retrieved=True)
    assert said is not None
    assert said.startswith("Sí: al cumplir 3 años de trabajo te tocan 16 días laborables")
    assert "dentro de los 6 meses siguientes" in said
    plain_said = vacation_fact(question)
    assert plain_said is not None
    assert "(Art. 81 LFT)" not in plain_said
    assert vacation_fact("me tocan vacaciones?") is None  # no years told


def test_how_much_profit_sharing_is_bounded_without_the_companys_profits() -> None:
    question = "trabajo ahi desde 2019 y gano 10 mil al mes, cuanto me tocaria de utilidades?"
    said = ptu_cap_fact(question, retrieved={"127"})
    assert said is not None
    assert said.startswith("Cuánto te toca de reparto de utilidades depende de lo que ganó")
    assert "3 meses de tu salario ($30,000.00" in said
    assert ptu_cap_fact("cuanto me toca de utilidades?", retrieved={"127"}) is None


def test_a_job_kept_answers_whether_one_may_be_fired() -> None:
    question = "tengo incapacidad del imss por covid. me pueden correr?"
    assert verdict(question, _rule("42-suspension-enfermedad")) == "No"
    assert verdict("me arrestaron el fin de semana, me pueden correr?", _rule("42-arresto")) == "No"
    assert verdict("me pueden dar vacaciones?", _rule("42-suspension-enfermedad")) != "No"


def test_the_finiquito_and_the_liquidacion_told_apart() -> None:
    question = "q diferencia hay entre finiquito y liquidacion"
    assert liquidation_articles(question) == ("48", "162", "87", "79")
    said = difference_fact(question, retrieved={"48", "162", "87", "79"})
    assert said is not None
    assert said.startswith("El finiquito es lo que te deben siempre que termina tu trabajo")
    assert "3 meses de salario de indemnización (Art. 48 LFT)" in said
    assert difference_fact(
        "es lo mismo la liquidacion que el finiquito?", retrieved={"48", "162", "87", "79"}
    )
    assert (
        difference_fact(
            "me corrieron, cuanto es mi liquidacion?", retrieved={"48", "162", "87", "79"}
        )
        is None
    )


def test_a_full_time_job_is_no_term_asked() -> None:
    assert asks_resignation_pay("trabajaba a tiempo completo, si renuncio que me toca?")
    assert not asks_resignation_pay("renuncie hace un mes, todavia estoy a tiempo de reclamar?")
