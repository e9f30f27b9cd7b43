"""Shared pieces of the browser tests: Debian's Chromium, its flags, and a free loopback port."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

# Headless as root on a machine with no outside network: no sandbox, no background traffic.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium() -> str:
    """The Chromium binary; CI fails rather than skips when .ci/run did not install it."""
    path = os.environ.get("ABOGADO_TEST_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"no Chromium at {path}")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
