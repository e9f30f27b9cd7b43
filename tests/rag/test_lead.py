"""The lead sentence: the verdict, the number or the deadline first, false premises corrected.

The rules here are written like rag/data/rules (plain statement + verbatim passage of a real
article) so the tests do not move when the packaged rules grow; a test checks the passages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from calc.text import fold
from rag.claims import claim_told
from rag.lead import (
    _defined_last,
    asked_besides,
    best_rules,
    contradiction,
    denies_right,
    foreign_chapters,
    lead,
    names_forbidden,
    question_kind,
    supporting,
    verdict,
)
from rag.lexical import squash
from rag.rule_index import RuleMatch
from rag.rules import Rule, load_rules
from rag.types import Passage
from tests.rag.answer_fakes import read_articles

AGUINALDO = Rule(
    "87-aguinaldo", "LFT", "87", "amount",
    "Tienes derecho a un aguinaldo de al menos 15 días de salario cada año.",
    "equivalente a quince días de salario, por lo menos",
)  # fmt: skip
PRUEBA = Rule(
    "39-a-prueba-30-dias", "LFT", "39-A", "deadline",
    "El periodo de prueba no puede durar más de 30 días.",
    "podrá establecerse un periodo a prueba, el cual no podrá exceder de treinta días",
)  # fmt: skip
EMBARGO = Rule(
    "112-embargo", "LFT", "112", "verdict",
    "Tu salario no se puede embargar por deudas con bancos o tiendas.",
    "Los salarios de los trabajadores no podrán ser embargados",
)  # fmt: skip
REINSTALACION = Rule(
    "48-reinstalacion", "LFT", "48", "right",
    "Si te despidieron sin causa, puedes pedir que te regresen a tu trabajo.",
    "que se le reinstale en el trabajo que desempeñaba",
)  # fmt: skip
PRIMA_RENUNCIA = Rule(
    "162-renuncia", "LFT", "162", "verdict",
    "Si renuncias, te toca prima de antigüedad solo si tienes por lo menos 15 años de trabajo.",
    "siempre que hayan cumplido quince años de servicios, por lo menos",
)  # fmt: skip
HOJAS = Rule(
    "48-bis-hojas-en-blanco", "LFT", "48 Bis", "verdict",
    "Que te exijan firmar hojas en blanco, al contratarte o en cualquier momento mientras "
    "trabajas, es una actuación que la ley considera notoriamente improcedente.",
    "Exigir la firma de papeles en blanco en la contratación o en cualquier momento de la "
    "relación laboral",
)  # fmt: skip
JORNADA = Rule(
    "61-horas-diarias", "LFT", "61", "amount",
    "La jornada diaria máxima es de 8 horas si es de día, 7 si es de noche y 7 y media si es "
    "mixta.",
    "La duración de la jornada diaria será de ocho horas la diurna, siete la nocturna y siete "
    "horas y media la mixta.",
)  # fmt: skip
MIXTA = Rule(
    "60-mixta", "LFT", "60", "amount",
    "Tu jornada es mixta si incluye horas de día y de noche, con menos de 3 horas y media de "
    "noche.",
    "Jornada mixta es la que comprende períodos de tiempo de las jornadas diurna y nocturna, "
    "siempre que el período nocturno sea menor de tres horas y media",
)  # fmt: skip
HOSPEDAJE = Rule(
    "263-hospedaje", "LFT", "263", "verdict",
    "En viajes foráneos, si el viaje se alarga sin culpa tuya, el patrón debe pagarte el hospedaje "
    "y la comida.",
    "En los transportes foráneos pagar los gastos de hospedaje y alimentación de los trabajadores",
)  # fmt: skip
COMISION = Rule(
    "288-comision", "LFT", "288", "verdict",
    "Si ya ganaste tu comisión y después se cancela la venta, no te la pueden quitar ni descontar.",
    "Las primas que correspondan a los trabajadores no podrán retenerse ni descontarse",
)  # fmt: skip
PERDIDAS = Rule(
    "110-perdidas", "LFT", "110", "verdict",
    "Sí pueden descontarte por errores, pérdidas o averías, pero cada descuento no puede pasar del "
    "30% de lo que ganas arriba del salario mínimo.",
    "errores, pérdidas, averías",
)  # fmt: skip
INTERESES = Rule(
    "48-intereses", "LFT", "48", "amount",
    "Si pasan los 12 meses y el juicio no termina, se suman intereses del 2% mensual.",
    "a razón del dos por ciento mensual",
)  # fmt: skip
SIN_INTERESES = Rule(
    "111-sin-intereses", "LFT", "111", "verdict",
    "Si le debes dinero a tu patrón, no puede cobrarte intereses por esa deuda.",
    "en ningún caso devengarán intereses",
)  # fmt: skip
DOBLE_DESCANSO = Rule(
    "73-doble", "LFT", "73", "amount",
    "Si trabajas en tu día de descanso, además del pago de ese día te deben pagar un salario "
    "doble.",
    "un salario doble por el servicio prestado",
)  # fmt: skip
AGUINALDO_PROPORCIONAL = Rule(
    "87-proporcional",
    "LFT",
    "87",
    "right",
    "Si no completaste el año, te toca la parte proporcional del aguinaldo.",
    "tendrán derecho a que se les pague la parte proporcional del mismo",
)
HORAS_EXTRA_DOBLES = Rule(
    "66-horas-extra-dobles",
    "LFT",
    "66",
    "amount",
    "Las horas extra se pagan al doble: un 100% más que tus horas normales.",
    "se pagarán con un ciento por ciento más del salario que corresponda a las horas de la jornada",
)
DOCE_HORAS = Rule(
    "68-doce-horas",
    "LFT",
    "68",
    "verdict",
    "Sumando jornada normal y horas extra, nunca pueden hacerte trabajar más de 12 horas.",
    "La suma de las jornadas ordinaria y extraordinaria, en ningún caso podrá ser mayor",
)
HOGAR_PTU = Rule(
    "127-hogar", "LFT", "127", "verdict",
    "Las trabajadoras y trabajadores del hogar no reciben reparto de utilidades.",
    "Los trabajadores del hogar no participarán en el reparto de utilidades",
)  # fmt: skip
EVENTUALES = Rule(
    "127-eventuales", "LFT", "127", "right",
    "Si eres eventual, te toca reparto de utilidades si trabajaste por lo menos 60 días en el año.",
    "cuando hayan trabajado sesenta días durante el año, por lo menos",
)  # fmt: skip
ALL = (AGUINALDO, PRUEBA, EMBARGO, REINSTALACION, PRIMA_RENUNCIA, JORNADA, MIXTA)


CAPACITACION = Rule(
    "153-x",
    "LFT",
    "153-A",
    "duty",
    "Tu patrón debe darte capacitación para mejorar tu trabajo.",
    "-",
)
TRANSPORTE = Rule(
    "283-x", "LFT", "283", "duty", "En el campo, el patrón debe darte transporte gratis.", "-"
)
SUCESION = Rule(
    "115-b", "LFT", "115", "verdict", "Si un trabajador muere, sus beneficiarios pueden cobrar lo "
    "que se le debía sin hacer juicio sucesorio.", "-"
)  # fmt: skip


def match(rule: Rule, score: float = 8.0, rank: int = 0, coverage: float = 0.9) -> RuleMatch:
    return RuleMatch(rule, score, rank, coverage)


def test_the_rules_passages_are_the_laws_words(lft_md: Path) -> None:
    texts = read_articles(lft_md, {r.article for r in ALL})
    for rule in ALL:
        assert squash(rule.passage) in squash(texts[rule.article]), rule.id


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("cuantos dias de vacaciones me tocan", "how_much"),
        ("cuanto tiempo tengo para demandar", "until_when"),
        ("hasta cuando me pagan el aguinaldo", "until_when"),
        ("cada cuanto me tienen que pagar", "until_when"),
        ("y me lo tienen q dar antes de cuando?", "until_when"),
        ("me corrieron sin carta, es legal?", "yes_no"),
        ("puedo pedir mi reinstalacion", "yes_no"),
        ("que es el finiquito", "open"),
        # How a payment is figured asks for the amount rule, not whether it is paid.
        ("como se calcula lo de mi descanso?", "how_much"),
        ("como me tienen q pagar el dia de descanso?", "how_much"),
        ("como se pagan las horas extra?", "how_much"),
        # A last question that asks how or whom is open, whatever the story says before it.
        ("como le hago para cobrar mi finiquito?", "open"),
        ("la maquila dice q no es su problema y me deben 3 semanas. a quien le reclamo?", "open"),
        ("me deben 3 semanas, a quien le reclamo, a la maquila?", "yes_no"),
    ],
)
def test_question_kinds(question: str, kind: str) -> None:
    assert question_kind(question) == kind


def test_a_false_premise_is_corrected_first() -> None:
    opening = lead("es cierto que por ley el aguinaldo es de un mes de sueldo?", [match(AGUINALDO)])
    assert opening is not None
    assert opening.sentence == (
        "No. Tienes derecho a un aguinaldo de al menos 15 días de salario cada año "
        "(Art. 87 LFT), no un mes."
    )
    assert opening.corrected is not None
    assert opening.corrected.unit == "mes"


def test_a_premise_is_checked_against_the_best_few_rules() -> None:
    question = "mi patron dice que el periodo de prueba es de 3 meses, es cierto"
    opening = lead(question, [match(REINSTALACION, 9.0), match(PRUEBA, 8.0)])
    assert opening is not None
    assert opening.sentence.startswith("No. El periodo de prueba no puede durar más de 30 días")
    assert opening.sentence.endswith("(Art. 39-A LFT), no 3 meses.")


def test_a_date_asked_is_led_by_the_articles_date() -> None:
    # Found playing a chat: "¿y me lo tienen que dar antes de cuándo?" after the aguinaldo's
    # figure led with its proportional part; the date came second.
    rules = {r.id: r for r in load_rules()}
    ranked = [match(rules["87-proporcional"], 46.0), match(rules["87-20-diciembre"], 22.0)]
    opening = lead("y me lo tienen q dar antes de cuando?", ranked)
    assert opening is not None
    assert opening.sentence.startswith("El aguinaldo te lo deben pagar antes del 20 de diciembre")
    # Another article's date does not jump ahead; nor does one with too little evidence.
    weak = [match(rules["87-proporcional"], 46.0), match(rules["87-20-diciembre"], 5.0)]
    opening = lead("y me lo tienen q dar antes de cuando?", weak)
    assert opening is not None
    assert opening.sentence.startswith("Si no completaste el año")


def test_a_premise_is_corrected_by_the_rule_that_counts_in_its_unit() -> None:
    # Found playing a chat: "dicen que es hasta que cumpla 3" (years) was corrected with Art.
    # 81's "6 meses", which contradicts it only as a length of time.
    rules = {r.id: r for r in load_rules()}
    question = "tengo 2 años y nunca me han dado vacaciones, dicen q es hasta q cumpla 3"
    opening = lead(
        question, [match(rules["81-seis-meses"], 34.0), match(rules["76-doce-dias"], 19.0)]
    )
    assert opening is not None
    assert opening.sentence.startswith("No. Al cumplir un año de trabajo te tocan")
    assert opening.sentence.endswith("(Art. 76 LFT), no 3 años.")
    # With no rule in the claim's unit, the best contradicting rule corrects it, as before.
    alone = lead(question, [match(rules["81-seis-meses"], 34.0)])
    assert alone is not None
    assert alone.sentence.startswith("No. Te deben dar tus vacaciones dentro de los 6 meses")


def test_only_the_premises_own_figure_is_checked() -> None:
    seis_meses = Rule("81-seis-meses", "LFT", "81", "deadline", "Te deben dar tus vacaciones "
                      "dentro de los 6 meses siguientes a que cumplas cada año.",
                      "dentro de los seis meses siguientes al cumplimiento del año de "
                      "servicios")  # fmt: skip
    question = "renuncie a los 8 meses y me dicen que no me toca nada de vacaciones, es asi?"
    assert contradiction(question, seis_meses) is None  # "8 meses" is not what they said
    said = contradiction("mi jefe dice q el aguinaldo es de 10 dias", AGUINALDO)
    assert said is not None
    assert said.text == "10 dias"


def test_a_rule_that_states_the_claimed_figure_among_others_leads_without_a_verdict() -> None:
    # "8 horas" is the day shift's figure in Art. 61: it answers the premise (7 at night), while
    # the mixed shift's "3 horas y media" is about something else and must not correct it.
    question = "me dijeron que en el turno de noche la jornada tambien es de 8 horas, es cierto?"
    opening = lead(question, [match(JORNADA, 9.0), match(MIXTA, 8.5)])
    assert opening is not None
    assert opening.sentence.startswith("La jornada diaria máxima es de 8 horas si es de día, 7")
    assert opening.verdict == ""


def test_a_figure_without_a_premise_is_not_corrected() -> None:
    opening = lead("cuanto aguinaldo me toca si llevo 3 meses", [match(AGUINALDO)])
    assert opening is not None
    assert opening.corrected is None
    assert opening.sentence.startswith("Tienes derecho a un aguinaldo de al menos 15 días")


def test_the_same_figure_is_no_false_premise() -> None:
    question = "es cierto que el aguinaldo es de 15 dias?"
    opening = lead(question, [match(AGUINALDO)])
    assert opening is not None
    assert opening.corrected is None


@pytest.mark.parametrize(
    ("question", "rule", "expected"),
    [
        ("me pueden embargar el sueldo por una deuda?", EMBARGO, "No"),
        ("puedo pedir que me regresen a mi trabajo?", REINSTALACION, "Sí"),
        # Negation, alternatives and conditional rules are left to the rule's own words.
        ("ya no puedo pedir que me regresen?", REINSTALACION, ""),
        ("me regresan a mi trabajo o me pagan?", REINSTALACION, ""),
        ("si renuncio con 5 años me toca prima de antiguedad?", PRIMA_RENUNCIA, ""),
        ("que pasa con mi salario", EMBARGO, ""),
        # Whether the worker bears a cost the law puts on the employer: no.
        ("me toca pagar a mi el hotel y la comida?", HOSPEDAJE, "No"),
        ("el hotel lo pago yo?", HOSPEDAJE, "No"),
        # "no te la pueden quitar" forbids as "no pueden" does.
        ("me la pueden descontar de la siguiente quincena?", COMISION, "No"),
        # A rule that opens with its own "Sí" takes no prefix ("No. Sí pueden…" never).
        ("me lo pueden descontar asi todo?", PERDIDAS, ""),
        # What the worker must do, against a rule that spares it: no.
        ("tenemos q hacer juicio sucesorio pa cobrar?", SUCESION, "No"),
        ("tengo que hacer juicio sucesorio?", SUCESION, "No"),
        ("me tienen que pagar lo que le debian?", SUCESION, ""),
        # Whether the employer owes it: a duty says yes; a charge for it says no.
        ("el patron tiene obligacion de darnos capacitacion?", CAPACITACION, "Sí"),
        ("eso es obligacion del patron?", CAPACITACION, "Sí"),
        ("el mayordomo nos cobra el camion, esta bien?", TRANSPORTE, "No"),
        # An employer who says he owes nothing, against a duty: no.
        (
            "mi patron dice q no tiene obligacion de darme capacitacion, es cierto?",
            CAPACITACION,
            "No",
        ),
        # Denials as workers report them, against a rule that grants: no.
        ("me dicen que me quedo sin sueldo, es cierto?", DOBLE_DESCANSO, "No"),
        ("dice q no tiene q pagarme nada, es cierto?", DOBLE_DESCANSO, "No"),
        # "¿Me toca?" against a rule that denies it to the worker's kind of job: no.
        ("me toca reparto de utilidades?", HOGAR_PTU, "No"),
        ("me toca aguinaldo?", AGUINALDO, "Sí"),
        # Paid short ("como día normal nomás"), asked whether it is all right: no; paid, not.
        (
            "me hicieron trabajar el martes y me lo pagaron como dia normal nomas, esta bien?",
            DOBLE_DESCANSO,
            "No",
        ),
        ("me hicieron trabajar el martes, esta bien?", DOBLE_DESCANSO, ""),
        # "¿Ya perdí o qué sigue?" is no choice between two things.
        ("ya perdi o q sigue?", REINSTALACION, "No"),
        # The whole asked against a share: no (a guard found in a new blind set).
        ("y el aguinaldo me toca completo?", AGUINALDO_PROPORCIONAL, "No"),
        ("y el aguinaldo me toca?", AGUINALDO_PROPORCIONAL, "Sí"),
        # "Nunca me pagan" withholds as "no me pagan" does; "se pagan al doble" grants.
        ("nunca me pagan las horas extra, eso es legal?", HORAS_EXTRA_DOBLES, "No"),
        ("me pagan las horas extra al doble, eso es legal?", HORAS_EXTRA_DOBLES, ""),
        # "Nunca pueden…" forbids; "nunca puede ser menor" sets a floor.
        ("hago turnos de 24x24, eso es legal?", DOCE_HORAS, "No"),
        # Whether the worker must do what the employer may not demand: no, whatever the rule's
        # "mientras trabajas"; another verb asked is not the demand.
        ("el gerente me quiere hacer firmar una hoja en blanco, tengo q firmarla?", HOJAS, "No"),
        ("me hicieron firmar hojas en blanco, tengo que hacer algo?", HOJAS, ""),
    ],
)
def test_verdicts_only_when_certain(question: str, rule: Rule, expected: str) -> None:
    assert verdict(question, rule) == expected


def test_a_rule_far_behind_the_first_corrects_no_premise() -> None:
    """ "10 % de interés" on a debt to the company store is not a dismissal's 2 % a month."""
    question = (
        "le debo 3 mil a la tienda de la empresa y me cobran 10% de interes, es normal verdad?"
    )
    far = lead(question, [match(SIN_INTERESES, 38.0), match(INTERESES, 21.0, rank=1)])
    assert far is not None
    assert far.corrected is None
    assert far.sentence.startswith("No. Si le debes dinero a tu patrón")
    # The first rule forbids what the premise's figure speaks of: however close the second
    # rule, the first settles the claim.
    near = lead(question, [match(SIN_INTERESES, 38.0), match(INTERESES, 37.0, rank=1)])
    assert near is not None
    assert near.corrected is None
    assert near.sentence.startswith("No. Si le debes dinero a tu patrón")


def test_a_premise_is_corrected_by_a_rule_at_half_the_first_ones_evidence() -> None:
    """ "Tengo un año pa demandar" after a dismissal: the first rule (no letter, no cause) does
    not speak of the term, the two months of Art. 518 do, at half its score."""
    question = (
        "me corrieron y no me dieron nada. un compa me dijo q tengo un año pa demandar, es cierto?"
    )
    # (A verdict rule weighs 1.5 times more for a yes/no question: 19 counts as 28.5.)
    led = lead(question, [match(AVISO_DESPIDO, 19.0), match(PRESCRIPCION_DESPIDO, 15.0, rank=2)])
    assert led is not None
    assert led.rules == (PRESCRIPCION_DESPIDO,)
    assert led.sentence.startswith("No. Si te despidieron, tienes 2 meses")
    assert led.sentence.endswith("no un año.")
    # Far below half the first rule's evidence, a rule corrects nothing; but the time to claim
    # is what was asked ("¿tengo un año pa demandar?"): the law's term leads whatever its score.
    far = lead(question, [match(AVISO_DESPIDO, 19.0), match(PRESCRIPCION_DESPIDO, 6.0, rank=2)])
    assert far is not None
    assert far.rules == (PRESCRIPCION_DESPIDO,)
    told = (
        "me corrieron y no me dieron nada. un compa me dijo q el aviso lo dan en un año, es cierto?"
    )
    unasked = lead(told, [match(AVISO_DESPIDO, 19.0), match(PRESCRIPCION_DESPIDO, 6.0, rank=2)])
    assert unasked is not None
    assert unasked.corrected is None


def test_a_rule_past_the_best_is_weighed_only_by_the_workers_own_words() -> None:
    """ "¿Tengo que firmar algo?" of a worker fired after 2 years: the slang table reads "firmar"
    as "renuncia", but the worker resigned nothing, so Art. 162's 15 years for a resignation
    says no "No"."""
    question = "llevo 2 años de antigüedad. me corrieron ayer. tengo q firmar algo?"
    ranked = [
        match(r, 30.0 - i) for i, r in enumerate((EMBARGO, HOSPEDAJE, COMISION, SIN_INTERESES))
    ]
    later = match(PRIMA_RENUNCIA, 1.0, rank=2)
    read_as = lead(question, [*ranked, later], also=["renuncia nula escrito"])
    assert read_as is not None
    assert not read_as.sentence.startswith("No. Si renuncias")
    resigned = lead(
        "llevo 2 años de antigüedad. si renuncio me toca prima?", [*ranked, later], also=[]
    )
    assert resigned is not None
    assert resigned.sentence.startswith("No. Si renuncias")


def test_a_confident_verdict_leads_and_a_weak_one_does_not() -> None:
    question = "me pueden embargar el sueldo por una deuda?"
    strong = lead(question, [match(EMBARGO)])
    assert strong is not None
    assert strong.sentence.startswith("No. Tu salario no se puede embargar")
    assert strong.verdict == "No"
    # A rule that opens with "No" is not prefixed with it again.
    never = Rule("x", "LFT", "112", "verdict", "No te pueden embargar el salario por deudas.", "-")
    again = lead(question, [match(never)])
    assert again is not None
    assert again.sentence.startswith("No te pueden embargar")
    yes = lead("puedo pedir que me regresen a mi trabajo?", [match(REINSTALACION)])
    assert yes is not None
    assert yes.sentence.startswith("Sí. Si te despidieron sin causa")
    weak = lead("puedo pedir que me regresen a mi trabajo?", [match(REINSTALACION, 2.5)])
    assert weak is not None
    assert weak.verdict == ""
    assert weak.sentence.startswith("Si te despidieron sin causa")
    far = lead("puedo pedir que me regresen a mi trabajo?", [match(REINSTALACION, rank=2)])
    assert far is not None
    assert far.verdict == ""
    thin = lead("puedo pedir que me regresen?", [match(REINSTALACION, coverage=0.3)])
    assert thin is not None
    assert thin.verdict == ""


def test_a_story_before_the_question_keeps_a_clear_verdict() -> None:
    # "ni me preguntaron" is the story; the question itself ("¿pueden?") is not negated.
    question = "el club me quiere mandar a otro equipo y ni me preguntaron. pueden?"
    transfer = Rule("295-t", "LFT", "295", "verdict", "Si eres deportista profesional, no te "
                    "pueden transferir a otro club sin tu consentimiento.", "-")  # fmt: skip
    assert verdict(question, transfer) == "No"
    # A long story covers little of the rule: a score far above the floor is sure enough for
    # a rule that holds as it stands, or only for the job the question names.
    player = "juego futbol profesional y el club me quiere mandar a otro equipo. pueden?"
    sure = lead(player, [match(transfer, 40.0, coverage=0.1)])
    assert sure is not None
    assert sure.verdict == "No"
    plain = lead("me pueden embargar el sueldo?", [match(EMBARGO, 40.0, coverage=0.1)])
    assert plain is not None
    assert plain.verdict == "No"
    # A rule under another condition stays without a verdict.
    afore = Rule("162-lss", "LSS", "162", "right", "Si tienes 65 años o más y no juntas las "
                 "semanas, puedes retirar tu saldo en un solo pago.", "-")  # fmt: skip
    unsure = lead("tengo 120 semanas, puedo sacar mi afore?", [match(afore, 40.0, coverage=0.1)])
    assert unsure is not None
    assert unsure.verdict == ""
    # "Solo puedes…" is a condition too.
    only = Rule("191-lss", "LSS", "191", "right", "Solo puedes hacer el retiro por desempleo "
                "si no hiciste otro en 5 años.", "-")  # fmt: skip
    assert verdict("ya puedo sacar dinero de mi afore?", only) == ""


def test_a_rule_in_the_unit_asked_for_leads() -> None:
    maternidad = Rule("170-semanas", "LFT", "170", "right", "Tienes derecho a 6 semanas de "
                      "descanso antes del parto y 6 después.",
                      "Disfrutarán de un descanso de seis semanas anteriores y seis posteriores al "
                      "parto")  # fmt: skip
    salario = Rule("491-salario", "LFT", "491", "amount", "Si tienes incapacidad temporal por un "
                   "riesgo de trabajo, te toca tu salario íntegro.",
                   "el pago íntegro del salario que deje de percibir mientras subsista la "
                   "imposibilidad de trabajar")  # fmt: skip
    matches = [match(salario, 8.8), match(maternidad, 8.3)]
    opening = lead("estoy embarazada cuantas semanas de incapacidad me dan", matches)
    assert opening is not None
    assert opening.rules == (maternidad,)


def test_facts_are_backed_by_a_rule_of_the_article_they_cite() -> None:
    fact = "Al cumplir 3 años te tocan 16 días (Art. 87 LFT)."  # the citation picks the rule
    opening = lead("cuantos dias me tocan", [match(PRUEBA, 9.0), match(AGUINALDO)], facts=[fact])
    assert opening is not None
    assert opening.rules == (AGUINALDO,)
    uncited = lead("cuanto es", [match(PRUEBA, 9.0, rank=1), match(AGUINALDO)], facts=["$1."])
    assert uncited is not None
    assert uncited.rules == (AGUINALDO,)  # retrieval's first article, not the loudest rule


def test_facts_lead_and_no_rule_means_no_lead() -> None:
    opening = lead("cuantos dias me tocan", [match(AGUINALDO)], facts=["Te tocan 16 días."])
    assert opening is not None
    assert opening.sentence == "Te tocan 16 días."
    assert opening.rules == (AGUINALDO,)
    assert lead("cuantos dias me tocan", []) is None
    assert lead("cuantos dias me tocan", [match(AGUINALDO, 0.5)]) is None


def test_a_supporting_rule_comes_from_the_same_article() -> None:
    second = Rule("87-20-diciembre", "LFT", "87", "deadline", "Te lo pagan antes del 20 de "
                  "diciembre.", "deberá pagarse antes del día veinte de diciembre")  # fmt: skip
    matches = [match(AGUINALDO, 8.0), match(PRUEBA, 7.9), match(second, 7.0)]
    assert supporting(AGUINALDO, matches) == second
    assert supporting(AGUINALDO, matches, detail=True) == PRUEBA
    assert supporting(AGUINALDO, [match(AGUINALDO), match(second, 1.0)]) is None


def test_a_how_long_question_led_without_a_figure_hears_the_articles_deadline() -> None:
    prorroga = Rule("41-linfonavit-prorroga", "LINFONAVIT", "41", "right", "Si tienes crédito y "
                    "dejas de recibir salario, te deben dar prórroga en tus pagos.",
                    "se le otorgará prórroga en los pagos")  # fmt: skip
    doce = Rule("41-linfonavit-doce", "LINFONAVIT", "41", "deadline", "Cada prórroga dura hasta "
                "12 meses.", "Cada prórroga no podrá exceder de doce meses")  # fmt: skip
    treinta = Rule("41-linfonavit-treinta", "LINFONAVIT", "41", "verdict", "Si pasan 30 años, te "
                   "liberan del saldo.", "se liberará al trabajador del saldo")  # fmt: skip
    other = Rule("145-plazo", "LFT", "145", "deadline", "El plazo del crédito es de 10 años.",
                 "el plazo del crédito no será mayor de diez años")  # fmt: skip
    matches = [match(prorroga, 30.0), match(treinta, 13.0), match(other, 12.0), match(doce, 10.0)]
    assert supporting(prorroga, matches, kind="until_when") == doce
    # A third of the evidence at least; and only for "¿cuánto / hasta cuándo?".
    assert (
        supporting(prorroga, [match(prorroga, 40.0), match(doce, 10.0)], kind="until_when") is None
    )
    assert supporting(prorroga, matches, kind="yes_no") is None
    # A lead that gives the figure already needs none.
    assert supporting(doce, [match(doce, 30.0), match(treinta, 12.0)], kind="until_when") is None


def test_the_articles_main_rule_is_the_why_when_another_led() -> None:
    fecha = Rule("87-20-diciembre", "LFT", "87", "deadline", "Te lo pagan antes del 20 de "
                 "diciembre.", "deberá pagarse antes del día veinte de diciembre")  # fmt: skip
    main = RuleMatch(AGUINALDO, 4.5, 0, 0.5, first=True)
    assert supporting(fecha, [match(fecha, 8.0), main]) == AGUINALDO
    weak = RuleMatch(AGUINALDO, 3.0, 0, 0.5, first=True)
    assert supporting(fecha, [match(fecha, 8.0), weak]) is None


def test_a_figure_is_weighed_against_what_applies_today() -> None:
    from rag.lead import weigh_today

    now = "Hoy (4 de diciembre de 2026) aplica un máximo de 9 horas extra a la semana"
    assert weigh_today("me ponen 10 horas extra a la semana, es legal?", now) == "No"
    assert weigh_today("me ponen 8 horas extra a la semana, es legal?", now) == "Sí"
    # Weekly hours are not overtime; a how-much question gets no verdict.
    assert weigh_today("trabajo 45 horas a la semana, es legal?", now) == ""
    assert weigh_today("cuantas horas extra me pueden poner a la semana", now) == ""
    week = "Hoy (4 de diciembre de 2026) aplica un máximo de 48 horas a la semana"
    assert weigh_today("trabajo 50 horas a la semana es legal?", week) == "No"
    # A day's hours are no week's count, and hours paid plain ask the pay.
    assert weigh_today("me quedo 2 horas extra diario, es legal?", now) == ""
    said = "me quedo 8 horas extra a la semana y nomas me las pagan sencillas, esta bien?"
    assert weigh_today(said, now) == ""


def test_the_case_topic_in_the_story_is_no_choice_asked() -> None:
    eventual = Rule("127-e", "LFT", "127", "verdict", "Si eres eventual, te toca reparto de "
                    "utilidades si trabajaste por lo menos 60 días en el año.", "-")  # fmt: skip
    told = "soy ayudante eventual, en 2025 solo trabaje 40 dias salario o prestaciones"
    opening = lead("y del reparto de utilidades me toca algo?", [match(eventual)], told=told)
    assert opening is not None
    assert opening.verdict == "No"
    assert "Con 40 días no se cumple" in opening.sentence  # the unit with its accent
    # A choice asked in the question itself still gets no verdict.
    choice = lead("me toca el reparto o un bono?", [match(eventual)], told=told)
    assert choice is not None
    assert choice.verdict == ""


def test_when_is_it_given_wants_a_date_of_the_calendar() -> None:
    assert question_kind("cuando me lo tienen q dar") == "until_when"
    dated = Rule("87-f", "LFT", "87", "right", "El aguinaldo te lo deben pagar antes del 20 de "
                 "diciembre.", "-")  # fmt: skip
    share = Rule("87-p", "LFT", "87", "right", "Te toca la parte proporcional del aguinaldo.", "-")
    ranked = best_rules([match(share, 4.0), match(dated, 3.0)], "until_when")
    assert [m.rule.id for m in ranked] == ["87-f", "87-p"]


def test_a_sure_rule_whose_condition_the_story_tells_gives_its_verdict() -> None:
    """ "Mi papá falleció… ¿tenemos que hacer juicio sucesorio?": the rule's "si un trabajador
    muere" is told, so its "No" leads; a condition with a figure is for the worker to weigh."""
    question = "mi papa murio el mes pasado, tenemos q hacer juicio sucesorio pa cobrar?"
    told = lead(question, [match(SUCESION, 40.0, coverage=0.2)])
    assert told is not None
    assert told.sentence.startswith("No. Si un trabajador muere"), told.sentence
    untold = lead(
        "tenemos q hacer juicio sucesorio pa cobrar?", [match(SUCESION, 40.0, coverage=0.2)]
    )
    assert untold is not None
    assert untold.verdict == ""
    afore = Rule("191-x", "LSS", "191", "verdict", "Si tu cuenta de AFORE tiene al menos 3 años, "
                 "puedes retirar por desempleo.", "-")  # fmt: skip
    weighed = lead("ya puedo sacar de la afore?", [match(afore, 40.0, coverage=0.2)])
    assert weighed is not None
    assert weighed.verdict == ""


AFORE_WAIT = Rule(
    "191-w", "LSS", "191", "deadline", "Si llevas al menos 46 días sin empleo (a partir del día "
    "46), puedes retirar una parte de tu subcuenta de retiro de la AFORE.", "-"
)  # fmt: skip


PRESCRIPCION_ANO = Rule(
    "516-un-ano", "LFT", "516", "deadline",
    "En general tienes 1 año para reclamar tus derechos de trabajo (como salarios o prestaciones "
    "que no te pagaron), contado desde el día siguiente a que debían cumplirse.",
    "Las acciones de trabajo prescriben en un año, contado a partir del día siguiente a la "
    "fecha en que la obligación sea exigible",
)  # fmt: skip


def test_benefits_owed_after_a_dismissal_have_a_year_and_a_claim_that_time_is_gone_is_a_no() -> (
    None
):
    rules = [match(PRESCRIPCION_DESPIDO, 30.0), match(PRESCRIPCION_ANO, 20.0)]
    told = lead(
        "me corrieron hace 70 dias y no me pagaron el aguinaldo ni las vacaciones. mi hermano "
        "dice q ya se me paso el tiempo xq eran 2 meses pa reclamar, es cierto?",
        rules,
        also=("despido",),
    )
    assert told is not None
    assert told.verdict == "No"
    assert told.sentence.startswith("No")
    assert "tienes 1 año para reclamar" in told.sentence
    assert "(Art. 516 LFT)" in told.sentence
    assert "(Art. 518 LFT)" not in told.sentence
    # The dismissal itself claimed: its two months.
    own = lead(
        "me corrieron hace 70 dias, todavia puedo pedir que me reinstalen?",
        rules,
        also=("despido",),
    )
    assert own is not None
    assert own.sentence.startswith("No: ya pasó el plazo. Si te despidieron, tienes 2 meses")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("me quede sin trabajo hace 30 dias, ya puedo sacar de la afore por desempleo?", "No"),
        ("me quede sin chamba hace un mes, ya puedo sacar lo del desempleo de la afore?", "No"),
        # Past the wait, the rule's other conditions are the worker's to check: no verdict.
        ("me quede sin empleo hace 2 meses, ya puedo sacar de la afore?", ""),
    ],
)
def test_a_waiting_period_not_yet_over_says_not_yet(question: str, expected: str) -> None:
    opening = lead(question, [match(AFORE_WAIT, 40.0)])
    assert opening is not None
    assert opening.verdict == expected
    if expected:
        assert opening.sentence.startswith("No, todavía no: si llevas al menos 46 días")


MINIMO = Rule(
    "85-m", "LFT", "85", "verdict", "Tu salario nunca puede ser menor al salario mínimo.", "-"
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("no saco ni el minimo pero pues asi es el trato no? si no saco es mi problema", "No"),
        ("el dueño dice que si no saco el minimo no me toca nada, es cierto?", "No"),
        # No premise denies anything: no verdict from this path.
        ("cuanto es el salario minimo?", ""),
    ],
)
def test_a_premise_that_denies_a_right_the_rule_grants_is_answered_no(
    question: str, expected: str
) -> None:
    opening = lead(question, [match(MINIMO, 20.0, coverage=0.2)])
    assert opening is not None
    assert opening.verdict == expected


PRUEBA_30 = Rule(
    "39-a-x", "LFT", "39-A", "deadline", "Por regla general, el periodo de prueba no puede durar "
    "más de 30 días.", "-"
)  # fmt: skip
ALTA = Rule(
    "15-lss-x", "LSS", "15", "deadline", "Tu patrón debe darte de alta en el IMSS en un plazo de "
    "no más de 5 días hábiles.", "-"
)  # fmt: skip


def test_after_a_premise_is_corrected_what_was_asked_is_answered_too() -> None:
    question = (
        "me dicen q me dan de alta en el seguro hasta q pase el periodo de prueba de 3 meses. "
        "en cuanto tiempo me tienen q dar de alta?"
    )
    matches = [match(PRUEBA_30, 40.0), match(ALTA, 1.0, rank=4)]
    assert asked_besides(question, PRUEBA_30, matches) == ALTA
    # The correction answers what is asked: nothing more.
    asked_it = "me dicen q el periodo de prueba es de 3 meses. cuanto dura el periodo de prueba?"
    assert asked_besides(asked_it, PRUEBA_30, matches) is None
    # One clause only: the correction is the answer.
    assert asked_besides("el periodo de prueba de 3 meses es legal?", PRUEBA_30, matches) is None


def test_a_second_claim_told_with_the_first_is_answered_too() -> None:
    """ "Me dijeron q la prueba es de 3 meses y q mientras no tengo imss": the 30 days correct
    the first claim; the same article's rule on social security answers the second, read in the
    law's words ("imss" → "seguridad social")."""
    salario = Rule(
        "39-a-y", "LFT", "39-A", "right", "Durante el periodo de prueba tienes derecho a tu "
        "salario, a seguridad social y a las prestaciones de tu puesto.", "-"
    )  # fmt: skip
    matches = [match(PRUEBA_30, 40.0), match(salario, 20.0)]
    question = "me dijeron q el periodo de prueba es de 3 meses y q mientras no tengo imss. asi es?"

    def meant(text: str) -> list[str]:
        return ["seguro social seguridad social"] if "imss" in text else []

    assert asked_besides(question, PRUEBA_30, matches, meant=meant) == salario
    assert asked_besides(question, PRUEBA_30, matches) is None  # "imss" alone says nothing more
    # A second claim the correction already speaks of adds nothing.
    again = "me dijeron q la prueba es de 3 meses y q el periodo de prueba se alarga. asi es?"
    assert asked_besides(again, PRUEBA_30, matches, meant=meant) is None


def test_a_rule_that_keeps_what_the_premise_says_is_lost_answers_no() -> None:
    keeps = Rule(
        "41-x", "LFT", "41", "right", "Si la empresa cambia de dueño, tu trabajo y tus derechos "
        "siguen igual.", "-"
    )  # fmt: skip
    question = "el nuevo dueño me dijo que mis 9 años ya no cuentan, es cierto?"
    opening = lead(question, [match(keeps, 20.0, coverage=0.2)])
    assert opening is not None
    assert opening.sentence.startswith("No. Si la empresa cambia de dueño")


def test_a_how_much_question_whose_condition_the_worker_misses_is_answered_no() -> None:
    question = (
        "trabaje 45 dias de eventual el año pasado, me dijeron q a todos los eventuales nos toca "
        "reparto de utilidades, cuanto me toca?"
    )
    opening = lead(question, [match(EVENTUALES, score=40.0, coverage=0.4)])
    assert opening is not None
    assert opening.verdict == "No"
    assert opening.sentence.startswith("No. Si eres eventual")
    assert "Con 45 días no se cumple" in opening.sentence
    # Met, the amount is for the figures to say: no verdict.
    met = lead(question.replace("45 dias", "90 dias"), [match(EVENTUALES, 40.0, coverage=0.4)])
    assert met is not None
    assert met.verdict == ""


def test_a_figure_that_grants_what_the_worker_denies_opens_with_no() -> None:
    question = "renuncie despues de 16 años, ya se q por renunciar no me toca nada de prima verdad"
    granted = "Sí: con 16 años de trabajo te toca la prima de antigüedad (Art. 162 LFT)."
    opening = lead(question, [match(PRIMA_RENUNCIA)], facts=[granted])
    assert opening is not None
    assert opening.sentence.startswith("No: con 16 años de trabajo te toca la prima")
    # Without the denial, the figure's own "Sí".
    asked = lead(
        "renuncie despues de 16 años, me toca prima?", [match(PRIMA_RENUNCIA)], facts=[granted]
    )
    assert asked is not None
    assert asked.sentence.startswith("Sí: con 16 años")


PIEZA_DESGASTE = Rule(
    "83-desgaste", "LFT", "83", "verdict",
    "Si trabajas por obra o pieza, no pueden cobrarte por el desgaste normal de la herramienta.",
    "sin que pueda exigir cantidad alguna por concepto del desgaste natural",
)  # fmt: skip
DESGASTE = Rule(
    "132-desgaste", "LFT", "132", "verdict",
    "No pueden cobrarte por el desgaste normal de las herramientas o materiales de trabajo.",
    "El patrón no podrá exigir indemnización alguna por el desgaste natural",
)  # fmt: skip


def test_the_rule_for_all_leads_over_the_same_rule_for_a_kind_of_work_not_named() -> None:
    question = "soy mecanico, el dueño me descuenta por el desgaste de la herramienta, se vale?"
    matches = [match(PIEZA_DESGASTE, 50.0, 0, 0.2), match(DESGASTE, 40.0, 1, 0.2)]
    opening = lead(question, matches)
    assert opening is not None
    assert opening.rules == (DESGASTE,)
    # Named, the kind of work's own rule leads.
    named = lead(
        "trabajo por pieza y me descuentan el desgaste de la herramienta, se vale?", matches
    )
    assert named is not None
    assert named.rules == (PIEZA_DESGASTE,)


EDAD = Rule(
    "22-edad", "LFT", "22", "verdict",
    "La edad mínima para trabajar es de 15 años, con los límites de la ley.",
    "Los mayores de quince años pueden prestar libremente sus servicios",
)  # fmt: skip


def test_a_claim_told_without_a_question_is_corrected_by_a_floor_the_figure_misses() -> None:
    claim = (
        "mi hija tiene 14 años y la quieren contratar en una papeleria, el dueño dice q si yo le "
        "firmo el permiso no hay problema"
    )
    opening = lead(claim, [match(EDAD, 40.0, 0, 0.3)])
    assert opening is not None
    assert opening.verdict == "No"
    assert opening.sentence.startswith("No. La edad mínima para trabajar es de 15 años")
    assert "Con 14 años no se cumple" in opening.sentence
    # Met, nothing to correct; told without a claim, no verdict either.
    older = lead(claim.replace("14 años", "16 años"), [match(EDAD, 40.0, 0, 0.3)])
    assert older is not None
    assert older.verdict == ""
    plain = lead("mi hija tiene 14 años y la quieren contratar", [match(EDAD, 40.0, 0, 0.3)])
    assert plain is not None
    assert plain.verdict == ""


CAMPO_VALES = Rule(
    "284-pago-vales", "LFT", "284", "verdict",
    "En el campo no te pueden pagar con mercancía, vales o fichas: el salario debe ser en dinero.",
    "Pagar el salario con mercancías, vales, fichas",
)  # fmt: skip
VALES = Rule(
    "101-moneda", "LFT", "101", "verdict",
    "No pueden pagarte el salario con mercancía, vales o fichas: debe ser en dinero.",
    "no siendo permitido hacerlo en mercancías, vales, fichas",
)  # fmt: skip
MENOR_JORNADA = Rule(
    "177-seis-horas", "LFT", "177", "verdict",
    "Si tienes menos de 16 años, tu jornada no puede pasar de 6 horas al día, en periodos de "
    "máximo 3 horas con descansos de al menos una hora.",
    "La jornada de trabajo de los menores de dieciséis años no podrá exceder de seis horas diarias",
)  # fmt: skip


def test_the_rule_for_all_leads_over_a_special_jobs_rule_the_question_does_not_name() -> None:
    matches = [match(CAMPO_VALES, 37.0, 0, 0.2), match(VALES, 30.0, 2, 0.2)]
    opening = lead("el patron nos quiere pagar la mitad en vales, se puede?", matches)
    assert opening is not None
    assert opening.rules == (VALES,)
    named = lead("soy jornalero en el campo y nos quieren pagar en vales, se puede?", matches)
    assert named is not None
    assert named.rules == (CAMPO_VALES,)


def test_a_minors_limit_the_figure_breaks_leads_with_no_past_the_first_rule() -> None:
    question = "mi chavo tiene 15 años y lo tienen 8 horas diarias en una paleteria, eso esta bien?"
    opening = lead(question, [match(JORNADA, 23.0, 0, 0.2), match(MENOR_JORNADA, 20.0, 1, 0.3)])
    assert opening is not None
    assert opening.verdict == "No"
    assert opening.rules == (MENOR_JORNADA,)
    # An adult's 8 hours break no minor's limit.
    adult = lead(
        "tengo 30 años y me tienen 8 horas diarias, eso esta bien?",
        [match(JORNADA, 23.0, 0, 0.2), match(MENOR_JORNADA, 20.0, 1, 0.3)],
    )
    assert adult is not None
    assert adult.verdict == ""


PRORROGA = Rule(
    "39-prorroga", "LFT", "39", "right",
    "Si tu contrato temporal venció pero el trabajo sigue existiendo, tu relación de trabajo se "
    "prorroga mientras dure ese trabajo.",
    "la relación quedará prorrogada por todo el tiempo que perdure dicha circunstancia",
)  # fmt: skip


def test_a_denial_is_answered_no_by_a_rule_whose_condition_the_story_speaks_of() -> None:
    question = (
        "me hacen firmar contrato cada 3 meses desde hace 2 años, y me dicen q cuando se acabe el "
        "contrato me pueden sacar sin pagarme nada, asi es?"
    )
    assert verdict(question, PRORROGA) == "No"
    # The same denial, the condition untold: the rule alone.
    assert verdict("me dicen q me pueden sacar sin pagarme nada, asi es?", PRORROGA) == ""


PROPINAS = Rule(
    "346-propinas", "LFT", "346", "verdict",
    "En hoteles, restaurantes y bares, las propinas son de los trabajadores: el patrón no puede "
    "quedarse con ellas ni con una parte.",
    "Las propinas son parte del salario de los trabajadores",
)  # fmt: skip
TELETRABAJO = Rule(
    "330-e-costos", "LFT", "330-E", "duty",
    "En teletrabajo, el patrón debe pagar los costos del trabajo en casa, incluido el internet.",
    "Asumir los costos derivados del trabajo a través de la modalidad de teletrabajo",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rule", "expected"),
    [
        # WhatsApp shorthand reads as written out ("q" for "que").
        ("trabajo desde mi casa, me tienen q pagar algo de la luz?", TELETRABAJO, "Sí"),
        # A claim told, asked whether it is true, against a rule that forbids it: no.
        ("el dueño dice q las propinas son pa el, es cierto?", PROPINAS, "No"),
        (
            "el dueño se queda con la mitad de las propinas, dice q es pa la casa. puede?",
            PROPINAS,
            "No",
        ),
        # A claim with its own "no" is not contradicted by a prohibition: it states it.
        ("el dueño dice q no se puede quedar con las propinas, es cierto?", PROPINAS, "Sí"),
    ],
)
def test_shorthand_claims_and_a_bare_puede(question: str, rule: Rule, expected: str) -> None:
    assert verdict(question, rule) == expected


RIESGO_SUBSIDIO = Rule(
    "58-lss-subsidio", "LSS", "58", "amount",
    "Si un accidente o una enfermedad de trabajo te incapacita, el IMSS te paga el 100 % del "
    "salario con que cotizabas mientras no puedas trabajar.",
    "el cien por ciento del salario en que estuviese cotizando",
)  # fmt: skip
ENFERMEDAD_SUBSIDIO = Rule(
    "96-lss-cuarto-dia", "LSS", "96", "deadline",
    "Si una enfermedad que no viene del trabajo te incapacita, el IMSS te paga un subsidio a "
    "partir del cuarto día de la incapacidad, hasta por 52 semanas.",
    "El subsidio se pagará a partir del cuarto día del inicio de la incapacidad",
)  # fmt: skip


def test_a_work_risks_rule_leads_nothing_when_the_story_says_it_was_not_from_work() -> None:
    matches = [match(RIESGO_SUBSIDIO, 40.0, 0, 0.3), match(ENFERMEDAD_SUBSIDIO, 30.0, 1, 0.3)]
    told = lead("tengo una hernia y el imss me incapacito, no es del trabajo", matches)
    assert told is not None
    assert told.rules == (ENFERMEDAD_SUBSIDIO,)
    untold = lead("tengo una hernia y el imss me incapacito", matches)
    assert untold is not None
    assert untold.rules == (RIESGO_SUBSIDIO,)


SUSTITUCION = Rule(
    "41-cambio-patron", "LFT", "41", "verdict",
    "Si la empresa cambia de dueño, tu trabajo y tus derechos siguen igual.",
    "La substitución de patrón no afectará las relaciones de trabajo de la empresa o "
    "establecimiento.",
)  # fmt: skip
PTU_MATERNIDAD = Rule(
    "127-maternidad", "LFT", "127", "verdict",
    "Los días de incapacidad por maternidad o por un riesgo de trabajo cuentan como trabajados "
    "para tu reparto de utilidades.",
    "Las madres trabajadoras, durante los períodos pre y postnatales",
)  # fmt: skip
MENOS_DE_UN_ANO = Rule(
    "49-menos-de-un-ano", "LFT", "49", "verdict",
    "Si tenías menos de un año en el trabajo, el patrón puede negarse a reinstalarte, pagándote "
    "la indemnización que marca la ley.",
    "Cuando se trate de trabajadores que tengan una antigüedad menor de un año",
)  # fmt: skip
EMBARGO_SALVO = Rule(
    "112-embargo", "LFT", "112", "verdict",
    "Tu salario no se puede embargar, salvo para pagar una pensión alimenticia ordenada por una "
    "autoridad.",
    "Los salarios de los trabajadores no podrán ser embargados, salvo el caso de pensiones "
    "alimenticias decretadas por la autoridad competente",
)  # fmt: skip
MULTAS = Rule(
    "107-multas", "LFT", "107", "verdict",
    "Está prohibido que te pongan multas en el trabajo, sea cual sea el motivo.",
    "Está prohibida la imposición de multas a los trabajadores",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        (
            "el nuevo dueño nos dijo q la antiguedad empieza desde cero, eso es cierto?",
            "la antiguedad empieza desde cero",
        ),
        (
            "cuando pedi mis utilidades la planta dijo q ella no es mi patron. es cierto",
            "ella no es mi patron",
        ),
        ("el delegado dice q si me salgo me corren, pueden hacer eso?", "si me salgo me corren"),
        # "¿Tiene razón?" judges the employer's stance told before it.
        (
            "mi patron no me quiere dar aguinaldo xq soy eventual, tiene razon?",
            "mi patron no me quiere dar aguinaldo porque soy eventual",
        ),
        # A question of its own after the claim asks something else.
        ("me dijeron q como no tengo el año no me toca aguinaldo. cuanto seria?", None),
        # Nothing told: a story and a question.
        ("me corrieron sin carta, es legal?", None),
    ],
)
def test_the_claim_told_is_what_follows_who_said_it(question: str, claim: str | None) -> None:
    assert claim_told(question) == claim


@pytest.mark.parametrize(
    ("question", "rule", "expected"),
    [
        # A denial told against a rule that keeps or grants what was denied: no.
        (
            "el nuevo dueño dijo q la antiguedad empieza desde cero xq es otro patron, es cierto?",
            SUSTITUCION,
            "No",
        ),
        (
            "en rh dicen q esas semanas no cuentan pa las utilidades. es cierto?",
            PTU_MATERNIDAD,
            "No",
        ),
        # A rule that gives the employer the power claimed agrees with the claim.
        (
            "el abogado dice q no me van a reinstalar, q mejor me pagan. es cierto?",
            MENOS_DE_UN_ANO,
            "",
        ),
        # A rule about something else says nothing of the claim.
        ("el dueño dice q no soy su trabajador, es cierto?", EMBARGO_SALVO, ""),
        # An exception the story does not speak of leaves the rule's verdict.
        ("me pueden embargar el sueldo por una deuda del banco?", EMBARGO_SALVO, "No"),
        (
            "me pueden embargar el sueldo por la pension alimenticia de mis hijos?",
            EMBARGO_SALVO,
            "",
        ),
        # "¿… o q?" closes the question; it offers no alternatives.
        ("si llegas tarde te ponen multa de 50 pesos, eso es legal o q?", MULTAS, "No"),
    ],
)
def test_a_claim_told_is_weighed_against_the_rule(question: str, rule: Rule, expected: str) -> None:
    assert verdict(question, rule) == expected


def test_a_claim_asked_as_a_permission_is_weighed_by_the_workers_service() -> None:
    matches = [match(REINSTALACION, 40.0, 0, 0.2), match(MENOS_DE_UN_ANO, 20.0, 1, 0.1)]
    question = (
        "trabaje 10 meses y me corrieron, pedi q me regresaran pero el abogado de la empresa "
        "dice q no me van a reinstalar, q mejor me pagan. pueden hacer eso?"
    )
    told = lead(question, matches)
    assert told is not None
    assert told.verdict == "Sí"
    assert told.rules == (MENOS_DE_UN_ANO,)


TRAYECTO = Rule(
    "474-trayecto", "LFT", "474", "verdict",
    "Si tienes un accidente yendo directo de tu casa al trabajo o del trabajo a tu casa, sí "
    "cuenta como accidente de trabajo.",
    "Quedan incluidos en la definición anterior los accidentes que se produzcan al trasladarse "
    "el trabajador directamente de su domicilio al lugar del trabajo y de éste a aquél.",
)  # fmt: skip
DEUDA_INTERESES = Rule(
    "111-sin-intereses", "LFT", "111", "verdict",
    "Si le debes dinero a tu patrón, no puede cobrarte intereses por esa deuda.",
    "Las deudas contraídas por los trabajadores con sus patrones en ningún caso devengarán "
    "intereses.",
)  # fmt: skip
TARJETA = Rule(
    "101-tarjeta", "LFT", "101", "right",
    "Pueden pagarte por depósito, tarjeta o transferencia solo si tú estás de acuerdo, y las "
    "comisiones las paga el patrón.",
    "Los gastos o costos que originen estos medios alternativos de pago serán cubiertos por el "
    "patrón.",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rule", "expected"),
    [
        # "¿Cuenta como…?" against a rule that says it counts, its condition told: yes.
        (
            "iba de mi casa a la chamba y me atropellaron, cuenta como accidente de trabajo?",
            TRAYECTO,
            "Sí",
        ),
        ("me atropellaron, eso cuenta como accidente de trabajo o no?", TRAYECTO, ""),
        # A cost the rule puts on the employer, even in a rule with a condition.
        ("me cobran 99 pesos de comision de la tarjeta, eso lo pago yo??", TARJETA, "No"),
        # "¿La empresa me tiene que pagar…?" is asked for the worker.
        ("trabajo en casa, la empresa me tiene q pagar la luz?", TELETRABAJO, "Sí"),
    ],
)
def test_counts_costs_and_duties(question: str, rule: Rule, expected: str) -> None:
    assert verdict(question, rule) == expected


def test_a_question_that_names_what_the_rule_forbids_is_answered_past_the_first_article() -> None:
    question = "le pedi 6 mil prestados a mi patron y me los cobra con 10% de interes, se vale??"
    # The article ranks third and the rule covers little of the story: still sure.
    told = lead(question, [match(DEUDA_INTERESES, 29.0, 2, 0.14)])
    assert told is not None
    assert told.verdict == "No"
    assert names_forbidden(question, DEUDA_INTERESES)
    assert not names_forbidden("me pagan cada mes, se vale?", DEUDA_INTERESES)


PRESCRIPCION_DESPIDO = Rule(
    "518-despido-dos-meses", "LFT", "518", "deadline",
    "Si te despidieron, tienes 2 meses para reclamar, contados desde el día siguiente al despido.",
    "Prescriben en dos meses las acciones de los trabajadores que sean separados del trabajo.",
)  # fmt: skip
MINIMO_SIN_DESCUENTOS = Rule(
    "97-minimo-sin-descuentos", "LFT", "97", "verdict",
    "Si ganas el salario mínimo, no pueden descontártelo, compensarlo ni reducirlo, salvo en los "
    "pocos casos que marca la ley.",
    "Los salarios mínimos no podrán ser objeto de compensación, descuento o reducción",
)  # fmt: skip


def test_a_closing_o_ya_no_still_weighs_the_time_gone_by() -> None:
    told = lead(
        "me corrieron el 14 de octubre, todavia alcanzo a demandar o ya no?",
        [match(PRESCRIPCION_DESPIDO, 30.0)],
        also=("despido",),  # the slang table's reading of "me corrieron"
        told="hace 52 días",
    )
    assert told is not None
    assert told.sentence.startswith("Sí, todavía estás a tiempo")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # An exception that names no case ("los casos que marca la ley") leaves the verdict.
        ("gano el minimo y me descuentan el uniforme, se vale eso?", "No"),
        # "¿Qué descuentos me pueden hacer?" asks which, not whether.
        ("gano el minimo, q descuentos me pueden hacer?", ""),
    ],
)
def test_vague_exceptions_and_which_questions(question: str, expected: str) -> None:
    assert verdict(question, MINIMO_SIN_DESCUENTOS) == expected


def test_a_claim_told_without_a_question_mark_gets_its_verdict(lft_md: Path) -> None:
    question = "me dicen q a fuerza me tengo q meter al sindicato, q es obligatorio"
    nadie = Rule(
        "358-nadie-obligado", "LFT", "358", "verdict",
        "Nadie te puede obligar a entrar a un sindicato ni a quedarte en él.",
        "Nadie puede ser obligado a formar o no parte de un sindicato",
    )  # fmt: skip
    texts = read_articles(lft_md, {"358"})
    assert squash(nadie.passage) in squash(texts["358"])
    told = lead(question, [match(nadie, 30.0)])
    assert told is not None
    assert told.verdict == "No"


FIN_PRUEBA = Rule(
    "39-a-fin-prueba", "LFT", "39-A", "verdict",
    "Si al terminar el periodo de prueba el patrón considera que no cumples los requisitos del "
    "puesto, puede terminar la relación sin responsabilidad para él.",
    "se dará por terminada la relación de trabajo, sin responsabilidad para el patrón",
)  # fmt: skip
VACACIONES_SEIS_MESES = Rule(
    "81-seis-meses", "LFT", "81", "deadline",
    "Te deben dar tus vacaciones dentro de los 6 meses siguientes a que cumplas cada año de "
    "trabajo.",
    "Las vacaciones deberán concederse a los trabajadores dentro de los seis meses siguientes al "
    "cumplimiento del año de servicios.",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        # A claim the rule agrees with is not answered "No": the employer's power stated...
        (
            "me dijeron q en el periodo de prueba me pueden correr sin pagarme nada, es cierto?",
            FIN_PRUEBA,
        ),
        # ... and a denial only until a condition the law itself sets.
        (
            "mi jefe dice q no me toca vacaciones hasta q cumpla el año, es cierto?",
            VACACIONES_SEIS_MESES,
        ),
    ],
)
def test_a_claim_the_rule_agrees_with_gets_no_no(question: str, rule: Rule) -> None:
    assert verdict(question, rule) == ""


APP_INACTIVA = Rule(
    "291-c-30-dias", "LFT", "291-C", "deadline",
    "Si no tienes actividad en la app por 30 días naturales seguidos, la relación de trabajo se "
    "termina sola y no hay indemnización.",
    "deja de tener actividad en la plataforma",
)  # fmt: skip
ALTA_IMSS = Rule(
    "15-lss-alta", "LSS", "15", "duty",
    "Tu patrón debe darte de alta en el IMSS en un plazo de no más de 5 días hábiles.",
    "-",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rule", "said"),
    [
        # The loss the claim tells is the rule's own: what was told is what the rule says.
        (
            "deje la app 5 semanas y me dicen q mi relacion se termino sola, es cierto?",
            APP_INACTIVA,
            "Sí",
        ),
        # A fact reported ("no ha pagado") is no legal claim to contradict.
        (
            "en la clinica dicen q mi patron no ha pagado nada desde hace meses, es cierto?",
            ALTA_IMSS,
            "",
        ),
    ],
)
def test_a_loss_the_rule_states_or_a_fact_reported_gets_no_no(
    question: str, rule: Rule, said: str
) -> None:
    assert verdict(question, rule) == said


def test_a_practice_judged_against_a_forbidding_rule_is_sure_whatever_the_story() -> None:
    question = "me contrato una empresa de outsourcing que me manda a trabajar a otra, eso es legal"
    prohibida = Rule(
        "12-subcontratacion", "LFT", "12", "verdict",
        "Está prohibido que una empresa te ponga a trabajar para otra como personal prestado.",
        "Queda prohibida la subcontratación de personal",
    )  # fmt: skip
    told = lead(question, [match(prohibida, 16.0, 0, 0.0)])
    assert told is not None
    assert told.verdict == "No"
    # The worker asking what they may do ("¿sí se puede?") is not judging a practice.
    app = lead(
        "me quiero meter de repartidor en una app, si se puede?", [match(prohibida, 16.0, 0, 0.0)]
    )
    assert app is not None
    assert app.verdict == ""


def test_a_pronoun_before_tienen_que_still_asks_for_the_worker() -> None:
    doble = Rule(
        "73-pago-doble-descanso", "LFT", "73", "amount",
        "Si trabajas en tu día de descanso, además del pago de ese día te deben pagar un salario "
        "doble por el trabajo.",
        "-",
    )  # fmt: skip
    assert verdict("trabaje en mi dia de descanso, me lo tienen q pagar doble?", doble) == "Sí"


AVISO_DESPIDO = Rule(
    "47-aviso", "LFT", "47", "verdict",
    "Si tu patrón te despidió sin darte aviso por escrito, la ley presume que el despido fue "
    "injustificado, salvo que él pruebe lo contrario.",
    "La falta de aviso al trabajador personalmente o por conducto del Tribunal, por sí sola "
    "presumirá la separación no justificada",
)  # fmt: skip
DESCONEXION = Rule(
    "330-e-desconexion", "LFT", "330-E", "right",
    "En teletrabajo tienes derecho a desconectarte al terminar tu jornada: el patrón debe "
    "respetarlo.",
    "Respetar el derecho a la desconexión de las personas trabajadoras en la modalidad de "
    "teletrabajo",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rule", "expected"),
    [
        # "¿Tiene razón?" judges the claim told; a rule that calls a dismissal unjustified does
        # not contradict "el patrón tenía que avisarme por escrito".
        (
            "me corrieron de palabra, mi tio dice q el patron tenia q avisarme por escrito, "
            "tiene razon?",
            AVISO_DESPIDO,
            "",
        ),
        # The same rule still answers a practice judged ("¿es legal?").
        ("me corrieron de palabra sin ningun papel, es legal?", AVISO_DESPIDO, "No"),
        # A "no" inside the right claimed is no denial.
        (
            "hago home office y me dijeron q tengo derecho a no contestar despues de mi horario",
            DESCONEXION,
            "",
        ),
    ],
)
def test_a_confirmed_claim_is_weighed_as_a_claim(question: str, rule: Rule, expected: str) -> None:
    assert verdict(question, rule) == expected


def test_a_figure_that_grants_what_the_question_asks_is_gone_opens_no() -> None:
    facts = (
        "Sí: aunque renuncies te deben pagar la parte proporcional del aguinaldo (Art. 87 LFT).",
    )
    gone = lead(
        "me hicieron firmar mi renuncia, ya no me toca nada?", [match(AGUINALDO)], facts=facts
    )
    assert gone is not None
    assert gone.sentence.startswith("No: aunque renuncies")
    asked = lead("renuncie, me toca algo?", [match(AGUINALDO)], facts=facts)
    assert asked is not None
    assert asked.sentence.startswith("Sí: aunque renuncies")


# The rules written for the tests of the claim verdicts, the counts and the terms.
VERDICT_RULES = (
    SUSTITUCION,
    PTU_MATERNIDAD,
    MENOS_DE_UN_ANO,
    EMBARGO_SALVO,
    MULTAS,
    TRAYECTO,
    DEUDA_INTERESES,
    TARJETA,
    PRESCRIPCION_DESPIDO,
    MINIMO_SIN_DESCUENTOS,
    FIN_PRUEBA,
    VACACIONES_SEIS_MESES,
    AVISO_DESPIDO,
    DESCONEXION,
)


def test_the_verdict_rules_passages_are_the_laws_words(lft_md: Path) -> None:
    texts = read_articles(lft_md, {r.article for r in VERDICT_RULES})
    for rule in VERDICT_RULES:
        assert squash(rule.passage) in squash(texts[rule.article]), rule.id


def test_a_claim_that_the_rule_itself_states_gets_no_no() -> None:
    inactiva = Rule(
        "291-c-30-dias", "LFT", "291-C", "deadline",
        "Si no tienes actividad en la app por 30 días naturales seguidos, la relación de trabajo "
        "se termina sola y no hay indemnización.",
        "deja de tener actividad en la plataforma",
    )  # fmt: skip
    question = (
        "deje de conectarme a la app 5 semanas y ahora dicen q ya se termino mi relacion y q no "
        "me deben nada. es asi?"
    )
    assert verdict(question, inactiva) == ""


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (52, "52 días"),
        (60, "2 meses"),
        (66, "más de 2 meses"),
        (645, "más de 1 año y 9 meses"),
        (730, "2 años"),
    ],
)
def test_many_days_gone_by_are_said_in_months_and_years(days: int, said: str) -> None:
    from rag.amounts import Quantity
    from rag.lead import said_in_months

    assert said_in_months(Quantity(float(days), "dia", f"{days} días")).said == said


def test_a_question_that_asks_to_choose_is_answered_by_the_rule_naming_both() -> None:
    seis_meses = Rule(
        "41-seis-meses", "LFT", "41", "deadline",
        "Si la empresa cambió de dueño, el dueño anterior responde junto con el nuevo por lo que "
        "se te debía antes del cambio, durante 6 meses.",
        "El patrón substituido será solidariamente responsable con el nuevo",
    )  # fmt: skip
    matches = [match(AGUINALDO, 30.0, 0, 0.3), match(seis_meses, 10.0, 1, 0.2)]
    chosen = lead("y el aguinaldo me lo tiene q pagar el nuevo o el anterior?", matches)
    assert chosen is not None
    assert chosen.rules == (seis_meses,)
    # "¿… de 15 días o cómo?" offers no choice.
    plain = lead("me toca aguinaldo de 15 dias o como?", matches)
    assert plain is not None
    assert plain.rules == (AGUINALDO,)


SINDICATO_20 = Rule(
    "364-minimo-20", "LFT", "364", "amount",
    "Para formar un sindicato de trabajadores se necesitan al menos 20 trabajadores.",
    "Los sindicatos deberán constituirse con un mínimo de veinte trabajadores o con tres "
    "patrones, por lo menos.",
)  # fmt: skip
INFONAVIT_5 = Rule(
    "29-linfonavit-cinco", "LINFONAVIT", "29", "amount",
    "Tu patrón debe aportar al INFONAVIT el 5 % de tu salario, que va a tu subcuenta de vivienda.",
    "Determinar el monto de las aportaciones del cinco por ciento sobre el salario de los "
    "trabajadores a su servicio",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rule", "expected"),
    [
        # The rule says what was told, figure and all: yes.
        (
            "somos 23 en el taller y queremos un sindicato. me dijeron q se necesitan minimo "
            "20 trabajadores, es cierto?",
            SINDICATO_20,
            "Sí",
        ),
        (
            "un compa me dijo q el patron tiene q aportar al infonavit el 5% de mi sueldo, "
            "tiene razon?",
            INFONAVIT_5,
            "Sí",
        ),
        # Another figure is not what the rule says.
        (
            "me dijeron q se necesitan minimo 30 trabajadores pa un sindicato, es cierto?",
            SINDICATO_20,
            "",
        ),
        # A claim that narrows ("solo si…") says more than the rule.
        (
            "me dijeron q solo si somos 20 trabajadores podemos hacer sindicato, es cierto?",
            SINDICATO_20,
            "",
        ),
        # A denial is not what a rule that grants says.
        (
            "un compa me dijo q el patron no tiene q aportar al infonavit el 5% de mi sueldo, "
            "tiene razon?",
            INFONAVIT_5,
            "No",
        ),
    ],
)
def test_a_claim_the_rule_states_as_told_is_confirmed(
    question: str, rule: Rule, expected: str
) -> None:
    assert verdict(question, rule) == expected


TRANSPORTE_CAMPO = Rule(
    "283-transporte-campo", "LFT", "283", "duty",
    "En el campo, el patrón debe darte transporte gratis, cómodo y seguro de donde vives al lugar "
    "de trabajo y de regreso.",
    "Proporcionar a los trabajadores en forma gratuita, transporte cómodo y seguro de las zonas "
    "habitacionales a los lugares de trabajo y viceversa",
)  # fmt: skip


def test_what_is_charged_against_a_rule_that_gives_it_free_is_a_no(lft_md: Path) -> None:
    texts = read_articles(lft_md, {"283"})
    assert squash(TRANSPORTE_CAMPO.passage) in squash(texts["283"])
    question = (
        "soy jornalero en los campos de tomate. el mayordomo nos cobra 30 pesos diarios por el "
        "camion q nos lleva al surco. eso es legal?"
    )
    # A story the rule covers little of, whose score is short of sure on its own.
    told = lead(question, [match(TRANSPORTE_CAMPO, 29.0, 1, 0.18)])
    assert told is not None
    assert told.verdict == "No"
    assert told.sentence.startswith("No. En el campo, el patrón debe darte transporte gratis")
    # Nothing charged: the same story asks no verdict of it.
    plain = question.replace("nos cobra 30 pesos diarios por", "nos lleva en")
    told = lead(plain, [match(TRANSPORTE_CAMPO, 29.0, 1, 0.18)])
    assert told is not None
    assert told.verdict == ""


def test_reprisals_for_forming_a_union_are_a_no(lft_md: Path) -> None:
    rule = next(r for r in load_rules() if r.id == "133-represalias-sindicato")
    texts = read_articles(lft_md, {"133"})
    assert squash(rule.passage) in squash(texts["133"])
    told = lead("queremos formar un sindicato, el patron nos puede correr?", [match(rule, 30.0)])
    assert told is not None
    assert told.verdict == "No"
    assert told.sentence.startswith("No. Tu patrón no puede meterse en tu sindicato")


CUOTA_SINDICAL = Rule(
    "110-cuota-sindical", "LFT", "110", "right",
    "Si no quieres que te descuenten la cuota sindical, puedes decirlo por escrito y el patrón ya "
    "no podrá descontarla.", "Cuotas sindicales ordinarias",
)  # fmt: skip
MENORES_SEIS = Rule(
    "177-seis-horas", "LFT", "177", "amount",
    "Si tienes menos de 16 años, tu jornada no puede pasar de 6 horas al día, en periodos de "
    "máximo 3 horas con descansos de al menos una hora.",
    "La jornada de trabajo de los menores de dieciséis años no podrá exceder de seis horas "
    "diarias",
)  # fmt: skip
PRIMA_VACACIONAL = Rule(
    "80-prima-vacacional", "LFT", "80", "amount",
    "Además del pago de tus días de vacaciones, te toca una prima vacacional de al menos 25% de "
    "ese salario.", "una prima no menor de veinticinco por ciento",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rule", "expected"),
    [
        # The "no" of the clause asked for is no negated question.
        (
            "me descuentan cuota sindical, puedo pedir q ya no me la descuenten?",
            CUOTA_SINDICAL,
            "Sí",
        ),
        ("ya no puedo pedir que me la descuenten?", CUOTA_SINDICAL, ""),
        # A ceiling claimed against the rule's own ceiling: its figure decides.
        (
            "tengo 15 años, me dijeron q a mi edad el maximo son 6 horas al dia, es cierto?",
            MENORES_SEIS,
            "Sí",
        ),
        (
            "tengo 15 años, me dijeron q a mi edad el maximo son 8 horas al dia, es cierto?",
            MENORES_SEIS,
            "No",
        ),
        # The verbs that frame a claim ("me tienen que dar") count for nothing either way.
        (
            "me dijeron q aparte del pago de los dias me tienen q dar un 25% extra, es verdad?",
            PRIMA_VACACIONAL,
            "Sí",
        ),
        (
            "me dijeron q aparte del pago de los dias me tienen q dar un 50% extra, es verdad?",
            PRIMA_VACACIONAL,
            "",
        ),
    ],
)
def test_a_clause_asked_for_and_a_ceiling_claimed_keep_their_verdict(
    question: str, rule: Rule, expected: str
) -> None:
    assert verdict(question, rule) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("no me pagan el aguinaldo, se vale?", "No"),
        ("no me dan aguinaldo, eso es legal?", "No"),
        # Nothing withheld, or something the rule does not grant: no verdict.
        ("me pagan el aguinaldo en enero, se vale?", ""),
        ("no me dan bono de puntualidad, es legal?", ""),
    ],
)
def test_withholding_what_the_rule_grants_is_judged_no(question: str, expected: str) -> None:
    assert verdict(question, AGUINALDO) == expected


def test_the_last_days_of_a_term_lead_with_the_term_and_the_hurry() -> None:
    """Two months to claim a dismissal: well within, "Sí"; in the last week, the term itself
    and the hurry, with no verdict (when it started to run is for the worker to check)."""
    rules = [match(PRESCRIPCION_DESPIDO, 30.0)]
    asked = "me corrieron hace {} dias, todavia alcanzo a demandar?"
    early = lead(asked.format(20), rules, also=("despido",))
    assert early is not None
    assert early.sentence.startswith("Sí, todavía estás a tiempo")
    late = lead(asked.format(56), rules, also=("despido",))
    assert late is not None
    assert late.verdict == ""
    assert late.sentence.startswith("Si te despidieron, tienes 2 meses para reclamar")
    assert late.sentence.endswith(
        "y han pasado 56 días: el plazo está por vencer, no lo dejes pasar."
    )


def test_a_belief_the_worker_resigns_to_is_a_claim_to_correct() -> None:
    """ "…la empresa ya me tiene que correr, ni modo verdad?": Art. 391 forbids the clause."""
    exclusion = next(r for r in load_rules() if r.id == "391-sin-clausula-exclusion")
    question = (
        "me sali del sindicato y por la clausula de exclusion la empresa ya me tiene q correr, "
        "ni modo verdad?"
    )
    led = lead(question, [match(exclusion, 20.0, coverage=0.3)])
    assert led is not None
    assert led.sentence.startswith("No. El contrato colectivo no puede decir que te corran")


def test_an_unnamed_special_case_corrects_no_premise() -> None:
    """ "Me dijeron que me tocan 6 semanas antes y 6 después, ¿es cierto?": the 8 weeks for a
    baby in hospital are no correction of it."""
    rules = {r.id: r for r in load_rules()}
    births, hospital = rules["170-incapacidad-maternidad"], rules["170-ocho-semanas"]
    question = "me dijeron q me tocan 6 semanas de descanso antes del parto y 6 despues, es cierto?"
    led = lead(question, [match(births, 20.0, coverage=0.3), match(hospital, 18.0, coverage=0.3)])
    assert led is not None
    assert led.corrected is None
    assert not led.sentence.startswith("No.")


EVENTUALES = Rule(
    "127-eventuales", "LFT", "127", "verdict",
    "Si eres eventual, te toca reparto de utilidades si trabajaste por lo menos 60 días en el año.",
    "cuando hayan trabajado sesenta días durante el año, por lo menos",
)  # fmt: skip
FALTAS = Rule(
    "47-faltas", "LFT", "47", "verdict",
    "Pueden despedirte con causa justificada si faltas más de 3 veces en 30 días sin permiso ni "
    "causa justificada.",
    "Tener el trabajador más de tres faltas de asistencia en un período de treinta días",
)  # fmt: skip
MENOR_EXTRA = Rule(
    "178-sin-horas-extra", "LFT", "178", "verdict",
    "Si eres menor de 18, no pueden hacerte trabajar horas extra, domingos ni días de descanso "
    "obligatorio.",
    "Queda prohibida la utilización del trabajo de los menores de dieciocho años en horas "
    "extraordinarias",
)  # fmt: skip
DOBLES = Rule(
    "66-dobles", "LFT", "66", "amount",
    "Las horas extra se pagan al doble: un 100% más que tus horas normales.",
    "un cien por ciento más de lo fijado para las horas ordinarias",
)  # fmt: skip
DOCE_DIAS = Rule(
    "76-doce-dias", "LFT", "76", "amount",
    "Al cumplir un año de trabajo te tocan al menos 12 días laborables de vacaciones pagadas.",
    "que en ningún caso podrá ser inferior a doce días laborables",
)  # fmt: skip


def test_the_one_who_denies_a_right_is_right_when_the_workers_figure_misses_its_condition() -> None:
    question = (
        "soy eventual en la bodega, solo trabaje 40 dias este año. el jefe dice q no me toca "
        "reparto, tiene razon?"
    )
    opening = lead(question, [match(EVENTUALES, 9.0)])
    assert opening is not None
    assert opening.sentence.startswith("Sí, en eso tiene razón.")
    # The employer's power with its condition missed proves the one who claims it wrong.
    question = "falte 2 dias, el encargado dice q ya me puede correr sin pagarme nada, tiene razon?"
    opening = lead(question, [match(FALTAS, 9.0)])
    assert opening is not None
    assert opening.sentence.startswith("No.")


def test_a_closing_no_is_a_tag_and_the_practice_told_before_it_is_what_is_judged() -> None:
    question = (
        "mi hijo tiene 16 y en el super lo dejan horas extra pero se las pagan dobles, asi esta "
        "bien no?"
    )
    opening = lead(question, [match(DOBLES, 9.0), match(MENOR_EXTRA, 5.0, rank=2)])
    assert opening is not None
    assert opening.sentence.startswith("No. Si eres menor de 18")


def test_a_rule_for_an_age_the_worker_plainly_is_not_leads_nothing_over_one_that_fits() -> None:
    seis = Rule(
        "177-seis-horas", "LFT", "177", "amount",
        "Si tienes menos de 16 años, tu jornada no puede pasar de 6 horas al día.",
        "La jornada de trabajo de los menores de dieciséis años no podrá exceder de seis horas",
    )  # fmt: skip
    question = "tengo 17 años y trabajo en una tienda, cuantas horas me pueden poner?"
    opening = lead(question, [match(seis, 9.0), match(JORNADA, 6.0, rank=1)])
    assert opening is not None
    assert "Art. 61" in opening.sentence


def test_a_payment_asked_about_is_answered_by_the_conditioned_amount() -> None:
    prima = Rule(
        "71-prima-dominical", "LFT", "71", "amount",
        "Si trabajas en domingo, te toca una prima dominical de al menos 25% sobre tu salario.",
        "una prima adicional de un veinticinco por ciento, por lo menos",
    )  # fmt: skip
    ranked = [match(PRUEBA, 8.0), match(prima, 7.0)]
    asked = best_rules(ranked, "yes_no", question="me tienen q pagar algo extra x el domingo?")
    assert asked[0].rule is prima
    assert best_rules(ranked, "yes_no", question="me pueden cambiar de turno?")[0].rule is not prima


def test_a_whole_payment_told_in_the_story_asks_nothing_whole() -> None:
    costos = Rule(
        "330-e-costos", "LFT", "330-E", "duty",
        "En teletrabajo, el patrón debe pagar el internet y la parte proporcional de la luz.",
        "Asumir los costos derivados del trabajo a través de la modalidad de teletrabajo",
    )  # fmt: skip
    told = (
        "hago home office, el internet y la luz los pago yo completos. no le tocaria a la empresa?"
    )
    assert verdict(told, costos) == ""
    proporcional = Rule(
        "87-proporcional", "LFT", "87", "amount",
        "Si no completaste el año, te toca la parte proporcional del aguinaldo.",
        "tendrán derecho a que se les pague la parte proporcional",
    )  # fmt: skip
    assert verdict("renuncie en agosto, me toca completo el aguinaldo?", proporcional) == "No"


def test_hours_told_before_do_not_say_no_to_whether_overtime_is_paid() -> None:
    doce = Rule(
        "68-doce-horas", "LFT", "68", "verdict",
        "Sumando jornada normal y horas extra, nunca pueden hacerte trabajar más de 12 horas en "
        "un día.",
        "La suma de las jornadas ordinaria y extraordinaria, en ningún caso podrá ser mayor a doce "
        "horas diarias",
    )  # fmt: skip
    story = "soy chofer, me hacen manejar 14 horas diarias"
    asked = lead("y las horas extra me las tienen q pagar?", [match(doce, 9.0)], told=story)
    assert asked is not None
    assert not asked.sentence.startswith("No")
    judged = lead("eso es legal?", [match(doce, 9.0)], told=story)
    assert judged is not None
    assert judged.sentence.startswith("No.")


def test_a_question_that_offers_two_outcomes_gets_no_verdict() -> None:
    prorroga = Rule(
        "170-prorroga", "LFT", "170", "right",
        "Si no puedes trabajar por el embarazo o el parto, tu descanso se alarga el tiempo "
        "necesario.",
        "se prorrogarán por el tiempo necesario",
    )  # fmt: skip
    chooses = "el doctor dice q no puedo trabajar, me siguen pagando o me quedo sin sueldo?"
    assert verdict(chooses, prorroga) == ""
    assert verdict("mi patron dice q me quedo sin sueldo, asi es?", prorroga) == "No"


def test_a_payment_asked_about_is_not_answered_by_a_right_that_names_no_pay() -> None:
    prorroga = Rule(
        "170-prorroga", "LFT", "170", "right",
        "Si no puedes trabajar por el embarazo o el parto, tu descanso se alarga el tiempo "
        "necesario.",
        "se prorrogarán por el tiempo necesario",
    )  # fmt: skip
    mitad = Rule(
        "170-prorroga-50", "LFT", "170", "amount",
        "Si tu descanso se alarga porque no puedes trabajar, recibes la mitad de tu salario por "
        "hasta 60 días.",
        "con goce del cincuenta por ciento de su salario por un período no mayor de sesenta días",
    )  # fmt: skip
    ranked = [match(prorroga, 9.0), match(mitad, 7.0)]
    asked = "me alargaron la incapacidad despues del parto, me pagan esos dias?"
    assert best_rules(ranked, "yes_no", question=asked)[0].rule is mitad
    assert best_rules(ranked, "yes_no", question="me alargaron el descanso?")[0].rule is prorroga


def test_going_to_work_told_in_other_words_is_the_way_to_work() -> None:
    trayecto = Rule(
        "474-trayecto", "LFT", "474", "verdict",
        "Si tienes un accidente yendo directo de tu casa al trabajo o del trabajo a tu casa, sí "
        "cuenta como accidente de trabajo.",
        "los accidentes que se produzcan al trasladarse el trabajador directamente de su domicilio",
    )  # fmt: skip
    assert verdict("me cai de la bici cuando iba pa la chamba, cuenta como accidente?", trayecto)
    assert verdict("me atropellaron, cuenta como accidente de trabajo?", trayecto) == ""


def test_whose_obligation_it_is_is_answered_by_the_employers_duty() -> None:
    utiles = Rule(
        "132-utiles", "LFT", "132", "duty",
        "Tu patrón debe darte a tiempo las herramientas y materiales para trabajar.",
        "Proporcionar oportunamente a los trabajadores los útiles, instrumentos y materiales",
    )  # fmt: skip
    desgaste = Rule(
        "132-desgaste", "LFT", "132", "verdict",
        "No pueden cobrarte por el desgaste normal de las herramientas.",
        "no pudiendo exigir indemnización alguna por el desgaste normal",
    )  # fmt: skip
    ranked = [match(utiles, 8.0), match(desgaste, 7.0)]
    asked = "el patron dice q la herramienta la tengo q poner yo, es mi obligacion?"
    assert best_rules(ranked, "yes_no", question=asked)[0].rule is utiles
    assert best_rules(ranked, "yes_no", question="me cobran la herramienta?")[0].rule is desgaste


def test_a_follow_up_that_names_a_new_topic_is_led_by_that_topic() -> None:
    story = "cuanto me toca de aguinaldo? entre en febrero y gano 300 diarios"
    ranked = [match(AGUINALDO, 9.0), match(DOCE_DIAS, 6.0)]
    asked = lead("y vacaciones?", ranked, told=story)
    assert asked is not None
    assert asked.rules == (DOCE_DIAS,)
    # Without the turns before, the question is read as it stands.
    alone = lead("cuanto me toca de aguinaldo y vacaciones?", ranked)
    assert alone is not None
    assert alone.rules == (AGUINALDO,)


def test_a_special_jobs_rule_the_story_does_not_name_is_not_fitted_to_its_figures() -> None:
    temporada = Rule(
        "280-presuncion", "LFT", "280", "right",
        "Si trabajas seguido más de 27 semanas por temporada, la ley presume que eres de planta "
        "y te tocan vacaciones.",
        "La persona trabajadora temporal del campo que labore en forma continua por un periodo "
        "mayor a veintisiete semanas",
    )  # fmt: skip
    ranked = [match(DOCE_DIAS, 9.0), match(temporada, 3.0, rank=3)]
    asked = "llevo 40 semanas en la tienda, cuantos dias de vacaciones me tocan?"
    fitted = lead(asked, ranked)
    assert fitted is not None
    assert fitted.rules == (temporada,)
    kept_out = lead(asked, ranked, unnamed_jobs=frozenset({"280"}))
    assert kept_out is not None
    assert kept_out.rules == (DOCE_DIAS,)


def test_the_rule_that_names_the_benefit_asked_leads_a_general_one() -> None:
    temporada = Rule(
        "39-f-discontinuo", "LFT", "39-F", "right",
        "Si trabajas por temporadas o solo algunos días, tienes los mismos derechos que uno de "
        "planta, en proporción al tiempo trabajado.",
        "tienen los mismos derechos y obligaciones que los trabajadores por tiempo indeterminado",
    )  # fmt: skip
    proporcional = Rule(
        "87-proporcional", "LFT", "87", "amount",
        "Si no completaste el año, te toca la parte proporcional del aguinaldo por el tiempo "
        "trabajado.",
        "tendrán derecho a que se les pague la parte proporcional del mismo",
    )  # fmt: skip
    ranked = [match(temporada, 9.0), match(proporcional, 5.0)]
    asked = lead("me contrataron x la temporada navideña, me toca aguinaldo?", ranked)
    assert asked is not None
    assert asked.rules == (proporcional,)
    # Far behind, it does not.
    behind = lead(
        "me contrataron x la temporada, me toca aguinaldo?", [ranked[0], match(proporcional, 2.0)]
    )
    assert behind is not None
    assert behind.rules == (temporada,)


def test_a_minors_own_rule_leads_the_general_one_for_a_minor() -> None:
    ranked = [match(DOBLES, 9.0), match(MENOR_EXTRA, 3.0, rank=2)]
    minor = lead("tengo 17 y los sabados me dejan 3 horas extra, si se puede?", ranked)
    assert minor is not None
    assert minor.rules == (MENOR_EXTRA,)
    adult = lead("tengo 30 y los sabados me dejan 3 horas extra, cuanto me pagan?", ranked)
    assert adult is not None
    assert adult.rules == (DOBLES,)


def test_an_adults_age_rules_out_a_rule_for_minors() -> None:
    menores = Rule(
        "22-bis-menores-15", "LFT", "22 Bis", "verdict",
        "Está prohibido que trabajen menores de 15 años.",
        "Queda prohibido el trabajo de menores de quince años",
    )  # fmt: skip
    edad = Rule(
        "56-embarazo-familia", "LFT", "56", "verdict",
        "No pueden excluirte por tu sexo, edad, salud o estado civil.",
        "no podrán establecerse diferencias y/o exclusiones por motivo de origen étnico",
    )  # fmt: skip
    ranked = [match(menores, 9.0), match(edad, 5.0)]
    asked = lead("tengo 54 años y no me contratan por mi edad, eso es legal?", ranked)
    assert asked is not None
    assert asked.rules == (edad,)
    # A child told of keeps the minors' rule in play.
    child = lead("mi hijo tiene 14 años y lo quieren contratar, es legal?", ranked)
    assert child is not None
    assert child.rules == (menores,)


def test_a_medical_discharge_is_not_asked_of_the_registration_rule() -> None:
    alta = Rule(
        "15-lss-alta", "LSS", "15", "deadline",
        "Tu patrón debe darte de alta en el IMSS en un plazo de no más de 5 días hábiles.",
        "dentro de plazos no mayores de cinco días hábiles",
    )  # fmt: skip
    reponer = Rule(
        "498-reponer-empleo", "LFT", "498", "right",
        "Después de un riesgo de trabajo, si puedes trabajar, el patrón debe regresarte a tu "
        "empleo si te presentas dentro del año siguiente.",
        "El patrón está obligado a reponer en su empleo al trabajador",
    )  # fmt: skip
    ranked = [match(alta, 9.0), match(reponer, 6.0)]
    story = "el imss me tuvo incapacitado 9 meses y ya me dieron de alta. me tiene q regresar?"
    asked = lead(story, ranked)
    assert asked is not None
    assert asked.rules == (reponer,)
    unregistered = lead("nunca me dieron de alta en el imss, es legal?", ranked)
    assert unregistered is not None
    assert unregistered.rules == (alta,)


def test_a_rule_the_figures_fit_leads_only_with_some_evidence() -> None:
    veinte = Rule(
        "161-veinte-anos", "LFT", "161", "verdict",
        "Si tienes más de 20 años en la empresa, solo pueden despedirte por una causa "
        "especialmente grave.",
        "cuando la relación de trabajo haya tenido una duración de más de veinte años",
    )  # fmt: skip
    afore = Rule(
        "191-lss-desempleo", "LSS", "191", "deadline",
        "Si llevas al menos 46 días sin empleo, puedes retirar una parte de tu AFORE.",
        "Retirar parcialmente por situación de desempleo",
    )  # fmt: skip
    asked = "llevo 25 años en la empresa, me pueden despedir por llegar tarde?"
    weak = lead(asked, [match(afore, 40.0), match(veinte, 2.5, rank=8)])
    assert weak is not None
    assert weak.rules == (afore,)
    strong = lead(asked, [match(afore, 40.0), match(veinte, 9.0, rank=8)])
    assert strong is not None
    assert strong.rules == (veinte,)


def test_breastfeeding_named_is_answered_by_its_rule() -> None:
    comida = Rule(
        "64-comida-en-el-trabajo", "LFT", "64", "right",
        "Si no puedes salir del trabajo durante tu descanso o tu hora de comida, ese tiempo "
        "cuenta como tiempo trabajado.",
        "el tiempo correspondiente le será computado como tiempo efectivo de la jornada",
    )  # fmt: skip
    lactancia = Rule(
        "170-lactancia", "LFT", "170", "right",
        "Mientras das pecho, hasta por 6 meses, tienes dos descansos de media hora al día.",
        "dos reposos extraordinarios por día, de media hora cada uno",
    )  # fmt: skip
    filler = [match(comida, 7.0 - i / 10) for i in range(5)]
    ranked = [match(comida, 9.0), *filler, match(lactancia, 5.0)]  # seventh: past the premises
    asked = lead("la jefa dice q la lactancia no aplica en turnos de 8 horas, tiene razon?", ranked)
    assert asked is not None
    assert asked.rules == (lactancia,)


def test_a_minors_overtime_rule_leads_however_far_behind() -> None:
    ranked = [match(DOBLES, 40.0), match(MENOR_EXTRA, 2.5, rank=4)]
    asked = lead(
        "tengo 16 y me quedo 2 horas extra diario, me las pagan doble asi q todo bien no?", ranked
    )
    assert asked is not None
    assert asked.rules == (MENOR_EXTRA,)


def test_a_rule_banning_minors_says_nothing_to_a_story_with_no_age() -> None:
    mina = Rule(
        "343-c-menores", "LFT", "343-C", "verdict",
        "En las minas está prohibido contratar a menores de 18 años.",
        "Queda prohibida la contratación de menores de dieciocho años",
    )  # fmt: skip
    cierre = Rule(
        "434-concurso", "LFT", "434", "right",
        "Si la empresa cierra para siempre, eso termina las relaciones de trabajo.",
        "la terminación de los trabajos",
    )  # fmt: skip
    ranked = [match(mina, 9.0), match(cierre, 5.0)]
    closed = lead("cerraron la mina de carbon donde trabajaba, me toca algo?", ranked)
    assert closed is not None
    assert closed.rules == (cierre,)
    asked = lead("pueden contratar menores en la mina?", ranked)
    assert asked is not None
    assert asked.rules == (mina,)


def test_how_long_something_takes_is_answered_by_a_deadline_rule() -> None:
    audiencia = Rule(
        "684-e-audiencia-15-dias", "LFT", "684-E", "deadline",
        "La audiencia de conciliación debe hacerse dentro de los 15 días siguientes a tu "
        "solicitud.",
        "dentro de los quince días siguientes",
    )  # fmt: skip
    total = Rule(
        "684-d-45-dias", "LFT", "684-D", "deadline",
        "La conciliación no debe durar más de 45 días naturales.",
        "no deberá exceder de cuarenta y cinco días naturales",
    )  # fmt: skip
    ranked = [match(audiencia, 9.0), match(total, 3.0)]
    asked = lead("cuanto se puede tardar todo el tramite de conciliacion en el centro?", ranked)
    assert asked is not None
    assert asked.rules == (total,)


PRESCRIPCION = Rule(
    "516-un-ano", "LFT", "516", "deadline",
    "En general tienes 1 año para reclamar tus derechos de trabajo.",
    "Las acciones de trabajo prescriben en un año",
)  # fmt: skip


def test_the_time_to_claim_asked_is_answered_by_the_laws_term_and_corrected() -> None:
    ranked = [match(AGUINALDO, 24.0), match(PRESCRIPCION, 14.0)]
    question = "nunca me pagaron el aguinaldo del 2024, tengo como 3 años pa reclamarlo no?"
    opening = lead(question, ranked)
    assert opening is not None
    assert opening.rules[0] == PRESCRIPCION
    # "…, no?" puts the 3 years up to be confirmed: the year corrects them.
    assert opening.sentence.startswith("No. En general tienes 1 año")
    # Not asked the time to claim, the aguinaldo's own rule leads.
    plain = lead("me toca aguinaldo aunque no haya cumplido el año?", ranked)
    assert plain is not None
    assert plain.rules[0] == AGUINALDO


MEDIA_HORA = Rule(
    "63-media-hora", "LFT", "63", "right",
    "Si trabajas una jornada continua, tienes derecho a un descanso de al menos media hora.",
    "Durante la jornada continua de trabajo se concederá al trabajador un descanso de media "
    "hora, por lo menos.",
)  # fmt: skip


def test_a_breaks_length_corrects_no_hours_worked_and_a_minors_rule_weighs_them() -> None:
    asked = "mi tio dice q esta bien q trabaje asi de corrido las 8 horas, es cierto?"
    adult = lead(asked, [match(MEDIA_HORA, 50.0), match(MENORES_SEIS, 10.0, rank=1)])
    assert adult is not None
    assert "no 8 horas" not in adult.sentence
    assert contradiction(asked, MEDIA_HORA) is None
    # A break asked about is the break's length.
    assert contradiction(
        "me dijeron q el descanso en jornada continua es de 2 horas, verdad?", MEDIA_HORA
    )
    minor = lead(
        asked, [match(MEDIA_HORA, 50.0), match(MENORES_SEIS, 10.0, rank=1)], told="tengo 15 años"
    )
    assert minor is not None
    assert minor.verdict == "No"
    assert minor.sentence.startswith("No. Si tienes menos de 16 años")
    assert minor.sentence.endswith("(Art. 177 LFT), no 8 horas.")


def test_a_definition_leads_only_when_a_meaning_is_asked() -> None:
    rules = {r.id: r for r in load_rules()}
    ranked = [
        RuleMatch(rules["3-bis-hostigamiento"], 26.0, 1, 0.15, False),
        RuleMatch(rules["132-buen-trato"], 11.9, 0, 0.0, False),
    ]
    told = "ya no aguanto a mi jefa, me grita y me humilla todo el dia"
    assert _defined_last(ranked, told)[0].rule.id == "132-buen-trato"
    assert _defined_last(ranked, "que es el hostigamiento laboral?")[0].rule.id == (
        "3-bis-hostigamiento"
    )
    # Far behind, another rule does not take the definition's place.
    weak = [ranked[0], RuleMatch(rules["132-buen-trato"], 2.0, 0, 0.0, False)]
    assert _defined_last(weak, told)[0].rule.id == "3-bis-hostigamiento"


def test_another_special_job_named_rules_out_the_apps_chapter() -> None:
    # Found in a tuned set: a bus driver stuck by a road blockade ("bloqueo") got the apps'
    # rule on blocked accounts (Art. 291-P) instead of his trip's lodging (Art. 263).
    special = "Título Sexto Trabajos Especiales"
    apps = Passage(
        "291-P", "article", (special, "Capítulo IX Bis Trabajo en Plataformas Digitales"), "x", 1.0
    )
    road = Passage("263", "article", (special, "Capítulo VI Trabajo de Autotransporte"), "x", 1.0)
    story = "soy chofer de autobus foraneo, un bloqueo en la carretera nos tuvo 2 dias parados"
    assert foreign_chapters(story, [apps, road]) == {"291-P"}
    # Naming no special job and no business, nothing is ruled out.
    assert foreign_chapters("me bloquearon y no me dijeron por que", [apps, road]) == frozenset()


def test_the_workers_own_count_and_a_figure_added_on_are_no_premise_to_correct() -> None:
    rules = load_rules()
    # The whole question is the premise ("…, ¿verdad?"): a count the worker has is a fact.
    weeks = next(r for r in rules if r.id == "154-lss-750-semanas")
    own = (
        "tengo 61, empece a cotizar en el 98 y me liquidaron. nomas junte como 700 semanas en el "
        "seguro, ya perdi todo lo de mi afore verdad?"
    )
    assert contradiction(own, weeks) is None
    thirty = next(r for r in rules if r.id == "39-a-prueba-30-dias")
    assert contradiction("el periodo de prueba es de 3 meses verdad?", thirty) is not None
    trial = next(r for r in rules if r.id == "39-a-prueba-180-dias")
    extended = "la supervisora dice q me va a dar otros 30 dias de prueba, se puede?"
    assert contradiction(extended, trial) is None


def test_no_aguinaldo_announced_is_a_premise_that_denies_a_right() -> None:
    assert denies_right(fold("el dueño nos dijo 'este año no hay aguinaldo', puede hacer eso?"))
    assert not denies_right(fold("cuando hay aguinaldo?"))


def test_a_duty_withheld_and_judged_is_answered_no_told_in_the_question_or_before_it() -> None:
    # Found playing a builder's chat: "no me da de alta en el imss, ¿eso es legal?" was answered
    # with the duty alone, no verdict.
    alta = next(r for r in load_rules() if r.id == "15-lss-alta")
    ranked = [match(alta, 20.0, coverage=0.2)]
    led = lead("el maestro de obra no me da de alta en el imss, eso es legal?", ranked)
    assert led is not None
    assert led.sentence.startswith("No. Tu patrón debe darte de alta en el IMSS")
    before = lead("eso es legal?", ranked, told="el maestro de obra no me da de alta en el imss")
    assert before is not None
    assert before.verdict == "No"
    # A duty asked about without its breach told is no "No".
    plain = lead("es obligatorio que me den de alta en el imss?", ranked)
    assert plain is not None
    assert plain.verdict != "No"
