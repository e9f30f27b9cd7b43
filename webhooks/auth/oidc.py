"""The OpenID Connect client: authorization URL, code exchange with PKCE, ID-token verification.

One client for Cognito's hosted UI and for the local provider; HTTP goes through an injected
``httpx.Client``. Verification follows AWS's "Verifying a JSON web token": RS256 signature
against the pool's JWKS (cached, refetched once on an unknown ``kid``), ``iss``, ``aud``,
``token_use == "id"``, ``exp`` and the ``nonce`` we sent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from webhooks.auth.errors import ProviderError, TokenRejected

log = logging.getLogger(__name__)

ADMIN_GROUP = "admins"
# Lawyers who answer handoffs in the inbox at /abogados (issue 17); not admins unless in both.
LAWYER_GROUP = "abogados"
# Cognito signs with RS256 only; "none" and HS* (the RSA public key as an HMAC secret) are refused.
_ALGORITHMS = ["RS256"]
_LEEWAY_S = 60


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """Where an OpenID provider lives; ``issuer`` is the exact ``iss`` its tokens carry."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def cognito_provider(*, domain: str, region: str, user_pool_id: str) -> ProviderConfig:
    """Cognito's endpoints: the hosted-UI domain serves ``/oauth2/*``, the pool serves JWKS."""
    base = domain if domain.startswith(("https://", "http://")) else f"https://{domain}"
    base = base.rstrip("/")
    issuer = f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"
    return ProviderConfig(
        issuer=issuer,
        authorization_endpoint=f"{base}/oauth2/authorize",
        token_endpoint=f"{base}/oauth2/token",
        jwks_uri=f"{issuer}/.well-known/jwks.json",
    )


def discover(http: httpx.Client, issuer: str) -> ProviderConfig:
    """Read ``{issuer}/.well-known/openid-configuration``; its ``issuer`` must match exactly."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    doc = _get_json(http, url)
    try:
        config = ProviderConfig(
            issuer=str(doc["issuer"]),
            authorization_endpoint=str(doc["authorization_endpoint"]),
            token_endpoint=str(doc["token_endpoint"]),
            jwks_uri=str(doc["jwks_uri"]),
        )
    except KeyError as exc:
        raise ProviderError(f"discovery document lacks {exc.args[0]}") from exc
    if config.issuer != issuer.rstrip("/"):
        raise ProviderError("discovery document names another issuer")
    return config


@dataclass(frozen=True, slots=True)
class IdentityClaims:
    """What abogado keeps from a verified ID token."""

    sub: str
    username: str
    email: str | None
    groups: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return ADMIN_GROUP in self.groups

    @property
    def is_lawyer(self) -> bool:
        return LAWYER_GROUP in self.groups


class JwksCache:
    """The provider's signing keys by ``kid``; unknown ``kid`` → one refetch (key rotation).

    Refetches are rate-limited (``min_refresh_s``) so a flood of tokens with made-up ``kid``
    values cannot turn us into a JWKS hammer.
    """

    def __init__(
        self,
        *,
        http: httpx.Client,
        jwks_uri: str,
        min_refresh_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._uri = jwks_uri
        self._min_refresh_s = min_refresh_s
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self.fetches = 0

    def key(self, kid: str) -> jwt.PyJWK:
        if self._fetched_at is None:
            self._refresh()
        found = self._keys.get(kid)
        if found is None and self._may_refresh():
            self._refresh()
            found = self._keys.get(kid)
        if found is None:
            raise TokenRejected("unknown signing key id")
        return found

    def _may_refresh(self) -> bool:
        return self._fetched_at is None or self._clock() - self._fetched_at >= self._min_refresh_s

    def _refresh(self) -> None:
        doc = _get_json(self._http, self._uri)
        keys: dict[str, jwt.PyJWK] = {}
        for raw in doc.get("keys", []):
            if not isinstance(raw, dict) or raw.get("kty") != "RSA" or "kid" not in raw:
                continue
            try:
                keys[str(raw["kid"])] = jwt.PyJWK(raw, algorithm="RS256")
            except jwt.PyJWTError:
                log.warning("skipping an unusable key in the JWKS")
        self._keys = keys
        self._fetched_at = self._clock()
        self.fetches += 1


class IdTokenVerifier:
    """Checks an ID token the way AWS documents for Cognito; returns its claims."""

    def __init__(self, *, issuer: str, client_id: str, jwks: JwksCache) -> None:
        self._issuer = issuer
        self._client_id = client_id
        self._jwks = jwks

    def verify(self, token: str, *, nonce: str | None) -> IdentityClaims:
        """``nonce=None`` only for tokens that never went through a browser (no nonce sent)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenRejected("malformed token") from exc
        if header.get("alg") not in _ALGORITHMS:
            raise TokenRejected("signing algorithm not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise TokenRejected("token has no key id")
        key = self._jwks.key(kid)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key.key,
                algorithms=_ALGORITHMS,
                audience=self._client_id,
                issuer=self._issuer,
                leeway=_LEEWAY_S,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenRejected("token expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise TokenRejected("wrong audience") from exc
        except jwt.InvalidIssuerError as exc:
            raise TokenRejected("wrong issuer") from exc
        except jwt.PyJWTError as exc:
            raise TokenRejected(f"invalid token: {type(exc).__name__}") from exc
        if claims.get("token_use") != "id":
            raise TokenRejected("not an ID token")
        if nonce is not None and claims.get("nonce") != nonce:
            raise TokenRejected("nonce mismatch")
        return _identity(claims)


def _identity(claims: Mapping[str, Any]) -> IdentityClaims:
    sub = str(claims["sub"])
    groups = claims.get("cognito:groups") or []
    if not isinstance(groups, list):
        raise TokenRejected("cognito:groups is not a list")
    email = claims.get("email")
    return IdentityClaims(
        sub=sub,
        username=str(claims.get("cognito:username") or sub),
        email=str(email) if email else None,
        groups=tuple(str(g) for g in groups),
    )


class OidcClient:
    """Authorization-code flow with PKCE against one provider and one registered redirect URI."""

    def __init__(
        self,
        *,
        provider: ProviderConfig,
        client_id: str,
        redirect_uri: str,
        http: httpx.Client,
        verifier: IdTokenVerifier | None = None,
    ) -> None:
        self.provider = provider
        self.client_id = client_id
        self.redirect_uri = redirect_uri
        self._http = http
        self.verifier = verifier or IdTokenVerifier(
            issuer=provider.issuer,
            client_id=client_id,
            jwks=JwksCache(http=http, jwks_uri=provider.jwks_uri),
        )

    def authorization_url(
        self, *, state: str, nonce: str, code_challenge: str, scope: str = "openid email"
    ) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "scope": scope,
                "state": state,
                "nonce": nonce,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self.provider.authorization_endpoint}?{query}"

    def exchange_code(self, *, code: str, code_verifier: str) -> str:
        """Trade the authorization code for tokens; returns the raw ID token."""
        form = {
            "grant_type": "authorization_code",
            "client_id": self.client_id,
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": code_verifier,
        }
        try:
            response = self._http.post(
                self.provider.token_endpoint,
                data=form,
                headers={"Accept": "application/json"},
            )
        except httpx.HTTPError as exc:
            raise ProviderError(f"token endpoint unreachable: {type(exc).__name__}") from exc
        body = _json_or_empty(response)
        if response.status_code != 200:
            raise ProviderError(f"token endpoint said {response.status_code} {body.get('error')}")
        id_token = body.get("id_token")
        if not isinstance(id_token, str):
            raise ProviderError("token endpoint returned no id_token")
        return id_token

    def complete(self, *, code: str, code_verifier: str, nonce: str) -> IdentityClaims:
        """Exchange and verify in one step: what the callback does."""
        return self.verifier.verify(
            self.exchange_code(code=code, code_verifier=code_verifier), nonce=nonce
        )


def _get_json(http: httpx.Client, url: str) -> dict[str, Any]:
    try:
        response = http.get(url)
    except httpx.HTTPError as exc:
        raise ProviderError(f"GET {url} failed: {type(exc).__name__}") from exc
    if response.status_code != 200:
        raise ProviderError(f"GET {url} returned {response.status_code}")
    body = _json_or_empty(response)
    if not body:
        raise ProviderError(f"GET {url} returned no JSON object")
    return body


def _json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
