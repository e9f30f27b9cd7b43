"""The local provider's simulated Facebook: "Continuar con Facebook" without Facebook or AWS.

A page plays Facebook's login (an e-mail and a name; the Facebook user id comes from the e-mail,
so a person comes back as the same Facebook user), a cookie plays Facebook's session, and a first
sign-in does what Cognito does with our pre-sign-up trigger: it links the Facebook user to the
account with that e-mail (the same rule, ``db.cognito_presignup.link_target``) and fails that one
sign-in with Cognito's own "Already found an entry for username" error. Local profile only.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from db.cognito_presignup import PoolUser, link_target
from webhooks.auth.local_codes import Codes
from webhooks.auth.pages import error_page, render

if TYPE_CHECKING:
    from webhooks.auth.local_accounts import LocalAccount, LocalUserStore

FACEBOOK = "Facebook"  # the identity provider's name, as Cognito's authorize URL says it
SESSION_COOKIE = "local_idp_facebook"
SESSION_TTL_S = 3600
_EMAIL = re.compile(r"^[^@\s\"\\]{1,64}@[^@\s\"\\]+\.[^@\s\"\\]+$")
_MAX_EMAIL = 254
_MAX_NAME = 100
_ANOTHER_FACEBOOK = (
    "Ese correo ya tiene una cuenta unida a otro Facebook. Entra con tu correo y contraseña, o "
    "con el Facebook que usaste antes."
)


def facebook_id(email: str) -> str:
    """The simulated Facebook user id of an e-mail: digits, like Facebook's, and stable."""
    digest = int(hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest(), 16)
    return "1" + str(digest % 10**16).zfill(16)


def first_link_error(user_id: str) -> str:
    """What Cognito says when the sign-in that linked an identity is refused."""
    return f"Already found an entry for username {FACEBOOK}_{user_id}"


def _pool_user(account: LocalAccount) -> PoolUser:
    # The local provider sends no mail: its e-mail accounts count as confirmed and verified.
    native = bool(account.password_hash)
    return PoolUser(
        username=account.sub,
        status="CONFIRMED" if native else "EXTERNAL_PROVIDER",
        enabled=True,
        email=account.email,
        email_verified=native,
        linked=((FACEBOOK, account.facebook_id),) if account.facebook_id else (),
    )


class SimulatedFacebook:
    """Facebook's login page and session, and Cognito's federated first sign-in."""

    def __init__(self, *, users: LocalUserStore, codes: Codes, action: str) -> None:
        self._users = users
        self._codes = codes
        self._action = action
        self._sessions: dict[str, str] = {}  # cookie → e-mail typed on the simulated page
        self._lock = threading.Lock()

    def authorize(
        self, request: Request, params: Mapping[str, str], oauth: dict[str, str]
    ) -> Response:
        """Signed in at "Facebook" already: straight back with a code. Else its login page."""
        with self._lock:
            email = self._sessions.get(request.cookies.get(SESSION_COOKIE, "")[:64])
        if email is not None:
            return self._sign_in(params, email=email)
        return self._page(oauth, error=None)

    def submit(
        self, params: Mapping[str, str], oauth: dict[str, str], *, email: str, name: str
    ) -> Response:
        email = email.strip().lower()
        if len(email) > _MAX_EMAIL or len(name) > _MAX_NAME or not _EMAIL.fullmatch(email):
            return self._page(oauth, error="Escribe un correo electrónico válido.")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[token] = email
        response = self._sign_in(params, email=email)
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=SESSION_TTL_S,
            path="/local-idp",
            httponly=True,
            samesite="lax",
        )
        return response

    def _page(self, oauth: dict[str, str], *, error: str | None) -> Response:
        return render(
            "local_idp_facebook.html",
            status_code=400 if error else 200,
            title="Facebook (simulado)",
            action=self._action,
            oauth=oauth,
            error=error,
        )

    def _sign_in(self, params: Mapping[str, str], *, email: str) -> Response:
        user_id = facebook_id(email)
        account = self._users.find_by_facebook(user_id)
        if account is not None:
            return self._codes.redirect(params, sub=account.sub)
        existing = self._users.find(email)
        if existing is None:
            # Nobody has this e-mail: Cognito makes a Facebook-only user.
            created = self._users.add_federated(
                sub=str(uuid.uuid4()), email=email, facebook_id=user_id
            )
            if created is None:
                return error_page("No se pudo iniciar sesión", _ANOTHER_FACEBOOK, status_code=409)
            return self._codes.redirect(params, sub=created.sub)
        # Cognito's pre-sign-up: link to the verified e-mail account, never move another link.
        target = link_target([_pool_user(existing)], email=email)
        if target is None or target.linked:
            return error_page("No se pudo iniciar sesión", _ANOTHER_FACEBOOK, status_code=409)
        self._users.link_facebook(sub=existing.sub, facebook_id=user_id)
        query = urlencode(
            {
                "error": "invalid_request",
                "error_description": first_link_error(user_id),
                "state": params["state"],
            }
        )
        return RedirectResponse(
            f"{params['redirect_uri']}?{query}",
            status_code=303,
            headers={"Cache-Control": "no-store"},
        )
