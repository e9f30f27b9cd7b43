"""``abogado users make-admin|remove-admin EMAIL``: grant or take away the admin pages.

Exactly one account must match, confirmed and with a verified e-mail; its ``sub`` is printed.
Local profile: the built-in provider's account and the app user. aws: the Cognito group
``admins`` (the source of truth the ID token carries) and the app user. Removing also ends the
person's admin sessions at once.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from services.errors import AbogadoError

if TYPE_CHECKING:
    from abogado.container import Container
    from services.settings import Settings

ADMIN_GROUP = "admins"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "users",
        help="manage accounts (admins)",
        description="Manage abogado accounts.",
    )
    actions = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    admin = actions.add_parser(
        "make-admin",
        help="make the account with this e-mail an admin",
        description="Exactly one confirmed account with a verified e-mail must match; its sub "
        "is printed. Local profile: marks the built-in provider's account and the app user. "
        "aws: adds the Cognito user to the 'admins' group and marks the app user.",
    )
    admin.add_argument("email", metavar="EMAIL")
    admin.set_defaults(func=run_make_admin)
    remove = actions.add_parser(
        "remove-admin",
        help="take the admin pages away from the account with this e-mail",
        description="Removes the account from the admins (the Cognito group in aws) and ends "
        "its admin sessions at once.",
    )
    remove.add_argument("email", metavar="EMAIL")
    remove.set_defaults(func=run_remove_admin)


def run_make_admin(args: argparse.Namespace, container: Container) -> int:
    sub, where = _set_admin(container, str(args.email), admin=True)
    print(f"{_email(args)} is now an admin (sub {sub}; {where}).")
    return 0


def run_remove_admin(args: argparse.Namespace, container: Container) -> int:
    sub, where = _set_admin(container, str(args.email), admin=False)
    print(f"{_email(args)} is no longer an admin (sub {sub}; {where}); its sessions ended.")
    return 0


def _email(args: argparse.Namespace) -> str:
    return str(args.email).strip().lower()


def _set_admin(container: Container, raw_email: str, *, admin: bool) -> tuple[str, str]:
    from db.audit import end_sessions_of
    from db.local_idp import local_sub, mark_local_admin, set_app_role

    settings = container.settings
    email = raw_email.strip().lower()
    container.migrate()
    sessions = container.sessions
    if settings.profile == "aws":
        sub = _cognito_set_admin(settings, email, admin=admin)
        where = "Cognito group and app database"
    else:
        with sessions() as session:
            found = local_sub(session, email)
        if found is None:
            raise AbogadoError(f"no account with the e-mail {email}")
        sub, where = found, "local provider and app database"
    with sessions.begin() as session:
        if settings.profile != "aws":
            mark_local_admin(session, sub, admin=admin)
        set_app_role(session, sub, admin=admin)
        if not admin:
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


def _cognito_set_admin(settings: Settings, email: str, *, admin: bool) -> str:
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
        change = client.admin_add_user_to_group if admin else client.admin_remove_user_from_group
        change(UserPoolId=pool, Username=username, GroupName=ADMIN_GROUP)
    except (BotoCoreError, ClientError) as exc:
        raise AbogadoError(f"Cognito refused: {type(exc).__name__}") from exc
    return sub
