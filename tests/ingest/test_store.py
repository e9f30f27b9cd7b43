"""The JSON cache of the parsed law."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.model import Law
from ingest.store import load_law, save_law


def test_round_trip(law: Law, tmp_path: Path) -> None:
    path = save_law(law, data_dir=tmp_path)
    assert path == tmp_path / "law" / "2026-05-01.json"
    loaded = load_law(data_dir=tmp_path)
    assert loaded == law
    assert loaded is not None
    assert loaded.article("76") == law.article("76")
    assert loaded.transitorio("T 2026-05-01 Segundo") == law.transitorio("T 2026-05-01 Segundo")


def test_nothing_cached(tmp_path: Path) -> None:
    assert load_law(data_dir=tmp_path) is None
    assert load_law(data_dir=tmp_path, version="2026-05-01") is None


def test_newest_version_wins(law: Law, tmp_path: Path) -> None:
    older = replace(law, version="2025-02-21", articles=law.articles[:3], decrees=())
    save_law(older, data_dir=tmp_path)
    save_law(law, data_dir=tmp_path)
    newest = load_law(data_dir=tmp_path)
    assert newest is not None
    assert newest.version == "2026-05-01"
    chosen = load_law(data_dir=tmp_path, version="2025-02-21")
    assert chosen is not None
    assert len(chosen.articles) == 3


def test_corrupt_cache_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "law").mkdir()
    (tmp_path / "law" / "2026-05-01.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError, match="cannot read"):
        load_law(data_dir=tmp_path)
