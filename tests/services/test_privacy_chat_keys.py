"""The queue's chat key is an HMAC under a secret kept outside the database: a copy of the
database alone cannot turn it back into a phone number by trying every number."""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber
from pydantic import SecretStr
from sqlalchemy import text

from abogado.container import Container
from db.inbound_table import ChatKeys
from services.chat_key_secret import SECRET_FILE, chat_key_secret
from services.errors import AbogadoError
from services.secrets import resolve_secrets
from services.settings import DatabaseSettings, QdrantSettings, SecretsSettings, Settings

PHONE = "+5215512345678"
ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:abogado-chat-keys-AbCdEf"


def _aws(**extra: object) -> Settings:
    extra.setdefault("database", DatabaseSettings(url="mysql+pymysql://abogado@127.0.0.1:9/ab"))
    return Settings(
        profile="aws",
        qdrant=QdrantSettings(url="http://127.0.0.1:9"),
        embedding={"backend": "titan"},  # type: ignore[arg-type]  # pydantic builds the model
        answer={"backend": "bedrock"},  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def test_the_key_is_keyed_not_a_plain_hash_of_the_number() -> None:
    plain = hashlib.sha256(f"whatsapp\x1f{PHONE}".encode()).hexdigest()
    one, other = ChatKeys(b"a" * 32), ChatKeys(b"b" * 32)
    assert one("whatsapp", PHONE) != plain
    assert one("whatsapp", PHONE) != other("whatsapp", PHONE)
    assert one("whatsapp", PHONE) == one("whatsapp", PHONE)
    assert len(one("whatsapp", PHONE)) == 64  # the column's size is unchanged
    assert one.event_key("k") != other.event_key("k")
    assert "a" * 32 not in repr(one)
    with pytest.raises(ValueError, match="16 bytes"):
        ChatKeys(b"short")


def test_local_secret_is_made_once_private_and_kept(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = chat_key_secret(settings)
    path = tmp_path / "data" / SECRET_FILE
    assert len(first) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert chat_key_secret(settings) == first  # the same after a restart
    assert [p.name for p in path.parent.iterdir()] == [SECRET_FILE]  # no draft left behind


def test_aws_takes_the_secret_or_derives_one_or_refuses_to_start() -> None:
    assert chat_key_secret(_aws(chat_key_secret=SecretStr("x" * 40))) == b"x" * 40
    # Receiver and worker both hold the database password: they derive the same key.
    with_password = DatabaseSettings(url="mysql+pymysql://app:p4ss-w0rd@proxy:3306/abogado")
    derived = chat_key_secret(_aws(database=with_password))
    assert len(derived) == 32
    assert b"p4ss-w0rd" not in derived
    assert derived == chat_key_secret(_aws(database=with_password, session_key=SecretStr("c")))
    from_cookie = chat_key_secret(_aws(session_key=SecretStr("cookie-key-0123456789")))
    assert from_cookie not in (derived, b"cookie-key-0123456789")
    with pytest.raises(AbogadoError, match="chat-key secret"):
        chat_key_secret(_aws())


def test_the_chat_keys_secret_comes_from_secrets_manager() -> None:
    client = boto3.client(
        "secretsmanager",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    stubber = Stubber(client)
    stubber.add_response(
        "get_secret_value",
        {"ARN": ARN, "Name": "chat-keys", "SecretString": json.dumps({"chat_key": "k" * 40})},
        {"SecretId": ARN},
    )
    settings = Settings(secrets=SecretsSettings(chat_keys_arn=ARN))
    assert settings.secrets.any
    with stubber:
        resolved = resolve_secrets(settings, client=client)
    assert resolved.chat_key_secret is not None
    assert resolved.chat_key_secret.get_secret_value() == "k" * 40
    assert "k" * 40 not in repr(resolved)


def test_the_receivers_storage_writes_keyed_chat_keys(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    storage = Container(settings).storage
    storage.inbox.record(
        channel="whatsapp",
        platform_id="SM1",
        chat=PHONE,
        content_type="form",
        payload="",
        now=datetime(2026, 11, 26, tzinfo=UTC),
    )
    with storage.engine.connect() as conn:
        stored = conn.execute(text("SELECT chat_key FROM inbound_updates")).scalar_one()
    storage.engine.dispose()
    assert stored == ChatKeys(chat_key_secret(settings))("whatsapp", PHONE)
    assert stored != hashlib.sha256(f"whatsapp\x1f{PHONE}".encode()).hexdigest()
