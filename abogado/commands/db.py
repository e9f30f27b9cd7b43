"""``abogado db upgrade`` (schema to the Alembic head) and ``abogado db purge`` (housekeeping).

Shell only: reads the settings and calls ``db.migrate`` or ``db.housekeeping``. Both are safe
to run again. Deploys run ``upgrade`` once, before the new code serves traffic; production
runs ``purge`` daily.
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
    purge = actions.add_parser(
        "purge",
        help="delete old queue rows, dedupe ledgers and expired login links and codes",
        description="Delete rows that have done their job: processed updates after 7 days, "
        "dead letters and delivery statuses after 30, the answered-message ledger after 7, "
        "expired or used login links and codes after a day, the conversation state of a chat "
        "never linked after 30 days of silence, deadline reminders sent, skipped or cancelled "
        "after 30. Never touches users, cases, messages or "
        "anything still queued. Prints how many rows went, per table.",
    )
    purge.set_defaults(func=run_purge)


def run_purge(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from sqlalchemy.exc import SQLAlchemyError

    from abogado.settings import load_settings
    from db.engine import make_engine, make_sessionmaker
    from db.housekeeping import purge

    engine = make_engine(load_settings().database_url)
    try:
        with make_sessionmaker(engine).begin() as session:
            counts = purge(session, now=datetime.now(UTC))
    except SQLAlchemyError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AbogadoError(f"cannot purge the database: {reason}") from exc
    finally:
        engine.dispose()
    print(", ".join(f"{table}: {n}" for table, n in counts.items()) + " rows deleted")
    return 0


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
