"""An OpenAI-compatible ``POST /v1/audio/transcriptions`` server (a self-hosted whisper, or
OpenAI's own) as a ``Transcriber``. Sends the audio once, keeps nothing, logs no words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webhooks.voice import limits
from webhooks.voice.formats import audio_format
from webhooks.voice.media import tls
from webhooks.voice.ports import Audio, VoiceError

if TYPE_CHECKING:
    import httpx


class OpenAITranscriber:
    """``base_url`` is the ``/v1`` base (``http://whisper:8000/v1``)."""

    slow = False

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        client: httpx.AsyncClient | None = None,
        timeout_s: float = limits.HTTP_TIMEOUT_S,
    ) -> None:
        self._url = base_url.rstrip("/") + "/audio/transcriptions"
        self._model = model
        self._api_key = api_key
        self._client = client
        self._timeout_s = timeout_s

    async def transcribe(self, audio: Audio) -> str:
        import httpx

        extension, _ = audio_format(audio.mime)
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        files = {"file": (f"voice.{extension}", audio.data, audio.mime or "audio/ogg")}
        form = {"model": self._model, "language": limits.LANGUAGE, "response_format": "json"}
        try:
            if self._client is not None:
                response = await self._client.post(
                    self._url, data=form, files=files, headers=headers, timeout=self._timeout_s
                )
            else:
                async with httpx.AsyncClient(timeout=self._timeout_s, verify=tls()) as client:
                    response = await client.post(self._url, data=form, files=files, headers=headers)
        except httpx.HTTPError as exc:
            raise VoiceError(f"openai: {type(exc).__name__}") from None
        if response.status_code != 200:
            raise VoiceError(f"openai: {response.status_code}")
        try:
            text = response.json().get("text")
        except (ValueError, AttributeError):
            raise VoiceError("openai: not json") from None
        if not isinstance(text, str):
            raise VoiceError("openai: no text")
        return text.strip()
