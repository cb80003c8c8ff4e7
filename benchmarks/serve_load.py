"""A bounded load test of `translate serve` on loopback: many /translate requests from
concurrent clients (the pseudo engine), every answer checked, latency percentiles printed.

    python benchmarks/serve_load.py [--requests 200] [--clients 20] [--timeout 300]

The server runs as `translate serve --engine pseudo` in its own process on 127.0.0.1 (a free
port); clients are threads of this one, each sending LibreTranslate-shaped JSON requests one
after another. Each request's text carries its own number, and its answer must carry the same
number back, translated (none lost, none swapped). Printed: answered/lost, requests/s,
latency p50/p95/max, how many pipeline calls served the requests (the batching queue), the
CPU time the server and the clients spent on the requests, and the machine's load average
before and after (the cores are shared: a wall clock counts other work, CPU time does not).
Traffic goes to 127.0.0.1 only; every request has a timeout and the whole run a deadline.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "azatutyun-csto-border.txt"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, timeout: float) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def _post(url: str, body: dict, timeout: float) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def start_server(port: int, deadline: float) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "translate", "serve", "--engine", "pseudo", "--no-cache",
                               "--port", str(port)], env=environment, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    while time.monotonic() < deadline:
        if server.poll() is not None:
            with server.stderr:
                raise RuntimeError(f"the server exited: {server.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            _get(f"http://127.0.0.1:{port}/health", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    server.wait()
    server.stderr.close()
    raise RuntimeError("the server did not start in time")


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of process ``pid`` so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def sentences() -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if len(line.split()) > 8]


def run(requests: int, clients: int, timeout: float) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    server = start_server(port, deadline)
    texts = sentences()
    try:
        _post(f"{url}/translate", {"q": "Warm-up.", "source": "en", "target": "ru"}, timeout=60)

        def one(number: int) -> tuple[int, float, bool]:
            target = ("ru", "hy")[number % 2]
            body = {"q": f"{texts[number % len(texts)]} (Item {number}.)", "source": "en", "target": target}
            started = time.monotonic()
            status, answer = _post(f"{url}/translate", body, timeout=max(1.0, deadline - time.monotonic()))
            elapsed = time.monotonic() - started
            text = answer.get("translatedText", "")
            right = status == 200 and text.startswith(f"[{target}: ") and f" {number}." in text
            return number, elapsed, right

        latencies, wrong, lost = [], [], 0
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            futures = [pool.submit(one, number) for number in range(requests)]
            for future in as_completed(futures):
                try:
                    number, elapsed, right = future.result()
                except OSError:
                    lost += 1
                    continue
                latencies.append(elapsed)
                if not right:
                    wrong.append(number)
        wall = time.monotonic() - started
        client_cpu = time.process_time() - client_cpu
        server_after = cpu_seconds(server.pid)
        server_cpu = server_after - server_cpu if server_cpu is not None and server_after is not None else None
        queue = _get(f"{url}/health", timeout=10)["queue"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stderr.close()
    latencies.sort()
    return {
        "requests": requests, "clients": clients, "answered": len(latencies) - len(wrong), "wrong": wrong, "lost": lost,
        "wall_s": wall, "per_second": len(latencies) / wall if wall else 0.0,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else None,
        "p95_ms": 1000 * latencies[max(0, round(0.95 * len(latencies)) - 1)] if latencies else None,
        "max_ms": 1000 * latencies[-1] if latencies else None,
        "server_cpu_s": server_cpu, "client_cpu_s": client_cpu,
        "pipeline_calls": queue["calls"] - 1, "largest_batch": queue["largest"],  # less the warm-up call
        "load_before": load_before, "load_after": os.getloadavg(), "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=300.0, help="the whole run's deadline, in seconds")
    options = parser.parse_args(argv)
    result = run(options.requests, options.clients, options.timeout)
    print(f"translate serve, pseudo engine, loopback: {result['requests']} /translate requests from "
          f"{result['clients']} concurrent clients")
    print(f"  answered correctly {result['answered']}/{result['requests']}, wrong {len(result['wrong'])}, "
          f"lost {result['lost']}")
    print(f"  {result['wall_s']:.2f} s, {result['per_second']:.1f} requests/s")
    print(f"  latency p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, max {result['max_ms']:.0f} ms")
    print(f"  batching: {result['requests']} requests in {result['pipeline_calls']} pipeline calls "
          f"(at most {result['largest_batch']} requests in one)")
    server_cpu = "unknown (no /proc)" if result["server_cpu_s"] is None else (
        f"{result['server_cpu_s']:.2f} s ({1000 * result['server_cpu_s'] / result['requests']:.1f} ms per request)")
    print(f"  CPU time: server {server_cpu}, clients {result['client_cpu_s']:.2f} s")
    before, after = result["load_before"], result["load_after"]
    print(f"  load average before {before[0]:.2f} / after {after[0]:.2f} (1 min), {result['cpus']} CPUs")
    return 0 if result["answered"] == result["requests"] else 1


if __name__ == "__main__":
    sys.exit(main())
