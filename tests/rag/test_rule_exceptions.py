"""The law's exceptions to a rule lead when the question names their case."""

from __future__ import annotations

import pytest

from rag.rule_exceptions import (
    ANY_RULE,
    decides,
    deciding_articles,
    deciding_matches,
    exception_first,
    general_first,
    load_conditions,
    load_exceptions,
    named_exception_articles,
    parse_exceptions,
)
from rag.rule_index import RuleMatch
from rag.rules import load_rules

RULES = {r.id: r for r in load_rules()}


def match(rule_id: str, score: float) -> RuleMatch:
    return RuleMatch(RULES[rule_id], score, 0, 0.5, False)


def test_every_exception_names_packaged_rules_of_one_article() -> None:
    table = load_exceptions()
    assert table
    for general, exceptions in table.items():
        assert general in RULES or general == ANY_RULE
        for exception in exceptions:
            assert exception.rule_id in RULES
            assert exception.rule_id != general


def test_a_bad_line_is_refused() -> None:
    with pytest.raises(ValueError, match=r"rule_exceptions\.tsv:1"):
        parse_exceptions("684-b-primero-conciliacion\t685-ter-sin-conciliacion\n")
    with pytest.raises(ValueError, match=r"rule_exceptions\.tsv:1: an empty group"):
        parse_exceptions("*\t68-no-obligado\tme niego & \n")


def test_a_case_of_two_groups_needs_both_named() -> None:
    """Refusing, and refusing overtime: "si me niego a firmar" is another matter."""
    table = parse_exceptions("*\t68-no-obligado\tme niego|negarme & horas extra|doblar\n")
    ranked = [match("88-plazo-pago", 9.0)]
    refusal = match("68-no-obligado", 1.0)
    overtime = "me hacen doblar turno, y si me niego me pueden correr?"
    assert exception_first(ranked, [*ranked, refusal], overtime, table)[0] is refusal
    signing = "si me niego a firmar la renuncia me pueden correr?"
    assert exception_first(ranked, [*ranked, refusal], signing, table) == ranked


@pytest.mark.parametrize(
    ("meant", "first"),
    [
        # Harassment named (in the slang table's words too): Art. 685 Ter's exception leads.
        (
            "me acosaba el supervisor, tengo q ir primero a conciliacion?",
            "685-ter-sin-conciliacion",
        ),
        ("me manda insinuaciones acoso sexual hostigamiento", "685-ter-sin-conciliacion"),
        (
            "no nos dejan formar sindicato, hay q ir a conciliacion?",
            "685-ter-derechos-fundamentales",
        ),
        # A dismissal with no exceptional case keeps the general rule.
        ("me corrieron, tengo q ir primero a conciliacion?", "684-b-primero-conciliacion"),
    ],
)
def test_the_exception_whose_case_is_named_leads(meant: str, first: str) -> None:
    ranked = [match("684-b-primero-conciliacion", 9.0), match("47-aviso", 5.0)]
    below_the_floor = [
        match("685-ter-sin-conciliacion", 0.5),
        match("685-ter-derechos-fundamentales", 0.4),
    ]
    out = exception_first(ranked, [*ranked, *below_the_floor], meant)
    assert out[0].rule.id == first
    assert [m.rule.id for m in out].count(first) == 1


def test_only_a_rule_with_exceptions_gives_way() -> None:
    ranked = [match("47-aviso", 9.0)]
    out = exception_first(ranked, [*ranked, match("685-ter-sin-conciliacion", 1.0)], "acoso")
    assert [m.rule.id for m in out] == ["47-aviso"]


def test_a_deciding_case_leads_over_any_rule() -> None:
    """ "Por honorarios" decides the answer (Art. 21's presumption) whatever rule led."""
    ranked = [match("162-despido", 9.0), match("48-reinstalacion-o-indemnizacion", 5.0)]
    presumption = match("21-presuncion", 1.0)
    meant = "me tienen por honorarios con horario y jefe, me corrieron y dicen q no me toca nada"
    out = exception_first(ranked, [*ranked, presumption], meant)
    assert [m.rule.id for m in out] == [
        "21-presuncion",
        "162-despido",
        "48-reinstalacion-o-indemnizacion",
    ]
    # Not named, or not among the retrieved articles' rules: the ranking stands.
    assert exception_first(ranked, [*ranked, presumption], "me corrieron") == ranked
    assert exception_first(ranked, ranked, meant) == ranked


def test_an_exception_to_an_exception_leads_when_both_cases_are_named() -> None:
    """A cash shortage is a loss the law lets the employer deduct (Art. 110-I), but nothing
    may be deducted from a minimum wage for it (Art. 97)."""
    general = match("110-descuentos-prohibidos", 9.0)
    rest = [match("110-perdidas-averias", 1.0), match("97-minimo-sin-descuentos", 0.5)]
    shortage = "soy cajera y el faltante me lo descuentan de mi sueldo"
    out = exception_first([general], [general, *rest], shortage)
    assert [m.rule.id for m in out] == ["110-perdidas-averias", "110-descuentos-prohibidos"]
    out = exception_first([general], [general, *rest], shortage + ", y gano el minimo")
    assert out[0].rule.id == "97-minimo-sin-descuentos"
    assert len({m.rule.id for m in out}) == len(out)


def test_the_exceptions_of_an_articles_general_rule_hold_when_another_of_its_rules_leads() -> None:
    alimony = match("110-pension-alimenticia", 9.0)
    rest = [match("110-descuentos-prohibidos", 2.0), match("110-perdidas-averias", 1.0)]
    shortage = "cuando sale faltante en la bomba me lo descuentan, pueden?"
    out = exception_first([alimony, *rest], [alimony, *rest], shortage)
    assert out[0].rule.id == "110-perdidas-averias"
    # Another article's first rule keeps its place.
    other = match("47-aviso", 9.0)
    assert exception_first([other, *rest], [other, *rest], shortage)[0] is other


def test_a_deactivated_app_worker_hears_the_void_block_or_the_indemnity_asked() -> None:
    """Art. 291-P (a block without a written notice is void) for "¿pueden?" or "¿tengo derecho
    a algo?"; Art. 50's platform indemnity for "¿cuánto me tienen que dar?"."""
    story = "la app me desactivo la cuenta sin decirme por que"
    first = match("291-k-pago-semanal", 9.0)
    named = deciding_matches(story, ["291-K", "291-P", "50"])
    assert [m.rule.id for m in named][:2] == ["291-p-bloqueo-sin-aviso", "50-plataformas"]
    assert all(m.score == 0.0 for m in named)
    assert deciding_matches(story, ["291-K"]) == []  # their articles were not retrieved
    out = exception_first([first], [first, *named], f"{story}, tengo derecho a algo?")
    assert out[0].rule.id == "291-p-bloqueo-sin-aviso"
    asked = f"{story}, cuanto me tienen q dar?"
    out = exception_first([first], [first, *named], asked, amount=True)
    assert out[0].rule.id == "50-plataformas"
    # The void block leading already is not displaced by the other deciding case.
    block = named[0]
    assert exception_first([block, first], [block, first, *named], story)[0] is block


def test_a_deciding_case_named_fetches_its_article() -> None:
    assert deciding_articles("trabajo de lunes a domingo sin descanso, eso se puede?") == ("69",)
    assert "20" in deciding_articles("me contrataron por honorarios")
    assert deciding_articles("me toca aguinaldo?") == ()


def test_every_condition_names_packaged_rules() -> None:
    table = load_conditions()
    assert table
    for general, specials in table.items():
        assert general in RULES
        for special in specials:
            assert special.rule_id in RULES
            assert RULES[special.rule_id].article == RULES[general].article


def test_a_special_case_not_named_gives_way_to_the_general_rule() -> None:
    ranked = [match("170-ocho-semanas", 9.0), match("170-adopcion", 8.0)]
    general = match("170-incapacidad-maternidad", 5.0)
    asked = "cuanto tiempo de incapacidad me dan cuando nazca el bebe?"
    out = general_first(ranked, [*ranked, general], asked)
    assert [m.rule.id for m in out] == ["170-incapacidad-maternidad", *[m.rule.id for m in ranked]]
    # Named, the special case keeps the lead; without the general rule at hand, nothing moves.
    named = "mi bebe nacio prematuro y esta en el hospital, cuanto descanso me dan?"
    assert general_first(ranked, [*ranked, general], named) == ranked
    assert general_first(ranked, ranked, asked) == ranked


def test_an_accident_on_the_way_leads_only_when_the_way_is_told() -> None:
    ranked = [match("474-trayecto", 9.0), match("474-accidente", 8.0)]
    fell = "me cai de un andamio en la obra y me fracture el brazo"
    assert general_first(ranked, ranked, fell)[0].rule.id == "474-accidente"
    way = "iba en la bici de mi casa a la obra y me atropellaron"
    assert general_first(ranked, ranked, way)[0].rule.id == "474-trayecto"


def test_a_dismissed_worker_asked_to_sign_and_pay_held_to_the_end_of_the_job() -> None:
    signed = deciding_matches("me corrieron ayer. tengo q firmar algo?", ["33", "47"])
    assert [m.rule.id for m in signed] == ["33-renuncia-nula"]
    # Signing with no dismissal told is no case of it.
    assert deciding_matches("tengo q firmar mi contrato?", ["33"]) == []
    held = deciding_matches("no me quiere pagar, dice q hasta q acabemos la obra", ["88"])
    assert [m.rule.id for m in held] == ["88-plazo-pago"]


def test_a_domestic_worker_without_a_rest_day_hears_her_day_and_a_half() -> None:
    story = "soy trabajadora del hogar de planta, llevo 8 meses sin un solo dia de descanso"
    named = deciding_matches(story, ["69", "336"])
    # Her own chapter's day and a half is a deciding case too, told with her job.
    assert [m.rule.id for m in named] == ["69-descanso-semanal", "336-dia-y-medio"]
    rest = match("336-dia-y-medio", 5.0)
    out = exception_first(named, [*named, rest], story)
    assert out[0].rule.id == "336-dia-y-medio"
    # A worker of a shop keeps Art. 69's day.
    shop = "trabajo en una tienda sin dia de descanso"
    assert exception_first(named, [*named, rest], shop)[0].rule.id == "69-descanso-semanal"


def test_an_illness_suspends_the_job_and_a_work_risk_brings_the_worker_back() -> None:
    sick = deciding_matches("estoy incapacitado por una hernia, me pueden correr?", ["42", "498"])
    assert [m.rule.id for m in sick] == ["42-suspension-enfermedad"]
    hurt = "me cai en la obra y estoy incapacitado, me pueden correr?"
    named = deciding_matches(hurt, ["42", "498"])
    assert {m.rule.id for m in named} == {"42-suspension-enfermedad", "498-reponer-empleo"}
    assert exception_first(named, named, hurt)[0].rule.id == "498-reponer-empleo"
    # Sick with no loss of the job feared: no case.
    assert deciding_matches("estoy incapacitado, cuanto me pagan?", ["42", "498"]) == []


def test_a_dismissal_for_claiming_ones_rights_is_answered_with_a_dismissal_without_cause() -> None:
    found = deciding_matches("y si me corre x reclamar?", ["346", "48"])
    assert [m.rule.id for m in found] == ["48-reinstalacion-o-indemnizacion"]
    assert deciding_matches("si me corren por quejarme, que hago?", ["48"])
    # A claim without a dismissal, or a dismissal for another reason, is not this case.
    assert deciding_matches("quiero reclamar mis propinas", ["346", "48"]) == []
    assert deciding_matches("me corrieron por faltar", ["47", "48"]) == []
    # One that happened is answered with its deadline first (rag.next_steps).
    assert deciding_matches("ayer me corrieron por reclamar, que hago?", ["48", "518"]) == []


def test_the_general_rule_gives_way_to_the_special_case_the_story_names() -> None:
    """ "Iba de mi casa al trabajo y me caí": Art. 474's way to work, though retrieval put the
    definition of an accident first."""
    general = [match("474-accidente", 9.0)]
    way = match("474-trayecto", 4.0)
    told = "iba en mi moto de mi casa al taller y me cai, el patron dice q no cuenta"
    assert general_first(general, [*general, way], told)[0].rule.id == "474-trayecto"
    fell = "me cai de un andamio en la obra y me fracture el brazo"
    assert general_first(general, [*general, way], fell)[0].rule.id == "474-accidente"


def test_an_exception_whose_condition_the_story_misses_does_not_lead() -> None:
    """Art. 49's employer may refuse to reinstate a worker of under a year, not one of three."""
    first = [match("48-reinstalacion-o-indemnizacion", 9.0)]
    refuse = match("49-menos-de-un-ano", 1.0)
    asked = (
        "me corrieron sin motivo a los 8 meses, quiero q me regresen, el patron puede decir q no?"
    )
    assert exception_first(first, [*first, refuse], asked)[0].rule.id == "49-menos-de-un-ano"
    three = asked.replace("a los 8 meses", "despues de 3 años")
    assert exception_first(first, [*first, refuse], three)[0].rule.id == first[0].rule.id


def test_more_than_twenty_years_decides_a_dismissal_only_when_the_years_are_told() -> None:
    """Art. 161: after 20 years only an especially grave cause; the years must be told."""
    first = [match("47-faltas", 9.0)]
    grave = match("161-veinte-anos", 1.0)
    told = "tengo 23 años en la ladrillera, llegue tarde 2 veces y me van a dar de baja, pueden?"
    assert exception_first(first, [*first, grave], told)[0].rule.id == "161-veinte-anos"
    for untold in (
        "llevo 5 años en la fabrica y me quieren correr por llegar tarde, pueden?",
        "llevo mucho tiempo en la empresa y me quieren correr, pueden?",
    ):
        assert exception_first(first, [*first, grave], untold)[0].rule.id != "161-veinte-anos"


def test_a_deciding_case_named_leads_when_no_rule_passed_the_floor() -> None:
    """ "Perdí la vista por la diabetes y ya no puedo manejar": Art. 54's incapacity not from
    work, though every rule retrieval weighed was for a work risk and was set aside."""
    story = "perdi la vista de un ojo por la diabetes y ya no puedo manejar. si me dan de baja?"
    illness = match("54-incapacidad-no-laboral", 0.5)
    out = exception_first([], [illness], story)
    assert [m.rule.id for m in out] == ["54-incapacidad-no-laboral"]
    assert exception_first([], [illness], "si me dan de baja cuanto me toca?") == []


def test_deciding_cases_of_being_late_and_of_moving_the_leave() -> None:
    """Being late is no cause the law names (Art. 47); "all the weeks after the birth" is
    answered by the 4 of 6 weeks that may be moved (Art. 170-II Bis)."""
    late = "me quieren correr por llegar tarde 3 veces, pueden?"
    assert [m.rule.id for m in deciding_matches(late, ["47"])] == ["47-solo-causas"]
    assert deciding_matches("me quieren correr, pueden?", ["47"]) == []
    leave = "quiero tomar toda la incapacidad despues del parto, se puede?"
    assert [m.rule.id for m in deciding_matches(leave, ["170"])] == ["170-transferir-semanas"]
    # Weeks asked of the birth alone are not the move of the leave.
    assert deciding_matches("cuantas semanas me dan de incapacidad por maternidad?", ["170"]) == []


def test_a_special_case_is_unnamed_until_the_story_names_it() -> None:
    from rag.rule_exceptions import unnamed_special

    births = "me tocan 6 semanas antes del parto y 6 despues, es cierto?"
    assert unnamed_special("170-ocho-semanas", births)
    assert not unnamed_special("170-ocho-semanas", "mi bebe nacio prematuro y esta en el hospital")
    # A general rule, or a rule of no such pair, is no special case.
    assert not unnamed_special("170-incapacidad-maternidad", births)
    assert not unnamed_special("518-despido-dos-meses", births)


def test_an_accident_of_an_uninsured_worker_is_art_77_lss_not_only_the_duty_to_register() -> None:
    accident = (
        "me cai en la obra y me fracture, el ingeniero dice q como no estoy dado de alta no paga"
    )
    # Art. 15 LSS leads by its words; Art. 77 LSS's narrower case (an accident too) displaces it.
    ranked = [match("15-lss-alta", 9.0), match("77-lss-sin-seguro", 1.0)]
    assert exception_first(ranked, ranked, accident)[0].rule.id == "77-lss-sin-seguro"
    dropped = "me dieron de baja del imss pero sigo trabajando"
    ranked = [match("15-lss-alta", 9.0), match("77-lss-sin-seguro", 1.0)]
    assert exception_first(ranked, ranked, dropped)[0].rule.id == "15-lss-alta"
    assert "15 LSS" in deciding_articles(dropped)


def test_the_narrowest_deciding_case_named_leads() -> None:
    ranked = [match("684-b-primero-conciliacion", 9.0), match("133-despido-embarazo", 2.0)]
    exempt = match("685-ter-sin-conciliacion", 1.0)
    asked = "me corrieron estando embarazada, tengo q ir primero a conciliacion?"
    assert exception_first(ranked, [*ranked, exempt], asked)[0].rule.id == (
        "685-ter-sin-conciliacion"
    )
    told = "me corrieron de la zapateria cuando supieron q estoy embarazada, ni modo"
    assert exception_first(ranked, [*ranked, exempt], told)[0].rule.id == "133-despido-embarazo"


def test_the_case_the_latest_words_name_decides_before_the_storys() -> None:
    """The field housing charged for was the first question; "y además me dio dengue" the next:
    the tropical disease's 75 % answers it, not the housing again."""
    ranked = [match("283-pago-semanal-campo", 9.0), match("283-enfermedad-75", 8.0)]
    housing = match("283-vivienda-campo", 1.0)
    story = "en la pizca del rancho el mayordomo nos cobra 300 a la semana x el cuarto del albergue"
    latest = "y ademas me dio dengue y no pude ir 2 semanas, no me paga nada"
    meant = f"{story} {latest}"
    assert exception_first(ranked, [*ranked, housing], meant)[0].rule.id == "283-vivienda-campo"
    led = exception_first(ranked, [*ranked, housing], meant, own=latest)
    assert led[0].rule.id == "283-enfermedad-75"


@pytest.mark.parametrize(
    ("meant", "first"),
    [
        # Worn out by use: Art. 132's wear, not Art. 110's damages within a cap.
        (
            "la diadema ya estaba bien gastada de tanto uso y se rompio, me la quieren cobrar",
            "132-desgaste",
        ),
        ("la desbrozadora ya estaba viejita y se descompuso, me la cobran", "132-desgaste"),
        # A breakage with no wear told keeps the damages and their cap.
        ("se rompieron unos bultos de cemento y me los van a descontar", "110-perdidas-averias"),
    ],
)
def test_a_tool_worn_out_by_use_is_no_damage_to_deduct(meant: str, first: str) -> None:
    ranked = [match("110-perdidas-averias", 9.0), match("110-descuentos-prohibidos", 5.0)]
    out = exception_first(ranked, [*ranked, match("132-desgaste", 0.5)], meant)
    assert out[0].rule.id == first


def test_a_domestic_workers_registration_is_her_chapters_rule() -> None:
    ranked = [match("334-bis-prestaciones", 9.0), match("15-lss-alta", 2.0)]
    own = match("337-imss-hogar", 5.0)
    story = "la señora de la casa donde hago el aseo nunca me ha dado de alta en el seguro social"
    assert exception_first(ranked, [*ranked, own], story)[0].rule.id == "337-imss-hogar"
    office = "en la oficina nunca me han dado de alta en el seguro social, es legal?"
    assert exception_first(ranked, [*ranked, own], office)[0].rule.id == "15-lss-alta"


def test_without_a_credit_the_infonavit_five_percent_is_the_employers() -> None:
    ranked = [match("110-infonavit", 9.0)]
    own = match("29-linfonavit-cinco", 3.0)
    meant = "me descuentan infonavit 5% y no tengo credito"
    assert exception_first(ranked, [*ranked, own], meant)[0].rule.id == "29-linfonavit-cinco"
    credit = "me descuentan el credito infonavit, es legal?"
    assert exception_first(ranked, [*ranked, own], credit)[0].rule.id == "110-infonavit"


def test_an_accident_on_the_way_to_work_leads_over_the_general_definition() -> None:
    ranked = [match("473-que-es-riesgo", 9.0)]
    way = match("474-trayecto", 2.0)
    story = "me cai de la moto camino a la chamba y me quebre el brazo, es riesgo de trabajo?"
    assert exception_first(ranked, [*ranked, way], story)[0].rule.id == "474-trayecto"
    inside = "me cai en la bodega y me quebre el brazo, es riesgo de trabajo?"
    assert exception_first(ranked, [*ranked, way], inside)[0].rule.id == "473-que-es-riesgo"


def test_a_dismissal_for_refusing_a_date_skips_conciliation() -> None:
    ranked = [match("684-b-primero-conciliacion", 9.0)]
    exempt = match("685-ter-sin-conciliacion", 2.0)
    story = (
        "me corrieron x no querer salir con el licenciado, tengo q ir a fuerzas a la conciliacion?"
    )
    assert (
        exception_first(ranked, [*ranked, exempt], story)[0].rule.id == "685-ter-sin-conciliacion"
    )


def test_piece_work_short_of_the_minimum_is_art_85s() -> None:
    ranked = [match("83-formas-de-pago", 9.0)]
    piece = match("85-destajo", 3.0)
    story = "me pagan por pieza en un taller y hay semanas q no saco ni el minimo, es legal?"
    assert exception_first(ranked, [*ranked, piece], story)[0].rule.id == "85-destajo"
    forms = "me pueden pagar por pieza en vez de por dia?"
    assert exception_first(ranked, [*ranked, piece], forms)[0].rule.id == "83-formas-de-pago"


def test_the_infonavit_five_percent_is_no_choice_of_the_worker() -> None:
    ranked = [match("5-renuncia-derechos", 9.0)]
    own = match("29-linfonavit-cinco", 2.0)
    story = (
        "nunca me han descontado nada de infonavit, el patron dice q eso es si yo quiero y q lo "
        "pago yo"
    )
    assert exception_first(ranked, [*ranked, own], story)[0].rule.id == "29-linfonavit-cinco"


@pytest.mark.parametrize(
    ("story", "rule_id"),
    [
        ("si el patron no se presenta a la audiencia, ahi muere todo?", "684-e-patron-no-va"),
        (
            "mi hermano dice q el puede ir en mi lugar a la audiencia con una carta poder",
            "684-e-ir-personalmente",
        ),
        ("pa ir al centro de conciliacion tengo q llevar abogado a fuerzas?", "684-e-acompanante"),
        (
            "en conciliacion firmamos q me pagaban 60 mil en 3 pagos y el segundo ya no llego",
            "684-e-convenio-vale",
        ),
        (
            "nunca supe ni como se llama la empresa, asi como le hago pa reclamar?",
            "684-c-sin-nombre-patron",
        ),
        (
            "nos trajeron pa la cosecha y el pasaje de regreso lo pagamos nosotros?",
            "283-traslado-migrante",
        ),
        (
            "vivo y como en la casa, pa calcular mi liquidacion cuentan el cuarto?",
            "334-50-por-ciento",
        ),
        # Social security and housing cases (LSS, INFONAVIT law).
        ("si me quedo sin chamba la afore me da algo?", "191-lss-desempleo"),
        (
            "me corrieron y tengo credito infonavit, como le hago con los pagos?",
            "41-linfonavit-prorroga",
        ),
        ("renuncie el mes pasado, todavia puedo ir a mis citas del imss?", "109-lss-ocho-semanas"),
        (
            "mi mama murio de un infarto y cotizaba, el seguro da algo pal funeral?",
            "104-lss-funeral",
        ),
        (
            "cuantas semanas tenia q cotizar mi esposo pa q me den pension de viudez?",
            "128-lss-150-semanas",
        ),
        ("hasta q edad me cuidan a mi niño en la guarderia del imss?", "206-lss-edades"),
        ("soy viudo, a mi tambien me toca guarderia?", "205-lss-derecho"),
        ("me cai del andamio pero andaba tomado, cuenta como riesgo?", "46-lss-embriaguez"),
        ("en la maquila nos dan 15 min pa comer y ya, es legal?", "63-media-hora"),
        ("tengo 16 y me quiero meter a repartir en didi, se puede?", "291-s-menores"),
        ("tengo 17, me puedo meter a trabajar a la mina con permiso?", "343-c-minas-menores"),
        (
            "pedi permiso sin goce despues del parto, hasta cuando me tienen q guardar mi lugar?",
            "170-regresar-puesto",
        ),
        ("no me descuentan nada de infonavit, entonces no tengo ahorro?", "29-linfonavit-cinco"),
        (
            "soy operador de carga y me pagan x viaje, como me pagan el descanso?",
            "258-descanso-chofer",
        ),
        ("en la mina me quitan cuota pa un sindicato q ni conozco", "110-cuota-sindical"),
        (
            "me alivie hace 10 meses, pedi permiso sin goce, si regreso me tienen q dar mi puesto?",
            "170-regresar-puesto",
        ),
        ("me descuentan lo del infonavit pero ni credito tengo, es legal?", "29-linfonavit-cinco"),
        (
            "ya me jubile y nunca saque credito, el infonavit se queda con mi dinero?",
            "40-linfonavit-afore",
        ),
        (
            "me incapacitaron x tuberculosis y el patron dice q me da de baja",
            "42-suspension-enfermedad",
        ),
        (
            "me quieren hacer contrato de un mes y renovarlo aunque el trabajo es fijo",
            "37-tiempo-determinado",
        ),
        (
            "me pagan por viaje y el viaje se corto a la mitad, me quieren pagar la mitad",
            "257-viaje-corto",
        ),
        ("me descuentan 150 por las botas y el chaleco del uniforme", "110-descuentos-prohibidos"),
        ("mi esposo murio en la fabrica, mi suegra dice q la indemnizacion le toca", "501-padres"),
        ("reparto en didi los fines, si me pasa algo en la moto q?", "291-c-riesgo-seguro"),
        ("gano el salario minimo, me pueden descontar la cuota del imss?", "36-lss-minimo"),
        (
            "no me descontaron el imss en meses y ahora me lo quieren quitar todo junto",
            "38-lss-cuatro-semanas",
        ),
    ],
)
def test_deciding_cases_of_procedure_and_special_jobs_are_named(story: str, rule_id: str) -> None:
    assert decides(story, RULES[rule_id])


def test_social_security_cases_need_their_own_words() -> None:
    # A death at work is the employer's funeral pay (Art. 500), not the IMSS's aid.
    assert not decides(
        "murio en un accidente en la obra, nos dan algo pal funeral?", RULES["104-lss-funeral"]
    )
    # "Seguro" said as "surely" keeps the medical care out of a dismissal's deadline.
    assert not decides(
        "me corrieron y seguro no me pagan, hasta cuando puedo demandar?",
        RULES["109-lss-ocho-semanas"],
    )


def test_a_rest_day_already_worked_asks_its_pay() -> None:
    ranked = [match("73-no-obligado-descanso", 30.0), match("73-pago-doble-descanso", 20.0)]
    worked = "el patron me hizo ir en mi dia de descanso q onda"
    assert exception_first(ranked, ranked, worked)[0].rule.id == "73-pago-doble-descanso"
    ahead = "el patron quiere que vaya en mi dia de descanso, tengo que ir?"
    assert exception_first(ranked, ranked, ahead)[0].rule.id == "73-no-obligado-descanso"


def test_a_named_exceptions_article_is_fetched_beside_its_general_rules() -> None:
    # Art. 684-B's conciliation first, "salvo" Art. 685 Ter's social security claims.
    asked = (
        "el imss me nego la pension x riesgo de trabajo, pa demandar tengo q ir primero al "
        "centro de conciliacion?"
    )
    assert named_exception_articles(asked, ["684-B", "899-A", "521"]) == ("685 Ter",)
    # Already retrieved, or its general rule's article not among the first: nothing to fetch.
    assert named_exception_articles(asked, ["684-B", "685 Ter"]) == ()
    assert named_exception_articles(asked, ["899-A", "521", "518", "684-B"]) == ()
    # No exception's case named.
    plain = "pa demandar a mi patron tengo q ir primero al centro de conciliacion?"
    assert named_exception_articles(plain, ["684-B", "899-A"]) == ()


def test_a_pension_paid_each_month_is_no_contract_renewed_each_month() -> None:
    pension = (
        "el imss me valuo 15% de incapacidad permanente. me van a dar pension cada mes de por vida?"
    )
    assert not decides(pension, RULES["37-tiempo-determinado"])
    renewed = "me hacen firmar cada mes un contrato nuevo pero el trabajo es permanente, se vale?"
    assert decides(renewed, RULES["37-tiempo-determinado"])


@pytest.mark.parametrize(
    ("story", "rule_id"),
    [
        (
            "mi sobrina tiene 14 años y una señora la quiere pa q le limpie la casa y le cuide "
            "al niño, se puede?",
            "331-bis-menores-15",
        ),
        (
            "tengo 16 y trabajo de planta cuidando 2 niños, la señora me tiene de 7 de la mañana "
            "a 9 de la noche",
            "331-bis-jornada-adolescente",
        ),
    ],
)
def test_a_minor_in_domestic_work_has_her_chapters_own_rules(story: str, rule_id: str) -> None:
    assert decides(story, RULES[rule_id])
    assert deciding_articles(story) == ("331 Bis",)


def test_an_adult_with_years_in_a_house_is_no_minor_in_domestic_work() -> None:
    story = "tengo 16 años de trabajar de planta en una casa y la señora me tiene de 7 a 9"
    assert not decides(story, RULES["331-bis-jornada-adolescente"])


def test_refusing_a_change_is_weighed_against_the_causes_of_dismissal() -> None:
    rule = RULES["47-solo-causas"]
    assert decides("me cambian de turno a fuerzas, si no acepto me pueden correr?", rule)
    # Overtime refused is Art. 68's own case; a danger refused in a mine, its chapter's.
    assert not decides("si me niego a bajar a la mina con gas me pueden correr?", rule)
    assert decides("si no quiero quedarme horas extra me pueden correr?", RULES["68-no-obligado"])


def test_a_domestic_worker_denied_vacations_hears_her_chapters_rule() -> None:
    told = (
        "cuido a una señora de planta, nunca me han dado vacaciones, dice q las muchachas no tienen"
    )
    assert decides(told, RULES["336-bis-vacaciones-hogar"])
    assert not decides(
        "trabajo en una fabrica y nunca me han dado vacaciones", RULES["336-bis-vacaciones-hogar"]
    )


@pytest.mark.parametrize(
    "told",
    [
        "me quieren bajar el sueldo porque dicen que la empresa va mal, pueden?",
        "el patron dice q desde la otra semana nos paga menos xq no hay ventas",
        "me quieren bajar el sueldo, pueden?",
    ],
)
def test_a_wage_cut_announced_is_the_tribunals_to_allow(told: str) -> None:
    assert decides(told, RULES["57-bajar-sueldo"])


def test_a_wage_cut_done_is_the_fault_to_leave_for_not_a_cut_to_ask() -> None:
    assert not decides("me bajaron el sueldo, que hago?", RULES["57-bajar-sueldo"])
    assert decides("me bajaron el sueldo, que hago?", RULES["51-reducir-salario"])


def test_a_cleaner_sent_to_a_bank_unpaid_may_claim_from_the_bank() -> None:
    told = (
        "trabajo en una empresa de limpieza que me manda a un banco, el banco dice que no es mi "
        "patron. a quien le reclamo si no me pagan"
    )
    assert decides(told, RULES["14-responsable-solidario"])
    assert not decides(
        "trabajo en un banco, a quien le reclamo si no me pagan", RULES["14-responsable-solidario"]
    )


@pytest.mark.parametrize(
    ("told", "rule_id"),
    [
        # Where a claim starts.
        (
            "me corrieron de la fabrica, a donde voy? directo con un juez?",
            "684-b-primero-conciliacion",
        ),
        # Wages earned are owed whatever the notice.
        (
            "renuncie de un dia pa otro y el patron dice q como no avise me va a descontar la "
            "ultima semana, puede?",
            "99-devengados",
        ),
        # A trip made longer: lodging and food.
        (
            "soy chofer de autobus foraneo, un bloqueo en la carretera nos tuvo 2 dias parados y "
            "el patron dice q el hotel y la comida corren x mi cuenta",
            "263-viaticos-foraneo",
        ),
        # A hotel or a nursing home is no house.
        (
            "soy camarista en un hotel, la encargada dice q somos como trabajadoras del hogar y no "
            "nos toca reparto",
            "332-hoteles-no-hogar",
        ),
        (
            "soy cuidadora en un asilo y el dueño dice q somos trabajadoras del hogar",
            "332-hoteles-no-hogar",
        ),
        (
            "la patrona dice q las muchachas de casa no tenemos vacaciones",
            "336-bis-vacaciones-hogar",
        ),
        ("el dueño dice q soy freelance y q no me toca aguinaldo", "21-presuncion"),
    ],
)
def test_more_deciding_cases_found_in_the_tuned_sets(told: str, rule_id: str) -> None:
    assert decides(told, RULES[rule_id])


def test_a_road_blockade_is_no_app_blocking_and_a_cleaner_hired_directly_no_contractor() -> None:
    told = (
        "soy chofer de autobus foraneo, un bloqueo en la carretera nos tuvo 2 dias parados y el "
        "patron dice q el hotel y la comida corren x mi cuenta"
    )
    assert not decides(told, RULES["291-p-bloqueo-sin-aviso"])
    direct = (
        "entre a una empresa de limpieza hace 3 meses, dicen q sigo a prueba y me pueden correr "
        "sin pagarme"
    )
    assert not decides(direct, RULES["14-responsable-solidario"])


@pytest.mark.parametrize(
    ("told", "rule_id"),
    [
        (
            "ya se cumplieron mis 30 dias de prueba y la supervisora dice q me va a dar otros 30 "
            "dias de prueba",
            "39-d-no-alargar",
        ),
        (
            "la de recursos humanos me dijo q el periodo de prueba es de 3 meses",
            "39-a-prueba-30-dias",
        ),
        (
            "pa entrar a trabajar el reclutador me esta pidiendo 500 pesos de inscripcion",
            "133-cobrar-por-contratar",
        ),
        (
            "ya renuncie y no me quieren dar una constancia de q trabaje ahi",
            "132-constancia-servicios",
        ),
        ("si saco lo del desempleo de la afore me bajan semanas?", "198-lss-semanas"),
        (
            "tengo 61 y nomas junte 700 semanas, ya perdi todo lo de mi afore verdad?",
            "154-lss-sin-semanas",
        ),
    ],
)
def test_deciding_cases_of_trials_hiring_records_and_the_afore(told: str, rule_id: str) -> None:
    assert decides(told, RULES[rule_id])


def test_a_complaint_feared_to_cost_the_job_is_weighed_against_the_causes_of_dismissal() -> None:
    assert decides("y si le reclamo me puede correr?", RULES["47-solo-causas"])


@pytest.mark.parametrize(
    ("told", "rule_id"),
    [
        ("nos dijo q este año no hay aguinaldo pq el negocio tuvo perdidas", "87-obligatorio"),
        (
            "soy jornalera en el campo, cuando se acabe la temporada q me tienen q dar?",
            "280-fin-temporada",
        ),
        (
            "tengo 60 recien cumplidos y mi compadre dice q la pension es hasta los 65",
            "154-lss-cesantia",
        ),
        ("dice q cada plato q rompa me lo va a descontar de mi quincena", "110-perdidas-averias"),
        (
            "me contrato una empresa de seguridad q ya cerro y nos dejo sin pagar 2 quincenas, la "
            "plaza tiene q responder?",
            "14-responsable-solidario",
        ),
    ],
)
def test_deciding_cases_of_pay_seasons_pensions_and_breakages(told: str, rule_id: str) -> None:
    assert decides(told, RULES[rule_id])


def test_an_uninsured_builder_asking_who_pays_a_fall_hears_art_77_lss() -> None:
    told = (
        "soy albañil y el maestro de obra no me da de alta en el imss. y si me caigo de la obra "
        "quien me paga?"
    )
    assert decides(told, RULES["77-lss-sin-seguro"])


def test_a_pregnancy_threatened_with_dismissal_is_art_133s_case() -> None:
    assert decides("mi patrona me dice que si me embarazo me corre", RULES["133-despido-embarazo"])


def test_a_deciding_case_whose_condition_the_figure_told_misses_decides_nothing() -> None:
    # "Llevo 10 años" is no case of Art. 161's "más de 20 años"; 23 years is.
    ten = "llevo 10 años en la empresa y si no acepto el cambio me pueden correr?"
    assert not decides(ten, RULES["161-veinte-anos"])
    assert decides(ten, RULES["47-solo-causas"])
    assert decides("llevo 23 años en la empresa, me pueden correr?", RULES["161-veinte-anos"])
