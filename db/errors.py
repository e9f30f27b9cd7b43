"""db's exception tree.

DbError
└── MigrationError   the schema could not be brought up to date
(Optimistic-concurrency conflicts raise ``bot.errors.VersionConflict``, the port's error.)
"""

from __future__ import annotations


class DbError(Exception):
    """Base of every error raised by db."""


class MigrationError(DbError):
    pass
