"""What a voice note carries from the platform, where its audio may be fetched from, the Ogg
length check, and the settings that pick a backend."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from abogado.voice_setup import configured_voice
from bot.messages import Attachment
from services.settings import Settings, TranscriptionSettings
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks import payloads
from tests.webhooks.rig import Rig
from tests.webhooks.voice.conftest import ogg_opus
from tests.webhooks.voice.test_e2e import PHONE, audio_form, processor
from webhooks.errors import UnparseableUpdate
from webhooks.parse import parse_telegram, parse_whatsapp
from webhooks.voice.media import TwilioMedia
from webhooks.voice.step import ogg_seconds

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def test_a_telegram_voice_note_says_its_length_and_size() -> None:
    body = payloads.telegram_bytes("voice")
    parsed = parse_telegram(body, received_at=NOW)
    assert parsed.attachment == Attachment(  # type: ignore[union-attr]
        ref="AwACAgEAAxkBAAIBRGfakeVoice", mime="audio/ogg", seconds=7.0, size=23416
    )


def test_a_whatsapp_audio_carries_its_media_url() -> None:
    form = payloads.twilio("audio")
    parsed = parse_whatsapp(form, received_at=NOW)
    assert parsed.attachment == Attachment(ref=form["MediaUrl0"], mime="audio/ogg")  # type: ignore[union-attr]


def test_a_photo_has_no_attachment_to_transcribe() -> None:
    parsed = parse_telegram(payloads.telegram_bytes("photo"), received_at=NOW)
    assert parsed.attachment is None  # type: ignore[union-attr]


def test_credentials_never_go_to_a_host_named_in_the_form() -> None:
    media = TwilioMedia(account_sid="AC1", auth_token="t", api_base_url="https://api.twilio.com")
    foreign = Attachment(ref="https://evil.example/2010-04-01/Accounts/AC1/Media/ME1")
    with pytest.raises(UnparseableUpdate):
        asyncio.run(media.size(foreign))
    with pytest.raises(UnparseableUpdate):
        asyncio.run(media.fetch(foreign, max_bytes=10))


def test_a_foreign_media_url_is_dead_lettered(rig: Rig, fake_twilio: FakeTwilioAPI) -> None:
    form = audio_form("http://127.0.0.2:9/2010-04-01/Accounts/AC/Messages/MM/Media/ME")
    assert rig.whatsapp(form).status_code == 200
    rig.drain(processor(rig))
    assert rig.storage.inbox.counts() == {"dead": 1}
    assert fake_twilio.messages(PHONE) == []


def test_ogg_length() -> None:
    assert ogg_seconds(ogg_opus(200)) == pytest.approx(200.0)
    assert ogg_seconds(ogg_opus(7.5)) == pytest.approx(7.5)
    assert ogg_seconds(b"ID3 an mp3") is None


def test_backends_from_settings() -> None:
    assert Settings().transcription_backend == "none"
    assert configured_voice(Settings()) is None
    with pytest.raises(ValidationError, match="openai_base_url"):
        Settings(transcription=TranscriptionSettings(backend="openai"))
    with pytest.raises(ValidationError, match="bucket"):
        Settings(transcription=TranscriptionSettings(backend="transcribe"))
    openai = Settings(
        transcription=TranscriptionSettings(backend="openai", openai_base_url="http://w/v1")
    )
    assert configured_voice(openai) is not None
