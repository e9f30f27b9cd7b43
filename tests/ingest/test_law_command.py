"""``abogado law list|show`` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from abogado.cli import main


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(folder))
    monkeypatch.chdir(tmp_path)  # no ../shared here: the default source must come from the cache
    return folder


def test_list_jsonl(lft_md: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "list", "--format", "jsonl", "--source", str(lft_md)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1265
    assert set(rows[0]) == {"id", "path", "text", "repealed", "reforms"}
    by_id = {r["id"]: r for r in rows}
    assert by_id["15-A"]["repealed"] is True
    assert by_id["76"]["reforms"] == ["Artículo reformado DOF 27-12-2022"]
    assert (data_dir / "law" / "2026-05-01.json").is_file()


def test_show_76_then_from_the_cache(
    lft_md: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["law", "show", "76", "--source", str(lft_md)]) == 0
    first = capsys.readouterr().out
    assert first.startswith("Artículo 76 — Ley Federal del Trabajo")
    assert "doce días laborables" in first
    assert "LEY FEDERAL DEL TRABAJO" not in first
    assert main(["law", "show", "artículo 76"]) == 0  # no --source: the cached parse
    assert capsys.readouterr().out == first


def test_show_json_and_suffix_spelling(
    lft_md: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["law", "show", "3o bis", "--format", "json", "--source", str(lft_md)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["kind"] == "article"
    assert shown["id"] == "3 Bis"


def test_show_transitorio(lft_md: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "show", "T 2026-05-01 Segundo", "--source", str(lft_md)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Transitorio Segundo (DOF 01-05-2026)")
    assert "2027: 46 horas" in out


def test_unknown_id(lft_md: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "show", "2000", "--source", str(lft_md)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "abogado: error: no article or transitorio '2000' in the LFT (2026-05-01)"


def test_bad_source(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    assert main(["law", "list", "--source", str(empty)]) == 1
    assert "is empty" in capsys.readouterr().err
    assert not (data_dir / "law").exists()


def test_list_text(lft_md: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "list", "--source", str(lft_md)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1265
    assert lines[0].startswith("1 ")


@pytest.mark.parametrize(
    "argv", [["law", "--help"], ["law", "list", "--help"], ["law", "show", "--help"]]
)
def test_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    assert "usage: abogado law" in capsys.readouterr().out
