"""The ports of the voice step (a transcriber, a media fetcher) and its failures.

Adapters live beside this module (``openai``, ``transcribe``, ``media``); the worker sees
only these shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.messages import Attachment
from webhooks.errors import WebhooksError


class VoiceError(WebhooksError):
    """Transcription or a download failed for now (a server down, a timeout): the update is
    retried through the worker's retry path. ``str(exc)`` is a short code, never a transcript."""


class TooLong(WebhooksError):
    """The audio is over the duration or size limit: the person is told, nothing is retried."""


@dataclass(frozen=True)
class Audio:
    """Downloaded audio, in memory only."""

    data: bytes
    mime: str


class Transcriber(Protocol):
    """Speech in Spanish → text. ``slow``: usually takes more than a few seconds (a batch job),
    so the person is told the bot is listening."""

    @property
    def slow(self) -> bool: ...

    async def transcribe(self, audio: Audio) -> str:
        """The words, or ``""`` when nothing was understood; ``VoiceError`` when it failed."""
        ...


class MediaFetcher(Protocol):
    """One channel's way to download what a person sent."""

    async def size(self, attachment: Attachment) -> int | None:
        """The size in bytes when it can be learned without downloading (None: unknown)."""
        ...

    async def fetch(self, attachment: Attachment, *, max_bytes: int) -> Audio:
        """The bytes; ``TooLong`` past ``max_bytes``, ``VoiceError`` when it failed."""
        ...
