"""The secret behind the queue's chat keys (``db.inbound_table.ChatKeys``), from the settings.

Every process that shares the database must use the same one; it never goes into the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from typing import TYPE_CHECKING

from services.errors import AbogadoError

if TYPE_CHECKING:
    from db.inbound_table import ChatKeys
    from services.settings import Settings

SECRET_FILE = "chat_key_secret"  # noqa: S105  # a file name, not a secret


def chat_key_secret(settings: Settings) -> bytes:
    """``chat_key_secret`` (the chat-keys secret, aws) when set. Otherwise, in aws, one derived
    from the database password, which the receiver and the worker both hold and a copy of the
    database does not (or, without one, from the admin cookie key); locally, a file under
    ``data_dir`` created once."""
    if settings.chat_key_secret is not None:
        return settings.chat_key_secret.get_secret_value().encode("utf-8")
    if settings.profile != "local":
        from sqlalchemy.engine import make_url

        password = make_url(settings.database_url).password
        if password:
            return _derived(str(password))
        if settings.session_key is not None:
            return _derived(settings.session_key.get_secret_value())
        raise AbogadoError(
            "aws profile: the chat-key secret is missing (set ABOGADO_SECRETS__CHAT_KEYS_ARN "
            "or ABOGADO_CHAT_KEY_SECRET)"
        )
    path = settings.data_dir / SECRET_FILE
    if path.exists():
        return path.read_bytes()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # Written whole under a private name, then linked in place: a process starting at the same
    # time reads either no file or the whole key, and the first link wins.
    draft = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_bytes(32))
    try:
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink()
    return path.read_bytes()


def _derived(key: str) -> bytes:
    return hmac.new(key.encode("utf-8"), b"abogado chat keys v1", hashlib.sha256).digest()


def chat_keys(settings: Settings) -> ChatKeys:
    from db.inbound_table import ChatKeys

    return ChatKeys(chat_key_secret(settings))
