"""Audio MIME types → the file extension and Transcribe ``MediaFormat`` servers expect."""

from __future__ import annotations

# MIME (without parameters) → (extension, Amazon Transcribe MediaFormat).
_FORMATS: dict[str, tuple[str, str]] = {
    "audio/ogg": ("ogg", "ogg"),
    "audio/opus": ("ogg", "ogg"),
    "audio/mpeg": ("mp3", "mp3"),
    "audio/mp3": ("mp3", "mp3"),
    "audio/mp4": ("m4a", "m4a"),
    "audio/x-m4a": ("m4a", "m4a"),
    "audio/aac": ("m4a", "m4a"),
    "audio/amr": ("amr", "amr"),
    "audio/wav": ("wav", "wav"),
    "audio/x-wav": ("wav", "wav"),
    "audio/flac": ("flac", "flac"),
    "audio/webm": ("webm", "webm"),
}


def audio_format(mime: str) -> tuple[str, str]:
    """(extension, MediaFormat); WhatsApp and Telegram voice notes are Ogg/Opus, the default."""
    bare = mime.split(";", 1)[0].strip().lower()
    return _FORMATS.get(bare, ("ogg", "ogg"))
