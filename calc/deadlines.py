"""Deadlines to claim (prescription, Arts. 516-522) and what suspends them (Arts. 521, 684-B).

Months are counted "de fecha a fecha" (Art. 522): the deadline is the same day number two months
after the dismissal (the earlier reading at month ends); never moved later for a holiday.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.dates import add_months, add_years, spanish_date
from calc.errors import CalcError
from calc.facts import common_notes
from calc.types import Job, Line, Result

CONVENTION = (
    "Contamos los dos meses desde el día siguiente a la separación y de fecha a fecha (Art. 518 "
    "y 522): vence el mismo número de día dos meses después, o el último día del mes si ese día "
    "no existe (del 31 de diciembre al 28 o 29 de febrero); si un fin de mes deja dudas, damos "
    "la fecha más temprana."
)
HOLIDAY = (
    "Si el último día es inhábil, la ley lo corre al siguiente día hábil (Art. 522), pero no lo "
    "dejes para el final: preséntala cuanto antes."
)
SUSPENDS = (
    "Presentar la solicitud de conciliación ante el Centro de Conciliación detiene el plazo "
    "(Art. 518 y 521-III, 684-B); vuelve a correr el día siguiente a que te den la constancia "
    "de no conciliación."
)


def _days_left(on: date, deadline: date) -> Decimal | None:
    left = (deadline - on).days
    return Decimal(left) if left >= 0 else None


def dismissal_deadline(dismissed_on: date) -> date:
    """Art. 518: two months from the day after the separation, counted de fecha a fecha.

    The same day number two months after the dismissal (the month's last day when that month
    is shorter). Counting two whole months from the first day gives the same date, or a later
    one when the dismissal falls on a month's last day (February 28 → April 28 here, April 30
    that way): we give the earlier, so the worker is never told a date a court could find late.
    """
    return add_months(dismissed_on, 2)


def plazo(job: Job, *, on: date, dismissed_on: date | None) -> Result:
    """The deadlines that follow a separation: 518 (dismissal), 516 (other claims), 517, 519."""
    separated = dismissed_on or job.end
    if separated is None:
        raise CalcError("Necesito la fecha en que te despidieron o dejaste de trabajar.")
    dismissed = dismissed_on is not None or job.reason in (None, "despido")
    notes = common_notes(job, on=on)
    lines: list[Line] = []
    vence: date
    one_year = add_years(separated, 1)
    if dismissed:
        vence = dismissal_deadline(separated)
        lines.append(
            Line(
                "Reclamar el despido",
                _days_left(on, vence),
                None,
                ("518", "684-B"),
                f"solicitud de conciliación hasta el {spanish_date(vence)}",
            )
        )
        notes.append(CONVENTION)
        notes.append(HOLIDAY)
        if job.reason is None and dismissed_on is None:
            notes.append("Supusimos que te despidieron; si renunciaste, el plazo es otro.")
    else:
        vence = one_year
    lines.append(
        Line(
            "Cobrar finiquito y prestaciones",
            _days_left(on, one_year),
            None,
            ("516",),
            f"un año desde que se deben: hasta el {spanish_date(one_year)} para lo que se "
            "debía al salir",
        )
    )
    if job.reason == "rescision":
        lines.append(
            Line(
                "Separarte por culpa del patrón",
                None,
                None,
                ("517", "52"),
                "un mes desde que supiste la causa (Art. 517-II; el Art. 52 da 30 días)",
            )
        )
        notes.append(
            "Si rescindiste por culpa del patrón, confirma con la PROFEDET el plazo para "
            "reclamar la indemnización: no lo dejes pasar."
        )
    lines.append(
        Line(
            "Riesgo de trabajo",
            None,
            None,
            ("519",),
            "dos años desde que se determina el grado de incapacidad",
        )
    )
    notes.append(SUSPENDS)
    if vence < on:
        notes.append(
            f"Ese plazo ya venció el {spanish_date(vence)}. Aun así, acude a la PROFEDET: "
            "puede haber algo que reclamar."
        )
    notes.append("La PROFEDET te asesora gratis para presentar la solicitud.")
    return Result("plazo", on, tuple(lines), tuple(notes), vence=vence)
