"""Shared pieces of the tests that drive a real server: Debian's Chromium, its flags, a free
loopback port, and an app served by uvicorn in a thread.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

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


@contextmanager
def serving(app: Any, port: int) -> Iterator[None]:
    """``app`` served by uvicorn on 127.0.0.1:``port`` in a thread, until the block ends."""
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped while starting"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=30)
