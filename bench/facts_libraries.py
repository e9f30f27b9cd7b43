"""bot.facts' hand-written rules against two well-kept libraries: dateparser and text2num.

Run ``python -m bench.facts_libraries`` where they are installed (neither is a dependency: bot/
stays stdlib-only). Dates, role-free: a gold start or end date counts as found when the method
finds a date that agrees with it to the gold's precision; a date found that matches no gold date
is a wrong one (generous to dateparser, which returns full datetimes and cannot say "2021" only).
Numbers in words: pay said in words, read by bot.facts alone and after text2num's alpha2digit.
Writes bench/results/facts_libraries.json.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench.facts import load
from bot.dates import PartialDate
from bot.facts import extract

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results" / "facts_libraries.json"
PAY_IN_WORDS = (
    ("gano nueve mil al mes", "9000.00 mes"),
    ("me pagan dos mil quinientos a la semana", "2500.00 semana"),
    ("me pagan mil doscientos semanales", "1200.00 semana"),
    ("gano tres mil ochocientos cincuenta a la quincena", "3850.00 quincena"),
    ("ganaba veinticinco mil al mes", "25000.00 mes"),
    ("me pagan cuatrocientos cincuenta diarios", "450.00 dia"),
    ("me pagaban trescientos pesos al dia", "300.00 dia"),
    ("gano doce mil mensuales", "12000.00 mes"),
    ("me pagan siete mil quinientos a la quincena", "7500.00 quincena"),
    ("gano mil ochocientos a la semana", "1800.00 semana"),
    ("me pagan ochocientos cincuenta x dia", "850.00 dia"),
    ("gano cuatro mil a la catorcena", "4000.00 catorcena"),
    ("me pagan quince mil al mes", "15000.00 mes"),
    ("gano dos mil cien a la semana", "2100.00 semana"),
    ("me pagaban treinta y cinco mil mensuales", "35000.00 mes"),
    ("me pagan doscientos ochenta diarios", "280.00 dia"),
    ("gano seis mil setecientos al mes", "6700.00 mes"),
    ("me pagan novecientos a la semana", "900.00 semana"),
    ("tengo dieciseis años y gano mil quinientos a la semana", "1500.00 semana"),
    ("de siete a seis de lunes a sabado, me pagan dos mil semanales", "2000.00 semana"),
)


def _gold_dates(facts: dict[str, Any]) -> tuple[set[PartialDate], set[PartialDate]]:
    """(dates that must be found, dates that may be found)."""
    required: set[PartialDate] = set()
    allowed: set[PartialDate] = set()
    for key in ("start", "end"):
        value = facts.get(key)
        values = value if isinstance(value, list) else [value]
        for v in values:
            if v is not None:
                allowed.add(PartialDate.from_iso(v))
                if None not in values:
                    required.add(PartialDate.from_iso(v))
    return required, allowed


def _agrees(found: date | PartialDate, gold: PartialDate) -> bool:
    if isinstance(found, PartialDate):
        return found == gold
    return (
        found.year == gold.year
        and (gold.month is None or found.month == gold.month)
        and (gold.day is None or found.day == gold.day)
    )


def _score(finder: Any, items: list[dict[str, Any]]) -> dict[str, Any]:
    tp = fp = fn = 0
    wrong: list[str] = []
    times = []
    for item in items:
        today = date.fromisoformat(item["today"])
        required, allowed = _gold_dates(item["facts"])
        started = time.perf_counter()
        found = finder(item["message"], today)
        times.append(time.perf_counter() - started)
        for f in found:
            if any(_agrees(f, g) for g in allowed):
                tp += 1
            else:
                fp += 1
                wrong.append(f"{item['id']}: {f}")
        fn += sum(1 for g in required if not any(_agrees(f, g) for f in found))
    return {
        "found_right": tp,
        "wrong_dates": fp,
        "missed": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "ms_per_message_median": round(statistics.median(times) * 1000, 3),
        "wrong": wrong,
    }


def ours(text: str, today: date) -> list[PartialDate]:
    facts = extract(text, today=today)
    return [d for d in (facts.start, facts.end) if d is not None]


def with_dateparser(text: str, today: date) -> list[date]:
    from dateparser.search import search_dates  # type: ignore[import-untyped]  # optional, no stubs

    settings: dict[str, object] = {
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "past",
    }
    found = search_dates(text, languages=["es"], settings=settings) or []
    return [when.date() for _, when in found]


def _pay_in_words(prepare: Any) -> dict[str, Any]:
    right, wrong = 0, []
    for text, want in PAY_IN_WORDS:
        salary = extract(prepare(text), today=date(2026, 12, 4)).salary
        if salary is not None and salary.canonical() == want:
            right += 1
        else:
            wrong.append(f"{text}: {salary.canonical() if salary else None}")
    return {"phrases": len(PAY_IN_WORDS), "right": right, "wrong": wrong}


def main() -> int:
    try:
        import dateparser  # type: ignore[import-untyped]  # optional, no stubs
        from text_to_num import alpha2digit  # type: ignore[import-not-found]  # optional
    except ImportError:
        print("needs dateparser and text2num: pip install them in a scratch environment")
        return 0
    names = ("blind", "blind2", "blind3", "blind4", "blind5", "dev", "shared")
    items = [item for name in names for item in load(name)]
    with_dateparser("hoy", date(2026, 12, 4))  # load its language data before timing
    result = {
        "dateparser_version": dateparser.__version__,
        "messages": len(items),
        "bot.facts": _score(ours, items),
        "dateparser.search_dates": _score(with_dateparser, items),
        "pay in words, bot.facts": _pay_in_words(lambda text: text),
        "pay in words, text2num then bot.facts": _pay_in_words(
            lambda text: alpha2digit(text, "es")
        ),
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in ("bot.facts", "dateparser.search_dates"):
        r: dict[str, Any] = result[name]
        print(
            f"{name:24} right {r['found_right']:>3}  wrong {r['wrong_dates']:>3}"
            f"  missed {r['missed']:>3}  precision {r['precision']}  recall {r['recall']}"
            f"  {r['ms_per_message_median']} ms"
        )
    for name in ("pay in words, bot.facts", "pay in words, text2num then bot.facts"):
        r = result[name]
        print(f"{name:40} {r['right']}/{r['phrases']} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
