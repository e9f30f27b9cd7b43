"""A month in a yes/no question against a rule's fixed yearly date (rag.dated)."""

from __future__ import annotations

import pytest

from rag.dated import date_verdict
from rag.rules import Rule

FECHA = Rule(
    "87-20-diciembre", "LFT", "87", "deadline",
    "El aguinaldo te lo deben pagar antes del 20 de diciembre.",
    "un aguinaldo anual que deberá pagarse antes del día veinte de diciembre",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("me quieren pagar el aguinaldo en enero es legal??", "enero"),
        ("me pueden pagar el aguinaldo hasta febrero?", "febrero"),
        ("me pagan el aguinaldo el 22 de diciembre es legal", "el 22 de diciembre"),
        ("me van a dar el aguinaldo el 15 de diciembre se vale?", ""),
        # Days past the 28th are those days, not the 1st.
        ("el aguinaldo lo pueden pagar hasta el 31 de diciembre verdad?", "el 31 de diciembre"),
        ("me dijeron que el aguinaldo lo pagan el 30 de noviembre", ""),
        ("me pagaron el aguinaldo en noviembre, es legal?", ""),
        # Too close to call, or the month is not when the payment happens.
        ("me pagan el aguinaldo en diciembre es legal", None),
        ("entre en enero, me toca aguinaldo?", None),
        ("me pagan el aguinaldo en enero o en febrero?", None),
    ],
)
def test_the_month_is_read_against_the_deadline(question: str, expected: str | None) -> None:
    assert date_verdict(question, FECHA) == expected


def test_a_rule_without_a_fixed_date_says_nothing() -> None:
    rule = Rule("x", "LFT", "76", "amount", "Al cumplir un año te tocan 12 días de vacaciones.", "")
    assert date_verdict("me pagan las vacaciones en enero es legal?", rule) is None
