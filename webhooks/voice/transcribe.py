"""Amazon Transcribe batch jobs as a ``Transcriber``: the audio goes to a private S3 object, a
job in es-US writes its transcript to the same bucket, and the audio, the transcript and the job
are deleted as soon as the words are read (the bucket's one-day lifecycle rule is the backstop).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from webhooks.voice import limits
from webhooks.voice.formats import audio_format
from webhooks.voice.ports import Audio, VoiceError

log = logging.getLogger(__name__)

_RUNNING = ("QUEUED", "IN_PROGRESS")


class AmazonTranscriber:
    """``s3`` and ``transcribe`` are boto3 clients (synchronous: called in threads)."""

    slow = True  # a batch job takes several seconds even for a short note

    def __init__(
        self,
        *,
        s3: Any,
        transcribe: Any,
        bucket: str,
        poll_s: float = limits.POLL_S,
        timeout_s: float = limits.JOB_TIMEOUT_S,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        new_name: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._s3 = s3
        self._transcribe = transcribe
        self._bucket = bucket
        self._poll_s = poll_s
        self._timeout_s = timeout_s
        self._sleep = sleep
        self._clock = clock
        self._new_name = new_name

    async def transcribe(self, audio: Audio) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        job = f"abogado-{self._new_name()}"
        extension, media_format = audio_format(audio.mime)
        audio_key, text_key = f"audio/{job}.{extension}", f"transcripts/{job}.json"
        started = False
        try:
            await asyncio.to_thread(
                self._s3.put_object, Bucket=self._bucket, Key=audio_key, Body=audio.data
            )
            await asyncio.to_thread(
                self._transcribe.start_transcription_job,
                TranscriptionJobName=job,
                LanguageCode=limits.TRANSCRIBE_LANGUAGE,
                MediaFormat=media_format,
                Media={"MediaFileUri": f"s3://{self._bucket}/{audio_key}"},
                OutputBucketName=self._bucket,
                OutputKey=text_key,
            )
            started = True
            if await self._wait(job) != "COMPLETED":
                return ""  # the service could not make sense of the audio
            return await asyncio.to_thread(self._read, text_key)
        except (BotoCoreError, ClientError) as exc:
            raise VoiceError(f"transcribe: {_code(exc)}") from None
        finally:
            await self._clean(job if started else None, audio_key, text_key)

    async def _wait(self, job: str) -> str:
        deadline = self._clock() + self._timeout_s
        while True:
            found = await asyncio.to_thread(
                self._transcribe.get_transcription_job, TranscriptionJobName=job
            )
            status = str(found["TranscriptionJob"]["TranscriptionJobStatus"])
            if status not in _RUNNING:
                return status
            if self._clock() + self._poll_s > deadline:
                raise VoiceError("transcribe: timeout")
            await self._sleep(self._poll_s)

    def _read(self, key: str) -> str:
        body = self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()
        try:
            results = json.loads(body)["results"]["transcripts"]
        except (ValueError, KeyError, TypeError):
            raise VoiceError("transcribe: unreadable transcript") from None
        return " ".join(str(t.get("transcript", "")) for t in results).strip()

    async def _clean(self, job: str | None, *keys: str) -> None:
        """Delete the audio, the transcript and the job; a failure is logged (by type only) and
        left to the bucket's lifecycle rule and Transcribe's own 90-day expiry."""
        from botocore.exceptions import BotoCoreError, ClientError

        calls: list[tuple[Callable[..., object], dict[str, str]]] = [
            (self._s3.delete_object, {"Bucket": self._bucket, "Key": key}) for key in keys
        ]
        if job is not None:
            calls.append((self._transcribe.delete_transcription_job, {"TranscriptionJobName": job}))
        for call, params in calls:
            try:
                await asyncio.to_thread(call, **params)
            except (BotoCoreError, ClientError) as exc:
                log.warning("voice clean-up failed: %s", _code(exc))


def _code(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code") or type(exc).__name__)
    return type(exc).__name__
