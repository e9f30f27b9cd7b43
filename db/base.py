"""The declarative ``Base`` every model module builds on, and the list of those modules.

Other packages' tables (links, inbound updates, broadcasts…) live in their own modules under
db/; add the module's name to ``MODEL_MODULES`` so migrations and autogenerate see it.
"""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, MetaData, Text
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so migrations can drop and alter them on SQLite and MySQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Every table is utf8mb4 on MySQL: workers write accents and emoji.
MYSQL_TABLE: dict[str, str] = {"mysql_charset": "utf8mb4", "mysql_engine": "InnoDB"}

# Modules that define tables on Base; a missing one (not written yet) is skipped.
MODEL_MODULES: tuple[str, ...] = (
    "db.models",
    "db.links",
    "db.local_idp",
    "db.inbound_table",
    "db.outbound",
    "db.broadcasts",
    "db.audit",
    "db.reminder_table",
    "db.usage",
    "db.group_table",
    "db.handoff_table",
    "db.notice_table",
    "db.payment_table",
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def load_models() -> MetaData:
    """Import every model module so ``Base.metadata`` knows all tables; returns it."""
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return Base.metadata


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC out; stored naive (MySQL DATETIME has no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class JSONText(TypeDecorator[Any]):
    """JSON kept in a TEXT column: the same type on SQLite and MySQL, so no migration drift."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)
