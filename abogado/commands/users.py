"""``abogado users make-admin|remove-admin EMAIL``: grant or take away the admin pages.

Exactly one account must match, confirmed and with a verified e-mail; its ``sub`` is printed.
Local profile: the built-in provider's account and the app user. aws: the Cognito group
``admins`` (the source of truth the ID token carries) and the app user. Removing also ends the
person's admin sessions at once.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from abogado.container import Container

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
    from abogado.commands.memberships import set_membership
    from db.local_idp import mark_local_admin, set_app_role

    return set_membership(
        container,
        raw_email,
        group=ADMIN_GROUP,
        member=admin,
        local_mark=lambda session, sub, on: mark_local_admin(session, sub, admin=on),
        app_mark=lambda session, sub, on: set_app_role(session, sub, admin=on),
    )
