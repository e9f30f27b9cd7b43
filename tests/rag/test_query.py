"""Question normalisation, direct references and the expansion table."""

from __future__ import annotations

from pathlib import Path

import pytest

from calc.text import fold
from rag.query import (
    LONG_SHIFT_TERMS,
    ExpansionTable,
    Reference,
    TopicTable,
    canonical_article_id,
    direct_references,
    expand_shorthand,
    normalize,
    prepare,
)
from rag.spelling import Speller


def test_fold_drops_accents_but_keeps_enye() -> None:
    assert fold("Vacación ÁÉÍÓÚ Ü año") == "vacacion aeiou u año"


def test_normalize_expands_whatsapp_shorthand_and_squeezes_letters() -> None:
    assert normalize("Q me tocaaaa d aguinaldo xq nomás trabajé 6 meses??") == (
        "que me toca de aguinaldo porque nada mas trabaje 6 meses"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("art 76", ["76"]),
        ("¿qué dice el artículo 330-A?", ["330-A"]),
        ("el 47", ["47"]),
        ("que dice el 47?", ["47"]),
        ("art. 3o bis", ["3 Bis"]),
        ("Artículo 3o. Bis", ["3 Bis"]),
        ("articulo 132 fraccion XXVII bis", ["132"]),
        ("Art. 283 Quáter", ["283 Quáter"]),
        ("arts 47 y 51", ["47", "51"]),
        ("el 39-A de la ley", ["39-A"]),
        ("ARTICULO 39 A", ["39-A"]),
        ("articulo 76 y articulo 76", ["76"]),
    ],
)
def test_direct_references(question: str, expected: list[str]) -> None:
    assert [r.article_id for r in direct_references(question)] == expected


@pytest.mark.parametrize(
    "question",
    [
        "me toco trabajar el 16 de septiembre",
        "cuanto me toca si trabaje el 1 de mayo?",
        "tengo 16 años y trabajo 48 horas",
        "me pagan 1500 a la semana",
        "el 22 de diciembre no me dieron nada",
    ],
)
def test_numbers_that_are_not_articles(question: str) -> None:
    assert direct_references(question) == []


def test_fraccion_is_kept() -> None:
    assert direct_references("articulo 132 fraccion xxvii bis") == [Reference("132", "XXVII Bis")]


@pytest.mark.parametrize(
    ("number", "suffix", "expected"),
    [
        ("76", None, "76"),
        ("03", "bis", "3 Bis"),
        ("330", "- a", "330-A"),
        ("283", "quater", "283 Quáter"),
    ],
)
def test_canonical_article_id(number: str, suffix: str | None, expected: str) -> None:
    assert canonical_article_id(number, suffix) == expected


def test_expansion_table_matches_phrases_and_prefixes() -> None:
    table = ExpansionTable.parse(
        "# comment\ncorri*\tdespido rescision\nhome office\tteletrabajo\nvacas\tvacaciones\n"
    )
    assert table.expand("ME CORRIERON sin carta") == ["despido rescision"]
    assert table.expand("estoy en home office") == ["teletrabajo"]
    # whole tokens only: "vacaciones" does not trigger the "vacas" row, "home" alone does not.
    assert table.expand("mis vacaciones en home") == []


def test_expansion_row_with_pairs_needs_every_part() -> None:
    row = "aguinaldo|aguinaldito & renunci*|me corrieron\tparte proporcional\n"
    table = ExpansionTable.parse(row)
    assert table.expand("si renuncio pierdo el aguinaldo") == ["parte proporcional"]
    assert table.expand("me corrieron, y mi aguinaldo?") == ["parte proporcional"]
    assert table.expand("renuncie, y mi aguinaldito?") == ["parte proporcional"]
    assert table.pairs("renuncie, y mi aguinaldito?") == ["parte proporcional"]
    # One part alone is not the pair's meaning.
    assert table.expand("cuando pagan el aguinaldo") == []
    assert table.expand("quiero renunciar") == []


def test_rows_tried_with_the_set_of_words_match_as_without_it() -> None:
    """The tables pass each row the question's set of words, so a row whose whole words are
    missing stops early: it must say exactly what the phrase scan says, on every row."""
    rows = [*ExpansionTable.default().rows, *(row for row, _ in TopicTable.default().rows)]
    rows.append(ExpansionTable.parse("pag* extra*\tx\n").rows[0])  # prefixes only
    questions = [
        # Each row's own words (a pair row's first alternative of each group): every row
        # matches at least once.
        *((*row.pattern, *(w for group in row.also for w in group[0])) for row in rows),
        ("no", "me", "pagan", "las", "horas", "extra"),
        ("me", "corrieron", "sin", "carta", "home"),
        (),
    ]
    matched = 0
    for words in map(list, questions):
        for row in rows:
            assert row.matches(words, set(words)) == row.matches(words), (row, words)
            matched += row.matches(words, set(words))
    assert matched > len(rows)


def test_expansion_table_rejects_a_malformed_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        ExpansionTable.parse("ok\tfine\nno tab here\n")


def test_default_table_covers_the_slang_the_issue_names() -> None:
    table = ExpansionTable.default()
    assert len(table.rows) >= 100
    cases = {
        "me corrieron": "despido",
        "cuanto es mi liquidacion": "indemnizacion",
        "y mi finiquito?": "prima de antiguedad",
        "trabajo en home office": "teletrabajo",
        "estoy por outsourcing": "subcontratacion",
        "me bajaron el sueldo": "salario",
        "no me pagan las horas extra": "tiempo extraordinario",
        "consegui chamba": "trabajo",
        # A dismissal said in other words, a commute accident, a pay slip in another's name.
        "el encargado me dijo ya no te presentes mañana": "despido",
        "iba en la bici pa la fabrica y me atropellaron": "trasladarse",
        "iba al trabajo en la moto y derrape": "trasladarse",
        "el recibo sale a nombre de otra empresa": "subcontratacion",
        # Until when to sue: the claim's term, in the words of the rules ("reclamar").
        "y hasta cuando tengo chance de demandar?": "reclamar",
        # Harassment told as what was done; the ride to the fields.
        "el otro dia me agarro de la cintura en el almacen": "acoso sexual",
        "trabajo en un rancho y nos cobran el raite": "transporte",
        "me quede sin chamba, hasta cuando me atienden en la clinica?": "ocho semanas",
        "soy trailero, si me tomo unas cheves y salgo de viaje temprano": "alcohol",
        "mi esposa va a adoptar una niña, q permiso le toca?": "seis semanas",
        # Breastfeeding, pay late with the wish to leave, the conciliation's length, equal pay,
        # an app's inactivity, an outsourcer that does not pay, IMSS care after a lay-off.
        "sigo dando pecho a mi niña": "lactancia",
        "nos pagan tarde y ni completo, ya me quiero ir": "rescision",
        "cuanto se tarda la conciliacion?": "cuarenta y cinco dias",
        "a las mujeres nos pagan menos que a los hombres por hacer lo mismo": "salario igual",
        "ya van 5 semanas q no me conecto a la app": "treinta dias naturales",
        "la agencia de outsourcing no me pagan desde hace 2 quincenas": "responsable solidario",
        "todavia la atiende el seguro aunque ya me dieron de baja?": "ocho semanas",
        "mi esposa se alivia la otra semana, cuantos dias me dan?": "paternidad",
    }
    for question, term in cases.items():
        assert term in " ".join(table.expand(question)), question


def test_prepare_collects_everything() -> None:
    query = prepare("Me corrieron, que dice el art 47?", ExpansionTable.default())
    assert query.normalized.startswith("me corrieron que dice el articulo 47")
    assert [r.article_id for r in query.references] == ["47"]
    assert "despido" in query.expansion_text
    assert prepare("hola").expansions == ()


def test_speller_repairs_into_the_laws_words() -> None:
    law = "aguinaldo aguinaldo vacaciones vacaciones indemnización indemnización embarazada " * 2
    speller = Speller.from_texts([law, "raro"])
    assert speller.correct("aginaldo") == "aguinaldo"  # one letter missing
    assert speller.correct("vacasiones") == "vacaciones"  # s for c
    assert speller.correct("indenizacion") == "indemnizacion"
    assert speller.correct("enbarazada") == "embarazada"
    assert speller.correct("aguinaldo") is None  # already a law word
    assert speller.correct("raros") is None  # its neighbour appears only once
    assert speller.correct("chamba") is None  # nothing close: left to the expansion table
    assert speller.correct("vac") is None  # too short to guess
    assert speller.repair("me dan aginaldo y vacasiones?") == ["aguinaldo", "vacaciones"]


def test_topic_table_most_specific_topic_first() -> None:
    table = TopicTable.parse("# c\nvacaciones\t76, 79\nprima vacacional\t80\nvaca*\t81, 76\n")
    assert table.articles("cuanto es la prima vacacional de mis vacaciones") == [
        "80",
        "76",
        "79",
        "81",
    ]
    assert table.articles("vacas!") == ["81", "76"]
    assert table.articles("aguinaldo") == []


def test_topic_rows_take_alternatives_and_pairs_like_the_slang_table() -> None:
    table = TopicTable.parse(
        "descuento*\t110\nfaltante*|descuadre*\t110, 97\nimss & alta|asegur*\t15 LSS, 18 LSS\n"
    )
    assert table.articles("si sale faltante me lo cobran") == ["110", "97"]
    assert table.articles("hubo un descuadre") == ["110", "97"]
    assert table.articles("no me dieron de alta en el imss") == ["15 LSS", "18 LSS"]
    # Both sides of a pair are needed; the pair (two words) is more specific than one word.
    assert table.articles("me dieron de alta") == []
    assert table.articles("no me tiene asegurado en el imss y hay descuentos") == [
        "15 LSS",
        "18 LSS",
        "110",
    ]


def test_topic_table_rejects_a_row_without_articles() -> None:
    with pytest.raises(ValueError, match="topics line 1"):
        TopicTable.parse("aguinaldo\t \n")


def test_default_topic_table_names_real_article_ids(lft_md: Path) -> None:
    from ingest.parse import parse_law
    from ingest.related import parse_related
    from rag.laws import qualify

    known = {a.id for a in parse_law(lft_md.read_text(encoding="utf-8")).articles}
    for code, prefix in {"LSS": "lss_", "LINFONAVIT": "linfonavit_"}.items():
        path = sorted((lft_md.parents[1] / "related").glob(f"{prefix}*.md"))[-1]
        law = parse_related(path.read_text(encoding="utf-8"), code=code)
        known |= {qualify(a.id, code) for a in law.articles}
    table = TopicTable.default()
    named = {a for _, articles in table.rows for a in articles}
    assert named <= known, sorted(named - known)
    assert table.articles("cuanto me dan de aguinaldo")[:1] == ["87"]


def test_the_slang_tables_words_are_its_whole_words() -> None:
    table = ExpansionTable.parse(
        "me corrieron\tdespido\ncorr*\tx\naguinaldo & renunci*|me sali\ty\n"
    )
    assert table.words() == {"me", "corrieron", "aguinaldo", "sali"}


def test_shorthand_is_written_out_and_punctuation_kept() -> None:
    assert expand_shorthand("Me tienen q pagar, xq es mi día?") == (
        "me tienen que pagar, porque es mi dia?"
    )
    # A shift "4x24" is one word, not "por".
    assert expand_shorthand("trabajo 4x24 pa una empresa") == "trabajo 4x24 para una empresa"


def test_a_broken_arm_at_the_factory_is_no_factory_gone_broke() -> None:
    table = ExpansionTable.default()
    hurt = " ".join(table.expand("iba pa la fabrica y me atropellaron, traigo el brazo quebrado"))
    assert "cierre de la empresa" not in hurt
    assert "trasladarse" in hurt
    broke = " ".join(table.expand("la fabrica quebro y nos corrieron a todos"))
    assert "cierre de la empresa" in broke


def test_pay_in_kind_reads_as_the_laws_goods_and_tokens() -> None:
    table = ExpansionTable.default()
    said = " ".join(table.expand("me quiere pagar la mitad en pan y bolillo"))
    assert "moneda de curso legal" in said
    assert "moneda de curso legal" not in " ".join(table.expand("me pagan bien, compro pan"))


def test_a_rotating_shift_is_weighed_against_the_days_limits() -> None:
    """ "turnos de 24 x 24" names no hour word; the day's limits are what it asks about."""
    table = ExpansionTable.default()
    for said in ("trabajo turnos de 24 x 24, es legal?", "hago guardias de 12 por 24"):
        assert LONG_SHIFT_TERMS in table.expand(said), said
    for said in (
        "el cuarto mide 12 x 24 metros",
        "entro a las 8 y salgo a las 4",
        # The shift only sets the scene of another pay.
        "trabajo 24x24 y seguido me cae el turno en domingo, no me dan nada mas?",
    ):
        assert LONG_SHIFT_TERMS not in table.expand(said), said
