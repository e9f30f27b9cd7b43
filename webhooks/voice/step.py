"""The worker's voice step: check the limits, say it is listening, fetch, transcribe, and
turn a voice note into the typed text the turn handles (with an "Entendí: «…»" to show first).

Nothing is stored here; the transcript becomes the inbound's text, which the turn keeps.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from bot import wording
from bot.messages import Inbound, Reply
from webhooks.voice import limits
from webhooks.voice.ports import MediaFetcher, TooLong, Transcriber, VoiceError

log = logging.getLogger(__name__)

Send = Callable[[Inbound, str, int], Awaitable[object]]


@dataclass(frozen=True)
class Hearing:
    """One of: ``inbound`` (the words, as typed text) with ``echo`` to send before the turn's
    replies; ``refusal`` (replies instead of a turn); ``retry`` (the reason to try again)."""

    inbound: Inbound | None = None
    echo: tuple[Reply, ...] = ()
    refusal: tuple[Reply, ...] = ()
    retry: str | None = None


class VoiceStep:
    def __init__(
        self,
        *,
        transcriber: Transcriber,
        fetchers: Mapping[str, MediaFetcher],
        max_seconds: float = limits.MAX_SECONDS,
        max_bytes: int = limits.MAX_BYTES,
        notice_from_s: float = limits.NOTICE_FROM_SECONDS,
    ) -> None:
        self._transcriber = transcriber
        self._fetchers = dict(fetchers)
        self._max_seconds = max_seconds
        self._max_bytes = max_bytes
        self._notice_from_s = notice_from_s

    @staticmethod
    def applies(parsed: object) -> bool:
        return isinstance(parsed, Inbound) and parsed.attachment is not None

    async def hear(self, inbound: Inbound, *, first_try: bool, send: Send) -> Hearing:
        """``first_try``: the listening notice goes out on the first attempt only."""
        attachment = inbound.attachment
        fetcher = self._fetchers.get(inbound.channel)
        if attachment is None or fetcher is None:
            return Hearing(retry=f"voice: no {inbound.channel} media fetcher")
        too_long = Hearing(refusal=(Reply(self._too_long()),))
        try:
            if attachment.seconds is not None and attachment.seconds > self._max_seconds:
                return too_long
            size = await fetcher.size(attachment)
            if size is not None and size > self._max_bytes:
                return too_long
            seconds = attachment.seconds or 0.0
            if first_try and (self._transcriber.slow or seconds >= self._notice_from_s):
                await send(inbound, wording.VOICE_LISTENING, 0)
            audio = await fetcher.fetch(attachment, max_bytes=self._max_bytes)
            if (ogg_seconds(audio.data) or 0.0) > self._max_seconds:  # no duration was given
                return too_long
            text = await self._transcriber.transcribe(audio)
        except TooLong:
            return too_long
        except VoiceError as exc:
            log.warning("voice note not transcribed (%s); retried later", exc)
            return Hearing(retry=f"voice: {exc}")
        if not text:
            return Hearing(refusal=(Reply(wording.VOICE_NOT_UNDERSTOOD),))
        words = Inbound.from_text(
            channel=inbound.channel,
            chat_id=inbound.chat_id,
            message_id=inbound.message_id,
            text=text,
            received_at=inbound.received_at,
        )
        return Hearing(inbound=words, echo=(Reply(wording.VOICE_HEARD.format(text=text)),))

    def _too_long(self) -> str:
        return wording.VOICE_TOO_LONG.format(minutes=round(self._max_seconds / 60))


def ogg_seconds(data: bytes) -> float | None:
    """An Ogg/Opus file's length from its last page's granule position (48 kHz for Opus, less
    the pre-skip); None for anything else. WhatsApp's and Telegram's voice notes are Ogg/Opus."""
    head = data.find(b"OpusHead", 0, 512)
    last = data.rfind(b"OggS")
    if head < 0 or last < 0 or len(data) < last + 14 or len(data) < head + 12:
        return None
    (granule,) = struct.unpack_from("<q", data, last + 6)
    (pre_skip,) = struct.unpack_from("<H", data, head + 10)
    return max(0.0, (granule - pre_skip) / 48000) if granule > 0 else None
