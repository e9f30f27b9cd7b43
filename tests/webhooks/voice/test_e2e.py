"""Voice notes end to end: the real webhooks, queue, worker and turn, with the fake Telegram and
Twilio APIs serving the audio and the fake OpenAI-compatible server transcribing it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from abogado.voice_setup import configured_voice
from bot import wording
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.transcription_api import FakeTranscriptionAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks import payloads
from tests.webhooks.rig import Rig
from tests.webhooks.voice.conftest import ogg_opus
from webhooks.worker import LocalWorker, Processor, backoff

CHAT = "111222333"
PHONE = "whatsapp:+5215512345678"
QUESTION = "Me corrieron sin darme ninguna carta, ¿eso es legal?"
AUDIO = b"OggS-h5-voice-marker-" + bytes(range(256)) * 8


def voice_update(*, file_id: str = "voice-1", seconds: int = 7, size: int = 4000) -> Any:
    data = payloads.telegram("voice")
    data["message"]["voice"].update(file_id=file_id, duration=seconds, file_size=size)
    return data


def audio_form(url: str) -> dict[str, str]:
    form = dict(payloads.twilio("audio"))
    form["MediaUrl0"] = url
    return form


def processor(rig: Rig, **options: Any) -> Processor:
    return rig.processor(voice=configured_voice(rig.settings), **options)


def texts(fake: FakeTelegramAPI) -> list[str]:
    return [c.text for c in fake.sent(CHAT)]


def test_a_telegram_voice_note_is_heard_shown_and_answered(
    rig: Rig, fake_telegram: FakeTelegramAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    fake_telegram.add_file("voice-1", AUDIO)
    fake_whisper.say(AUDIO, QUESTION)
    assert rig.telegram(voice_update()).status_code == 200
    rig.drain(processor(rig))
    sent = texts(fake_telegram)
    assert sent[0] == f"Entendí: «{QUESTION}»"
    assert any("artículo 47" in text for text in sent[1:])  # the answer, after what it heard
    assert wording.VOICE_LISTENING not in sent  # a 7-second note is quick: no notice
    assert rig.answerer.questions == [QUESTION]  # handled exactly like typed text
    (call,) = fake_whisper.calls
    assert call.audio == AUDIO
    assert call.fields["model"] == "whisper-1"
    assert call.fields["language"] == "es"
    assert call.filename == "voice.ogg"
    assert rig.storage.inbox.counts() == {"done": 1}
    # the audio itself is kept nowhere: not in the database nor its journal
    for path in rig.settings.data_dir.glob("abogado.db*"):
        assert b"h5-voice-marker" not in path.read_bytes()


def test_a_whatsapp_audio_is_heard_and_answered_credentials_stay_with_twilio(
    rig: Rig, fake_twilio: FakeTwilioAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    fake_whisper.say(AUDIO, QUESTION)
    assert rig.whatsapp(audio_form(fake_twilio.add_media(AUDIO))).status_code == 200
    rig.drain(processor(rig))
    bodies = [c.body for c in fake_twilio.messages(PHONE)]
    assert bodies[0] == f"Entendí: «{QUESTION}»"
    assert any("artículo 47" in body for body in bodies[1:])
    assert rig.answerer.questions == [QUESTION]
    # a HEAD for the size first, then the download; each follows the 307 to storage, where
    # the account's credentials are not sent
    assert [(m, where) for m, where, _ in fake_twilio.media_requests] == [
        ("HEAD", "api"),
        ("HEAD", "storage"),
        ("GET", "api"),
        ("GET", "storage"),
    ]
    assert [auth for _, _, auth in fake_twilio.media_requests] == [True, False, True, False]


def test_a_refused_head_does_not_stop_a_whatsapp_audio(
    rig: Rig, fake_twilio: FakeTwilioAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    """The size is only a cheap early refusal: the download is capped whatever the HEAD said."""
    fake_twilio.head_allowed = False
    fake_whisper.say(AUDIO, QUESTION)
    assert rig.whatsapp(audio_form(fake_twilio.add_media(AUDIO))).status_code == 200
    rig.drain(processor(rig))
    assert fake_twilio.messages(PHONE)[0].body == f"Entendí: «{QUESTION}»"
    assert rig.storage.inbox.counts() == {"done": 1}


def test_a_spoken_command_is_a_command(
    rig: Rig, fake_telegram: FakeTelegramAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    fake_telegram.add_file("voice-1", AUDIO)
    fake_whisper.say(AUDIO, "Ayuda.")
    assert rig.telegram(voice_update()).status_code == 200
    rig.drain(processor(rig))
    sent = texts(fake_telegram)
    assert sent[0] == "Entendí: «Ayuda.»"
    assert len(sent) >= 2
    assert rig.answerer.questions == []  # not a question: the help


def test_a_long_telegram_note_is_refused_before_downloading(
    rig: Rig, fake_telegram: FakeTelegramAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    fake_telegram.add_file("voice-1", AUDIO)
    assert rig.telegram(voice_update(seconds=181)).status_code == 200
    rig.drain(processor(rig))
    assert texts(fake_telegram) == [wording.VOICE_TOO_LONG.format(minutes=3)]
    assert [c for c in fake_telegram.calls if c.method == "getFile"] == []
    assert fake_telegram.downloads == []
    assert fake_whisper.calls == []
    assert rig.storage.inbox.counts() == {"done": 1}


def test_a_large_whatsapp_audio_is_refused_after_a_head(
    rig: Rig, fake_twilio: FakeTwilioAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    url = fake_twilio.add_media(b"\0" * (10 * 1024 * 1024 + 1))
    assert rig.whatsapp(audio_form(url)).status_code == 200
    rig.drain(processor(rig))
    assert [c.body for c in fake_twilio.messages(PHONE)] == [
        wording.VOICE_TOO_LONG.format(minutes=3)
    ]
    assert {m for m, _, _ in fake_twilio.media_requests} == {"HEAD"}  # never downloaded
    assert fake_whisper.calls == []


def test_a_long_whatsapp_voice_note_is_refused_by_its_ogg_length(
    rig: Rig, fake_twilio: FakeTwilioAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    """Twilio gives no duration: a small but long Opus note is measured before transcribing."""
    assert rig.whatsapp(audio_form(fake_twilio.add_media(ogg_opus(200)))).status_code == 200
    rig.drain(processor(rig))
    assert [c.body for c in fake_twilio.messages(PHONE)] == [
        wording.VOICE_TOO_LONG.format(minutes=3)
    ]
    assert fake_whisper.calls == []


def test_nothing_understood_asks_again(
    rig: Rig, fake_telegram: FakeTelegramAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    fake_telegram.add_file("voice-1", AUDIO)  # the fake "hears" nothing in it
    assert rig.telegram(voice_update()).status_code == 200
    rig.drain(processor(rig))
    assert texts(fake_telegram) == [wording.VOICE_NOT_UNDERSTOOD]
    assert rig.answerer.questions == []


class Clock:
    def __init__(self) -> None:
        self.value = datetime.now(UTC) + timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.value


def test_a_backend_down_is_retried_then_answered_once(
    rig: Rig, fake_telegram: FakeTelegramAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    fake_telegram.add_file("voice-1", AUDIO)
    fake_whisper.say(AUDIO, QUESTION)
    fake_whisper.fail_next(503, times=2)
    clock = Clock()
    worker = LocalWorker(processor(rig, now=clock), rig.storage.inbox, now=clock)
    assert rig.telegram(voice_update(seconds=60)).status_code == 200
    for attempt in (1, 2):
        asyncio.run(worker.drain())
        assert texts(fake_telegram) == [wording.VOICE_LISTENING]  # once, on the first try
        assert rig.storage.inbox.counts() == {"queued": 1}
        clock.value += timedelta(seconds=backoff(attempt) + 0.01)
    asyncio.run(worker.drain())
    sent = texts(fake_telegram)
    assert sent[:2] == [wording.VOICE_LISTENING, f"Entendí: «{QUESTION}»"]
    assert sum("artículo 47" in text for text in sent) == 1
    assert [c.status for c in fake_whisper.calls] == [503, 503, 200]
    assert rig.answerer.questions == [QUESTION]
    assert rig.storage.inbox.counts() == {"done": 1}
    asyncio.run(worker.drain())  # nothing left to do, nothing sent twice
    assert texts(fake_telegram) == sent


def test_a_backend_down_for_good_is_dead_lettered_not_lost(
    rig: Rig, fake_telegram: FakeTelegramAPI, fake_whisper: FakeTranscriptionAPI
) -> None:
    fake_telegram.add_file("voice-1", AUDIO)
    fake_whisper.fail_next(503, times=10)
    clock = Clock()
    worker = LocalWorker(processor(rig, now=clock, max_attempts=2), rig.storage.inbox, now=clock)
    assert rig.telegram(voice_update()).status_code == 200
    for _ in range(3):
        asyncio.run(worker.drain())
        clock.value += timedelta(seconds=120)
    assert rig.storage.inbox.counts() == {"dead": 1}
    assert len(fake_whisper.calls) == 2
    assert texts(fake_telegram) == []


def test_without_transcription_a_voice_note_gets_todays_reply(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    rig.settings = rig.settings.model_copy(
        update={"transcription": type(rig.settings.transcription)()}
    )
    assert configured_voice(rig.settings) is None
    assert rig.telegram(voice_update()).status_code == 200
    rig.drain(processor(rig))
    sent = texts(fake_telegram)
    assert sent  # the turn's reply to a sound it cannot hear (here: please link first)
    assert not any(text.startswith("Entendí") for text in sent)
    assert fake_telegram.downloads == []
    assert [c for c in fake_telegram.calls if c.method == "getFile"] == []
