"""``python -m abogado`` runs the CLI."""

from __future__ import annotations

import sys

from abogado.cli import main

sys.exit(main())
