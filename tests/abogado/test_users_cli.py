"""``abogado users make-admin|remove-admin``: local provider accounts, app users, and Cognito's
admins group; exactly one confirmed, verified account; removal ends the admin's sessions."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from sqlalchemy import MetaData, select

from abogado.cli import COMMANDS
from abogado.commands import memberships, users
from abogado.container import Container
from db import audit, migrate
from db.engine import make_engine, make_sessionmaker
from db.local_idp import LocalIdpAccount, SqlLocalUserStore
from db.models import User
from services.errors import AbogadoError
from services.settings import load_settings

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def main(argv: list[str]) -> int:
    """``abogado.cli.main`` restricted to this command (other commands' modules may be absent)."""
    parser = argparse.ArgumentParser(prog="abogado")
    users.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        with Container(load=load_settings) as container:
            code: int = args.func(args, container)
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

    with sessions() as session, session.begin():
        # Another app user with the same e-mail (not the local account's sub) stays a user.
        session.add(User(cognito_sub="sub-old", email="ana@example.mx", created_at=NOW))
    assert main(["users", "make-admin", "  Ana@Example.MX "]) == 0
    out = capsys.readouterr().out
    assert "ana@example.mx is now an admin" in out
    assert "sub sub-ana" in out
    ana = store.find("ana@example.mx")
    beto = store.find("beto@example.mx")
    assert ana is not None
    assert ana.is_admin
    assert beto is not None
    assert not beto.is_admin
    with sessions() as session:
        assert session.scalar(select(User.role).where(User.cognito_sub == "sub-ana")) == "admin"
        assert session.scalar(select(User.role).where(User.cognito_sub == "sub-old")) == "user"
    engine.dispose()


def test_remove_admin_ends_the_sessions_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    SqlLocalUserStore(sessions=sessions, now=lambda: NOW).add(
        sub="sub-ana", email="ana@example.mx", password_hash="$argon2id$x"
    )
    assert main(["users", "make-admin", "ana@example.mx"]) == 0
    with sessions.begin() as session:
        audit.open_session(
            session, "s" * 43, claims=Claims(), now=NOW, expires_at=NOW + timedelta(hours=8)
        )
    with sessions() as session:
        assert audit.find_session(session, "s" * 43, now=NOW) is not None
    assert main(["users", "remove-admin", "ana@example.mx"]) == 0
    assert "is no longer an admin (sub sub-ana" in capsys.readouterr().out
    with sessions() as session:
        assert audit.find_session(session, "s" * 43, now=NOW) is None
        assert session.scalar(select(User.role).where(User.cognito_sub == "sub-ana")) == "user"
        assert session.scalar(select(LocalIdpAccount.is_admin)) is False
    engine.dispose()


@dataclass(frozen=True)
class Claims:
    sub: str = "sub-ana"
    username: str = "sub-ana"
    email: str | None = "ana@example.mx"
    is_admin: bool = True


def _listed(status: str = "CONFIRMED", verified: str = "true") -> dict[str, Any]:
    return {
        "Username": "u-1",
        "UserStatus": status,
        "Attributes": [
            {"Name": "sub", "Value": "sub-1"},
            {"Name": "email", "Value": "ana@example.mx"},
            {"Name": "email_verified", "Value": verified},
        ],
    }


def test_exactly_one_confirmed_and_verified_cognito_user() -> None:
    assert memberships.the_one_user([_listed()], "ana@example.mx") == ("u-1", "sub-1")
    for listed, reason in [
        ([], "no account"),
        ([_listed(), _listed()], "more than one account"),
        ([_listed(status="UNCONFIRMED")], "not confirmed"),
        ([_listed(status="FORCE_CHANGE_PASSWORD")], "not confirmed"),
        ([_listed(verified="false")], "not verified"),
    ]:
        with pytest.raises(AbogadoError, match=reason):
            memberships.the_one_user(listed, "ana@example.mx")


def test_unknown_email_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    assert main(["users", "make-admin", "nadie@example.mx"]) == 1
    assert "no account" in capsys.readouterr().err


@pytest.mark.mariadb
def test_aws_adds_the_cognito_user_to_admins(
    mysql_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
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
        for email, verified in (("jefa@example.mx", "true"), ("nueva@example.mx", "false")):
            cognito.admin_create_user(
                UserPoolId=pool_id,
                Username=email,
                UserAttributes=[
                    {"Name": "email", "Value": email},
                    {"Name": "email_verified", "Value": verified},
                ],
            )
            cognito.admin_set_user_password(
                UserPoolId=pool_id, Username=email, Password="Segura-123!", Permanent=True
            )
        monkeypatch.setenv("ABOGADO_COGNITO__USER_POOL_ID", pool_id)
        assert main(["users", "make-admin", "jefa@example.mx"]) == 0
        sub = next(
            a["Value"]
            for a in cognito.admin_get_user(UserPoolId=pool_id, Username="jefa@example.mx")[
                "UserAttributes"
            ]
            if a["Name"] == "sub"
        )
        assert f"sub {sub}" in capsys.readouterr().out
        groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="jefa@example.mx")
        assert [g["GroupName"] for g in groups["Groups"]] == ["admins"]
        assert main(["users", "make-admin", "nadie@example.mx"]) == 1
        assert main(["users", "make-admin", "nueva@example.mx"]) == 1  # e-mail not verified
        assert "not verified" in capsys.readouterr().err
        groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="nueva@example.mx")
        assert groups["Groups"] == []
        assert main(["users", "remove-admin", "jefa@example.mx"]) == 0
        groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="jefa@example.mx")
        assert groups["Groups"] == []
    engine = make_engine(mysql_url)
    with make_sessionmaker(engine)() as session:
        assert list(session.scalars(select(LocalIdpAccount))) == []
    engine.dispose()
