"""A throwaway MariaDB server the chaos tests may kill and restart (own datadir, own port).

Started like ``.ci/run`` starts the shared one, but owned by the test: ``kill`` sends SIGKILL
(no clean shutdown, connections drop mid-statement), ``start`` brings it back on the same port.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayMariaDB:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.datadir = root / "data"
        self.port = _free_port()
        # Unix socket paths are limited to ~107 bytes; a deep tmp_path may be longer.
        self.socket = Path(tempfile.gettempdir()) / f"chaos-mariadb-{self.port}.sock"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"mysql+pymysql://root@127.0.0.1:{self.port}/chaos?charset=utf8mb4"

    def install(self) -> None:
        subprocess.run(
            [
                "mariadb-install-db",
                "--no-defaults",
                f"--datadir={self.datadir}",
                "--user=root",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self, *, timeout: float = 60.0) -> None:
        assert self._proc is None, "already running"
        log = (self.root / "mysqld.log").open("ab")
        self._proc = subprocess.Popen(
            [
                "mariadbd",
                "--no-defaults",
                f"--datadir={self.datadir}",
                f"--socket={self.socket}",
                f"--port={self.port}",
                "--bind-address=127.0.0.1",
                "--user=root",
                "--skip-log-bin",
                "--skip-grant-tables",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=8M",
                f"--pid-file={self.root / 'mysqld.pid'}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"mariadbd exited: see {self.root / 'mysqld.log'}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise TimeoutError("mariadbd did not start")
        self._sql("CREATE DATABASE IF NOT EXISTS chaos CHARACTER SET utf8mb4")

    def kill(self) -> None:
        """SIGKILL: what a crash or an out-of-memory kill does to the server."""
        if self._proc is None:
            return
        self._proc.send_signal(signal.SIGKILL)
        self._proc.wait(timeout=30)
        self._proc = None

    def stop(self) -> None:
        self.kill()
        self.socket.unlink(missing_ok=True)

    def _sql(self, statement: str) -> None:
        import pymysql

        for _ in range(50):
            try:
                conn = pymysql.connect(host="127.0.0.1", port=self.port, user="root")
            except pymysql.err.OperationalError:
                time.sleep(0.1)
                continue
            try:
                with conn.cursor() as cursor:
                    cursor.execute(statement)
                conn.commit()
            finally:
                conn.close()
            return
        raise TimeoutError("mariadbd accepts no connections")


def mariadb_available() -> bool:
    return shutil.which("mariadbd") is not None and shutil.which("mariadb-install-db") is not None


def require_mariadb() -> None:
    """Skip without a mariadbd here; in CI (``CI=true``) fail instead: .ci/run installs it."""
    if mariadb_available():
        return
    if os.environ.get("CI"):
        pytest.fail("mariadbd is not installed: .ci/run must install mariadb-server")
    pytest.skip("mariadbd is not installed (apt-get install mariadb-server)")
