"""Amazon Transcribe batch jobs with botocore's Stubber for s3 and transcribe: the audio goes
up, the job runs in es-US, the transcript is read, and audio, transcript and job are deleted
whatever happened; then the same through the worker (the aws path, end to end)."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.response import StreamingBody
from botocore.stub import Stubber

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.rig import Rig
from tests.webhooks.voice.test_e2e import AUDIO, CHAT, QUESTION, voice_update
from webhooks.voice.media import TelegramMedia
from webhooks.voice.ports import Audio, VoiceError
from webhooks.voice.step import VoiceStep
from webhooks.voice.transcribe import AmazonTranscriber

BUCKET = "abogado-voice-test"
JOB = "abogado-n1"
AUDIO_KEY = f"audio/{JOB}.ogg"
TEXT_KEY = f"transcripts/{JOB}.json"


def client(service: str) -> Any:
    session = boto3.Session(
        region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    return session.client(service)  # type: ignore[call-overload]  # a name, not a literal


class Stubs:
    def __init__(self) -> None:
        self.s3, self.transcribe = client("s3"), client("transcribe")
        self.s3_stub, self.tr_stub = Stubber(self.s3), Stubber(self.transcribe)
        self.clock = 0.0

    def transcriber(self, timeout_s: float = 90.0) -> AmazonTranscriber:
        async def sleep(seconds: float) -> None:
            self.clock += seconds

        return AmazonTranscriber(
            s3=self.s3,
            transcribe=self.transcribe,
            bucket=BUCKET,
            timeout_s=timeout_s,
            sleep=sleep,
            clock=lambda: self.clock,
            new_name=lambda: "n1",
        )

    def upload(self) -> None:
        self.s3_stub.add_response(
            "put_object", {}, {"Bucket": BUCKET, "Key": AUDIO_KEY, "Body": AUDIO}
        )

    def start(self) -> None:
        self.tr_stub.add_response(
            "start_transcription_job",
            {"TranscriptionJob": {"TranscriptionJobName": JOB, "TranscriptionJobStatus": "QUEUED"}},
            {
                "TranscriptionJobName": JOB,
                "LanguageCode": "es-US",
                "MediaFormat": "ogg",
                "Media": {"MediaFileUri": f"s3://{BUCKET}/{AUDIO_KEY}"},
                "OutputBucketName": BUCKET,
                "OutputKey": TEXT_KEY,
            },
        )

    def status(self, status: str) -> None:
        self.tr_stub.add_response(
            "get_transcription_job",
            {"TranscriptionJob": {"TranscriptionJobName": JOB, "TranscriptionJobStatus": status}},
            {"TranscriptionJobName": JOB},
        )

    def transcript(self, text: str) -> None:
        body = json.dumps({"jobName": JOB, "results": {"transcripts": [{"transcript": text}]}})
        data = body.encode()
        self.s3_stub.add_response(
            "get_object",
            {"Body": StreamingBody(io.BytesIO(data), len(data))},
            {"Bucket": BUCKET, "Key": TEXT_KEY},
        )

    def clean(self, *, job: bool = True) -> None:
        for key in (AUDIO_KEY, TEXT_KEY):
            self.s3_stub.add_response("delete_object", {}, {"Bucket": BUCKET, "Key": key})
        if job:
            self.tr_stub.add_response("delete_transcription_job", {}, {"TranscriptionJobName": JOB})

    def done(self) -> None:
        self.s3_stub.assert_no_pending_responses()
        self.tr_stub.assert_no_pending_responses()


@pytest.fixture
def stubs() -> Iterator[Stubs]:
    made = Stubs()
    with made.s3_stub, made.tr_stub:
        yield made


def run(transcriber: AmazonTranscriber) -> str:
    return asyncio.run(transcriber.transcribe(Audio(AUDIO, "audio/ogg")))


def test_a_job_is_run_read_and_everything_deleted(stubs: Stubs) -> None:
    stubs.upload()
    stubs.start()
    stubs.status("IN_PROGRESS")
    stubs.status("COMPLETED")
    stubs.transcript(QUESTION)
    stubs.clean()
    assert run(stubs.transcriber()) == QUESTION
    stubs.done()
    assert stubs.clock == 1.0  # one poll interval waited


def test_a_failed_job_means_nothing_understood_and_is_cleaned(stubs: Stubs) -> None:
    stubs.upload()
    stubs.start()
    stubs.status("FAILED")
    stubs.clean()
    assert run(stubs.transcriber()) == ""
    stubs.done()


def test_an_upload_refused_is_retried_later_and_the_audio_key_deleted(stubs: Stubs) -> None:
    stubs.s3_stub.add_client_error("put_object", "ServiceUnavailable", http_status_code=503)
    stubs.clean(job=False)  # no job was started: none to delete
    with pytest.raises(VoiceError, match="transcribe: ServiceUnavailable"):
        run(stubs.transcriber())
    stubs.done()


def test_a_job_that_outlasts_the_timeout_is_retried_later_and_deleted(stubs: Stubs) -> None:
    stubs.upload()
    stubs.start()
    for _ in range(4):
        stubs.status("IN_PROGRESS")
    stubs.clean()
    with pytest.raises(VoiceError, match="timeout"):
        run(stubs.transcriber(timeout_s=3.5))
    stubs.done()


def test_a_failing_clean_up_still_returns_the_words(stubs: Stubs) -> None:
    stubs.upload()
    stubs.start()
    stubs.status("COMPLETED")
    stubs.transcript(QUESTION)
    stubs.s3_stub.add_client_error("delete_object", "InternalError", http_status_code=500)
    stubs.s3_stub.add_response("delete_object", {}, {"Bucket": BUCKET, "Key": TEXT_KEY})
    stubs.tr_stub.add_response("delete_transcription_job", {}, {"TranscriptionJobName": JOB})
    assert run(stubs.transcriber()) == QUESTION  # the lifecycle rule deletes the audio later
    stubs.done()


def test_the_aws_path_end_to_end(rig: Rig, fake_telegram: FakeTelegramAPI, stubs: Stubs) -> None:
    """A Telegram voice note through the webhooks and worker, transcribed by the stubbed
    Transcribe: the listening notice (a batch job is slow), what it heard, the answer."""
    stubs.upload()
    stubs.start()
    stubs.status("COMPLETED")
    stubs.transcript(QUESTION)
    stubs.clean()
    fake_telegram.add_file("voice-1", AUDIO)
    media = TelegramMedia(
        token=fake_telegram.token, api_base_url=fake_telegram.url, file_base_url=fake_telegram.url
    )
    voice = VoiceStep(transcriber=stubs.transcriber(), fetchers={"telegram": media})
    assert rig.telegram(voice_update()).status_code == 200
    rig.drain(rig.processor(voice=voice))
    sent = [c.text for c in fake_telegram.sent(CHAT)]
    assert sent[:2] == ["Te estoy escuchando. Dame unos segundos…", f"Entendí: «{QUESTION}»"]
    assert any("artículo 47" in text for text in sent[2:])
    assert rig.answerer.questions == [QUESTION]
    stubs.done()
