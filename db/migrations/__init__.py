"""Alembic migrations for every table on ``db.base.Base`` (run through ``db.migrate``)."""
