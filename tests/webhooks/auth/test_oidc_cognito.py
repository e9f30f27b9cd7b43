"""ID-token verification against Cognito's real token format: moto's user pool, JWKS and JWTs.

Attack tokens are forged with moto's pool key (so only the claim under test is wrong) or with
keys of our own (unknown ``kid``); each must be refused.
"""

from __future__ import annotations

import base64
import gzip
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import boto3
import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from moto import mock_aws

from tests.webhooks.auth.fakes import moto_transport
from webhooks.auth.errors import TokenRejected
from webhooks.auth.oidc import IdTokenVerifier, JwksCache, cognito_provider

REGION = "us-east-1"
PASSWORD = "Secreta123!"


@dataclass
class Pool:
    pool_id: str
    client_id: str
    issuer: str
    cognito: Any
    http: httpx.Client

    def verifier(
        self, *, client_id: str | None = None, issuer: str | None = None
    ) -> IdTokenVerifier:
        config = cognito_provider(
            domain="abogado.auth.us-east-1.amazoncognito.com",
            region=REGION,
            user_pool_id=self.pool_id,
        )
        return IdTokenVerifier(
            issuer=issuer or config.issuer,
            client_id=client_id or self.client_id,
            jwks=JwksCache(http=self.http, jwks_uri=config.jwks_uri),
        )

    def sign_in(self, email: str) -> dict[str, str]:
        answer = self.cognito.admin_initiate_auth(
            UserPoolId=self.pool_id,
            ClientId=self.client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
        )
        result: dict[str, str] = answer["AuthenticationResult"]
        return result

    def add_user(self, email: str, *, admin: bool = False) -> None:
        self.cognito.admin_create_user(
            UserPoolId=self.pool_id,
            Username=email,
            UserAttributes=[{"Name": "email", "Value": email}],
        )
        self.cognito.admin_set_user_password(
            UserPoolId=self.pool_id, Username=email, Password=PASSWORD, Permanent=True
        )
        if admin:
            self.cognito.admin_add_user_to_group(
                UserPoolId=self.pool_id, Username=email, GroupName="admins"
            )


@pytest.fixture
def pool() -> Iterator[Pool]:
    with mock_aws():
        cognito = boto3.client(
            "cognito-idp",
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        pool_id = cognito.create_user_pool(PoolName="abogado", UsernameAttributes=["email"])[
            "UserPool"
        ]["Id"]
        client_id = cognito.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="web",
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"],
        )["UserPoolClient"]["ClientId"]
        cognito.create_group(GroupName="admins", UserPoolId=pool_id)
        with httpx.Client(transport=moto_transport()) as http:
            yield Pool(
                pool_id=pool_id,
                client_id=client_id,
                issuer=f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}",
                cognito=cognito,
                http=http,
            )


def _moto_key() -> rsa.RSAPrivateKey:
    raw = gzip.decompress(
        (resources.files("moto") / "cognitoidp/resources/jwks-private.json.gz").read_bytes()
    )
    key = jwt.PyJWK(json.loads(raw), algorithm="RS256").key
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def _claims(pool: Pool, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": pool.issuer,
        "sub": "0b6b8b6e-0000-4000-8000-000000000001",
        "aud": pool.client_id,
        "token_use": "id",
        "iat": now,
        "auth_time": now,
        "exp": now + 3600,
        "email": "ana@example.mx",
        "cognito:username": "0b6b8b6e-0000-4000-8000-000000000001",
        "nonce": "n-123",
    }
    claims.update(changes)
    return claims


def _forge(claims: dict[str, Any], *, kid: str = "dummy", key: Any = None) -> str:
    return jwt.encode(claims, key or _moto_key(), algorithm="RS256", headers={"kid": kid})


def test_real_cognito_id_token_is_accepted(pool: Pool) -> None:
    pool.add_user("ana@example.mx", admin=True)
    pool.add_user("beto@example.mx")
    verifier = pool.verifier()
    ana = verifier.verify(pool.sign_in("ana@example.mx")["IdToken"], nonce=None)
    beto = verifier.verify(pool.sign_in("beto@example.mx")["IdToken"], nonce=None)
    assert ana.email == "ana@example.mx"
    assert ana.groups == ("admins",)
    assert ana.is_admin
    assert ana.username == ana.sub  # e-mail pools use the sub as cognito:username
    assert beto.groups == ()
    assert not beto.is_admin
    assert ana.sub != beto.sub


def test_forged_token_with_pool_key_and_nonce_is_accepted(pool: Pool) -> None:
    claims = pool.verifier().verify(_forge(_claims(pool)), nonce="n-123")
    assert claims.sub == "0b6b8b6e-0000-4000-8000-000000000001"


def test_access_token_is_not_an_id_token(pool: Pool) -> None:
    pool.add_user("ana@example.mx")
    access = pool.sign_in("ana@example.mx")["AccessToken"]
    with pytest.raises(TokenRejected):
        pool.verifier().verify(access, nonce=None)
    with pytest.raises(TokenRejected, match="not an ID token"):
        pool.verifier().verify(_forge(_claims(pool, token_use="access")), nonce="n-123")


def test_wrong_audience(pool: Pool) -> None:
    pool.add_user("ana@example.mx")
    token = pool.sign_in("ana@example.mx")["IdToken"]
    with pytest.raises(TokenRejected, match="audience"):
        pool.verifier(client_id="another-app-client").verify(token, nonce=None)


@pytest.mark.parametrize(
    "issuer",
    [
        "https://cognito-idp.us-west-2.amazonaws.com/{pool}",
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other",
        "https://evil.example/{pool}",
    ],
)
def test_wrong_issuer(pool: Pool, issuer: str) -> None:
    token = _forge(_claims(pool, iss=issuer.format(pool=pool.pool_id)))
    with pytest.raises(TokenRejected, match="issuer"):
        pool.verifier().verify(token, nonce="n-123")


def test_nonce_mismatch_and_missing_nonce(pool: Pool) -> None:
    with pytest.raises(TokenRejected, match="nonce"):
        pool.verifier().verify(_forge(_claims(pool)), nonce="another-nonce")
    pool.add_user("ana@example.mx")
    # moto's tokens never saw a browser, so they carry no nonce: a browser flow must refuse them.
    with pytest.raises(TokenRejected, match="nonce"):
        pool.verifier().verify(pool.sign_in("ana@example.mx")["IdToken"], nonce="n-123")


def test_expired_beyond_leeway(pool: Pool) -> None:
    now = int(time.time())
    expired = _forge(_claims(pool, iat=now - 7200, exp=now - 61))
    with pytest.raises(TokenRejected, match="expired"):
        pool.verifier().verify(expired, nonce="n-123")
    within_skew = _forge(_claims(pool, iat=now - 7200, exp=now - 30))
    assert pool.verifier().verify(within_skew, nonce="n-123").email == "ana@example.mx"


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_alg_none_refused(pool: Pool) -> None:
    token = f"{_b64({'alg': 'none', 'kid': 'dummy'})}.{_b64(_claims(pool))}."
    with pytest.raises(TokenRejected, match="algorithm"):
        pool.verifier().verify(token, nonce="n-123")


def test_hs256_with_public_key_as_secret_refused(pool: Pool) -> None:
    public_pem = (
        _moto_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    header = _b64({"alg": "HS256", "kid": "dummy", "typ": "JWT"})
    body = _b64(_claims(pool))
    import hashlib
    import hmac

    mac = hmac.new(public_pem, f"{header}.{body}".encode(), hashlib.sha256).digest()
    token = f"{header}.{body}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    with pytest.raises(TokenRejected, match="algorithm"):
        pool.verifier().verify(token, nonce="n-123")


def test_unknown_kid_and_foreign_key_refused(pool: Pool) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(TokenRejected, match="unknown signing key"):
        pool.verifier().verify(_forge(_claims(pool), kid="other", key=stranger), nonce="n-123")
    # Right kid, wrong key: the signature check catches it.
    with pytest.raises(TokenRejected, match="InvalidSignature"):
        pool.verifier().verify(_forge(_claims(pool), key=stranger), nonce="n-123")


def test_tampered_payload_refused(pool: Pool) -> None:
    header, _, signature = _forge(_claims(pool)).split(".")
    tampered = f"{header}.{_b64(_claims(pool, sub='someone-else'))}.{signature}"
    with pytest.raises(TokenRejected, match="InvalidSignature"):
        pool.verifier().verify(tampered, nonce="n-123")


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "e30.e30.e30"])
def test_garbage_refused(pool: Pool, garbage: str) -> None:
    with pytest.raises(TokenRejected):
        pool.verifier().verify(garbage, nonce="n-123")


def test_cognito_provider_endpoints() -> None:
    config = cognito_provider(
        domain="abogado.auth.us-east-1.amazoncognito.com",
        region="us-east-1",
        user_pool_id="us-east-1_AbC",
    )
    assert config.authorization_endpoint == (
        "https://abogado.auth.us-east-1.amazoncognito.com/oauth2/authorize"
    )
    assert config.token_endpoint == "https://abogado.auth.us-east-1.amazoncognito.com/oauth2/token"
    assert config.issuer == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"
    assert config.jwks_uri == config.issuer + "/.well-known/jwks.json"
