"""Spider middleware: one report, one item, whatever the number of pages that publish it.

Report items leave the spider here, before any attachment is downloaded:

* a report emitted by an earlier run whose content is unchanged is dropped (no download);
* a changed one goes on as ``status: update``;
* reports of this run are held in the state store until the spider is idle, so when two pages
  publish one report the richer record (more attachments, then more text) is emitted, once, with
  the other pages in ``also_published_at``. Held reports are in SQLite: a killed crawl resumed
  with the same ``JOBDIR`` still emits them.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from typing import Any, AsyncIterator
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from gxcrawl.dedup.store import StateStore, open_state
from gxcrawl.extract.model import Document
from gxcrawl.extract.reader import read_bytes
from gxcrawl.filetypes import sniff
from gxcrawl.items import ReportItem

logger = logging.getLogger(__name__)
RELEASE = "gxcrawl_release_held_reports"


def page_document(item: ReportItem) -> Document | None:
    """The report page's article as extraction reads it (None if the page is not HTML): its text is
    what the fingerprint hashes, so markup-only changes are not changes."""
    body = item.page_body or b""
    kind = sniff(body, item.page_headers.get("Content-Type", ""))
    return read_bytes(body, "html") if kind == "html" else None


def fingerprint(item: ReportItem, text: str) -> str:
    """The report's content: its page text (or bytes) and its attachments, wherever the host moves."""
    digest = hashlib.sha256(text.encode() if text else item.page_body or b"")
    for url in sorted(item.file_urls):
        parts = urlsplit(url)
        digest.update(f"\n{parts.path}?{parts.query}".encode())
    return digest.hexdigest()


class DedupMiddleware:
    def __init__(self, store: StateStore, crawler: Any) -> None:
        self.store = store
        self.crawler = crawler
        self.released: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupMiddleware:
        middleware = cls(open_state(crawler), crawler)
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        return middleware

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in result:
            if isinstance(output, ReportItem):
                self._offer(output)
            else:
                yield output
        if response.meta.get(RELEASE):
            # One record at a time: Scrapy pulls items as its pipelines have room (CONCURRENT_ITEMS),
            # so releasing thousands of held reports does not load them all at once.
            for key in self._unreleased():
                if not self.store.claim(key) or (candidate := self.store.candidate(key)) is None:
                    continue  # another worker is releasing it, or has emitted it
                item: ReportItem = pickle.loads(candidate.item)
                item.also_published_at = [url for url in candidate.urls if url != item.url]
                self.released.add(key)
                yield item

    def _unreleased(self) -> list[str]:
        return [key for key in self.store.held_keys() if key not in self.released]

    def _offer(self, item: ReportItem) -> None:
        stats = self.crawler.stats
        # Kept on the item: the extract pipeline takes the stored page's text from it, not reading it again.
        item.page_document = page_document(item)
        text = item.page_document.text() if item.page_document else ""
        item.fingerprint = fingerprint(item, text)
        item.dedup_key = f"index:{item.index_no}" if item.index_no else f"text:{item.fingerprint}"
        known = self.store.known(item.dedup_key)
        if known and item.fingerprint in known.fingerprints:
            self.store.touch(item.dedup_key, item.url)
            stats.inc_value("gxcrawl/dedup/skipped_known")
            stats.inc_value("gxcrawl/dedup/attachments_not_downloaded", len(item.file_urls))
            logger.debug("Known report, unchanged: %s <%s>", item.title, item.url)
            return
        item.status = "update" if known else "new"
        richness = len(item.file_urls) * 10**9 + len(text)
        if self.store.hold(item.dedup_key, richness, item.url, item.fingerprint, pickle.dumps(item)):
            stats.inc_value("gxcrawl/dedup/merged_in_run")
            logger.info("Same report on another page, merged: %s <%s>", item.title, item.url)

    def spider_idle(self) -> None:
        if self._unreleased():
            if self.store.others_busy():
                raise DontCloseSpider  # other workers may still find a richer copy of a held report
            # A data: request costs no network; its response brings the held reports out.
            self.crawler.engine.crawl(Request("data:,", meta={RELEASE: True}, dont_filter=True))
            raise DontCloseSpider
