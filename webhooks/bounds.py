"""Cheap, pure checks that refuse hostile webhook input before any expensive parse or HMAC.

Each looks at a header string or counts bytes at C speed; none parses a whole body. Callers
(``webhooks.intake``) turn a failed check into 400, 403 or 413.
"""

from __future__ import annotations

import itertools
import re
import sys

from webhooks import limits

# base64 of 20 bytes: 26 free characters, one that carries 2 bits (its low 4 bits are zero),
# then one "=".
_TWILIO_SIGNATURE = re.compile(r"[A-Za-z0-9+/]{26}[AEIMQUYcgkosw048]=")
# A JSON string, escapes included; possessive, so an unclosed quote costs one linear scan.
_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
# Keep only brackets, as +1 (opening) and -1 (closing, 0xff as a signed byte).
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_SIGNED_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_CHUNK = 4096
_MAX_DIGITS = 18


class BadContentLength(ValueError):
    """A Content-Length header that is not a plain decimal number."""


def declared_length(value: str | None) -> int | None:
    """The declared body length, ``None`` when absent; raises ``BadContentLength`` otherwise.

    ``str.isdigit`` accepts "²" and other Unicode digits that ``int`` refuses, and a header
    comes in as Latin-1: only ASCII digits count. A number too long to convert is "huge".
    """
    if value is None:
        return None
    value = value.strip()
    if not value or not value.isascii() or not value.isdigit():
        raise BadContentLength(value[:20])
    # int() of more than 4,300 digits raises; anything past 18 digits is over every cap anyway.
    return int(value) if len(value) <= _MAX_DIGITS else sys.maxsize


def twilio_signature_shaped(signature: str | None) -> bool:
    """True when ``signature`` could be an X-Twilio-Signature (base64 of an HMAC-SHA1)."""
    return (
        signature is not None
        and len(signature) == limits.TWILIO_SIGNATURE_LENGTH
        and _TWILIO_SIGNATURE.fullmatch(signature) is not None
    )


def form_fields(body: bytes) -> int:
    """How many fields ``urllib.parse.parse_qsl`` would split ``body`` into (at most)."""
    return body.count(b"&") + 1


def json_too_complex(
    body: bytes,
    *,
    max_depth: int = limits.TELEGRAM_MAX_JSON_DEPTH,
    max_containers: int = limits.TELEGRAM_MAX_JSON_CONTAINERS,
) -> bool:
    """True when ``body`` nests arrays/objects deeper than ``max_depth``, or has more than
    ``max_containers`` of them (brackets inside strings do not count).

    Fast path: no more brackets than ``max_depth`` cannot nest deeper. Otherwise strings are cut
    out and every other byte dropped (at C speed); a count over the cap is refused as it is, and
    the running depth of the rest is summed in chunks, stopping at the first chunk past the
    limit. ``json.loads`` would recurse where this only counts.
    """
    if body.count(b"[") + body.count(b"{") <= max_depth:
        return False
    structure = _JSON_STRING.sub(b"", body).translate(_SIGNED_STEP, _NOT_BRACKETS)
    if len(structure) > 2 * max_containers:  # an opening and a closing bracket each
        return True
    steps = memoryview(structure).cast("b")  # "[" and "{" are +1, "]" and "}" are -1
    depth = 0
    for start in range(0, len(steps), _CHUNK):
        running = list(itertools.accumulate(steps[start : start + _CHUNK], initial=depth))
        if max(running) > max_depth:
            return True
        depth = running[-1]
    return False
