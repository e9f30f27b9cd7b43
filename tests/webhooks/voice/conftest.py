"""Fixtures for the voice tests: the fake platforms, the fake transcription server, a rig."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from services.settings import TranscriptionSettings
from tests.fakes import transcription_api
from tests.fakes.fixtures import fake_telegram, fake_twilio
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.transcription_api import FakeTranscriptionAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks.rig import Rig, make_rig

__all__ = ["fake_telegram", "fake_twilio"]


@pytest.fixture
def fake_whisper() -> Iterator[FakeTranscriptionAPI]:
    yield from transcription_api.running_fake()


@pytest.fixture
def rig(
    tmp_path: Path,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
    fake_whisper: FakeTranscriptionAPI,
) -> Iterator[Rig]:
    """The webhooks rig with transcription through the fake OpenAI-compatible server."""
    made = make_rig(tmp_path, fake_telegram, fake_twilio)
    made.settings = made.settings.model_copy(
        update={
            "transcription": TranscriptionSettings(
                backend="openai",
                openai_base_url=fake_whisper.base_url,
                openai_api_key=SecretStr(fake_whisper.api_key),
            )
        }
    )
    yield made
    made.client.close()
    made.storage.engine.dispose()


def ogg_opus(seconds: float, *, pre_skip: int = 312) -> bytes:
    """A minimal Ogg/Opus-shaped file: the ID header page and a last page whose granule
    position says how long it is (what ``ogg_seconds`` reads)."""
    first = b"OggS\x00\x02" + struct.pack("<q", 0) + b"\x00" * 13
    head = b"OpusHead\x01\x01" + struct.pack("<H", pre_skip) + struct.pack("<I", 48000) + b"\0\0\0"
    granule = int(seconds * 48000) + pre_skip
    last = b"OggS\x00\x04" + struct.pack("<q", granule) + b"\x00" * 13 + b"audio"
    return first + head + b"\x00" * 64 + last
