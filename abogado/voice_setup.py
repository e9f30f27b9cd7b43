"""Voice notes' wiring: the transcriber the settings name (OpenAI-compatible server, Amazon
Transcribe or none) and a media fetcher for each configured channel."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.settings import Settings
    from webhooks.voice.step import VoiceStep


def configured_voice(settings: Settings) -> VoiceStep | None:
    """The transcriber the settings name, with a media fetcher per configured channel."""
    from webhooks.voice.media import TelegramMedia, TwilioMedia
    from webhooks.voice.ports import MediaFetcher, Transcriber
    from webhooks.voice.step import VoiceStep

    backend, voice = settings.transcription_backend, settings.transcription
    transcriber: Transcriber
    if backend == "openai":
        from webhooks.voice.openai import OpenAITranscriber

        key = voice.openai_api_key
        transcriber = OpenAITranscriber(
            base_url=voice.openai_base_url,
            model=voice.openai_model,
            api_key=key.get_secret_value() if key is not None else None,
        )
    elif backend == "transcribe":
        import boto3
        from botocore.config import Config

        from webhooks.voice.transcribe import AmazonTranscriber

        config = Config(
            region_name=voice.region or settings.bedrock.region,
            connect_timeout=2,
            read_timeout=10,
            retries={"max_attempts": 2, "mode": "standard"},
        )
        transcriber = AmazonTranscriber(
            s3=boto3.client("s3", config=config),
            transcribe=boto3.client("transcribe", config=config),
            bucket=voice.bucket,
        )
    else:
        return None
    fetchers: dict[str, MediaFetcher] = {}
    telegram, twilio = settings.telegram, settings.twilio
    if telegram.bot_token is not None:
        fetchers["telegram"] = TelegramMedia(
            token=telegram.bot_token.get_secret_value(),
            api_base_url=telegram.api_base_url,
            file_base_url=telegram.file_base_url or telegram.api_base_url,
        )
    if twilio.account_sid and twilio.auth_token is not None:
        fetchers["whatsapp"] = TwilioMedia(
            account_sid=twilio.account_sid,
            auth_token=twilio.auth_token.get_secret_value(),
            api_base_url=twilio.api_base_url,
        )
    return VoiceStep(transcriber=transcriber, fetchers=fetchers)
