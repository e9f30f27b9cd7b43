"""bot's exception tree; the shell translates these once.

BotError
├── VersionConflict     the conversation was saved by someone else since it was loaded (retry)
└── AnswerUnavailable   an Answerer adapter could not answer (turned into a kind reply)
"""

from __future__ import annotations


class BotError(Exception):
    """Base of every error raised by bot or by its ports' adapters on its behalf."""


class VersionConflict(BotError):
    """Optimistic concurrency: reload the conversation and run the turn again."""


class AnswerUnavailable(BotError):
    """The answerer cannot answer now (index missing, model down); the worker gets a kind reply."""
