"""Interfaces the shell implements for the conversation; bot/ only declares them.

Adapters are named ``<Tech><Role>`` (``SqlConversationStore``, ``PipelineAnswerer``,
``SystemClock``) and live outside bot/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.conversation import Conversation
from bot.messages import Channel


@dataclass(frozen=True)
class AnswerResult:
    """An answer's text and the ids of the LFT articles it cites (``"47"``, ``"3 Bis"``)."""

    text: str
    articles: tuple[str, ...] = ()
    # The question was refused as no labor matter ("¿cómo hago pozole?"): nothing to keep.
    refused: bool = False


class Answerer(Protocol):
    """Answers a worker's question with the case's form and recent messages as context."""

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        """``facts``: figures computed for the case (the answer may use them); ``detail``: the
        long form, every supporting quote (the worker asked for "más")."""
        ...


class ConversationStore(Protocol):
    """Loads a chat's conversation and saves it back only if nobody saved it meanwhile."""

    def load(self, *, channel: Channel, chat_id: str, today: date) -> Conversation: ...

    def save(self, conversation: Conversation) -> None:
        """Raise ``bot.errors.VersionConflict`` when the stored version moved on."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime (UTC)."""
        ...

    def today(self) -> date:
        """The worker's calendar day (Mexico City), used for "hace 3 años" and deadlines."""
        ...
