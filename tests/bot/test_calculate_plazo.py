"""The deadline a case's calculation gives depends on how the job ended."""

from __future__ import annotations

from datetime import date

from bot import calculate

TODAY = date(2026, 12, 6)
ENDED = {"fecha de inicio": "2022-11", "fecha de fin": "2026-11-22", "salario": "9500.00 mes"}


def test_a_resignation_is_given_the_year_to_claim_what_is_owed_not_a_dismissals_two_months() -> (
    None
):
    # Found playing a shop worker's chat: she resigned and asked "¿hasta cuándo puedo
    # reclamar?"; the answer led with the two months to claim a dismissal (Art. 518).
    result = calculate.compute("plazo", {**ENDED, "motivo": "renuncia"}, today=TODAY)
    assert result.vence == date(2027, 11, 22)
    assert result.items[0].concepto == "Cobrar finiquito y prestaciones"


def test_a_dismissal_keeps_its_two_months() -> None:
    result = calculate.compute("plazo", {**ENDED, "motivo": "despido"}, today=TODAY)
    assert result.vence == date(2027, 1, 22)
    assert result.items[0].concepto == "Reclamar el despido"
