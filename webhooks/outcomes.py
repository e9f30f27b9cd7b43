"""What a channel adapter reports after trying to send one reply.

The caller (the worker, later broadcasts) stores the outcome: a blocked identity stops receiving,
a retryable failure goes back to the queue with ``sent_parts`` so no chunk is sent twice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sent:
    provider_ids: tuple[str, ...]
    # True when an HTML send failed to parse and the chunk went out as plain text instead.
    plain_fallback: bool = False


@dataclass(frozen=True)
class Blocked:
    """The user blocked the bot (Telegram 403) or opted out (Twilio 21610): never retry."""

    reason: str


@dataclass(frozen=True)
class OutsideWindow:
    """WhatsApp free-form text is allowed only within 24 h of the user's last message (63016)."""

    reason: str = "outside_24h_window"


@dataclass(frozen=True)
class Failed:
    reason: str
    retryable: bool
    # Chunks already delivered; a retry resumes after them.
    sent_parts: int = 0


SendOutcome = Sent | Blocked | OutsideWindow | Failed
