"""Phase-in schedules read from transitorios and explained for a given day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.phasein import (
    Schedule,
    describe,
    dof_date,
    fraction_of,
    long_date,
    parse_schedule,
    phase_in_notes,
)
from rag.types import Passage
from tests.rag.answer_fakes import read_transitorio

FORTY = Schedule("Jornada Laboral", ((2026, 48), (2027, 46), (2028, 44), (2029, 42), (2030, 40)))


def test_the_raw_pdf_table_is_read(lft_md: Path) -> None:
    raw = read_transitorio(lft_md, "Segundo. La duración de la jornada laboral", "Tercero. El")
    assert parse_schedule(raw) == FORTY


def test_the_overtime_table_is_read_with_its_label(lft_md: Path) -> None:
    raw = read_transitorio(lft_md, "Cuarto. La duración de la jornada extraordinaria", "Quinto.")
    schedule = parse_schedule(raw)
    assert schedule is not None
    assert schedule.steps == ((2026, 9), (2027, 9), (2028, 10), (2029, 11), (2030, 12))
    assert schedule.unit() == "horas extra a la semana"


def test_the_parsers_year_lines_are_read() -> None:
    text = (
        "Transitorio Segundo del decreto publicado en el DOF el 01-05-2026: La duración de la "
        "jornada laboral … conforme a lo siguiente:\nJornada Laboral por año:\n2026: 48 horas\n"
        "2027: 46 horas\n2028: 44 horas\n2029: 42 horas\n2030: 40 horas"
    )
    schedule = parse_schedule(text)
    assert schedule is not None
    assert schedule.steps == FORTY.steps


@pytest.mark.parametrize(
    "text",
    [
        "El presente Decreto entrará en vigor el día 1 de mayo de 2026.",
        "Publicado en el DOF el 2026-05-01 y 2027-01-01.",
        "2030: 40 horas",
    ],
)
def test_unknown_formats_give_no_schedule(text: str) -> None:
    assert parse_schedule(text) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 6, 1), "todavía no empieza: el 1 de enero de 2026 el límite será de 48"),
        (date(2026, 1, 1), "aplica un máximo de 48 horas a la semana (lo que toca en 2026)"),
        (date(2027, 12, 31), "aplica un máximo de 46 horas a la semana (lo que toca en 2027)"),
        (date(2029, 3, 1), "a partir del 1 de enero de 2030 cambia a 40."),
        (date(2030, 1, 1), "ya aplica el valor final: 40 horas a la semana"),
    ],
)
def test_what_applies_depends_on_today(today: date, expected: str) -> None:
    assert expected in describe(FORTY, today=today)


def test_equal_steps_are_skipped_when_saying_what_changes_next() -> None:
    overtime = Schedule("Horas Extras", ((2026, 9), (2027, 9), (2028, 10)))
    assert "a partir del 1 de enero de 2028 cambia a 10" in describe(
        overtime, today=date(2026, 6, 1)
    )


def test_notes_only_for_transitorios_that_name_a_retrieved_article() -> None:
    about_59 = Passage(
        "T 2026-05-01 Segundo",
        "transitorio",
        (),
        "el artículo 59 … 2026: 48\n2027: 46",
        0.0,
        ("59", "61"),
        "2026-05-01",
    )
    about_132 = Passage(
        "T 2026-05-01 Quinto",
        "transitorio",
        (),
        "la fracción XXXIV del artículo 132 entrará en vigor",
        0.0,
        ("132",),
        "2026-05-01",
    )
    notes = phase_in_notes([about_59, about_132], retrieved=["61", "59"], today=date(2026, 7, 1))
    assert len(notes) == 1
    text, cited = notes[0]
    assert cited == ("59",)
    assert text.startswith("Ojo con las fechas (Art. 59 LFT): según el transitorio Segundo")


def test_dates_in_spanish() -> None:
    assert long_date(date(2026, 11, 26)) == "26 de noviembre de 2026"
    assert dof_date("2026-05-01") == "01-05-2026"


@pytest.mark.parametrize(
    ("text", "running"),
    [
        ("entrarán en vigor a partir del 1 de enero de 2027.", True),
        ("El presente Decreto entrará en vigor el día 1 de mayo de 2026.", False),
        ("Dentro de los ciento veinte días naturales siguientes a la aprobación", False),
        ("se revisará en 2028", True),
        ("se revisó en 2026", False),
    ],
)
def test_only_changes_still_on_their_way_are_quoted(text: str, running: bool) -> None:
    transitorio = Passage(
        "T 2026-05-01 Quinto", "transitorio", (), text, 0.0, ("132",), "2026-05-01"
    )
    notes = phase_in_notes([transitorio], retrieved=["132"], today=date(2026, 11, 26))
    assert bool(notes) is running


def test_a_compound_ordinal_is_kept_whole() -> None:
    transitorio = Passage(
        "T 2019-05-01 Décimo Sexto", "transitorio", (), "a partir del 1 de enero de 2030", 0.0,
        ("873-A",), "2019-05-01",
    )  # fmt: skip
    ((text, _),) = phase_in_notes([transitorio], retrieved=["873-A"], today=date(2026, 11, 26))
    assert "el transitorio Décimo Sexto del decreto publicado en el DOF el 01-05-2019" in text


ARTICLE_132 = (
    "Artículo 132 LFT: Son obligaciones de las personas empleadoras:\n"
    "I.- Cumplir las disposiciones de las normas de trabajo aplicables;\n"
    "XXVII Bis.- Otorgar permiso de paternidad de cinco días laborables;\n"
    "XXXIV.\n\nRegistrar de manera electrónica la jornada laboral de cada persona trabajadora"
)
ABOUT_XXXIV = Passage(
    "T 2026-05-01 Quinto", "transitorio", (),
    "Las disposiciones de carácter general a que se refiere la fracción XXXIV del artículo 132 "
    "de la Ley Federal del Trabajo, entrarán en vigor a partir del 1 de enero de 2027.",
    0.0, ("132",), "2026-05-01",
)  # fmt: skip


def test_the_fraction_a_quote_lies_in() -> None:
    assert fraction_of(ARTICLE_132, "Cumplir las disposiciones de las normas de trabajo") == "I"
    assert fraction_of(ARTICLE_132, "Registrar de manera electrónica la jornada laboral") == "XXXIV"
    assert fraction_of(ARTICLE_132, "Son obligaciones de las personas empleadoras") is None
    assert fraction_of(ARTICLE_132, "nada de esto está en el artículo") is None


@pytest.mark.parametrize(
    ("quotes", "noted"),
    [
        (["Registrar de manera electrónica la jornada laboral"], True),
        (["Cumplir las disposiciones de las normas de trabajo aplicables"], False),
        ([""], True),  # said without a quote: the note cannot be ruled out
        (["Cumplir las disposiciones de las normas", "Registrar de manera electrónica"], True),
    ],
)
def test_a_note_about_one_fraction_needs_a_quote_from_it(quotes: list[str], noted: bool) -> None:
    # Paternity leave (fr. XXVII Bis) came with the note on the workday's registry (fr. XXXIV).
    notes = phase_in_notes(
        [ABOUT_XXXIV],
        retrieved=["132"],
        today=date(2026, 11, 26),
        quoted={"132": quotes},
        texts={"132": ARTICLE_132},
    )
    assert bool(notes) is noted
