"""A ship's or an air crew's vacations, by their own articles (199, 233)."""

from __future__ import annotations

import pytest

from rag.crew_vacations import crew_vacation_fact, needed_articles, ship_vacation_days


@pytest.mark.parametrize(
    ("years", "days"), [(1, 12), (2, 14), (6, 22), (7, 24), (11, 24), (12, 26), (17, 28)]
)
def test_a_ships_crew_gets_two_more_days_a_year_to_24_then_two_every_5_years(
    years: int, days: int
) -> None:
    assert ship_vacation_days(years) == days


def test_a_sailor_with_years_and_an_air_crew() -> None:
    sailor = "soy marinero en un buque, ya cumpli 7 años, cuantos dias de vacaciones me tocan?"
    assert needed_articles(sailor) == ("199",)
    said = crew_vacation_fact(sailor, retrieved={"199", "76"})
    assert said == (
        "En un barco, al cumplir 7 años de trabajo te tocan 24 días laborables de vacaciones "
        "pagadas; se disfrutan en tierra (Art. 199 LFT)."
    )
    crew = "soy sobrecargo en una aerolinea, cuantos dias de vacaciones me tocan?"
    assert needed_articles(crew) == ("233",)
    air = crew_vacation_fact(crew, retrieved={"233"})
    assert air is not None
    assert air.startswith("Como tripulante de avión te tocan al año 30 días de calendario")


def test_no_figure_for_other_workers_or_without_the_article() -> None:
    office = "llevo 7 años en una oficina, cuantos dias de vacaciones me tocan?"
    assert needed_articles(office) == ()
    assert crew_vacation_fact(office, retrieved={"199", "233"}) is None
    sailor = "soy marinero, llevo 3 años, cuantos dias de vacaciones me tocan?"
    assert crew_vacation_fact(sailor, retrieved={"76"}) is None
