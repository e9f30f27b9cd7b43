"""A fake OpenID provider for the admin login tests, mounted on the app under test at
/fake-idp: the authorize step signs in ``next_user`` at once; the token step checks PKCE."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from webhooks.auth.local_keys import SigningKey, generate_key
from webhooks.auth.oidc import ProviderConfig
from webhooks.auth.pkce import verify_s256

CLIENT_ID = "abogado-admin-test"


@dataclass
class User:
    sub: str
    email: str
    groups: tuple[str, ...] = ()


@dataclass
class FakeIdp:
    base_url: str  # where the app under test is reached, e.g. http://testserver
    redirect_uri: str
    next_user: User | None = None
    key: SigningKey = field(default_factory=generate_key)
    _codes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/fake-idp"

    def provider(self) -> ProviderConfig:
        return ProviderConfig(
            issuer=self.issuer,
            authorization_endpoint=f"{self.issuer}/authorize",
            token_endpoint=f"{self.issuer}/token",
            jwks_uri=f"{self.issuer}/jwks",
        )

    def router(self) -> APIRouter:
        router = APIRouter(prefix="/fake-idp")

        @router.get("/authorize")
        def authorize(request: Request) -> Response:
            q = request.query_params
            if q.get("client_id") != CLIENT_ID or q.get("redirect_uri") != self.redirect_uri:
                return JSONResponse({"error": "invalid_request"}, status_code=400)
            if self.next_user is None or q.get("code_challenge_method") != "S256":
                return JSONResponse({"error": "access_denied"}, status_code=400)
            code = secrets.token_urlsafe(16)
            self._codes[code] = {
                "user": self.next_user,
                "nonce": q.get("nonce", ""),
                "challenge": q.get("code_challenge", ""),
            }
            query = urlencode({"code": code, "state": q.get("state", "")})
            return RedirectResponse(f"{self.redirect_uri}?{query}", status_code=303)

        @router.post("/token")
        def token(
            code: Annotated[str, Form()] = "",
            code_verifier: Annotated[str, Form()] = "",
            client_id: Annotated[str, Form()] = "",
        ) -> Response:
            grant = self._codes.pop(code, None)
            if grant is None or client_id != CLIENT_ID:
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            if not verify_s256(verifier=code_verifier, challenge=grant["challenge"]):
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            user: User = grant["user"]
            now = int(time.time())
            claims: dict[str, Any] = {
                "iss": self.issuer,
                "aud": CLIENT_ID,
                "sub": user.sub,
                "email": user.email,
                "token_use": "id",
                "nonce": grant["nonce"],
                "iat": now,
                "exp": now + 3600,
            }
            if user.groups:
                claims["cognito:groups"] = list(user.groups)
            return JSONResponse({"id_token": self.key.sign(claims), "token_type": "Bearer"})

        @router.get("/jwks")
        def jwks() -> dict[str, Any]:
            return {"keys": [self.key.public_jwk()]}

        return router
