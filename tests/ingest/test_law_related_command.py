"""``abogado law show|list --law CODE`` and ``abogado ingest``'s related-law files, via the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from abogado.cli import main
from abogado.commands.ingest import related_files
from tests.ingest.conftest import RELATED_PREFIXES


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(folder))
    monkeypatch.chdir(tmp_path)  # no ../shared here: sources come from --source or the cache
    return folder


def _source(related_dir: Path, code: str) -> str:
    return str(sorted(related_dir.glob(f"{RELATED_PREFIXES[code]}*.md"))[-1])


def test_show_15_of_the_lss_then_from_the_cache(
    related_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(related_dir, "LSS")
    assert main(["law", "show", "15", "--law", "LSS", "--source", source]) == 0
    first = capsys.readouterr().out
    assert first.startswith("Artículo 15 — Ley del Seguro Social\n")
    assert "Registrarse e inscribir a sus trabajadores en el Instituto" in first
    assert "Se cita como: Art. 15 LSS" in first
    assert (data_dir / "law" / "lss" / "2026-01-15.json").is_file()
    assert main(["law", "show", "15 LSS"]) == 0  # a qualified id, from the cache
    assert capsys.readouterr().out == first
    assert main(["law", "show", "15", "--law", "imss"]) == 0
    assert capsys.readouterr().out == first


def test_show_json_of_a_numbered_bis_article(
    related_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(related_dir, "LINFONAVIT")
    assert (
        main(
            [
                "law",
                "show",
                "51 bis 1",
                "--law",
                "LINFONAVIT",
                "--source",
                source,
                "--format",
                "json",
            ]
        )
        == 0
    )
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == "51 Bis 1"
    assert shown["law"] == "LINFONAVIT"
    assert shown["kind"] == "article"


def test_list_jsonl_gives_qualified_ids(
    related_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(related_dir, "CPEUM")
    assert main(["law", "list", "--law", "CPEUM", "--format", "jsonl", "--source", source]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["123 CPEUM"]
    assert rows[0]["law"] == "CPEUM"


def test_unknown_law_and_missing_text_are_clear_errors(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["law", "show", "15", "--law", "XYZ"]) == 2
    assert "unknown law 'XYZ'" in capsys.readouterr().err
    assert main(["law", "show", "15", "--law", "LSS"]) != 0
    assert "no LSS text in ../shared/data/related" in capsys.readouterr().err


def test_missing_related_files_are_warnings(
    related_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "related"
    folder.mkdir()
    lss = Path(_source(related_dir, "LSS"))
    (folder / lss.name).write_bytes(lss.read_bytes())
    found = related_files(folder)
    assert found == {"LSS": folder / lss.name}
    err = capsys.readouterr().err
    for code in ("LINFONAVIT", "LFTSE", "CPEUM"):
        assert f"warning: no {code} text at" in err
    assert related_files(tmp_path / "nowhere") == {}
