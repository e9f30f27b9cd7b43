"""The local profile's built-in OpenID provider at ``/local-idp/``: it plays Cognito's hosted UI.

Discovery, an authorize page (sign-in / sign-up form), a token endpoint that enforces PKCE
S256, and a JWKS. Tokens are shaped like Cognito's (``token_use``, ``cognito:username``,
``cognito:groups``) so the very same client code runs against it. Refused in the aws profile.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from collections.abc import Callable
from typing import Annotated, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse, Response

from db.cognito_presignup import USE_FACEBOOK
from services.settings import Settings
from webhooks.auth.local_accounts import LocalAccount as LocalAccount
from webhooks.auth.local_accounts import LocalUserStore as LocalUserStore
from webhooks.auth.local_codes import Codes
from webhooks.auth.local_facebook import FACEBOOK, SimulatedFacebook
from webhooks.auth.local_keys import SigningKey
from webhooks.auth.oidc import ADMIN_GROUP, LAWYER_GROUP
from webhooks.auth.pages import error_page, render
from webhooks.auth.pkce import verify_s256

PREFIX = "/local-idp"
LOCAL_CLIENT_ID = "abogado-local"
TOKEN_TTL_S = 3600
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MIN_PASSWORD = 8
# RFC 5321 caps an address at 254 characters (the column holds 320); a longer password is no
# password anyone types, and hashing megabytes is work an anonymous caller should not buy.
_MAX_EMAIL = 254
_MAX_PASSWORD = 1024
_OAUTH_FIELDS = ("client_id", "redirect_uri", "state", "nonce", "code_challenge")
# The login-link pages and the admin pages (webhooks.admin.routes.CALLBACK_PATH); the same two
# callbacks the Cognito app client allows in aws.
CALLBACK_PATHS = ("/auth/callback", "/admin/callback")


def local_issuer(settings: Settings) -> str:
    return settings.public_url.rstrip("/") + PREFIX


def local_client_id(settings: Settings) -> str:
    return settings.cognito.client_id or LOCAL_CLIENT_ID


def redirect_uri(settings: Settings) -> str:
    return settings.public_url.rstrip("/") + "/auth/callback"


def redirect_uris(settings: Settings) -> frozenset[str]:
    """Where the provider may send a browser back, exactly (like Cognito's callback list)."""
    base = settings.public_url.rstrip("/")
    return frozenset(base + path for path in CALLBACK_PATHS)


def authorize_params(
    client_id_: Annotated[str, Form(alias="client_id")] = "",
    redirect_uri_: Annotated[str, Form(alias="redirect_uri")] = "",
    state: Annotated[str, Form()] = "",
    nonce: Annotated[str, Form()] = "",
    code_challenge: Annotated[str, Form()] = "",
    code_challenge_method: Annotated[str, Form()] = "",
) -> dict[str, str]:
    """The authorize request's parameters as the sign-in forms (e-mail and the simulated
    Facebook) post them back."""
    return {
        "client_id": client_id_,
        "redirect_uri": redirect_uri_,
        "state": state,
        "nonce": nonce,
        "code_challenge": code_challenge,
        "code_challenge_method": code_challenge_method,
    }


def build_local_idp_router(
    *,
    settings: Settings,
    users: LocalUserStore,
    key: SigningKey,
    clock: Callable[[], float] = time.time,
    hasher: PasswordHasher | None = None,
) -> APIRouter:
    if settings.profile != "local":
        raise ValueError("the built-in OpenID provider runs only in the local profile")
    issuer = local_issuer(settings)
    client_id = local_client_id(settings)
    allowed_redirects = redirect_uris(settings)
    ph = hasher or PasswordHasher()
    codes = Codes(clock)
    # Verifying against this when the e-mail is unknown keeps sign-in time the same either way.
    dummy_hash = ph.hash(secrets.token_urlsafe(16))
    router = APIRouter(prefix=PREFIX)

    @router.get("/.well-known/openid-configuration")
    def discovery() -> dict[str, Any]:
        return {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/oauth2/authorize",
            "token_endpoint": f"{issuer}/oauth2/token",
            "jwks_uri": f"{issuer}/.well-known/jwks.json",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email"],
            "token_endpoint_auth_methods_supported": ["none"],
        }

    @router.get("/.well-known/jwks.json")
    def jwks() -> dict[str, Any]:
        return {"keys": [key.public_jwk()]}

    def check_request(params: dict[str, str]) -> str | None:
        """The reason to refuse an authorization request, in Spanish, or None."""
        if params.get("client_id") != client_id:
            return "La aplicación que pidió el acceso no está registrada."
        if params.get("redirect_uri") not in allowed_redirects:
            return "La dirección de regreso no está permitida."
        if params.get("response_type", "code") != "code":
            return "Solo se admite el flujo con código."
        if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
            return "Falta la protección PKCE (S256)."
        if not params.get("state") or not params.get("nonce"):
            return "Faltan datos de seguridad en la solicitud."
        return None

    def oauth_fields(params: dict[str, str]) -> dict[str, str]:
        fields = {name: params.get(name, "") for name in _OAUTH_FIELDS}
        fields["code_challenge_method"] = "S256"
        fields["response_type"] = "code"
        return fields

    facebook = SimulatedFacebook(users=users, codes=codes, action=f"{PREFIX}/oauth2/facebook")

    @router.get("/oauth2/authorize")
    def authorize_page(request: Request) -> Response:
        params = dict(request.query_params)
        problem = check_request(params)
        if problem:
            return error_page("No se pudo iniciar sesión", problem, status_code=400)
        if params.get("identity_provider") == FACEBOOK:
            return facebook.authorize(request, params, oauth_fields(params))
        return render(
            "local_idp_login.html",
            title="Inicia sesión",
            action=f"{PREFIX}/oauth2/authorize",
            oauth=oauth_fields(params),
            error=None,
        )

    @router.post("/oauth2/authorize")
    def authorize_submit(
        request: Request,
        mode: Annotated[str, Form()],
        email: Annotated[str, Form()],
        password: Annotated[str, Form()],
        params: Annotated[dict[str, str], Depends(authorize_params)],
    ) -> Response:
        problem = check_request(params)
        if problem:
            return error_page("No se pudo iniciar sesión", problem, status_code=400)
        email = email.strip().lower()
        too_long = len(email) > _MAX_EMAIL or len(password) > _MAX_PASSWORD

        def again(message: str) -> Response:
            return render(
                "local_idp_login.html",
                status_code=400,
                title="Inicia sesión",
                action=f"{PREFIX}/oauth2/authorize",
                oauth=oauth_fields(params),
                error=message,
            )

        account: LocalAccount | None
        if too_long:
            return again("El correo o la contraseña son demasiado largos.")
        if mode == "signup":
            if not _EMAIL.fullmatch(email):
                return again("Escribe un correo electrónico válido.")
            if len(password) < _MIN_PASSWORD:
                return again("La contraseña debe tener al menos 8 caracteres.")
            account = users.add(sub=str(uuid.uuid4()), email=email, password_hash=ph.hash(password))
            if account is None:
                taken = users.find(email)
                if taken is not None and not taken.password_hash:
                    # What our pre-sign-up trigger answers in Cognito (db.cognito_presignup).
                    return again(USE_FACEBOOK)
                return again("Ya existe una cuenta con ese correo. Inicia sesión.")
        else:
            account = users.find(email)
            # A Facebook-only account has no password: checked against the dummy, same time.
            stored = account.password_hash if account and account.password_hash else dummy_hash
            if not _password_ok(ph, stored, password):
                return again("El correo o la contraseña no son correctos.")
        assert account is not None
        return codes.redirect(params, sub=account.sub)

    @router.post("/oauth2/facebook")
    def facebook_submit(
        params: Annotated[dict[str, str], Depends(authorize_params)],
        email: Annotated[str, Form()] = "",
        name: Annotated[str, Form()] = "",
    ) -> Response:
        problem = check_request(params)
        if problem:
            return error_page("No se pudo iniciar sesión", problem, status_code=400)
        return facebook.submit(params, oauth_fields(params), email=email, name=name)

    @router.post("/oauth2/token")
    def token(
        grant_type: Annotated[str, Form()] = "",
        code: Annotated[str, Form()] = "",
        redirect_uri_: Annotated[str, Form(alias="redirect_uri")] = "",
        client_id_: Annotated[str, Form(alias="client_id")] = "",
        code_verifier: Annotated[str, Form()] = "",
    ) -> Response:
        if grant_type != "authorization_code":
            return _oauth_error("unsupported_grant_type")
        grant = codes.take(code)
        if grant is None:
            return _oauth_error("invalid_grant")
        if grant.client_id != client_id_:
            return _oauth_error("invalid_client", status_code=401)
        if grant.redirect_uri != redirect_uri_:
            return _oauth_error("invalid_grant")
        if not verify_s256(verifier=code_verifier, challenge=grant.code_challenge):
            return _oauth_error("invalid_grant")
        account = users.find_by_sub(grant.account_sub)
        if account is None:
            return _oauth_error("invalid_grant")
        now = int(clock())
        groups = [ADMIN_GROUP] if account.is_admin else []
        groups += [LAWYER_GROUP] if account.is_lawyer else []
        common = {
            "iss": issuer,
            "sub": account.sub,
            "iat": now,
            "auth_time": now,
            "exp": now + TOKEN_TTL_S,
            "origin_jti": str(uuid.uuid4()),
        }
        id_claims: dict[str, Any] = {
            **common,
            "aud": client_id,
            "token_use": "id",
            "jti": str(uuid.uuid4()),
            "email": account.email,
            # Cognito maps no email_verified from Facebook, and names its users Facebook_<id>.
            "email_verified": bool(account.password_hash),
            "cognito:username": _username(account),
            "nonce": grant.nonce,
        }
        access_claims: dict[str, Any] = {
            **common,
            "client_id": client_id,
            "token_use": "access",
            "jti": str(uuid.uuid4()),
            "scope": "openid email",
            "username": _username(account),
        }
        if groups:
            id_claims["cognito:groups"] = groups
            access_claims["cognito:groups"] = groups
        body = {
            "id_token": key.sign(id_claims),
            "access_token": key.sign(access_claims),
            "token_type": "Bearer",
            "expires_in": TOKEN_TTL_S,
        }
        return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    return router


def _username(account: LocalAccount) -> str:
    if not account.password_hash and account.facebook_id:
        return f"{FACEBOOK}_{account.facebook_id}"
    return account.sub


def _password_ok(ph: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return ph.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _oauth_error(error: str, *, status_code: int = 400) -> JSONResponse:
    return JSONResponse(
        {"error": error}, status_code=status_code, headers={"Cache-Control": "no-store"}
    )
