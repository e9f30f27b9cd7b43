"""CONASAMI's daily minimum wages by year and area (general, Zona Libre de la Frontera Norte).

Dated data with its source; not in the LFT. Each year's wage runs from January 1 (no mid-year
changes since the border zone was created in 2019).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calc.errors import CalcError
from calc.types import Zone


@dataclass(frozen=True)
class MinimumWage:
    year: int
    general: Decimal
    frontera: Decimal
    dof: str  # where the resolution was published (see the note on MINIMUM_WAGES)

    @property
    def source(self) -> str:
        return f"CONASAMI, vigente desde el 1 de enero de {self.year}"

    def for_zone(self, zone: Zone) -> Decimal:
        return self.frontera if zone == "frontera" else self.general


# Resolutions of the Consejo de Representantes de la CONASAMI published in the DOF. Each year
# checks against the next: the published raises (2020 +20 % general, +5 % border; 2021 +15 %;
# 2022 +22 %; 2023 +20 %; 2024 +20 %; 2025 +12 %; 2026 +13 % general, +5 % border) reproduce
# every figure to the cent. 2024's DOF date (12-12-2023) was checked against two press reports
# and the 2025 and 2026 figures against reports of their entry into force; the other DOF dates
# were written from memory and not re-fetched (docs/calculators.md says so).
MINIMUM_WAGES: tuple[MinimumWage, ...] = (
    MinimumWage(2019, Decimal("102.68"), Decimal("176.72"), "DOF 26-12-2018"),
    MinimumWage(2020, Decimal("123.22"), Decimal("185.56"), "DOF 23-12-2019"),
    MinimumWage(2021, Decimal("141.70"), Decimal("213.39"), "DOF 23-12-2020"),
    MinimumWage(2022, Decimal("172.87"), Decimal("260.34"), "DOF 08-12-2021"),
    MinimumWage(2023, Decimal("207.44"), Decimal("312.41"), "DOF 07-12-2022"),
    MinimumWage(2024, Decimal("248.93"), Decimal("374.89"), "DOF 12-12-2023"),
    MinimumWage(2025, Decimal("278.80"), Decimal("419.88"), "DOF diciembre de 2024"),
    MinimumWage(2026, Decimal("315.04"), Decimal("440.87"), "DOF diciembre de 2025"),
)
FIRST_YEAR = MINIMUM_WAGES[0].year
LAST_YEAR = MINIMUM_WAGES[-1].year


def minimum_wage(on: date) -> MinimumWage:
    """The wages in force on ``on``; after the last known year, the last known (say so)."""
    if on.year < FIRST_YEAR:
        raise CalcError(
            f"No tenemos el salario mínimo de {on.year}; solo de {FIRST_YEAR} en adelante."
        )
    year = min(on.year, LAST_YEAR)
    return next(wage for wage in MINIMUM_WAGES if wage.year == year)
