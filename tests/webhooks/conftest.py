"""Fixtures for the webhooks tests: the fake platform APIs."""

from __future__ import annotations

from tests.fakes.fixtures import fake_telegram, fake_twilio

__all__ = ["fake_telegram", "fake_twilio"]
