"""The webhooks package's one base exception and its few subclasses.

Routes translate these into HTTP statuses; the worker into retries or dead letters.
"""

from __future__ import annotations


class WebhooksError(Exception):
    """Base class for every error raised by ``webhooks``."""


class ChannelConfigError(WebhooksError):
    """A channel is used without the settings it needs (token, account, sender)."""


class LoginConfigError(WebhooksError):
    """The aws profile without the Cognito settings logins need (domain, client, pool)."""


class UnparseableUpdate(WebhooksError):
    """An authentic platform update that we cannot turn into an inbound message."""


class SendRefused(WebhooksError):
    """The platform refused a reply for good (a bad chat, a rejected message): dead-letter it."""


class StoreUnavailable(WebhooksError):
    """The inbound store or queue could not persist an update; the platform must retry."""
