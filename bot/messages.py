"""What enters and leaves the conversation: ``Inbound`` messages and ``Reply`` values.

Channel adapters (webhooks, the CLI) build these; nothing here knows a platform's wire format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Channel = Literal["telegram", "whatsapp", "cli"]
InboundKind = Literal["text", "command", "media", "empty", "unsupported"]
MediaKind = Literal["sticker", "photo", "voice", "video", "document", "location", "contact"]

CHANNELS: tuple[Channel, ...] = ("telegram", "whatsapp", "cli")
MEDIA_KINDS: tuple[MediaKind, ...] = (
    "sticker",
    "photo",
    "voice",
    "video",
    "document",
    "location",
    "contact",
)


@dataclass(frozen=True)
class Attachment:
    """Where a sound the person sent can be fetched (a Telegram ``file_id``, a Twilio media URL),
    with what the platform said about it before any download; never the bytes themselves."""

    ref: str
    mime: str = ""
    seconds: float | None = None
    size: int | None = None


@dataclass(frozen=True)
class Inbound:
    """One message a person sent, as the conversation sees it.

    ``chat_id`` is the platform's chat (Telegram chat id, WhatsApp number, "local" for the CLI);
    ``message_id`` is the platform's id for this message (``update_id``/``MessageSid``), which
    together with the channel and chat makes the idempotency key.
    """

    channel: Channel
    chat_id: str
    message_id: str
    kind: InboundKind
    received_at: datetime
    text: str = ""
    media: MediaKind | None = None
    # A voice note or audio file the shell may transcribe (``webhooks.voice``).
    attachment: Attachment | None = None

    @classmethod
    def from_text(
        cls, *, channel: Channel, chat_id: str, message_id: str, text: str, received_at: datetime
    ) -> Inbound:
        """Classify typed text: blank → empty, ``/word`` → command, anything else → text."""
        # A lone surrogate (broken emoji from a client) cannot be stored as UTF-8; replace it.
        text = text.encode("utf-8", "replace").decode("utf-8")
        stripped = text.strip()
        if not stripped:
            kind: InboundKind = "empty"
        elif stripped.startswith("/"):
            kind = "command"
        else:
            kind = "text"
        return cls(
            channel=channel,
            chat_id=chat_id,
            message_id=message_id,
            kind=kind,
            received_at=received_at,
            text=text,
        )

    @classmethod
    def from_media(
        cls,
        *,
        channel: Channel,
        chat_id: str,
        message_id: str,
        media: MediaKind,
        received_at: datetime,
        caption: str = "",
        attachment: Attachment | None = None,
    ) -> Inbound:
        return cls(
            channel=channel,
            chat_id=chat_id,
            message_id=message_id,
            kind="media",
            received_at=received_at,
            text=caption,
            media=media,
            attachment=attachment,
        )

    @property
    def key(self) -> str:
        """Idempotency key: a hash, so the stored key does not reveal the chat (a phone number)."""
        raw = f"{self.channel}\x1f{self.chat_id}\x1f{self.message_id}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Reply:
    """Text for the person, with optional numbered options (buttons where the channel has them)."""

    text: str
    options: tuple[str, ...] = ()

    def as_text(self) -> str:
        """The reply for text-only channels: options become a numbered list."""
        if not self.options:
            return self.text
        lines = [f"{i}. {option}" for i, option in enumerate(self.options, start=1)]
        return self.text + "\n\n" + "\n".join(lines)
