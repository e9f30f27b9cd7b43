"""Signed cookies for the admin pages: the login in progress and the admin session (with its
CSRF token). HMAC-SHA256 over a JSON payload; nothing secret inside but the PKCE verifier,
and the cookies are HttpOnly."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SESSION_COOKIE = "abogado_admin"
LOGIN_COOKIE = "abogado_admin_login"
SESSION_TTL_S = 8 * 3600
LOGIN_TTL_S = 600
SECRET_FILE = "admin_session.key"  # noqa: S105  # a file name, not a secret


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("the admin session secret needs at least 32 bytes")
        self._secret = secret

    def dumps(self, payload: dict[str, Any], *, ttl_s: int, now: float | None = None) -> str:
        body = dict(payload, exp=int((now or time.time()) + ttl_s))
        data = _b64(json.dumps(body, separators=(",", ":")).encode())
        return f"{data}.{self._mac(data)}"

    def loads(self, value: str, *, now: float | None = None) -> dict[str, Any] | None:
        """The payload, or None when the value is forged, malformed or expired."""
        data, sep, mac = value.partition(".")
        if not sep or not hmac.compare_digest(mac, self._mac(data)):
            return None
        try:
            body = json.loads(_unb64(data))
        except ValueError:
            return None
        if not isinstance(body, dict) or int(body.get("exp", 0)) < (now or time.time()):
            return None
        return body

    def _mac(self, data: str) -> str:
        return _b64(hmac.new(self._secret, data.encode(), hashlib.sha256).digest())


@dataclass(frozen=True)
class AdminSession:
    sub: str
    email: str
    csrf: str

    @property
    def actor(self) -> str:
        return self.email or self.sub

    def to_payload(self) -> dict[str, Any]:
        return {"sub": self.sub, "email": self.email, "csrf": self.csrf}

    @classmethod
    def new(cls, *, sub: str, email: str) -> AdminSession:
        return cls(sub=sub, email=email, csrf=secrets.token_urlsafe(32))

    @classmethod
    def from_payload(cls, body: dict[str, Any] | None) -> AdminSession | None:
        if body is None or not body.get("sub") or not body.get("csrf"):
            return None
        return cls(sub=str(body["sub"]), email=str(body.get("email") or ""), csrf=str(body["csrf"]))


def csrf_ok(session: AdminSession, submitted: str) -> bool:
    return bool(submitted) and hmac.compare_digest(session.csrf, submitted)


def load_or_create_secret(directory: Path) -> bytes:
    """The local profile's cookie key under ``data_dir`` (mode 0600), created on first use."""
    path = directory / SECRET_FILE
    if path.exists():
        return path.read_bytes()
    directory.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secret)
    return secret
