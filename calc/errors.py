"""The one exception the calculators raise: ``CalcError``, its message in plain Spanish.

Shells translate it once (a CLI exit code 2, a kind chat reply); calc itself never prints.
"""

from __future__ import annotations


class CalcError(ValueError):
    """Bad or impossible input (an end before the start, a date we cannot compute for).

    ``str(exc)`` is one line in Spanish, ready to show the worker.
    """
