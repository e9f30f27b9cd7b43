"""The liquidación: the finiquito plus what an unjustified dismissal adds (Arts. 48-50, 52).

Three months of integrated salary; the 20 days a year and the salarios vencidos shown
with when they apply, outside the total.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.dates import add_months, spanish_date
from calc.ending import Ending, ending_lines, seniority_line
from calc.errors import CalcError
from calc.facts import pesos
from calc.salary import integrated_daily
from calc.types import Job, Line, Result, cents
from calc.vacations import vacation_days

MONTHLY_INTEREST = Decimal("0.02")
INTEREST_BASE_DAYS = 450  # fifteen months of salary (Art. 48, third paragraph)


def liquidacion(job: Job, *, on: date) -> Result:
    """Severance for an unjustified dismissal, or for a rescission by the worker (Art. 52)."""
    if job.reason == "renuncia":
        raise CalcError("Con una renuncia no hay indemnización; lo que te toca es el finiquito.")
    end = ending_lines(job, on=on)
    reason = job.reason or "despido"
    if job.reason is None:
        end.notes.append("Supusimos que te despidieron sin causa justificada.")
    end.lines.append(seniority_line(job, end))
    integrated = _integrated(job, end)
    years = end.svc.years
    end.lines.append(
        Line(
            "Indemnización de 3 meses",
            Decimal(90),
            cents(90 * integrated),
            ("48", "50"),
            "90 días de salario integrado",
        )
    )
    end.lines.append(_twenty_days(reason, years, integrated, end))
    end.lines.extend(_back_pay(end, integrated, on=on))
    end.notes.append(
        "Supusimos un contrato por tiempo indeterminado (Art. 50-II); si era por tiempo "
        "determinado, la cuenta cambia (Art. 50-I)."
    )
    end.notes.append(
        "En un despido puedes pedir que te reinstalen o que te indemnicen (Art. 48); la "
        "PROFEDET te asesora gratis."
    )
    return Result("liquidacion", on, tuple(end.lines), tuple(end.notes))


def _integrated(job: Job, end: Ending) -> Decimal:
    vacation = vacation_days(end.svc.completed + 1)
    integrated = integrated_daily(
        end.daily,
        aguinaldo_days=job.aguinaldo_days,
        vacation_days=vacation,
        premium=job.vacation_premium,
    )
    end.notes.append(
        f"La indemnización usa el salario integrado (Art. 84 y 89): {pesos(integrated)} al día, "
        f"tu salario más la parte diaria de {job.aguinaldo_days} días de aguinaldo y de la prima "
        f"vacacional de {vacation} días de vacaciones (lo mínimo de ley; vales, bonos o "
        "comisiones lo suben)."
    )
    return integrated


def _twenty_days(reason: str, years: Decimal, integrated: Decimal, end: Ending) -> Line:
    days = 20 * years
    monto = cents(days * integrated)
    shown = days.quantize(Decimal("0.01"))
    if reason == "rescision":
        return Line(
            "20 días por año",
            shown,
            monto,
            ("50", "52"),
            "te toca porque tú rescindiste por culpa del patrón (Art. 51 y 52)",
        )
    if end.svc.completed < 1:
        end.notes.append(
            "Con menos de un año de antigüedad el patrón puede negarse a reinstalarte pagando "
            "también los 20 días por año (Art. 49-I)."
        )
    return Line(
        "20 días por año",
        shown,
        monto,
        ("49", "50"),
        "solo si el patrón se niega a reinstalarte (Art. 49: menos de un año, confianza, "
        "hogar, eventuales, plataformas)",
        condicional=True,
    )


def _back_pay(end: Ending, integrated: Decimal, *, on: date) -> list[Line]:
    """Art. 48: salarios vencidos from the dismissal up to 12 months, then 2 % a month on 15."""
    dismissal = end.svc.last_day
    why = "solo si vas a juicio y el patrón no prueba la causa del despido"
    if on <= dismissal:
        return [
            Line(
                "Salarios vencidos",
                None,
                None,
                ("48",),
                f"{why}: un día de salario por cada día desde el despido, hasta 12 meses; "
                "después, 2 % mensual sobre 15 meses de salario",
                condicional=True,
            )
        ]
    limit = add_months(dismissal, 12)
    days = min((on - dismissal).days, (limit - dismissal).days)
    lines = [
        Line(
            "Salarios vencidos",
            Decimal(days),
            cents(days * integrated),
            ("48",),
            f"{why}; del {spanish_date(dismissal)} al {spanish_date(min(on, limit))}, "
            "máximo 12 meses",
            condicional=True,
        )
    ]
    months = 0
    while add_months(limit, months + 1) <= on:
        months += 1
    if months:
        interest = INTEREST_BASE_DAYS * integrated * MONTHLY_INTEREST * months
        lines.append(
            Line(
                "Intereses (2 % mensual)",
                None,
                cents(interest),
                ("48",),
                f"{months} mes(es) después de los 12 primeros, sobre 15 meses de salario",
                condicional=True,
            )
        )
    return lines
