"""Downloader middlewares for hostile portals: retries that back off, redirects to the page itself,
anti-bot challenges reported."""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response

from gxcrawl.failures import Blocked, RedirectLoop

logger = logging.getLogger(__name__)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, each one later than the one before: a portal answering 503 is overloaded,
    and asking again at once is what gets crawlers banned.

    The n-th retry of a request waits ``GXCRAWL_RETRY_BACKOFF`` × 2ⁿ⁻¹ seconds (at most
    ``GXCRAWL_RETRY_BACKOFF_MAX``). A waiting retry keeps its place among ``CONCURRENT_REQUESTS``:
    other requests go on beside it, but a crawl where most pages fail slows down with them, which
    is what a struggling portal needs.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("GXCRAWL_RETRY_BACKOFF")
        self.cap = settings.getfloat("GXCRAWL_RETRY_BACKOFF_MAX")

    async def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        return await self._later(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> Request | Response | None:
        return await self._later(super().process_exception(request, exception))

    async def _later(self, result: Any) -> Any:
        if isinstance(result, Request) and self.base > 0:
            await asyncio.sleep(min(self.base * 2 ** (result.meta["retry_times"] - 1), self.cap))
        return result


# What the challenge pages of the anti-bot services on government sites carry: 瑞数 (HTTP 412 or 202,
# a $_ts script), 加速乐 (HTTP 521, a script setting __jsl_clearance), and the generic cookie-then-reload.
CHALLENGE_STATUSES = {202, 412, 521}
CHALLENGE_MARKERS = re.compile(rb"\$_ts\s*=|__jsl_clearance|document\.cookie\s*=")
SERVICES = {412: "瑞数-style", 202: "瑞数-style", 521: "加速乐-style"}


class ChallengeMiddleware:
    """Detect JavaScript cookie challenges and report them; never answer or retry them.

    Solving them is out of scope. Each challenged page fails as ``blocked_by_challenge``; after
    ``GXCRAWL_CHALLENGE_LIMIT`` challenges from one site, the site's remaining requests are dropped
    rather than sent to a server that has said it takes the crawler for a bot.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.limit = crawler.settings.getint("GXCRAWL_CHALLENGE_LIMIT")
        self.challenges: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Any) -> ChallengeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        site = urlsplit(request.url).netloc
        if self.limit and self.challenges[site] >= self.limit:
            self.crawler.stats.inc_value("gxcrawl/blocked/dropped")
            raise Blocked(f"{site} challenged the crawler {self.challenges[site]} times; its requests are dropped")

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if response.status not in CHALLENGE_STATUSES or not CHALLENGE_MARKERS.search(response.body[:65536]):
            return response
        site = urlsplit(request.url).netloc
        self.challenges[site] += 1
        self.crawler.stats.inc_value("gxcrawl/blocked_by_challenge")
        service = SERVICES[response.status]
        if self.challenges[site] == 1:
            logger.warning("Site %s answers with a %s JavaScript challenge (HTTP %d): gxcrawl does not solve these; "
                           "such pages are skipped", site, service, response.status)
        if self.challenges[site] == self.limit:
            logger.warning("Backing off from %s: %d challenges; its remaining requests are dropped "
                           "(GXCRAWL_CHALLENGE_LIMIT)", site, self.limit)
        raise Blocked(f"{service} JavaScript challenge (HTTP {response.status}) from {site}")


SELF_REDIRECTS = "gxcrawl_self_redirects"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class SelfRedirectMiddleware:
    """A redirect to the very URL asked for: WAFs answer so while setting a cookie, and the page
    comes with the cookie. Scrapy's dupefilter would drop the repeated URL silently, so it is asked
    again here (the cookie jar adds the cookie), up to ``GXCRAWL_SELF_REDIRECTS`` times; a page that
    keeps doing it is a redirect loop. Before ``RedirectMiddleware`` (its number is higher), after
    ``CookiesMiddleware`` kept the cookie; requests that opt out of redirects are left alone."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    @classmethod
    def from_crawler(cls, crawler: Any) -> SelfRedirectMiddleware:
        return cls(crawler.settings.getint("GXCRAWL_SELF_REDIRECTS"))

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location or _no_redirects(request, response):
            return response
        if urljoin(request.url, location.decode("latin-1")) != request.url:
            return response
        times = request.meta.get(SELF_REDIRECTS, 0)
        if times >= self.limit:
            raise RedirectLoop(f"a redirect loop: the page redirects to itself, {times + 1} times (GXCRAWL_SELF_REDIRECTS)")
        return request.replace(dont_filter=True, meta={**request.meta, SELF_REDIRECTS: times + 1})


def _no_redirects(request: Request, response: Response) -> bool:
    """What makes Scrapy's RedirectMiddleware leave a response alone."""
    meta = request.meta
    return bool(meta.get("dont_redirect") or meta.get("handle_httpstatus_all")
                or response.status in meta.get("handle_httpstatus_list", ()))
