"""Cases and messages: bot's ``Case`` values in and out of the ``cases``/``messages`` tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation import Case
from bot.effects import Role
from bot.salary import Salary
from db.models import CaseRow, MessageRow

# Form field (bot.form) → column; "salario" is split into amount and period.
_COLUMNS = {
    "tema": "topic",
    "patrón": "employer",
    "puesto": "job",
    "fecha de inicio": "start_date",
    "fecha de fin": "end_date",
    "contrato": "contract",
    "horario": "schedule",
    "descripción": "description",
}


def to_case(row: CaseRow) -> Case:
    fields: dict[str, str] = {}
    for name, column in _COLUMNS.items():
        value = getattr(row, column)
        if value is not None:
            fields[name] = value
    if row.salary_amount is not None and row.salary_period:
        fields["salario"] = f"{row.salary_amount:.2f} {row.salary_period}"
    for name, value in (row.details or {}).items():
        if isinstance(value, str) and value and name not in fields:
            fields[name] = value
    return Case(number=row.number, opened_on=row.opened_on, fields=fields, status=row.status)


class SqlCaseStore:
    """Cases and messages of one session; remembers the rows it saw, so a turn asks once."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rows: dict[tuple[int, int], CaseRow] = {}
        self._loaded: set[int] = set()

    def cases_for(self, user_id: int) -> tuple[Case, ...]:
        rows = self._session.scalars(
            select(CaseRow).where(CaseRow.user_id == user_id).order_by(CaseRow.number)
        ).all()
        for row in rows:
            self._rows[(user_id, row.number)] = row
        self._loaded.add(user_id)
        return tuple(to_case(row) for row in rows)

    def _row(self, user_id: int, number: int) -> CaseRow | None:
        key = (user_id, number)
        if key in self._rows or user_id in self._loaded:
            return self._rows.get(key)
        row = self._session.scalar(
            select(CaseRow).where(CaseRow.user_id == user_id, CaseRow.number == number)
        )
        if row is not None:
            self._rows[key] = row
        return row

    def save_case(self, *, user_id: int, case: Case, now: datetime) -> None:
        """Insert or update the case numbered ``case.number`` for this user."""
        row = self._row(user_id, case.number)
        if row is None:
            row = CaseRow(
                user_id=user_id, number=case.number, opened_on=case.opened_on, created_at=now
            )
            self._session.add(row)
            self._rows[(user_id, case.number)] = row
        for name, column in _COLUMNS.items():
            setattr(row, column, case.fields.get(name))
        salary = case.fields.get("salario")
        if salary:
            parsed = Salary.from_canonical(salary)
            row.salary_amount, row.salary_period = parsed.amount, parsed.period
        else:
            row.salary_amount, row.salary_period = None, None
        details = {
            name: value
            for name, value in case.fields.items()
            if name not in _COLUMNS and name != "salario" and value
        }
        row.details = details or None
        row.status = case.status
        row.updated_at = now

    def add_message(
        self,
        *,
        user_id: int,
        case_number: int | None,
        role: Role,
        text: str,
        articles: Sequence[str],
        now: datetime,
    ) -> None:
        case_id = None
        if case_number is not None:
            row = self._row(user_id, case_number)
            if row is not None and row.id is None:
                self._session.flush()  # a case created in this turn needs its id first
            case_id = row.id if row is not None else None
        self._session.add(
            MessageRow(
                user_id=user_id,
                case_id=case_id,
                role=role,
                text=text,
                cited_articles=list(articles),
                created_at=now,
            )
        )

    def history(
        self, *, user_id: int, case_number: int | None, limit: int = 6
    ) -> list[tuple[str, str]]:
        """The case's last messages, oldest first, as (role, text) for the answerer."""
        if case_number is None:
            return []
        row = self._row(user_id, case_number)
        if row is None or row.id is None:
            return []
        rows = self._session.execute(
            select(MessageRow.role, MessageRow.text)
            .where(MessageRow.case_id == row.id)
            .order_by(MessageRow.id.desc())
            .limit(limit)
        ).all()
        return [(role, text) for role, text in reversed(rows)]
