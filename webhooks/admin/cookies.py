"""The admin pages' cookies: the login in progress (signed, HMAC-SHA256 over a JSON payload,
one cookie per ``state``) and the session id (random; the server keeps only its hash, see
``db.audit``), with the CSRF token derived from it. What a browser sends is compared as bytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SESSION_COOKIE = "abogado_admin"
# The lawyers' inbox (/abogados) has its own session cookie, scoped to its own path.
LAWYER_COOKIE = "abogado_lawyer"
LOGIN_COOKIE = "abogado_admin_login"
SESSION_TTL_S = 8 * 3600
LOGIN_TTL_S = 600
# What a genuine cookie or token can be: base64url and a dot, bounded. Anything else is refused
# before any work (and never reaches ``hmac.compare_digest`` as a non-ASCII ``str``).
_TOKEN = re.compile(r"[A-Za-z0-9_\-.]{1,1024}")
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
        if not well_formed(value):
            return None
        data, sep, mac = value.partition(".")
        if not sep or not same(mac, self._mac(data)):
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

    def csrf_for(self, session_id: str) -> str:
        """The CSRF token of a session: nothing to store, useless without the session cookie."""
        return self._mac("csrf:" + session_id)


def well_formed(value: str) -> bool:
    """True when ``value`` could be one of our cookies or tokens (ASCII base64url, bounded)."""
    return bool(_TOKEN.fullmatch(value))


def same(a: str, b: str) -> bool:
    """Constant-time equality of two browser-supplied strings, whatever characters they hold."""
    return hmac.compare_digest(
        a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass")
    )


def login_cookie(state: str) -> str:
    """One login cookie per ``state``: two tabs (or a double click) do not overwrite each other."""
    return (
        f"{LOGIN_COOKIE}_{hashlib.sha256(state.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
    )


@dataclass(frozen=True)
class AdminSession:
    """A live admin session: the id (the cookie), who holds it, and its CSRF token."""

    session_id: str
    sub: str
    email: str
    csrf: str

    @property
    def actor(self) -> str:
        return self.email or self.sub


def csrf_ok(session: AdminSession, submitted: str) -> bool:
    return bool(submitted) and same(session.csrf, submitted)


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
