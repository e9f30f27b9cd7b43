"""Results as text: a Spanish lead sentence, a monospace table (≤ 40 columns) and short lines.

The chat puts the table in Telegram's <pre> and the short lines on WhatsApp; the CLI prints both.
"""

from __future__ import annotations

import textwrap
from datetime import timedelta
from decimal import Decimal

from calc.dates import spanish_date
from calc.facts import pesos
from calc.overtime import YEAR_WEEKS
from calc.types import Line, Result

WIDTH = 40
_LEADS = {
    "finiquito": "Tu finiquito sería de unos {total}.",
    "liquidacion": "Tu liquidación sería de unos {total}.",
    "horas-extra": "Por esas horas y días te deben unos {total} de esa semana.",
}


def _days(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def _amount(line: Line) -> str:
    return "" if line.monto is None else f"{line.monto:,.2f}"


def headline(result: Result) -> str:
    """One Spanish sentence that leads with the amount or the date."""
    if result.kind == "plazo" and result.vence is not None:
        day = spanish_date(result.vence)
        what = result.items[0].concepto if result.items else ""
        if result.vence < result.fecha:
            # The dismissal's two months gone, the finiquito's year still running (Art. 516):
            # what can still be claimed is said with the day it ends.
            rest = next(
                (line for line in result.items if line.articulos == ("516",) and line.dias),
                None,
            )
            if what == "Reclamar el despido" and rest is not None:
                until = spanish_date(result.fecha + timedelta(days=int(rest.dias or 0)))
                return (
                    f"El plazo para reclamar el despido venció el {day}, pero todavía puedes "
                    f"cobrar tu finiquito y tus prestaciones: tienes hasta el {until} (Art. 516). "
                    "Acude cuanto antes a la PROFEDET."
                )
            return f"El plazo venció el {day}; aun así, acude a la PROFEDET."
        if what == "Reclamar el despido":
            return (
                f"Tienes hasta el {day} para presentar tu solicitud ante el Centro de Conciliación."
            )
        return f"Tienes hasta el {day} para reclamar lo que te deben."
    total = pesos(result.total)
    if result.kind == "aguinaldo" and result.items:
        return f"Te tocan unos {total} de {result.items[0].concepto.lower()}."
    if result.kind == "vacaciones":
        days = sum(
            (line.dias or Decimal(0) for line in result.items if line.concepto.startswith("Vac")),
            Decimal(0),
        )
        lead = f"Te tocan {_days(days)} días de vacaciones"
        premiums = [line for line in result.items if line.concepto.startswith("Prima vacacional")]
        if result.total:
            # "¿Cuánto es mi prima vacacional?" reads its own figure first, not only the sum.
            premium = sum((line.monto or Decimal(0) for line in premiums), Decimal(0))
            paid, extra = pesos(result.total - premium), pesos(premium)
            return f"{lead}: unos {paid}, más {extra} de prima vacacional; en total {total}."
        # Without the pay, the premium in days of salary ("más 5.5 días de salario de prima").
        premium_days = sum((line.dias or Decimal(0) for line in premiums), Decimal(0))
        if premium_days:
            return f"{lead}, más {_days(premium_days)} días de salario de prima vacacional."
        return f"{lead}."
    template = _LEADS.get(result.kind, "Te tocan unos {total}.")
    lead = template.format(total=total)
    weeks, claimable = result.semanas, result.claimable
    if weeks is None or claimable is None or weeks < 2:
        return lead
    if weeks == YEAR_WEEKS:
        # "¿Cuánto me deben de un mes?": a month of 30 days is 30/7 weeks.
        month = pesos((result.total * 30 / 7).quantize(Decimal("0.01")))
        return (
            f"{lead} Si fue así cada semana, son unos {month} al mes y unos {pesos(claimable)} en "
            "el último año: puedes reclamar hasta un año atrás (Art. 516)."
        )
    return f"{lead} Si fue así cada semana, en tus {weeks} semanas son unos {pesos(claimable)}."


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False) or [""]


def _pack(articles: tuple[str, ...], width: int) -> list[str]:
    """Article ids joined by commas, as many to a line as fit in ``width``."""
    out: list[str] = []
    for article in articles:
        if out and len(out[-1]) + 1 + len(article) <= width:
            out[-1] += "," + article
        else:
            if out:
                out[-1] += ","
            out.append(article)
    return out or [""]


def table(result: Result) -> str:
    """A monospace table: concept | días | monto | Art., no wider than 40 columns."""
    rows = [
        (line.concepto + (" *" if line.condicional else ""), _days(line.dias), _amount(line))
        for line in result.items
    ]
    has_money = any(line.monto is not None for line in result.items)
    total = f"{result.total:,.2f}"
    days_w = max([4, *(len(r[1]) for r in rows)])
    amount_w = max([5, len(total), *(len(r[2]) for r in rows)])
    art_w = max([4, *(min(len(",".join(line.articulos)), 6) for line in result.items)])
    concept_w = WIDTH - days_w - amount_w - art_w - 3
    out = [
        f"{'Concepto':<{concept_w}} {'Días':>{days_w}} {'Monto':>{amount_w}} Art.",
        f"{'-' * concept_w} {'-' * days_w} {'-' * amount_w} {'-' * art_w}",
    ]
    for (concept, days, amount), line in zip(rows, result.items, strict=True):
        concepts = _wrap(concept, concept_w)
        articles = _pack(line.articulos, art_w)
        for i in range(max(len(concepts), len(articles))):
            c = concepts[i] if i < len(concepts) else ""
            a = articles[i] if i < len(articles) else ""
            d, m = (days, amount) if i == 0 else ("", "")
            out.append(f"{c:<{concept_w}} {d:>{days_w}} {m:>{amount_w}} {a}".rstrip())
    if has_money:
        out.append(f"{'Total':<{concept_w}} {'':>{days_w}} {total:>{amount_w}}".rstrip())
    if any(line.condicional for line in result.items):
        out.extend(_wrap("* Solo en ciertos casos; no va en el total.", WIDTH))
    return "\n".join(out)


def short_lines(result: Result) -> str:
    """One short line per concept, no table (WhatsApp), then the total."""
    out = []
    for line in result.items:
        parts = [f"• {line.concepto} (Art. {', '.join(line.articulos)})"]
        if line.dias is not None and result.kind != "plazo":
            parts.append(f"{_days(line.dias)} días")
        if line.monto is not None:
            parts.append(pesos(line.monto))
        text = ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]
        if line.condicional or result.kind == "plazo":
            text += f" — {line.nota}" if line.nota else ""
        out.append(text)
    if result.kind != "plazo":
        out.append(f"Total: {pesos(result.total)}")
    return "\n".join(out)


def report(result: Result) -> str:
    """Lead sentence, table and assumptions: the CLI's text output."""
    notes = "\n".join(f"- {note}" for note in result.supuestos)
    return f"{headline(result)}\n\n{table(result)}\n\nSupuestos:\n{notes}"
