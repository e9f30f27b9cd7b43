"""Reading Stripe's JSON defensively: a field of the wrong type is treated as absent, never an
error (a webhook must not fail on an odd payload)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Obj = Mapping[str, Any]


def json_map(value: object) -> Mapping[str, Any]:
    """A JSON object field, or an empty one when the field is anything else."""
    return value if isinstance(value, Mapping) else {}


def json_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def json_int(value: object) -> int | None:
    """A JSON integer field (not a boolean), within a database INT, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**31:
        return value
    return None


def json_str(value: object) -> str | None:
    """A Stripe id field: a string, or an expanded object's id; None when absent."""
    if isinstance(value, Mapping):
        value = value.get("id")
    return value[:255] if isinstance(value, str) and value else None
