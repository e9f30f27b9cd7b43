"""A shift said in words, read into clock minutes and classed by Art. 60's night hours."""

from __future__ import annotations

import pytest

from calc.shifts import hour_ranges, night_minutes, shift_kind
from calc.text import fold


@pytest.mark.parametrize(
    ("said", "read", "night", "kind"),
    [
        ("de 7 a 3", "7:00 a 15:00", 0, "diurna"),
        ("de 7 a 6", "7:00 a 18:00", 0, "diurna"),  # no "de la tarde": a day shift
        ("de 2 de la tarde a 10 de la noche", "14:00 a 22:00", 120, "mixta"),
        ("entro a las 4 de la tarde y salgo a las 12 de la noche", "16:00 a 0:00", 240, "nocturna"),
        ("de 10 de la noche a 6 de la mañana", "22:00 a 6:00", 480, "nocturna"),
        ("de 4:30 pm a 12:30 am", "16:30 a 0:30", 270, "nocturna"),
        ("de 5 de la tarde a 11 de la noche", "17:00 a 23:00", 180, "mixta"),
        ("de 5 de la mañana a 1 de la tarde", "5:00 a 13:00", 60, "mixta"),
        # A 24-hour clock crosses midnight: "de 22 a 6" is a night, not 22:00 to 18:00.
        ("de 22 a 6", "22:00 a 6:00", 480, "nocturna"),
        ("de 20:00 a 04:00", "20:00 a 4:00", 480, "nocturna"),
        ("de 16 a 2", "16:00 a 2:00", 360, "nocturna"),
        ("de 12 a 8", "12:00 a 20:00", 0, "diurna"),
        # As the case form writes a schedule, without "de".
        ("22:00 a 6:00", "22:00 a 6:00", 480, "nocturna"),
        ("7:00-15:00", "7:00 a 15:00", 0, "diurna"),
        # A night shift named outright: its bare hours start in the evening.
        ("turno de noche de 10 a 6", "22:00 a 6:00", 480, "nocturna"),
        ("trabajo de noche de 12 a 8", "0:00 a 8:00", 360, "nocturna"),
        # A night only mentioned leaves the day shift as said.
        ("de 9 a 5 y a veces me quedo en la noche", "9:00 a 17:00", 0, "diurna"),
    ],
)
def test_a_shift_is_read_and_classed(said: str, read: str, night: int, kind: str) -> None:
    (shift,) = hour_ranges(fold(said))
    assert shift.said == read
    assert night_minutes(shift) == night
    assert shift_kind(shift) == kind


def test_numbers_that_are_not_hours_are_no_shift() -> None:
    assert hour_ranges(fold("de 5 a 10 mil pesos")) == []
    assert hour_ranges(fold("de 3 a 4 de enero")) == []
    assert hour_ranges(fold("me pagan 1500 a 2000 por semana")) == []


def test_when_i_come_in_and_leave_said_with_the_place_between() -> None:
    said = "entro al call center a las 9 de la noche y salgo a las 4 de la mañana"
    shift = hour_ranges(fold(said))[0]
    assert shift.said == "21:00 a 4:00"
    assert shift_kind(shift) == "nocturna"
    assert [r.said for r in hour_ranges("llego a la fabrica a las 7 y salgo a las 5")] == [
        "7:00 a 17:00"
    ]
    # Words, not numbers, between: no hours are taken from elsewhere.
    assert hour_ranges("entro con 3 compañeros y salgo con 2") == []
