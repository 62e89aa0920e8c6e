"""End to end: reports a minute, CPU seconds a report and peak memory of a whole crawl.

    .venv/bin/python bench/e2e_bench.py [--counties 2000] [--rounds 5] [--concurrency 16] [--delay 0]

Starts the demo portal in a process of its own, twice: as it is (its own reports, a few of them in
PDF or DOCX attachments) and in large mode (those and ``--counties`` short county reports on HTML
pages). Each round crawls each of them with ``scrapy crawl reports -a start_urls=PORTAL`` in a fresh
folder, the project's settings as a user has them (attachments downloaded, extraction, metrics,
dedup, the feeds, the HTTP cache), except that AutoThrottle is off and the concurrency is
``--concurrency`` for the portal too: the figures are what the crawler costs, not its politeness.

Reports are the crawl's ``item_scraped_count`` (checked against the portal's catalog), minutes
its ``elapsed_time_seconds``; CPU is the crawl process's user + system time, start-up included;
peak RSS its ``ru_maxrss``. Medians over rounds. The large crawl less the demo one gives the cost of
one more report without the start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo_portal import free_port, start_demo, wait_serving  # noqa: E402
from gxcrawl.demo import catalog  # noqa: E402

ENV = os.environ | {"SCRAPY_SETTINGS_MODULE": "gxcrawl.settings", "PYTHONPATH": str(ROOT)}


def expected_reports(counties: int) -> int:
    return len({article.index_no for article in catalog.reports(counties)})


def crawl(portal: str, concurrency: int, workdir: Path) -> dict[str, float]:
    """One crawl in ``workdir``: its reports, seconds, CPU seconds and peak RSS (MiB). A crawl that
    fails or crashes stops the bench: its figures would not be the crawler's."""
    command = [sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"start_urls={portal}",
               "-s", f"CONCURRENT_REQUESTS={concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_FILE=crawl.log"]
    with (workdir / "stderr.txt").open("w") as stderr:
        process = subprocess.Popen(command, cwd=workdir, env=ENV, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource use, not every child's
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        raise SystemExit(f"the crawl of {portal} crashed ({signal.Signals(-code).name}); see {workdir}")
    stats_file = workdir / "output" / "stats.json"
    if code != 0 or not stats_file.exists():
        raise SystemExit(f"the crawl of {portal} failed (exit {code}); see {workdir / 'crawl.log'}")
    stats = json.loads(stats_file.read_text("utf-8"))
    reports, seconds = stats.get("item_scraped_count", 0), stats["elapsed_time_seconds"]
    cpu = usage.ru_utime + usage.ru_stime
    return {"reports": reports, "seconds": seconds, "per_minute": 60 * reports / seconds, "cpu": cpu,
            "cpu_per_report": cpu / max(reports, 1), "rss_mib": usage.ru_maxrss / 1024,
            "files": stats.get("file_count", 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counties", type=int, default=2000, help="large-mode county reports")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.0, help="the portal's answer time, seconds")
    args = parser.parse_args()

    portals = {"demo": 0, "large": args.counties}
    ports = {name: free_port() for name in portals}
    servers = [start_demo(ports[name], counties, args.delay, ENV) for name, counties in portals.items()]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in portals}
    tmp = Path(tempfile.mkdtemp(prefix="e2e_bench-"))
    try:
        urls = {name: f"http://127.0.0.1:{port}/" for name, port in ports.items()}
        for url in urls.values():
            wait_serving(url, 120)
        print(f"demo portal: its own reports, and large mode with {args.counties} county reports; answer delay "
              f"{args.delay}s; concurrency {args.concurrency}; {args.rounds} rounds; {os.cpu_count()} cores", flush=True)
        for number in range(1, args.rounds + 1):
            line = []
            for name, url in urls.items():
                workdir = tmp / f"{name}-{number}"
                workdir.mkdir()
                run = crawl(url, args.concurrency, workdir)
                runs[name].append(run)
                line.append(f"{name} {run['reports']:.0f} reports in {run['seconds']:.1f}s, {run['cpu']:.1f} CPU s, "
                            f"{run['rss_mib']:.0f} MiB")
            print(f"round {number}: " + "; ".join(line), flush=True)
            for name, counties in portals.items():
                if runs[name][-1]["reports"] != (expected := expected_reports(counties)):
                    raise SystemExit(f"the {name} crawl emitted {runs[name][-1]['reports']:.0f} reports, not the "
                                     f"portal's {expected}; see {tmp}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    shutil.rmtree(tmp)  # only after every crawl succeeded: a failed one leaves its folder for its log

    print("\n| portal | reports | files | seconds | reports/min | CPU s | CPU s/report | peak RSS MiB |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, done in runs.items():
        def median(key: str) -> float:
            return statistics.median(run[key] for run in done)

        print(f"| {name} | {median('reports'):.0f} | {median('files'):.0f} | {median('seconds'):.1f} | {median('per_minute'):.0f} "
              f"| {median('cpu'):.1f} | {median('cpu_per_report'):.3f} | {median('rss_mib'):.0f} |")
    # The large crawl less the demo's: what one more county report (an HTML page, no file) costs.
    extra = [(large["cpu"] - demo["cpu"]) / (large["reports"] - demo["reports"]) for demo, large in zip(runs["demo"], runs["large"])]
    print(f"\nCPU s per county report (large less demo, start-up excluded): {statistics.median(extra):.4f}")


if __name__ == "__main__":
    main()
