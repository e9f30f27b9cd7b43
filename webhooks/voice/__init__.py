"""Voice notes: fetch the audio a person sent, transcribe it, and hand the worker the words.

Audio is never stored: it lives in memory (and, for Amazon Transcribe, in a short-lived S3
object) only while it is transcribed. Nothing here logs audio or transcripts.
"""
