"""``abogado users make-admin EMAIL``: make an account an abogado admin.

Local profile: the built-in provider's account and the app user. aws: the Cognito group
``admins`` (the source of truth the ID token carries) and the app user.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from abogado.errors import AbogadoError

if TYPE_CHECKING:
    from abogado.settings import Settings

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
        description="Local profile: marks the built-in provider's account and the app user. "
        "aws: adds the Cognito user to the 'admins' group and marks the app user.",
    )
    admin.add_argument("email", metavar="EMAIL")
    admin.set_defaults(func=run_make_admin)


def run_make_admin(args: argparse.Namespace) -> int:
    from abogado.settings import load_settings
    from db import migrate
    from db.engine import make_engine, make_sessionmaker
    from db.local_idp import make_admin

    settings = load_settings()
    email = str(args.email).strip().lower()
    in_pool = _cognito_make_admin(settings, email) if settings.profile == "aws" else False
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings.database_url, hide_parameters=True)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            in_app = make_admin(session, email)
    finally:
        engine.dispose()
    if not (in_pool or in_app):
        raise AbogadoError(f"no account with the e-mail {email}")
    where = "Cognito group and app database" if in_pool else "app database"
    print(f"{email} is now an admin ({where}).")
    return 0


def _cognito_make_admin(settings: Settings, email: str) -> bool:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    pool = settings.cognito.user_pool_id
    if not pool:
        raise AbogadoError("ABOGADO_COGNITO__USER_POOL_ID is not set")
    client = boto3.client("cognito-idp", region_name=settings.cognito.region)
    quoted = email.replace("\\", "\\\\").replace('"', '\\"')
    try:
        users = client.list_users(UserPoolId=pool, Filter=f'email = "{quoted}"', Limit=2)["Users"]
        if not users:
            return False
        for user in users:
            client.admin_add_user_to_group(
                UserPoolId=pool, Username=user["Username"], GroupName=ADMIN_GROUP
            )
    except (BotoCoreError, ClientError) as exc:
        raise AbogadoError(f"Cognito refused: {type(exc).__name__}") from exc
    return True
