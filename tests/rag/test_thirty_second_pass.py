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
