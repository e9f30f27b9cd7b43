"""``abogado chat`` on the local profile offers a free lawyer's review: the worker's whole side
(offer, preview, consent, forwarding, cancel) through the terminal's real turns, and the
lawyer's replies printed in the terminal (the courier's channel "cli")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from abogado.commands.chat import converse, local_runner, terminal_notices
from abogado.container import Container
from bot import handoff_wording as words
from db import lawyer_inbox, notices
from db.conversations import find_identity
from db.handoff_table import HandoffMessage, HandoffRequest
from db.notice_table import NoticeRow
from services.settings import Settings
from tests.services.fakes import FakeAnswerer
from tests.webhooks.lawyers.cases import add_request

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


def test_the_lawyers_replies_reach_the_terminal_chat_once(tmp_path: Path) -> None:
    """Both sides locally: the worker in ``abogado chat``, the lawyer in the inbox (here its
    repository). The terminal prints what waits before each message, through the courier's
    claim → send → mark; another chat's notices are left for its own channel."""
    container = Container(Settings(data_dir=tmp_path))
    lawyer = lawyer_inbox.Lawyer(sub="lawyer-1", actor="ana@example.mx")
    out = io.StringIO()
    with local_runner(container, FakeAnswerer()) as runner:
        deliver = terminal_notices(container)
        converse(io.StringIO(SCRIPT.split("no me quieren")[0]), runner=runner, out=out)
        other = add_request(container.sessions, chat_id="777")
        with container.sessions.begin() as session:
            request_id = session.scalars(
                select(HandoffRequest.id).where(HandoffRequest.id != other)
            ).one()
            now = container.clock.now()
            assert lawyer_inbox.claim(session, lawyer, request_id, now=now)
            assert lawyer_inbox.reply(session, lawyer, request_id, "¿Tienes tu contrato?", now=now)
            assert lawyer_inbox.claim(session, lawyer, other, now=now)
        out = io.StringIO()
        converse(io.StringIO("sí, aquí lo tengo\nVER\n"), runner=runner, out=out, notices=deliver)
        text = out.getvalue()
        assert text.index("Un abogado tomó tu caso") < text.index("Tu abogado te respondió")
        assert text.index("Tu abogado te respondió:\n\n¿Tienes tu contrato?") < text.index(
            words.VER_NOTHING_YET
        )
        assert text.count("¿Tienes tu contrato?") == 1
        assert deliver() == []  # at most once
    with container.sessions() as session:
        rows = session.execute(select(NoticeRow.identity_id, NoticeRow.status)).all()
        mine = {status for identity, status in rows if identity != _identity(session, other)}
        theirs = {status for identity, status in rows if identity == _identity(session, other)}
    assert mine == {"sent"}
    assert theirs == {"pending"}  # a Telegram chat: not the terminal's to deliver


def _identity(session: Session, request_id: int) -> int:
    return session.get_one(HandoffRequest, request_id).identity_id


def test_the_interactive_terminal_shows_what_waits_before_the_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from abogado.commands import chat

    container = Container(Settings(data_dir=tmp_path))
    typed = iter(["VER"])

    def fake_input(prompt: str) -> str:
        print(prompt, end="")
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    with local_runner(container, FakeAnswerer()) as runner:
        with container.sessions.begin() as session:
            identity = find_identity(session, "cli", chat.CHAT_ID)
            assert identity is not None
            notices.enqueue(
                session,
                identity_id=identity.id,
                kind="lawyer_reply",
                text="Tu abogado te respondió:\n\nHola.",
                now=container.clock.now(),
            )
        assert chat._interactive(runner, container.settings, terminal_notices(container)) == 0
    out = capsys.readouterr().out
    shown = out.index("abogado › Tu abogado te respondió:")
    assert shown < out.index("tú › ") < out.index(words.VER_NOTHING)
    assert out.count("Tu abogado te respondió:") == 1
