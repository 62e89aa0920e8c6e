"""Small Scrapy extensions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured


class StatsFile:
    """Write the crawl's stats as JSON when it closes (``GXCRAWL_STATS_FILE``; empty to disable).

    Scheduled crawls have no one reading their log: this file is what monitoring reads.
    """

    def __init__(self, path: str, crawler: Any) -> None:
        self.path = Path(path)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> StatsFile:
        path = crawler.settings.get("GXCRAWL_STATS_FILE")
        if not path:
            raise NotConfigured
        extension = cls(path, crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, reason: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stats = self.crawler.stats.get_stats() | {"finish_reason": reason}
        self.path.write_text(json.dumps(stats, default=str, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
