"""Dates in first messages: bot.facts against the dateparser library (search_dates, Spanish).

Run ``python -m bench.facts_dateparser`` where dateparser is installed (it is not a dependency:
bot/ stays stdlib-only). Role-free: a gold start or end date counts as found when the method
finds a date that agrees with it to the gold's precision; a date found that matches no gold date
is a wrong one. Generous to dateparser, which returns full datetimes and cannot say "2021" only.
Writes bench/results/facts_dateparser.json.
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

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results" / "facts_dateparser.json"


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


def main() -> int:
    try:
        import dateparser  # type: ignore[import-untyped]  # optional, no stubs
    except ImportError:
        print("dateparser is not installed: pip install dateparser (in a scratch environment)")
        return 0
    items = [item for name in ("blind", "blind2", "dev", "shared") for item in load(name)]
    with_dateparser("hoy", date(2026, 12, 4))  # load its language data before timing
    result = {
        "dateparser_version": dateparser.__version__,
        "messages": len(items),
        "bot.facts": _score(ours, items),
        "dateparser.search_dates": _score(with_dateparser, items),
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in ("bot.facts", "dateparser.search_dates"):
        r: dict[str, Any] = result[name]
        print(
            f"{name:24} right {r['found_right']:>3}  wrong {r['wrong_dates']:>3}"
            f"  missed {r['missed']:>3}  precision {r['precision']}  recall {r['recall']}"
            f"  {r['ms_per_message_median']} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
