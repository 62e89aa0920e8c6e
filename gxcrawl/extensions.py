"""Small Scrapy extensions."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from gxcrawl import classify
from gxcrawl.spiders.reports import SITE
from gxcrawl import signals as gxcrawl_signals


class _OutputFile:
    """An extension writing one output file, named by a setting (empty: the extension is off)."""

    setting: str

    def __init__(self, path: str, crawler: Any) -> None:
        self.path = Path(path)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> _OutputFile:
        path = crawler.settings.get(cls.setting)
        if not path:
            raise NotConfigured
        extension = cls(path, crawler)
        extension.connect(crawler.signals)
        return extension

    def connect(self, signal_manager: Any) -> None:
        raise NotImplementedError


class StatsFile(_OutputFile):
    """Write the crawl's stats as JSON when it closes (``GXCRAWL_STATS_FILE``; empty to disable).

    Scheduled crawls have no one reading their log: this file is what monitoring reads.
    """

    setting = "GXCRAWL_STATS_FILE"

    def connect(self, signal_manager: Any) -> None:
        signal_manager.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_closed(self, reason: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stats = self.crawler.stats.get_stats() | {"finish_reason": reason}
        self.path.write_text(json.dumps(stats, default=str, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")


class FailedReportsLog(_OutputFile):
    """Append each report page given up on to ``GXCRAWL_FAILED_REPORTS_FILE`` (JSON lines, kept
    across runs; empty to disable): which agency-years a crawl could not read, for ``scrapy coverage``.

    A line is written as the failure happens, so a crash loses none.
    """

    setting = "GXCRAWL_FAILED_REPORTS_FILE"

    def connect(self, signal_manager: Any) -> None:
        signal_manager.connect(self.request_failed, signal=gxcrawl_signals.request_failed)

    def request_failed(self, request: Any, reason: Any) -> None:
        listed = request.cb_kwargs.get("listed")
        if listed is None:
            return  # a list or navigation page, not a report
        record = {
            "url": request.url,
            "title": listed.title,
            "year": classify.report_year(listed.title),
            "portal": self.crawler.spider.portal_name(request.meta[SITE]) if SITE in request.meta else None,
            "reason": reason.code,
            "failed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
