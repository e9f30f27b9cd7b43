"""Broadcast throughput and memory: ``abogado broadcast send`` (a subprocess) against local fakes.

Telegram: 10,000 recipients; the fake answers 429 the way Telegram would (over 30 calls in any
second, or two to one chat within a second), so "no 429" is measured, not assumed. WhatsApp: 300
recipients at the default rate. The sender's RSS is sampled every 2 s from /proc.

Run ``python -m bench.broadcast [--telegram N] [--whatsapp N]`` (about 6 minutes). Results go to
``bench/results/broadcast.json``. Targets: ≥ 28 msg/s sustained, 0 × 429, flat memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "broadcast.json"


def _rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _seed(url: str, channel: str, count: int) -> int:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import insert

    from db import broadcasts as repo
    from db.engine import make_engine, make_sessionmaker
    from db.migrate import upgrade
    from db.models import ChatIdentity

    upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    now = datetime.now(UTC)
    rows = [
        {
            "channel": channel,
            "external_id": str(10_000_000 + i) if channel == "telegram" else f"+52155{i:08d}",
            "opted_out": False,
            "blocked": False,
            "last_inbound_at": now - timedelta(hours=1),
            "anonymous_questions_used": 0,
            "created_at": now,
        }
        for i in range(count)
    ]
    with sessions.begin() as session:
        session.execute(insert(ChatIdentity), rows)
        broadcast_id = repo.create_broadcast(
            session,
            text="Aviso: cambia el salario mínimo.",
            audience=repo.Audience(channel=channel),
            created_by="bench",
            now=now,
        )
    engine.dispose()
    return broadcast_id


def _run(env: dict[str, str], broadcast_id: int) -> dict[str, Any]:
    argv = [sys.executable, "-m", "abogado", "broadcast", "send", str(broadcast_id)]
    started = time.monotonic()
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples: list[tuple[float, int]] = []
    while proc.poll() is None:
        rss = _rss_kib(proc.pid)
        if rss is not None:
            samples.append((round(time.monotonic() - started, 1), rss))
        time.sleep(2.0)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"sender failed: {err.decode()[-2000:]}")
    mib = [kib / 1024 for _, kib in samples]
    # "Flat": after the first quarter (imports, connections), RSS grows by at most this much.
    settled = mib[len(mib) // 4 :] or mib
    return {
        "wall_s": round(time.monotonic() - started, 1),
        "summary": out.decode().strip(),
        "rss_mib_samples": [[t, round(kib / 1024, 1)] for t, kib in samples],
        "rss_mib_peak": round(max(mib), 1) if mib else None,
        "rss_mib_growth_after_warmup": round(max(settled) - settled[0], 1) if settled else None,
    }


def _rates(times: list[float]) -> dict[str, Any]:
    from tests.fakes.timing import max_in_window

    span = max(times) - min(times)
    return {
        "messages": len(times),
        "span_s": round(span, 1),
        "sustained_msg_per_s": round((len(times) - 1) / span, 2) if span else None,
        "max_in_any_1s_window": max_in_window(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--telegram", type=int, default=10_000)
    parser.add_argument("--whatsapp", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.fakes.telegram_api import FakeTelegramAPI, _Failure
    from tests.fakes.twilio_api import ACCOUNT_SID, AUTH_TOKEN, FROM, FakeTwilioAPI

    @dataclass
    class StrictTelegram(FakeTelegramAPI):
        """Answers 429 like Telegram when the sender goes over 30/s or 1/s per chat."""

        recent: deque[float] = field(default_factory=deque)
        last_by_chat: dict[str, float] = field(default_factory=dict)
        provoked: int = 0

        def _take_failure(self, method: str, params: dict[str, str]) -> _Failure | None:
            now = time.monotonic()  # the call is recorded after its failure is chosen
            while self.recent and now - self.recent[0] >= 1.0:
                self.recent.popleft()
            self.recent.append(now)
            chat = params.get("chat_id", "")
            too_soon = now - self.last_by_chat.get(chat, -10.0) < 1.0
            self.last_by_chat[chat] = now
            if method == "sendMessage" and (len(self.recent) > 30 or too_soon):
                self.provoked += 1
                return _Failure(429, "Too Many Requests: retry after 1", retry_after=1)
            return super()._take_failure(method, params)

    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "sender": "abogado broadcast send (subprocess), SQLite file, default rates",
    }
    telegram, twilio = StrictTelegram().start(), FakeTwilioAPI().start()
    try:
        with tempfile.TemporaryDirectory(prefix="abogado-bench-") as tmp:
            base = {k: v for k, v in os.environ.items() if not k.startswith("ABOGADO_")}
            base["ABOGADO_DATA_DIR"] = tmp
            url = f"sqlite:///{tmp}/tg.db"
            env = base | {
                "ABOGADO_DATABASE__URL": url,
                "ABOGADO_TELEGRAM__BOT_TOKEN": telegram.token,
                "ABOGADO_TELEGRAM__API_BASE_URL": telegram.url,
            }
            run = _run(env, _seed(url, "telegram", args.telegram))
            times = [c.at for c in telegram.sent()]
            results["telegram"] = {
                "recipients": args.telegram,
                **_rates(times),
                "distinct_chats": len({c.chat_id for c in telegram.sent()}),
                "429_provoked": telegram.provoked,
                **run,
            }
            print(json.dumps(results["telegram"] | {"rss_mib_samples": "…"}))

            url = f"sqlite:///{tmp}/wa.db"
            env = base | {
                "ABOGADO_DATABASE__URL": url,
                "ABOGADO_TWILIO__ACCOUNT_SID": ACCOUNT_SID,
                "ABOGADO_TWILIO__AUTH_TOKEN": AUTH_TOKEN,
                "ABOGADO_TWILIO__WHATSAPP_FROM": FROM,
                "ABOGADO_TWILIO__API_BASE_URL": twilio.url,
            }
            run = _run(env, _seed(url, "whatsapp", args.whatsapp))
            results["whatsapp"] = {
                "recipients": args.whatsapp,
                "configured_rate": 10,
                **_rates([c.at for c in twilio.messages()]),
                **run,
            }
            print(json.dumps(results["whatsapp"] | {"rss_mib_samples": "…"}))
    finally:
        telegram.stop()
        twilio.stop()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
