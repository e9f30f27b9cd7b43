"""Deleting a person's account at the identity provider, for ``/borrar`` (Cognito in aws).

The local provider's accounts live in the app database and go with the rest (``db.privacy``);
this module only talks to Cognito, with an injected boto3 client (tests use Stubber).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from services.erasure import AccountDeletionFailed
from services.errors import AbogadoError

if TYPE_CHECKING:
    from services.erasure import AccountDeleter
    from services.settings import Settings

log = logging.getLogger(__name__)


class CognitoAccountDeleter:
    """``services.erasure.AccountDeleter`` on a Cognito user pool (``AdminDeleteUser``)."""

    def __init__(self, *, client: Any, user_pool_id: str) -> None:
        self._client = client
        self._pool = user_pool_id

    def delete(self, username: str) -> None:
        """Delete the user; one already gone counts as deleted (a retried ``/borrar``)."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._client.admin_delete_user(UserPoolId=self._pool, Username=username)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code == "UserNotFoundException":
                return
            log.warning("Cognito refused to delete an account: %s", code[:64])
            raise AccountDeletionFailed(f"cognito: {code[:64]}") from None
        except BotoCoreError as exc:
            log.warning("Cognito unreachable while deleting an account: %s", type(exc).__name__)
            raise AccountDeletionFailed(f"cognito: {type(exc).__name__}") from None


def build_account_deleter(settings: Settings, *, client: Any = None) -> AccountDeleter | None:
    """Cognito's deleter in aws (the pool id is required there); None in the local profile."""
    if settings.profile == "local":
        return None
    pool = settings.cognito.user_pool_id
    if not pool:
        raise AbogadoError("aws profile: ABOGADO_COGNITO__USER_POOL_ID is needed for /borrar")
    if client is None:
        import boto3

        client = boto3.client("cognito-idp", region_name=settings.cognito.region)
    return CognitoAccountDeleter(client=client, user_pool_id=pool)
