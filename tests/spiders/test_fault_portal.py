"""A crawl of the demo portal's fault mode: it finishes, keeps every good report, names every fault."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from gxcrawl.demo import DemoServer
from gxcrawl.demo import catalog
from gxcrawl.demo.faults import FAULT_ARTICLES, FaultArticle
from gxcrawl.demo.site import DemoSite
from tests.conftest import CRAWL, CRAWL_ENV, Crawl, reports_found, reports_recorded, run_crawl, wait_for

# Short enough for a test: slow pages (5 s) time out, retries back off from 0.1 s, 3 MiB is too big.
SETTINGS = ["-s", "DOWNLOAD_TIMEOUT=2", "-s", "GXCRAWL_RETRY_BACKOFF=0.1", "-s", "DOWNLOAD_MAXSIZE=2097152",
            "-s", "GXCRAWL_MAX_LIST_PAGES=40", "-s", "GXCRAWL_MAX_COLUMN_HOPS=6", "-s", "HTTPCACHE_ENABLED=False"]
FAULTS = {fault.fault: fault for fault in FAULT_ARTICLES}
# Every report of the demo portal and of its fault column that can be read, once ("": no 索引号).
GOOD_REPORTS = sorted({a.index_no for a in catalog.reports()} | {f.article.index_no for f in FAULT_ARTICLES if f.found})


def index_nos(items: list[dict]) -> list[str]:
    return sorted(item["index_no"] or "" for item in items)


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory) -> tuple[Crawl, DemoServer, dict]:
    workdir = tmp_path_factory.mktemp("fault-crawl")
    with DemoServer(site=DemoSite(faults=True)) as server:
        crawl = run_crawl(workdir, "-a", f"start_urls={server.url}", *SETTINGS)
    stats = json.loads((workdir / "output" / "stats.json").read_text("utf-8"))
    return crawl, server, stats


def item_of(crawl: Crawl, fault: str) -> dict:
    [item] = [item for item in crawl.items() if item["index_no"] == FAULTS[fault].article.index_no]
    return item


def page_path(fault: FaultArticle) -> str:
    article = fault.article
    folder = "private/" if fault.fault == "robots_disallowed" else ""
    return f"/zwgk/xxgknb/{folder}{article.date[:7].replace('-', '')}/t{article.date.replace('-', '')}_{article.id}.html"


def fetch_times(server: DemoServer, path: str) -> list[float]:
    return [hit.at for hit in server.requests if hit.path.split("?")[0] == path]


def fetches(server: DemoServer, path: str) -> int:
    return len(fetch_times(server, path))


def test_the_crawl_finishes_with_every_good_report_once(fault_crawl):
    crawl, _, stats = fault_crawl
    assert stats["finish_reason"] == "finished"
    assert index_nos(crawl.items()) == GOOD_REPORTS


@pytest.mark.parametrize("fault", ["503_twice", "reset_once", "waf_cookie_redirect"])
def test_a_page_that_fails_then_works_is_found(fault_crawl, fault):
    crawl, server, _ = fault_crawl
    assert item_of(crawl, fault)["warnings"] == []
    assert fetches(server, page_path(FAULTS[fault])) == {"503_twice": 3, "reset_once": 2, "waf_cookie_redirect": 2}[fault]


@pytest.mark.parametrize("fault, code, detail, tries", [
    ("500_always", "http_500", "HTTP 500", 4),
    ("reset_always", "connection_lost", "the connection broke", 4),
    ("slow", "timeout", "DOWNLOAD_TIMEOUT", 4),
    ("trickle", "timeout", "DOWNLOAD_TIMEOUT", 4),
    ("redirect_loop", "redirect_loop", "redirect loop", 4),
    ("challenge_412", "blocked_by_challenge", "瑞数-style JavaScript challenge (HTTP 412)", 1),
    ("challenge_521", "blocked_by_challenge", "加速乐-style JavaScript challenge (HTTP 521)", 1),
])
def test_a_page_that_never_works_is_named_once_with_a_stat_after_its_tries(fault_crawl, fault, code, detail, tries):
    crawl, server, stats = fault_crawl
    path = page_path(FAULTS[fault])
    lines = [line for line in crawl.log.splitlines() if f"Page not read: http://127.0.0.1:{server.httpd.server_address[1]}{path} " in line]
    assert len(lines) == 1 and "WARNING" in lines[0] and detail in lines[0]
    assert stats[f"gxcrawl/failed/{code}"] >= 1
    assert fetches(server, path) == tries  # retried three times, or (challenges) not at all


def test_failure_stats_count_each_page_given_up_on(fault_crawl):
    _, _, stats = fault_crawl
    failed = {key.removeprefix("gxcrawl/failed/"): value for key, value in stats.items() if key.startswith("gxcrawl/failed/")}
    assert failed == {"http_500": 1, "connection_lost": 1, "timeout": 2, "redirect_loop": 1, "blocked_by_challenge": 2,
                      "forbidden_by_robots": 1}


def test_retries_back_off(fault_crawl):
    _, server, _ = fault_crawl
    times = fetch_times(server, page_path(FAULTS["500_always"]))
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    # GXCRAWL_RETRY_BACKOFF=0.1: the retries wait 0.1 s, 0.2 s and 0.4 s.
    assert len(gaps) == 3 and all(gap >= 0.1 * 2**n for n, gap in enumerate(gaps))


def test_challenges_name_the_site_once(fault_crawl):
    crawl, server, stats = fault_crawl
    site = f"127.0.0.1:{server.httpd.server_address[1]}"
    assert crawl.log.count(f"Site {site} answers with a 加速乐-style JavaScript challenge") + crawl.log.count(
        f"Site {site} answers with a 瑞数-style JavaScript challenge") == 1
    assert stats["gxcrawl/blocked_by_challenge"] == 2


def test_pagination_traps_are_cut_with_a_log_line(fault_crawl):
    crawl, server, stats = fault_crawl
    repeating = sum(1 for hit in server.requests if hit.path.startswith("/zwgk/gknb2019/"))
    calendar = sum(1 for hit in server.requests if hit.path.startswith("/zwgk/ndbg/"))
    assert repeating == 1 + 40  # the column's first page and GXCRAWL_MAX_LIST_PAGES more
    assert calendar <= 6
    assert stats["gxcrawl/trap/repeated_list_page"] == 40  # each further page repeats the first one's rows
    assert re.search(r"WARNING: List-page limit reached on http://\S+/zwgk/gknb2019/: only 40 further pages", crawl.log)
    assert re.search(r"WARNING: Column-link chain cut at http://\S+/zwgk/ndbg/\?date=2021-01-\d\d: 6 columns deep", crawl.log)


@pytest.mark.parametrize("fault, warning", [
    ("html_error_page", r"not_a_document: http://\S+\.pdf \(an HTML page, kept under quarantine/\)"),
    ("truncated_pdf", r"corrupt_file: http://\S+\.pdf \(.+\)"),
    ("encrypted_pdf", r"encrypted_file: http://\S+\.pdf \(.+\)"),
    ("docx_zip_bomb", r"oversized_file: http://\S+\.docx \(268435485 bytes unzipped, over the 209715200 limit\)"),
    ("oversized", r"oversized_file: http://\S+\.pdf \(larger than DOWNLOAD_MAXSIZE .+\)"),
    ("missing_attachment", r"download_failed: http://\S+\.pdf \(HTTP 404\)"),
    ("empty_attachment", r"empty_file: http://\S+\.pdf \(the portal served an empty file\)"),
])
def test_a_bad_attachment_is_a_warning_and_the_report_is_kept(fault_crawl, fault, warning):
    crawl, _, _ = fault_crawl
    item = item_of(crawl, fault)
    [only] = item["warnings"]
    assert re.fullmatch(warning, only)
    assert item["source"] == item["url"]  # the page itself, the attachment being unreadable
    attachments = item["files"][1:]
    if fault in ("oversized", "missing_attachment", "empty_attachment"):
        assert attachments == []  # nothing to store
    else:
        [stored] = attachments
        assert stored["status"] == "quarantined" and stored["path"].startswith("quarantine/")
        assert (crawl.workdir / "output" / "files" / stored["path"]).is_file()


@pytest.mark.parametrize("fault", ["wrong_content_type", "no_content_type"])
def test_an_attachment_type_comes_from_its_bytes_not_its_content_type(fault_crawl, fault):
    crawl, _, _ = fault_crawl
    item = item_of(crawl, fault)
    assert [f["type"] for f in item["files"]] == ["html", "pdf"]
    assert item["source"].endswith(".pdf") and item["warnings"] == []


@pytest.mark.parametrize("fault, name, original", [
    ("name_parent_dirs", "report.pdf", "../../../etc/cron.d/report.pdf"),
    ("name_absolute", "passwd.pdf", "/etc/passwd.pdf"),
    ("name_nul", "report.exe.pdf", "report\x00.exe.pdf"),
    ("name_gbk_bytes", "2020年度报告.pdf", None),
])
def test_hostile_file_names_are_cleaned_and_kept_as_metadata(fault_crawl, fault, name, original):
    crawl, _, _ = fault_crawl
    [stored] = item_of(crawl, fault)["files"][1:]
    assert stored["name"] == name and stored.get("original_name") == original
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{64}\.pdf", stored["path"])


def test_no_file_lands_outside_the_files_store(fault_crawl):
    crawl, _, _ = fault_crawl
    outside = {str(path.relative_to(crawl.workdir)).removesuffix("-wal").removesuffix("-shm")
               for path in crawl.workdir.rglob("*")
               if path.is_file() and path.relative_to(crawl.workdir).parts[:2] != ("output", "files")}
    assert outside == {"output/reports.jsonl", "output/metrics.csv", "output/state.sqlite", "output/stats.json",
                       "output/failed_reports.jsonl"}
    assert not Path("/etc/cron.d/report.pdf").exists() and not Path("/etc/passwd.pdf").exists()


def test_offsite_and_non_http_links_are_never_fetched(fault_crawl):
    crawl, _, stats = fault_crawl
    assert "example.gov.cn" not in crawl.log and "file:///" not in crawl.log and "javascript:" not in crawl.log
    assert not any(key.startswith(("gxcrawl/failed/dns", "gxcrawl/failed/ignored")) for key in stats)


def test_robots_txt_is_obeyed(fault_crawl):
    crawl, server, stats = fault_crawl
    assert fetches(server, page_path(FAULTS["robots_disallowed"])) == 0
    assert stats["robotstxt/forbidden"] == 1


def test_requests_name_the_project_in_their_user_agent(fault_crawl):
    _, server, _ = fault_crawl
    assert {hit.user_agent for hit in server.requests} == {
        "gxcrawl/0.1 (+https://pypi.org/project/gxcrawl/; government annual-report research crawler)"}


def test_after_enough_challenges_a_site_is_left_alone(tmp_path):
    with DemoServer(site=DemoSite(faults=True)) as server:
        crawl = run_crawl(tmp_path, "-a", f"start_urls={server.url}", *SETTINGS, "-s", "GXCRAWL_CHALLENGE_LIMIT=1")
    stats = json.loads((tmp_path / "output" / "stats.json").read_text("utf-8"))
    assert stats["finish_reason"] == "finished" and stats["gxcrawl/blocked/dropped"] >= 1
    assert "Backing off from 127.0.0.1:" in crawl.log
    # After the first challenge only what was already in the downloader (CONCURRENT_REQUESTS) goes out.
    challenged = next(i for i, hit in enumerate(server.requests)
                      if hit.path in (page_path(FAULTS["challenge_412"]), page_path(FAULTS["challenge_521"])))
    assert len(server.requests) - (challenged + 1) <= 16 and stats["gxcrawl/blocked/dropped"] >= 1


def test_a_fault_crawl_killed_half_way_resumes_to_every_good_report_once(tmp_path):
    with DemoServer(site=DemoSite(faults=True)) as server:
        args = ["-a", f"start_urls={server.url}", *SETTINGS, "-s", "JOBDIR=job"]
        process = subprocess.Popen([*CRAWL, *args, "-s", "LOG_FILE=crawl.log"], cwd=tmp_path, env=CRAWL_ENV)
        try:
            wait_for(lambda: reports_found(tmp_path) >= 8, process)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        finally:
            process.kill()
        assert reports_recorded(tmp_path) < 8, "stopped too late to test a resume"
        resumed = run_crawl(tmp_path, *args)
    with sqlite3.connect(tmp_path / "output" / "state.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert index_nos(resumed.items()) == GOOD_REPORTS
    assert "was killed, not paused" in resumed.log


def test_report_pages_given_up_on_are_logged_for_coverage(fault_crawl):
    crawl, _, stats = fault_crawl
    lines = [json.loads(line) for line in (crawl.workdir / "output" / "failed_reports.jsonl").read_text("utf-8").splitlines()]
    reasons = {}
    for line in lines:
        reasons[line["reason"]] = reasons.get(line["reason"], 0) + 1
    failed = {key.removeprefix("gxcrawl/failed/"): value for key, value in stats.items() if key.startswith("gxcrawl/failed/")}
    assert reasons == failed  # every page given up on in this portal is a report page
    assert all(line["year"] == 2020 and "故障县" in line["title"] and line["portal"] == "127.0.0.1" for line in lines)


def test_coverage_shows_the_failed_agency_years(fault_crawl):
    crawl, _, _ = fault_crawl
    result = subprocess.run([*CRAWL[:-2], "coverage", "--years", "2019-2020", "--csv", "coverage.csv"],
                            cwd=crawl.workdir, env=CRAWL_ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:] if line.strip() and "故障县" in line}
    assert sum(marks == [".", "x"] for marks in rows.values()) == 8
    assert sum(marks == [".", "+"] for marks in rows.values()) == sum(fault.found for fault in FAULT_ARTICLES)
    table = (crawl.workdir / "coverage.csv").read_text("utf-8-sig").splitlines()
    assert table[0] == "agency,2019,2020" and sum(line.endswith(",missing,failed") for line in table) == 8
