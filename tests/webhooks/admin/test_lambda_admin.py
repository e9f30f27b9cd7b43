"""The admin pages through the Lambda receiver (``abogado.lambda_handlers.build_http``): Cognito
login and the shared cookie key in aws, sessions kept in the database that every container
reads, no start without the key, and "send" that records the broadcast as ready for the operator
command (which then sends it) instead of pretending."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker

from abogado.cli import main
from abogado.lambda_handlers import build_http
from abogado.logins import AdminConfigError, session_secret
from db import audit
from db import broadcasts as repo
from db.engine import make_engine, make_sessionmaker
from services.settings import (
    CognitoSettings,
    DatabaseSettings,
    QdrantSettings,
    Settings,
    SqsSettings,
    load_settings,
)
from tests.db.databases import empty_db_url
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.broadcast.people import add_identities
from webhooks.admin.cookies import (
    LOGIN_COOKIE,
    SECRET_FILE,
    SESSION_COOKIE,
    Signer,
    login_cookie,
)

__all__ = ["empty_db_url"]

PUBLIC = "https://abogado.example.mx"
KEY = "k" * 64  # the Sessions secret holds 64 generated characters
COGNITO = CognitoSettings(
    domain="abogado-test.auth.us-east-1.amazoncognito.com",
    client_id="client123",
    user_pool_id="us-east-1_Test",
)
SESSION_ID = "s" * 43


@dataclass(frozen=True)
class AdminClaims:
    sub: str = "sub-ana"
    username: str = "sub-ana"
    email: str | None = "ana@abogado.mx"
    is_admin: bool = True


Handler = Any


class NoQueue:
    """The SQS client: the admin pages never enqueue."""

    def send_message(self, **_kwargs: object) -> None:
        raise AssertionError("the admin pages must not use the inbound queue")


def aws_settings(tmp_path: Path, *, session_key: str | None) -> Settings:
    return Settings(
        profile="aws",
        data_dir=tmp_path,
        public_url=PUBLIC,
        # With a password, as the database secret always gives one (the chat keys derive from it).
        database=DatabaseSettings(url="mysql+pymysql://abogado:pw@127.0.0.1:9/abogado"),
        qdrant=QdrantSettings(url="http://127.0.0.1:9"),
        cognito=COGNITO,
        sqs=SqsSettings(queue_url="https://sqs.us-east-1.amazonaws.com/1/abogado.fifo"),
        session_key=SecretStr(session_key) if session_key else None,
    )


def call(
    handler: Handler,
    method: str,
    path: str,
    *,
    cookies: Mapping[str, str] | None = None,
    form: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One API Gateway HTTP API (payload 2.0) request, as the custom domain delivers it."""
    body = urlencode(dict(form or {})).encode()
    event = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "cookies": [f"{name}={value}" for name, value in (cookies or {}).items()],
        "headers": {
            "host": "abogado.example.mx",
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-proto": "https",
        },
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123",
            "domainName": "abogado.example.mx",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.7",
                "userAgent": "Mozilla/5.0",
            },
            "requestId": "req-1",
            "routeKey": "$default",
            "stage": "$default",
            "time": "26/Nov/2026:01:00:00 +0000",
            "timeEpoch": 1795654800000,
        },
        "body": base64.b64encode(body).decode(),
        "isBase64Encoded": True,
    }
    response: dict[str, Any] = handler(event, None)
    return response


def _cookie(response: Mapping[str, Any], name: str) -> str:
    for line in response.get("cookies") or []:
        if line.startswith(f"{name}="):
            return str(line)
    raise AssertionError(f"no {name} cookie in {response}")


def _admin_session(sessions: sessionmaker[Session], key: str) -> tuple[dict[str, str], str]:
    """An admin signed in (as the callback would): the session row, its cookie and CSRF token."""
    now = datetime.now(UTC)
    with sessions.begin() as session:
        audit.open_session(
            session, SESSION_ID, claims=AdminClaims(), now=now, expires_at=now + timedelta(hours=1)
        )
    return {SESSION_COOKIE: SESSION_ID}, Signer(key.encode()).csrf_for(SESSION_ID)


def test_aws_receiver_logs_admins_in_through_cognito_with_the_shared_key(tmp_path: Path) -> None:
    handler = build_http(aws_settings(tmp_path, session_key=KEY), sqs=NoQueue())
    first = call(handler, "GET", "/admin")
    assert (first["statusCode"], first["headers"]["location"]) == (303, "/admin/login")

    start = call(handler, "GET", "/admin/login")
    target = urlsplit(start["headers"]["location"])
    assert (target.scheme, target.netloc, target.path) == (
        "https",
        COGNITO.domain,
        "/oauth2/authorize",
    )
    query = parse_qs(target.query)
    assert query["redirect_uri"] == [f"{PUBLIC}/admin/callback"]
    assert query["client_id"] == [COGNITO.client_id]
    state = query["state"][0]
    login = _cookie(start, login_cookie(state))
    assert login.startswith(LOGIN_COOKIE)
    assert "Secure" in login
    assert "HttpOnly" in login
    value = login.split(";", 1)[0].split("=", 1)[1]
    # Signed with the Sessions secret: another container (another handler) accepts it.
    assert Signer(KEY.encode()).loads(value) is not None
    assert Signer(b"x" * 64).loads(value) is None
    assert not (tmp_path / SECRET_FILE).exists()  # aws never writes a local key


def test_aws_refuses_to_start_without_the_cookie_key(tmp_path: Path) -> None:
    with pytest.raises(AdminConfigError, match="SESSIONS_ARN"):
        build_http(aws_settings(tmp_path, session_key=None), sqs=NoQueue())
    assert not (tmp_path / SECRET_FILE).exists()


def test_local_profile_uses_the_key_when_set_else_a_file(tmp_path: Path) -> None:
    assert session_secret(Settings(data_dir=tmp_path, session_key=SecretStr(KEY))) == KEY.encode()
    assert not (tmp_path / SECRET_FILE).exists()
    created = session_secret(Settings(data_dir=tmp_path))
    assert len(created) == 32
    assert (tmp_path / SECRET_FILE).read_bytes() == created
    assert session_secret(Settings(data_dir=tmp_path)) == created  # stable across restarts


def test_send_on_lambda_records_ready_and_the_operator_command_sends(
    empty_db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_telegram: FakeTelegramAPI,
) -> None:
    env = {
        "ABOGADO_DATA_DIR": str(tmp_path),
        "ABOGADO_DATABASE__URL": empty_db_url,
        "ABOGADO_PUBLIC_URL": PUBLIC,
        "ABOGADO_SESSION_KEY": KEY,
        "ABOGADO_TELEGRAM__BOT_TOKEN": fake_telegram.token,
        "ABOGADO_TELEGRAM__API_BASE_URL": fake_telegram.url,
        "ABOGADO_SQS__QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/1/abogado.fifo",
    }
    if not empty_db_url.startswith("sqlite"):  # the real aws profile on MariaDB
        env |= {
            "ABOGADO_PROFILE": "aws",
            "ABOGADO_QDRANT__URL": "http://127.0.0.1:9",
            "ABOGADO_COGNITO__DOMAIN": COGNITO.domain,
            "ABOGADO_COGNITO__CLIENT_ID": COGNITO.client_id,
            "ABOGADO_COGNITO__USER_POOL_ID": COGNITO.user_pool_id,
        }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["db", "upgrade"]) == 0  # the deploy step: the receiver does not migrate
    engine = make_engine(empty_db_url)
    sessions = make_sessionmaker(engine)
    chats = add_identities(sessions, "telegram", 3)
    handler = build_http(load_settings(), sqs=NoQueue())
    admin, csrf = _admin_session(sessions, KEY)
    # The session lives in the database: another container (another handler) knows it too.
    other_container = build_http(load_settings(), sqs=NoQueue())
    assert call(other_container, "GET", "/admin/new", cookies=admin)["statusCode"] == 200
    forged = {SESSION_COOKIE: "f" * 43}
    assert call(other_container, "GET", "/admin/new", cookies=forged)["statusCode"] == 303

    created = call(
        handler,
        "POST",
        "/admin/new",
        cookies=admin,
        form={"csrf": csrf, "text": "Nuevo salario mínimo", "channel": "telegram"},
    )
    assert created["statusCode"] == 303
    detail = created["headers"]["location"]
    broadcast_id = int(detail.rsplit("/", 1)[1])
    draft = call(handler, "GET", detail, cookies=admin)["body"]
    assert "Dejar listo para enviar" in draft
    assert "la página no envía" in draft

    confirmed = call(
        handler, "POST", f"{detail}/send", cookies=admin, form={"csrf": csrf, "confirm": "si"}
    )
    assert confirmed["statusCode"] == 303
    ready = call(handler, "GET", detail, cookies=admin)["body"]
    assert re.search(r'id="status">Listo para enviar<', ready)
    assert f'<pre id="send-command">abogado broadcast send {broadcast_id}</pre>' in ready
    assert "nada se ha enviado todavía" in ready
    assert 'http-equiv="refresh"' not in ready  # nothing moves until the operator runs it
    listing = call(handler, "GET", "/admin", cookies=admin)["body"]
    assert "Listo para enviar" in listing
    assert "Enviando" not in listing
    assert fake_telegram.sent() == []
    with sessions() as session:
        view = repo.get_broadcast(session, broadcast_id)
        actions = audit.admin_actions(session)
    assert view is not None
    assert view.counts["pending"] == 3
    assert ("ana@abogado.mx", "ready", broadcast_id) in actions
    assert ("ana@abogado.mx", "send", broadcast_id) not in actions

    # The operator task (docs/deploy.md), another process, runs the command the page shows.
    command = [sys.executable, "-m", "abogado", "broadcast", "send", str(broadcast_id)]
    operator = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert operator.returncode == 0, operator.stderr
    assert "sent 3" in operator.stdout
    assert sorted(c.chat_id for c in fake_telegram.sent()) == sorted(chats)
    done = call(handler, "GET", detail, cookies=admin)["body"]
    assert re.search(r'id="status">Terminado<', done)
    assert "Cómo enviarlo" not in done
    engine.dispose()
