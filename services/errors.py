"""Errors the CLI translates into a one-line message and an exit code.

Packages raise their own errors; commands wrap them into ``AbogadoError`` once.
"""

from __future__ import annotations


class AbogadoError(Exception):
    """A failure the user can act on; ``str(exc)`` is the one-line message."""

    exit_code = 1


class UsageError(AbogadoError):
    exit_code = 2
