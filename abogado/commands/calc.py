"""``abogado calc KIND``: the labor calculators (calc/) from the command line.

Shell only: parses the options (salary as workers say it, ISO dates), calls calc.compute, prints
the text report or the JSON; bad input becomes a one-line Spanish error and exit 2.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, TypeVar

from calc.mexico_time import today_in_mexico
from calc.types import Reason, Zone
from services.errors import UsageError

if TYPE_CHECKING:
    from abogado.container import Container

KINDS_HELP = "vacaciones, aguinaldo, finiquito, liquidacion, horas-extra o plazo"
REASONS: dict[str, Reason] = {
    "renuncia": "renuncia",
    "despido": "despido",
    "rescision": "rescision",
}
ZONES: dict[str, Zone] = {"general": "general", "frontera": "frontera"}
T = TypeVar("T")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "calc",
        help="compute vacations, aguinaldo, finiquito, liquidación, overtime or a deadline",
        description="Compute what the LFT gives a worker (an estimate, with its articles and "
        f"assumptions). KIND: {KINDS_HELP}. Dates are YYYY-MM-DD.",
    )
    parser.add_argument("kind", metavar="KIND", help=KINDS_HELP)
    parser.add_argument("--salario", help='pay as said: "9000 mensual", "4,500 a la quincena"')
    parser.add_argument("--inicio", help="start date (YYYY-MM-DD)")
    parser.add_argument("--fin", help="last day worked (YYYY-MM-DD); none: still working")
    parser.add_argument("--fecha", help="date to compute for (YYYY-MM-DD; default today)")
    parser.add_argument("--motivo", help="renuncia, despido or rescision")
    parser.add_argument("--zona", help="general or frontera (Zona Libre de la Frontera Norte)")
    parser.add_argument("--jornada-horas", help="hours of the daily shift (default 8)")
    parser.add_argument("--horas-extra", help="overtime hours in one week")
    parser.add_argument("--despido", help="dismissal date for plazo (YYYY-MM-DD)")
    parser.add_argument("--descansos", type=int, default=0, help="rest days worked that week")
    parser.add_argument("--festivos", type=int, default=0, help="holidays worked (Art. 74)")
    parser.add_argument("--domingos", type=int, default=0, help="Sundays worked (Art. 71)")
    parser.add_argument("--aguinaldo-dias", type=int, default=15, help="days a year (default 15)")
    parser.add_argument("--dias-sin-pago", type=int, default=0, help="salary days owed")
    parser.add_argument(
        "--vacaciones-tomadas", type=int, default=0, help="days taken since the last anniversary"
    )
    parser.add_argument(
        "--vacaciones-pendientes", type=int, help="days earned in earlier years, never taken"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: «{value}» no es una fecha AAAA-MM-DD.") from None


def _decimal(value: str | None, option: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise UsageError(f"{option}: «{value}» no es un número.") from None
    if not number.is_finite():
        raise UsageError(f"{option}: «{value}» no es un número.")
    return number


def _salary(text: str | None) -> Decimal | None:
    from bot.salary import Salary, parse_salary
    from calc import daily_salary

    if text is None:
        return None
    parsed = parse_salary(text)
    if not isinstance(parsed, Salary):
        problems = {
            "no_amount": "no encuentro la cantidad",
            "no_period": "dime si es diario, semanal, quincenal o mensual",
            "implausible": "esa cantidad no parece un salario",
        }
        raise UsageError(f"--salario: «{text}»: {problems[parsed]}.")
    return daily_salary(parsed.amount, parsed.period)


def _choice(value: str | None, options: dict[str, T], option: str) -> T | None:
    if value is None:
        return None
    if value in options:
        return options[value]
    *rest, last = options
    raise UsageError(f"{option}: «{value}» no vale; puede ser {', '.join(rest)} o {last}.")


def run(args: argparse.Namespace, container: Container) -> int:
    from calc import CalcError, Job, compute
    from calc.render import report

    try:
        job = Job(
            daily_salary=_salary(args.salario),
            start=_date(args.inicio, "--inicio"),
            end=_date(args.fin, "--fin"),
            reason=_choice(args.motivo, REASONS, "--motivo"),
            zone=_choice(args.zona, ZONES, "--zona"),
            daily_hours=_decimal(args.jornada_horas, "--jornada-horas"),
            aguinaldo_days=args.aguinaldo_dias,
            vacation_days_taken=args.vacaciones_tomadas,
            vacation_days_pending=args.vacaciones_pendientes,
            unpaid_days=args.dias_sin_pago,
        )
        result = compute(
            args.kind,
            job,
            on=_date(args.fecha, "--fecha") or today_in_mexico(),
            extra_hours=_decimal(args.horas_extra, "--horas-extra"),
            dismissed_on=_date(args.despido, "--despido"),
            rest_days=args.descansos,
            holidays=args.festivos,
            sundays=args.domingos,
        )
    except CalcError as exc:
        raise UsageError(str(exc)) from exc
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report(result))
    return 0
