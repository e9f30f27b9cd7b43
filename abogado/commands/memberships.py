"""Granting or taking away a group (``admins``, ``abogados``) by e-mail, for ``abogado users``
and ``abogado handoffs``: the local provider's account flag, or the Cognito group in aws (the
source of truth the ID token carries). Exactly one confirmed account with a verified e-mail
must match; taking a group away also ends the person's sessions at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from services.errors import AbogadoError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from abogado.container import Container
    from services.settings import Settings

# Marks the local provider's account (``db.local_idp.mark_local_*``), or the app user's role.
Mark = Callable[["Session", str, bool], None]


def set_membership(
    container: Container,
    raw_email: str,
    *,
    group: str,
    member: bool,
    local_mark: Mark,
    app_mark: Mark | None = None,
) -> tuple[str, str]:
    """(sub, where it was changed) for the one account with ``raw_email``."""
    from db.audit import end_sessions_of
    from db.local_idp import local_sub

    settings = container.settings
    email = raw_email.strip().lower()
    container.migrate()
    sessions = container.sessions
    if settings.profile == "aws":
        sub, where = cognito_set_group(settings, email, group=group, member=member), "Cognito group"
    else:
        with sessions() as session:
            found = local_sub(session, email)
        if found is None:
            raise AbogadoError(f"no account with the e-mail {email}")
        sub, where = found, "local provider"
    if app_mark is not None:
        where += " and app database"
    with sessions.begin() as session:
        if settings.profile != "aws":
            local_mark(session, sub, member)
        if app_mark is not None:
            app_mark(session, sub, member)
        if not member:
            end_sessions_of(session, sub=sub)
    return sub, where


def the_one_user(users: Sequence[Mapping[str, Any]], email: str) -> tuple[str, str]:
    """(username, sub) of the only user listed, confirmed with a verified e-mail; else refuse."""
    if not users:
        raise AbogadoError(f"no account with the e-mail {email}")
    if len(users) > 1:
        raise AbogadoError(f"more than one account has the e-mail {email}; nothing changed")
    user = users[0]
    attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
    if user.get("UserStatus") != "CONFIRMED":
        raise AbogadoError(f"the account of {email} is not confirmed; nothing changed")
    if attributes.get("email_verified") != "true":
        raise AbogadoError(f"the e-mail {email} is not verified; nothing changed")
    if not attributes.get("sub"):
        raise AbogadoError(f"the account of {email} has no sub; nothing changed")
    return str(user["Username"]), attributes["sub"]


def cognito_set_group(settings: Settings, email: str, *, group: str, member: bool) -> str:
    """Add the one Cognito user with ``email`` to ``group`` (or remove it); its ``sub``."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    pool = settings.cognito.user_pool_id
    if not pool:
        raise AbogadoError("ABOGADO_COGNITO__USER_POOL_ID is not set")
    client = boto3.client("cognito-idp", region_name=settings.cognito.region)
    quoted = email.replace("\\", "\\\\").replace('"', '\\"')
    try:
        users = client.list_users(UserPoolId=pool, Filter=f'email = "{quoted}"', Limit=2)["Users"]
        username, sub = the_one_user(users, email)
        change = client.admin_add_user_to_group if member else client.admin_remove_user_from_group
        change(UserPoolId=pool, Username=username, GroupName=group)
    except (BotoCoreError, ClientError) as exc:
        raise AbogadoError(f"Cognito refused: {type(exc).__name__}") from exc
    return sub
