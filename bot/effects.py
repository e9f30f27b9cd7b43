"""Effects ``step`` asks the shell to perform, and the result events the shell feeds back.

An effect is a request (store this, answer that); the shell performs it inside the turn's
transaction and, where a result matters, calls ``step`` again with the matching event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.conversation import Case, HandoffView
from bot.handoff_package import HandoffPackage
from bot.messages import Inbound, Reply
from bot.purchases import PaymentEffect, PaymentEvent

Role = Literal["user", "assistant"]
LinkOutcome = Literal["linked", "wrong", "expired", "too_many"]
# What a cancelled review's payment becomes: refunded (paid, no lawyer had claimed it), kept
# (a lawyer had), a payment still to come refunded if it arrives (unpaid), or none at all (free).
CancelOutcome = Literal["refund", "kept", "unpaid", "free"]


# --- effects (bot → shell) ---------------------------------------------------------------


@dataclass(frozen=True)
class SaveCase:
    """Insert or update the case with this number for the conversation's user."""

    case: Case


@dataclass(frozen=True)
class RecordMessage:
    case_number: int | None
    role: Role
    text: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AskAnswerer:
    """Answer ``question`` with the case's form as context; feed back AnswerReady/AnswerFailed."""

    question: str
    context: Mapping[str, str] = field(default_factory=dict)
    case_number: int | None = None
    # Replies to send right after the answer (notes taken while reading the question).
    after: tuple[Reply, ...] = ()
    facts: tuple[str, ...] = ()  # figures computed for the case (calc lines)
    detail: bool = False  # the long form with every quote ("más")


@dataclass(frozen=True)
class IssueLoginLink:
    """Mint a one-time login link for this chat; feed back LinkIssued or LinkUnavailable."""


@dataclass(frozen=True)
class CheckLinkCode:
    """The six-digit code typed in the chat; feed back LinkConfirmed or LinkRejected."""

    code: str


@dataclass(frozen=True)
class Unlink:
    """Detach this chat from its account (the account and its cases stay)."""


@dataclass(frozen=True)
class SetOptOut:
    """Broadcast opt-out (BAJA) or opt-in (ALTA); the conversation itself keeps working."""

    opted_out: bool


@dataclass(frozen=True)
class ExportData:
    """Collect what is stored about this person; feed back DataExported."""


@dataclass(frozen=True)
class DeleteEverything:
    """Remove the user, every identity, case and message; feed back DataDeleted."""


@dataclass(frozen=True)
class ScheduleReminders:
    """Remind this user, on each day of ``remind_on``, of a deadline of case ``case_number``.

    Replaces the case's pending reminders. ``what`` is the Spanish name of what must be done
    by ``deadline`` ("presentar tu solicitud ante el Centro de Conciliación").
    """

    case_number: int
    deadline: date
    remind_on: tuple[date, ...]
    what: str


@dataclass(frozen=True)
class CancelReminders:
    """Cancel the pending reminders of case ``case_number``; None cancels all of the user's."""

    case_number: int | None = None


# --- a lawyer's review (bot.handoff; performed by services.handoff_effects) ---------------


@dataclass(frozen=True)
class PreviewHandoff:
    """Build the case package as it would be sent now; feed back HandoffPreviewed."""

    case_number: int | None


@dataclass(frozen=True)
class OpenHandoff:
    """Record consent (its text, now) and the frozen package of ``digest``; feed back
    HandoffOpened, or HandoffPreviewed(changed=True) when the package is no longer that one."""

    case_number: int | None
    consent_text: str
    digest: str
    paid: bool  # the review is paid: the request waits for the payment


@dataclass(frozen=True)
class ForwardToLawyer:
    """Store a worker's message for the lawyer; ``first`` marks that the bot said so once."""

    request_id: int
    text: str
    first: bool = False


@dataclass(frozen=True)
class CancelHandoff:
    """Cancel the request; feed back HandoffCancelled (what becomes of its payment)."""

    request_id: int


@dataclass(frozen=True)
class RateHandoff:
    request_id: int
    rating: int


@dataclass(frozen=True)
class CheckNotices:
    """A bare "VER" (the WhatsApp template asks for it): how many notices wait for this chat;
    feed back NoticesWaiting. Writing at all opens the window, so the courier sends them next."""


Effect = (
    SaveCase
    | RecordMessage
    | AskAnswerer
    | IssueLoginLink
    | CheckLinkCode
    | Unlink
    | SetOptOut
    | ExportData
    | DeleteEverything
    | ScheduleReminders
    | CancelReminders
    | PaymentEffect
    | PreviewHandoff
    | OpenHandoff
    | ForwardToLawyer
    | CancelHandoff
    | RateHandoff
    | CheckNotices
)


# --- events (shell → bot) ----------------------------------------------------------------


@dataclass(frozen=True)
class AnswerReady:
    question: str
    text: str
    articles: tuple[str, ...] = ()
    after: tuple[Reply, ...] = ()  # AskAnswerer.after, passed back by the shell
    refused: bool = False  # AnswerResult.refused: the question was no labor matter


@dataclass(frozen=True)
class AnswerFailed:
    question: str
    after: tuple[Reply, ...] = ()


@dataclass(frozen=True)
class LinkIssued:
    url: str


@dataclass(frozen=True)
class LinkUnavailable:
    pass


@dataclass(frozen=True)
class LinkConfirmed:
    """The chat is now linked; ``cases`` are the account's cases (maybe from another channel)."""

    user_id: int
    cases: tuple[Case, ...] = ()


@dataclass(frozen=True)
class LinkRejected:
    reason: LinkOutcome


@dataclass(frozen=True)
class UserData:
    """What is stored about a person, for /mis_datos (values only, no database rows)."""

    identities: tuple[str, ...]  # "telegram", "whatsapp", … (never the raw number)
    email: str | None
    username: str | None
    cases: tuple[Case, ...]
    message_count: int
    opted_out: bool
    # Pending deadline reminders: (case number, day it will be sent, the deadline).
    reminders: tuple[tuple[int, date, date], ...] = ()
    # Requests for a lawyer: (status, opened on, closed on or None, rating or None).
    handoffs: tuple[tuple[str, date, date | None, int | None], ...] = ()
    # Payments: (product code, amount in minor units, currency, state, started on).
    payments: tuple[tuple[str, int, str, str, date], ...] = ()


@dataclass(frozen=True)
class DataExported:
    data: UserData


@dataclass(frozen=True)
class DataDeleted:
    pass


@dataclass(frozen=True)
class HandoffPreviewed:
    package: HandoffPackage
    changed: bool = False  # consent was asked for another package: show this one again


@dataclass(frozen=True)
class HandoffOpened:
    view: HandoffView
    existed: bool = False  # an active request was already there: nothing new was stored


@dataclass(frozen=True)
class HandoffUnavailable:
    """No review could be opened (the chat is no longer linked, say)."""


@dataclass(frozen=True)
class NoticesWaiting:
    count: int


@dataclass(frozen=True)
class HandoffCancelled:
    """The request was cancelled (``outcome``), or was no longer active (None)."""

    outcome: CancelOutcome | None


Event = (
    Inbound
    | AnswerReady
    | AnswerFailed
    | LinkIssued
    | LinkUnavailable
    | LinkConfirmed
    | LinkRejected
    | DataExported
    | DataDeleted
    | PaymentEvent
    | HandoffPreviewed
    | HandoffOpened
    | HandoffUnavailable
    | HandoffCancelled
    | NoticesWaiting
)
