"""Parse each report's metrics from the document extraction kept (:mod:`gxcrawl.metrics`)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from itemadapter import ItemAdapter

from gxcrawl.metrics import parse_document

logger = logging.getLogger(__name__)


class MetricsPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> MetricsPipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        document = adapter.get("document")
        if document is None:
            return item  # nothing readable: the extraction pipeline said so
        adapter["document"] = None  # done with: the item travels on lighter
        try:
            result = await asyncio.to_thread(parse_document, document, title=adapter["title"], agency=adapter.get("agency"))
        except Exception as error:  # a parser bug must cost the figures of one report, not the report
            logger.exception("Metrics not parsed for %s", adapter["url"])
            adapter["warnings"].append(f"metrics_failed: {type(error).__name__}: {error}")
            self.crawler.stats.inc_value("gxcrawl/metrics/failed")
            return item
        adapter["metrics"], adapter["provenance"] = result.metrics, result.provenance
        # The report's own statement of its year beats the spider's reading of the title alone.
        adapter["year"] = result.year or adapter.get("year")
        adapter["agency"] = adapter.get("agency") or result.agency
        adapter["era"] = result.era
        adapter["warnings"].extend(result.warnings)
        stats = self.crawler.stats
        stats.inc_value("gxcrawl/metrics/reports_parsed")
        stats.inc_value("gxcrawl/metrics/values", len(result.metrics))
        if not result.metrics:
            stats.inc_value("gxcrawl/metrics/no_values")
        for warning in result.warnings:
            stats.inc_value(f"gxcrawl/metrics/{warning.partition(':')[0]}")
        return item
