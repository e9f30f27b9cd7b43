"""One module per ``abogado`` subcommand, each with ``register(subparsers)``."""
