"""The one shape every messaging channel has (parse a stored update, send a reply, send a
broadcast, pace bulk sends, close) and the registry the composition root builds once and hands
to the worker and the senders.

Adding a channel: implement ``Channel`` in its own module and register it (docs/channels.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

from webhooks.outcomes import Blocked, Failed, SendOutcome, Sent

if TYPE_CHECKING:
    from webhooks.broadcast.pacing import Pacer
    from webhooks.broadcast.providers import Message, Result
    from webhooks.broadcast.sender import Broadcaster
    from webhooks.parse import Parsed

# The channels this codebase ships, with the name people know them by (what the admin pages,
# the CLI and the login pages show).
CHANNEL_TITLES: dict[str, str] = {"telegram": "Telegram", "whatsapp": "WhatsApp"}
CHANNEL_NAMES: tuple[str, ...] = tuple(CHANNEL_TITLES)

# One classification of a failed send, for replies and broadcasts alike.
ErrorKind = Literal["retry", "blocked", "permanent", "unknown"]


@dataclass(frozen=True)
class SendError:
    """``retry``: nothing was delivered, send again after ``after_s``; ``blocked``: the person
    blocked the bot or opted out; ``permanent``: sending again cannot help; ``unknown``: the
    request went out and no answer came back (it may have arrived: never sent again)."""

    kind: ErrorKind
    reason: str
    after_s: float = 0.0


def reply_outcome(error: SendError) -> SendOutcome:
    """A failed reply send: blocked stops the chat, unknown counts as sent (never twice)."""
    if error.kind == "blocked":
        return Blocked(error.reason)
    if error.kind == "unknown":
        return Sent(())
    return Failed(error.reason, retryable=error.kind == "retry")


class Channel(Protocol):
    @property
    def name(self) -> str: ...

    def parse(self, payload: str, *, received_at: datetime) -> Parsed:
        """The stored update (as ``intake`` stored it) → an inbound, a chat status, or nothing."""
        ...

    async def send(
        self,
        chat_id: str,
        text: str,
        *,
        last_inbound_at: datetime | None,
        start_part: int = 0,
    ) -> SendOutcome:
        """A reply, split as the channel needs, skipping the first ``start_part`` parts."""
        ...

    async def broadcast(
        self, chat_id: str, message: Message, *, last_inbound_at: datetime | None
    ) -> Result:
        """One broadcast message, no retries (the broadcast sender paces and retries)."""
        ...

    def pacer(self, rate: float | None = None) -> Pacer:
        """Pacing for bulk sends (broadcasts, reminders) within the platform's limits; ``rate``
        (messages per second) instead of the channel's own."""
        ...

    async def close(self) -> None: ...


class ChannelRegistry(Mapping[str, Channel]):
    """Name → configured channel. Built by ``abogado.container.configured_channels``."""

    def __init__(self, channels: Mapping[str, Channel] | None = None) -> None:
        self._channels: dict[str, Channel] = dict(channels or {})
        for name, channel in self._channels.items():
            if channel.name != name:
                raise ValueError(f"channel {channel.name!r} registered as {name!r}")

    @classmethod
    def of(cls, *channels: Channel | None) -> ChannelRegistry:
        """The given channels under their own names; ``None`` (not configured) is skipped."""
        return cls({c.name: c for c in channels if c is not None})

    def __getitem__(self, name: str) -> Channel:
        return self._channels[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._channels)

    def __len__(self) -> int:
        return len(self._channels)

    def broadcasters(self) -> dict[str, Broadcaster]:
        """The channels as the broadcast sender's broadcasters (``send`` = ``broadcast``)."""
        return {name: _AsBroadcaster(channel) for name, channel in self._channels.items()}

    def pacers(self, rates: Mapping[str, float]) -> dict[str, Pacer]:
        """Each channel's pacer; ``rates`` overrides some channels' messages per second."""
        return {name: channel.pacer(rates.get(name)) for name, channel in self._channels.items()}

    async def close(self) -> None:
        for channel in self._channels.values():
            await channel.close()


class _AsBroadcaster:
    def __init__(self, channel: Channel) -> None:
        self._channel = channel
        self.channel = channel.name

    async def send(
        self, chat_id: str, message: Message, *, last_inbound_at: datetime | None
    ) -> Result:
        return await self._channel.broadcast(chat_id, message, last_inbound_at=last_inbound_at)

    async def close(self) -> None:
        await self._channel.close()


__all__ = [
    "CHANNEL_NAMES",
    "CHANNEL_TITLES",
    "Channel",
    "ChannelRegistry",
    "ErrorKind",
    "SendError",
    "reply_outcome",
]
