"""``abogado broadcast create|send|status``: the admin page's broadcasts from the command line.

Shell only: takes the database from the container and drives ``db.broadcasts`` and the sender in
``webhooks.broadcast``. Every create and send is recorded in the admin audit log.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from services.errors import AbogadoError, UsageError

if TYPE_CHECKING:
    from abogado.container import Container
    from webhooks.broadcast.sender import BroadcastSender, Progress


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "broadcast",
        help="create, send and follow broadcasts to workers",
        description="Broadcasts reach every Telegram/WhatsApp chat that has not opted out "
        "(BAJA); the options narrow the audience. Each message ends with how to stop them.",
    )
    actions = parser.add_subparsers(dest="broadcast_command", metavar="ACTION", required=True)

    create = actions.add_parser(
        "create", help="create a broadcast (prints its id)", description="Create a broadcast."
    )
    create.add_argument("--text", required=True, help="the message (up to 1,000 characters)")
    from webhooks.channels import CHANNEL_NAMES

    create.add_argument("--channel", choices=(*CHANNEL_NAMES, "all"), default="all")
    create.add_argument("--linked-only", action="store_true", help="only chats linked to accounts")
    create.add_argument("--topic", help="only users with an open case on this topic")
    create.add_argument("--active-days", type=int, metavar="N", help="only users active in N days")
    create.add_argument(
        "--template-sid", metavar="SID", help="WhatsApp template for chats outside 24 h"
    )
    create.add_argument(
        "--template-var",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a template variable (repeatable), e.g. 1=Mayo",
    )
    create.set_defaults(func=run_create)

    send = actions.add_parser(
        "send",
        help="send a broadcast (resumes after a crash)",
        description="Send the pending deliveries of a broadcast. Safe to run again: rows already "
        "sent are never sent twice; rows in doubt after a crash become 'unknown'.",
    )
    send.add_argument("id", type=int, metavar="ID")
    send.add_argument("--telegram-rate", type=float, default=None, help="messages/s (30)")
    send.add_argument("--whatsapp-rate", type=float, default=None, help="messages/s (10)")
    send.add_argument(
        "--lease-seconds", type=float, default=60.0, help="when a dead sender's claims expire"
    )
    send.add_argument(
        "--retry-unknown", action="store_true", help="send the 'unknown' rows again first"
    )
    send.set_defaults(func=run_send)

    status = actions.add_parser(
        "status", help="totals by delivery status", description="Show a broadcast's totals."
    )
    status.add_argument("id", type=int, metavar="ID")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(func=run_status)


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _variables(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--template-var takes NAME=VALUE, got {pair!r}")
        found[name.strip()] = value
    return found


def run_create(args: argparse.Namespace, container: Container) -> int:
    from db.audit import record_action
    from db.broadcasts import Audience, count_audience, create_broadcast
    from webhooks.broadcast.compose import InvalidBroadcast, check

    variables = _variables(args.template_var)
    try:
        check(args.text, template_sid=args.template_sid, variables=variables)
    except InvalidBroadcast as exc:
        raise UsageError(str(exc)) from exc
    if args.active_days is not None and args.active_days < 1:
        raise UsageError("--active-days must be at least 1")
    audience = Audience(
        channel=args.channel,
        linked_only=args.linked_only,
        topic=args.topic or None,
        active_days=args.active_days,
    )
    now = datetime.now(UTC)
    container.migrate()
    with container.sessions.begin() as session:
        broadcast_id = create_broadcast(
            session,
            text=args.text.strip(),
            audience=audience,
            created_by=_actor(),
            now=now,
            template_sid=args.template_sid,
            template_variables=variables,
        )
        reach = count_audience(session, audience, now=now)
        record_action(
            session,
            actor=_actor(),
            action="create",
            broadcast_id=broadcast_id,
            now=now,
            detail={"audience": reach},
        )
    print(broadcast_id)
    print("audience: " + ", ".join(f"{k} {v}" for k, v in reach.items()), file=sys.stderr)
    return 0


def run_send(args: argparse.Namespace, container: Container) -> int:
    import asyncio

    from db.audit import record_action
    from db.broadcasts import get_broadcast
    from db.deliveries import retry_unknown

    container.migrate()
    sessions = container.sessions
    now = datetime.now(UTC)
    with sessions.begin() as session:
        view = get_broadcast(session, args.id)
        if view is None:
            raise AbogadoError(f"no broadcast {args.id}")
        if args.retry_unknown:
            retry_unknown(session, args.id, now=now)
        record_action(session, actor=_actor(), action="send", broadcast_id=args.id, now=now)
    rates = {"telegram": args.telegram_rate, "whatsapp": args.whatsapp_rate}
    sender = container.broadcast_sender(
        rates={name: rate for name, rate in rates.items() if rate},
        lease=timedelta(seconds=args.lease_seconds),
    )
    total = sender.prepare(args.id)
    with sessions() as session:
        view = get_broadcast(session, args.id)
    assert view is not None
    remaining = view.counts["pending"] + view.counts["sending"]
    with _progress(total=remaining, already=total - remaining) as tick:
        totals = asyncio.run(_send(sender, args.id, tick))
    print(_line(totals))
    return 0


async def _send(sender: BroadcastSender, broadcast_id: int, tick: Progress) -> dict[str, int]:
    try:
        return await sender.run(broadcast_id, progress=tick)
    finally:
        for broadcaster in sender.broadcasters.values():
            await broadcaster.close()


@contextmanager
def _progress(*, total: int, already: int) -> Iterator[Progress]:
    """A tqdm bar on a terminal; otherwise a plain line every 100 messages and at the end."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        with tqdm(total=total, unit="msg", desc="broadcast", file=sys.stderr) as bar:

            def advance(_status: str) -> None:
                bar.update(1)

            yield advance
        return
    done = 0

    def tick(_status: str) -> None:
        nonlocal done
        done += 1
        if done % 100 == 0 or done == total:
            print(f"{done}/{total} sent or settled", file=sys.stderr, flush=True)

    print(f"{already} already settled, {total} to send", file=sys.stderr, flush=True)
    yield tick


def _line(totals: dict[str, int]) -> str:
    shown = [f"{k} {v}" for k, v in totals.items() if v]
    return f"total {sum(totals.values())}: " + (", ".join(shown) or "nothing to send")


def run_status(args: argparse.Namespace, container: Container) -> int:
    from db.broadcasts import get_broadcast

    container.migrate()
    with container.sessions() as session:
        view = get_broadcast(session, args.id)
    if view is None:
        raise AbogadoError(f"no broadcast {args.id}")
    if args.format == "json":
        print(
            json.dumps(
                {
                    "id": view.id,
                    "status": view.status,
                    "channel": view.audience.channel,
                    "created_by": view.created_by,
                    "created_at": view.created_at.isoformat(),
                    "total": view.total,
                    "counts": view.counts,
                }
            )
        )
    else:
        print(f"broadcast {view.id} ({view.status}, {view.audience.channel}): {_line(view.counts)}")
    return 0
