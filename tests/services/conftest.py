"""Turn and chat test fixtures: fresh databases on SQLite and MariaDB (tests/db/databases.py)."""

from tests.db.databases import db_url, empty_db_url, sessions

__all__ = ["db_url", "empty_db_url", "sessions"]
