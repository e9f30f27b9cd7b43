"""What a log line may say about a failure: the exception's type and where ours raised it, a
send failure's code. Never its message, repr or traceback: those can carry a phone number, a
worker's words or a token (a driver's error with its SQL parameters, Twilio's "the 'To' number
… is not valid", Telegram's excerpt of the text it could not parse).
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

_OURS = ("abogado", "bot", "db", "rag", "ingest", "webhooks", "calc", "tests", "bench")
_CODE = re.compile(r"[A-Za-z0-9_.\- ]{1,40}")
_NUMBER = re.compile(r"\d{7}")


def describe(exc: BaseException) -> str:
    """``OperationalError at db/inbound.py:120 (from TimeoutError)``: the type, the innermost
    frame of our code, and the types of its causes."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        parts = Path(frame.filename).parts
        for i, part in enumerate(parts[:-1]):
            if part in _OURS:
                where = f" at {'/'.join(parts[i:])}:{frame.lineno}"
                break
        if where:
            break
    causes: list[str] = []
    cause = exc.__cause__ or exc.__context__
    while cause is not None and len(causes) < 3:
        causes.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    chain = f" (from {' from '.join(causes)})" if causes else ""
    return f"{type(exc).__name__}{where}{chain}"


def reason_code(reason: str) -> str:
    """The code at the head of a failure reason (``send: bad_request``, ``turn: KeyError``,
    ``send: twilio 21211``), without the free text a platform may have added after it."""
    words: list[str] = []
    for part in reason.split(":")[:2]:
        match = _CODE.fullmatch(part.strip())
        if match is None or _NUMBER.search(part):  # a phone number is no code
            break
        words.append(match.group(0))
    return ": ".join(words) or "unknown"


# Loggers of our HTTP clients that write values at INFO or DEBUG: httpx the request URL (the
# Telegram Bot API's holds the bot token), the SDKs their request parameters (numbers, bodies).
_VALUE_LOGGERS = ("httpx", "httpcore", "telegram", "twilio", "botocore", "urllib3")


def quiet_value_loggers() -> None:
    """Warnings only from the loggers above, unless a level was set for one on purpose; the
    composition root calls it (Lambda's root logger is at INFO)."""
    for name in _VALUE_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)
