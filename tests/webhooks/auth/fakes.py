"""Test doubles for the auth package: an in-memory local-IdP user store and a moto bridge."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import httpx
import requests


@dataclass(frozen=True)
class MemoryAccount:
    sub: str
    email: str
    password_hash: str
    is_admin: bool = False
    is_lawyer: bool = False
    facebook_id: str | None = None


class MemoryLocalUserStore:
    """Satisfies ``webhooks.auth.local_idp.LocalUserStore`` without a database."""

    def __init__(self) -> None:
        self._by_email: dict[str, MemoryAccount] = {}
        self._lock = threading.Lock()

    def find(self, email: str) -> MemoryAccount | None:
        return self._by_email.get(email)

    def find_by_sub(self, sub: str) -> MemoryAccount | None:
        return next((a for a in self._by_email.values() if a.sub == sub), None)

    def add(self, *, sub: str, email: str, password_hash: str) -> MemoryAccount | None:
        with self._lock:
            if email in self._by_email:
                return None
            account = MemoryAccount(sub=sub, email=email, password_hash=password_hash)
            self._by_email[email] = account
            return account

    def find_by_facebook(self, facebook_id: str) -> MemoryAccount | None:
        return next((a for a in self._by_email.values() if a.facebook_id == facebook_id), None)

    def add_federated(self, *, sub: str, email: str, facebook_id: str) -> MemoryAccount | None:
        with self._lock:
            if email in self._by_email or self.find_by_facebook(facebook_id):
                return None
            account = MemoryAccount(sub=sub, email=email, password_hash="", facebook_id=facebook_id)
            self._by_email[email] = account
            return account

    def link_facebook(self, *, sub: str, facebook_id: str) -> None:
        with self._lock:
            for email, account in self._by_email.items():
                if account.sub == sub and account.facebook_id is None:
                    self._by_email[email] = replace(account, facebook_id=facebook_id)

    def make_admin(self, email: str) -> None:
        self._by_email[email] = replace(self._by_email[email], is_admin=True)


def moto_transport() -> httpx.MockTransport:
    """httpx → requests, which moto's ``mock_aws`` intercepts: moto itself serves the JWKS."""

    def handle(request: httpx.Request) -> httpx.Response:
        answer = requests.request(request.method, str(request.url), data=request.content, timeout=5)
        return httpx.Response(answer.status_code, content=answer.content)

    return httpx.MockTransport(handle)
