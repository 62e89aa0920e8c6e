"""Consecutive crawls of the demo portal against one state file: only what is new, once."""

from __future__ import annotations

import json

import pytest

from gxcrawl.demo import DemoServer
from gxcrawl.demo.site import DemoSite
from tests.conftest import run_crawl

CHANGDE = 1421075  # the 常德 2013 report's article id on the demo portal
CORRECTION = "更正说明：2014年4月2日对本报告第二部分数据进行了更正。"


def stats(workdir) -> dict:
    return json.loads((workdir / "output" / "stats.json").read_text("utf-8"))


def new_lines(workdir, before: int) -> list[dict]:
    lines = (workdir / "output" / "reports.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines[before:]]


@pytest.fixture(scope="module")
def three_crawls(tmp_path_factory):
    """First crawl, a second one unchanged, a third after one report was corrected on the portal."""
    workdir = tmp_path_factory.mktemp("incremental")
    results = []
    with DemoServer() as server:
        for _ in range(2):
            run_crawl(workdir, "-a", f"start_urls={server.url}")
            results.append(stats(workdir))
    with DemoServer(site=DemoSite(corrections={CHANGDE: CORRECTION})) as server:
        run_crawl(workdir, "-a", f"start_urls={server.url}")
        results.append(stats(workdir))
    return workdir, results


def test_first_crawl_emits_every_report_once(three_crawls):
    workdir, (first, _, _) = three_crawls
    items = new_lines(workdir, 0)[: first["item_scraped_count"]]
    assert len(items) == 11 and len({item["index_no"] for item in items}) == 11  # one has no 索引号
    assert first["gxcrawl/dedup/merged_in_run"] == 1
    assert first["file_count"] == 5


def test_second_crawl_emits_nothing_and_downloads_no_attachment(three_crawls):
    _, (_, second, _) = three_crawls
    assert "item_scraped_count" not in second
    assert "file_count" not in second
    assert second["gxcrawl/dedup/skipped_known"] == 12  # every page of every report
    assert second["gxcrawl/dedup/attachments_not_downloaded"] == 5


def test_second_crawl_revalidates_pages_instead_of_downloading_them(three_crawls):
    _, (first, second, _) = three_crawls
    # Every page with validators is cached (robots.txt's 404 and the data: release are not);
    # attachments and the search's POSTs bypass the cache. A download that broke (a loaded machine's
    # reset connection) may be a miss with nothing to store (its retry is stored), or a request the
    # cache never saw.
    cacheable = first["httpcache/miss"] - first["httpcache/uncacheable"]
    broken = first.get("downloader/exception_count", 0)
    assert cacheable - broken <= first["httpcache/store"] <= cacheable and first["httpcache/store"] > 0
    assert first["file_count"] == 5
    # The second crawl asks "changed since?" for each and gets 304 Not Modified.
    assert second["httpcache/revalidate"] == first["httpcache/store"]
    assert second.get("httpcache/miss", 0) <= 1


def test_third_crawl_emits_exactly_the_changed_report_as_an_update(three_crawls):
    workdir, (first, _, third) = three_crawls
    [update] = new_lines(workdir, first["item_scraped_count"])
    assert update["index_no"] == "430700ZJ/2014-00031"
    assert update["status"] == "update"
    assert CORRECTION in update["text"]
    assert third["gxcrawl/dedup/updated"] == 1 and third["gxcrawl/dedup/skipped_known"] == 11
