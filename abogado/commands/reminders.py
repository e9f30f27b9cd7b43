"""``abogado reminders send``: one pass of the deadline-reminder sender, by hand.

Shell only: reads settings, opens the database and runs ``webhooks.reminders`` once. ``abogado
serve`` does the same every minute, and on AWS a scheduled Lambda every five.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from services.errors import AbogadoError

if TYPE_CHECKING:
    from abogado.container import Container

# The order the totals are printed in (a pass reports only the ones that happened).
_STATUSES = ("sent", "skipped", "cancelled", "failed", "retry", "unknown")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "reminders",
        help="send the deadline reminders that are due",
        description="Deadline reminders a worker asked for in the chat (e.g. 14 and 3 days "
        "before the deadline to file a claim), sent from 09:00 Mexico City time on their day.",
    )
    actions = parser.add_subparsers(dest="reminders_command", metavar="ACTION", required=True)
    send = actions.add_parser(
        "send",
        help="send every reminder due now, once, and print how many went",
        description="Send every reminder due now through the configured channels and print the "
        "totals. Safe to run beside 'abogado serve' or the scheduled function: each reminder is "
        "claimed by one sender only. Reminders of closed cases, unlinked or opted-out (BAJA) "
        "chats are cancelled; WhatsApp chats outside the 24-hour window get the template "
        "ABOGADO_TWILIO__REMINDER_TEMPLATE_SID, or are skipped when none is set.",
    )
    send.add_argument("--format", choices=("text", "json"), default="text")
    send.set_defaults(func=run_send)


def run_send(args: argparse.Namespace, container: Container) -> int:
    import asyncio

    from sqlalchemy.exc import SQLAlchemyError

    try:
        container.migrate()
        sender = container.reminder_sender

        async def once() -> dict[str, int]:
            try:
                return await sender.run_once()
            finally:
                await sender.close()

        totals = asyncio.run(once())
    except SQLAlchemyError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AbogadoError(f"cannot send reminders: {reason}") from exc
    counts = {status: totals.get(status, 0) for status in _STATUSES}
    if args.format == "json":
        print(json.dumps(counts))
    elif any(counts.values()):
        print("reminders: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    else:
        print("reminders: nothing due")
    return 0
