"""The local provider's RSA signing key: generated on first start, kept under ``data_dir``.

It signs ID tokens the local provider issues and publishes the public half as a JWKS.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from webhooks.auth.pkce import sha256_b64url

KEY_FILE = "local_idp_signing_key.pem"


@dataclass(frozen=True, slots=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return jwk

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})


def generate_key() -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return SigningKey(kid=_thumbprint(private), private_key=private)


def load_or_create_key(directory: Path) -> SigningKey:
    """Read ``directory/KEY_FILE``; create it (mode 0600) when it does not exist yet."""
    path = directory / KEY_FILE
    if path.exists():
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(loaded, rsa.RSAPrivateKey):
            raise ValueError(f"{path} does not hold an RSA private key")
        return SigningKey(kid=_thumbprint(loaded), private_key=loaded)
    directory.mkdir(parents=True, exist_ok=True)
    key = generate_key()
    pem = key.private_key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return key


def _thumbprint(private: rsa.RSAPrivateKey) -> str:
    """RFC 7638 thumbprint of the public key: a stable ``kid`` that changes with the key."""
    jwk = json.loads(RSAAlgorithm.to_jwk(private.public_key()))
    canonical = json.dumps(
        {"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True
    )
    return sha256_b64url(canonical.encode("ascii"))
