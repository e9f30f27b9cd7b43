"""What the thirty-second pass's chat plays found the answers getting wrong (#13)."""

from __future__ import annotations

from datetime import date

from rag.claims import claim_told, claim_verdict
from rag.next_steps import is_dismissal
from rag.overtime_pay import unpaid_overtime_fact
from rag.remedy import job_over
from rag.resignation import earlier_resignation
from rag.rules import Rule

TODAY = date(2026, 12, 7)
STORY = "me hacen quedarme 2 horas diario despues de mi turno y no me las pagan"


def _fact(asked: str, *, story: str = STORY, retrieved: tuple[str, ...] = ("66", "68")) -> str:
    return (
        unpaid_overtime_fact(f"{story} {asked}", retrieved=retrieved, today=TODAY, asked=asked)
        or ""
    )


def test_unpaid_overtime_is_not_legal_and_must_be_paid() -> None:
    assert _fact("eso es legal?").startswith("No: las horas extra se tienen que pagar")
    assert _fact("me las tienen que pagar?").startswith("Sí: las horas extra")
    assert "primeras 9" in _fact("se vale?")  # 2026's cap paid double (Art. 66)
    # Asked of something else, or of overtime that is paid, or without the articles: nothing.
    assert _fact("y me pueden obligar a quedarme?") == ""
    assert _fact("eso es legal?", story="me quedo 2 horas extra diario y me las pagan bien") == ""
    assert _fact("eso es legal?", retrieved=("66",)) == ""
    assert _fact("cuanto me deben?") == ""  # the pesos are overtime_fact's


def test_a_rule_giving_an_unjustified_dismissals_rights_denies_nothing_owed() -> None:
    question = "y si el ingeniero dice q como era por obra no me toca nada?"
    claim = claim_told(question)
    assert claim is not None
    rule = Rule(
        id="55-terminacion-sin-prueba",
        law="LFT",
        article="55",
        kind="verdict",
        rule=(
            "Si el patrón dice que tu trabajo terminó (por ejemplo, que se acabó la obra) y no "
            "lo prueba en juicio, tienes los mismos derechos que en un despido injustificado."
        ),
        passage="Si en el juicio correspondiente no comprueba el patrón las causas de la "
        "terminación, tendrá el trabajador los derechos consignados en el artículo 48.",
    )
    assert claim_verdict(claim, question, rule) == "No"


def test_a_resignation_asked_for_is_no_resignation_told() -> None:
    story = "toy embarazada de 5 meses y mi jefa me dijo q mejor renuncie"
    assert not earlier_resignation("y me dan algo?", [], story=story)
    assert earlier_resignation("y me dan algo?", [], story="renuncie el viernes")
    # Another thing asked ("¿cuántas semanas me dan de incapacidad?") is no finiquito.
    assert not earlier_resignation(
        "y cuantas semanas me dan de incapacidad?", [], story="renuncie el viernes"
    )


def test_a_voluntary_separation_is_no_dismissal() -> None:
    context = {"motivo": "renuncia"}
    assert not is_dismissal("renuncie separacion voluntaria q hago si no me pagan?", context)
    assert is_dismissal("me corrieron, q hago?", {})


def test_a_job_over_has_nothing_to_leave() -> None:
    assert job_over("renuncie el viernes y no me quieren dar mi finiquito")
    assert not job_over("no me pagan desde hace 3 semanas")
    assert not job_over("estoy embarazada y la gerente me dijo q mejor renuncie")


def test_building_ones_house_a_festive_dish_and_a_flats_deposit_are_out_of_scope() -> None:
    from rag.scope import check_scope

    for message in (
        "oigan cuantos bultos de cemento lleva una losa de 5x4 de 10 cm? es pa mi casa",
        "como se hacen los chiles en nogada? los quiero llevar a la comida de la oficina",
        "me sali del depa q rentaba y el dueño no me quiere regresar el deposito, q hago?",
    ):
        assert check_scope(message).verdict == "out_of_scope", message
    for message in (
        "me hacen cargar bultos de cemento de 50 kilos en la obra es legal",
        "trabajo en un depa de limpieza",
        "como se hacen las horas extra",
    ):
        assert check_scope(message).verdict == "labor", message


def test_a_claim_closed_by_neta_or_told_where_it_was_said_is_weighed() -> None:
    told = claim_told(
        "el ing dice q el accidente fue mi culpa x no fijarme donde pisaba y q por eso no me "
        "toca nada. neta?"
    )
    assert told is not None
    assert "no me toca nada" in told
    where = claim_told("me dijeron en la constructora q el primer mes no se paga. es asi??")
    assert where == "el primer mes no se paga"


def test_dangerous_work_asked_for_a_minor_is_a_no() -> None:
    from rag.lead import verdict

    rule = Rule(
        id="176-construccion",
        law="LFT",
        article="176",
        kind="verdict",
        rule="Para menores de 18, trabajar en obras de construcción se considera labor peligrosa.",
        passage="13. En obras de construcción",
    )
    assert verdict("tengo 17 puedo trabajar en una obra de construccion?", rule) == "No"
    assert verdict("mi hijo de 16 en la obra, el ing dice q no hay bronca. se puede?", rule) == "No"
    assert verdict("que se considera labor peligrosa para un menor?", rule) == ""


def test_a_dismissal_for_a_work_risks_incapacity_is_unjustified() -> None:
    from rag.severance import needed_articles, risk_dismissal_fact

    story = "me cai de un andamio en la obra y me fracture el pie"
    asked = "y si me corren por estar incapacitado?"
    question = f"{story} {asked}"
    assert needed_articles(question) == ("48", "491", "498")
    said = risk_dismissal_fact(question, retrieved=("48", "491", "498"), asked=asked) or ""
    assert said.startswith("No pueden correrte por estar incapacitado")
    assert "(Art. 491 LFT)" in said
    assert "(Art. 498 LFT)" in said
    # Only what was retrieved is cited; an illness not from work is another rule (Art. 54).
    assert "491" not in (risk_dismissal_fact(question, retrieved=("48",), asked=asked) or "")
    assert risk_dismissal_fact(question, retrieved=("491", "498"), asked=asked) is None
    other = "me enferme de gripa, no es del trabajo, y si me corren por estar incapacitado?"
    assert risk_dismissal_fact(other, retrieved=("48",), asked=other) is None


def test_last_years_aguinaldo_may_be_claimed_until_about_20_december() -> None:
    from rag.terms import aguinaldo_term_fact, aguinaldo_year, needed_articles

    asked = "todavia lo puedo reclamar?"
    story = "el año pasado no me pagaron el aguinaldo"
    question = f"{story} {asked}"
    assert aguinaldo_year(question, today=TODAY) == 2025
    assert needed_articles(question) == ("516", "87")
    said = aguinaldo_term_fact(question, retrieved=("87", "516"), today=TODAY, asked=asked) or ""
    assert said.startswith("Sí, todavía estás a tiempo")
    assert "20 de diciembre de 2026" in said
    assert "13 días" in said
    until = "hasta cuando puedo reclamar el aguinaldo del 2025?"
    assert (aguinaldo_term_fact(until, retrieved=("87", "516"), today=TODAY) or "").startswith(
        "Tienes hasta el 20 de diciembre de 2026"
    )
    old = "todavia puedo reclamar mi aguinaldo del 2024?"
    assert (aguinaldo_term_fact(old, retrieved=("87", "516"), today=TODAY) or "").startswith(
        "No: por regla general ya pasó el plazo"
    )
    # Without both articles retrieved, or without a year named, nothing is said.
    assert aguinaldo_term_fact(question, retrieved=("516",), today=TODAY, asked=asked) is None
    assert (
        aguinaldo_term_fact(
            "todavia puedo reclamar mi aguinaldo?", retrieved=("87", "516"), today=TODAY
        )
        is None
    )


def test_refusing_a_change_is_no_cause_for_dismissal() -> None:
    from rag.lead import verdict

    rule = Rule(
        id="47-solo-causas",
        law="LFT",
        article="47",
        kind="verdict",
        rule=(
            "Solo pueden despedirte sin pagarte indemnización por una causa justificada: las que "
            "enumera la ley u otras igual de graves y parecidas. Si no la hay, el despido es "
            "injustificado."
        ),
        passage="",
    )
    asked = "me quieren cambiar de turno a la noche. y si no acepto me puede correr?"
    assert verdict(asked, rule) == "No"
    assert verdict("me pueden correr por faltar 4 dias?", rule) != "No"


def test_an_uninsured_workers_days_off_after_a_work_accident_are_the_employers() -> None:
    from rag.subsidy import needed_articles, uninsured_risk_fact

    question = (
        "me cai de un andamio y el patron no me tenia en el imss, quien me paga los dias q no "
        "trabaje?"
    )
    assert needed_articles(question) == ("491", "487")
    said = uninsured_risk_fact(question, retrieved=("491", "487")) or ""
    assert said.startswith("Tu patrón: como no te tenía inscrito en el IMSS")
    assert "(Art. 487 LFT)" in said
    assert uninsured_risk_fact(question, retrieved=("487",)) is None
    insured = "me cai de un andamio, quien me paga los dias q no trabaje?"
    assert uninsured_risk_fact(insured, retrieved=("491", "487")) is None


def test_holidays_in_general_are_paid_triple_when_worked() -> None:
    from rag.holidays import holiday_fact, needed_articles

    asked = "y los dias festivos me los tienen q pagar doble?"
    assert needed_articles(asked) == ("74", "75")
    said = holiday_fact(asked, today=TODAY, pay_retrieved=True) or ""
    assert said.startswith("Sí: si trabajas un día festivo")
    assert "(Art. 75 LFT)" in said
    how_much = holiday_fact(
        "cuanto me pagan si trabajo un dia festivo?", today=TODAY, pay_retrieved=True
    )
    assert (how_much or "").startswith("Si trabajas un día festivo")
    assert holiday_fact(asked, today=TODAY, pay_retrieved=False) is None


def test_a_holiday_worked_and_paid_as_any_day_is_a_no() -> None:
    from rag.holidays import holiday_fact

    asked = "trabaje el 1 de mayo y me lo pagaron sencillo, es legal?"
    said = holiday_fact(asked, today=TODAY, pay_retrieved=True) or ""
    assert said.startswith("No: el 1 de mayo es día de descanso obligatorio")
    assert "en total, el triple" in said
    moved = "el lunes 16 de noviembre fue puente y fui, me lo pagaron como dia normal. ta bien asi?"
    assert (holiday_fact(moved, today=TODAY, pay_retrieved=True) or "").startswith("No: el 16")
    # Asked whether more is owed: yes.
    more = "el 1 de mayo me toco trabajar, me pagaron el dia normal nomas. me deben algo mas?"
    assert (holiday_fact(more, today=TODAY, pay_retrieved=True) or "").startswith(
        "Sí: el 1 de mayo"
    )
    # Asked whether it is a holiday at all: yes.
    plain = holiday_fact("el 25 de diciembre es festivo?", today=TODAY, pay_retrieved=True) or ""
    assert plain.startswith("Sí: el 25 de diciembre")


def test_what_lets_the_worker_leave_is_no_permission_for_the_employer() -> None:
    from rag.lead import verdict

    rule = Rule(
        id="51-reducir-salario",
        law="LFT",
        article="51",
        kind="verdict",
        rule="Si tu patrón te baja el sueldo, puedes dejar el trabajo por su culpa, sin "
        "responsabilidad para ti.",
        passage="",
    )
    assert verdict("me bajaron el sueldo sin avisarme, se puede hacer eso?", rule) == "No"
    assert verdict("me bajaron el sueldo, me puedo ir y que me paguen?", rule) != "No"


def test_a_resignation_filed_under_the_dismissal_topic_is_no_dismissal() -> None:
    context = {"tema": "despido", "motivo": "renuncié"}
    story = "renuncié hace 14 días. despido q onda con mi finiquito y si no me lo dan q hago"
    assert not is_dismissal(story, context)


def test_where_do_i_claim_it_asks_what_to_do() -> None:
    from rag.remedy import asks_what_to_do

    assert asks_what_to_do("donde lo reclamo?")
    assert asks_what_to_do("a donde voy?")


def test_sms_spellings_are_read_as_meant() -> None:
    from rag.query import respell

    assert respell("y si no m lo pagan?") == "y si no me lo pagan?"
    assert respell("me kieren korrer x q me embaraze") == "me quieren correr x q me embaraze"
    assert respell("no me an dado vacaciones") == "no me han dado vacaciones"
    assert respell("cuanto mide 5 m de altura") == "cuanto mide 5 m de altura"


def test_a_week_past_the_laws_day_asked_if_legal_is_a_no() -> None:
    from rag.overtime_pay import long_week_fact, needed_articles

    asked = "trabajo de lunes a sabado de 8 a 8, es legal?"
    assert needed_articles(asked) == ("66", "68", "61")
    said = long_week_fact(asked, retrieved=("66", "68", "61"), today=TODAY) or ""
    assert said.startswith("No: la jornada diurna dura como máximo 8 horas al día (Art. 61 LFT)")
    assert "la tuya de 8:00 a 20:00 pasa 4 horas: 6 días a la semana son 24 horas extra" in said
    assert "las primeras 9 al doble" in said
    # Without the law's day retrieved nothing is said; a choice asked gets no "No".
    assert long_week_fact(asked, retrieved=("66", "68"), today=TODAY) is None
    night = "trabajo de lunes a sabado de 22 a 6, me deben horas extra o asi es normal?"
    chosen = long_week_fact(night, retrieved=("66", "68", "61"), today=TODAY) or ""
    assert chosen.startswith("La jornada nocturna dura como máximo 7 horas")
    assert "pasa 1 hora:" in chosen
    assert (
        long_week_fact(
            "trabajo de lunes a sabado de 8 a 4, es legal?", retrieved=("66", "68"), today=TODAY
        )
        is None
    )


def test_salary_days_are_no_answer_to_when() -> None:
    from rag.lead import _wanted

    fifteen = Rule(
        id="87-15-dias", law="LFT", article="87", kind="amount",
        rule="Tienes derecho a un aguinaldo de al menos 15 días de salario cada año.", passage="",
    )  # fmt: skip
    due = Rule(
        id="87-fecha", law="LFT", article="87", kind="deadline",
        rule="El aguinaldo te lo deben pagar antes del 20 de diciembre.", passage="",
    )  # fmt: skip
    assert not _wanted(fifteen, "until_when")
    assert _wanted(due, "until_when")


def test_a_linked_question_that_names_its_subject_is_its_own() -> None:
    from rag.follow_up import follows_up

    # After "¿me puede correr?", the leave's weeks were answered with the dismissal's rule.
    assert not follows_up("y cuantas semanas me dan de incapacidad?")
    assert follows_up("y si no me las dan que hago")
    assert follows_up("y cuando me lo tienen que pagar?")  # "lo" points back
    assert follows_up("y el aguinaldo tambien?")  # short
