"""``abogado calc``: every kind in text and JSON, and bad input as one Spanish line, exit 2."""

from __future__ import annotations

import argparse
import json
import sys

import pytest

from abogado.cli import COMMANDS
from abogado.commands import calc
from abogado.container import Container
from calc.mexico_time import today_in_mexico
from services.errors import AbogadoError
from services.settings import Settings


def _no_settings() -> Settings:
    raise AssertionError("abogado calc must not need the settings")


def main(argv: list[str]) -> int:
    """``abogado.cli.main`` restricted to this command (other commands' modules may be absent),
    with a container that fails if anything asks it for the settings."""
    parser = argparse.ArgumentParser(prog="abogado")
    calc.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args, Container(load=_no_settings))
    except AbogadoError as exc:
        print(f"abogado: error: {exc}", file=sys.stderr)
        return exc.exit_code
    return code


def test_registered_in_the_cli() -> None:
    assert "calc" in COMMANDS


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["calc", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--salario" in out
    assert "liquidacion" in out


def test_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["calc", "aguinaldo", "--salario", "9 mil al mes", "--inicio", "2026-03-01"]
    assert main([*argv, "--fin", "2026-11-30", "--fecha", "2026-12-04"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Te tocan unos $3,390.41 de aguinaldo proporcional.\n")
    assert "Aguinaldo" in out
    assert "Supuestos:\n- Calculado al 4 de diciembre de 2026." in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["calc", "plazo", "--despido", "2026-10-20", "--fecha", "2026-10-21", "--format", "json"]
    assert main(argv) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["kind"] == "plazo"
    assert body["vence"] == "2026-12-20"
    assert body["items"][0]["articulos"] == ["518", "684-B"]


def test_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "calc",
        "finiquito",
        "--salario",
        "4,500 a la quincena",
        "--inicio",
        "2020-02-01",
        "--fin",
        "2026-11-15",
        "--motivo",
        "despido",
        "--zona",
        "frontera",
        "--aguinaldo-dias",
        "20",
        "--dias-sin-pago",
        "3",
        "--vacaciones-tomadas",
        "2",
        "--vacaciones-pendientes",
        "4",
        "--fecha",
        "2026-12-04",
        "--format",
        "json",
    ]
    assert main(argv) == 0
    body = json.loads(capsys.readouterr().out)
    concepts = [item["concepto"] for item in body["items"]]
    assert concepts[0] == "Salario pendiente"
    assert body["items"][0]["monto"] == 900  # 3 × 300
    assert "Prima de antigüedad" in concepts
    assert "Vacaciones no disfrutadas" in concepts
    argv = [
        "calc",
        "horas-extra",
        "--salario",
        "$350 diarios",
        "--jornada-horas",
        "7",
        "--horas-extra",
        "4",
        "--descansos",
        "1",
        "--festivos",
        "1",
        "--domingos",
        "1",
        "--fecha",
        "2027-03-01",
        "--format",
        "json",
    ]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 400 + 700 + 700 + 87.5


def test_default_date_is_today_in_mexico(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", "vacaciones", "--inicio", "2020-01-10", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["fecha"] == today_in_mexico().isoformat()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["aguinaldo", "--salario", "mucho", "--inicio", "2020-01-01"], "no encuentro la cantidad"),
        (["aguinaldo", "--salario", "9000", "--inicio", "2020-01-01"], "diario, semanal"),
        (["aguinaldo", "--salario", "0 al mes", "--inicio", "2020-01-01"], "no parece un salario"),
        (
            [
                "aguinaldo",
                "--salario",
                "9000 mensual",
                "--inicio",
                "2020-01-01",
                "--fecha",
                "2099-01-01",
            ],
            "2099",
        ),
        (
            [
                "finiquito",
                "--salario",
                "9000 mensual",
                "--inicio",
                "2020-01-01",
                "--fin",
                "2019-01-01",
            ],
            "anterior",
        ),
        (["propinas"], "No conozco el cálculo «propinas»"),
        (["aguinaldo", "--inicio", "2020-13-01"], "no es una fecha"),
        (["horas-extra", "--salario", "300 diario", "--horas-extra", "muchas"], "no es un número"),
        (["horas-extra", "--salario", "300 diario", "--horas-extra", "NaN"], "no es un número"),
        (["finiquito", "--motivo", "corrido"], "renuncia, despido o rescision"),
        (["finiquito", "--zona", "sur"], "general o frontera"),
        (
            [
                "liquidacion",
                "--salario",
                "9000 mensual",
                "--inicio",
                "2020-01-01",
                "--motivo",
                "renuncia",
            ],
            "finiquito",
        ),
    ],
)
def test_bad_input_is_one_spanish_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["calc", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
