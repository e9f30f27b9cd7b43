"""The local provider's authorization codes: single use, five minutes, in memory (one process).

Shared by its e-mail form and its simulated Facebook, which both end the same way: a code for
an account, sent back to the registered redirect URI with the request's ``state``.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi.responses import RedirectResponse

CODE_TTL_S = 300  # Cognito's authorization codes live 5 minutes


@dataclass(frozen=True, slots=True)
class Grant:
    client_id: str
    redirect_uri: str
    code_challenge: str
    nonce: str
    account_sub: str
    expires_at: float


class Codes:
    """Authorization codes in memory: single use, short-lived (one local process)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._grants: dict[str, Grant] = {}
        self._lock = threading.Lock()

    def issue(self, grant: Grant) -> str:
        code = secrets.token_urlsafe(32)
        with self._lock:
            now = self._clock()
            self._grants = {c: g for c, g in self._grants.items() if g.expires_at > now}
            self._grants[code] = grant
        return code

    def take(self, code: str) -> Grant | None:
        with self._lock:
            grant = self._grants.pop(code, None)
        if grant is None or grant.expires_at <= self._clock():
            return None
        return grant

    def redirect(self, params: Mapping[str, str], *, sub: str) -> RedirectResponse:
        """A code for ``sub`` bound to this (already checked) request, and the way back."""
        code = self.issue(
            Grant(
                client_id=params["client_id"],
                redirect_uri=params["redirect_uri"],
                code_challenge=params["code_challenge"],
                nonce=params["nonce"],
                account_sub=sub,
                expires_at=self._clock() + CODE_TTL_S,
            )
        )
        target = f"{params['redirect_uri']}?{urlencode({'code': code, 'state': params['state']})}"
        return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})
