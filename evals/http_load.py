"""A bounded HTTP load test: real uvicorn in one process, this generator in another.

    python -m evals.http_load                     # seeds + ingests a temp data dir, serves it
    python -m evals.http_load --url http://127.0.0.1:8000 --pid 1234

Each virtual employee signs in (``POST /api/login``), then runs short conversations through
``POST /api/chat`` (a KB question, software with its confirmation, a password reset, ...),
taking a fresh employee for every conversation. For 1, 8 and 32 concurrent employees it reports
turns per second and p50/p95/p99 latency, and the server's peak resident memory (VmHWM from
/proc/<pid>/status). Every level is bounded in turns and seconds, and only loopback is allowed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CONVERSATIONS = (
    ("how do I connect to the VPN from home",),
    ("I need Zoom", "yes"),
    ("I forgot my password", "yes"),
    ("outlook keeps crashing when I open it",),
    ("hi",),
    ("what is the status of my tickets",),
    ("I need Tableau for my reports", "yes"),
    ("how do I set up MFA on a new phone",),
)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def memory_kb(pid: int | None) -> dict[str, int]:
    if pid is None:
        return {}
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            out[key] = int(value.split()[0])
    return out


class Employees:
    """Employee ids from the seeded directory (E000001...), shuffled, shared by all workers."""

    def __init__(self, count: int, seed: int) -> None:
        ids = [f"E{n:06d}" for n in range(1, count + 1)]
        random.Random(seed).shuffle(ids)
        self._ids = itertools.cycle(ids)
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            return next(self._ids)


def run_level(url: str, concurrency: int, turns: int, seconds: float,
              employees: Employees, seed: int) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    budget = itertools.count()
    deadline = time.monotonic() + seconds

    def worker(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        with httpx.Client(base_url=url, timeout=120) as client:
            while time.monotonic() < deadline:
                try:
                    if not conversation(client, rng):
                        return
                except httpx.TransportError as exc:  # counted, never fatal to the worker
                    with lock:
                        statuses[type(exc).__name__] += 1

    def conversation(client: httpx.Client, rng: random.Random) -> bool:
        """One short conversation for a fresh employee; False when the level's budget is spent."""
        login = client.post("/api/login", json={"employee_id": employees.next()})
        if login.status_code != 200:
            with lock:
                statuses[f"login {login.status_code}"] += 1
            return True
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        thread = None
        for text in rng.choice(CONVERSATIONS):
            if next(budget) >= turns or time.monotonic() >= deadline:
                return False
            started = time.perf_counter()
            res = client.post("/api/chat", json={"message": text, "thread_id": thread},
                              headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                statuses[str(res.status_code)] += 1
                if res.status_code == 200:
                    latencies.append(elapsed)
            if res.status_code != 200:
                return True
            thread = res.json()["thread_id"]
        return True

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - started
    return {"concurrency": concurrency, "turns": len(latencies), "seconds": round(wall, 2),
            "turns_per_second": round(len(latencies) / wall, 2) if wall else 0.0,
            "p50_ms": round(percentile(latencies, 50), 1),
            "p95_ms": round(percentile(latencies, 95), 1),
            "p99_ms": round(percentile(latencies, 99), 1),
            "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
            "statuses": dict(statuses)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"http_load: the server exited with code {proc.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"http_load: the server did not become healthy in {timeout:.0f} s")


@contextmanager
def served(data_dir: Path | None, employees: int) -> Iterator[tuple[str, int]]:
    """Seed and ingest a data dir (a temporary one unless given), then serve it."""
    temp = None if data_dir else Path(tempfile.mkdtemp(prefix="zd-load-"))
    target = data_dir or temp
    assert target is not None
    env = {**os.environ, "ZERODESK_DATA_DIR": str(target), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1", "ZERODESK_SEED_EMPLOYEES": str(employees)}
    cli = [sys.executable, "-m", "app.cli"]
    try:
        for step in (["seed", "--employees", str(employees)], ["ingest"]):
            print(f"http_load: zerodesk {' '.join(step)} in {target}", file=sys.stderr)
            subprocess.run(cli + step, env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        proc = subprocess.Popen(cli + ["serve", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc, 180)
            yield url, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


def measure(url: str, pid: int | None, args: argparse.Namespace) -> dict[str, Any]:
    employees = Employees(args.employees, args.seed)
    warm = run_level(url, 1, args.warmup, 300, employees, args.seed)
    report: dict[str, Any] = {"url": url, "warmup": warm, "levels": [],
                              "memory_kb_after_warmup": memory_kb(pid)}
    for level in args.levels:
        turns = max(args.min_turns, level * args.turns_per_employee)
        result = run_level(url, level, turns, args.max_seconds, employees, args.seed + level)
        result["server_memory_kb"] = memory_kb(pid)
        report["levels"].append(result)
        print(f"{level:>3} employees: {result['turns_per_second']:>6} turns/s  "
              f"p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  p99 {result['p99_ms']} ms"
              f"  peak RSS {result['server_memory_kb'].get('VmHWM', '?')} kB  "
              f"{result['statuses']}", file=sys.stderr)
    report["server_peak_memory_kb"] = memory_kb(pid).get("VmHWM")
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.http_load", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", help="an already running server (loopback only)")
    p.add_argument("--pid", type=int, help="its process id, for the memory figures")
    p.add_argument("--data-dir", type=Path, help="seed/ingest/serve this dir (default: temp)")
    p.add_argument("--employees", type=int, default=2000, help="seeded directory size")
    p.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")],
                   default=[1, 8, 32])
    p.add_argument("--turns-per-employee", type=int, default=12)
    p.add_argument("--min-turns", type=int, default=100)
    p.add_argument("--max-seconds", type=float, default=90.0, help="cap per level")
    p.add_argument("--warmup", type=int, default=5, help="turns before measuring")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--out", type=Path, help="write the JSON report here too")
    args = p.parse_args(argv)
    if any(level < 1 or level > 64 for level in args.levels) or args.max_seconds > 600:
        p.error("levels must be 1..64 and --max-seconds at most 600 (the load is bounded)")
    if args.url:
        if urlparse(args.url).hostname not in LOOPBACK:
            p.error("--url must be a loopback address (127.0.0.1, localhost or ::1)")
        report = measure(args.url.rstrip("/"), args.pid, args)
    else:
        with served(args.data_dir, args.employees) as (url, pid):
            report = measure(url, pid, args)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
