"""The one accent fold: ñ survives everywhere (año is not ano), every other accent goes."""

from __future__ import annotations

from calc.text import fold


def test_fold_drops_accents_and_case_but_keeps_enye() -> None:
    assert fold("Vacación ÁÉÍÓÚ Ü AÑO niño") == "vacacion aeiou u año niño"


def test_fold_keeps_an_enye_typed_as_n_and_a_combining_tilde() -> None:
    assert fold("an\u0303o") == "año"


def test_fold_drops_a_tilde_on_any_other_letter() -> None:
    assert fold("ã\u0303x") == "ax"


def test_fold_spells_out_compatibility_forms() -> None:
    assert fold("1º de mayo, ﬁn") == "1o de mayo, fin"


def test_bot_and_rag_fold_with_the_same_function() -> None:
    import bot.dates
    import bot.facts_text
    import rag.lexical
    import rag.query

    for module in (bot.dates, bot.facts_text, rag.lexical, rag.query):
        assert vars(module)["fold"] is fold
