"""``abogado serve``: run the webhooks app and the local worker (long polling without a webhook).

Shell only: hands the process's container over to ``abogado.serve``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from abogado.container import Container


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve",
        help="run the Telegram/WhatsApp webhooks and the local worker",
        description=(
            "Serve POST /webhooks/telegram, /webhooks/whatsapp (and its status callbacks), "
            "/healthz, the login-link pages and the admin pages at /admin, with an in-process "
            "worker over the database queue. With ABOGADO_TELEGRAM__BOT_TOKEN set and no public "
            "https URL, Telegram is read by long polling instead of a webhook."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, container: Container) -> int:
    from abogado.serve import serve

    serve(container, host=args.host, port=args.port)
    return 0
