"""The two months to claim a dismissal (Art. 518), with the day they run out when the case form
gives the end date."""

from __future__ import annotations

from datetime import date

from rag.next_steps import dismissal_term_fact

TODAY = date(2026, 12, 6)
FORM = {"fecha de fin": "20/11/2026", "motivo": "despido"}


def test_the_last_day_to_claim_from_the_forms_end_date() -> None:
    said = dismissal_term_fact(
        "hasta cuando tengo chance de demandar?",
        story="me despidieron hace 16 días. hasta cuando tengo chance de demandar?",
        context=FORM,
        retrieved={"518"},
        today=TODAY,
    )
    assert said == (
        "Para reclamar tu despido tienes 2 meses, contados desde el día siguiente a tu separación "
        "(Art. 518 LFT): si te despidieron el 20 de noviembre de 2026, tienes hasta el 20 de enero "
        "de 2027."
    )


def test_a_term_gone_by_is_said_so() -> None:
    said = dismissal_term_fact(
        "hasta cuando puedo demandar?",
        story="me corrieron. hasta cuando puedo demandar?",
        context={"fecha de fin": "10/09/2026", "motivo": "despido"},
        retrieved={"518"},
        today=TODAY,
    )
    assert said is not None
    assert "ese plazo venció el 10 de noviembre de 2026; consulta ya a la PROFEDET" in said


def test_no_term_for_a_claim_already_filed_another_question_or_no_dismissal() -> None:
    filed = {**FORM, "descripción": "el 25 de octubre meti mi solicitud al centro de conciliacion"}
    asked = "hasta cuando puedo demandar?"
    assert (
        dismissal_term_fact(asked, story=asked, context=filed, retrieved={"518"}, today=TODAY)
        is None
    )
    other = "cuanto me toca de liquidacion?"
    assert (
        dismissal_term_fact(other, story=other, context=FORM, retrieved={"518"}, today=TODAY)
        is None
    )
    quit_ = {"fecha de fin": "20/11/2026", "motivo": "renuncia"}
    assert (
        dismissal_term_fact(asked, story=asked, context=quit_, retrieved={"518"}, today=TODAY)
        is None
    )
    assert (
        dismissal_term_fact(asked, story=asked, context=FORM, retrieved={"516"}, today=TODAY)
        is None
    )


def test_a_term_claimed_is_weighed_and_the_day_told_gives_its_end() -> None:
    # "tengo un año pa demandar, verdad?" after "me corrieron el 10 de octubre": the claim
    # corrected and the last day said, from the question's own date (no case form).
    question = (
        "me corrieron de la tienda el 10 de octubre. tengo un año pa demandar verdad? asi me dijo "
        "un compa"
    )
    said = dismissal_term_fact(
        question, story=question, context=None, retrieved={"518"}, today=TODAY
    )
    assert said is not None
    assert said.startswith("No: para reclamar tu despido tienes 2 meses")
    assert ", no un año: si te despidieron el 10 de octubre de 2026, tienes hasta el 10 de" in said
    right = "me corrieron el 1 de diciembre, tengo 2 meses para demandar verdad?"
    confirmed = dismissal_term_fact(
        right, story=right, context=None, retrieved={"518"}, today=TODAY
    )
    assert confirmed is not None
    assert confirmed.startswith("Sí: para reclamar tu despido tienes 2 meses")
    # A yes/no question that claims no term is not this fact.
    other = "me corrieron el 1 de diciembre, puedo demandar?"
    assert (
        dismissal_term_fact(other, story=other, context=None, retrieved={"518"}, today=TODAY)
        is None
    )


def test_still_in_time_is_answered_yes_or_no() -> None:
    late = {"fecha de fin": "25/09/2026", "motivo": "despido"}
    said = dismissal_term_fact(
        "todavia alcanzo a demandar?",
        story="todavia alcanzo a demandar?",
        context={**late, "descripción": "todavía no he ido al centro de conciliación"},
        retrieved={"518"},
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("No: ya pasó el plazo. Para reclamar tu despido tienes 2 meses")
    said = dismissal_term_fact(
        "estoy a tiempo de demandar?",
        story="estoy a tiempo de demandar?",
        context=FORM,
        retrieved={"518"},
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("Sí, todavía estás a tiempo: para reclamar tu despido tienes 2 meses")
    # A conciliation already asked for stops the term: not this answer.
    filed = dismissal_term_fact(
        "todavia alcanzo a demandar?",
        story="todavia alcanzo a demandar?",
        context={**late, "descripción": "ya fui al centro de conciliación"},
        retrieved={"518"},
        today=TODAY,
    )
    assert filed is None
