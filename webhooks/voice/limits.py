"""The voice step's limits and timeouts, with their reasons (docs/voice.md)."""

from __future__ import annotations

# About 3 minutes is a long voice note; longer ones are rare, slow and costly to transcribe.
MAX_SECONDS = 180.0
# 3 minutes of Opus at WhatsApp's and Telegram's bit rates is well under 1 MB; 10 MB leaves
# room for an mp3 or m4a "audio" file, and is a third of Telegram's 20 MB getFile limit.
MAX_BYTES = 10 * 1024 * 1024
# Tell the person the bot is listening when the audio is at least this long (a fast server
# still takes a few seconds for it), or always with a slow (batch) transcriber.
NOTICE_FROM_SECONDS = 45.0
# One download or one transcription request.
HTTP_TIMEOUT_S = 30.0
# Amazon Transcribe batch job: poll every POLL_S, give up after JOB_TIMEOUT_S (the update is
# retried later): within the worker Lambda's 60 s timeout (infra/config.py), leaving time for
# the download, the turn and the sends.
POLL_S = 1.0
JOB_TIMEOUT_S = 40.0
LANGUAGE = "es"
TRANSCRIBE_LANGUAGE = "es-US"  # Transcribe's batch Spanish: es-US or es-ES (no es-MX)
