"""``abogado db upgrade`` (schema to the Alembic head), ``db purge`` and ``db sweep``.

Shell only: takes the settings and the database from the container and calls ``db.migrate``,
``db.housekeeping`` or ``db.sweeper``. All are safe to run again. Deploys run ``upgrade``
once; production purges daily, sweeps hourly.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from services.errors import AbogadoError

if TYPE_CHECKING:
    from datetime import datetime

    from abogado.container import Container
    from db.sweeper import LostUpdate, SweepReport


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
    sweep = actions.add_parser(
        "sweep",
        help="hand back updates the queue lost; dead-letter them after 3 tries or a day",
        description="Find inbound updates still queued (or leased) an hour after anything last "
        "happened to them: on AWS their SQS message went to the dead-letter queue. Each is sent "
        "to the queue again (ABOGADO_SQS__QUEUE_URL; the local worker needs no message), and "
        "dead-lettered with a reason after 3 such tries or once a day old. Prints the counts.",
    )
    sweep.set_defaults(func=run_sweep)


def run_purge(args: argparse.Namespace, container: Container) -> int:
    from datetime import UTC, datetime

    from sqlalchemy.exc import SQLAlchemyError

    from db.housekeeping import purge

    try:
        with container.sessions.begin() as session:
            counts = purge(session, now=datetime.now(UTC))
    except SQLAlchemyError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AbogadoError(f"cannot purge the database: {reason}") from exc
    print(", ".join(f"{table}: {n}" for table, n in counts.items()) + " rows deleted")
    return 0


def run_upgrade(args: argparse.Namespace, container: Container) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from db import migrate

    url = container.settings.database_url
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


def sqs_requeue(queue_url: str, client: Any) -> Callable[[LostUpdate], None]:
    """Send a lost update to the FIFO queue again: its chat's group, a dedup id of its own."""
    from abogado.container import sqs_enqueue
    from webhooks.ports import QueueItem

    enqueue = sqs_enqueue(queue_url, client)

    def requeue(lost: LostUpdate) -> None:
        # A new deduplication id: the first one may still be inside SQS's 5-minute window.
        platform_id = f"{lost.platform_id}#sweep{lost.sweep}"
        enqueue(QueueItem(lost.id, lost.channel, lost.chat_key, platform_id))

    return requeue


def sweep_database(container: Container, *, sqs: Any, now: datetime) -> SweepReport:
    """One sweep of the configured database, re-enqueuing through ``sqs`` when a queue is set."""
    from db.sweeper import sweep

    settings = container.settings

    def wake_local(_: LostUpdate) -> None:
        """The local worker claims queued rows from the database itself."""

    requeue = sqs_requeue(settings.sqs.queue_url, sqs) if settings.sqs.queue_url else wake_local
    return sweep(container.sessions, now=now, requeue=requeue)


def run_sweep(args: argparse.Namespace, container: Container) -> int:
    from datetime import UTC, datetime

    from sqlalchemy.exc import SQLAlchemyError

    settings = container.settings
    sqs = None
    if settings.sqs.queue_url:
        import boto3

        sqs = boto3.client("sqs", region_name=settings.bedrock.region)
    try:
        report = sweep_database(container, sqs=sqs, now=datetime.now(UTC))
    except SQLAlchemyError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AbogadoError(f"cannot sweep the database: {reason}") from exc
    print(", ".join(f"{name}: {n}" for name, n in report.as_dict().items()))
    return 1 if report.failed else 0
