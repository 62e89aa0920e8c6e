"""Soak: a few thousand requests against the fault portal's mixed mode; the crawl completes and its
memory stays flat (bounded: about a minute)."""

from __future__ import annotations

import json
import statistics
import subprocess
import time

from gxcrawl.demo import DemoServer, catalog
from gxcrawl.demo.faults import FAULT_ARTICLES
from gxcrawl.demo.site import DemoSite
from tests.conftest import CRAWL, CRAWL_ENV
from tests.spiders.test_fault_portal import SETTINGS

COUNTIES = 2500  # 125 list pages of county reports: the fault portal's own list-page limit is too low
FAST = ["-s", "GXCRAWL_MAX_LIST_PAGES=500", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=WARNING"]


def rss_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))
    except (FileNotFoundError, StopIteration):
        return None


def test_mixed_fault_crawl_of_thousands_of_pages_completes_with_flat_memory(tmp_path):
    with DemoServer(site=DemoSite(faults=True, counties=COUNTIES)) as server:
        crawl = subprocess.Popen([*CRAWL, "-a", f"start_urls={server.url}", *SETTINGS, *FAST, "-s", "LOG_FILE=crawl.log"],
                                 cwd=tmp_path, env=CRAWL_ENV)
        samples: list[float] = []
        deadline = time.monotonic() + 300
        while crawl.poll() is None:
            assert time.monotonic() < deadline, "the soak crawl did not finish in 5 minutes"
            if (rss := rss_mib(crawl.pid)) is not None:
                samples.append(rss)
            time.sleep(0.2)
        requests = len(server.requests)
    stats = json.loads((tmp_path / "output" / "stats.json").read_text("utf-8"))
    assert crawl.returncode == 0 and stats["finish_reason"] == "finished"
    assert requests > COUNTIES
    good = len({article.index_no for article in catalog.reports(COUNTIES)}) + sum(fault.found for fault in FAULT_ARTICLES)
    assert stats["item_scraped_count"] == good
    # Flat: once warm, memory does not grow with the pages crawled. Finding reports holds them on disk
    # (the state store), so RSS stays level; releasing them at the end adds the extraction working set
    # (CONCURRENT_ITEMS documents, the extraction threads) once: about 30 MiB, the same for twice the
    # counties. A leak of even 10 KiB a page would add 30 MiB here.
    quarter = len(samples) // 4
    warm = statistics.median(samples[quarter : 2 * quarter])
    print(f"soak: {requests} requests, {len(samples)} samples, RSS {warm:.0f} MiB warm, peak {max(samples):.0f} MiB")
    assert max(samples) - warm < 50, f"memory grew from {warm:.0f} MiB to {max(samples):.0f} MiB"
