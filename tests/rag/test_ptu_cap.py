"""Art. 127-VIII's cap on one worker's PTU: three months of salary or the last three years'
average, whichever is more."""

from __future__ import annotations

from decimal import Decimal

from rag.ptu_cap import needed_articles, past_three, ptu_cap_fact

ALL = {"127"}


def test_the_cap_is_the_larger_of_three_months_and_the_average() -> None:
    months = ptu_cap_fact(
        "me dijeron q me tocaban 35 mil de utilidades pero hay un tope. gano 250 diarios, el año "
        "pasado me dieron 20 mil, antes 22 mil y antes 18 mil. cuanto es lo maximo q me dan?",
        retrieved=ALL,
    )
    assert months is not None
    # 90 × $250 = $22,500 against an average of $20,000.
    assert "($22,500.00, con $250.00 al día)" in months
    assert "($20,000.00): lo más que te pueden dar es unos $22,500.00 (Art. 127 LFT)." in months
    average = ptu_cap_fact(
        "me dieron de utilidades 40 mil, 35 mil y 38 mil los ultimos 3 años. gano 12 mil al mes "
        "y dicen q el tope son 3 meses de sueldo. cuanto es lo maximo q me pueden dar?",
        retrieved=ALL,
    )
    assert average is not None
    # 90 × $400 = $36,000 against an average of $37,666.67: the average is more favourable.
    assert "lo más que te pueden dar es unos $37,666.67" in average


def test_without_the_past_amounts_the_three_months_and_the_rule() -> None:
    said = ptu_cap_fact("gano 300 diarios, cual es el tope de utilidades? cuanto", retrieved=ALL)
    assert said is not None
    assert "($27,000.00, con $300.00 al día)" in said
    assert said.endswith("el promedio de lo que recibiste los últimos 3 años (Art. 127 LFT).")


def test_no_cap_without_the_pay_the_article_or_a_cap_asked() -> None:
    asked = "gano 300 diarios, cual es el tope de utilidades? cuanto"
    assert ptu_cap_fact(asked, retrieved=set()) is None
    assert ptu_cap_fact("cual es el tope de utilidades? cuanto", retrieved=ALL) is None
    # Without a cap asked, the amount asked is bounded by it (since the thirtieth pass).
    bounded = ptu_cap_fact("gano 300 diarios, cuanto me toca de utilidades?", retrieved=ALL)
    assert bounded is not None
    assert bounded.startswith("Cuánto te toca de reparto de utilidades depende de lo que ganó")
    assert needed_articles(asked) == ("127",)
    # A delivery van is no PTU: "camioneta de reparto… lo máximo que me pueden descontar".
    van = (
        "choque la camioneta de reparto y me quieren descontar. gano 3,200 a la semana, cuanto "
        "es lo maximo q me pueden descontar?"
    )
    assert ptu_cap_fact(van, retrieved=ALL) is None
    assert needed_articles(van) == ()
    assert needed_articles("cuanto me toca de utilidades?") == ()


def test_the_past_amounts_are_three_told_after_a_word_of_the_past() -> None:
    assert past_three("el año pasado 20 mil, antes 22 mil y antes 18 mil") == [
        Decimal(20000),
        Decimal(22000),
        Decimal(18000),
    ]
    assert past_three("el año pasado me dieron 20 mil") is None  # one is no average
    assert past_three("me dieron 20 mil, 22 mil y 18 mil") is None  # no past years named


def test_the_three_past_amounts_after_another_sum_in_the_sentence() -> None:
    question = (
        "gano 9 mil al mes, en recursos humanos me dicen q de utilidades solo me pueden dar 27 mil "
        "xq ese es el tope, pero los ultimos 3 años me dieron 30 mil, 33 mil y 36 mil. cuanto es "
        "mi tope de verdad?"
    )
    assert past_three(question) == [Decimal(30000), Decimal(33000), Decimal(36000)]
    said = ptu_cap_fact(question, retrieved={"127"})
    assert said is not None
    assert said.endswith("lo más que te pueden dar es unos $33,000.00 (Art. 127 LFT).")
