"""The turn's unit of work: the repositories one turn reads and writes, and its one commit.

Declared where the turn uses them (cosmicpython's shape: ``with works(now=…) as work:
work.cases…; work.commit()``); ``db.unit_of_work`` implements them on one SQLAlchemy session.
Leaving the block without ``commit()`` keeps nothing, login links included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Protocol

from bot.conversation import Case, Conversation, HandoffView
from bot.effects import CancelOutcome, LinkOutcome, Role, UserData
from bot.handoff_package import HandoffPackage
from bot.messages import Channel, Reply


class Conversations(Protocol):
    def load(self, *, channel: Channel, chat_id: str, today: date) -> Conversation: ...

    def save(self, conversation: Conversation, *, last_inbound_at: datetime | None = None) -> None:
        """Raise ``bot.errors.VersionConflict`` when the stored version moved on."""
        ...

    def identity_id(self, channel: str, chat_id: str) -> int | None: ...

    def user_id(self, channel: str, chat_id: str) -> int | None:
        """The account the chat is linked to now, this transaction's writes included."""
        ...


class Ledger(Protocol):
    """Inbounds already answered, with the replies they got (the turn's idempotency)."""

    def replies_for(self, key: str) -> tuple[Reply, ...] | None: ...

    def record(self, *, key: str, identity_id: int | None, replies: Sequence[Reply]) -> None: ...


class Cases(Protocol):
    def cases_for(self, user_id: int) -> tuple[Case, ...]: ...

    def save_case(self, *, user_id: int, case: Case, now: datetime) -> None: ...

    def add_message(
        self,
        *,
        user_id: int,
        case_number: int | None,
        role: Role,
        text: str,
        articles: Sequence[str],
        now: datetime,
    ) -> None: ...

    def history(
        self, *, user_id: int, case_number: int | None, limit: int = 6
    ) -> list[tuple[str, str]]: ...


class Links(Protocol):
    """The one-time login link and the six-digit code typed back in the chat."""

    def issue_link(self, *, channel: Channel, chat_id: str) -> str | None:
        """A new link (earlier unused ones stop working); None when linking is not set up."""
        ...

    def confirm_code(self, *, channel: Channel, chat_id: str, code: str) -> LinkOutcome: ...


class Chats(Protocol):
    def set_opt_out(self, *, channel: str, chat_id: str, opted_out: bool) -> None: ...

    def unlink(self, *, channel: str, chat_id: str) -> None: ...


class Privacy(Protocol):
    def export_user_data(self, *, channel: str, chat_id: str) -> UserData: ...

    def account_names(self, *, channel: str, chat_id: str) -> list[str]: ...

    def delete_everything(
        self, *, channel: str, chat_id: str, chat_keys: Callable[[str, str], str] | None = None
    ) -> None: ...


class Reminders(Protocol):
    def schedule(
        self,
        *,
        user_id: int,
        identity_id: int,
        case_number: int,
        deadline: date,
        remind_on: Iterable[date],
        what: str,
        today: date,
    ) -> int: ...

    def cancel(
        self, *, user_id: int | None, identity_id: int | None, case_number: int | None
    ) -> int: ...


class Handoffs(Protocol):
    """The chat's requests for a lawyer (``db.handoffs``): package, consent, messages, rating."""

    def view_for(self, identity_id: int) -> HandoffView | None: ...

    def waiting_notices(self, identity_id: int) -> int: ...

    def package(self, *, user_id: int, case: Case | None, today: date) -> HandoffPackage: ...

    def open(
        self,
        *,
        user_id: int,
        identity_id: int,
        case: Case | None,
        consent_text: str,
        digest: str,
        paid: bool,
        today: date,
    ) -> tuple[HandoffView | HandoffPackage, bool]: ...

    def forward(self, *, request_id: int, identity_id: int, text: str, first: bool) -> bool: ...

    def cancel(self, *, request_id: int, identity_id: int) -> CancelOutcome | None: ...

    def rate(self, *, request_id: int, identity_id: int, rating: int) -> bool: ...


class TurnWork(Protocol):
    """One attempt of a turn: every repository on one transaction, committed once or never."""

    @property
    def conversations(self) -> Conversations: ...
    @property
    def ledger(self) -> Ledger: ...
    @property
    def cases(self) -> Cases: ...
    @property
    def links(self) -> Links: ...
    @property
    def chats(self) -> Chats: ...
    @property
    def privacy(self) -> Privacy: ...
    @property
    def reminders(self) -> Reminders: ...
    @property
    def handoffs(self) -> Handoffs: ...

    def __enter__(self) -> TurnWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back what was not committed and release the connection."""
        ...

    def commit(self) -> None: ...


class TurnWorks(Protocol):
    """Makes the unit of work for one attempt of a turn, at the turn's instant ``now``."""

    def __call__(self, *, now: datetime) -> TurnWork: ...
