"""Cognito pre-sign-up trigger: one person, one account, whether they come by e-mail or Facebook.

``handle_pre_sign_up`` takes Cognito's event and a ``cognito-idp`` client (injected; tests use
botocore's Stubber). It never touches the app database: linking keeps the native user's ``sub``,
so the app's rows (cases, chats) need no merge.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from botocore.exceptions import BotoCoreError, ClientError

log = logging.getLogger(__name__)

# The username prefix Cognito gives a federated user (sometimes lower-cased) → the identity
# provider's name in the pool, as AdminLinkProviderForUser wants it.
PROVIDERS = {"facebook": "Facebook"}
_PROVIDER_USER_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
# A plain address only: the ListUsers filter is a quoted string, so no quote or backslash.
_EMAIL = re.compile(r"^[^@\s\"\\]{1,64}@[^@\s\"\\]{1,190}$")
_EXTERNAL = "EXTERNAL_PROVIDER"

# Cognito shows a refusal as "PreSignUp failed with error <message>." on its hosted UI.
USE_FACEBOOK = (
    "Ya tienes una cuenta con Facebook con este correo. Para entrar, usa «Continuar con Facebook»."
)
TRY_AGAIN = "No pudimos terminar de entrar con Facebook. Intenta de nuevo en un momento."


class CognitoUsers(Protocol):
    """The two calls of boto3's ``cognito-idp`` client this trigger makes."""

    def list_users(self, **kwargs: Any) -> Mapping[str, Any]: ...

    def admin_link_provider_for_user(self, **kwargs: Any) -> Mapping[str, Any]: ...


class SignUpRefused(Exception):
    """Raised to make Cognito refuse this sign-up or sign-in; the message is for the person."""


@dataclass(frozen=True, slots=True)
class PoolUser:
    """One user from ``ListUsers``, reduced to what the linking rule reads."""

    username: str
    status: str
    enabled: bool
    email: str
    email_verified: bool
    linked: tuple[tuple[str, str], ...]  # (provider name, provider user id) already linked

    @property
    def is_native(self) -> bool:
        return self.status != _EXTERNAL


def link_target(users: Sequence[PoolUser], *, email: str) -> PoolUser | None:
    """The one confirmed, enabled native user whose e-mail is ``email`` and verified; else None.

    An unverified address proves nothing (anyone may type anyone's address at sign-up), and two
    candidates would make the choice a guess, so both mean "no link".
    """
    wanted = email.casefold()
    hits = [
        u
        for u in users
        if u.is_native
        and u.enabled
        and u.status == "CONFIRMED"
        and u.email_verified
        and u.email.casefold() == wanted
    ]
    return hits[0] if len(hits) == 1 else None


def handle_pre_sign_up(event: Mapping[str, Any], *, cognito: CognitoUsers) -> Mapping[str, Any]:
    """Link a first Facebook sign-in to the person's e-mail account, or refuse a duplicate.

    Returns the event (unchanged response: nothing is auto-confirmed or auto-verified). Raises
    ``SignUpRefused`` to make Cognito refuse.
    """
    source = str(event.get("triggerSource", ""))
    if source == "PreSignUp_ExternalProvider":
        _link_external(event, cognito=cognito)
    elif source == "PreSignUp_SignUp":
        _refuse_if_federated(event, cognito=cognito)
    return event


def _link_external(event: Mapping[str, Any], *, cognito: CognitoUsers) -> None:
    prefix, _, provider_user_id = str(event.get("userName", "")).partition("_")
    provider = PROVIDERS.get(prefix.lower())
    email = _email(event)
    if provider is None or not _PROVIDER_USER_ID.match(provider_user_id) or email is None:
        log.info("federated sign-up without a linkable identity (provider=%s)", prefix[:16])
        return
    pool = str(event.get("userPoolId", ""))
    try:
        users = _users_with_email(cognito, pool=pool, email=email)
    except (ClientError, BotoCoreError) as exc:
        # Going ahead would create a second account for good; failing lets the person retry.
        log.error("pre-sign-up could not list users: %s", _code(exc))
        raise SignUpRefused(TRY_AGAIN) from None
    target = link_target(users, email=email)
    if target is None:
        log.info("federated sign-up: no verified e-mail account to link (provider=%s)", provider)
        return
    if any(name == provider for name, _ in target.linked):
        # Either Cognito retried us after a link that went through (the same user id), or
        # another Facebook user already holds this account: never move it silently.
        again = (provider, provider_user_id) in target.linked
        log.info(
            "%s identity already linked (same=%s) ref=%s", provider, again, _ref(target.username)
        )
        return
    try:
        cognito.admin_link_provider_for_user(
            UserPoolId=pool,
            DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": target.username},
            SourceUser={
                "ProviderName": provider,
                "ProviderAttributeName": "Cognito_Subject",
                "ProviderAttributeValue": provider_user_id,
            },
        )
    except (ClientError, BotoCoreError) as exc:
        log.error("could not link a %s identity: %s", provider, _code(exc))
        raise SignUpRefused(TRY_AGAIN) from None
    log.info("linked a %s identity to ref=%s", provider, _ref(target.username))


def _refuse_if_federated(event: Mapping[str, Any], *, cognito: CognitoUsers) -> None:
    """An e-mail sign-up whose address a Facebook-only user already has is refused.

    At this point the address is not verified yet (the code comes after), and the Facebook
    user already holds the person's ``sub`` and cases: the safe single account is that one.
    """
    email = _email(event)
    if email is None:
        return
    pool = str(event.get("userPoolId", ""))
    try:
        users = _users_with_email(cognito, pool=pool, email=email)
    except (ClientError, BotoCoreError) as exc:
        # Sign-up fails open: a rare duplicate is better than nobody able to register.
        log.warning("pre-sign-up could not check for a Facebook account: %s", _code(exc))
        return
    wanted = email.casefold()
    if any(not u.is_native and u.email.casefold() == wanted for u in users):
        log.info("e-mail sign-up refused: the address belongs to a federated user")
        raise SignUpRefused(USE_FACEBOOK)


def _email(event: Mapping[str, Any]) -> str | None:
    request = event.get("request")
    attributes = request.get("userAttributes") if isinstance(request, Mapping) else None
    if not isinstance(attributes, Mapping):
        return None
    email = str(attributes.get("email", "")).strip()
    return email if _EMAIL.match(email) else None


def _users_with_email(cognito: CognitoUsers, *, pool: str, email: str) -> list[PoolUser]:
    response = cognito.list_users(UserPoolId=pool, Filter=f'email = "{email}"', Limit=10)
    return [_pool_user(raw) for raw in response.get("Users", []) if isinstance(raw, Mapping)]


def _pool_user(raw: Mapping[str, Any]) -> PoolUser:
    attributes = {
        str(a.get("Name")): str(a.get("Value", ""))
        for a in raw.get("Attributes", [])
        if isinstance(a, Mapping)
    }
    return PoolUser(
        username=str(raw.get("Username", "")),
        status=str(raw.get("UserStatus", "")),
        enabled=bool(raw.get("Enabled", False)),
        email=attributes.get("email", ""),
        email_verified=attributes.get("email_verified", "").lower() == "true",
        linked=_identities(attributes.get("identities", "")),
    )


def _identities(raw: str) -> tuple[tuple[str, str], ...]:
    """Cognito's ``identities`` attribute: a JSON list of ``{providerName, userId, …}``."""
    try:
        items = json.loads(raw) if raw else []
    except ValueError:
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(
        (str(i.get("providerName", "")), str(i.get("userId", "")))
        for i in items
        if isinstance(i, dict)
    )


def _code(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", "ClientError"))[:64]
    return type(exc).__name__


def _ref(username: str) -> str:
    """A pseudonymous reference for logs (the username of a native user is its e-mail's sub)."""
    return hashlib.sha256(username.encode("utf-8")).hexdigest()[:12]
