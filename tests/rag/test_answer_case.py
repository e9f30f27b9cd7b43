"""The case form's dates as the time worked, said as a worker says it."""

from __future__ import annotations

from datetime import date

import pytest

from rag.answer_case import served

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("context", "said"),
    [
        (
            {"fecha de inicio": "noviembre de 2010", "fecha de fin": "sigue trabajando ahí"},
            "llevo 16 años de antigüedad.",
        ),
        (
            {"fecha de inicio": "15/03/2021", "fecha de fin": "14/03/2025"},
            "llevo 3 años de antigüedad.",
        ),
        (
            {"fecha de inicio": "15/03/2021", "fecha de fin": "15/03/2022"},
            "llevo 1 año de antigüedad.",
        ),
        ({"fecha de inicio": "junio de 2026"}, "llevo 6 meses de antigüedad."),
        ({"fecha de inicio": "2020", "fecha de fin": "2019"}, ""),  # an end before the start
        ({"fecha de inicio": "hace mucho"}, ""),
        ({}, ""),
    ],
)
def test_the_time_worked(context: dict[str, str], said: str) -> None:
    assert served(context, today=TODAY) == said
