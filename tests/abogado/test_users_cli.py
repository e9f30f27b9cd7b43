"""``abogado users make-admin``: local provider accounts, app users, and Cognito's admins group."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest
from moto import mock_aws
from sqlalchemy import MetaData, select

from abogado.cli import COMMANDS
from abogado.commands import users
from abogado.errors import AbogadoError
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.local_idp import LocalIdpAccount, SqlLocalUserStore
from db.models import User

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def main(argv: list[str]) -> int:
    """``abogado.cli.main`` restricted to this command (other commands' modules may be absent)."""
    parser = argparse.ArgumentParser(prog="abogado")
    users.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except AbogadoError as exc:
        print(f"abogado: error: {exc}", file=sys.stderr)
        return exc.exit_code
    return code


def test_registered_in_the_cli() -> None:
    assert "users" in COMMANDS


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["users", "make-admin", "--help"])
    assert exit_info.value.code == 0
    assert "admins" in capsys.readouterr().out


def test_local_account_becomes_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    store = SqlLocalUserStore(sessions=sessions, now=lambda: NOW)
    store.add(sub="sub-ana", email="ana@example.mx", password_hash="$argon2id$x")
    store.add(sub="sub-beto", email="beto@example.mx", password_hash="$argon2id$y")
    with sessions() as session, session.begin():
        session.add(User(cognito_sub="sub-ana", email="ana@example.mx", created_at=NOW))

    assert main(["users", "make-admin", "  Ana@Example.MX "]) == 0
    assert "ana@example.mx is now an admin" in capsys.readouterr().out
    ana = store.find("ana@example.mx")
    beto = store.find("beto@example.mx")
    assert ana is not None
    assert ana.is_admin
    assert beto is not None
    assert not beto.is_admin
    with sessions() as session:
        assert session.scalar(select(User.role).where(User.cognito_sub == "sub-ana")) == "admin"
    engine.dispose()


def test_unknown_email_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    assert main(["users", "make-admin", "nadie@example.mx"]) == 1
    assert "no account" in capsys.readouterr().err


@pytest.mark.mariadb
def test_aws_adds_the_cognito_user_to_admins(
    mysql_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(mysql_url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "ABOGADO_PROFILE": "aws",
        "ABOGADO_DATABASE__URL": mysql_url,
        "ABOGADO_QDRANT__URL": "http://127.0.0.1:6333",
        "ABOGADO_COGNITO__REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        cognito = boto3.client("cognito-idp", region_name="us-east-1")
        pool = cognito.create_user_pool(PoolName="abogado", UsernameAttributes=["email"])
        pool_id = pool["UserPool"]["Id"]
        cognito.create_group(GroupName="admins", UserPoolId=pool_id)
        cognito.admin_create_user(
            UserPoolId=pool_id,
            Username="jefa@example.mx",
            UserAttributes=[{"Name": "email", "Value": "jefa@example.mx"}],
        )
        monkeypatch.setenv("ABOGADO_COGNITO__USER_POOL_ID", pool_id)
        assert main(["users", "make-admin", "jefa@example.mx"]) == 0
        groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="jefa@example.mx")
        assert [g["GroupName"] for g in groups["Groups"]] == ["admins"]
        assert main(["users", "make-admin", "nadie@example.mx"]) == 1
    engine = make_engine(mysql_url)
    with make_sessionmaker(engine)() as session:
        assert list(session.scalars(select(LocalIdpAccount))) == []
    engine.dispose()
