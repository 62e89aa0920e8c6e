"""MetricsPipeline: the source document's figures, year and template era onto the item."""

from __future__ import annotations

import asyncio

from scrapy.utils.test import get_crawler

from gxcrawl.extract.reader import read_file
from gxcrawl.items import ReportItem
from gxcrawl.pipelines.metrics import MetricsPipeline
from tests.conftest import ROOT

SEEDS = ROOT / "gxcrawl" / "demo" / "seeds"


def run(item: ReportItem) -> tuple[ReportItem, dict]:
    crawler = get_crawler()
    crawler.stats.open_spider()
    result = asyncio.run(MetricsPipeline.from_crawler(crawler).process_item(item))
    return result, crawler.stats.get_stats()


def item(**fields) -> ReportItem:
    return ReportItem(url="http://x.gov.cn/a.html", title="某局信息公开年报", portal="x", crawled_at="now", **fields)


def test_the_source_documents_figures_and_facts_fill_the_item():
    document = read_file(SEEDS / "001_ce1f8ef96d3daffd.txt")
    parsed, stats = run(item(document=document, agency="高港区住建局", year=2018))
    assert parsed.metrics["proactive.total"] == 480 and parsed.metrics["complaints.total"] == 675
    assert parsed.provenance["proactive.total"]["origin"] == "table"
    assert parsed.year == 2017  # the year the report covers, not the one the title was read as
    assert parsed.era == "pre2019" and parsed.agency == "高港区住建局"
    assert parsed.document is None  # not carried further than needed
    assert stats["gxcrawl/metrics/reports_parsed"] == 1 and stats["gxcrawl/metrics/values"] == len(parsed.metrics)


def test_an_item_without_a_readable_document_passes_untouched():
    parsed, stats = run(item(year=2019))
    assert parsed.metrics is None and parsed.year == 2019 and "gxcrawl/metrics/reports_parsed" not in stats
