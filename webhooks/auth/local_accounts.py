"""What the local provider needs from its account store (``db.local_idp.SqlLocalUserStore``).

Protocols only: the provider's pages (``local_idp``, ``local_facebook``) depend on these, never
on the database.
"""

from __future__ import annotations

from typing import Protocol


class LocalAccount(Protocol):
    @property
    def sub(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def password_hash(self) -> str:
        """Empty for a Facebook-only account (it has no password)."""
        ...

    @property
    def is_admin(self) -> bool: ...
    @property
    def is_lawyer(self) -> bool:
        """In the ``abogados`` group: the lawyers' inbox (issue 17)."""
        ...

    @property
    def facebook_id(self) -> str | None:
        """The simulated Facebook user linked to this account, if any."""
        ...


class LocalUserStore(Protocol):
    """Where the local provider keeps its accounts (``db.local_idp.SqlLocalUserStore``)."""

    def find(self, email: str) -> LocalAccount | None: ...

    def find_by_sub(self, sub: str) -> LocalAccount | None: ...

    def add(self, *, sub: str, email: str, password_hash: str) -> LocalAccount | None:
        """Create the account; ``None`` when the e-mail is taken."""
        ...

    def find_by_facebook(self, facebook_id: str) -> LocalAccount | None: ...

    def add_federated(self, *, sub: str, email: str, facebook_id: str) -> LocalAccount | None:
        """A Facebook-only account (no password); ``None`` when the e-mail or id is taken."""
        ...

    def link_facebook(self, *, sub: str, facebook_id: str) -> None:
        """Link the simulated Facebook user to the account (AdminLinkProviderForUser)."""
        ...
