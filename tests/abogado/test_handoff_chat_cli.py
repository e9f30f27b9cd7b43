"""``abogado chat`` on the local profile offers a free lawyer's review: the worker's whole side
(offer, preview, consent, forwarding, cancel) through the terminal's real turns."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select

from abogado.commands.chat import converse, local_runner
from abogado.container import Container
from db.handoff_table import HandoffMessage, HandoffRequest
from services.settings import Settings
from tests.services.fakes import FakeAnswerer

SCRIPT = """me corrieron sin carta, entré en marzo de 2021 y ganaba 9 mil al mes
/abogado
1
sí
no me quieren pagar
tampoco me dieron la carta
/cancelar
"""


def test_a_free_review_from_the_terminal(tmp_path: Path) -> None:
    container = Container(Settings(data_dir=tmp_path))
    out = io.StringIO()
    with local_runner(container, FakeAnswerer()) as runner:
        converse(io.StringIO(SCRIPT), runner=runner, out=out)
    text = out.getvalue()
    assert "PROFEDET (Procuraduría Federal de la Defensa del Trabajo)" in text
    assert "1. Sí, que un abogado revise mi caso (gratis)" in text
    assert "esto es exactamente lo que vería el abogado" in text
    assert "Listo, envié tu caso" in text
    assert text.count("Se lo pasé a tu abogado") == 1
    assert "Cancelé tu solicitud" in text
    with container.sessions() as session:
        (request,) = session.scalars(select(HandoffRequest)).all()
        assert request.status == "cancelled"
        said = session.scalars(
            select(HandoffMessage.text).where(HandoffMessage.author == "worker")
        ).all()
    assert said == ["no me quieren pagar", "tampoco me dieron la carta"]


def test_without_a_review_the_terminal_offers_only_free_help(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, handoff={"review": "none"})  # type: ignore[arg-type]
    out = io.StringIO()
    with local_runner(Container(settings), FakeAnswerer()) as runner:
        converse(io.StringIO("/abogado\n"), runner=runner, out=out)
    assert "800 911 7877" in out.getvalue()
    assert "revise tu caso" not in out.getvalue()
