"""``abogado reminders send`` in-process against a SQLite file and the fake Telegram server
(settings from the environment, as a shell would set them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from abogado.cli import COMMANDS, main
from db import migrate
from db.engine import make_engine, make_sessionmaker
from tests.fakes.fixtures import fake_telegram
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.reminders_rig import person, rows

__all__ = ["fake_telegram"]


@pytest.fixture
def cli_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_telegram: FakeTelegramAPI
) -> Iterator[sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    for name in ("ABOGADO_TWILIO__ACCOUNT_SID", "ABOGADO_TWILIO__AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ABOGADO_DATABASE__URL", url)
    monkeypatch.setenv("ABOGADO_TELEGRAM__BOT_TOKEN", fake_telegram.token)
    monkeypatch.setenv("ABOGADO_TELEGRAM__API_BASE_URL", fake_telegram.url)
    migrate.upgrade(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.mark.parametrize("action", [[], ["send"]])
def test_help(action: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert "reminders" in COMMANDS
    with pytest.raises(SystemExit) as exit_info:
        main(["reminders", *action, "--help"])
    assert exit_info.value.code == 0
    assert "usage: abogado reminders" in capsys.readouterr().out


def test_send_sends_what_is_due_once_and_prints_the_totals(
    cli_db: sessionmaker[Session],
    fake_telegram: FakeTelegramAPI,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The CLI runs on the real clock: a reminder due yesterday, a deadline a month away.
    today = datetime.now(UTC).date()
    due = today - timedelta(days=1)
    person(cli_db, "900", days=(due,), deadline=today + timedelta(days=30), today=due)
    person(cli_db, "901", days=(today + timedelta(days=2),), deadline=today + timedelta(days=30))
    assert main(["reminders", "send"]) == 0
    assert capsys.readouterr().out == "reminders: sent 1\n"
    assert [c.chat_id for c in fake_telegram.sent()] == ["900"]
    assert main(["reminders", "send", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "sent": 0,
        "skipped": 0,
        "cancelled": 0,
        "failed": 0,
        "retry": 0,
        "unknown": 0,
    }
    assert main(["reminders", "send"]) == 0
    assert capsys.readouterr().out == "reminders: nothing due\n"
    assert [r.status for r in rows(cli_db)] == ["sent", "pending"]
    assert len(fake_telegram.sent()) == 1


def test_send_reports_a_database_it_cannot_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dir.db").mkdir()
    monkeypatch.setenv("ABOGADO_DATABASE__URL", f"sqlite:///{tmp_path / 'dir.db'}")
    assert main(["reminders", "send"]) == 1
    assert "abogado: error: cannot send reminders" in capsys.readouterr().err
