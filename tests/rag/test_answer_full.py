"""Answers over the whole law index (slow: the index is built once per session)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from abogado.answers import open_retrieval
from rag.answer import AnswerPipeline
from rag.prompts import DISCLAIMER
from rag.query import ExpansionTable
from services.settings import AnswerSettings, Settings

# The first test builds the whole law index (chunks, glosses, rule vectors): ~5 minutes on an
# idle machine, over 15 under load; the default 900 s timeout counts that setup too.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(2700)]


@pytest.fixture(scope="module")
def pipeline(full_index_dir: Path) -> Iterator[AnswerPipeline]:
    settings = Settings(data_dir=full_index_dir, answer=AnswerSettings(backend="extractive"))
    with open_retrieval(settings) as retrieval:
        table = ExpansionTable.default()  # its pair rows too, as ``abogado.answers`` does
        yield AnswerPipeline(
            retrieval, None, today=date(2026, 11, 26), expand=table.expand, pairs=table.pairs
        )


def cited(pipeline: AnswerPipeline, question: str) -> list[str]:
    answer = pipeline.answer(question)
    assert answer.text.endswith(DISCLAIMER)
    retrieved = {p.article_id for p in answer.passages}
    assert {c.article_id for c in answer.citations} <= retrieved
    return [c.article_id for c in answer.citations]


def test_a_dismissal_without_a_letter(pipeline: AnswerPipeline) -> None:
    answer = pipeline.answer("me corrieron sin darme ninguna carta eso es legal??")
    ids = [c.article_id for c in answer.citations]
    assert "47" in ids
    assert "518" in ids
    assert "Prescriben en dos meses" in answer.text


def test_vacations(pipeline: AnswerPipeline) -> None:
    assert cited(pipeline, "cuantos dias de vacaciones me tocan si llevo un año")[0] == "76"


def test_the_40_hour_week_today(pipeline: AnswerPipeline) -> None:
    answer = pipeline.answer("cual es el maximo de horas que puedo trabajar a la semana")
    assert any(p.article_id.startswith("T 2026-05-01") for p in answer.passages)
    assert "aplica un máximo de 48 horas a la semana" in answer.text


def test_a_weeks_overtime_in_pesos_leads_before_the_phase_in(pipeline: AnswerPipeline) -> None:
    """The figure is already this year's (9 hours double in 2026): it opens the answer, and the
    dated note on the cap follows instead of leading."""
    answer = pipeline.answer(
        "cuanto me deben de horas extra? gano 2500 a la semana y hago 6 horas extra por semana"
    )
    assert answer.text.startswith("Por 6 horas extra a la semana, te deben unos $535.71")
    assert {"66", "68"} <= {p.article_id for p in answer.passages}
    assert {c.article_id for c in answer.citations} <= {p.article_id for p in answer.passages}


def first_line(pipeline: AnswerPipeline, question: str, **kw: object) -> str:
    answer = pipeline.answer(question, **kw)  # type: ignore[arg-type]
    assert {c.article_id for c in answer.citations} <= {p.article_id for p in answer.passages}
    return answer.text.split("\n")[0]


@pytest.mark.parametrize(
    ("question", "history", "opening"),
    [
        # How long the pay lasts while unable to work, not the year to claim (Art. 516).
        (
            "cuanto tiempo me tienen q pagar si no puedo trabajar?",
            [("user", "me cai de un andamio en la obra y me fracture el pie")],
            "Si tienes incapacidad temporal por un riesgo de trabajo, te toca el salario completo",
        ),
        # How far back overtime can be claimed: the year, not the overtime cap.
        (
            "y cuantos meses para atras puedo cobrar?",
            [("user", "trabajo de 6 a 8 de la noche de lunes a sabado y nunca me pagan extras")],
            "En general tienes 1 año para reclamar",
        ),
        # A right given up in a settlement is void (Art. 33), whatever the benefit named.
        (
            "me quieren hacer firmar un convenio donde dice q renuncio a la prima de antiguedad a "
            "cambio de q me den la liquidacion rapido. eso vale?",
            [],
            "No vale que renuncies a salarios ya trabajados",
        ),
        # A danger reported and ignored before the accident: the employer's fault (Art. 490).
        (
            "en el taller le dijimos al patron varias veces q la esmeriladora no tenia guarda y "
            "no hizo caso. ayer me corte el brazo con ella. me toca algo mas x eso?",
            [],
            "Si tú o tus compañeros avisaron al patrón de un peligro",
        ),
        # "Cuando me alivie" is the birth: the month claimed is weighed against six weeks.
        (
            "mi supervisor me dice q cuando me alivie solo me van a dar 1 mes de incapacidad",
            [("user", "estoy embarazada de 5 meses y trabajo en una maquila")],
            "No. Tienes derecho a 6 semanas de descanso antes del parto y 6 semanas después",
        ),
    ],
)
def test_questions_seen_in_chat_plays(
    pipeline: AnswerPipeline, question: str, history: list[tuple[str, str]], opening: str
) -> None:
    assert first_line(pipeline, question, history=history).startswith(opening)
