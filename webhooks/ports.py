"""What the webhook shell needs from the rest of the system, as small protocols.

``RunTurn`` gives the replies of ``services.turns.TurnRunner.handle`` (one atomic, idempotent
turn); ``Enqueue`` is the local worker's wake-up or the SQS FIFO send; the store is
``db.inbound.SqlInbox``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.messages import Inbound, Reply

# Run the turn for an inbound once; the same inbound again returns the same (stored) replies.
RunTurn = Callable[[Inbound], Sequence[Reply]]


@dataclass(frozen=True)
class QueueItem:
    """What the queue carries: the stored row, and the chat and platform id for ordering."""

    update_id: int
    channel: str
    chat_key: str
    platform_id: str


# Hand the stored update to the worker (wake the local one, or send to SQS); raise on failure.
Enqueue = Callable[[QueueItem], None]


class IdentityMarks(Protocol):
    def set_blocked(self, *, channel: str, chat_id: str, blocked: bool, now: datetime) -> None:
        """The user blocked (or unblocked) the bot: stop (or resume) sending to this chat."""
        ...
