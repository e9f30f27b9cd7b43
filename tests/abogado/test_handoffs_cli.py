"""``abogado handoffs sweep|make-lawyer|remove-lawyer`` and the scheduled Lambda
``sweep_handoffs``, against a SQLite file and the fake Telegram server."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from abogado.cli import COMMANDS
from abogado.commands import handoffs
from abogado.container import Container
from abogado.lambda_handlers import build_sweep_handoffs
from db import audit, migrate
from db.engine import make_engine, make_sessionmaker
from db.links import AccountClaims
from db.local_idp import LocalIdpAccount, SqlLocalUserStore
from db.notice_table import NoticeRow
from services.errors import AbogadoError
from services.settings import load_settings
from tests.fakes.fixtures import fake_telegram
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.lawyers.cases import add_request
from tests.webhooks.rig import make_settings

NOW = datetime.now(UTC)
__all__ = ["fake_telegram"]


def main(argv: list[str]) -> int:
    """``abogado.cli.main`` restricted to this command."""
    parser = argparse.ArgumentParser(prog="abogado")
    handoffs.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        with Container(load=load_settings) as container:
            code: int = args.func(args, container)
    except AbogadoError as exc:
        print(f"abogado: error: {exc}", file=sys.stderr)
        return exc.exit_code
    return code


def test_registered_in_the_cli() -> None:
    assert "handoffs" in COMMANDS


@pytest.mark.parametrize("action", ["sweep", "make-lawyer", "remove-lawyer"])
def test_help(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["handoffs", action, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out


class Claims:
    sub = "sub-ana"
    username = "ana"
    email = "ana@despacho.mx"
    is_admin = False
    groups = ("abogados",)


def test_a_local_account_becomes_a_lawyer_and_stops_being_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    store = SqlLocalUserStore(sessions=sessions, now=lambda: NOW)
    store.add(sub="sub-ana", email="ana@despacho.mx", password_hash="$argon2id$x")
    assert main(["handoffs", "make-lawyer", " Ana@Despacho.MX "]) == 0
    assert "ana@despacho.mx is now a lawyer" in capsys.readouterr().out
    account = store.find("ana@despacho.mx")
    assert account is not None
    assert account.is_lawyer
    assert not account.is_admin

    claims: AccountClaims = Claims()
    with sessions.begin() as session:
        audit.open_session(
            session,
            "session-1",
            claims=claims,
            now=NOW,
            expires_at=NOW + timedelta(hours=1),
            groups=("abogados",),
        )
    with sessions() as session:
        assert audit.find_session(session, "session-1", now=NOW, group="abogados") is not None
    assert main(["handoffs", "remove-lawyer", "ana@despacho.mx"]) == 0
    with sessions() as session:
        assert audit.find_session(session, "session-1", now=NOW, group="abogados") is None
        assert session.scalar(select(LocalIdpAccount.is_lawyer)) is False
    assert main(["handoffs", "make-lawyer", "nadie@despacho.mx"]) != 0
    engine.dispose()


def test_sweep_escalates_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    add_request(make_sessionmaker(engine), created_at=NOW - timedelta(hours=5))
    engine.dispose()
    assert main(["handoffs", "sweep", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # No Telegram bot here: the notice waits for a process that has one.
    assert report == {
        "HandoffsEscalated": 1,
        "HandoffRefunds": 0,
        "HandoffRefundsFailed": 0,
        "HandoffRefundsUnfinished": 0,
        "notices": {},
    }
    assert main(["handoffs", "sweep"]) == 0
    assert "escalated 0" in capsys.readouterr().out


class _Context:
    def __init__(self, *, remaining_ms: int) -> None:
        self._remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self) -> int:
        return self._remaining_ms


def test_the_lambda_escalates_prints_the_emf_line_and_delivers_the_notice(
    tmp_path: Path, fake_telegram: FakeTelegramAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(tmp_path, fake_telegram)
    migrate.upgrade(settings.database_url)  # deploys migrate; the function never does
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    add_request(sessions, chat_id="9601", created_at=NOW - timedelta(hours=5))
    handler = build_sweep_handoffs(settings)
    answer = handler({}, _Context(remaining_ms=120_000))
    assert answer["HandoffsEscalated"] == 1
    assert answer["notices"] == {"sent": 1}
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    emf = json.loads(line)
    assert emf["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "abogado"
    assert emf["HandoffsEscalated"] == 1
    [call] = fake_telegram.sent("9601")
    assert "ningún abogado pudo tomar tu caso" in call.text
    again = handler({}, _Context(remaining_ms=120_000))
    assert (again["HandoffsEscalated"], again["notices"]) == (0, {})
    with sessions() as session:
        assert list(session.scalars(select(NoticeRow.status))) == ["sent"]
    engine.dispose()
