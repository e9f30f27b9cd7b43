"""What a turn does so that nothing of a person outlives ``/borrar`` or sits in a stored reply:
the identity provider's account port, and login links kept out of the processed-events ledger.

The deletion of the rows themselves is ``db.privacy``; this module never touches tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from bot.messages import Reply
from db.links import REDACTED_LINK, redact_links
from services.errors import AbogadoError


class AccountDeletionFailed(AbogadoError):
    """The identity provider did not delete the account; the turn fails and is retried."""


class AccountDeleter(Protocol):
    """Deletes an account at the identity provider (Cognito); idempotent, raises on failure."""

    def delete(self, username: str) -> None: ...


def replies_to_store(replies: Sequence[Reply]) -> list[Reply]:
    """The replies as the ledger keeps them: login links replaced by ``REDACTED_LINK``."""
    return [Reply(redact_links(r.text), r.options) for r in replies]


def replayed(
    replies: Sequence[Reply], issue_link: Callable[[], str | None] | None
) -> tuple[Reply, ...]:
    """Stored replies about to be sent again (a retry after a failed send): a redacted login
    link becomes a fresh one, as the person expects a link that works; without linking (no
    ``issue_link``, or it gives None) the redaction's own words ("escribe vincular…") stay."""
    if issue_link is None or not any(REDACTED_LINK in r.text for r in replies):
        return tuple(replies)
    url = issue_link()
    if url is None:
        return tuple(replies)
    return tuple(Reply(r.text.replace(REDACTED_LINK, url), r.options) for r in replies)
