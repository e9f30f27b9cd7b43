"""``abogado db upgrade``: bring the database to the newest schema (the Alembic head).

Shell only: reads the settings and calls ``db.migrate``. Safe to run again: a database already
at the head is left as it is. Deploys run it once, before the new code serves traffic.
"""

from __future__ import annotations

import argparse

from abogado.errors import AbogadoError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "db",
        help="manage the database schema",
        description="Manage the schema of the database at ABOGADO_DATABASE__URL "
        "(the local profile's SQLite file under ABOGADO_DATA_DIR when unset).",
    )
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser(
        "upgrade",
        help="apply every pending migration and print the head revision",
        description="Apply every pending migration (on an empty database: create every table) "
        "and print the revision the database is at. Running it again changes nothing.",
    )
    upgrade.set_defaults(func=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from abogado.settings import load_settings
    from db import migrate

    url = load_settings().database_url
    try:
        before = migrate.current(url)
        migrate.upgrade(url)
        after = migrate.current(url)
    except SQLAlchemyError as exc:
        # The first line names the failure; the rest (SQL, parameters) stays out of the output.
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AbogadoError(f"cannot upgrade the database: {reason}") from exc
    head = migrate.head()
    if after != head:
        raise AbogadoError(f"the database is at {after}, not at the head {head}")
    was = "already there" if before == after else f"was {before or 'empty'}"
    print(f"database at revision {after} (head; {was})")
    return 0
