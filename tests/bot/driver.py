"""A pure stand-in for the shell: performs bot's effects in memory and feeds results back."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from bot.conversation import Case, Conversation, HandoffView
from bot.effects import (
    AnswerReady,
    AskAnswerer,
    CancelHandoff,
    CancelOutcome,
    CheckLinkCode,
    CheckNotices,
    DataDeleted,
    DataExported,
    DeleteEverything,
    Effect,
    Event,
    ExportData,
    HandoffCancelled,
    HandoffOpened,
    HandoffPreviewed,
    IssueLoginLink,
    LinkConfirmed,
    LinkIssued,
    LinkRejected,
    NoticesWaiting,
    OpenHandoff,
    PreviewHandoff,
    UserData,
)
from bot.handoff_package import build
from bot.machine import step
from bot.messages import Channel, Inbound, MediaKind, Reply
from rag.scope import check_scope

NOW = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)
_ids = itertools.count(1)


def text(body: str, channel: Channel = "telegram") -> Inbound:
    return Inbound.from_text(
        channel=channel, chat_id="99", message_id=str(next(_ids)), text=body, received_at=NOW
    )


def media(kind: MediaKind, channel: Channel = "telegram") -> Inbound:
    return Inbound.from_media(
        channel=channel, chat_id="99", message_id=str(next(_ids)), media=kind, received_at=NOW
    )


def fresh(channel: Channel = "telegram", **kw: object) -> Conversation:
    return Conversation(channel=channel, chat_id="99", today=TODAY, **kw)  # type: ignore[arg-type]


def answer_text(question: str) -> str:
    return f"Respuesta sobre «{question}» (Art. 47 y 48 LFT)."


@dataclass
class Turn:
    conversation: Conversation
    replies: list[Reply]
    effects: list[Effect]

    @property
    def text(self) -> str:
        return "\n".join(r.as_text() for r in self.replies)


@dataclass
class Driver:
    """Holds one conversation; ``send`` runs a whole turn like the shell would."""

    conversation: Conversation = field(default_factory=fresh)
    asked: list[AskAnswerer] = field(default_factory=list)
    notices: int = 0  # notices waiting for this chat (what a bare VER finds)
    # Refuse what the real scope check refuses (``rag.scope``), as the answer pipeline does.
    scoped: bool = False

    def send(self, event: Inbound | str) -> Turn:
        inbound = text(event, self.conversation.channel) if isinstance(event, str) else event
        return self.feed(inbound)

    def feed(self, first: Event) -> Turn:
        pending: list[Event] = [first]
        replies: list[Reply] = []
        effects: list[Effect] = []
        while pending:
            result = step(self.conversation, pending.pop(0))
            self.conversation = result.conversation
            replies.extend(result.replies)
            effects.extend(result.effects)
            pending.extend(e for e in map(self._perform, result.effects) if e is not None)
        return Turn(self.conversation, replies, effects)

    def _perform(self, effect: Effect) -> Event | None:
        conv = self.conversation
        if isinstance(effect, AskAnswerer):
            self.asked.append(effect)
            scope = check_scope(effect.question)
            if self.scoped and not scope.in_scope:
                return AnswerReady(effect.question, scope.reply, (), effect.after, refused=True)
            return AnswerReady(
                effect.question, answer_text(effect.question), ("47", "48"), effect.after
            )
        if isinstance(effect, IssueLoginLink):
            return LinkIssued("https://abogado.example/link/abc")
        if isinstance(effect, CheckLinkCode):
            return LinkConfirmed(7) if effect.code == "123456" else LinkRejected("wrong")
        if isinstance(effect, ExportData):
            return DataExported(UserData(("telegram",), "a@b.mx", None, conv.cases, 3, False))
        if isinstance(effect, DeleteEverything):
            return DataDeleted()
        if isinstance(effect, PreviewHandoff | OpenHandoff):
            return handoff_result(conv, effect)
        if isinstance(effect, CancelHandoff):
            return HandoffCancelled(cancel_outcome(conv.handoff))
        if isinstance(effect, CheckNotices):
            return NoticesWaiting(self.notices)
        return None


def linked_with_case(**fields: str) -> Conversation:
    case = Case(number=1, opened_on=TODAY, fields=dict(fields) or {"tema": "despido"})
    return fresh(user_id=7, cases=(case,), current=1)


def cancel_outcome(view: HandoffView | None) -> CancelOutcome | None:
    """What ``db.handoffs.cancel`` would answer for the request as the chat sees it."""
    if view is None or not view.active:
        return None
    if view.status == "awaiting_payment":
        return "unpaid"
    if not view.paid:
        return "free"
    return "kept" if view.status == "claimed" else "refund"


def handoff_result(conv: Conversation, effect: PreviewHandoff | OpenHandoff) -> Event:
    """The package of the current case with one message of the worker's; a request id 1."""
    package = build(conv.case, today=TODAY, messages=("me corrieron",), articles=("47",))
    if isinstance(effect, PreviewHandoff):
        return HandoffPreviewed(package)
    if effect.digest != package.digest:
        return HandoffPreviewed(package, changed=True)
    return HandoffOpened(HandoffView(1, "awaiting_payment" if effect.paid else "open"))
