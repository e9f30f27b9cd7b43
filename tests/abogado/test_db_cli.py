"""``abogado db upgrade`` on SQLite and MariaDB: empty → head, older → head, head → unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from abogado.cli import COMMANDS, main
from db import migrate
from tests.db.databases import table_names


def test_registered_with_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert "db" in COMMANDS
    with pytest.raises(SystemExit) as exit_info:
        main(["db", "upgrade", "--help"])
    assert exit_info.value.code == 0
    assert "migration" in capsys.readouterr().out


def test_upgrade_creates_every_table_and_prints_the_head(
    empty_db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATABASE__URL", empty_db_url)
    assert "broadcasts" not in table_names(empty_db_url)
    assert main(["db", "upgrade"]) == 0
    head = migrate.head()
    assert capsys.readouterr().out.strip() == f"database at revision {head} (head; was empty)"
    assert migrate.current(empty_db_url) == head
    assert {"broadcasts", "deliveries", "chat_identities", "alembic_version"} <= table_names(
        empty_db_url
    )
    assert migrate.drift(empty_db_url) == []

    assert main(["db", "upgrade"]) == 0  # again: nothing to do
    assert capsys.readouterr().out.strip() == f"database at revision {head} (head; already there)"


def test_upgrade_from_an_older_revision(
    empty_db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    migrate.upgrade(empty_db_url, "0003_inbound_updates")
    assert "deliveries" not in table_names(empty_db_url)
    monkeypatch.setenv("ABOGADO_DATABASE__URL", empty_db_url)
    assert main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"database at revision {migrate.head()} (head; was 0003_inbound_updates)"
    assert "deliveries" in table_names(empty_db_url)


def test_unreachable_database_is_an_error_without_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Port 9 (discard) on loopback: nothing listens there.
    monkeypatch.setenv("ABOGADO_DATABASE__URL", "mysql+pymysql://app:s3cret-pw@127.0.0.1:9/abogado")
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("abogado: error: cannot upgrade the database:")
    assert "s3cret-pw" not in err


def test_default_url_is_the_local_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    assert main(["db", "upgrade"]) == 0
    assert capsys.readouterr().out.startswith("database at revision ")
    assert "broadcasts" in table_names(f"sqlite:///{tmp_path / 'abogado.db'}")
