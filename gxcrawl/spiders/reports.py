"""The ``reports`` spider: find annual-report pages on a portal and hand their files to the pipelines.

It navigates only: which links are list rows, further pages, metadata and attachments is the portal
family's knowledge (:mod:`gxcrawl.portals`); what a report title looks like is :mod:`gxcrawl.classify`.

Every request carries the site it belongs to (the host of its start URL): links and attachments
elsewhere are not followed. In distributed mode (``REDIS_URL``) start URLs also come from the shared
Redis queue ``reports:start_urls``, so sites are learnt as URLs arrive, by whichever worker.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any, AsyncIterator, Iterator
from urllib.parse import parse_qsl, urlsplit

import scrapy
from form2request import form2request
from scrapy import signals
from scrapy.http import JsonRequest, Response, TextResponse
from scrapy_redis.spiders import RedisMixin
from twisted.python.failure import Failure

from gxcrawl import classify, portals, registry
from gxcrawl.demo import DemoServer
from gxcrawl.distributed import distributed_settings
from gxcrawl.failures import failure_reason
from gxcrawl.indexno import is_well_formed, normalise_index_no
from gxcrawl.items import ReportItem
from gxcrawl.portals import FollowUp, Link, Page, ReportPage
from gxcrawl.portals.discovery import report_candidates
from gxcrawl.portals.search import scripted_search_url, search_form
from gxcrawl.portals.metadata import iso_date
from gxcrawl.signals import request_failed

SITE = "gxcrawl_site"
COLUMN = "gxcrawl_column"  # the first page of the column a list page belongs to
HOPS = "gxcrawl_column_hops"  # column links followed from the start URL to this page
REPORT_LIST = "gxcrawl_report_list"  # the page is a list of reports (a report column, search results)
SENT = "gxcrawl_sent"  # what a POSTed list page was asked with (Page.sent)
SECTION_DEPTH = 2  # 信息公开 section links are followed from the start page and the sections it links


def on_site(url: str, site: str) -> bool:
    """An http(s) URL on the site's host or one of its subdomains, whatever the port."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and (host == site or host.endswith("." + site))


class ReportsSpider(RedisMixin, scrapy.Spider):
    name = "reports"

    def __init__(self, portal: str | None = None, start_urls: str | None = None, province: str | None = None,
                 level: str | None = None, **kwargs: Any) -> None:
        """``portal=demo``: the embedded demo portal. ``portal=NAME``, ``province=…``, ``level=…``:
        the registry's portals matching them all. ``start_urls``: any sites, comma-separated."""
        super().__init__(**kwargs)
        self.portal = portal
        self.start_urls = [url.strip() for url in (start_urls or "").split(",") if url.strip()]
        self.site_names: dict[str, str] = {}  # site → the registry's name for it
        self.site_families: dict[str, str] = {}  # site → the CMS family the registry names
        if portal != "demo" and (portal or province or level):
            for entry in registry.select(portal, province, level):
                self.start_urls.append(entry.url)
                self.site_names[entry.host] = entry.name
                if entry.family:
                    self.site_families[entry.host] = entry.family
        for url in self.start_urls:
            check_start_url(url)
        self.allowed_domains = sorted({urlsplit(url).hostname for url in self.start_urls})
        self.site_pages: defaultdict[str, set[str]] = defaultdict(set)  # navigation URLs requested per site
        self.demo: DemoServer | None = None
        self.list_pages: Counter[str] = Counter()  # further pages requested per column
        self.list_rows: defaultdict[str, set[int]] = defaultdict(set)  # rows seen per column
        self.trap_logged: set[tuple[str, str]] = set()
        self.start_reports: set[str] = set()  # start URLs read as reports

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        super().update_settings(settings)
        # Scrapy merges FEEDS across priorities; the default applies only when nothing else is asked for.
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", settings.getdict("GXCRAWL_DEFAULT_FEEDS"), priority="spider")
        if settings.get("REDIS_URL"):
            settings.setdict(distributed_settings(settings), priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ReportsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        distributed = bool(crawler.settings.get("REDIS_URL"))
        spider.max_list_pages = crawler.settings.getint("GXCRAWL_MAX_LIST_PAGES")
        spider.max_column_hops = crawler.settings.getint("GXCRAWL_MAX_COLUMN_HOPS")
        spider.site_budget = crawler.settings.getint("GXCRAWL_SITE_BUDGET")
        if spider.portal == "demo":
            spider.demo = DemoServer().start()
            crawler.signals.connect(spider.demo.stop, signal=signals.spider_closed)
            spider.start_urls = [spider.demo.url]
            spider.allowed_domains = [urlsplit(spider.demo.url).hostname]
        elif not spider.start_urls and not distributed:
            raise ValueError("the reports spider needs -a portal=demo, -a portal=NAME / province=… / level=… "
                             "from the registry (scrapy portals), or -a start_urls=URL[,URL...]")
        if distributed:
            # Sites arrive with the queued URLs: each request is scoped by its own site instead.
            spider.allowed_domains = []
            spider.setup_redis(crawler)
            crawler.signals.connect(spider._busy, signal=signals.response_received)
            spider._busy()  # a worker waits MAX_IDLE_TIME_BEFORE_CLOSE from its start for its first work
        return spider

    def _busy(self) -> None:
        # scrapy-redis counts MAX_IDLE_TIME_BEFORE_CLOSE from the last start URL it read (or from the
        # import); a crawl longer than that would close at its first idle moment. Count from the
        # worker's start and its last response.
        self.spider_idle_start_time = int(time.time())

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield self.start_request(url)
        if self.server is not None:
            for request in self.next_requests():
                yield request

    def start_request(self, url: str) -> scrapy.Request:
        # Start URLs are fetched even when seen before: a re-crawl starts again from the top.
        return self._request(url, self.parse, urlsplit(url).hostname, dont_filter=True)

    def _request(self, url: str, callback: Any, site: str, *, request_class: type[scrapy.Request] = scrapy.Request,
                 **kwargs: Any) -> scrapy.Request:
        """Every request of the crawl: scoped to its site, its failure reported by :meth:`failed`."""
        meta = {SITE: site} | kwargs.pop("meta", {})
        return request_class(url, callback=callback, errback=self.failed, meta=meta, **kwargs)

    def make_request_from_data(self, data: bytes) -> scrapy.Request | list:
        """A start URL pushed to Redis: the URL itself, or JSON ``{"url": …}``."""
        try:
            text = data.decode(self.redis_encoding).strip()
            url = json.loads(text)["url"] if text.startswith("{") else text
            check_start_url(url)
        except (ValueError, KeyError, TypeError, AttributeError) as error:  # a bad entry must not stop the worker
            self.logger.error("Ignoring start URL from Redis %r: %s", data[:200], error)
            return []
        return self.start_request(url)

    def parse(self, response: Response) -> Any:
        """A list page, column page, home page or search result: report links, further pages,
        report columns and 信息公开 sections; from the start page also the site search.

        Only report lists are paginated: columns reached as such, or lists showing a report.
        Endless pagination is bounded three ways: ``GXCRAWL_MAX_LIST_PAGES`` further pages per
        column, ``GXCRAWL_MAX_COLUMN_HOPS`` column links in a chain from the start URL (calendars),
        ``GXCRAWL_SITE_BUDGET`` navigation pages per site."""
        if not isinstance(response, TextResponse) or SITE not in response.meta:
            return  # the data: response that releases held reports (gxcrawl.dedup), or a file
        page = Page(response.url, response.text, response.meta.get(SENT))
        family = portals.detect(page, self.site_families.get(response.meta[SITE]))
        yield from self._read_list(response, page, family, family.list_links(page))

    def _read_list(self, response: TextResponse, page: Page, family: portals.Family, rows: list[Link]) -> Any:
        """:meth:`parse` on a page already read: its family and list rows."""
        site, hops = response.meta[SITE], response.meta.get(HOPS, 0)
        column = response.meta.get(COLUMN, response.url)
        known = {row.url for row in rows}
        if hops == 0 and (report := self._start_report(family, page, rows)) is not None:
            if (item := self._report_item(response, report, Link(response.url, report.title))) is not None:
                yield item
            known |= {link.url for link in report.attachments}  # its own files, not other reports
        candidates = report_candidates(page, known)
        candidate_urls = {link.url for link in candidates}
        rows = [row for row in rows if row.url not in candidate_urls]  # a 年报汇总 page's rows: candidates, titled by the page
        lists_reports = False
        for link in rows:
            if self._is_report(link.title):
                lists_reports = True
                if not classify.report_year(link.title):
                    candidates.append(link)  # 政府信息公开年报: a report titled without its year, or a column
                elif on_site(link.url, site) and link.url not in self.start_reports:
                    yield self._request(link.url, self.parse_report, site, cb_kwargs={"listed": link})
        for link in candidates:
            if on_site(link.url, site) and link.url not in self.start_reports and self._within_budget(site, link.url):
                yield self._request(link.url, self.parse_candidate, site, cb_kwargs={"listed": link},
                                    meta={COLUMN: link.url, HOPS: hops + 1, REPORT_LIST: True})
        if rows and self._repeats(column, rows):
            return
        if response.meta.get(REPORT_LIST) or not rows or lists_reports:
            for follow_up in family.next_pages(page):
                if (on_site(follow_up.url, site) and self._within_list_pages(column)
                        and self._within_budget(site, follow_up.identity)):
                    yield self._list_request(follow_up, site, column, hops)
        if page.json_data is None:  # a JSON answer's links are its rows alone
            yield from self._column_requests(page, site, hops)
        if hops == 0 and (search := self._site_search(response, page, site)) is not None:
            yield search

    def _start_report(self, family: portals.Family, page: Page, rows: list[Link]) -> ReportPage | None:
        """A start page that is a report itself (the registry cites some portals by a report page),
        read as one; discovery goes on from it all the same. A page that lists rows is a report
        only when its URL has its family's article shape (a report linking the previous one)."""
        report = family.read_report(page)
        if not _is_one_years_report(report) or (rows and not family.is_article(page)):
            return None
        self.start_reports.add(page.url)  # its links from lists are not fetched again
        return report

    def _column_requests(self, page: Page, site: str, hops: int) -> Iterator[scrapy.Request]:
        """The report columns a page links, and near the start page its 信息公开 sections."""
        for anchor in page.selector.css("a[href]"):
            url = page.urljoin(anchor.attrib["href"])
            text = " ".join(anchor.css("::text").getall())
            # Sections are looked for near the start page only: deeper, every page's menu links them.
            section = hops < SECTION_DEPTH and classify.is_disclosure_section(text, url)
            if on_site(url, site) and (section or (report_column := classify.is_report_column(text, url))):
                if self._within_column_hops(hops, url) and self._within_budget(site, url):
                    yield self._request(url, self.parse, site, meta={COLUMN: url, HOPS: hops + 1, REPORT_LIST: report_column})

    def parse_candidate(self, response: Response, listed: Link) -> Any:
        """A link that may be a report or a list of reports (titled like one, or an agency's link
        on a 年报汇总 page): a page that lists rows, whose own title is not one year's report and
        whose URL is not an article's, is a list."""
        if not isinstance(response, TextResponse):  # the report file itself
            yield from self.parse_report(response, listed, exact=False)
            return
        page = Page(response.url, response.text)
        family = portals.detect(page, self.site_families.get(response.meta[SITE]))
        report = family.read_report(page)
        if not (_is_one_years_report(report) or family.is_article(page)) and (rows := family.list_links(page)):
            yield from self._read_list(response, page, family, rows)
        elif (item := self._report_item(response, report, listed, exact=False)) is not None:
            yield item

    def _site_search(self, response: TextResponse, page: Page, site: str) -> scrapy.Request | None:
        """The site's own search asked for annual reports: its GET or POST search form, or else the
        search page a script opens; its results are read like a report list."""
        meta = {SITE: site, COLUMN: f"search:{site}", HOPS: 1, REPORT_LIST: True}
        request = None
        if (found := search_form(response.selector)) is not None:
            form, field = found
            submission = form2request(form, {field: classify.SEARCH_QUERY}, click=False)
            if submission.method == "POST":  # the result page's script needs the form's fields, not in its URL
                meta |= {SENT: dict(parse_qsl(submission.body.decode())), "dont_cache": True}
            try:
                request = submission.to_scrapy(callback=self.parse, errback=self.failed, meta=meta)
            except ValueError as error:  # an action no URL parser accepts: the script may still tell
                self.logger.debug("Search form of %s not usable: %s", response.url, error)
        if request is None and (url := scripted_search_url(page)) is not None:
            request = self._request(url, self.parse, site, meta=meta)
        if request is None:
            return None
        if not (on_site(request.url, site) and self._within_budget(site, request.url)):
            return None
        self.crawler.stats.inc_value("gxcrawl/discovery/site_search")
        return request

    def _is_report(self, title: str) -> bool:
        """Whether a title is a report; a look-alike is counted by its kind, anything else as
        not_a_report."""
        if classify.is_annual_report(title):
            return True
        self.crawler.stats.inc_value("gxcrawl/skipped/not_a_report")
        if kind := classify.lookalike(title):
            self.crawler.stats.inc_value(f"gxcrawl/skipped/lookalike/{kind}")
        return False

    def _within_budget(self, site: str, url: str) -> bool:
        seen = self.site_pages[site]
        if url in seen or len(seen) < self.site_budget:
            seen.add(url)
            return True
        self._trap("site_budget", site, "Navigation budget of %s spent: %d pages (GXCRAWL_SITE_BUDGET); "
                   "the rest of the site is not explored", site, self.site_budget)
        return False

    def _list_request(self, follow_up: FollowUp, site: str, column: str, hops: int) -> scrapy.Request:
        """A further list page: a GET, or a POST of a form (Hanweb's dataproxy.jsp and jsearch) or
        of a JSON body (TRS IGS search). POST answers are not cached: a search or a list query
        answers anew each run, and servers do not revalidate POSTs."""
        meta = {COLUMN: column, HOPS: hops, REPORT_LIST: True}
        if follow_up.json is not None:
            return self._request(follow_up.url, self.parse, site, request_class=JsonRequest, data=follow_up.json,
                                 meta=meta | {SENT: follow_up.json, "dont_cache": True})
        if follow_up.method == "POST":
            return self._request(follow_up.url, self.parse, site, request_class=scrapy.FormRequest,
                                 formdata=follow_up.formdata or {}, meta=meta | {SENT: follow_up.formdata or {}, "dont_cache": True})
        return self._request(follow_up.url, self.parse, site, meta=meta)

    def _within_list_pages(self, column: str) -> bool:
        self.list_pages[column] += 1
        if self.list_pages[column] <= self.max_list_pages:
            return True
        self._trap("list_page_limit", column, "List-page limit reached on %s: only %d further pages are read "
                   "(GXCRAWL_MAX_LIST_PAGES); an endless pagination?", column, self.max_list_pages)
        return False

    def _within_column_hops(self, hops: int, url: str) -> bool:
        if hops < self.max_column_hops:
            return True
        self._trap("column_hop_limit", urlsplit(url).netloc, "Column-link chain cut at %s: %d columns deep "
                   "(GXCRAWL_MAX_COLUMN_HOPS); a calendar or other endless links?", url, self.max_column_hops)
        return False

    def _repeats(self, column: str, links: list[Link]) -> bool:
        """A list page whose rows an earlier page of its column showed already (portals answer any
        page number past the end with the last page)."""
        rows = hash(tuple(link.url for link in links))
        if rows not in self.list_rows[column]:
            self.list_rows[column].add(rows)
            return False
        self._trap("repeated_list_page", column, "List pages of %s repeat rows already seen: their links are "
                   "not followed again", column)
        return True

    def _trap(self, kind: str, where: str, message: str, *args: Any) -> None:
        """Count every occurrence; log once per place."""
        self.crawler.stats.inc_value(f"gxcrawl/trap/{kind}")
        if (kind, where) not in self.trap_logged:
            self.trap_logged.add((kind, where))
            self.logger.warning(message, *args)

    def failed(self, failure: Failure) -> None:
        """A page given up on (retries spent, timeout, redirect loop, challenge, robots.txt): one
        line naming it and why, and a stat per cause; the crawl goes on."""
        request = failure.request
        reason = failure_reason(failure)
        self.crawler.stats.inc_value(f"gxcrawl/failed/{reason.code}")
        log = self.logger.info if reason.expected else self.logger.warning
        log("Page not read: %s (%s)", request.url, reason.detail)
        self.crawler.signals.send_catch_log(request_failed, request=request, reason=reason)

    def portal_name(self, site: str) -> str:
        """What the outputs call a site's portal: demo, the registry's name for it, or its host."""
        return "demo" if self.portal == "demo" else self.site_names.get(site, site)

    def parse_report(self, response: Response, listed: Link, exact: bool = True) -> Any:
        """A report page, or the report file a list links. ``exact``: the list's title for the link
        is the report's own (not made up from a 年报汇总 page), so it stands in for a page heading
        that is only the site's name or logo."""
        if not isinstance(response, TextResponse):  # a list that links the report file itself
            yield self._item(response, listed.title, {}, [])
            return
        page = Page(response.url, response.text)
        report = portals.detect(page, self.site_families.get(response.meta[SITE])).read_report(page)
        if (item := self._report_item(response, report, listed, exact)) is not None:
            yield item

    def _report_item(self, response: TextResponse, report: ReportPage, listed: Link, exact: bool = True) -> ReportItem | None:
        """:meth:`parse_report` on a page already read; None when it is no report after all."""
        title = report.title or listed.title
        if exact and not classify.is_annual_report(title) and classify.lookalike(title) is None:
            title = listed.title
        if not self._is_report(title):
            return None
        metadata = report.metadata
        if not metadata.get("published") and (listed_date := iso_date(listed.date)):
            metadata["published"] = listed_date
        return self._item(response, title, metadata, [link.url for link in report.attachments], report.body)

    def _item(self, response: Response, title: str, metadata: dict[str, str], attachments: list[str],
              body: str | None = None) -> ReportItem:
        """The report item; ``body``: the report's HTML when the page holds it in a script."""
        site = response.meta[SITE]
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        item = ReportItem(
            url=response.url,
            title=title,
            portal=self.portal_name(site),
            crawled_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            index_no=normalise_index_no(metadata.get("index_no")),
            agency=metadata.get("agency"),
            category=metadata.get("category"),
            doc_no=metadata.get("doc_no"),
            published=metadata.get("published"),
            year=classify.report_year(title),
            page_body=response.body if body is None else body.encode(),
            page_headers={"Content-Type": content_type if body is None else "text/html; charset=utf-8"},
        )
        if item.index_no and not is_well_formed(item.index_no):
            item.warnings.append(f"malformed_index_no: {item.index_no}")
            self.crawler.stats.inc_value("gxcrawl/malformed_index_no")
        for url in attachments:
            if on_site(url, site):
                item.file_urls.append(url)
            else:
                item.warnings.append(f"offsite_attachment_refused: {url}")
                self.crawler.stats.inc_value("gxcrawl/offsite_attachment_refused")
        self.crawler.stats.inc_value("gxcrawl/reports_found")
        self.logger.info("Report found: %s <%s>", title, response.url)
        return item


def _is_one_years_report(report: ReportPage) -> bool:
    """Whether a page's own title is one year's annual report (not a column of them)."""
    return classify.is_annual_report(report.title) and classify.report_year(report.title) is not None


def check_start_url(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ValueError(f"start URL {url!r} is not an http(s) URL")
