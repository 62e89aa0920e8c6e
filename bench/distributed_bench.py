"""Pages/second of a distributed crawl with 1, 2 and 4 workers on one Redis.

    .venv/bin/python bench/distributed_bench.py [--counties 2000] [--delay 0.05] [--workers 1,2,4]

Starts a real redis-server and the demo portal in large mode (its own process, so serving does not
share the workers' cores with the bench), then for each worker count: flushes the crawl, starts the
workers, seeds the portal and times until the result set holds every report. Pages are the workers'
responses added up. Needs redis-server on PATH (scripts/test.sh installs it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gxcrawl.demo import catalog  # noqa: E402
from tests.conftest import CRAWL, CRAWL_ENV, free_port  # noqa: E402


def wait_until(condition, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


def reachable(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


def serving(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def run(workers: int, redis_url: str, portal: str, reports: int, workdir: Path) -> tuple[float, int]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    processes = []
    for number in range(workers):
        folder = workdir / f"w{workers}-{number}"
        folder.mkdir()
        processes.append(subprocess.Popen(
            [*CRAWL, "-s", f"REDIS_URL={redis_url}", "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=10", "-s", "HTTPCACHE_ENABLED=False",
             "-s", "LOG_FILE=worker.log"], cwd=folder, env=CRAWL_ENV))
    wait_until(lambda: client.scard("gxcrawl:workers") == workers, 60, "the workers to join")
    start = time.monotonic()
    client.rpush("reports:start_urls", portal)
    wait_until(lambda: client.llen("reports:items") >= reports, 1800, "every report")
    elapsed = time.monotonic() - start
    for process in processes:
        process.wait(timeout=120)
    pages = sum(json.loads((workdir / f"w{workers}-{n}" / "output" / "stats.json").read_text())["downloader/response_count"]
                for n in range(workers))
    assert client.llen("reports:items") == reports, "a report was emitted twice"
    return elapsed, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counties", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.05, help="the portal's answer time, seconds")
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    reports = len({a.index_no for a in catalog.reports(args.counties)})
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        redis_port, portal_port = free_port(), free_port()
        services = [
            subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "",
                              "--appendonly", "no", "--dir", tmp], stdout=subprocess.DEVNULL),
            subprocess.Popen([sys.executable, "-m", "gxcrawl.demo", "--port", str(portal_port), "--counties",
                              str(args.counties), "--delay", str(args.delay)], cwd=ROOT, env=CRAWL_ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        ]
        try:
            redis_url = f"redis://127.0.0.1:{redis_port}/0"
            wait_until(lambda: reachable(redis.Redis.from_url(redis_url)), 30, "redis-server")
            portal = f"http://127.0.0.1:{portal_port}/"
            wait_until(lambda: serving(portal), 60, "the demo portal")
            print(f"portal: {args.counties} county reports + the demo's, {reports} reports; answer delay {args.delay}s; "
                  f"{os.cpu_count()} cores")
            print("| workers | pages | seconds | pages/s |\n| ---: | ---: | ---: | ---: |")
            for workers in (int(n) for n in args.workers.split(",")):
                elapsed, pages = run(workers, redis_url, portal, reports, workdir)
                print(f"| {workers} | {pages} | {elapsed:.1f} | {pages / elapsed:.1f} |", flush=True)
        finally:
            for service in services:
                service.terminate()
                service.wait(timeout=30)


if __name__ == "__main__":
    main()
