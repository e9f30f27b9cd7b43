"""calc.wages: CONASAMI's minimum wages, consistent year to year, chosen by date."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from calc.errors import CalcError
from calc.wages import LAST_YEAR, MINIMUM_WAGES, minimum_wage

# The published yearly raises (general, border). Each year's wage must be the previous one
# times its raise, to the cent: a typo in any figure breaks the chain.
RAISES = {
    2020: ("1.20", "1.05"),
    2021: ("1.15", "1.15"),
    2022: ("1.22", "1.22"),
    2023: ("1.20", "1.20"),
    2024: ("1.20", "1.20"),
    2025: ("1.12", "1.12"),
    2026: ("1.13", "1.05"),
}


def test_2026_figures_from_the_issue() -> None:
    wage = minimum_wage(date(2026, 12, 4))
    assert (wage.general, wage.frontera) == (Decimal("315.04"), Decimal("440.87"))
    assert wage.for_zone("frontera") == Decimal("440.87")
    assert wage.for_zone("general") == Decimal("315.04")


def test_each_year_follows_the_published_raise() -> None:
    cent = Decimal("0.01")
    for previous, current in itertools.pairwise(MINIMUM_WAGES):
        general, border = RAISES[current.year]
        assert (previous.general * Decimal(general)).quantize(
            cent, ROUND_HALF_UP
        ) == current.general
        assert (previous.frontera * Decimal(border)).quantize(cent, ROUND_HALF_UP) == (
            current.frontera
        )
        assert current.dof.startswith("DOF")
        assert str(current.year) in current.source


def test_by_date_and_after_the_last_known_year() -> None:
    assert minimum_wage(date(2019, 1, 1)).general == Decimal("102.68")
    assert minimum_wage(date(2022, 12, 31)).frontera == Decimal("260.34")
    assert minimum_wage(date(2029, 6, 1)).year == LAST_YEAR


def test_before_2019_is_an_error() -> None:
    with pytest.raises(CalcError, match="2018"):
        minimum_wage(date(2018, 12, 31))
