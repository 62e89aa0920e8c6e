"""A crawl with a JOBDIR stopped half-way, then started again: every report exactly once."""

from __future__ import annotations

import signal
import subprocess
from urllib.parse import urlsplit

import pytest

from gxcrawl.demo import DemoServer
from tests.conftest import CRAWL, CRAWL_ENV, reports_found, reports_recorded, run_crawl, wait_for

REPORTS = 11
PAGES = 12  # the republished report is on two pages
# Slow enough to be stopped half-way: one request at a time, 0.2 s apart.
SLOW = ["-s", "DOWNLOAD_DELAY=0.2", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]


STOP_POINTS = {
    "sigkill_while_finding_reports": (signal.SIGKILL, lambda workdir: reports_found(workdir) >= 2),
    "sigkill_while_emitting_reports": (signal.SIGKILL, lambda workdir: reports_recorded(workdir) >= 1),
    "sigterm_while_finding_reports": (signal.SIGTERM, lambda workdir: reports_found(workdir) >= 2),
}


@pytest.mark.parametrize("stop", list(STOP_POINTS))
def test_stopped_crawl_resumed_with_its_jobdir_emits_every_report_once(tmp_path, stop):
    sig, reached = STOP_POINTS[stop]
    with DemoServer() as server:
        args = ["-a", f"start_urls={server.url}", "-s", "JOBDIR=job"]
        process = subprocess.Popen([*CRAWL, *args, *SLOW, "-s", "LOG_FILE=crawl.log"], cwd=tmp_path, env=CRAWL_ENV)
        try:
            wait_for(lambda: reached(tmp_path), process)
            process.send_signal(sig)
            process.wait(timeout=60)
        finally:
            process.kill()
        assert reports_recorded(tmp_path) < REPORTS, "stopped too late to test a resume"
        resumed = run_crawl(tmp_path, *args)
    items = resumed.items()
    keys = [item["index_no"] or item["url"] for item in items]  # one report has no 索引号
    assert sorted(keys) == sorted(set(keys))
    assert len(items) == REPORTS
    pages = {urlsplit(url).path for item in items for url in [item["url"], *item["also_published_at"]]}
    assert len(pages) == PAGES
    if sig == signal.SIGKILL:
        assert "was killed, not paused" in resumed.log
