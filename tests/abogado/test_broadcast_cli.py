"""``abogado broadcast create|send|status`` run in-process against a SQLite file and the fake
Telegram server (settings from the environment, as a shell would set them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from abogado.cli import main
from db import migrate
from db.broadcasts import DeliveryRow
from db.engine import make_engine, make_sessionmaker
from tests.fakes.fixtures import fake_telegram
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.broadcast.people import add_identities
from webhooks.broadcast.compose import STOP_LINE

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


@pytest.mark.parametrize("action", [[], ["create"], ["send"], ["status"]])
def test_help(action: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["broadcast", *action, "--help"])
    assert exit_info.value.code == 0
    assert "usage: abogado broadcast" in capsys.readouterr().out


def test_create_send_status(
    cli_db: sessionmaker[Session],
    fake_telegram: FakeTelegramAPI,
    capsys: pytest.CaptureFixture[str],
) -> None:
    chats = add_identities(cli_db, "telegram", 5)
    add_identities(cli_db, "whatsapp", 2, start=3000)
    assert main(["broadcast", "create", "--text", "Aviso de prueba", "--channel", "telegram"]) == 0
    created = capsys.readouterr()
    broadcast_id = int(created.out.strip())
    assert "telegram 5" in created.err

    assert main(["broadcast", "status", str(broadcast_id), "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert (before["status"], before["total"]) == ("draft", 0)

    assert main(["broadcast", "send", str(broadcast_id), "--telegram-rate", "100"]) == 0
    sent = capsys.readouterr()
    assert "0 already settled, 5 to send" in sent.err
    assert "5/5 sent or settled" in sent.err
    assert sent.out.strip() == "total 5: sent 5"
    assert sorted(c.chat_id for c in fake_telegram.sent()) == sorted(chats)
    assert all(c.text == f"Aviso de prueba\n\n{STOP_LINE}" for c in fake_telegram.sent())

    assert main(["broadcast", "status", str(broadcast_id)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"broadcast {broadcast_id} (done, telegram): total 5: sent 5"
    )
    # Sending again is harmless: nothing is pending.
    assert main(["broadcast", "send", str(broadcast_id)]) == 0
    assert len(fake_telegram.sent()) == 5


def test_retry_unknown_sends_the_in_doubt_rows_again(
    cli_db: sessionmaker[Session],
    fake_telegram: FakeTelegramAPI,
    capsys: pytest.CaptureFixture[str],
) -> None:
    chats = add_identities(cli_db, "telegram", 3)
    main(["broadcast", "create", "--text", "Hola", "--channel", "telegram"])
    broadcast_id = int(capsys.readouterr().out.strip())
    main(["broadcast", "send", str(broadcast_id), "--telegram-rate", "100"])
    with cli_db.begin() as session:
        session.execute(
            update(DeliveryRow).where(DeliveryRow.id == 1).values(status="unknown", owner="dead")
        )
    main(["broadcast", "send", str(broadcast_id), "--retry-unknown"])
    assert len(fake_telegram.sent()) == 4
    assert len(fake_telegram.sent(chats[0])) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["--text", "x" * 1001],
        ["--text", "  "],
        ["--text", "ok", "--template-var", "sin-igual"],
        ["--text", "ok", "--template-var", "1=a"],
        ["--text", "ok", "--template-sid", "XX123"],
        ["--text", "ok", "--active-days", "0"],
    ],
)
def test_create_refuses_bad_input(
    cli_db: sessionmaker[Session], argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["broadcast", "create", *argv]) == 2
    assert capsys.readouterr().err.startswith("abogado: error:")


def test_template_broadcast_and_unknown_id(
    cli_db: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--text", "ok", "--channel", "whatsapp", "--template-sid", "HX" + "0" * 32]
    assert main(["broadcast", "create", *argv, "--template-var", "1=mayo"]) == 0
    broadcast_id = int(capsys.readouterr().out.strip())
    assert main(["broadcast", "status", str(broadcast_id + 1)]) == 1
    assert main(["broadcast", "send", str(broadcast_id + 1)]) == 1
