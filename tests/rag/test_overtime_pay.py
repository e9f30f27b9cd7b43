"""A week's overtime in pesos, at the salary and the hours a how-much question gives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rag.overtime_pay import (
    ARTICLES,
    hourly_overtime_fact,
    long_day_fact,
    needed_articles,
    overtime_fact,
    shift_overtime,
    weekly_overtime,
)

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("question", "hours"),
    [
        ("hago 24 horas extra a la semana", Decimal(24)),
        ("son como 6 hrs extras por semana", Decimal(6)),
        ("me quedo 2 horas extra diario de lunes a viernes", Decimal(10)),
        ("me quedo 2 horas extra diario", Decimal(12)),  # no days named: Monday to Saturday
        ("trabajo 5 dias a la semana y me quedo una hora extra al dia", Decimal(5)),
        ("doblo como 3 veces por semana, 8 horas cada vez", Decimal(24)),
        ("doblo turno dos veces a la semana", Decimal(16)),  # a whole shift: 8 hours
        ("y si me quedo 2 horas extra, cuanto me pagan?", Decimal(2)),  # once, asked ahead
        ("doblo turno 2 veces por semana, turno de 12 horas", Decimal(24)),
        # One week's hours, the week said first or the days named one by one.
        ("esta semana me hicieron quedarme 6 horas extra", Decimal(6)),
        ("me quede 2 horas extra el martes y 1 hora extra el jueves", Decimal(3)),
        ("esta semana me quede 2 horas extra el martes y 2 el jueves", Decimal(4)),
        # One weekday, every week.
        ("los sabados me dejan 3 horas extra", Decimal(3)),
        ("me quedo 2 horas extra los viernes", Decimal(2)),
        ("entro a las 7 el lunes y me quede 2 horas extra el martes", Decimal(2)),
        # Some days a week, or past the shift's end on the days named: every week.
        ("tres dias a la semana me quedo 2 horas mas", Decimal(6)),
        ("me quedo 2 horas extra 3 dias a la semana", Decimal(6)),
        ("de lunes a viernes de 7 a 15, pero martes y jueves me quedo hasta las 18", Decimal(6)),
        ("trabajo de 8 a 5 y los lunes y viernes me quedo hasta las 8", Decimal(6)),
        ("los martes me quedo hasta las 18", None),  # no shift told to end before
        # Hours without a week are not guessed into one.
        ("me deben 30 horas extra", None),
        ("trabajo 10 horas diarias", None),
    ],
)
def test_the_weeks_overtime_as_the_worker_says_it(question: str, hours: Decimal | None) -> None:
    found = weekly_overtime(question)
    assert (found[0] if found else None) == hours


def test_double_up_to_the_years_cap_then_triple() -> None:
    # 9,000 a fortnight: $600 a day, $75 an hour. 9 h × 2 × 75 + 15 h × 3 × 75 = 1,350 + 3,375.
    question = (
        "cuanto me deberian pagar? gano 9000 a la quincena y doblo como 3 veces por semana, "
        "8 horas cada vez"
    )
    said = overtime_fact(question, retrieved=set(ARTICLES), today=TODAY)
    assert said is not None
    assert said.startswith("Si doblas turno 3 veces a la semana, son 24 horas extra a la semana")
    assert "unos $4,725.00 cada semana" in said
    assert "las primeras 9 al doble (Art. 66 LFT" in said
    assert "las otras 15 al triple (Art. 68 LFT)" in said
    assert "con tu hora a $75.00" in said
    # More than 9 + 4 hours: the law's cap is said too.
    assert "no permite más de 13 horas extra a la semana (Art. 68 LFT)" in said


def test_within_the_cap_all_are_double() -> None:
    # 2,500 a week: 357.14 a day (÷ 7), 44.64 an hour; 6 h × 2 × 44.643 = 535.71.
    said = overtime_fact(
        "cuanto me deben de horas extra? gano 2500 a la semana y hago 6 horas extra por semana",
        retrieved=set(ARTICLES),
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("Por 6 horas extra a la semana, te deben unos $535.71 cada semana")
    assert "triple" not in said
    assert "no permite" not in said


def test_no_figure_without_the_salary_the_articles_or_a_how_much_question() -> None:
    hours = "hago 12 horas extra a la semana"
    with_pay = f"gano 400 al dia y {hours}, cuanto me deben?"
    assert overtime_fact(f"{hours}, cuanto me deben?", retrieved=set(ARTICLES), today=TODAY) is None
    assert overtime_fact(with_pay, retrieved={"66"}, today=TODAY) is None
    assert (
        overtime_fact(f"gano 400 al dia y {hours}, es legal?", retrieved=set(ARTICLES), today=TODAY)
        is None
    )
    assert needed_articles(with_pay) == ARTICLES
    # Without the salary only hours past the cap need the articles (``over_cap_fact``).
    assert needed_articles("hago 6 horas extra a la semana, cuanto me deben?") == ()
    assert needed_articles(f"{hours}, cuanto me deben?") == ARTICLES


def test_a_later_question_read_with_the_story_asks_no_pesos() -> None:
    story = "gano 9000 a la quincena y hago 12 horas extra a la semana, cuanto me deben?"
    later = "y si me niego me pueden correr?"
    stated = f"{story} {later}"
    assert overtime_fact(stated, retrieved=set(ARTICLES), today=TODAY, asked=later) is None
    assert overtime_fact(stated, retrieved=set(ARTICLES), today=TODAY, asked=story) is not None


def test_one_weeks_hours_are_paid_once_not_every_week() -> None:
    question = (
        "en la obra esta semana me hicieron quedarme 6 horas extra, gano 480 diarios x jornada "
        "de 8 horas. cuanto me deben pagar por esas extras?"
    )
    said = overtime_fact(question, retrieved=ARTICLES, today=date(2026, 12, 6))
    assert said is not None
    # $480 / 8 = $60 an hour, doubled: 6 × $120.
    assert said.startswith("Por 6 horas extra en esa semana, te deben unos $720.00 por ellas")
    assert "cada semana" not in said
    found = weekly_overtime(question)
    assert found is not None
    assert found.once


def test_a_pay_by_the_hour_is_the_hours_rate() -> None:
    question = (
        "me pagan 60 la hora en el almacen y el martes me quede 3 horas extra, cuanto me toca?"
    )
    said = overtime_fact(question, retrieved=ARTICLES, today=TODAY)
    assert said is not None
    # $60 an hour, doubled: 3 × $120.
    assert said.startswith("Por 3 horas extra ese día, te deben unos $360.00 por ellas")
    assert said.endswith("con tu hora a $60.00.")


@pytest.mark.parametrize(
    ("question", "hours", "said"),
    [
        ("el martes pasado me quede 3 horas extra", Decimal(3), "Por 3 horas extra ese día"),
        ("ayer me hicieron quedarme 1 hora extra", Decimal(1), "Por 1 hora extra ese día"),
    ],
)
def test_one_days_hours_told_before_them_are_paid_once(
    question: str, hours: Decimal, said: str
) -> None:
    week = weekly_overtime(question)
    assert week is not None
    assert (week.hours, week.said, week.once) == (hours, said, True)


def test_the_rate_of_one_overtime_hour_at_the_pay_and_shift_told() -> None:
    asked = "y a cuanto me deben pagar la hora extra?"
    story = f"gano 320 diarios. Mi horario es de 7:00 a 15:00. {asked}"
    said = hourly_overtime_fact(story, retrieved={"66", "68"}, today=TODAY, asked=asked)
    assert said is not None
    assert "tu hora normal vale $40.00, así que cada hora extra es de $80.00" in said
    assert said.endswith("al triple, $120.00 cada una (Art. 68 LFT).")
    # A 10-hour shift makes each hour worth less.
    long_day = hourly_overtime_fact(
        "gano 500 diarios, entro de 8:00 a 18:00, a cuanto la hora extra?",
        retrieved={"66"},
        today=TODAY,
    )
    assert long_day is not None
    assert "cada hora extra es de $100.00." in long_day
    # Hours told are a week's total (``overtime_fact``), not the rate.
    assert (
        hourly_overtime_fact(
            "gano 320 diarios, hice 6 horas extra a la semana, a cuanto la hora extra?",
            retrieved={"66", "68"},
            today=TODAY,
        )
        is None
    )


def test_a_minors_overtime_is_paid_triple_and_said_forbidden() -> None:
    question = (
        "tengo 17 y trabajo en un burger, los sabados me dejan 3 horas extra, gano 280 diarios, "
        "cuanto me tienen q pagar?"
    )
    assert needed_articles(question) == ("66", "68", "178")
    said = overtime_fact(question, retrieved={"66", "68", "178"}, today=TODAY)
    assert said is not None
    assert said.startswith("Como eres menor de 18, no debieron ponerte horas extra (Art. 178 LFT)")
    assert "te deben unos $315.00 cada semana" in said  # 3 × $35 × 3
    # Without Art. 178 retrieved, no doubled figure is said to a minor.
    assert overtime_fact(question, retrieved={"66", "68"}, today=TODAY) is None


def test_hours_asked_ahead_are_paid_once() -> None:
    said = overtime_fact(
        "gano $480 diarios. y si me quedo 2 horas extra cuanto me tienen q pagar x esas horas?",
        retrieved=set(ARTICLES),
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("Por 2 horas extra, te deben unos $240.00 por ellas")
    # Asked ahead but every day: a week's hours, not once.
    week = weekly_overtime("si me quedo 2 horas extra diario de lunes a viernes, cuanto es?")
    assert week is not None
    assert not week.once


def test_the_rate_asked_of_a_case_whose_schedule_tells_the_hours() -> None:
    asked = "a como me deben pagar cada hora extra?"
    story = (
        "gano 320 diarios. Mi horario es de lunes a sábado de 9 a 17; tres días a la semana me "
        f"quedo 2 horas más. {asked}"
    )
    said = hourly_overtime_fact(story, retrieved={"66", "68"}, today=TODAY, asked=asked)
    assert said is not None
    assert "cada hora extra es de $80.00" in said


def test_a_shift_longer_than_the_laws_day_is_overtime_every_day_told() -> None:
    week = shift_overtime("trabajo en una maquila de 6am a 6pm de lunes a viernes")
    assert week is not None
    assert week.hours == Decimal(20)
    assert week.said.startswith("Tu jornada de 6:00 a 18:00 pasa 4 horas de las 8")
    said = overtime_fact(
        "me pagan 2,200 a la semana, de lunes a viernes de 6:00 a 18:00. cuanto me deberian "
        "pagar de horas extra?",
        retrieved=set(ARTICLES),
        today=TODAY,
    )
    assert said is not None
    assert "20 horas extra a la semana, y te deben unos $2,003.57 cada semana" in said
    # Within the day's maximum, or no days told: nothing guessed.
    assert shift_overtime("trabajo de lunes a viernes de 8 a 4") is None
    assert shift_overtime("trabajo de 6am a 6pm") is None


def test_a_day_past_twelve_hours_asked_if_allowed_is_answered_no_with_the_weeks_hours() -> None:
    # Found playing a water-truck driver's chat: "de 6am a 8pm de lunes a sabado, ¿eso se
    # puede?" was answered with the weekly maximum's phase-in, no verdict.
    both = {"68", "59"}
    question = "el patron nos hace trabajar de 6am a 8pm de lunes a sabado, eso se puede?"
    said = long_day_fact(question, retrieved=both, today=TODAY)
    assert said is not None
    assert said.startswith("No: de 6:00 a 20:00 son 14 horas al día")
    assert "pase de 12 horas al día (Art. 68 LFT)" in said
    assert "6 días así son 84 horas a la semana" in said
    assert "en 2026 la jornada máxima es de 48 horas a la semana (Art. 59 LFT)" in said
    # Without the days, the day alone; without Art. 59, no week.
    alone = long_day_fact("trabajo de 7am a 10pm, es legal?", retrieved=both, today=TODAY)
    assert alone is not None
    assert "15 horas al día" in alone
    assert "semana" not in alone
    assert "Art. 59" not in (long_day_fact(question, retrieved={"68"}, today=TODAY) or "x")
    # Twelve hours or less, a how-much question, or no Art. 68: not this fact.
    assert (
        long_day_fact("trabajo de 8 a 8 de lunes a sabado, es legal?", retrieved=both, today=TODAY)
        is None
    )
    assert (
        long_day_fact("trabajo de 6am a 8pm, cuanto me deben?", retrieved=both, today=TODAY) is None
    )
    assert long_day_fact(question, retrieved={"59"}, today=TODAY) is None
