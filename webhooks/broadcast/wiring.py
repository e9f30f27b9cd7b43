"""Builds a ``BroadcastSender`` from settings: the channels that are configured, their pacers.

Called by the CLI and the admin pages; nothing at import.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from webhooks.broadcast.pacing import (
    TELEGRAM_PER_CHAT_S,
    TELEGRAM_RATE,
    WHATSAPP_RATE,
    Pacer,
)
from webhooks.broadcast.sender import DEFAULT_LEASE, Broadcaster, BroadcastSender

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from services.settings import Settings


def build_broadcasters(settings: Settings) -> dict[str, Broadcaster]:
    """The configured channels (``webhooks.wiring.build_channels``) as broadcasters."""
    from webhooks.wiring import build_channels

    return build_channels(settings).broadcasters()


def build_sender(
    settings: Settings,
    *,
    sessions: sessionmaker[Session],
    telegram_rate: float = TELEGRAM_RATE,
    whatsapp_rate: float = WHATSAPP_RATE,
    lease: timedelta = DEFAULT_LEASE,
) -> BroadcastSender:
    return BroadcastSender(
        sessions=sessions,
        broadcasters=build_broadcasters(settings),
        pacers={
            "telegram": Pacer(rate=telegram_rate, per_chat_s=TELEGRAM_PER_CHAT_S),
            "whatsapp": Pacer(rate=whatsapp_rate),
        },
        lease=lease,
    )
