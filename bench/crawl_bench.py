"""Crawl throughput: our ``reports`` spider next to a bare Scrapy spider and ``scrapy bench``.

    .venv/bin/python bench/crawl_bench.py [--counties 3000] [--rounds 5] [--concurrency 16] [--delay 0]

Starts the demo portal's large mode in a process of its own, then each round runs, one after the
other, each in a fresh folder:

* ours: ``scrapy crawl reports -a start_urls=PORTAL`` with the project's settings, attachments off
  (only the dedup pipeline and the feeds after the spider: discovery and items, no file downloads,
  extraction or metrics), the HTTP cache off;
* bare: ``scrapy runspider bench/bare_spider.py``, plain Scrapy following the same links;
* bench: ``scrapy bench``, Scrapy's own link-following spider on its own server.

All three get the same concurrency, no AutoThrottle, robots.txt obeyed. Pages are the crawl's
``downloader/response_count``, seconds its ``elapsed_time_seconds``; CPU is the crawl process's user
+ system time per page (for ``scrapy bench`` its server's too: the command runs it as its child).
Medians over rounds, and ours/bare on them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from demo_portal import free_port, start_demo, wait_serving

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = [sys.executable, "-m", "scrapy"]
GOAL = 0.80
# Only what happens to an item after the spider (dedup record, feeds): no downloads, no extraction.
DISCOVERY_PIPELINES = '{"gxcrawl.dedup.pipeline.DedupPipeline": 900}'
STAT = re.compile(r"'(downloader/response_count|elapsed_time_seconds)': ([\d.]+)")


def crawl(name: str, command: list[str], env: dict[str, str], workdir: Path) -> dict[str, float]:
    """Run one crawl in ``workdir``; its pages, seconds and CPU seconds (user + system)."""
    with (workdir / "stderr.txt").open("w") as stderr:
        process = subprocess.Popen([*command, "-s", "LOG_FILE=crawl.log"], cwd=workdir, env=env,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource use, not every child's
    log = (workdir / "crawl.log").read_text("utf-8", "replace") if (workdir / "crawl.log").exists() else ""
    stats = {key: float(value) for key, value in STAT.findall(log)}
    if status != 0 or len(stats) < 2:
        raise SystemExit(f"{name} crawl failed (exit {os.waitstatus_to_exitcode(status)}); see {workdir}")
    cpu = usage.ru_utime + usage.ru_stime
    pages, seconds = stats["downloader/response_count"], stats["elapsed_time_seconds"]
    return {"pages": pages, "seconds": seconds, "rate": pages / seconds, "cpu_ms": 1000 * cpu / pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counties", type=int, default=3000, help="large-mode county reports (20 a list page)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16, help="CONCURRENT_REQUESTS and _PER_DOMAIN of every crawl")
    parser.add_argument("--delay", type=float, default=0.0, help="the portal's answer time, seconds")
    parser.add_argument("--keep", action="store_true", help="keep the crawls' folders (logs, stats, feeds)")
    args = parser.parse_args()

    common = ["-s", f"CONCURRENT_REQUESTS={args.concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
              "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "ROBOTSTXT_OBEY=True", "-s", "LOG_LEVEL=INFO"]
    ours_env = os.environ | {"SCRAPY_SETTINGS_MODULE": "gxcrawl.settings", "PYTHONPATH": str(ROOT)}
    # Plain Scrapy: no project settings, nothing of gxcrawl on the path.
    bare_env = {key: value for key, value in os.environ.items() if key not in ("SCRAPY_SETTINGS_MODULE", "PYTHONPATH")}
    port = free_port()
    portal = f"http://127.0.0.1:{port}/"
    commands = {
        "ours": [*SCRAPY, "crawl", "reports", "-a", f"start_urls={portal}", *common,
                 "-s", f"ITEM_PIPELINES={DISCOVERY_PIPELINES}", "-s", "HTTPCACHE_ENABLED=False"],
        "bare": [*SCRAPY, "runspider", str(ROOT / "bench" / "bare_spider.py"), "-a", f"start_url={portal}", *common],
        "bench": [*SCRAPY, "bench", *common],
    }
    envs = {"ours": ours_env, "bare": bare_env, "bench": bare_env}

    tmp = Path(tempfile.mkdtemp(prefix="crawl_bench-"))
    server = start_demo(port, args.counties, args.delay, ours_env)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    try:
        wait_serving(portal, 120)
        print(f"demo portal: large mode, {args.counties} county reports, answer delay {args.delay}s; "
              f"concurrency {args.concurrency}; {args.rounds} rounds; {os.cpu_count()} cores", flush=True)
        for number in range(1, args.rounds + 1):
            line = []
            for name, command in commands.items():
                workdir = tmp / f"{name}-{number}"
                workdir.mkdir()
                run = crawl(name, command, envs[name], workdir)
                runs[name].append(run)
                line.append(f"{name} {run['pages']:.0f} pages {run['rate']:.1f}/s")
            print(f"round {number}: " + ", ".join(line), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.keep:
        print(f"crawl folders kept in {tmp}")
    else:  # a failed crawl leaves its folder for its log
        shutil.rmtree(tmp)

    def median(name: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[name])

    print("\n| crawl | pages | seconds | pages/s | CPU ms/page |\n| --- | ---: | ---: | ---: | ---: |")
    for name in commands:
        print(f"| {name} | {median(name, 'pages'):.0f} | {median(name, 'seconds'):.1f} | {median(name, 'rate'):.1f} "
              f"| {median(name, 'cpu_ms'):.2f} |")
    ratio = median("ours", "rate") / median("bare", "rate")
    per_round = ", ".join(f"{o['rate'] / b['rate']:.2f}" for o, b in zip(runs["ours"], runs["bare"]))
    print(f"\nours/bare pages/s: {ratio:.2f} (per round: {per_round}); goal >= {GOAL:.2f}: {'met' if ratio >= GOAL else 'not met'}")
    print(f"ours/bare CPU per page: {median('ours', 'cpu_ms') / median('bare', 'cpu_ms'):.2f}")


if __name__ == "__main__":
    main()
