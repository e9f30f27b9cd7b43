"""Time from a voice note to its answer: the real webhook, queue, worker, voice step and turn
(the rig's fixed answerer, so retrieval is not in the number), with the audio served by the fake
Bot API and transcribed by the fake OpenAI-compatible server (local path) or by Amazon
Transcribe played by botocore's Stubber (aws path, with a real 1 s poll when asked).

Run ``python -m bench.voice [--notes 20] [--whisper-delay 0] [--polls 1]``; writes
``bench/results/voice.json``. The fakes answer at once: the numbers are our overhead (download,
multipart upload, S3 and job calls, the listening notice, the echo, the turn), to which a real
whisper server's or Transcribe's own time must be added (docs/voice.md).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import boto3
from botocore.response import StreamingBody
from botocore.stub import Stubber
from pydantic import SecretStr

from abogado.container import configured_voice
from services.settings import TranscriptionSettings
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.transcription_api import FakeTranscriptionAPI
from tests.webhooks import payloads
from tests.webhooks.rig import Rig, make_rig
from webhooks.voice.media import TelegramMedia
from webhooks.voice.step import VoiceStep
from webhooks.voice.transcribe import AmazonTranscriber
from webhooks.worker import LocalWorker, Processor

RESULTS = Path(__file__).resolve().parent / "results" / "voice.json"
QUESTION = "Me corrieron sin darme ninguna carta, ¿eso es legal?"
AUDIO = b"OggS" + bytes(range(256)) * 90  # about 23 KB: a 7-second Opus note
BUCKET = "abogado-voice-bench"


def _post_and_answer(rig: Rig, fake: FakeTelegramAPI, processor: Processor, n: int) -> float:
    """Seconds from posting the update to the fake Bot API receiving the answer."""
    chat = 5_000_000 + n
    data = payloads.telegram("voice")
    data["update_id"] = 900_000 + n
    data["message"]["chat"]["id"] = chat
    data["message"]["voice"].update(file_id="voice-1", duration=7, file_size=len(AUDIO))
    started = time.monotonic()
    assert rig.telegram(data).status_code == 200
    asyncio.run(LocalWorker(processor, rig.storage.inbox).drain())
    answers = [c for c in fake.sent(str(chat)) if "artículo 47" in c.text]
    assert answers, "no answer"
    return answers[0].at - started


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def local_path(notes: int, whisper_delay: float) -> dict[str, float]:
    whisper = FakeTranscriptionAPI(delay_s=whisper_delay).start()
    fake = FakeTelegramAPI().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rig = make_rig(Path(tmp), fake, None)
            rig.settings = rig.settings.model_copy(
                update={
                    "transcription": TranscriptionSettings(
                        backend="openai",
                        openai_base_url=whisper.base_url,
                        openai_api_key=SecretStr(whisper.api_key),
                    )
                }
            )
            fake.add_file("voice-1", AUDIO)
            whisper.say(AUDIO, QUESTION)
            processor = rig.processor(voice=configured_voice(rig.settings))
            samples = [_post_and_answer(rig, fake, processor, n) for n in range(notes)]
            rig.storage.engine.dispose()
    finally:
        fake.stop()
        whisper.stop()
    return _summary(samples)


def _client(service: str) -> Any:
    session = boto3.Session(
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",  # noqa: S106 (stubbed)
    )
    return session.client(service)  # type: ignore[call-overload]  # a name, not a literal


def _stub_one_job(s3: Stubber, tr: Stubber, polls: int) -> None:
    job, audio_key = "abogado-b", "audio/abogado-b.ogg"
    s3.add_response("put_object", {}, {"Bucket": BUCKET, "Key": audio_key, "Body": AUDIO})
    tr.add_response(
        "start_transcription_job",
        {"TranscriptionJob": {"TranscriptionJobName": job, "TranscriptionJobStatus": "QUEUED"}},
    )
    for status in ["IN_PROGRESS"] * polls + ["COMPLETED"]:
        tr.add_response(
            "get_transcription_job",
            {"TranscriptionJob": {"TranscriptionJobName": job, "TranscriptionJobStatus": status}},
        )
    body = json.dumps({"results": {"transcripts": [{"transcript": QUESTION}]}}).encode()
    s3.add_response("get_object", {"Body": StreamingBody(io.BytesIO(body), len(body))})
    s3.add_response("delete_object", {})
    s3.add_response("delete_object", {})
    tr.add_response("delete_transcription_job", {})


def aws_path(notes: int, polls: int) -> dict[str, float]:
    s3_client, tr_client = _client("s3"), _client("transcribe")
    s3, tr = Stubber(s3_client), Stubber(tr_client)
    fake = FakeTelegramAPI().start()
    try:
        with tempfile.TemporaryDirectory() as tmp, s3, tr:
            rig = make_rig(Path(tmp), fake, None)
            fake.add_file("voice-1", AUDIO)
            media = TelegramMedia(token=fake.token, api_base_url=fake.url, file_base_url=fake.url)
            transcriber = AmazonTranscriber(
                s3=s3_client, transcribe=tr_client, bucket=BUCKET, new_name=lambda: "b"
            )
            voice = VoiceStep(transcriber=transcriber, fetchers={"telegram": media})
            processor = rig.processor(voice=voice)
            samples = []
            for n in range(notes):
                _stub_one_job(s3, tr, polls)
                samples.append(_post_and_answer(rig, fake, processor, n))
            rig.storage.engine.dispose()
    finally:
        fake.stop()
    return _summary(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--whisper-delay", type=float, default=0.0)
    parser.add_argument("--polls", type=int, default=1, help="IN_PROGRESS answers before done")
    args = parser.parse_args()
    result = {
        "machine": platform.platform(),
        "notes": args.notes,
        "local_openai_fake": local_path(args.notes, args.whisper_delay),
        "aws_transcribe_stubbed": {
            "polls_in_progress": args.polls,
            **aws_path(args.notes, args.polls),
        },
        "aws_transcribe_stubbed_no_poll": aws_path(args.notes, 0),
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
