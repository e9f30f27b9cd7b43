"""Telegram groups through the real webhook, receiver, queue, worker and group handler (the
rig's fixed answerer, so retrieval is not in the number): what chatter costs and stores, and how
fast one group's mentions are answered.

Run ``python -m bench.groups [--chatter 1000] [--mentions 200]``; writes
``bench/results/groups.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from db.inbound_table import InboundUpdate
from tests.db.databases import row_count
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.groups.updates import group_handler, group_message
from tests.webhooks.rig import Rig, make_rig

RESULTS = Path(__file__).resolve().parent / "results" / "groups.json"


def _ack_ms(rig: Rig, texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        started = time.perf_counter()
        assert rig.telegram(group_message(text)).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chatter", type=int, default=1000)
    parser.add_argument("--mentions", type=int, default=200)
    args = parser.parse_args()
    fake = FakeTelegramAPI().start()
    try:
        rig = make_rig(Path(tempfile.mkdtemp()), fake, None)
        chatter = _ack_ms(rig, [f"ya llegó el delegado {n}, bajen" for n in range(args.chatter)])
        stored = row_count(rig.storage.sessions, InboundUpdate)
        mentions = _ack_ms(rig, [f"@abogado_bot pregunta {n}" for n in range(args.mentions)])
        started = time.perf_counter()
        rig.drain(rig.processor(groups=group_handler(rig, limit=args.mentions)))
        seconds = time.perf_counter() - started
        answers = len(fake.sent())
        get_me = sum(1 for c in fake.calls if c.method == "getMe")
    finally:
        fake.stop()
    result = {
        "chatter_posts": args.chatter,
        "chatter_rows_stored": stored,
        "chatter_ack_ms_p50": round(statistics.median(chatter), 2),
        "mention_ack_ms_p50": round(statistics.median(mentions), 2),
        "mentions_answered": answers,
        "answers_per_s_one_group": round(answers / seconds, 1),
        "get_me_calls": get_me,
        "load_average": os.getloadavg()[0],
        "machine": platform.processor() or platform.machine(),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
