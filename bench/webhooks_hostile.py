"""Hostile requests against the receiver: how fast each is refused, and what /healthz feels.

Run ``python -m bench.webhooks_hostile`` (or ``python -m bench.webhooks --hostile``). It starts
the receiver as ``bench.webhooks`` does (uvicorn, SQLite, no worker) from ``--repo`` (default
this checkout; point it at an older checkout to measure "before"), sends each hostile request
``--samples`` times and records the wall time and the server's CPU time per refusal, then sends
them from ``--senders`` threads for ``--seconds`` while timing ``GET /healthz`` every 50 ms.
Writes ``bench/results/webhooks_hostile.json`` (``--out`` elsewhere).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "webhooks_hostile.json"
SECRET = "bench_secret-token"  # noqa: S105  (a throwaway secret for loopback)
AUTH_TOKEN = "bench-twilio-auth-token"  # noqa: S105  (a throwaway Twilio token)
PUBLIC = "https://bench.abogado.example"
FORGED = "A" * 27 + "="  # base64 of 20 bytes: the right shape, the wrong HMAC
FORM = "application/x-www-form-urlencoded"
RECEIVER = """
import uvicorn
from services.settings import load_settings
from webhooks.app import Services, create_app
from abogado.container import Container
settings = load_settings()
storage = Container(settings).storage
services = Services(inbox=storage.inbox, outbound=storage.outbound, enqueue=lambda item: None)
uvicorn.run(create_app(settings, services), host="127.0.0.1", port={port}, log_level="error",
            access_log=False)
"""


def cases() -> dict[str, tuple[str, dict[str, str], bytes]]:
    """name → (path, headers, body): issue 16's requests and the most expensive refusals."""
    fields = "&".join(f"f{i}=v" for i in range(16_000)).encode()
    small_fields = b"a=&" * 16_000
    at_cap = "&".join(f"f{i}=" + "x" * 320 for i in range(200)).encode()[: 64 * 1024]
    twilio = {"Content-Type": FORM, "X-Twilio-Signature": FORGED}
    telegram = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    return {
        "whatsapp_16000_fields_133KB": ("/webhooks/whatsapp", twilio, fields),
        "status_16000_fields_133KB": ("/webhooks/whatsapp/status", twilio, fields),
        "whatsapp_16000_fields_48KB": ("/webhooks/whatsapp", twilio, small_fields),
        "whatsapp_forged_64KiB_200_fields": ("/webhooks/whatsapp", twilio, at_cap),
        "whatsapp_bad_signature_shape": (
            "/webhooks/whatsapp",
            {**twilio, "X-Twilio-Signature": "x"},
            urlencode({"Body": "hola", "From": "whatsapp:+1"}).encode(),
        ),
        "telegram_100k_open_brackets": ("/webhooks/telegram", telegram, b"[" * 100_000),
        "telegram_1MB_balanced_sawtooth": (
            "/webhooks/telegram",
            telegram,
            (b"[" * 64 + b"]" * 64) * 7_800,
        ),
    }


def server_cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start(repo: Path, data: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ABOGADO_DATA_DIR": str(data),
        "ABOGADO_DATABASE__URL": f"sqlite:///{data / 'hostile.db'}",
        "ABOGADO_PUBLIC_URL": PUBLIC,
        "ABOGADO_TELEGRAM__WEBHOOK_SECRET": SECRET,
        "ABOGADO_TWILIO__AUTH_TOKEN": AUTH_TOKEN,
        "PYTHONPATH": str(repo),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", RECEIVER.format(port=port)],
        env=env,
        cwd=repo,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1.0)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise TimeoutError("receiver did not start")


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p90_ms": round(ordered[math.ceil(0.9 * len(ordered)) - 1] * 1000, 2),  # nearest rank
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def refusals(base: str, pid: int, samples: int, only: list[str]) -> dict[str, Any]:
    """Each hostile request alone: its status, wall time and the server's CPU time."""
    out: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=600) as client:
        for name, (path, headers, body) in cases().items():
            if only and name not in only:
                continue
            walls: list[float] = []
            cpus: list[float] = []
            statuses: set[str] = set()
            for _ in range(samples):
                cpu, wall = server_cpu_s(pid), time.perf_counter()
                try:
                    statuses.add(str(client.post(path, content=body, headers=headers).status_code))
                except httpx.HTTPError as exc:  # the server dropped the connection
                    statuses.add(type(exc).__name__)
                walls.append(time.perf_counter() - wall)
                cpus.append(server_cpu_s(pid) - cpu)
            out[name] = {
                "bytes": len(body),
                "status": sorted(statuses),
                "wall": summary(walls),
                "server_cpu_ms_mean": round(statistics.mean(cpus) * 1000, 1),
            }
            print(name, out[name], flush=True)
    return out


def healthz_under_attack(base: str, *, case: str, senders: int, seconds: float) -> dict[str, Any]:
    """/healthz every 50 ms while ``senders`` threads send ``case`` back to back."""
    path, headers, body = cases()[case]
    stop = threading.Event()
    sent: list[int] = []

    def attack() -> None:
        with httpx.Client(base_url=base, timeout=600) as client:
            while not stop.is_set():
                with contextlib.suppress(httpx.HTTPError):
                    client.post(path, content=body, headers=headers)
                sent.append(1)

    def probe(until: float) -> list[float]:
        latencies = []
        with httpx.Client(base_url=base, timeout=600) as client:
            while time.monotonic() < until:
                began = time.perf_counter()
                client.get("/healthz")
                latencies.append(time.perf_counter() - began)
                time.sleep(0.05)
        return latencies

    idle = probe(time.monotonic() + 3)
    threads = [threading.Thread(target=attack, daemon=True) for _ in range(senders)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    attacked = probe(began + seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    return {
        "case": case,
        "senders": senders,
        "seconds": round(elapsed, 1),
        "hostile_requests_refused_per_s": round(len(sent) / elapsed, 1),
        "healthz_idle": summary(idle),
        "healthz_under_attack": summary(attacked),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout to run the receiver from")
    parser.add_argument("--samples", type=int, default=20, help="requests per hostile case")
    parser.add_argument("--senders", type=int, default=4, help="attacking threads")
    parser.add_argument("--seconds", type=float, default=15.0, help="attack duration")
    parser.add_argument(
        "--attack",
        nargs="+",
        default=["whatsapp_16000_fields_133KB", "whatsapp_forged_64KiB_200_fields"],
        help="cases to send while /healthz is timed",
    )
    parser.add_argument("--only", nargs="*", default=[], help="refusal cases to time (all)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "repo": str(args.repo),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    with tempfile.TemporaryDirectory(prefix="abogado-hostile-") as tmp:
        port = 18_000 + os.getpid() % 1000
        proc = start(args.repo.resolve(), Path(tmp), port)
        base = f"http://127.0.0.1:{port}"
        try:
            results["refusals"] = refusals(base, proc.pid, args.samples, args.only)
            results["healthz"] = []
            for case in args.attack:
                run = healthz_under_attack(
                    base, case=case, senders=args.senders, seconds=args.seconds
                )
                results["healthz"].append(run)
                print(run, flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
