"""The ``abogado`` console script: argparse dispatch to one module per subcommand.

Command modules import their heavy dependencies inside ``run`` so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from abogado.container import Container
from services.errors import AbogadoError
from services.settings import load_settings

# Each name is a module in abogado.commands with register(subparsers).
COMMANDS: tuple[str, ...] = (
    "ingest",
    "law",
    "ask",
    "chat",
    "retrieve",
    "eval",
    "eval_answers",
    "users",
    "serve",
    "broadcast",
    "db",
    "reminders",
    "calc",
    "handoffs",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="abogado",
        description="Labor-law assistant for Mexican workers, grounded in the LFT.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"abogado.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from webhooks.redact import quiet_value_loggers

    quiet_value_loggers()  # even with --verbose: the HTTP clients log tokens, numbers, text
    # The process's one composition root; the settings are read once, when first needed.
    container = Container(load=load_settings, migrate=False)
    try:
        with container:
            code: int = args.func(args, container)
    except AbogadoError as exc:
        print(f"abogado: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
