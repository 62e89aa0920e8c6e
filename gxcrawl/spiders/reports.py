"""The ``reports`` spider: find annual-report pages on a portal and hand their files to the pipelines.

It navigates only: which links are list rows, further pages, metadata and attachments is the portal
family's knowledge (:mod:`gxcrawl.portals`); what a report title looks like is :mod:`gxcrawl.classify`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, AsyncIterator
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse

from gxcrawl import classify, portals
from gxcrawl.demo import DemoServer
from gxcrawl.indexno import is_well_formed, normalise_index_no
from gxcrawl.items import ReportItem
from gxcrawl.portals import FollowUp, Link, Page
from gxcrawl.portals.metadata import iso_date


class ReportsSpider(scrapy.Spider):
    name = "reports"

    def __init__(self, portal: str | None = None, start_urls: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if portal is None and not start_urls:
            raise ValueError("the reports spider needs -a portal=demo or -a start_urls=URL[,URL...]")
        if portal not in (None, "demo"):
            raise ValueError(f"unknown portal {portal!r}: the only portal shipped so far is 'demo'")
        self.portal = portal
        self.start_urls = [url.strip() for url in (start_urls or "").split(",") if url.strip()]
        for url in self.start_urls:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise ValueError(f"start URL {url!r} is not an http(s) URL")
        self.allowed_domains = sorted({urlsplit(url).hostname for url in self.start_urls})
        self.demo: DemoServer | None = None

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        super().update_settings(settings)
        # Scrapy merges FEEDS across priorities; the default applies only when nothing else is asked for.
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", settings.getdict("GXCRAWL_DEFAULT_FEEDS"), priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ReportsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.portal == "demo":
            spider.demo = DemoServer().start()
            crawler.signals.connect(spider.demo.stop, signal=signals.spider_closed)
            spider.start_urls = [spider.demo.url]
            spider.allowed_domains = [urlsplit(spider.demo.url).hostname]
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response) -> Any:
        """A list page, column page or home page: report links, further pages, report columns."""
        if not isinstance(response, TextResponse):
            return
        page = Page(response.url, response.text)
        family = portals.detect(page)
        for link in family.list_links(page):
            if classify.is_annual_report(link.title):
                yield response.follow(link.url, self.parse_report, cb_kwargs={"listed": link})
            else:
                self.crawler.stats.inc_value("gxcrawl/skipped/not_a_report")
        for follow_up in family.next_pages(page):
            yield self._list_request(follow_up)
        for anchor in page.selector.css("a[href]"):
            url = page.urljoin(anchor.attrib["href"])
            if classify.is_report_column(" ".join(anchor.css("::text").getall()), url):
                yield scrapy.Request(url, callback=self.parse)

    def _list_request(self, follow_up: FollowUp) -> scrapy.Request:
        if follow_up.method == "POST":
            return scrapy.FormRequest(follow_up.url, formdata=follow_up.formdata, callback=self.parse)
        return scrapy.Request(follow_up.url, callback=self.parse)

    def parse_report(self, response: Response, listed: Link) -> Any:
        if not isinstance(response, TextResponse):  # a list that links the report file itself
            yield self._item(response, listed.title, {}, [])
            return
        page = Page(response.url, response.text)
        report = portals.detect(page).read_report(page)
        title = report.title or listed.title
        if not classify.is_annual_report(title):
            self.crawler.stats.inc_value("gxcrawl/skipped/not_a_report")
            return
        metadata = report.metadata
        if not metadata.get("published") and (listed_date := iso_date(listed.date)):
            metadata["published"] = listed_date
        yield self._item(response, title, metadata, [link.url for link in report.attachments])

    def _item(self, response: Response, title: str, metadata: dict[str, str], attachments: list[str]) -> ReportItem:
        item = ReportItem(
            url=response.url,
            title=title,
            portal=self.portal or urlsplit(response.url).hostname,
            crawled_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            index_no=normalise_index_no(metadata.get("index_no")),
            agency=metadata.get("agency"),
            category=metadata.get("category"),
            doc_no=metadata.get("doc_no"),
            published=metadata.get("published"),
            year=classify.report_year(title),
            page_body=response.body,
            page_headers={"Content-Type": response.headers.get("Content-Type", b"").decode("latin-1")},
        )
        if item.index_no and not is_well_formed(item.index_no):
            item.warnings.append(f"malformed_index_no: {item.index_no}")
            self.crawler.stats.inc_value("gxcrawl/malformed_index_no")
        for url in attachments:
            if self._is_onsite(url):
                item.file_urls.append(url)
            else:
                item.warnings.append(f"offsite_attachment_refused: {url}")
                self.crawler.stats.inc_value("gxcrawl/offsite_attachment_refused")
        self.crawler.stats.inc_value("gxcrawl/reports_found")
        self.logger.info("Report found: %s <%s>", title, response.url)
        return item

    def _is_onsite(self, url: str) -> bool:
        """On an allowed host or its subdomains, whatever the port (Scrapy's helper compares ports too)."""
        host = urlsplit(url).hostname or ""
        return any(host == domain or host.endswith("." + domain) for domain in self.allowed_domains)
