"""``abogado handoffs sweep|make-lawyer|remove-lawyer``: run the handoff SLA sweep and deliver
pending notices once (what ``serve`` does every minute and the Lambda on a schedule), and grant
or take away the lawyers' inbox (/abogados): the local provider's account, or the Cognito group
``abogados`` in aws. Removing also ends the person's sessions at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from abogado.container import Container

LAWYER_GROUP = "abogados"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "handoffs",
        help="handoffs to a lawyer: the SLA sweep, lawyer accounts",
        description="Handoffs to a lawyer (docs/handoff.md).",
    )
    actions = parser.add_subparsers(dest="handoffs_command", metavar="ACTION", required=True)
    sweep = actions.add_parser(
        "sweep",
        help="escalate requests nobody claimed in time, refund them, deliver pending notices",
        description="One pass: requests open and unclaimed longer than "
        "ABOGADO_HANDOFF__CLAIM_WITHIN_MINUTES are escalated once (the worker is told) and "
        "refunded if paid; then every notice due now is delivered to its chat.",
    )
    sweep.add_argument("--format", choices=("text", "json"), default="text")
    sweep.set_defaults(func=run_sweep)
    make = actions.add_parser(
        "make-lawyer",
        help="give the account with this e-mail the lawyers' inbox",
        description="Exactly one confirmed account with a verified e-mail must match. Local "
        "profile: marks the built-in provider's account. aws: adds the Cognito user to the "
        "'abogados' group. It takes effect at the person's next sign-in at /abogados.",
    )
    make.add_argument("email", metavar="EMAIL")
    make.set_defaults(func=run_make_lawyer)
    remove = actions.add_parser(
        "remove-lawyer",
        help="take the lawyers' inbox away from the account with this e-mail",
        description="Removes the account from the abogados group and ends its sessions.",
    )
    remove.add_argument("email", metavar="EMAIL")
    remove.set_defaults(func=run_remove_lawyer)


def run_sweep(args: argparse.Namespace, container: Container) -> int:
    container.migrate()
    result = container.handoff_sweep.run_once()
    courier = container.courier

    async def deliver() -> dict[str, int]:
        try:
            return await courier.run_once()
        finally:
            await courier.close()

    sent = asyncio.run(deliver())
    if args.format == "json":
        print(json.dumps({**result.metrics(), "notices": sent}, sort_keys=True))
    else:
        print(
            f"escalated {result.escalated}, refunded {result.refunded}, "
            f"refunds failed {result.refunds_failed}; notices {sent or 'none due'}"
        )
    return 1 if result.refunds_failed else 0


def run_make_lawyer(args: argparse.Namespace, container: Container) -> int:
    sub, where = _set_lawyer(container, str(args.email), lawyer=True)
    print(f"{_email(args)} is now a lawyer (sub {sub}; {where}).")
    return 0


def run_remove_lawyer(args: argparse.Namespace, container: Container) -> int:
    sub, where = _set_lawyer(container, str(args.email), lawyer=False)
    print(f"{_email(args)} is no longer a lawyer (sub {sub}; {where}); its sessions ended.")
    return 0


def _email(args: argparse.Namespace) -> str:
    return str(args.email).strip().lower()


def _set_lawyer(container: Container, raw_email: str, *, lawyer: bool) -> tuple[str, str]:
    from abogado.commands.memberships import set_membership
    from db.local_idp import mark_local_lawyer

    return set_membership(
        container,
        raw_email,
        group=LAWYER_GROUP,
        member=lawyer,
        local_mark=lambda session, sub, on: mark_local_lawyer(session, sub, lawyer=on),
    )
